/* h_analytics.c: /analytics (分析): staff figures for a date (or fiscal year)
 * and a unit with its sub-units, as server-rendered SVG charts with data
 * tables and CSV downloads; a comparison of two dates and a cross-tab.
 * Who sees which units comes from the analytics section of the policy
 * (all units, or the units the viewer heads); cells of sensitive data built
 * from fewer than k people, and the cells that would give them away by
 * subtraction from what any analytics page shows of the same unit and date,
 * are hidden everywhere (ana_grid.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ana.h"
#include "app.h"
#include "handlers.h"
#include "jdate.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

#define C_DRILL	0x1	/* row keys are unit codes: rows link to that unit */
#define C_EVAL	0x2	/* evaluation figures: the evaluations part of the policy */

static const struct chart {
	const char	*key;	/* URL and CSV name */
	const char	*page;	/* dashboard page ("" = overview) */
	const char	*title;
	const char	*desc;
	const char	*src;	/* the figure's name in ana_page() */
	const char	*only;	/* keep this column only, or NULL */
	enum ckind	 kind;
	const char	*bars;	/* K_BARS: columns drawn (comma list), NULL = all */
	const char	*sens;	/* sensitive columns ("*" = all), NULL = none */
	unsigned	 flags;
	const char	*rowhead;
} charts[] = {
	{ "units", "", "所属別の人数", "本務の職員数（下位の所属を含む）。表の所属名から、その所属の内訳に移れます。",
	  "units", NULL, K_BARS, "n", NULL, C_DRILL, "所属" },
	{ "etype", "", "職員区分別の人数", "正規・再任用・任期付・会計年度任用などの区分ごとの人数。",
	  "etype", NULL, K_BARS, "n", NULL, 0, "職員区分" },
	{ "position", "", "職位別の人数", "本務の職位ごとの人数（上位の職位から）。",
	  "position", NULL, K_BARS, "n", NULL, 0, "職位" },
	{ "jobtype", "", "職種別の人数", "本務の職種ごとの人数。",
	  "jobtype", NULL, K_BARS, "n", NULL, 0, "職種" },
	{ "age", "", "年齢構成（男女別）", "5歳刻みの年齢階級・性別ごとの人数。人数の少ないセルと、それが差し引きで分かるセルは「x」と表示します。",
	  "age", NULL, K_PYRAMID, NULL, "*", 0, "年齢" },
	{ "average", "", "平均年齢・平均勤続年数", "所属ごとの平均年齢（棒）と平均勤続年数（表）。",
	  "average", NULL, K_BARS, "age", "age", C_DRILL, "所属" },
	{ "service", "", "勤続年数の分布", "採用からの年数（5年刻み）ごとの人数。",
	  "tenure", "service", K_BARS, NULL, NULL, 0, "勤続年数" },
	{ "post", "", "現所属の在職年数", "今の所属に続けて在籍している年数ごとの人数。5年以上は異動の検討対象です。",
	  "tenure", "post", K_BARS, NULL, NULL, 0, "在職年数" },
	{ "flow", "flow", "採用・退職と離職率（年度別）", "各年度の4月1日の人数、採用者数、退職者数（基準日まで）と離職率（退職者数÷4月1日の人数）。",
	  "flow", NULL, K_BARS, "hires,seps", NULL, 0, "年度" },
	{ "retire", "flow", "定年退職者の見込み（10年度分）", "正規職員のうち各年度末に定年を迎える人数。定年は令和5年度から2年ごとに1歳ずつ引き上げ（令和13年度に65歳）。",
	  "retire", NULL, K_BARS, "n", "*", 0, "年度" },
	{ "evalyear", "eval", "人事評価の分布（年度別）", "各年度の最終評価（年間、なければ下期、上期）の評語ごとの割合。各年度末の所属で集計。",
	  "evalyear", NULL, K_STACK, NULL, "*", C_EVAL, "年度・種別" },
	{ "evalunit", "eval", "人事評価の分布（所属別・能力評価）", "評価のある直近の年度の能力評価の評語ごとの割合。基準日の所属で集計。",
	  "evalunit", NULL, K_STACK, NULL, "*", C_EVAL | C_DRILL, "所属" },
	{ "training", "dev", "研修の受講状況（当年度）", "基準日の年度に始まった研修（基準日まで）の受講者数・受講率（棒）と研修時間。",
	  "training", NULL, K_BARS, "rate", NULL, C_DRILL, "所属" },
	{ "quals", "dev", "資格の保有者数と期限", "基準日に有効な資格の保有者数と、180日以内に期限を迎える人数。",
	  "quals", NULL, K_BARS, "holders,expiring", NULL, 0, "資格" },
	{ "skills", "dev", "スキルの分布（所属×分野）", "分野ごとにレベル3以上のスキルを持つ人数。色は所属の人数に占める割合（濃いほど高い）。",
	  "skills", NULL, K_HEAT, NULL, NULL, C_DRILL, "所属" },
};
#define NCHARTS	(sizeof(charts) / sizeof(charts[0]))

