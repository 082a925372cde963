/* h_audit.c: /admin/audit: the audit trail for hr and admin, filtered by
 * action, actor, subject and period. Viewing it is itself audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
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
	for (i = 0; i < n && i < AUDIT_PAGE; i++)
		view_row(c->hdf, "Page.Log", i, r, i, cols, NULL, NULL);
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
