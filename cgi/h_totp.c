/* h_totp.c: the second factor's pages. /login/totp (the sign-in stage
 * 'totp': a code or a recovery code), /account/totp (enrolment with a QR
 * code drawn here, the key in text, a first code, then ten recovery codes
 * shown once; or, once enrolled, turning it off or setting it up again),
 * /account/verify (step-up: password and a fresh code, for bulk exports and
 * account changes), and the admin's reset of another account's second
 * factor. Codes are checked against the request's clock (req_now: the test
 * clock in test builds) and each time step is accepted once per account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "accounts.h"
#include "app.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "stmts.h"
#include "totp.h"
#include "view.h"

#define TOTP_MAX_FAILURES	5	/* wrong codes per session before it ends */
#define FRESH_SECONDS		600	/* step-up: a check younger than this */
#define ISSUER			"tms"

struct tstate {
	int		 has_secret;
	int		 enrolled;
	long long	 last;		/* last step used, -1 none */
	unsigned char	 secret[TOTP_SECRET_LEN];
	char		 enrolled_at[32];
	char		 login[64];
	char		 pwhash[PW_HASH_MAX];
	long		 staff;
	int		 recovery_left;
};

static void
tstate_wipe(struct tstate *t)
{
	OPENSSL_cleanse(t, sizeof(*t));
}

static void
keyring_of(const struct ctx *c, struct keyring *kr)
{
	totp_keyring(c->app->secret, c->app->secretlen, kr);
}

/* Loads account id's second factor; 0, or -1 (database, or a sealed secret
 * that does not open: logged). */
static int
tstate_load(struct ctx *c, long id, struct tstate *t)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	PGresult *r;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	if ((r = db_exec(&c->app->rw, STMT_TOTP_GET, p)) == NULL)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return -1;
	}
	t->enrolled = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
	t->last = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
	snprintf(t->enrolled_at, sizeof(t->enrolled_at), "%s", PQgetvalue(r, 0, 3));
	snprintf(t->login, sizeof(t->login), "%s", PQgetvalue(r, 0, 4));
	snprintf(t->pwhash, sizeof(t->pwhash), "%s", PQgetvalue(r, 0, 5));
	t->staff = strtol(PQgetvalue(r, 0, 6), NULL, 10);
	t->recovery_left = atoi(PQgetvalue(r, 0, 7));
	if (!PQgetisnull(r, 0, 0)) {
		size_t n = 0;
		unsigned char *sealed = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &n);
		struct keyring kr;
		keyring_of(c, &kr);
		if (sealed == NULL || totp_unseal(&kr, id, sealed, n, t->secret) != 0) {
			log_err("totp: the sealed secret of uid=%ld does not open (server secret changed?)", id);
			rc = -1;
		} else
			t->has_secret = 1;
		keyring_wipe(&kr);
		PQfreemem(sealed);
	}
	PQclear(r);
	return rc;
}

/* Checks a code (6 digits) or else a recovery code of an enrolled account
 * and uses it up. 1 accepted, 0 refused, -1 database. *recovery_left gets
 * the recovery codes left when one was used (else -1). */
static int
code_use(struct ctx *c, long id, const struct tstate *t, const char *code,
    const char *recovery, int *recovery_left)
{
	char idbuf[24], arg[SHA256_HEX_LEN + 1];
	const char *p[2] = { idbuf, arg };
	PGresult *r;
	int ok;

	*recovery_left = -1;
	if (!t->enrolled || !t->has_secret)
		return 0;
	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	if (code && *code) {
		long long step = totp_match(t->secret, req_now(c), t->last, code);
		if (step < 0)
			return 0;
		snprintf(arg, sizeof(arg), "%lld", step);
		if ((r = db_exec(&c->app->rw, STMT_TOTP_STEP_USE, p)) == NULL)
			return -1;
	} else if (recovery && *recovery) {
		char norm[ACCT_CODE_LEN + 1];
		if (acct_code_norm(recovery, norm) != 0)
			return 0;
		acct_code_hash(c->app->secret, c->app->secretlen, norm, arg);
		OPENSSL_cleanse(norm, sizeof(norm));
		if ((r = db_exec(&c->app->rw, STMT_TOTP_RECOVERY_USE, p)) == NULL)
			return -1;
		if (PQntuples(r) == 1)
			*recovery_left = atoi(PQgetvalue(r, 0, 0));
	} else
		return 0;
	ok = PQntuples(r) == 1;	/* else used at the same moment elsewhere */
	PQclear(r);
	return ok;
}