static const struct page {
	const char	*name;
	const char	*label;
} pages[] = {
	{ "", "人員構成" }, { "flow", "採用・退職" }, { "eval", "人事評価" }, { "dev", "育成" },
	{ "compare", "2時点の比較" }, { "crosstab", "クロス集計" },
};
#define NPAGES	(sizeof(pages) / sizeof(pages[0]))

static const char *const dims[][2] = {
	{ "unit", "所属" }, { "position", "職位" }, { "etype", "職員区分" },
	{ "age", "年齢階級" }, { "gender", "性別" }, { "grade", "級" },
};
static const char *const measures[][2] = {
	{ "count", "人数" }, { "age", "平均年齢" }, { "service", "平均勤続年数" },
};

/* The request's date, unit and what the viewer may see of them. */
struct ana {
	char	 date[11];
	char	 unit[48];
	char	 unit_name[160];
	int	 evals;		/* may see evaluation figures for this unit */
};

static void
iso(int y, int m, int d, char out[11])
{
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* A date from param (西暦 or 和暦), else the end of fiscal year ?fy= (today
 * if that is later), else today. Future dates only for who sees plans. */
static int
ana_date(struct ctx *c, const char *param, char out[11], const char **why)
{
	const char *s = kv_get(&c->query, param), *fy = kv_get(&c->query, "fy");
	char today[11];
	int y, m, d;

	staff_today(today);
	memcpy(out, today, 11);
	if (s && *s) {
		if (jdate_parse(s, &y, &m, &d, why) != 0)
			return -1;
		iso(y, m, d, out);
	} else if (fy && *fy && strcmp(param, "date") == 0) {
		y = atoi(fy);
		if (strspn(fy, "0123456789") != strlen(fy) || y < 1989 || y > 2100) {
			*why = "年度は西暦の4桁で指定してください（例: 2024）。";
			return -1;
		}
		iso(y + 1, 3, 31, out);
		if (strcmp(out, today) > 0)
			memcpy(out, today, 11);
	}
	if (strcmp(out, today) > 0 && !staff_sees_future(c)) {
		*why = "未来の日付（発令予定）の情報は人事担当のみ閲覧できます。今日以前の日付を指定してください。";
		return -1;
	}
	return 0;
}

/* Is code one of the units in r (column 0)? Index or -1. */
static int
unit_index(PGresult *r, const char *code)
{
	int i;

	for (i = 0; r && i < PQntuples(r); i++)
		if (strcmp(PQgetvalue(r, i, 0), code) == 0)
			return i;
	return -1;
}

/* The menu entry 分析: for whoever the policy lets see the dashboards of
 * every unit, or of the units they head today (read through the worker's
 * cache, so the menu costs no query on most pages). */
int
ana_menu_shown(struct ctx *c)
{
	enum ascope scope = policy_analytics(c->app->policy, c->me.roles, AP_DASHBOARDS);
	char v[24], today[11];
	const char *p[2] = { v, today };
	PGresult *r;

	if (scope == AS_ALL)
		return 1;
	if (scope != AS_OWN || c->me.staff_id == 0)
		return 0;
	snprintf(v, sizeof(v), "%ld", c->me.staff_id);
	staff_today(today);
	r = db_cached(c, STMT_ANA_HEADS_ANY, p);
	return r != NULL && PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
}

static PGresult *
units_for(struct ctx *c, const char *date, long viewer)
{
	char v[24];
	const char *p[2] = { date, v };

	snprintf(v, sizeof(v), "%ld", viewer);
	return db_exec(&c->app->ro, STMT_ANA_UNITS, p);
}

/* The unit picker (Page.Units) and the path to the chosen unit (Page.Crumbs). */
static void
fill_units(struct ctx *c, PGresult *r, int sel, int city)
{
	char key[64];
	int i, depth, n = 0, path[16], np = 0;

	view_set(c->hdf, "Page.City", city ? "1" : "");
	for (i = 0; i < PQntuples(r); i++) {
		snprintf(key, sizeof(key), "Page.Units.%d.Code", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 0));
		snprintf(key, sizeof(key), "Page.Units.%d.Name", i);
		{
			struct buf b;
			int d;
			buf_init(&b);
			for (d = atoi(PQgetvalue(r, i, 2)); d > 0; d--)
				buf_puts(&b, "　");	/* full-width space: options keep it */
			buf_puts(&b, PQgetvalue(r, i, 1));
			view_set(c->hdf, key, b.data);
			buf_free(&b);
		}
		if (i == sel) {
			snprintf(key, sizeof(key), "Page.Units.%d.Sel", i);
			view_set(c->hdf, key, "1");
		}
	}
	if (sel < 0)
		return;
	/* ancestors: walking back, each earlier unit of smaller depth */
	for (depth = atoi(PQgetvalue(r, sel, 2)), i = sel - 1; i >= 0 && np < 16; i--)
		if (atoi(PQgetvalue(r, i, 2)) < depth) {
			path[np++] = i;
			depth = atoi(PQgetvalue(r, i, 2));
		}
	while (np-- > 0) {
		snprintf(key, sizeof(key), "Page.Crumbs.%d.Code", n);
		view_set(c->hdf, key, PQgetvalue(r, path[np], 0));
		snprintf(key, sizeof(key), "Page.Crumbs.%d.Name", n++);
		view_set(c->hdf, key, PQgetvalue(r, path[np], 1));
	}
}

