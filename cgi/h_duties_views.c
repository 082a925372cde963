/* h_duties_views.c: views over the duty register: my tasks (/tasks, overdue
 * and due-soon first), a unit's timeline for a fiscal year as server-side
 * SVG (/duties/timeline), workload per staff member against 1.0
 * (/duties/workload), risk views (/duties/risks: no 主担当; every
 * experienced person leaving), the CSV export of duties and assignments
 * (/duties/export) and the duty history on a staff profile. Every row is
 * checked against the policy group "duties" for the viewer's relation to
 * its unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "csv.h"
#include "duties.h"
#include "handlers.h"
#include "jdate.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

/* The unit of ?unit= (or the viewer's own) as of ?asof=, readable by the
 * viewer; 200, 0 (no unit known) or an error status already rendered. */
static int
view_unit(struct ctx *c, struct dunit *u, char asof[11], const char *what)
{
	const char *why = NULL;
	int st;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	view_set(c->hdf, "Page.Asof", asof);
	staff_set_date(c->hdf, "Page.AsofLabel", asof);
	duties_unit_options(c, asof);
	if ((st = duties_unit_readable(c, asof, u, what)) != 200)
		return st;
	duties_set_unit(c, u, asof);
	return 200;
}

/* ---------------------------------------------------------------- my tasks */

int
h_tasks_mine(struct ctx *c)
{
	static const char *const cols[] = { "Id", "Title", "DutyId", "Duty", "Start", "Due",
	    "Progress", "Status", "Notes", "State", NULL };
	static const unsigned char dates[] = { 0, 0, 0, 0, VIEW_FMT, VIEW_FMT, 0, 0, 0, 0 };
	char viewer[24], key[96];
	const char *p[1] = { viewer };
	PGresult *r;
	int i, n = 0, late = 0, soon = 0;

	if (c->me.staff_id == 0) {
		view_set(c->hdf, "Page.NoStaff", "1");
		return page_render(c, "duties/tasks.cs", "担当タスク");
	}
	duties_viewer(c, viewer);
	if ((r = db_exec(&c->app->ro, STMT_TASK_MINE, p)) == NULL)
		return page_error(c, 503, "タスクを読み込めませんでした。");
	for (i = 0; i < PQntuples(r); i++) {
		unsigned rel = (unsigned)atoi(PQgetvalue(r, i, 10));
		if (duties_level(c, rel) < PL_READ)
			continue;
		view_row(c->hdf, "Page.Tasks", n, r, i, cols, dates, staff_set_date);
		snprintf(key, sizeof(key), "Page.Tasks.%d.CanUpdate", n);
		view_set(c->hdf, key, duties_level(c, rel) >= PL_EDIT ? "1" : "0");
		late += strcmp(PQgetvalue(r, i, 9), "overdue") == 0;
		soon += strcmp(PQgetvalue(r, i, 9), "soon") == 0;
		n++;
	}
	PQclear(r);
	view_set_int(c->hdf, "Page.Count.Tasks", n);
	view_set_int(c->hdf, "Page.Count.Overdue", late);
	view_set_int(c->hdf, "Page.Count.Soon", soon);
	{
		const char *s = kv_get(&c->query, "saved");
		if (s && strcmp(s, "progress") == 0)
			view_set(c->hdf, "Page.Saved", s);
	}
	return page_render(c, "duties/tasks.cs", "担当タスク");
}

/* ---------------------------------------------------------------- timeline */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long
civil_days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The fiscal year's months as labels with their day offsets, the year's
 * length and today's offset (-1 when outside the year). */
static int
timeline_axis(struct ctx *c, int fy)
{
	static const int mdays[] = { 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31 };
	char today[11];
	int i, x = 0, days = is_leap(fy + 1) ? 366 : 365, ty, tm, td;
	long off;

	for (i = 0; i < 12; i++) {
		char v[16];
		snprintf(v, sizeof(v), "%d月", (i + 3) % 12 + 1);
		duties_setk(c->hdf, v, "Page.Months.%d.Label", i);
		snprintf(v, sizeof(v), "%d", x);
		duties_setk(c->hdf, v, "Page.Months.%d.X", i);
		x += mdays[i] + (i == 10 && is_leap(fy + 1));
	}
	staff_today(today);
	sscanf(today, "%d-%d-%d", &ty, &tm, &td);
	off = civil_days(ty, tm, td) - civil_days(fy, 4, 1);
	view_set_int(c->hdf, "Page.Year.Days", days);
	view_set_int(c->hdf, "Page.Year.TodayX", off >= 0 && off < days ? off : -1);
	return days;
}