static int
session_hash(const struct ctx *c, char hash[SHA256_HEX_LEN + 1])
{
	if (c->sid[0] == '\0')
		return -1;
	crypto_sha256_hex(c->sid, strlen(c->sid), hash);
	return 0;
}

/* The session passed a password + second-factor check now. */
static int
mark_verified(struct ctx *c)
{
	char hash[SHA256_HEX_LEN + 1], now[24];
	const char *p[2] = { hash, now };

	if (session_hash(c, hash) != 0)
		return -1;
	snprintf(now, sizeof(now), "%lld", (long long)req_now(c));
	return db_command(&c->app->rw, STMT_TOTP_VERIFIED, p);
}

/* One more wrong code in this session; returns the count so far (or
 * TOTP_MAX_FAILURES when it cannot be counted: fail closed). */
static int
count_failure(struct ctx *c, const char *target, int recovery)
{
	char hash[SHA256_HEX_LEN + 1];
	const char *p[1] = { hash };
	PGresult *r;
	int n = TOTP_MAX_FAILURES;

	audit(c, "deny", c->me.staff_id, target,
	    recovery ? "{\"code\": \"recovery\"}" : "{\"code\": \"totp\"}", "denied");
	if (session_hash(c, hash) != 0 || (r = db_exec(&c->app->rw, STMT_TOTP_FAIL, p)) == NULL)
		return n;
	if (PQntuples(r) == 1)
		n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	log_info("totp: wrong code uid=%ld failures=%d", c->me.id, n);
	return n;
}

static int
role_requires(const struct ctx *c)
{
	return (c->me.role & c->app->cfg->totp_roles) != 0;
}

/* ------------------------------------------------------------ step-up */

int
auth_fresh(struct ctx *c)
{
	char hash[SHA256_HEX_LEN + 1];
	const char *p[1] = { hash };
	PGresult *r;
	int fresh = 0;

	if (session_hash(c, hash) != 0 || (r = db_exec(&c->app->rw, STMT_TOTP_FRESH, p)) == NULL)
		return 0;
	if (PQntuples(r) == 1) {
		long long at = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		fresh = (long long)req_now(c) - at < FRESH_SECONDS;
	}
	PQclear(r);
	return fresh;
}

int
auth_stepup(struct ctx *c)
{
	struct buf b, n;
	size_t i;
	char *to;
	int rc;

	/* back to this page after the check; a POST goes back to the page
	 * its form is on (the path without its last segment) */
	buf_init(&n);
	buf_puts(&n, c->path);
	if (strcmp(c->method, "POST") == 0) {
		char *slash = strrchr(n.data, '/');
		if (slash && slash != n.data)
			*slash = '\0', n.len = (size_t)(slash - n.data);
	} else {
		for (i = 0; i < c->query.n; i++) {
			buf_putc(&n, i ? '&' : '?');
			http_urlencode(&n, c->query.v[i].key, "-_.~");
			buf_putc(&n, '=');
			http_urlencode(&n, c->query.v[i].val, "-_.~");
		}
	}
	buf_init(&b);
	buf_puts(&b, "/account/verify?next=");
	http_urlencode(&b, n.data, "/-_.~");
	to = buf_steal(&b);
	rc = page_redirect(c, to);
	free(to);
	buf_free(&n);
	return rc;
}

static const char *
verify_next(const struct kvlist *l)
{
	const char *n = kv_get(l, "next");

	return http_local_path(n) && strncmp(n, "/account/verify", 15) != 0 ? n : "/";
}

static int
verify_page(struct ctx *c, int status, const char *msg, const char *next, int enrolled)
{
	c->resp.status = status;
	view_set(c->hdf, "Page.Next", next);
	view_set(c->hdf, "Page.Totp", enrolled ? "1" : "0");
	if (msg)
		view_set(c->hdf, "Page.Message", msg);
	page_render(c, "account/verify.cs", "本人確認");
	return status;
}

