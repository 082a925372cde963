/* h_admin.c: アカウント管理 (/admin/accounts): search accounts by name, kana,
 * 職員番号 and unit; one account's page with its role, state, last sign-in,
 * second factor and sessions; role change, disable and enable (admin),
 * password reset with a new one-time code (hr and admin; hr not for admin
 * accounts), ending sessions. The last enabled admin can be neither demoted
 * nor disabled (checked under row locks: cgi/admin_sql.c). Every change and
 * every refusal is in the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "accounts.h"
#include "app.h"
#include "handlers.h"
#include "staff.h"
#include "http.h"
#include "stmts.h"
#include "view.h"

#define ACCT_PAGE	50

/* URL-encode v onto b after k= (with & or ? before it); nothing if empty. */
static void
qs_add(struct buf *b, const char *k, const char *v)
{
	if (*v == '\0')
		return;
	buf_putc(b, b->len ? '&' : '?');
	buf_puts(b, k);
	buf_putc(b, '=');
	http_urlencode(b, v, "-_.~");
}

static const char *const filter_keys[] = { "q", "unit", "role", "state", NULL };

static void
page_href(struct ctx *c, int page, const char *key)
{
	struct buf b;
	char n[16];
	int i;

	buf_init(&b);
	buf_puts(&b, "/admin/accounts");
	{
		struct buf q;
		buf_init(&q);
		for (i = 0; filter_keys[i]; i++)
			qs_add(&q, filter_keys[i], kv_str(&c->query, filter_keys[i]));
		snprintf(n, sizeof(n), "%d", page);
		qs_add(&q, "page", n);
		buf_add(&b, q.data, q.len);
		buf_free(&q);
	}
	view_set(c->hdf, key, b.data);
	buf_free(&b);
}

static int
t(const PGresult *r, int i, int col)
{
	return strcmp(PQgetvalue(r, i, col), "t") == 0;
}

int
h_admin_accounts(struct ctx *c)
{
	const char *role = kv_str(&c->query, "role"), *state = kv_str(&c->query, "state"), *q = kv_str(&c->query, "q");
	char today[11], lim[12], off[12], key[64];
	PGresult *r;
	int page, i, n, total = 0;

	if (strlen(q) > 100)
		return page_error(c, 400, "検索語が長すぎます（100文字まで）。");
	if (*role && role_parse(role) == 0)
		return page_error(c, 400, "権限の指定が正しくありません（general, hr, admin のいずれか）。");
	if (*state && strcmp(state, "enabled") && strcmp(state, "disabled") && strcmp(state, "pending"))
		return page_error(c, 400, "状態の指定が正しくありません（enabled, disabled, pending のいずれか）。");
	page = atoi(kv_str(&c->query, "page"));
	if (page < 1 || page > 100000)
		page = 1;
	staff_today(today);
	snprintf(lim, sizeof(lim), "%d", ACCT_PAGE);
	snprintf(off, sizeof(off), "%d", (page - 1) * ACCT_PAGE);
	{
		const char *p[7] = { q, kv_str(&c->query, "unit"), role, state, today, lim, off };
		if ((r = db_exec(&c->app->ro, STMT_ADM_ACCT_SEARCH, p)) == NULL)
			return page_error(c, 503, "データベースに接続できません。");
	}
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		HDF *row;
		snprintf(key, sizeof(key), "Page.Accounts.%d", i);
		if ((row = view_node(c->hdf, key)) == NULL)
			break;
		view_set(row, "Id", PQgetvalue(r, i, 0));
		view_set(row, "Login", PQgetvalue(r, i, 1));
		view_set(row, "Name", PQgetvalue(r, i, 2));
		view_set(row, "Role", role_label(role_parse(PQgetvalue(r, i, 3))));
		view_set(row, "Disabled", t(r, i, 4) ? "1" : "0");
		view_set(row, "LastLogin", PQgetvalue(r, i, 5));
		view_set(row, "Totp", t(r, i, 6) ? "1" : "0");
		view_set(row, "StaffNo", PQgetvalue(r, i, 7));
		view_set(row, "Unit", PQgetvalue(r, i, 8));
		view_set(row, "Pending", t(r, i, 9) ? "1" : "0");
		view_set(row, "Sessions", PQgetvalue(r, i, 10));
		total = atoi(PQgetvalue(r, i, 11));
	}
	PQclear(r);
	if (total > 5000) {
		view_set(c->hdf, "Page.Capped", "1");
		total = 5000;
	}
	view_set_int(c->hdf, "Page.Count", n);
	view_set_int(c->hdf, "Page.Total", total);
	view_set_int(c->hdf, "Page.From", n ? (page - 1) * ACCT_PAGE + 1 : 0);
	view_set_int(c->hdf, "Page.To", (page - 1) * ACCT_PAGE + n);
	if (page > 1)
		page_href(c, page - 1, "Page.PrevHref");
	if ((long)page * ACCT_PAGE < total)
		page_href(c, page + 1, "Page.NextHref");
	for (i = 0; filter_keys[i]; i++) {
		snprintf(key, sizeof(key), "Page.F.%s", filter_keys[i]);
		view_set(c->hdf, key, kv_str(&c->query, filter_keys[i]));
	}
	if (c->me.role == ROLE_ADMIN)
		view_set(c->hdf, "Page.CanAdmin", "1");
	{
		const char *p[1] = { today };
		page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
	}
	audit(c, "search", 0, "accounts", NULL, "ok");
	return page_render(c, "admin/accounts.cs", "アカウント管理");
}