/* Date, unit and scope for every analytics request. 0, or an HTTP status
 * with the error page rendered. */
static int
ana_begin(struct ctx *c, struct ana *a, int fill)
{
	const struct policy *pol = c->app->policy;
	enum ascope scope = policy_analytics(pol, c->me.roles, AP_DASHBOARDS);
	enum ascope ev = policy_analytics(pol, c->me.roles, AP_EVALUATIONS);
	const char *why = NULL, *u = kv_get(&c->query, "unit");
	PGresult *r, *own = NULL;
	int sel;

	memset(a, 0, sizeof(*a));
	if (scope == AS_NONE || (scope == AS_OWN && c->me.staff_id == 0))
		goto deny;
	if (ana_date(c, "date", a->date, &why) != 0)
		return page_error(c, 400, why);
	if ((r = units_for(c, a->date, scope == AS_ALL ? 0 : c->me.staff_id)) == NULL)
		return page_error(c, 503, "組織情報を読み込めませんでした。");
	if (scope == AS_OWN && PQntuples(r) == 0) {
		PQclear(r);
		goto deny;
	}
	snprintf(a->unit, sizeof(a->unit), "%s", u && *u ? u :
	    scope == AS_OWN ? PQgetvalue(r, 0, 0) : "");
	sel = a->unit[0] ? unit_index(r, a->unit) : -1;
	if (a->unit[0] && sel < 0) {
		PQclear(r);
		if (scope == AS_OWN)
			goto deny;
		return page_error(c, 404, "指定の所属は基準日に存在しません。組織図で所属と日付をご確認ください。");
	}
	snprintf(a->unit_name, sizeof(a->unit_name), "%s", sel >= 0 ? PQgetvalue(r, sel, 1) : "市全体");
	/* evaluations: every unit, or only units the viewer heads */
	if (ev == AS_ALL)
		a->evals = 1;
	else if (ev == AS_OWN && c->me.staff_id && a->unit[0]) {
		own = scope == AS_OWN ? r : units_for(c, a->date, c->me.staff_id);
		a->evals = unit_index(own, a->unit) >= 0;
		if (own != r && own)
			PQclear(own);
	}
	if (fill)
		fill_units(c, r, sel, scope == AS_ALL);
	PQclear(r);
	return 0;
deny:
	audit(c, "deny", 0, "analytics", NULL, "denied");
	return page_error(c, 403, "分析画面は、人事担当と所属長（担当する所属の分）が利用できます。");
}

