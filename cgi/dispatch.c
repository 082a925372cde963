/* dispatch.c: the route table and the request flow around every handler.
 * Deny by default: a route needs a session unless it is R_PUBLIC, the
 * account's role must be in the route's role mask, and every POST must carry
 * a valid CSRF token. Handlers never have to remember any of this. */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "import.h"
#include "log.h"
#include "view.h"
#include "worker.h"

#define R_PUBLIC	0x1	/* no session needed */
#define R_NOSESSION	0x2	/* do not even look up the session (healthz) */
#define R_API		0x4	/* JSON: 401 instead of a login redirect */
#define R_BENCH		0x10	/* exists only when the config says bench.noop: true */
#define R_STAGE		0x20	/* reachable by a session in a sign-in stage (auth.c) */

#define ALL	(ROLE_GENERAL | ROLE_HR | ROLE_ADMIN)

/*
 * What each capture of the patterns below may hold, by its name; the route
 * does not match (404) otherwise, before the session or the handler. Lists
 * of one route are written in its pattern, ":kind(a|b)". A capture whose
 * name is in neither place matches nothing (the worker logs the route).
 */
#define DIGITS	"0123456789"
#define CODE	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"
static int is_export(const char *s) { return import_kind_find(s) != NULL; }
static const struct route_type types[] = {
	{ "id",		DIGITS,	1, 18, NULL },	/* bigint keys: staff, duty, task, import */
	{ "aid",	DIGITS,	1, 18, NULL },	/* appointment, duty assignment */
	{ "rid",	DIGITS,	1, 18, NULL },	/* record, wishes round */
	{ "sid",	DIGITS,	1, 18, NULL },	/* staff (second capture) */
	{ "code",	CODE,	1, 20, NULL },	/* unit and master codes (sql/002_staff.sql) */
	{ "master",	NULL,	1, 32, master_known },	/* h_masters.c: masters[].slug */
	{ "export",	NULL,	1, 32, is_export },	/* import.c: import_kinds[].name */
	{ "page",	NULL,	1, 32, ana_page_known },	/* h_analytics.c: pages[] */
	{ "chart",	NULL,	1, 32, ana_csv_known },	/* h_analytics.c: csv() */
	{ NULL, NULL, 0, 0, NULL }
};

