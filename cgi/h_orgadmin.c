/* h_orgadmin.c: /admin/org (HR): the organisation as of a date and its
 * changes as history: 新設 (POST /admin/org), and per unit /admin/org/:code
 * with 改称・移管 (change), 廃止 (abolish) and 統合 (merge). Every change is
 * one SQL function in one transaction (sql/010); refusals come back as the
 * function's own message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

static const char *const kinds[] = { "部", "局", "課", "室", "係", "担当", "委員会",
	"事務局", "本部", "署", "所", "館", "センター", "出向先", "その他", NULL };

static const struct field f_code = { "code", "所属コード", FG_CAREER, F_TEXT, 1, 20, NULL };
static const struct field f_name = { "name", "名称", FG_CAREER, F_TEXT, 1, 100, NULL };
static const struct field f_kind = { "kind", "種別", FG_CAREER, F_ENUM, 1, 0, kinds };
static const struct field f_sort = { "sort_order", "表示順", FG_CAREER, F_INT, 1, 9999, NULL };
static const struct field f_date = { "date", "実施日", FG_CAREER, F_DATE, 1, 0, NULL };

static void
set_kinds(struct ctx *c)
{
	char k[32];
	int i;

	for (i = 0; kinds[i]; i++) {
		snprintf(k, sizeof(k), "Page.Kinds.%d", i);
		view_set(c->hdf, k, kinds[i]);
	}
}

static int
is_code(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 20 &&
	    strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") == n;
}

/* The value as sent, kept for the form shown again (Page.F.<name>). */
static const char *
keep(struct ctx *c, const char *name)
{
	const char *v = kv_get(&c->form, name);
	char k[64];

	snprintf(k, sizeof(k), "Page.F.%s", name);
	view_set(c->hdf, k, v ? v : "");
	return v;
}

/* Validates one form field into out; errors go to the page. */
static void
take(struct ctx *c, const struct field *f, char *out, size_t len, int *nerr)
{
	const char *v = keep(c, f->name), *why = NULL;

	if (validate(f, v ? v : "", out, len, &why) != 0)
		field_error(c, nerr, f->name, f->label, why);
}

/* The as-of date of the page (any date: HR plans reorganisations). */
static int
asof(struct ctx *c, char out[11])
{
	const char *why;

	return staff_asof(c, out, &why);
}

static void
list(struct ctx *c, const char *date)
{
	const char *p[1] = { date };
	static const char *const cols[] = { "Code", "Name", "Kind", "Depth", "Parent", "Sort",
		"From", "To", "People", "Path", NULL };
	PGresult *r = db_cached(c, STMT_ORGADM_LIST, p);

	if (r == NULL)
		return;
	view_set_int(c->hdf, "Page.Count", view_rows(c->hdf, "Page.Units", r, cols, NULL, NULL));
}

static int
index_page(struct ctx *c, int status)
{
	char date[11];
	const char *p[1] = { date };

	if (asof(c, date) != 0)
		return page_error(c, 400, "日付が正しくありません。");
	list(c, date);
	set_kinds(c);
	page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
	view_set(c->hdf, "Page.Asof", date);
	{
		char b[64];
		staff_date(date, b, sizeof(b));
		view_set(c->hdf, "Page.AsofLabel", b);
	}
	if (kv_get(&c->query, "saved"))
		view_set(c->hdf, "Page.Saved", kv_get(&c->query, "saved"));
	c->resp.status = status;
	page_render(c, "admin/org.cs", "組織の管理");
	return status;
}

int
h_orgadm_index(struct ctx *c)
{
	return index_page(c, 200);
}

static int
done(struct ctx *c, const char *code, const char *what, const char *date)
{
	char path[128];

	if (code)
		snprintf(path, sizeof(path), "/admin/org/%s?saved=%s&asof=%s", code, what, date);
	else
		snprintf(path, sizeof(path), "/admin/org?saved=%s&asof=%s", what, date);
	return page_redirect(c, path);
}

static const char *
db_why(struct ctx *c)
{
	return page_db_why(c, strcmp(c->app->rw.sqlstate, "23505") == 0 ?
	    "同じ名称・コードの所属が既にあります" : "保存できませんでした");
}