static void
fill_common(struct ctx *c, const struct ana *a, const char *page)
{
	char lab[64], key[64];
	size_t i;
	int n = 0, fy, y, m, d;

	view_set(c->hdf, "Page.Date", a->date);
	staff_date(a->date, lab, sizeof(lab));
	view_set(c->hdf, "Page.DateLabel", lab);
	view_set(c->hdf, "Page.Unit", a->unit);
	view_set(c->hdf, "Page.UnitName", a->unit_name);
	view_set(c->hdf, "Page.Name", page);
	view_set_int(c->hdf, "Page.K", c->app->policy->ana_k);
	for (i = 0; i < NPAGES; i++) {
		if (strcmp(pages[i].name, "eval") == 0 && !a->evals)
			continue;
		snprintf(key, sizeof(key), "Page.Pages.%d.Name", n);
		view_set(c->hdf, key, pages[i].name);
		snprintf(key, sizeof(key), "Page.Pages.%d.Label", n);
		view_set(c->hdf, key, pages[i].label);
		if (strcmp(pages[i].name, page) == 0) {
			snprintf(key, sizeof(key), "Page.Pages.%d.Current", n);
			view_set(c->hdf, key, "1");
		}
		n++;
	}
	/* quick choices: the ends of the last five fiscal years */
	sscanf(a->date, "%d-%d-%d", &y, &m, &d);
	fy = jdate_fiscal_year(y, m);
	for (n = 0; n < 5; n++) {
		snprintf(key, sizeof(key), "Page.Years.%d.Fy", n);
		view_set_int(c->hdf, key, fy - 4 + n);
	}
}

/* Every figure of a dashboard page (or one figure, by its name in
 * ana_page()), in one statement. */
static PGresult *
page_result(struct ctx *c, const struct ana *a, const char *page)
{
	const char *p[3] = { a->date, a->unit, *page ? page : "overview" };

	return db_exec(&c->app->ro, STMT_ANA_PAGE, p);
}

/* The suppression model of a unit on a date (ana_grid.c), or NULL. */
static struct amodel *
model_for(struct ctx *c, const char *date, const char *unit)
{
	const char *p[2] = { date, unit };
	PGresult *r = db_cached(c, STMT_ANA_CUBE, p);

	return r ? amodel_build(r, c->app->policy->ana_k) : NULL;
}

static struct grid *
grid_of(struct grid **g, const char *key)
{
	size_t i;

	for (i = 0; i < NCHARTS; i++)
		if (strcmp(charts[i].key, key) == 0)
			return g[i];
	return NULL;
}

/* The charts of a page's result (page "" etc., or one chart's key) as grids
 * g[i] for charts[i] (in the request's arena: grids are ~100 KB), suppressed
 * as a whole: the pyramid and average ages through the unit's model, the two
 * evaluation figures together (with the model's headcounts). 0, or -1. */
static int
page_grids(struct ctx *c, const struct ana *a, PGresult *r, const char *page, const char *one,
    struct grid **g)
{
	struct amodel *m = NULL;
	struct grid *age, *avg, *ey, *eu;
	size_t i;