int
h_duty_timeline(struct ctx *c)
{
	static const char *const cols[] = { "TaskId", "Title", "DutyId", "Duty", "Start", "Due",
	    "Progress", "Status", "Assignees", "State", "X", "W", NULL };
	static const unsigned char dates[] = { 0, 0, 0, 0, VIEW_FMT, VIEW_FMT, 0, 0, 0, 0, 0, 0 };
	struct dunit u;
	char asof[11], from[11], to[11], key[96], label[64];
	const char *fys = kv_get(&c->query, "fy");
	PGresult *r;
	int st, fy, y, m, d, i, n, days;

	if ((st = view_unit(c, &u, asof, "timeline")) != 200 && st != 0)
		return st;
	sscanf(asof, "%d-%d-%d", &y, &m, &d);
	fy = jdate_fiscal_year(y, m);
	if (fys && *fys) {
		if (strspn(fys, "0123456789") != strlen(fys) || atoi(fys) < 1990 || atoi(fys) > 2100)
			return page_error(c, 400, "年度は西暦4桁（例: 2026）で指定してください。");
		fy = atoi(fys);
	}
	view_set_int(c->hdf, "Page.Fy", fy);
	view_set_int(c->hdf, "Page.PrevFy", fy - 1);
	view_set_int(c->hdf, "Page.NextFy", fy + 1);
	{
		char w[32];
		jdate_wareki_year(fy, 4, 1, w, sizeof(w));
		view_set(c->hdf, "Page.FyLabel", w);
	}
	days = timeline_axis(c, fy);
	if (st == 0)
		return page_render(c, "duties/timeline.cs", "業務スケジュール");
	snprintf(from, sizeof(from), "%04d-04-01", fy);
	snprintf(to, sizeof(to), "%04d-03-31", fy + 1);
	{
		const char *p[3] = { u.id, from, to };
		if ((r = db_exec(&c->app->ro, STMT_DUTY_TIMELINE, p)) == NULL)
			return page_error(c, 503, "スケジュールを読み込めませんでした。");
	}
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		int w = atoi(PQgetvalue(r, i, 11)), pr = atoi(PQgetvalue(r, i, 6));
		view_row(c->hdf, "Page.Rows", i, r, i, cols, dates, staff_set_date);
		/* the part of the bar that is done */
		snprintf(label, sizeof(label), "%.1f", w * pr / 100.0);
		snprintf(key, sizeof(key), "Page.Rows.%d.PW", i);
		view_set(c->hdf, key, label);
		/* a heading row before the first task of each duty */
		if (i == 0 || strcmp(PQgetvalue(r, i, 2), PQgetvalue(r, i - 1, 2)) != 0) {
			snprintf(key, sizeof(key), "Page.Rows.%d.First", i);
			view_set(c->hdf, key, "1");
		}
	}
	PQclear(r);
	(void)days;
	view_set_int(c->hdf, "Page.Count.Rows", n);
	return page_render(c, "duties/timeline.cs", "業務スケジュール");
}

/* ---------------------------------------------------------------- workload */

/* Per-unit totals, closed when the unit changes (rows come in tree order). */
struct wsum {
	char	code[24];
	char	name[256];
	int	staff, over, under;
	double	shares;
};

static void
wsum_flush(struct ctx *c, struct wsum *s, int *nu)
{
	char key[64], v[32];

	if (s->code[0] == '\0')
		return;
	snprintf(key, sizeof(key), "Page.Units.%d.Code", *nu);
	view_set(c->hdf, key, s->code);
	snprintf(key, sizeof(key), "Page.Units.%d.Name", *nu);
	view_set(c->hdf, key, s->name);
	snprintf(v, sizeof(v), "%d", s->staff);
	duties_setk(c->hdf, v, "Page.Units.%d.Staff", *nu);
	snprintf(v, sizeof(v), "%d", s->over);
	duties_setk(c->hdf, v, "Page.Units.%d.Over", *nu);
	snprintf(v, sizeof(v), "%d", s->under);
	duties_setk(c->hdf, v, "Page.Units.%d.Under", *nu);
	snprintf(v, sizeof(v), "%.2f", s->shares);
	duties_setk(c->hdf, v, "Page.Units.%d.Shares", *nu);
	(*nu)++;
	memset(s, 0, sizeof(*s));
}