int
h_verify_form(struct ctx *c)
{
	struct tstate t;
	int enrolled;

	if (tstate_load(c, c->me.id, &t) != 0)
		return page_error(c, 503, "現在確認できません。しばらくしてから再度お試しください。");
	enrolled = t.enrolled;
	tstate_wipe(&t);
	return verify_page(c, 200, NULL, verify_next(&c->query), enrolled);
}

int
h_verify(struct ctx *c)
{
	const char *pw = kv_get(&c->form, "password"), *next = verify_next(&c->form);
	struct tstate t;
	int ok, left, n;

	if (tstate_load(c, c->me.id, &t) != 0)
		return page_error(c, 503, "現在確認できません。しばらくしてから再度お試しください。");
	if ((ok = auth_recheck(c, pw, t.pwhash)) < 0) {
		tstate_wipe(&t);
		return page_error(c, 503, auth_password_is_directory(c) ?
		    "ディレクトリサーバー（LDAP）に接続できないため、現在確認できません。" :
		    "現在確認できません。しばらくしてから再度お試しください。");
	}
	if (ok && t.enrolled) {
		ok = code_use(c, c->me.id, &t, kv_get(&c->form, "code"), kv_get(&c->form, "recovery"), &left);
		if (ok < 0) {
			tstate_wipe(&t);
			return page_error(c, 503, "現在確認できません。しばらくしてから再度お試しください。");
		}
	}
	if (!ok) {
		int enrolled = t.enrolled;
		tstate_wipe(&t);
		if ((n = count_failure(c, "account/verify", 0)) >= TOTP_MAX_FAILURES) {
			auth_logout(c);
			return page_redirect(c, "/login");
		}
		return verify_page(c, 401, enrolled ? "パスワードまたは確認コードが正しくありません。"
		    : "パスワードが正しくありません。", next, enrolled);
	}
	tstate_wipe(&t);
	if (mark_verified(c) != 0)
		return page_error(c, 503, "現在確認できません。しばらくしてから再度お試しください。");
	return page_redirect(c, next);
}

/* ------------------------------------------------------- sign-in stage */

static int
login_totp_page(struct ctx *c, int status, const char *msg, int ended)
{
	c->resp.status = status;
	if (msg)
		view_set(c->hdf, "Page.Message", msg);
	view_set(c->hdf, "Page.Ended", ended ? "1" : "0");
	page_render(c, "login/totp.cs", "確認コードの入力");
	return status;
}

int
h_login_totp_form(struct ctx *c)
{
	if (strcmp(c->me.stage, "totp") != 0)
		return page_redirect(c, auth_stage_path(c->me.stage));
	return login_totp_page(c, 200, NULL, 0);
}

int
h_login_totp(struct ctx *c)
{
	const char *code = kv_get(&c->form, "code"), *rec = kv_get(&c->form, "recovery");
	const char *to;
	struct tstate t;
	int ok, left;

	if (strcmp(c->me.stage, "totp") != 0)
		return page_redirect(c, auth_stage_path(c->me.stage));
	if (tstate_load(c, c->me.id, &t) != 0)
		return login_totp_page(c, 503, "現在ログインできません。しばらくしてから再度お試しください。", 0);
	ok = code_use(c, c->me.id, &t, code, rec, &left);
	tstate_wipe(&t);
	if (ok < 0)
		return login_totp_page(c, 503, "現在ログインできません。しばらくしてから再度お試しください。", 0);
	if (!ok) {
		int recovery = !(code && *code);
		if (count_failure(c, "login/totp", recovery) >= TOTP_MAX_FAILURES) {
			auth_logout(c);
			return login_totp_page(c, 401, "確認コードの誤りが続いたため、ログインを中止しました。"
			    "もう一度ログインIDとパスワードから入力してください。", 1);
		}
		return login_totp_page(c, 401, recovery ?
		    "リカバリーコードが正しくないか、既に使用されています。" :
		    "確認コードが正しくないか、既に使用されています。次のコードが表示されるまで待って入力してください。", 0);
	}
	if (mark_verified(c) != 0 || (to = auth_stage_done(c)) == NULL)
		return login_totp_page(c, 503, "現在ログインできません。しばらくしてから再度お試しください。", 0);
	if (left >= 0)
		log_info("totp: recovery code used uid=%ld left=%d", c->me.id, left);
	if (left >= 0 && strcmp(to, "/") == 0)
		to = left > 0 ? "/account/totp?recovery=used" : "/account/totp?recovery=none";
	return page_redirect(c, to);
}