	for (i = 0; i < NCHARTS; i++) {
		g[i] = NULL;
		if (one ? strcmp(charts[i].key, one) != 0 : strcmp(charts[i].page, page) != 0)
			continue;
		g[i] = arena_alloc(&c->arena, sizeof(*g[i]));	/* the request's */
		grid_load(g[i], r, charts[i].src, charts[i].only);
		grid_suppress(g[i], charts[i].sens, c->app->policy->ana_k);
	}
	age = grid_of(g, "age");
	avg = grid_of(g, "average");
	ey = grid_of(g, "evalyear");
	eu = grid_of(g, "evalunit");
	if ((age || avg || (ey && eu)) && (m = model_for(c, a->date, a->unit)) == NULL)
		return -1;
	if (age)
		grid_hide_pyramid(age, m);
	if (avg)
		grid_hide_units(avg, m, "age");
	if (ey && eu)
		grid_hide_eval(ey, eu, m);
	amodel_free(m);
	return 0;
}

static void
chart_hdf(struct ctx *c, int n, const struct chart *ch, const struct grid *g)
{
	char prefix[48], key[96];

	snprintf(prefix, sizeof(prefix), "Page.Charts.%d", n);
#define SET(f, v) do { snprintf(key, sizeof(key), "%s." f, prefix); view_set(c->hdf, key, v); } while (0)
	SET("Key", ch->key);
	SET("Title", ch->title);
	SET("Desc", ch->desc);
	SET("RowHead", ch->rowhead);
	SET("Drill", ch->flags & C_DRILL ? "1" : "");
	SET("Sens", ch->sens ? "1" : "");
#undef SET
	grid_hdf(g, c->hdf, prefix);
	grid_svg(g, c->hdf, prefix, ch->kind, ch->bars);
}

static int
dashboard(struct ctx *c, const char *page)
{
	struct grid *g[NCHARTS];
	PGresult *r;
	struct ana a;
	size_t i;
	int n = 0, st;
	char target[64];

	if ((st = ana_begin(c, &a, 1)) != 0)
		return st;
	if (strcmp(page, "eval") == 0 && !a.evals) {
		audit(c, "deny", 0, "analytics/eval", NULL, "denied");
		return page_error(c, 403, "この所属の人事評価の集計を表示する権限がありません。");
	}
	fill_common(c, &a, page);
	if ((r = page_result(c, &a, page)) == NULL)
		return page_error(c, 503, "集計できませんでした。しばらくしてから再度お試しください。");
	st = page_grids(c, &a, r, page, NULL, g);
	PQclear(r);
	if (st != 0)
		return page_error(c, 503, "集計できませんでした。");
	for (i = 0; i < NCHARTS; i++)
		if (g[i])
			chart_hdf(c, n++, &charts[i], g[i]);
	snprintf(target, sizeof(target), "analytics/%s", *page ? page : "overview");
	audit(c, "view", 0, target, NULL, "ok");
	return page_render(c, "analytics/index.cs", "分析");
}

int
h_analytics(struct ctx *c)
{
	return dashboard(c, "");
}

/* ---------------------------------------------------------------- compare */

static const char *
pick(const char *v, const char *const list[][2], size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		if (strcmp(v, list[i][0]) == 0)
			return list[i][0];
	return NULL;
}

/* The place of a code in dims or measures (the order of enum adim, ameas). */
static int
index_of(const char *code, const char *const list[][2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(code, list[i][0]) == 0)
			return (int)i;
	return 0;
}

static const char *
label(const char *code, const char *const list[][2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(code, list[i][0]) == 0)
			return list[i][1];
	return "";
}

/* The average ages of each date are those of the overview on that date:
 * hidden as there (the model of each date). */
static struct grid *
compare_grid(struct ctx *c, const struct ana *a, const char *from)
{
	const char *p[3] = { from, a->date, a->unit };
	struct amodel *m1 = NULL, *m2 = NULL;
	struct grid *g;
	PGresult *r;

	if ((r = db_exec(&c->app->ro, STMT_ANA_COMPARE, p)) == NULL)
		return NULL;
	if ((g = arena_alloc(&c->arena, sizeof(*g))) != NULL) {
		grid_load(g, r, NULL, NULL);
		grid_suppress(g, "age1,age2", c->app->policy->ana_k);
		if ((m1 = model_for(c, from, a->unit)) == NULL || (m2 = model_for(c, a->date, a->unit)) == NULL) {
			g = NULL;
		} else {
			grid_hide_units(g, m1, "age1");
			grid_hide_units(g, m2, "age2");
		}
		amodel_free(m1);
		amodel_free(m2);
	}
	PQclear(r);
	return g;
}