int
h_duty_workload(struct ctx *c)
{
	static const char *const cols[] = { "Id", "No", "Name", "Unit", "Position", "Total",
	    "Duties", "Detail", "UnitCode", NULL };
	struct dunit u;
	struct wsum sum;
	char asof[11], viewer[24], key[96];
	PGresult *r;
	int st, i, n = 0, nu = 0;

	if ((st = view_unit(c, &u, asof, "workload")) != 200)
		return st == 0 ? page_render(c, "duties/workload.cs", "業務量") : st;
	duties_viewer(c, viewer);
	{
		const char *p[3] = { u.id, asof, viewer };
		if ((r = db_exec(&c->app->ro, STMT_DUTY_WORKLOAD, p)) == NULL)
			return page_error(c, 503, "業務量を読み込めませんでした。");
	}
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < PQntuples(r); i++) {
		double t = atof(PQgetvalue(r, i, 5));
		const char *state = t > 1.0001 ? "over" : t < 0.9999 ? "under" : "ok";
		if (duties_level(c, (unsigned)atoi(PQgetvalue(r, i, 9))) < PL_READ)
			continue;
		if (strcmp(sum.code, PQgetvalue(r, i, 8)) != 0) {
			wsum_flush(c, &sum, &nu);
			snprintf(sum.code, sizeof(sum.code), "%s", PQgetvalue(r, i, 8));
			snprintf(sum.name, sizeof(sum.name), "%s", PQgetvalue(r, i, 3));
		}
		sum.staff++;
		sum.shares += t;
		sum.over += state[0] == 'o' && state[1] == 'v';
		sum.under += state[0] == 'u';
		view_row(c->hdf, "Page.Staff", n, r, i, cols, NULL, NULL);
		snprintf(key, sizeof(key), "Page.Staff.%d.State", n);
		view_set(c->hdf, key, state);
		/* a meter is 0..1.5: beyond that it is simply full */
		{
			char v[16];
			snprintf(v, sizeof(v), "%d", (int)(t * 100 + 0.5));
			duties_setk(c->hdf, v, "Page.Staff.%d.Pct", n);
		}
		n++;
	}
	PQclear(r);
	wsum_flush(c, &sum, &nu);
	view_set_int(c->hdf, "Page.Count.Staff", n);
	return page_render(c, "duties/workload.cs", "業務量");
}

/* ---------------------------------------------------------------- risks */

static int
risk_rows(struct ctx *c, int stmt, const char *const *p, const char *sec,
    const char *const *cols, int relcol)
{
	PGresult *r = db_exec(&c->app->ro, stmt, p);
	char key[96];
	int i, n = 0;

	if (r == NULL)
		return -1;
	snprintf(key, sizeof(key), "Page.%s", sec);
	for (i = 0; i < PQntuples(r); i++) {
		if (duties_level(c, (unsigned)atoi(PQgetvalue(r, i, relcol))) < PL_READ)
			continue;
		view_row(c->hdf, key, n++, r, i, cols, NULL, NULL);
	}
	PQclear(r);
	snprintf(key, sizeof(key), "Page.Count.%s", sec);
	view_set_int(c->hdf, key, n);
	return n;
}

int
h_duty_risks(struct ctx *c)
{
	static const char *const nomain[] = { "Id", "Name", "Unit", "Others", NULL };
	static const char *const leaving[] = { "Id", "Name", "Unit", "Leaving", "Experienced", NULL };
	struct dunit u;
	char asof[11], viewer[24];
	int st;

	if ((st = view_unit(c, &u, asof, "risks")) != 200)
		return st == 0 ? page_render(c, "duties/risks.cs", "業務リスク") : st;
	duties_viewer(c, viewer);
	{
		const char *p[3] = { u.id, asof, viewer };
		if (risk_rows(c, STMT_DUTY_RISK_NOMAIN, p, "NoMain", nomain, 4) < 0)
			return page_error(c, 503, "読み込めませんでした。");
		/* planned transfers are confidential: only those who see the future */
		if (staff_sees_future(c)) {
			view_set(c->hdf, "Page.Show.Leaving", "1");
			if (risk_rows(c, STMT_DUTY_RISK_LEAVING, p, "Leaving", leaving, 5) < 0)
				return page_error(c, 503, "読み込めませんでした。");
		}
	}
	return page_render(c, "duties/risks.cs", "業務リスク");
}

/* ---------------------------------------------------------------- CSV */

/* The export streams: rows come one at a time (db_each) and go out in
 * pieces; what the policy hides is dropped row by row. */
struct duty_csv {
	struct ctx	*c;
	struct csv_w	 w;
	struct download	 dl;
	int		 ncol;
	long		 n;		/* rows written */
};

static int
duty_csv_row(void *p, const PGresult *r, int i)
{
	struct duty_csv *x = p;
	int j;

	if (duties_level(x->c, (unsigned)atoi(PQgetvalue(r, i, 0))) < PL_READ)
		return 0;
	for (j = 0; j < x->ncol; j++)
		csv_put(&x->w, PQgetvalue(r, i, j + 1));
	csv_end(&x->w);
	x->n++;
	return download_piece(&x->dl) != 0 ? 1 : 0;
}

