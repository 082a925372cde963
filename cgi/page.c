/* page.c: shared output helpers: the layout (header, role menu, user box),
 * error pages and redirects. Handlers fill Page.* and call page_render. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "jdate.h"
#include "log.h"
#include "view.h"

const char *
role_name(int r)
{
	switch (r) {
	case ROLE_ADMIN: return "admin";
	case ROLE_HR: return "hr";
	case ROLE_GENERAL: return "general";
	default: return "";
	}
}

const char *
role_label(int r)
{
	switch (r) {
	case ROLE_ADMIN: return "システム管理者";
	case ROLE_HR: return "人事担当";
	case ROLE_GENERAL: return "一般職員";
	default: return "";
	}
}

int
role_parse(const char *s)
{
	if (strcmp(s, "admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(s, "hr") == 0)
		return ROLE_HR;
	if (strcmp(s, "general") == 0)
		return ROLE_GENERAL;
	return 0;
}

/* What the layout shows besides the page (the role menu, a feature's
 * reminder): fillers registered at the worker's start, called in that order
 * for every page of a signed-in user. The layout names no feature. */
#define PAGE_PARTS_MAX	8
static page_part_fn parts[PAGE_PARTS_MAX];
static int nparts;

void
page_part_register(page_part_fn fn)
{
	if (nparts == PAGE_PARTS_MAX) {
		log_err("page_part_register: more than %d layout parts", PAGE_PARTS_MAX);
		abort();
	}
	parts[nparts++] = fn;
}

static void
layout_fill(struct ctx *c, const char *tmpl, const char *title)
{
	char today[64];
	time_t now = time(NULL);
	struct tm tm;
	int i;

	localtime_r(&now, &tm);
	jdate_format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, today, sizeof(today));
	view_set(c->hdf, "Page.Template", tmpl);
	view_set(c->hdf, "Page.Title", title);
	view_set(c->hdf, "Page.Path", c->path);
	view_set(c->hdf, "Page.Today", today);
	view_set(c->hdf, "Csrf", c->csrf);
	if (c->me.id) {
		view_set(c->hdf, "User.Login", c->me.login);
		view_set(c->hdf, "User.Name", c->me.name);
		view_set(c->hdf, "User.Role", role_name(c->me.role));
		view_set(c->hdf, "User.RoleLabel", role_label(c->me.role));
		for (i = 0; i < nparts; i++)
			parts[i](c);
	}
}

/* Render tmpl inside layout.cs into the response body. */
int
page_render(struct ctx *c, const char *tmpl, const char *title)
{
	struct buf err;

	layout_fill(c, tmpl, title);
	buf_init(&err);
	buf_reset(&c->resp.body);
	if (view_render(c->hdf, "layout.cs", &c->resp.body, &err) != 0) {
		log_err("render %s failed: %s", tmpl, err.data ? err.data : "");
		buf_free(&err);
		buf_reset(&c->resp.body);
		buf_puts(&c->resp.body, "<!DOCTYPE html><html lang=\"ja\"><head>"
		    "<meta charset=\"utf-8\"><title>エラー</title></head><body>"
		    "<h1>システムエラー</h1><p>ページを表示できませんでした。</p>"
		    "</body></html>");
		c->resp.status = 500;
		return 500;
	}
	buf_free(&err);
	return c->resp.status;
}

int
page_error(struct ctx *c, int status, const char *msg)
{
	const char *title;

	switch (status) {
	case 400: title = "リクエストが正しくありません"; break;
	case 401: title = "ログインが必要です"; break;
	case 403: title = "アクセスできません"; break;
	case 404: title = "ページが見つかりません"; break;
	case 405: title = "この操作はできません"; break;
	case 413: title = "送信データが大きすぎます"; break;
	case 429: title = "しばらくお待ちください"; break;
	case 503: title = "一時的に利用できません"; break;
	default: title = "システムエラー"; break;
	}
	c->resp.status = status;
	c->resp.ctype = "text/html; charset=utf-8";
	view_set_int(c->hdf, "Page.Error.Status", status);
	view_set(c->hdf, "Page.Error.Message", msg);
	page_render(c, "error/error.cs", title);
	c->resp.status = status;
	return status;
}

/* Choices for a <select>: KEY.N.Code from column 0, KEY.N.Name from namecol. */
void
page_options(struct ctx *c, int stmt, const char *const *params, const char *key, int namecol)
{
	PGresult *r = db_cached(c, stmt, params);
	HDF *list, *row;
	char k[16];
	int i;

	if (r == NULL || (list = view_node(c->hdf, key)) == NULL)
		return;
	/* rows are set relative to their own node: no walk from the root */
	for (i = 0; i < PQntuples(r); i++) {
		snprintf(k, sizeof(k), "%d", i);
		if ((row = view_node(list, k)) == NULL)
			return;
		view_set(row, "Code", PQgetvalue(r, i, 0));
		view_set(row, "Name", PQgetvalue(r, i, namecol));
	}
}

/* Why a change was refused: the database's own message (our RAISE, written
 * for users) if there is one, else the caller's fallback. */
const char *
page_db_why(struct ctx *c, const char *fallback)
{
	const char *m = db_last_message(&c->app->rw);

	return m && *m ? m : fallback;
}

/* A read on the ro connection through the worker's result cache: served
 * from memory while the data version of this request is the one it was read
 * at. The result belongs to the cache or the request: never PQclear it. */
PGresult *
db_cached(struct ctx *c, int stmt, const char *const *params)
{
	return qcache_exec(&c->app->qc, &c->app->ro, stmt, params, c->dver);
}

int
page_redirect(struct ctx *c, const char *path)
{
	resp_redirect(&c->resp, 303, path);
	return 303;
}