#define MOVES_SHOWN	100	/* on the page; the CSV has everyone */

static const char *
move_label(const char *v)
{
	return strcmp(v, "hired") == 0 ? "採用" : strcmp(v, "separated") == 0 ? "退職" :
	    strcmp(v, "moved_in") == 0 ? "転入" : strcmp(v, "moved_out") == 0 ? "転出" : "所属内の異動";
}

static void
set_move_label(HDF *hdf, const char *key, const char *v)
{
	view_set(hdf, key, move_label(v));
}

static int
compare_lists(struct ctx *c, const struct ana *a, const char *from)
{
	const char *p[4] = { from, a->date, a->unit, NULL };
	static const char *const f[] = { "Change", "No", "Name", "From", "To", NULL };
	static const char *const uf[] = { "Change", "Code", "From", "To", NULL };
	static const unsigned char label[5] = { VIEW_FMT };	/* the change's label */
	char shown[16];
	PGresult *r;
	int n;

	if ((r = db_exec(&c->app->ro, STMT_ANA_UNIT_CHANGES, p)) == NULL)
		return -1;
	view_rows(c->hdf, "Page.UnitChanges", r, uf, NULL, NULL);
	PQclear(r);
	/* names of people who moved: career is read under the policy */
	if (policy_level(c->app->policy, c->me.roles, RELBIT(REL_COLLEAGUE), FG_CAREER) < PL_READ)
		return 0;
	snprintf(shown, sizeof(shown), "%d", MOVES_SHOWN);
	p[3] = shown;
	if ((r = db_exec(&c->app->ro, STMT_ANA_MOVES, p)) == NULL)
		return -1;
	n = PQntuples(r);
	view_set(c->hdf, "Page.MovesTotal", n > 0 ? PQgetvalue(r, 0, 5) : "0");
	view_rows(c->hdf, "Page.Moves", r, f, label, set_move_label);
	view_set_int(c->hdf, "Page.MovesShown", MOVES_SHOWN);
	PQclear(r);
	return 0;
}

static int
compare_page(struct ctx *c)
{
	static const struct chart ch = { "compare", "compare", "2時点の比較",
	    "所属ごとの人数・平均年齢・平均勤続年数を2つの基準日で比べます。", NULL, NULL,
	    K_BARS, "n1,n2", NULL, C_DRILL, "所属" };
	struct ana a;
	struct grid *g;
	char from[11], lab[64];
	const char *why = NULL;
	int st;

	if ((st = ana_begin(c, &a, 1)) != 0)
		return st;
	if (kv_get(&c->query, "from") == NULL || *kv_get(&c->query, "from") == '\0') {
		int y, m, d;
		sscanf(a.date, "%d-%d-%d", &y, &m, &d);
		iso(y - 1, m, m == 2 && d == 29 ? 28 : d, from);
	} else if (ana_date(c, "from", from, &why) != 0)
		return page_error(c, 400, why);
	fill_common(c, &a, "compare");
	view_set(c->hdf, "Page.From", from);
	staff_date(from, lab, sizeof(lab));
	view_set(c->hdf, "Page.FromLabel", lab);
	if ((g = compare_grid(c, &a, from)) == NULL || compare_lists(c, &a, from) != 0)
		return page_error(c, 503, "集計できませんでした。しばらくしてから再度お試しください。");
	chart_hdf(c, 0, &ch, g);
	audit(c, "view", 0, "analytics/compare", NULL, "ok");
	return page_render(c, "analytics/compare.cs", "分析（2時点の比較）");
}

/* ---------------------------------------------------------------- cross-tab */