/*
 * /duties/export?kind=duties|assignments&unit=CODE&asof=DATE: UTF-8 with a
 * BOM, CRLF, every field quoted, a header row in Japanese. duties: 所属コード,所属名,業務ID,
 * 業務名,根拠法令,業務内容,区分,業務量（人年）,開始日,終了日,状態.
 * assignments: 所属コード,所属名,業務ID,業務名,職員番号,氏名,担当区分,
 * 従事割合,開始日,終了日. Without unit, every unit the viewer may read.
 */
int
h_duty_export(struct ctx *c)
{
	static const char *const hd[] = { "所属コード", "所属名", "業務ID", "業務名", "根拠法令",
	    "業務内容", "区分", "業務量（人年）", "開始日", "終了日", "状態", NULL };
	static const char *const ha[] = { "所属コード", "所属名", "業務ID", "業務名", "職員番号",
	    "氏名", "担当区分", "従事割合", "開始日", "終了日", NULL };
	const char *kind = kv_get(&c->query, "kind"), *unit = kv_get(&c->query, "unit"), *why = NULL;
	const char *const *h;
	char asof[11], viewer[24], detail[160], name[64];
	struct duty_csv x;
	int assign, rc;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	assign = kind && strcmp(kind, "assignments") == 0;
	if (kind && *kind && !assign && strcmp(kind, "duties") != 0)
		return page_error(c, 400, "kind は duties か assignments を指定してください。");
	if (unit == NULL)
		unit = "";
	if (strlen(unit) > 20)
		return page_error(c, 404, "指定の所属は存在しません。");
	if (!auth_fresh(c))	/* bulk export: a recent password + code check */
		return auth_stepup(c);
	duties_viewer(c, viewer);
	memset(&x, 0, sizeof(x));
	x.c = c;
	snprintf(name, sizeof(name), "%s-%s.csv", assign ? "duty-assignments" : "duties", asof);
	download_init(&x.dl, &c->resp, "text/csv; charset=utf-8", name);
	csv_w_init(&x.w, &c->resp.body, CSV_QUOTE_ALL);
	buf_puts(&c->resp.body, "\xEF\xBB\xBF");
	for (h = assign ? ha : hd; h[x.ncol]; x.ncol++)
		csv_put(&x.w, h[x.ncol]);
	csv_end(&x.w);
	{
		const char *p[3] = { viewer, asof, unit };
		rc = db_each(&c->app->ro, assign ? STMT_DUTY_EXPORT_ASSIGN : STMT_DUTY_EXPORT, p, duty_csv_row, &x);
	}
	snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"unit\": \"%s\", \"asof\": \"%s\", \"rows\": %ld}",
	    assign ? "assignments" : "duties", strspn(unit, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") == strlen(unit) ? unit : "?", asof, x.n);
	if (rc != 0 && c->resp.streamed) {	/* cut short: the worker ends the connection */
		audit(c, "export", 0, "duties", detail, "error");
		return 500;
	}
	if (rc != 0) {
		buf_reset(&c->resp.body);
		return page_error(c, 503, "出力できませんでした。");
	}
	download_end(&x.dl);
	audit(c, "export", 0, "duties", detail, "ok");
	return 200;
}

/* ---------------------------------------------------------------- profile */

/* 担当業務の履歴 on a profile: shown only if the policy lets the viewer
 * read the duties group of this person (rel: relations to the person). */
void
duties_history(struct ctx *c, const char *id, const char *asof, unsigned rel)
{
	const char *p[2] = { id, asof };
	PGresult *r;
	char key[96];
	int i;

	if (duties_level(c, rel) < PL_READ)
		return;
	if ((r = db_cached(c, STMT_DUTY_STAFF_HISTORY, p)) == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
#define SET(f, col) do { snprintf(key, sizeof(key), "Page.DutyHistory.%d." f, i); \
		view_set(c->hdf, key, PQgetvalue(r, i, col)); } while (0)
		SET("Id", 0);
		SET("Name", 1);
		SET("Unit", 2);
		SET("Role", 3);
		SET("Share", 4);
#undef SET
		snprintf(key, sizeof(key), "Page.DutyHistory.%d.From", i);
		staff_set_date(c->hdf, key, PQgetvalue(r, i, 5));
		snprintf(key, sizeof(key), "Page.DutyHistory.%d.To", i);
		staff_set_date(c->hdf, key, PQgetvalue(r, i, 6));
	}
	view_set(c->hdf, "Page.Show.DutyHistory", "1");
	view_set_int(c->hdf, "Page.Count.DutyHistory", PQntuples(r));
}