/* ----------------------------------------------------------- enrolment */

/* The key as shown: groups of four. */
static void
key_groups(const char *b32, char *out, size_t len)
{
	size_t i, n = 0;

	for (i = 0; b32[i] && n + 2 < len; i++) {
		if (i && i % 4 == 0)
			out[n++] = ' ';
		out[n++] = b32[i];
	}
	out[n] = '\0';
}

/* A pending secret for enrolment (made if there is none, or a fresh one
 * when asked); fills the QR code and the key. 0 or -1. */
static int
enrol_fill(struct ctx *c, struct tstate *t, int fresh)
{
	char b32[TOTP_B32_LEN + 1], shown[TOTP_B32_LEN * 2], size[16];
	char *uri, *path;
	int side = 0;

	if (!t->has_secret || fresh) {
		unsigned char sealed[TOTP_SEALED_LEN];
		char hex[TOTP_SEALED_LEN * 2 + 1], idbuf[24];
		const char *p[3] = { idbuf, hex, fresh ? "true" : "false" };
		struct keyring kr;
		PGresult *r;
		int rc;

		if (totp_new_secret(t->secret) != 0)
			return -1;
		keyring_of(c, &kr);
		rc = totp_seal(&kr, c->me.id, t->secret, sealed);
		keyring_wipe(&kr);
		if (rc != 0)
			return -1;
		crypto_hex(sealed, sizeof(sealed), hex);
		snprintf(idbuf, sizeof(idbuf), "%ld", c->me.id);
		if ((r = db_exec(&c->app->rw, STMT_TOTP_PENDING_SET, p)) == NULL)
			return -1;
		rc = PQntuples(r);
		PQclear(r);
		if (rc != 1) {	/* another request made one first: show that one */
			long id = c->me.id;
			tstate_wipe(t);
			if (tstate_load(c, id, t) != 0 || !t->has_secret || t->enrolled)
				return -1;
		}
		t->has_secret = 1;
	}
	totp_base32(t->secret, b32);
	key_groups(b32, shown, sizeof(shown));
	view_set(c->hdf, "Page.Key", shown);
	uri = totp_uri(ISSUER, c->me.login, b32);
	path = totp_qr_path(uri, &side);
	OPENSSL_cleanse(uri, strlen(uri));
	free(uri);
	OPENSSL_cleanse(b32, sizeof(b32));
	if (path == NULL)
		return -1;
	snprintf(size, sizeof(size), "%d", side);
	view_set(c->hdf, "Page.Qr.Size", size);
	view_set(c->hdf, "Page.Qr.Path", path);
	OPENSSL_cleanse(path, strlen(path));
	free(path);
	return 0;
}

static int
totp_page(struct ctx *c, int status, const char *state, const char *msg)
{
	c->resp.status = status;
	view_set(c->hdf, "Page.State", state);
	view_set(c->hdf, "Page.Required", role_requires(c) ? "1" : "0");
	view_set(c->hdf, "Page.Stage", c->me.stage);
	if (msg)
		view_set(c->hdf, "Page.Message", msg);
	page_render(c, "account/totp.cs", "2段階認証");
	return status;
}

/* Only a signed-in session, or one in the 'enrol' stage, comes here: a
 * session still owing its password or code goes back to that stage. */
static int
stage_elsewhere(struct ctx *c)
{
	return strcmp(c->me.stage, "ok") != 0 && strcmp(c->me.stage, "enrol") != 0;
}