static const struct route {
	const char	*method;
	const char	*pattern;
	handler_fn	 fn;
	unsigned	 flags;
	int		 roles;
	const char	*menu;	/* label in the role menu, or NULL */
	int		(*menu_if)(struct ctx *);	/* the entry only where this says so */
} routes[] = {
	{ "GET",  "/",			h_home,			0, ALL, "ホーム", NULL },
	{ "GET",  "/staff",		h_staff_list,		0, ALL, "職員名簿", NULL },
	{ "GET",  "/staff/new",		h_staff_new_form,	0, ROLE_HR, "職員登録", NULL },
	{ "POST", "/staff/new",		h_staff_new,		0, ROLE_HR, NULL, NULL },
	{ "GET",  "/staff/:id",		h_staff_show,		0, ALL, NULL, NULL },
	{ "GET",  "/staff/:id/edit",	h_staff_edit_form,	0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/edit",	h_staff_edit,		0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/appointments", h_staff_appoint,	0, ALL, NULL, NULL },
	{ "GET",  "/staff/:id/appointments/:aid", h_appt_form,	0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/appointments/:aid", h_appt_update,	0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/appointments/:aid/delete", h_appt_cancel, 0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/skills",	h_staff_skill,		0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/retire",	h_staff_retire,		0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/photo",	h_photo_upload,		0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/records/:kind(quals|training|evals)", h_record_save,	0, ALL, NULL, NULL },
	{ "POST", "/staff/:id/records/:kind(quals|training|evals)/:rid/delete", h_record_delete, 0, ALL, NULL, NULL },
	{ "GET",  "/photos/:id",	h_photo,		0, ALL, NULL, NULL },
	{ "GET",  "/org",		h_org,			0, ALL, "組織図", NULL },
	{ "GET",  "/analytics",		h_analytics,		0, ALL, "分析", ana_menu_shown },
	{ "GET",  "/analytics/:page",	h_analytics_sub,	0, ALL, NULL, NULL },
	{ "GET",  "/analytics/:chart.csv", h_analytics_csv,	0, ALL, NULL, NULL },
	{ "GET",  "/duties",		h_duties,		0, ALL, "事務分掌", NULL },
	{ "GET",  "/tasks",		h_tasks_mine,		0, ALL, "担当タスク", NULL },
	{ "GET",  "/duties/new",	h_duty_new_form,	0, ALL, NULL, NULL },
	{ "POST", "/duties/new",	h_duty_new,		0, ALL, NULL, NULL },
	{ "GET",  "/duties/timeline",	h_duty_timeline,	0, ALL, NULL, NULL },
	{ "GET",  "/duties/workload",	h_duty_workload,	0, ALL, NULL, NULL },
	{ "GET",  "/duties/risks",	h_duty_risks,		0, ALL, NULL, NULL },
	{ "GET",  "/duties/export",	h_duty_export,		0, ALL, NULL, NULL },
	{ "GET",  "/duties/:id",	h_duty_show,		0, ALL, NULL, NULL },
	{ "GET",  "/duties/:id/edit",	h_duty_edit_form,	0, ALL, NULL, NULL },
	{ "POST", "/duties/:id/edit",	h_duty_edit,		0, ALL, NULL, NULL },
	{ "POST", "/duties/:id/assign",	h_duty_assign,		0, ALL, NULL, NULL },
	{ "POST", "/duties/:id/assign/:aid/end", h_duty_assign_end, 0, ALL, NULL, NULL },
	{ "POST", "/duties/:id/tasks",	h_task_new,		0, ALL, NULL, NULL },
	{ "POST", "/tasks/:id",		h_task_progress,	0, ALL, NULL, NULL },
	{ "GET",  "/api/staff",		h_api_staff_list,	R_API, ALL, NULL, NULL },
	{ "GET",  "/api/staff/:id",	h_api_staff_show,	R_API, ALL, NULL, NULL },
	{ "GET",  "/wishes",		h_wishes,		0, ALL, "意向調査", NULL },
	{ "GET",  "/wishes/team",	h_wish_team,		0, ALL, NULL, NULL },
	{ "GET",  "/wishes/summary",	h_wish_summary,		0, ROLE_HR, NULL, NULL },
	{ "GET",  "/wishes/:rid",	h_wish_form,		0, ALL, NULL, NULL },
	{ "POST", "/wishes/:rid",	h_wish_save,		0, ALL, NULL, NULL },
	{ "GET",  "/wishes/:rid/export", h_wish_export,	0, ALL, NULL, NULL },
	{ "GET",  "/wishes/:rid/staff/:sid", h_wish_staff,	0, ALL, NULL, NULL },
	{ "POST", "/wishes/:rid/staff/:sid/comment", h_wish_comment, 0, ALL, NULL, NULL },
	{ "GET",  "/admin/wishes",	h_wish_admin,		0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/wishes",	h_wish_admin_add,	0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/wishes/:rid",	h_wish_admin_round,	0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/wishes/:rid/close", h_wish_admin_close, 0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/wishes/:rid/remind", h_wish_admin_remind, 0, ROLE_HR, NULL, NULL },
	{ "GET",  "/api/duties",	h_api_duties,		R_API, ALL, NULL, NULL },
	{ "GET",  "/api/duties/:id",	h_api_duty,		R_API, ALL, NULL, NULL },
	{ "GET",  "/account",		h_account,		0, ALL, "アカウント設定", NULL },
	{ "POST", "/account/password/change", h_account_password, 0, ALL, NULL, NULL },
	{ "POST", "/account/sessions/end", h_account_session_end, 0, ALL, NULL, NULL },
	{ "POST", "/account/sessions/end-others", h_account_sessions_end, 0, ALL, NULL, NULL },
	/* アカウント管理: hr may search and reset (not an admin's account);
	 * role, disable, enable and ending sessions refuse hr in the handler
	 * (audited) */
	{ "GET",  "/admin/accounts/issue", h_acct_issue_form,	0, ROLE_HR | ROLE_ADMIN, NULL, NULL },
	{ "POST", "/admin/accounts/issue", h_acct_issue,	0, ROLE_HR | ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/admin/accounts/notices", h_acct_notices,	0, ROLE_HR | ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/admin/accounts/notices.csv", h_acct_notices_csv, 0, ROLE_HR | ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/account/password",	h_acct_password_form,	R_STAGE, ALL, NULL, NULL },
	{ "POST", "/account/password",	h_acct_password,	R_STAGE, ALL, NULL, NULL },
	{ "GET",  "/admin/accounts",	h_admin_accounts,	0, ROLE_ADMIN | ROLE_HR, "アカウント管理", NULL },
	{ "GET",  "/admin/accounts/:id", h_admin_account,	0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "POST", "/admin/accounts/:id/role", h_admin_account_role, 0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "POST", "/admin/accounts/:id/disable", h_admin_account_disable, 0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "POST", "/admin/accounts/:id/enable", h_admin_account_enable, 0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "POST", "/admin/accounts/:id/sessions", h_admin_account_sessions, 0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "POST", "/admin/accounts/:id/reset", h_admin_account_reset, 0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/throttle",	h_throttle,		0, ROLE_ADMIN, "ログイン待ち時間", NULL },
	{ "POST", "/admin/throttle/clear", h_throttle_clear,	0, ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/admin/announce",	h_announce,		0, ROLE_ADMIN, "お知らせ", NULL },
	{ "POST", "/admin/announce",	h_announce_add,		0, ROLE_ADMIN, NULL, NULL },
	{ "POST", "/admin/announce/:id/delete", h_announce_delete, 0, ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/admin/masters",	h_masters,		0, ROLE_HR, "マスタ管理", NULL },
	{ "GET",  "/admin/masters/:master", h_master_list,	0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/masters/:master", h_master_create,	0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/masters/:master/:code", h_master_edit,	0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/masters/:master/:code", h_master_update, 0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/masters/:master/:code/delete", h_master_delete, 0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/org",		h_orgadm_index,		0, ROLE_HR, "組織管理", NULL },
	{ "POST", "/admin/org",		h_orgadm_create,	0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/org/:code",	h_orgadm_unit,		0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/org/:code/change", h_orgadm_change,	0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/org/:code/abolish", h_orgadm_abolish, 0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/org/:code/merge", h_orgadm_merge,	0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/audit",	h_audit,		0, ROLE_ADMIN | ROLE_HR, "監査ログ", NULL },
	{ "GET",  "/admin/audit.csv",	h_audit_csv,		0, ROLE_ADMIN | ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/import",	h_import_form,		0, ROLE_HR, "一括取込・出力", NULL },
	{ "POST", "/admin/import",	h_import_upload,	0, ROLE_HR, NULL, NULL },
	{ "POST", "/admin/import/:id/commit", h_import_commit,	0, ROLE_HR, NULL, NULL },
	{ "GET",  "/admin/export/:export.csv", h_export,		0, ROLE_HR, NULL, NULL },
	{ "GET",  "/login",		h_login_form,		R_PUBLIC, ALL, NULL, NULL },
	{ "POST", "/login",		h_login,		R_PUBLIC, ALL, NULL, NULL },
	{ "POST", "/logout",		h_logout,		R_STAGE, ALL, NULL, NULL },
	{ "GET",  "/login/totp",		h_login_totp_form,	R_STAGE, ALL, NULL, NULL },
	{ "POST", "/login/totp",		h_login_totp,		R_STAGE, ALL, NULL, NULL },
	{ "GET",  "/account/totp",	h_totp_page,		R_STAGE, ALL, NULL, NULL },
	{ "POST", "/account/totp",	h_totp_confirm,		R_STAGE, ALL, NULL, NULL },
	{ "POST", "/account/totp/disable", h_totp_disable,	0, ALL, NULL, NULL },
	{ "GET",  "/account/verify",	h_verify_form,		0, ALL, NULL, NULL },
	{ "POST", "/account/verify",	h_verify,		0, ALL, NULL, NULL },
	{ "POST", "/admin/accounts/:id/totp-reset", h_admin_totp_reset, 0, ROLE_ADMIN, NULL, NULL },
	{ "GET",  "/healthz",		h_health,		R_PUBLIC | R_NOSESSION, ALL, NULL, NULL },
	{ "GET",  "/metrics",		h_metrics,		R_PUBLIC | R_NOSESSION, ALL, NULL, NULL }, /* nginx: operators only */
	{ "GET",  "/_noop",		h_noop,			R_PUBLIC | R_NOSESSION | R_BENCH, ALL, NULL, NULL },
	{ "GET",  "/_test/forbidden",	h_test_forbidden,	R_PUBLIC | R_NOSESSION, ALL, NULL, NULL }, /* 404 unless --enable-test-hooks */
};

static int route_last = -1;	/* of the request being served (metrics) */

size_t
dispatch_route_count(void)
{
	return sizeof(routes) / sizeof(routes[0]);
}

const char *
dispatch_route_pattern(size_t i, const char **method)
{
	*method = routes[i].method;
	return routes[i].pattern;
}

int
dispatch_route_last(void)
{
	int r = route_last;

	route_last = -1;	/* read once per request */
	return r;
}

/* A session in a sign-in stage (password to set, TOTP to enter or enrol)
 * has no menu and reaches only R_STAGE routes and public ones. */
static int
stage_ok(const struct ctx *c)
{
	return c->me.id == 0 || strcmp(c->me.stage, "ok") == 0;
}

/* An R_STAGE route a session in a stage may reach: its own stage's pages
 * (auth_stage_path and below it) and /logout, not another stage's. */
static int
stage_route(const struct ctx *c, const struct route *r)
{
	const char *home = auth_stage_path(c->me.stage);
	size_t n = strlen(home);

	if (!(r->flags & R_STAGE))
		return 0;
	return strcmp(r->pattern, "/logout") == 0 ||
	    (strncmp(r->pattern, home, n) == 0 && (r->pattern[n] == '\0' || r->pattern[n] == '/'));
}

void
menu_fill(struct ctx *c)
{
	size_t i;
	int n = 0;
	char key[64];

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *r = &routes[i];
		if (r->menu == NULL || !(r->roles & c->me.role) || !stage_ok(c) ||
		    (r->menu_if != NULL && !r->menu_if(c)))
			continue;
		snprintf(key, sizeof(key), "Menu.%d.Href", n);
		view_set(c->hdf, key, r->pattern);
		snprintf(key, sizeof(key), "Menu.%d.Label", n);
		view_set(c->hdf, key, r->menu);
		if (strcmp(r->pattern, c->path) == 0) {
			snprintf(key, sizeof(key), "Menu.%d.Current", n);
			view_set(c->hdf, key, "1");
		}
		n++;
	}
}

/* A route whose capture says nothing of what it holds never matches (404):
 * say so in the log, once per worker. */
static void
routes_check(void)
{
	static int done;
	char why[160];
	size_t i;

	for (i = 0; !done && i < sizeof(routes) / sizeof(routes[0]); i++)
		if (route_check(routes[i].pattern, types, why, sizeof(why)) != 0)
			log_err("route %s %s never matches: %s", routes[i].method, routes[i].pattern, why);
	done = 1;
}

static const struct route *
route_find(struct ctx *c, int *status)
{
	const char *m = strcmp(c->method, "HEAD") == 0 ? "GET" : c->method;
	int path_seen = 0;
	size_t i;

	routes_check();
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if ((routes[i].flags & R_BENCH) && !c->app->cfg->bench_noop)
			continue;
		if (route_match(routes[i].pattern, c->path, types, c->caps, ROUTE_MAXCAP) < 0)
			continue;
		path_seen = 1;
		if (strcmp(routes[i].method, m) == 0)
			return &routes[i];
	}
	*status = path_seen ? 405 : 404;
	return NULL;
}

static void
login_redirect(struct ctx *c)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "/login?next=");
	http_urlencode(&b, c->path, "/-_.~");
	page_redirect(c, b.data);
	buf_free(&b);
}

void
dispatch(struct ctx *c)
{
	const struct route *r;
	int status = 0;

	r = route_find(c, &status);
	route_last = r ? (int)(r - routes) : -1;
	/* Every page but healthz knows who is asking, error pages included, so
	 * the layout can show the menu and a working logout form. */
	if (r == NULL || !(r->flags & R_NOSESSION)) {
		if (auth_load_session(c) != 0) {
			page_error(c, 503, "データベースに接続できません。しばらくしてから再度お試しください。");
			return;
		}
		auth_set_csrf(c);
		worker_note_user(c->me.id);	/* for the master's log if we die */
	}
	if (r == NULL) {
		if (status == 405)
			resp_header(&c->resp, "Allow", "GET, HEAD, POST");
		page_error(c, status, status == 404 ?
		    "お探しのページは見つかりませんでした。URLをご確認ください。" :
		    "このページではその操作はできません。");
		return;
	}
	if (!(r->flags & R_PUBLIC) && c->me.id == 0) {
		if (r->flags & R_API) {
			c->resp.status = 401;
			c->resp.ctype = "application/json; charset=utf-8";
			buf_puts(&c->resp.body, "{\"error\":\"login required\",\"status\":401}");
		} else if (strcmp(r->method, "GET") == 0)
			login_redirect(c);
		else
			page_error(c, 401, "ログインの有効期限が切れました。もう一度ログインしてください。");
		return;
	}
	if (!(r->flags & R_PUBLIC) && !stage_ok(c) && !stage_route(c, r)) {
		if (strcmp(r->method, "GET") == 0 && !(r->flags & R_API))
			page_redirect(c, auth_stage_path(c->me.stage));
		else
			page_error(c, 403, "ログインの手続きが終わっていません。"
			    "画面の案内に従って手続きを済ませてください。");
		return;
	}
	if (!(r->flags & R_PUBLIC) && !(r->roles & c->me.role)) {
		page_error(c, 403, "このページを表示する権限がありません。");
		return;
	}
	if (strcmp(r->method, "POST") == 0 && !auth_check_csrf(c)) {
		page_error(c, 403, "フォームの有効期限が切れたか、不正な送信です。"
		    "ページを読み込み直してから、もう一度送信してください。");
		return;
	}
	status = r->fn(c);
	if (status >= 400 && c->resp.body.len == 0)
		page_error(c, status, "処理できませんでした。");
	else if (status >= 200)
		c->resp.status = status;
}