/* ---- one account ---- */

struct acct {
	long	id;
	long	staff_id;
	int	role;
	int	disabled;
	char	login[64];
};

/* Loads the account of the path into Page.Acct and a; 0, or an HTTP status
 * with the error page written. */
static int
acct_load(struct ctx *c, struct acct *a)
{
	char today[11];
	const char *p[2] = { c->caps[0], today };
	PGresult *r;
	HDF *h;

	staff_today(today);
	if ((r = db_exec(&c->app->rw, STMT_ADM_ACCT_GET, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	if (PQntuples(r) != 1) {
		PQclear(r);
		return page_error(c, 404, "そのアカウントはありません。");
	}
	a->id = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	snprintf(a->login, sizeof(a->login), "%s", PQgetvalue(r, 0, 1));
	a->role = role_parse(PQgetvalue(r, 0, 3));
	a->disabled = t(r, 0, 4);
	a->staff_id = strtol(PQgetvalue(r, 0, 8), NULL, 10);
	if ((h = view_node(c->hdf, "Page.Acct")) != NULL) {
		view_set(h, "Id", PQgetvalue(r, 0, 0));
		view_set(h, "Login", PQgetvalue(r, 0, 1));
		view_set(h, "Name", PQgetvalue(r, 0, 2));
		view_set(h, "Role", PQgetvalue(r, 0, 3));
		view_set(h, "RoleLabel", role_label(a->role));
		view_set(h, "Disabled", a->disabled ? "1" : "0");
		view_set(h, "Created", PQgetvalue(r, 0, 5));
		view_set(h, "LastLogin", PQgetvalue(r, 0, 6));
		view_set(h, "Totp", t(r, 0, 7) ? "1" : "0");
		view_set(h, "StaffNo", PQgetvalue(r, 0, 9));
		view_set(h, "Unit", PQgetvalue(r, 0, 10));
		view_set(h, "Pending", t(r, 0, 11) ? "1" : "0");
		view_set(h, "MustChange", t(r, 0, 12) ? "1" : "0");
		view_set(h, "PwChanged", PQgetvalue(r, 0, 13));
		view_set(h, "Sessions", PQgetvalue(r, 0, 14));
		view_set(h, "InService", t(r, 0, 15) ? "1" : "0");
		view_set(h, "CodePurpose", PQgetvalue(r, 0, 16));
		view_set(h, "CodeExpires", PQgetvalue(r, 0, 17));
		view_set(h, "CodeUsed", PQgetvalue(r, 0, 18));
		view_set(h, "Self", a->id == c->me.id ? "1" : "0");
	}
	PQclear(r);
	return 0;
}

static int
acct_render(struct ctx *c, int status)
{
	if (c->me.role == ROLE_ADMIN)
		view_set(c->hdf, "Page.CanAdmin", "1");
	/* hr resets general and hr accounts; an admin account only an admin */
	if (c->me.role == ROLE_ADMIN || strcmp(hdf_get_value(c->hdf, "Page.Acct.Role", ""), "admin") != 0)
		view_set(c->hdf, "Page.CanReset", "1");
	c->resp.status = status;
	page_render(c, "admin/accounts_show.cs", hdf_get_value(c->hdf, "Page.Acct.Name", "アカウント"));
	return status;
}

int
h_admin_account(struct ctx *c)
{
	struct acct a;
	const char *what = kv_str(&c->query, "done"), *batch = kv_str(&c->query, "batch");
	int st;

	if ((st = acct_load(c, &a)) != 0)
		return st;
	if (strcmp(what, "role") == 0 || strcmp(what, "disable") == 0 || strcmp(what, "enable") == 0 ||
	    strcmp(what, "reset") == 0 || strcmp(what, "sessions") == 0 || strcmp(what, "totp-reset") == 0)
		view_set(c->hdf, "Page.Done", what);
	if (*batch && strspn(batch, "0123456789") == strlen(batch) && strlen(batch) < 19)
		view_set(c->hdf, "Page.Batch", batch);
	view_set(c->hdf, "Page.Ended", kv_str(&c->query, "ended"));
	audit(c, "view", a.staff_id, "account", NULL, "ok");
	return acct_render(c, 200);
}

/* An audit detail naming the account (logins are [a-z0-9._-]: no quoting). */
static void
detail_of(const struct acct *a, const char *extra, char *out, size_t len)
{
	snprintf(out, len, "{\"account\": %ld, \"login\": \"%s\"%s%s}", a->id, a->login,
	    extra ? ", " : "", extra ? extra : "");
}

static int
refuse(struct ctx *c, const struct acct *a, const char *target, int status, const char *msg)
{
	char detail[256];

	detail_of(a, NULL, detail, sizeof(detail));
	audit(c, "deny", a->staff_id, target, detail, "denied");
	view_set(c->hdf, "Page.Alert", msg);
	return acct_render(c, status);
}

/* Step-up: role changes, disabling, enabling and resets need a password +
 * second-factor check of the last 10 minutes (h_totp.c); else the user is
 * sent to /account/verify and back to this account's page. */
static int
step_up(struct ctx *c)
{
	return auth_fresh(c) ? 0 : auth_stepup(c);
}

static int
done(struct ctx *c, const struct acct *a, const char *what, const char *extra)
{
	char to[160];

	snprintf(to, sizeof(to), "/admin/accounts/%ld?done=%s%s", a->id, what, extra ? extra : "");
	return page_redirect(c, to);
}

/* Common start of every change: the account, admin only unless hr_ok. */
static int
change_start(struct ctx *c, struct acct *a, const char *target, int hr_ok, int fresh)
{
	int st;

	if ((st = acct_load(c, a)) != 0)
		return st;
	if (c->me.role != ROLE_ADMIN && !hr_ok)
		return refuse(c, a, target, 403, "この操作はシステム管理者だけが行えます。");
	if (fresh && (st = step_up(c)) != 0)
		return st;
	return 0;
}

static long
sessions_end(struct ctx *c, long id)
{
	char ids[24];
	const char *p[1] = { ids };
	PGresult *r;
	long n = -1;

	snprintf(ids, sizeof(ids), "%ld", id);
	if ((r = db_exec(&c->app->rw, STMT_ADM_SESSIONS_END, p)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return n;
}

/* Runs an UPDATE ... RETURNING on the account: 1 changed, 0 refused by
 * its guard, -1 database failure. */
static int
acct_update(struct ctx *c, int stmt, const char *const *p)
{
	PGresult *r = db_exec(&c->app->rw, stmt, p);
	int n;

	if (r == NULL)
		return -1;
	n = PQntuples(r);
	PQclear(r);
	return n > 0;
}

#define LAST_ADMIN "有効なシステム管理者がこのアカウントだけになるため、この操作はできません。" \
	"先に別のアカウントをシステム管理者にしてください。"

int
h_admin_account_role(struct ctx *c)
{
	struct acct a;
	const char *role = kv_str(&c->form, "role");
	char ids[24], extra[96], detail[256];
	const char *p[2] = { ids, role };
	int st, nr = role_parse(role);

	if ((st = change_start(c, &a, "account/role", 0, 1)) != 0)
		return st;
	if (nr == 0) {
		view_set(c->hdf, "Page.Alert", "権限を選んでください（一般職員・人事担当・システム管理者）。");
		return acct_render(c, 400);
	}
	if (nr == a.role)
		return done(c, &a, "role", NULL);
	snprintf(ids, sizeof(ids), "%ld", a.id);
	if ((st = acct_update(c, STMT_ADM_ROLE_SET, p)) < 0)
		return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
	if (st == 0)
		return refuse(c, &a, "account/role", 409, LAST_ADMIN);
	snprintf(extra, sizeof(extra), "\"from\": \"%s\", \"to\": \"%s\"", role_name(a.role), role_name(nr));
	/* More rights: the account signs in again and meets what the new role
	 * asks (a second factor for hr and admin). Fewer rights take effect
	 * at its next request (the session check reads the role). */
	if ((nr == ROLE_ADMIN || (nr == ROLE_HR && a.role == ROLE_GENERAL)) && a.id != c->me.id) {
		long n = sessions_end(c, a.id);
		if (n < 0)
			return page_error(c, 503, "変更できませんでした。しばらくしてから再度お試しください。");
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), ", \"sessions_ended\": %ld", n);
	}
	detail_of(&a, extra, detail, sizeof(detail));
	audit(c, "update", a.staff_id, "account/role", detail, "ok");
	return done(c, &a, "role", NULL);
}

int
h_admin_account_disable(struct ctx *c)
{
	struct acct a;
	char ids[24], extra[48], detail[256];
	const char *p[1] = { ids };
	long n;
	int st;

	if ((st = change_start(c, &a, "account/disable", 0, 1)) != 0)
		return st;
	snprintf(ids, sizeof(ids), "%ld", a.id);
	if ((st = acct_update(c, STMT_ADM_DISABLE, p)) < 0)
		return page_error(c, 503, "停止できませんでした。しばらくしてから再度お試しください。");
	if (st == 0)
		return refuse(c, &a, "account/disable", 409, LAST_ADMIN);
	/* its sessions end at once (the session check refuses a disabled
	 * account anyway; deleting them leaves nothing to come back) */
	if ((n = sessions_end(c, a.id)) < 0)
		return page_error(c, 503, "停止できませんでした。しばらくしてから再度お試しください。");
	snprintf(extra, sizeof(extra), "\"sessions_ended\": %ld", n);
	detail_of(&a, extra, detail, sizeof(detail));
	audit(c, "update", a.staff_id, "account/disable", detail, "ok");
	return done(c, &a, "disable", NULL);
}

int
h_admin_account_enable(struct ctx *c)
{
	struct acct a;
	char ids[24], detail[256];
	const char *p[1] = { ids };
	int st;

	if ((st = change_start(c, &a, "account/enable", 0, 1)) != 0)
		return st;
	snprintf(ids, sizeof(ids), "%ld", a.id);
	if (acct_update(c, STMT_ADM_ENABLE, p) != 1)
		return page_error(c, 503, "再開できませんでした。しばらくしてから再度お試しください。");
	detail_of(&a, NULL, detail, sizeof(detail));
	audit(c, "update", a.staff_id, "account/enable", detail, "ok");
	return done(c, &a, "enable", NULL);
}

int
h_admin_account_sessions(struct ctx *c)
{
	struct acct a;
	char extra[48], detail[256], q[48];
	long n;
	int st;

	if ((st = change_start(c, &a, "account/sessions", 0, 0)) != 0)
		return st;
	if ((n = sessions_end(c, a.id)) < 0)
		return page_error(c, 503, "ログアウトさせられませんでした。しばらくしてから再度お試しください。");
	snprintf(extra, sizeof(extra), "\"sessions_ended\": %ld", n);
	detail_of(&a, extra, detail, sizeof(detail));
	audit(c, "delete", a.staff_id, "account/sessions", detail, "ok");
	snprintf(q, sizeof(q), "&ended=%ld", n);
	return done(c, &a, "sessions", q);
}

/*
 * Reset (hr or admin; an admin account only by an admin): a new one-time
 * code (the account's earlier unused codes die with it), the password void
 * until the code is used (then a new one must be set), every session of
 * the account ended at once. The notice with the code is AC's page.
 */
int
h_admin_account_reset(struct ctx *c)
{
	struct acct a;
	char ids[24], extra[96], detail[256], q[48], msg[256];
	const char *p[1] = { ids };
	long batch, n;
	int st;

	if ((st = change_start(c, &a, "account/reset", 1, 1)) != 0)
		return st;
	if (a.role == ROLE_ADMIN && c->me.role != ROLE_ADMIN)
		return refuse(c, &a, "account/reset", 403,
		    "システム管理者のアカウントは、システム管理者だけがリセットできます。");
	msg[0] = '\0';
	if ((batch = acct_issue_reset(c, a.id, msg, sizeof(msg))) <= 0) {
		view_set(c->hdf, "Page.Alert", msg[0] ? msg : "リセットできませんでした。しばらくしてから再度お試しください。");
		return acct_render(c, batch == 0 ? 409 : 503);
	}
	snprintf(ids, sizeof(ids), "%ld", a.id);
	if (acct_update(c, STMT_ADM_RESET_MARK, p) != 1 || (n = sessions_end(c, a.id)) < 0)
		return page_error(c, 503, "リセットできませんでした。しばらくしてから再度お試しください。");
	snprintf(extra, sizeof(extra), "\"batch\": %ld, \"sessions_ended\": %ld", batch, n);
	detail_of(&a, extra, detail, sizeof(detail));
	audit(c, "update", a.staff_id, "account/reset", detail, "ok");
	snprintf(q, sizeof(q), "&batch=%ld&ended=%ld", batch, n);
	return done(c, &a, "reset", q);
}