int
h_totp_page(struct ctx *c)
{
	const char *rec = kv_get(&c->query, "recovery"), *saved = kv_get(&c->query, "saved");
	struct tstate t;
	char n[16];
	int rc;

	if (stage_elsewhere(c))
		return page_redirect(c, auth_stage_path(c->me.stage));
	if (tstate_load(c, c->me.id, &t) != 0)
		return page_error(c, 503, "現在表示できません。しばらくしてから再度お試しください。");
	if (t.enrolled && strcmp(c->me.stage, "enrol") == 0) {
		/* enrolled meanwhile, in another session: this one still owes
		 * a code (stage 'totp') */
		char hash[SHA256_HEX_LEN + 1];
		const char *p[2] = { hash, "totp" };
		tstate_wipe(&t);
		if (session_hash(c, hash) != 0 || db_command(&c->app->rw, STMT_SESSION_STAGE_SET, p) != 0)
			return page_error(c, 503, "現在表示できません。しばらくしてから再度お試しください。");
		return page_redirect(c, auth_stage_path("totp"));
	}
	if (t.enrolled) {
		view_set(c->hdf, "Page.EnrolledAt", t.enrolled_at);
		snprintf(n, sizeof(n), "%d", t.recovery_left);
		view_set(c->hdf, "Page.RecoveryLeft", n);
		if (rec && (strcmp(rec, "used") == 0 || strcmp(rec, "none") == 0))
			view_set(c->hdf, "Page.RecoveryUsed", rec);
		tstate_wipe(&t);
		return totp_page(c, 200, "enrolled", NULL);
	}
	if (saved && strcmp(saved, "off") == 0)
		view_set(c->hdf, "Page.Saved", "off");
	rc = enrol_fill(c, &t, 0);
	tstate_wipe(&t);
	if (rc != 0)
		return page_error(c, 503, "現在表示できません。しばらくしてから再度お試しください。");
	return totp_page(c, 200, "enrol", NULL);
}

/* The first code ends enrolment: the second factor is on, and the ten
 * recovery codes are shown, this once. */
int
h_totp_confirm(struct ctx *c)
{
	const char *code = kv_get(&c->form, "code");
	char idbuf[24], step[24], codes[TOTP_RECOVERY_N][ACCT_CODE_LEN + 1], key[32];
	const char *p[2] = { idbuf, step }, *next = "/";
	struct tstate t;
	struct buf arr;
	PGresult *r;
	long long st;
	int i, rc;

	if (stage_elsewhere(c))
		return page_redirect(c, auth_stage_path(c->me.stage));
	if (tstate_load(c, c->me.id, &t) != 0)
		return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
	if (t.enrolled) {
		tstate_wipe(&t);
		return page_redirect(c, "/account/totp");
	}
	if (!t.has_secret) {
		tstate_wipe(&t);
		return page_redirect(c, "/account/totp");
	}
	st = totp_match(t.secret, req_now(c), t.last, code);
	if (st < 0) {
		rc = enrol_fill(c, &t, 0);
		tstate_wipe(&t);
		if (rc != 0)
			return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
		return totp_page(c, 400, "enrol", code && strlen(code) == TOTP_DIGITS ?
		    "確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。"
		    "（端末の時刻がずれていると一致しません）" :
		    "確認コードは6桁の数字で入力してください。");
	}
	tstate_wipe(&t);
	snprintf(idbuf, sizeof(idbuf), "%ld", c->me.id);
	snprintf(step, sizeof(step), "%lld", st);
	if ((r = db_exec(&c->app->rw, STMT_TOTP_ENABLE, p)) == NULL)
		return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
	rc = PQntuples(r);
	PQclear(r);
	if (rc != 1)
		return page_redirect(c, "/account/totp");
	buf_init(&arr);
	buf_putc(&arr, '{');
	for (i = 0; i < TOTP_RECOVERY_N; i++) {
		char hash[SHA256_HEX_LEN + 1];
		if (acct_code_new(codes[i]) != 0) {
			buf_free(&arr);
			return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
		}
		acct_code_hash(c->app->secret, c->app->secretlen, codes[i], hash);
		buf_printf(&arr, "%s%s", i ? "," : "", hash);
	}
	buf_putc(&arr, '}');
	p[1] = arr.data;
	rc = db_command(&c->app->rw, STMT_TOTP_RECOVERY_SET, p);
	buf_free(&arr);
	if (rc != 0 || mark_verified(c) != 0) {
		OPENSSL_cleanse(codes, sizeof(codes));
		return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
	}
	audit(c, "create", c->me.staff_id, "account/totp", NULL, "ok");
	log_info("totp: enrolled uid=%ld", c->me.id);
	if (strcmp(c->me.stage, "ok") != 0 && (next = auth_stage_done(c)) == NULL) {
		OPENSSL_cleanse(codes, sizeof(codes));
		return page_error(c, 503, "現在登録できません。しばらくしてから再度お試しください。");
	}
	for (i = 0; i < TOTP_RECOVERY_N; i++) {
		char shown[ACCT_CODE_SHOWN + 1];
		acct_code_group(codes[i], shown);
		snprintf(key, sizeof(key), "Page.Codes.%d", i);
		view_set(c->hdf, key, shown);
		OPENSSL_cleanse(shown, sizeof(shown));
	}
	OPENSSL_cleanse(codes, sizeof(codes));
	view_set(c->hdf, "Page.Next", next);
	return totp_page(c, 200, "codes", NULL);
}