static struct grid *
crosstab_grid(struct ctx *c, const struct ana *a, const char **rd, const char **cd, const char **ms)
{
	const char *p[5];
	struct grid *g;
	PGresult *r;

	*rd = pick(kv_get(&c->query, "r"), dims, 6);
	*cd = pick(kv_get(&c->query, "c"), dims, 6);
	*ms = pick(kv_get(&c->query, "m"), measures, 3);
	if (*rd == NULL)
		*rd = "unit";
	if (*cd == NULL)
		*cd = "etype";
	if (*ms == NULL)
		*ms = "count";
	p[0] = a->date, p[1] = a->unit, p[2] = *rd, p[3] = *cd, p[4] = *ms;
	if ((r = db_exec(&c->app->ro, STMT_ANA_CROSSTAB, p)) == NULL)
		return NULL;
	if ((g = arena_alloc(&c->arena, sizeof(*g))) != NULL) {
		int sens = strcmp(*rd, "age") == 0 || strcmp(*rd, "gender") == 0 ||
		    strcmp(*cd, "age") == 0 || strcmp(*cd, "gender") == 0 || strcmp(*ms, "age") == 0;
		struct amodel *m = NULL;
		grid_load(g, r, NULL, NULL);
		grid_suppress(g, sens ? "*" : NULL, c->app->policy->ana_k);
		if (sens && (m = model_for(c, a->date, a->unit)) == NULL) {
			g = NULL;
		} else if (m) {
			grid_hide_crosstab(g, m, (enum ameas)index_of(*ms, measures, 3),
			    (enum adim)index_of(*rd, dims, 6), (enum adim)index_of(*cd, dims, 6));
			amodel_free(m);
		}
	}
	PQclear(r);
	return g;
}

static void
crosstab_options(struct ctx *c, const char *rd, const char *cd, const char *ms)
{
	char key[64];
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(key, sizeof(key), "Page.Dims.%d.Code", i);
		view_set(c->hdf, key, dims[i][0]);
		snprintf(key, sizeof(key), "Page.Dims.%d.Name", i);
		view_set(c->hdf, key, dims[i][1]);
	}
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "Page.Measures.%d.Code", i);
		view_set(c->hdf, key, measures[i][0]);
		snprintf(key, sizeof(key), "Page.Measures.%d.Name", i);
		view_set(c->hdf, key, measures[i][1]);
	}
	view_set(c->hdf, "Page.R", rd);
	view_set(c->hdf, "Page.C", cd);
	view_set(c->hdf, "Page.M", ms);
}

static int
crosstab_page(struct ctx *c)
{
	struct chart ch = { "crosstab", "crosstab", "クロス集計", "", NULL, NULL,
	    K_TABLE, NULL, NULL, 0, "" };
	const char *rd, *cd, *ms;
	char title[160];
	struct ana a;
	struct grid *g;
	int st;

	if ((st = ana_begin(c, &a, 1)) != 0)
		return st;
	fill_common(c, &a, "crosstab");
	if ((g = crosstab_grid(c, &a, &rd, &cd, &ms)) == NULL)
		return page_error(c, 503, "集計できませんでした。しばらくしてから再度お試しください。");
	crosstab_options(c, rd, cd, ms);
	ch.rowhead = label(rd, dims, 6);
	snprintf(title, sizeof(title), "%s × %s（%s）", ch.rowhead, label(cd, dims, 6), label(ms, measures, 3));
	ch.title = title;
	ch.flags = strcmp(rd, "unit") == 0 ? C_DRILL : 0;
	chart_hdf(c, 0, &ch, g);
	audit(c, "view", 0, "analytics/crosstab", NULL, "ok");
	return page_render(c, "analytics/crosstab.cs", "分析（クロス集計）");
}

/* ---------------------------------------------------------------- CSV */

static int
csv_headers(struct ctx *c, const struct ana *a, const char *name)
{
	char disp[160];

	c->resp.ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"analytics-%s-%s%s%s.csv\"", name, a->date,
	    a->unit[0] ? "-" : "", a->unit);
	resp_header(&c->resp, "Content-Disposition", disp);
	snprintf(disp, sizeof(disp), "analytics/%s.csv", name);
	audit(c, "export", 0, disp, NULL, "ok");
	return 200;
}

static int
csv_send(struct ctx *c, const struct ana *a, const char *name, const struct grid *g, const char *rowhead)
{
	buf_reset(&c->resp.body);
	grid_csv(g, rowhead, &c->resp.body);
	return csv_headers(c, a, name);
}