int
h_orgadm_create(struct ctx *c)
{
	char code[64], name[512], kind[32], sort[16], date[11], detail[160];
	const char *parent = keep(c, "parent");
	int nerr = 0;

	take(c, &f_code, code, sizeof(code), &nerr);
	if (nerr == 0 && !is_code(code))
		field_error(c, &nerr, "code", "所属コード", "半角英数字・ハイフン・下線の20文字以内で入力してください");
	take(c, &f_name, name, sizeof(name), &nerr);
	take(c, &f_kind, kind, sizeof(kind), &nerr);
	take(c, &f_sort, sort, sizeof(sort), &nerr);
	take(c, &f_date, date, sizeof(date), &nerr);
	if (parent && *parent && !is_code(parent))
		field_error(c, &nerr, "parent", "上位の所属", "選択肢から選んでください");
	if (nerr == 0) {
		const char *p[6] = { code, name, kind, parent ? parent : "", sort, date };
		if (db_command(&c->app->rw, STMT_ORGADM_CREATE, p) != 0)
			field_error(c, &nerr, "code", "所属の新設", db_why(c));
	}
	if (nerr)
		return index_page(c, 400);
	snprintf(detail, sizeof(detail), "{\"code\": \"%s\", \"from\": \"%s\"}", code, date);
	audit(c, "create", 0, "org_unit", detail, "ok");
	return done(c, code, "created", date);
}

/* ---- one unit ---- */

static int
unit_page(struct ctx *c, int status)
{
	char date[11];
	const char *code = c->caps[0], *pd[1] = { date }, *pc[1] = { code };
	PGresult *r;
	int i, found = -1;

	if (asof(c, date) != 0)
		return page_error(c, 400, "日付が正しくありません。");
	if ((r = db_cached(c, STMT_ORGADM_VERSIONS, pc)) == NULL)
		return page_error(c, 503, "組織情報を読み込めませんでした。");
	if (PQntuples(r) == 0)
		return page_error(c, 404, "所属が見つかりません。");
	{
		static const char *const cols[] = { "From", "To", "Name", "Kind", "ParentName",
			"Parent", "Sort", NULL };
		static const unsigned char dates[] = { VIEW_FMT, VIEW_FMT, 0, 0, 0, 0, 0 };
		for (i = 0; i < PQntuples(r); i++) {
			view_row(c->hdf, "Page.Versions", i, r, i, cols, dates, staff_set_date);
			/* the version in force on the page's date fills the forms */
			if (strcmp(PQgetvalue(r, i, 0), date) <= 0 &&
			    (!*PQgetvalue(r, i, 1) || strcmp(PQgetvalue(r, i, 1), date) >= 0))
				found = i;
		}
		i = found >= 0 ? found : PQntuples(r) - 1;
		view_set(c->hdf, "Page.Unit.Name", PQgetvalue(r, i, 2));
		view_set(c->hdf, "Page.Unit.Kind", PQgetvalue(r, i, 3));
		view_set(c->hdf, "Page.Unit.Parent", PQgetvalue(r, i, 5));
		view_set(c->hdf, "Page.Unit.Sort", PQgetvalue(r, i, 6));
		view_set(c->hdf, "Page.Unit.Exists", found >= 0 ? "1" : "0");
	}
	if ((r = db_cached(c, STMT_ORGADM_SUCCESSION, pc)) != NULL) {
		static const char *const cols[] = { "On", "Kind", "FromCode", "FromName", "ToCode", "ToName", NULL };
		static const unsigned char dates[] = { VIEW_FMT, 0, 0, 0, 0, 0 };
		view_rows(c->hdf, "Page.Succession", r, cols, dates, staff_set_date);
	}
	page_options(c, STMT_UNIT_OPTIONS, pd, "Page.Opt.Units", 4);
	set_kinds(c);
	view_set(c->hdf, "Page.Unit.Code", code);
	view_set(c->hdf, "Page.Asof", date);
	{
		char b[64];
		staff_date(date, b, sizeof(b));
		view_set(c->hdf, "Page.AsofLabel", b);
	}
	if (kv_get(&c->query, "saved"))
		view_set(c->hdf, "Page.Saved", kv_get(&c->query, "saved"));
	c->resp.status = status;
	page_render(c, "admin/org_unit.cs", hdf_get_value(c->hdf, "Page.Unit.Name", "所属"));
	return status;
}

