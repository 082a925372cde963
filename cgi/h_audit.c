/* h_audit.c: /admin/audit: the audit trail for hr and admin, filtered by
 * action, actor, subject and period. Viewing it is itself audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <json-c/json.h>
#include "app.h"
#include "auditchain.h"
#include "handlers.h"
#include "http.h"
#include "jdate.h"
#include "stmts.h"
#include "view.h"

#define AUDIT_PAGE 100

static int
date_or_empty(const char *in, char out[11])
{
	int y, m, d;
	const char *why;

	out[0] = '\0';
	if (in == NULL || *in == '\0')
		return 0;
	if (jdate_parse(in, &y, &m, &d, &why) != 0)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* A search's terms (Target of row i): stored sealed (staff.c), shown to hr
 * only; admin, who may not read legal names, gets a note instead. */
static void
search_terms(struct ctx *c, int i, const char *target)
{
	char key[64], *pt = NULL;
	size_t len = 0;
	int kid = 0, off = 0;

	snprintf(key, sizeof(key), "Page.Log.%d.Target", i);
	if (c->me.role != ROLE_HR) {
		view_set(c->hdf, key, "（検索語は人事担当のみ閲覧できます）");
		return;
	}
	if (sscanf(target, "sealed:%d:%n", &kid, &off) != 1 || off == 0)
		return;		/* stored before sql/064: plain */
	if (unseal_hex(&c->app->keys, kid, "audit:search", target + off, &pt, &len) != 0) {
		view_set(c->hdf, key, "（検索語を復号できません）");
		return;
	}
	view_set(c->hdf, key, pt);
	OPENSSL_cleanse(pt, len);
	free(pt);
}

int
h_audit(struct ctx *c)
{
	static const char *const cols[] = { "At", "Actor", "Role", "Action", "Subject",
		"Target", "Detail", "Addr", "Result", NULL };
	const char *action = kv_get(&c->query, "action"), *actor = kv_get(&c->query, "actor");
	const char *subject = kv_get(&c->query, "subject");
	char from[11], to[11], lim[8], off[16];
	int page = kv_get(&c->query, "page") ? atoi(kv_get(&c->query, "page")) : 1, i, n;
	PGresult *r;

	if (date_or_empty(kv_get(&c->query, "from"), from) != 0 ||
	    date_or_empty(kv_get(&c->query, "to"), to) != 0)
		return page_error(c, 400, "期間の日付が正しくありません（例: 2026-04-01、R8.4.1）");
	if (page < 1 || page > 100000)
		page = 1;
	snprintf(lim, sizeof(lim), "%d", AUDIT_PAGE + 1);
	snprintf(off, sizeof(off), "%d", (page - 1) * AUDIT_PAGE);
	{
		const char *p[7] = { action ? action : "", actor ? actor : "", subject ? subject : "",
		    from, to, lim, off };
		if ((r = db_exec(&c->app->ro, STMT_AUDIT_LIST, p)) == NULL)
			return page_error(c, 503, "監査ログを読み込めませんでした。");
	}
	n = PQntuples(r);
	for (i = 0; i < n && i < AUDIT_PAGE; i++) {
		view_row(c->hdf, "Page.Log", i, r, i, cols, NULL, NULL);
		if (strcmp(PQgetvalue(r, i, 3), "search") == 0)
			search_terms(c, i, PQgetvalue(r, i, 5));
	}
	PQclear(r);
	view_set(c->hdf, "Page.F.action", action ? action : "");
	view_set(c->hdf, "Page.F.actor", actor ? actor : "");
	view_set(c->hdf, "Page.F.subject", subject ? subject : "");
	view_set(c->hdf, "Page.F.from", from);
	view_set(c->hdf, "Page.F.to", to);
	view_set_int(c->hdf, "Page.Page", page);
	view_set_int(c->hdf, "Page.Count", n > AUDIT_PAGE ? AUDIT_PAGE : n);
	if (n > AUDIT_PAGE)
		view_set_int(c->hdf, "Page.Next", page + 1);
	if (page > 1)
		view_set_int(c->hdf, "Page.Prev", page - 1);
	audit(c, "view", 0, "audit_log", NULL, "ok");
	return page_render(c, "admin/audit.cs", "監査ログ");
}

/* GET /admin/audit.csv: the filtered trail for handing over (hr, admin),
 * after a fresh password + code check. The CSV's SHA-256, its filters and
 * row count go into the export's own audit row, which is chained like any
 * other and shown on the page: that row is the manifest (the body may be
 * streamed before its hash is known, so no header can carry it). */
int
h_audit_csv(struct ctx *c)
{
	static const char *const names[] = { "action", "actor", "subject", "from", "to" };
	const char *f[5];
	char from[11], to[11], sha[65], detail[1024];
	struct download dl;
	json_object *o;
	long rows = 0;
	int i, rc;

	if (!auth_fresh(c))	/* bulk export: a recent password + code check */
		return auth_stepup(c);
	if (date_or_empty(kv_get(&c->query, "from"), from) != 0 ||
	    date_or_empty(kv_get(&c->query, "to"), to) != 0)
		return page_error(c, 400, "期間の日付が正しくありません（例: 2026-04-01、R8.4.1）");
	f[0] = kv_str(&c->query, "action");
	f[1] = kv_str(&c->query, "actor");
	f[2] = kv_str(&c->query, "subject");
	f[3] = from;
	f[4] = to;
	download_init(&dl, &c->resp, "text/csv; charset=utf-8", "audit.csv");
	rc = audit_export(&c->app->ro, f, download_write, &dl, sha, &rows);
	o = json_object_new_object();
	for (i = 0; i < 5; i++)
		if (f[i][0])
			json_object_object_add(o, names[i], json_object_new_string(f[i]));
	json_object_object_add(o, "rows", json_object_new_int64(rows));
	json_object_object_add(o, "sha256", json_object_new_string(rc == 0 ? sha : ""));
	snprintf(detail, sizeof(detail), "%s", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	audit(c, "export", 0, "audit_log", detail, rc == 0 ? "ok" : "error");
	if (rc != 0) {
		if (c->resp.streamed)	/* the reader has part of it: end the connection */
			return 500;
		buf_reset(&c->resp.body);
		return page_error(c, 503, "監査ログを出力できませんでした。");
	}
	download_end(&dl);
	return 200;
}
