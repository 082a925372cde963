/* h_account.c: the user's own account (/account): change the password (the
 * current one required; the others sessions of the account end), see the
 * sessions still alive (device from the User-Agent, address, since, last
 * use, this device) and end one or all the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "accounts.h"
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "stmts.h"
#include "throttle.h"
#include "view.h"

/*
 * A User-Agent made readable: browser and operating system, e.g.
 * "Edge（Windows）". Order matters: Edge and Opera also say Chrome, Chrome
 * also says Safari, iOS browsers all say Safari and Mac OS X.
 */
void
ua_label(const char *ua, char *out, size_t len)
{
	static const struct { const char *key, *name; } br[] = {
		{ "Edg", "Microsoft Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" },
		{ "FxiOS/", "Firefox" }, { "CriOS/", "Google Chrome" }, { "SamsungBrowser/", "Samsung Internet" },
		{ "Chrome/", "Google Chrome" }, { "Chromium/", "Chromium" }, { "Trident/", "Internet Explorer" },
		{ "MSIE ", "Internet Explorer" }, { "Safari/", "Safari" }, { "curl/", "curl" }, { NULL, NULL },
	}, os[] = {
		{ "Windows", "Windows" }, { "iPhone", "iPhone" }, { "iPad", "iPad" }, { "Android", "Android" },
		{ "CrOS", "ChromeOS" }, { "Mac OS X", "macOS" }, { "Macintosh", "macOS" }, { "Linux", "Linux" },
		{ NULL, NULL },
	};
	const char *b = NULL, *o = NULL;
	int i;

	for (i = 0; ua && br[i].key && b == NULL; i++)
		if (strstr(ua, br[i].key) != NULL)
			b = br[i].name;
	for (i = 0; ua && os[i].key && o == NULL; i++)
		if (strstr(ua, os[i].key) != NULL)
			o = os[i].name;
	if (b && o)
		snprintf(out, len, "%s（%s）", b, o);
	else if (b || o)
		snprintf(out, len, "%s", b ? b : o);
	else
		snprintf(out, len, "不明な端末");
}

static void
current_hash(struct ctx *c, char hash[SHA256_HEX_LEN + 1])
{
	crypto_sha256_hex(c->sid, strlen(c->sid), hash);
}

