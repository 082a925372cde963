/* h_org.c: /org: the organisation chart as of a date, with headcounts
 * (main appointments, sub-units rolled up) and the head of each unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

int
h_org(struct ctx *c)
{
	char asof[11], key[96], label[64];
	const char *why = NULL;
	const char *p[1] = { asof };
	PGresult *r;
	int i, j, n, *depth, *own;
	long *sum;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	if ((r = db_cached(c, STMT_ORG_CHART, p)) == NULL)
		return page_error(c, 503, "組織情報を読み込めませんでした。");
	n = PQntuples(r);
	depth = arena_calloc(&c->arena, (size_t)n + 1, sizeof(int));
	own = arena_calloc(&c->arena, (size_t)n + 1, sizeof(int));
	sum = arena_calloc(&c->arena, (size_t)n + 1, sizeof(long));
	for (i = 0; i < n; i++) {
		depth[i] = atoi(PQgetvalue(r, i, 3));
		own[i] = atoi(PQgetvalue(r, i, 5));
	}
	/* rows come in tree order: a unit's sub-units follow it with greater depth */
	for (i = 0; i < n; i++)
		for (sum[i] = own[i], j = i + 1; j < n && depth[j] > depth[i]; j++)
			sum[i] += own[j];
	for (i = 0; i < n; i++) {
#define SET(f, v) do { snprintf(key, sizeof(key), "Page.Units.%d." f, i); view_set(c->hdf, key, v); } while (0)
		SET("Code", PQgetvalue(r, i, 0));
		SET("Name", PQgetvalue(r, i, 1));
		SET("Kind", PQgetvalue(r, i, 2));
		snprintf(label, sizeof(label), "%d", depth[i]);
		SET("Depth", label);
		SET("Head", PQgetvalue(r, i, 6));
		snprintf(label, sizeof(label), "%d", own[i]);
		SET("Own", label);
		snprintf(label, sizeof(label), "%ld", sum[i]);
		SET("Total", label);
		/* nesting for the template: how many lists close after this unit */
		snprintf(label, sizeof(label), "%d", (i + 1 < n ? depth[i] - depth[i + 1] : depth[i]) + 1);
		SET("Close", label);
#undef SET
	}
	view_set(c->hdf, "Page.Asof", asof);
	{
		char lab[64];
		staff_date(asof, lab, sizeof(lab));
		view_set(c->hdf, "Page.AsofLabel", lab);
	}
	view_set_int(c->hdf, "Page.Count", n);
	return page_render(c, "org/chart.cs", "組織図");
}