/* Turning one's own second factor off (or, where the role needs it,
 * setting it up again: the session goes back to the 'enrol' stage) takes
 * a current code or a recovery code. */
int
h_totp_disable(struct ctx *c)
{
	struct tstate t;
	const char *to;
	int ok, left;

	if (tstate_load(c, c->me.id, &t) != 0)
		return page_error(c, 503, "現在変更できません。しばらくしてから再度お試しください。");
	if (!t.enrolled) {
		tstate_wipe(&t);
		return page_redirect(c, "/account/totp");
	}
	ok = code_use(c, c->me.id, &t, kv_get(&c->form, "code"), kv_get(&c->form, "recovery"), &left);
	if (ok <= 0) {
		int n = ok < 0 ? 0 : count_failure(c, "account/totp", 0);
		view_set(c->hdf, "Page.EnrolledAt", t.enrolled_at);
		{
			char nb[16];
			snprintf(nb, sizeof(nb), "%d", t.recovery_left);
			view_set(c->hdf, "Page.RecoveryLeft", nb);
		}
		tstate_wipe(&t);
		if (ok < 0)
			return page_error(c, 503, "現在変更できません。しばらくしてから再度お試しください。");
		if (n >= TOTP_MAX_FAILURES) {
			auth_logout(c);
			return page_redirect(c, "/login");
		}
		return totp_page(c, 401, "enrolled", "確認コードが正しくないか、既に使用されています。");
	}
	tstate_wipe(&t);
	if (totp_reset(c, c->me.id) != 0)
		return page_error(c, 503, "現在変更できません。しばらくしてから再度お試しください。");
	if ((to = auth_stage_done(c)) == NULL)
		return page_error(c, 503, "現在変更できません。しばらくしてから再度お試しください。");
	return page_redirect(c, strcmp(to, "/") == 0 ? "/account/totp?saved=off" : to);
}

/* ----------------------------------------------------------------- admin */

int
totp_reset(struct ctx *c, long account)
{
	char idbuf[24], detail[64];
	const char *p[1] = { idbuf };
	PGresult *r;
	long staff;

	snprintf(idbuf, sizeof(idbuf), "%ld", account);
	if ((r = db_exec(&c->app->rw, STMT_TOTP_CLEAR, p)) == NULL)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return -1;
	}
	staff = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"account_id\": %ld}", account);
	audit(c, "delete", staff, "account/totp", detail, "ok");
	log_info("totp: reset uid=%ld by uid=%ld", account, c->me.id);
	return 0;
}

int
h_admin_totp_reset(struct ctx *c)
{
	char *end, to[96];
	long id = strtol(c->caps[0], &end, 10);

	if (*end != '\0' || id <= 0)
		return page_error(c, 404, "アカウントが見つかりません。");
	if (!auth_fresh(c))
		return auth_stepup(c);
	if (totp_reset(c, id) != 0)
		return page_error(c, 404, "アカウントが見つかりません。");
	snprintf(to, sizeof(to), "/admin/accounts/%ld?done=totp-reset", id);
	return page_redirect(c, to);
}