static int
csv(struct ctx *c, const char *name)
{
	const char *rd, *cd, *ms, *why = NULL;
	struct grid *g = NULL, *gs[NCHARTS];
	PGresult *r;
	struct ana a;
	char from[11];
	size_t i;
	int st;

	if ((st = ana_begin(c, &a, 0)) != 0)
		return st;
	if (strcmp(name, "crosstab") == 0) {
		g = crosstab_grid(c, &a, &rd, &cd, &ms);
		st = g ? csv_send(c, &a, name, g, label(rd, dims, 6)) : 503;
	} else if (strcmp(name, "moves") == 0) {
		const char *p[4] = { from, a.date, a.unit, NULL };
		static const char *const head[] = { "区分", "職員番号", "氏名", "変更前", "変更後" };
		if (ana_date(c, "from", from, &why) != 0 || kv_get(&c->query, "from") == NULL)
			return page_error(c, 400, why ? why : "比較する日付（from）を指定してください。");
		if (policy_level(c->app->policy, c->me.roles, RELBIT(REL_COLLEAGUE), FG_CAREER) < PL_READ)
			return page_error(c, 403, "職員の異動の一覧を表示する権限がありません。");
		if ((r = db_exec(&c->app->ro, STMT_ANA_MOVES, p)) == NULL)
			return page_error(c, 503, "集計できませんでした。しばらくしてから再度お試しください。");
		buf_reset(&c->resp.body);
		grid_csv_rows(r, head, 5, move_label, &c->resp.body);
		PQclear(r);
		return csv_headers(c, &a, name);
	} else if (strcmp(name, "compare") == 0) {
		if (ana_date(c, "from", from, &why) != 0 || kv_get(&c->query, "from") == NULL)
			return page_error(c, 400, why ? why : "比較する日付（from）を指定してください。");
		g = compare_grid(c, &a, from);
		st = g ? csv_send(c, &a, name, g, "所属") : 503;
	} else {
		for (i = 0; i < NCHARTS && strcmp(charts[i].key, name) != 0; i++)
			;	/* one of them: the route's :chart */
		if ((charts[i].flags & C_EVAL) && !a.evals) {
			audit(c, "deny", 0, "analytics/eval", NULL, "denied");
			return page_error(c, 403, "この所属の人事評価の集計を表示する権限がありません。");
		}
		/* the evaluation figures are suppressed together: read both */
		if ((r = page_result(c, &a, charts[i].flags & C_EVAL ? "eval" : charts[i].src)) == NULL ||
		    page_grids(c, &a, r, charts[i].page, charts[i].flags & C_EVAL ? NULL : charts[i].key, gs) != 0)
			st = 503;
		else {
			st = csv_send(c, &a, name, gs[i], charts[i].rowhead);
		}
		PQclear(r);
	}
	if (st == 503)
		return page_error(c, 503, "集計できませんでした。しばらくしてから再度お試しください。");
	return st;
}

/* The route types (cgi/dispatch.c): /analytics/:page is a dashboard page,
 * compare or crosstab; /analytics/:chart.csv a chart, moves, compare or
 * crosstab. */
int
ana_page_known(const char *name)
{
	size_t i;

	for (i = 1; i < NPAGES; i++)
		if (strcmp(pages[i].name, name) == 0)
			return 1;
	return 0;
}

int
ana_csv_known(const char *name)
{
	size_t i;

	if (strcmp(name, "crosstab") == 0 || strcmp(name, "moves") == 0 || strcmp(name, "compare") == 0)
		return 1;
	for (i = 0; i < NCHARTS; i++)
		if (strcmp(charts[i].key, name) == 0)
			return 1;
	return 0;
}

/* /analytics/:page */
int
h_analytics_sub(struct ctx *c)
{
	const char *name = c->caps[0];

	if (strcmp(name, "compare") == 0)
		return compare_page(c);
	if (strcmp(name, "crosstab") == 0)
		return crosstab_page(c);
	return dashboard(c, name);
}

/* /analytics/:chart.csv */
int
h_analytics_csv(struct ctx *c)
{
	return csv(c, c->caps[0]);
}