static int
me_render(struct ctx *c, int status)
{
	char ids[24], idle[16], abs_[16], hash[SHA256_HEX_LEN + 1], key[48], dev[160];
	const char *p[4] = { ids, idle, abs_, hash };
	PGresult *r;
	int i, n;

	snprintf(ids, sizeof(ids), "%ld", c->me.id);
	snprintf(idle, sizeof(idle), "%d", c->app->cfg->session_idle_minutes);
	snprintf(abs_, sizeof(abs_), "%d", c->app->cfg->session_absolute_minutes);
	current_hash(c, hash);
	if ((r = db_exec(&c->app->rw, STMT_ME_SESSIONS, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		HDF *row;
		snprintf(key, sizeof(key), "Page.Sessions.%d", i);
		if ((row = view_node(c->hdf, key)) == NULL)
			break;
		view_set(row, "Key", PQgetvalue(r, i, 0));
		ua_label(PQgetvalue(r, i, 1), dev, sizeof(dev));
		view_set(row, "Device", dev);
		view_set(row, "Agent", PQgetvalue(r, i, 1));
		view_set(row, "Addr", PQgetvalue(r, i, 2));
		view_set(row, "Created", PQgetvalue(r, i, 3));
		view_set(row, "LastSeen", PQgetvalue(r, i, 4));
		view_set(row, "Current", strcmp(PQgetvalue(r, i, 5), "t") == 0 ? "1" : "0");
		view_set(row, "Pending", strcmp(PQgetvalue(r, i, 6), "ok") != 0 ? "1" : "0");
	}
	PQclear(r);
	view_set_int(c->hdf, "Page.SessionCount", n);
	view_set(c->hdf, "Page.Me.Login", c->me.login);
	view_set(c->hdf, "Page.Me.Name", c->me.name);
	view_set(c->hdf, "Page.Me.Role", role_label(c->me.role));
	view_set_int(c->hdf, "Page.MinLength", c->app->cfg->password_min_length);
	c->resp.status = status;
	page_render(c, "account/me.cs", "アカウント");
	return status;
}

int
h_account(struct ctx *c)
{
	const char *d = kv_get(&c->query, "done"), *n = kv_get(&c->query, "ended");

	if (d && (strcmp(d, "password") == 0 || strcmp(d, "ended") == 0 || strcmp(d, "others") == 0))
		view_set(c->hdf, "Page.Done", d);
	if (n && *n && strspn(n, "0123456789") == strlen(n) && strlen(n) < 6)
		view_set(c->hdf, "Page.Ended", n);
	return me_render(c, 200);
}

static long
end_others(struct ctx *c)
{
	char ids[24], hash[SHA256_HEX_LEN + 1];
	const char *p[2] = { ids, hash };
	PGresult *r;
	long n = -1;

	snprintf(ids, sizeof(ids), "%ld", c->me.id);
	current_hash(c, hash);
	if ((r = db_exec(&c->app->rw, STMT_ME_SESSIONS_END_OTHERS, p)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return n;
}

/* POST /account/password/change: current, password, password2. */
int
h_account_password(struct ctx *c)
{
	const char *cur = kv_str(&c->form, "current"), *pw = kv_str(&c->form, "password"), *pw2 = kv_str(&c->form, "password2");
	char ids[24], hash[PW_HASH_MAX], to[64], detail[64], why[256];
	const char *p[2] = { ids, hash };
	PGresult *r;
	int nerr = 0, ok, rc = 0;
	long n;

	if (auth_password_is_directory(c)) {
		field_error(c, &nerr, "current", "現在のパスワード",
		    "パスワードは庁内ディレクトリ（LDAP）で管理されています。ディレクトリ側で変更してください");
		return me_render(c, 409);
	}
	/* The current password is guessed here as at sign-in: the same delays
	 * per login and address (a session left open must not be a way to
	 * try passwords at full speed). */
	if ((rc = throttle_check(c, c->me.login, why, sizeof(why))) != 0) {
		if (rc < 0)
			return page_error(c, 503, "データベースに接続できません。");
		field_error(c, &nerr, "current", "現在のパスワード", why);
		return me_render(c, 429);
	}
	snprintf(ids, sizeof(ids), "%ld", c->me.id);
	if ((r = db_exec(&c->app->rw, STMT_ME_PASSWORD, p)) == NULL || PQntuples(r) != 1) {
		if (r)
			PQclear(r);
		return page_error(c, 503, "データベースに接続できません。");
	}
	ok = *cur && PQgetvalue(r, 0, 0)[0] && password_verify(cur, PQgetvalue(r, 0, 0));
	if ((ok ? throttle_ok(c, c->me.login) : throttle_fail(c, c->me.login)) != 0) {
		PQclear(r);
		return page_error(c, 503, "データベースに接続できません。");
	}
	if (!ok)
		field_error(c, &nerr, "current", "現在のパスワード", "正しくありません");
	else if (*pw == '\0')
		field_error(c, &nerr, "password", "新しいパスワード", "入力してください");
	else if (strcmp(pw, pw2) != 0)
		field_error(c, &nerr, "password2", "新しいパスワード（確認）", "新しいパスワードと一致しません");
	else if (strcmp(pw, cur) == 0)
		field_error(c, &nerr, "password", "新しいパスワード", "現在のパスワードと違うものにしてください");
	else if ((rc = acct_password_check(c, c->me.id, pw, why, sizeof(why))) > 0)
		field_error(c, &nerr, "password", "新しいパスワード", why);
	PQclear(r);
	if (rc < 0)
		return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
	if (nerr) {
		if (!ok)
			audit(c, "deny", c->me.staff_id, "account/password", NULL, "denied");
		return me_render(c, 400);
	}
	if (password_hash(pw, (unsigned)c->app->cfg->pbkdf2_iterations, hash) != 0)
		return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
	r = db_exec(&c->app->rw, STMT_ME_PASSWORD_SET, p);
	OPENSSL_cleanse(hash, sizeof(hash));
	if (r == NULL || PQntuples(r) != 1) {
		if (r)
			PQclear(r);
		return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
	}
	PQclear(r);
	/* whoever else holds a session of this account (a stolen password's
	 * reason to be changed) is out at once */
	if ((n = end_others(c)) < 0)
		return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
	snprintf(detail, sizeof(detail), "{\"sessions_ended\": %ld}", n);
	audit(c, "update", c->me.staff_id, "account/password", detail, "ok");
	snprintf(to, sizeof(to), "/account?done=password&ended=%ld", n);
	return page_redirect(c, to);
}

/* POST /account/sessions/end: s = the key of one session (not this one). */
int
h_account_session_end(struct ctx *c)
{
	const char *k = kv_str(&c->form, "s");
	char ids[24], hash[SHA256_HEX_LEN + 1];
	const char *p[3] = { ids, k, hash };
	PGresult *r;
	int n;

	if (strlen(k) != 16 || strspn(k, "0123456789abcdef") != 16)
		return page_error(c, 400, "終了するログインの指定が正しくありません。");
	snprintf(ids, sizeof(ids), "%ld", c->me.id);
	current_hash(c, hash);
	if ((r = db_exec(&c->app->rw, STMT_ME_SESSION_END, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	n = PQntuples(r);
	PQclear(r);
	audit(c, "delete", c->me.staff_id, "session", n ? "{\"sessions_ended\": 1}" : "{\"sessions_ended\": 0}", "ok");
	return page_redirect(c, n ? "/account?done=ended&ended=1" : "/account?done=ended&ended=0");
}

/* POST /account/sessions/end-others */
int
h_account_sessions_end(struct ctx *c)
{
	char to[64], detail[64];
	long n = end_others(c);

	if (n < 0)
		return page_error(c, 503, "データベースに接続できません。");
	snprintf(detail, sizeof(detail), "{\"sessions_ended\": %ld}", n);
	audit(c, "delete", c->me.staff_id, "session", detail, "ok");
	snprintf(to, sizeof(to), "/account?done=others&ended=%ld", n);
	return page_redirect(c, to);
}