int
h_orgadm_unit(struct ctx *c)
{
	return unit_page(c, 200);
}

int
h_orgadm_change(struct ctx *c)
{
	char name[512], kind[32], sort[16], date[11], detail[160];
	const char *parent = keep(c, "parent");
	int nerr = 0;

	take(c, &f_date, date, sizeof(date), &nerr);
	take(c, &f_name, name, sizeof(name), &nerr);
	take(c, &f_kind, kind, sizeof(kind), &nerr);
	take(c, &f_sort, sort, sizeof(sort), &nerr);
	if (parent && *parent && !is_code(parent))
		field_error(c, &nerr, "parent", "上位の所属", "選択肢から選んでください");
	if (nerr == 0) {
		const char *p[6] = { c->caps[0], date, name, kind, parent ? parent : "", sort };
		if (db_command(&c->app->rw, STMT_ORGADM_CHANGE, p) != 0)
			field_error(c, &nerr, "date", "所属の変更", db_why(c));
	}
	if (nerr) {
		view_set(c->hdf, "Page.Form", "change");
		return unit_page(c, 400);
	}
	snprintf(detail, sizeof(detail), "{\"code\": \"%s\", \"from\": \"%s\"}", c->caps[0], date);
	audit(c, "update", 0, "org_unit", detail, "ok");
	return done(c, c->caps[0], "changed", date);
}

int
h_orgadm_abolish(struct ctx *c)
{
	char date[11], detail[160];
	int nerr = 0;

	take(c, &f_date, date, sizeof(date), &nerr);
	if (nerr == 0) {
		const char *p[2] = { c->caps[0], date };
		if (db_command(&c->app->rw, STMT_ORGADM_ABOLISH, p) != 0)
			field_error(c, &nerr, "date", "所属の廃止", db_why(c));
	}
	if (nerr) {
		view_set(c->hdf, "Page.Form", "abolish");
		return unit_page(c, 400);
	}
	snprintf(detail, sizeof(detail), "{\"code\": \"%s\", \"on\": \"%s\"}", c->caps[0], date);
	audit(c, "delete", 0, "org_unit", detail, "ok");
	return done(c, c->caps[0], "abolished", date);
}

/* 統合: up to three units (from1..from3) become part of this one. */
int
h_orgadm_merge(struct ctx *c)
{
	char date[11], detail[256], list[80] = "";
	int nerr = 0, n = 0, i;

	take(c, &f_date, date, sizeof(date), &nerr);
	for (i = 1; i <= 3; i++) {
		char k[16];
		const char *v;
		snprintf(k, sizeof(k), "from%d", i);
		v = keep(c, k);
		if (v == NULL || *v == '\0')
			continue;
		if (!is_code(v)) {
			field_error(c, &nerr, k, "統合する所属", "選択肢から選んでください");
			continue;
		}
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", n ? "," : "", v);
		n++;
	}
	if (n == 0 && nerr == 0)
		field_error(c, &nerr, "from1", "統合する所属", "1つ以上選んでください");
	if (nerr == 0) {
		const char *p[3] = { list, c->caps[0], date };
		PGresult *r = db_exec(&c->app->rw, STMT_ORGADM_MERGE, p);
		if (r == NULL)
			field_error(c, &nerr, "from1", "所属の統合", db_why(c));
		else
			PQclear(r);
	}
	if (nerr) {
		view_set(c->hdf, "Page.Form", "merge");
		return unit_page(c, 400);
	}
	snprintf(detail, sizeof(detail), "{\"into\": \"%s\", \"from\": \"%s\", \"on\": \"%s\"}",
	    c->caps[0], list, date);
	audit(c, "update", 0, "org_unit", detail, "ok");
	return done(c, c->caps[0], "merged", date);
}
