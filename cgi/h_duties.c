/* h_duties.c: the duty register (事務分掌) of a unit as of a date (/duties,
 * JSON /api/duties), one duty with its unit history, assignments and tasks
 * (/duties/:id, JSON /api/duties/:id), and the forms that change them:
 * create and edit a duty (and move it to another unit), assign staff
 * (主担当/副担当, share of time, from/to), end an assignment, add a task,
 * update a task's progress. The policy group "duties" is granted by the
 * viewer's relation to the duty's unit (head: supervisor, member:
 * same_unit, anyone: colleague) and, for a task, self when the viewer is
 * one of its assignees: so a unit head and hr edit, an assignee updates the
 * progress of their own tasks only, everyone else reads or sees nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "duties.h"
#include "form.h"
#include "handlers.h"
#include "hdfjson.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

#define NF(a)	(sizeof(a) / sizeof(a[0]))
#define NOSELF	(~RELBIT(REL_SELF))

static const char *const categories[] = { "自治事務", "法定受託事務", "内部管理事務", "その他", NULL };
static const char *const dstatuses[] = { "実施中", "休止", "廃止", NULL };
static const char *const aroles[] = { "主担当", "副担当", NULL };
static const char *const tstatuses[] = { "未着手", "進行中", "完了", "保留", NULL };

static const struct field duty_fields[] = {
	{ "name", "業務名", FG_DUTIES, F_TEXT, 1, 100, NULL },
	{ "legal_basis", "根拠法令", FG_DUTIES, F_TEXT, 0, 200, NULL },
	{ "description", "業務内容", FG_DUTIES, F_LONGTEXT, 0, 2000, NULL },
	{ "category", "区分", FG_DUTIES, F_ENUM, 1, 0, categories },
	{ "workload", "業務量（人年）", FG_DUTIES, F_DECIMAL, 1, 99, NULL },
	{ "start_date", "開始日", FG_DUTIES, F_DATE, 1, 0, NULL },
	{ "end_date", "終了日", FG_DUTIES, F_DATE, 0, 0, NULL },
	{ "status", "状態", FG_DUTIES, F_ENUM, 1, 0, dstatuses },
};
static const struct field assign_fields[] = {
	{ "staff", "職員", FG_DUTIES, F_TEXT, 1, 20, NULL },
	{ "role", "担当区分", FG_DUTIES, F_ENUM, 1, 0, aroles },
	{ "share", "従事割合", FG_DUTIES, F_TEXT, 1, 4, NULL },
	{ "from", "開始日", FG_DUTIES, F_DATE, 1, 0, NULL },
	{ "to", "終了日", FG_DUTIES, F_DATE, 0, 0, NULL },
};
static const struct field task_fields[] = {
	{ "title", "タスク名", FG_DUTIES, F_TEXT, 1, 200, NULL },
	{ "start_date", "開始日", FG_DUTIES, F_DATE, 1, 0, NULL },
	{ "due_date", "期限", FG_DUTIES, F_DATE, 1, 0, NULL },
	{ "progress", "進捗（%）", FG_DUTIES, F_INT, 1, 100, NULL },
	{ "status", "状態", FG_DUTIES, F_ENUM, 1, 0, tstatuses },
	{ "notes", "メモ", FG_DUTIES, F_LONGTEXT, 0, 2000, NULL },
};
static const struct field progress_fields[] = {
	{ "progress", "進捗（%）", FG_DUTIES, F_INT, 1, 100, NULL },
	{ "status", "状態", FG_DUTIES, F_ENUM, 1, 0, tstatuses },
	{ "notes", "メモ", FG_DUTIES, F_LONGTEXT, 0, 2000, NULL },
};

/* ---------------------------------------------------------------- shared */

enum plevel
duties_level(const struct ctx *c, unsigned rel)
{
	return policy_level(c->app->policy, c->me.roles, rel, FG_DUTIES);
}

int
duties_deny(struct ctx *c, const char *what, const char *msg)
{
	char detail[128];

	snprintf(detail, sizeof(detail), "{\"what\": \"%s\"}", what);
	audit(c, "deny", 0, "duties", detail, "denied");
	return page_error(c, 403, msg);
}

void
duties_viewer(const struct ctx *c, char out[24])
{
	snprintf(out, 24, "%ld", c->me.staff_id);
}

/* Set the value at a key built with printf (the value is never a format). */
void
duties_setk(HDF *hdf, const char *val, const char *fmt, ...)
{
	char key[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	view_set(hdf, key, val);
}

/* Unit `code` as of `asof` with the viewer's relation: 200, 404 or 503. */
int
duties_unit(struct ctx *c, const char *code, const char *asof, struct dunit *u)
{
	char viewer[24];
	const char *p[3] = { code, asof, viewer };
	PGresult *r;

	duties_viewer(c, viewer);
	if (strlen(code) > 20)
		return 404;
	if ((r = db_exec(&c->app->ro, STMT_DUTY_UNIT, p)) == NULL)
		return 503;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return 404;
	}
	snprintf(u->id, sizeof(u->id), "%s", PQgetvalue(r, 0, 0));
	snprintf(u->code, sizeof(u->code), "%s", PQgetvalue(r, 0, 1));
	snprintf(u->name, sizeof(u->name), "%s", PQgetvalue(r, 0, 2));
	snprintf(u->path, sizeof(u->path), "%s", PQgetvalue(r, 0, 3));
	u->rel = (unsigned)atoi(PQgetvalue(r, 0, 4));
	PQclear(r);
	return 200;
}

/* The unit of ?unit=, else the viewer's own; 0 when neither is given. */
int
duties_unit_param(struct ctx *c, const char *asof, struct dunit *u)
{
	const char *code = kv_get(&c->query, "unit");
	char mine[24] = "", viewer[24];
	const char *p[2] = { viewer, asof };
	PGresult *r;

	if (code == NULL || *code == '\0') {
		duties_viewer(c, viewer);
		if ((r = db_exec(&c->app->ro, STMT_DUTY_MY_UNIT, p)) == NULL)
			return 503;
		if (PQntuples(r) == 1)
			snprintf(mine, sizeof(mine), "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
		if (mine[0] == '\0')
			return 0;
		code = mine;
	}
	return duties_unit(c, code, asof, u);
}

/* The unit of ?unit= (or the viewer's own) as of asof, readable by the
 * viewer (what: the page, for the audit of a denial); 200, 0 (no unit
 * known) or an error status already rendered. */
int
duties_unit_readable(struct ctx *c, const char *asof, struct dunit *u, const char *what)
{
	int st;

	st = duties_unit_param(c, asof, u);
	if (st == 503)
		return page_error(c, 503, "組織情報を読み込めませんでした。");
	if (st == 404)
		return page_error(c, 404, "指定の所属は、基準日時点で存在しません。");
	if (st == 0)
		return 0;
	if (duties_level(c, u->rel) < PL_READ)
		return duties_deny(c, what, "この所属の事務分掌を閲覧する権限がありません。");
	return 200;
}

/* Units in force on the date, indented by depth, for the unit choice. */
void
duties_unit_options(struct ctx *c, const char *asof)
{
	const char *p[1] = { asof };
	PGresult *r = db_exec(&c->app->ro, STMT_UNIT_OPTIONS, p);
	char k[96], label[320];
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		int depth = atoi(PQgetvalue(r, i, 3));
		snprintf(k, sizeof(k), "Page.Opt.Units.%d.Code", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 0));
		snprintf(label, sizeof(label), "%.*s%s", depth * 3, "　　　　　　　　　　", PQgetvalue(r, i, 1));
		snprintf(k, sizeof(k), "Page.Opt.Units.%d.Name", i);
		view_set(c->hdf, k, label);
	}
	PQclear(r);
}

void
duties_set_unit(struct ctx *c, const struct dunit *u, const char *asof)
{
	view_set(c->hdf, "Page.Unit.Code", u->code);
	view_set(c->hdf, "Page.Unit.Name", u->name);
	view_set(c->hdf, "Page.Unit.Path", u->path);
	view_set(c->hdf, "Page.Asof", asof);
	staff_set_date(c->hdf, "Page.AsofLabel", asof);
	view_set(c->hdf, "Page.Can.Edit", duties_level(c, u->rel & NOSELF) >= PL_EDIT ? "1" : "0");
}

static int
send_json(struct ctx *c, json_object *o)
{
	c->resp.status = 200;
	c->resp.ctype = "application/json; charset=utf-8";
	buf_reset(&c->resp.body);
	buf_puts(&c->resp.body, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return 200;
}

/* Errors come back as error pages: re-send them as JSON for the API. */
static int
json_error(struct ctx *c, int status)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(
	    hdf_get_value(c->hdf, "Page.Error.Message", "error")));
	json_object_object_add(o, "status", json_object_new_int(status));
	send_json(c, o);
	c->resp.status = status;
	return status;
}

static void
json_add(json_object *o, HDF *hdf, const char *key, const char *path)
{
	HDF *n = hdf_get_obj(hdf, path);

	json_object_object_add(o, key, n ? hdf_to_json(n) : json_object_new_array());
}

/* A date column: shown 西暦 with 和暦, and the raw date too (ColIso), for
 * forms and JSON. */
#define DI	(VIEW_FMT | VIEW_ISO)

/* Fill Page.<sec>.N.<col> from rows; columns named "" are skipped, those
 * flagged DI in dates are dates. Returns the row count or -1. */
static int
fill(struct ctx *c, int stmt, const char *const *p, const char *sec,
    const char *const *cols, const unsigned char *dates)
{
	PGresult *r = db_exec(&c->app->ro, stmt, p);
	char key[128];
	int n;

	if (r == NULL)
		return -1;
	snprintf(key, sizeof(key), "Page.%s", sec);
	n = view_rows(c->hdf, key, r, cols, dates, staff_set_date);
	snprintf(key, sizeof(key), "Page.Count.%s", sec);
	view_set_int(c->hdf, key, n);
	PQclear(r);
	return n;
}

/* ---------------------------------------------------------------- register */

static int
register_fill(struct ctx *c, struct dunit *u, char asof[11])
{
	static const char *const cols[] = { "Id", "Name", "Legal", "Category", "Workload",
	    "Start", "End", "Status", "Main", "Sub", "Open", "Desc", "Shares", NULL };
	static const unsigned char dates[] = { 0, 0, 0, 0, 0, DI, DI, 0, 0, 0, 0, 0, 0 };
	const char *why = NULL;
	char detail[96];
	int st;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	if ((st = duties_unit_readable(c, asof, u, "register")) != 200)
		return st;
	{
		const char *p[2] = { u->id, asof };
		if (fill(c, STMT_DUTY_REGISTER, p, "Duties", cols, dates) < 0)
			return page_error(c, 503, "事務分掌を読み込めませんでした。");
	}
	duties_set_unit(c, u, asof);
	snprintf(detail, sizeof(detail), "{\"unit\": \"%s\", \"asof\": \"%s\"}", u->code, asof);
	audit(c, "view", 0, "duties", detail, "ok");
	return 200;
}

int
h_duties(struct ctx *c)
{
	struct dunit u;
	char asof[11];
	int st = register_fill(c, &u, asof);

	if (st != 200 && st != 0)
		return st;
	if (st == 0) {
		view_set(c->hdf, "Page.Asof", asof);
		staff_set_date(c->hdf, "Page.AsofLabel", asof);
	}
	duties_unit_options(c, asof);
	{
		const char *s = kv_get(&c->query, "saved");
		if (s && strcmp(s, "deleted") == 0)
			view_set(c->hdf, "Page.Saved", s);
	}
	return page_render(c, "duties/register.cs", "事務分掌");
}

int
h_api_duties(struct ctx *c)
{
	struct dunit u;
	char asof[11];
	json_object *o;
	int st = register_fill(c, &u, asof);

	if (st == 0)
		st = page_error(c, 400, "所属（unit）を指定してください。");
	if (st != 200)
		return json_error(c, st);
	o = json_object_new_object();
	json_object_object_add(o, "asof", json_object_new_string(asof));
	json_add(o, c->hdf, "unit", "Page.Unit");
	json_add(o, c->hdf, "duties", "Page.Duties");
	return send_json(c, o);
}

/* ---------------------------------------------------------------- one duty */

struct duty {
	char		id[24];
	char		unit_id[24];
	char		unit_code[24];
	unsigned	rel;
};

/* Load duty `id` (the route's :id) as of `asof` into Page.Duty.*; 200, 404
 * or 503. */
static int
duty_load(struct ctx *c, const char *id, const char *asof, struct duty *d)
{
	static const char *const keys[] = { "Id", "Name", "Legal", "Desc", "Category", "Workload",
	    "Start", "End", "Status", "UnitCode", "UnitName", "", "", "InForce", NULL };
	char viewer[24], key[64];
	const char *p[3] = { id, asof, viewer };
	PGresult *r;
	int j;

	duties_viewer(c, viewer);
	if ((r = db_exec(&c->app->ro, STMT_DUTY_GET, p)) == NULL)
		return 503;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return 404;
	}
	for (j = 0; keys[j]; j++) {
		if (keys[j][0] == '\0')
			continue;
		snprintf(key, sizeof(key), "Page.Duty.%s", keys[j]);
		view_set(c->hdf, key, PQgetvalue(r, 0, j));
	}
	staff_set_date(c->hdf, "Page.Duty.StartLabel", PQgetvalue(r, 0, 6));
	staff_set_date(c->hdf, "Page.Duty.EndLabel", PQgetvalue(r, 0, 7));
	snprintf(d->id, sizeof(d->id), "%s", PQgetvalue(r, 0, 0));
	snprintf(d->unit_code, sizeof(d->unit_code), "%s", PQgetvalue(r, 0, 9));
	snprintf(d->unit_id, sizeof(d->unit_id), "%s", PQgetvalue(r, 0, 12));
	d->rel = (unsigned)atoi(PQgetvalue(r, 0, 11));
	PQclear(r);
	return 200;
}

/* Everything the duty page shows; the forms keep what was typed (Page.A,
 * Page.T) when a submission is refused. */
static int
show_fill(struct ctx *c, const char *id, struct duty *d, char asof[11], int forms)
{
	const char *why = NULL;
	char viewer[24], key[96];
	int st, i, n;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	st = duty_load(c, id, asof, d);
	if (st == 503)
		return page_error(c, 503, "業務を読み込めませんでした。");
	if (st != 200)
		return page_error(c, 404, "業務が見つかりません。");
	if (duties_level(c, d->rel) < PL_READ)
		return duties_deny(c, "duty", "この業務を閲覧する権限がありません。");
	duties_viewer(c, viewer);
	view_set(c->hdf, "Page.Asof", asof);
	staff_set_date(c->hdf, "Page.AsofLabel", asof);
	{
		static const char *const cols[] = { "From", "To", "Unit", "Code", NULL };
		static const unsigned char dates[] = { DI, DI, 0, 0 };
		char last[11];
		const char *p[2] = { id, last };
		staff_today(last);
		if (staff_sees_future(c))
			snprintf(last, sizeof(last), "9999-12-31");
		fill(c, STMT_DUTY_UNIT_HISTORY, p, "Units", cols, dates);
	}
	{
		static const char *const cols[] = { "Id", "StaffId", "No", "Name", "Role", "Share",
		    "From", "To", "State", NULL };
		static const unsigned char dates[] = { 0, 0, 0, 0, 0, 0, DI, DI, 0 };
		const char *p[2] = { id, asof };
		fill(c, STMT_DUTY_ASSIGNMENTS, p, "Assign", cols, dates);
	}
	{
		static const char *const cols[] = { "Id", "Title", "Start", "Due", "Progress", "Status",
		    "Notes", "Assignees", "Mine", "State", "StaffNos", NULL };
		static const unsigned char dates[] = { 0, 0, DI, DI, 0, 0, 0, 0, 0, 0, 0 };
		const char *p[2] = { id, viewer };
		n = fill(c, STMT_DUTY_TASKS, p, "Tasks", cols, dates);
		/* progress may be updated by editors and by the task's own assignees */
		for (i = 0; i < n; i++) {
			unsigned rel = d->rel & NOSELF;
			snprintf(key, sizeof(key), "Page.Tasks.%d.Mine", i);
			if (strcmp(hdf_get_value(c->hdf, key, "f"), "t") == 0)
				rel |= RELBIT(REL_SELF);
			snprintf(key, sizeof(key), "Page.Tasks.%d.CanUpdate", i);
			view_set(c->hdf, key, duties_level(c, rel) >= PL_EDIT ? "1" : "0");
		}
	}
	st = duties_level(c, d->rel & NOSELF) >= PL_EDIT;
	view_set(c->hdf, "Page.Can.Edit", st ? "1" : "0");
	if (st && forms) {
		const char *p[2] = { d->unit_id, asof };
		page_options(c, STMT_DUTY_STAFF_OPTIONS, p, "Page.Opt.Staff", 1);
	}
	{
		const char *s = kv_get(&c->query, "saved");
		if (s && strlen(s) < 20)
			view_set(c->hdf, "Page.Saved", s);
	}
	return 200;
}

int
h_duty_show(struct ctx *c)
{
	struct duty d;
	char asof[11], detail[96];
	int st = show_fill(c, c->caps[0], &d, asof, 1);

	if (st != 200)
		return st;
	snprintf(detail, sizeof(detail), "{\"duty\": %s, \"asof\": \"%s\"}", d.id, asof);
	audit(c, "view", 0, "duties", detail, "ok");
	return page_render(c, "duties/show.cs", hdf_get_value(c->hdf, "Page.Duty.Name", "業務"));
}

int
h_api_duty(struct ctx *c)
{
	struct duty d;
	char asof[11];
	json_object *o;
	int st = show_fill(c, c->caps[0], &d, asof, 0);

	if (st != 200)
		return json_error(c, st);
	o = json_object_new_object();
	json_object_object_add(o, "asof", json_object_new_string(asof));
	json_add(o, c->hdf, "duty", "Page.Duty");
	json_add(o, c->hdf, "units", "Page.Units");
	json_add(o, c->hdf, "assignments", "Page.Assign");
	json_add(o, c->hdf, "tasks", "Page.Tasks");
	return send_json(c, o);
}

/* ---------------------------------------------------------------- forms */

/* Validate a field table from the form into vals (and Page.V for redisplay). */
static int
validate_all(struct ctx *c, const struct field *f, size_t n, char vals[][4100], const char *hdfkey)
{
	char key[96];
	size_t i;
	int nerr = 0;

	for (i = 0; i < n; i++) {
		const char *v = kv_get(&c->form, f[i].name), *why = NULL;
		if (validate(&f[i], v ? v : "", vals[i], 4100, &why) != 0)
			field_error(c, &nerr, f[i].name, f[i].label, why);
		snprintf(key, sizeof(key), "%s.%s", hdfkey, f[i].name);
		view_set(c->hdf, key, v ? v : "");
	}
	return nerr;
}

/* The database's own message for a refused change, else a generic one. */
static const char *
db_why(struct ctx *c, const char *fallback)
{
	const char *st = c->app->rw.sqlstate;

	if (*db_last_message(&c->app->rw))
		return db_last_message(&c->app->rw);
	if (strcmp(st, "23P01") == 0)
		return "期間が既存の登録と重なっています";
	if (strcmp(st, "23514") == 0)
		return "値の組み合わせが正しくありません";
	return fallback;
}

static void
form_defaults(struct ctx *c)
{
	char today[11];

	staff_today(today);
	view_set(c->hdf, "Page.V.start_date", today);
	view_set(c->hdf, "Page.V.status", "実施中");
	view_set(c->hdf, "Page.V.category", "自治事務");
	view_set(c->hdf, "Page.V.workload", "0.5");
}

static int
form_render(struct ctx *c, int status, const char *title)
{
	int i;

	for (i = 0; categories[i]; i++)
		duties_setk(c->hdf, categories[i], "Page.Opt.Categories.%d", i);
	for (i = 0; dstatuses[i]; i++)
		duties_setk(c->hdf, dstatuses[i], "Page.Opt.Statuses.%d", i);
	c->resp.status = status;
	page_render(c, "duties/form.cs", title);
	c->resp.status = status;
	return status;
}

/* The unit of a new duty, today, with the viewer's right to edit it. */
static int
new_unit(struct ctx *c, const char *code, struct dunit *u)
{
	char today[11];
	int st;

	staff_today(today);
	if (code == NULL || *code == '\0')
		return page_error(c, 400, "所属を指定してください。");
	if ((st = duties_unit(c, code, today, u)) != 200)
		return page_error(c, st, st == 404 ? "指定の所属は存在しません。" : "組織情報を読み込めませんでした。");
	if (duties_level(c, u->rel & NOSELF) < PL_EDIT)
		return duties_deny(c, "create", "この所属の事務分掌を登録する権限がありません。");
	duties_set_unit(c, u, today);
	return 200;
}

int
h_duty_new_form(struct ctx *c)
{
	struct dunit u;
	int st = new_unit(c, kv_get(&c->query, "unit"), &u);

	if (st != 200)
		return st;
	form_defaults(c);
	return form_render(c, 200, "業務の登録");
}

int
h_duty_new(struct ctx *c)
{
	char vals[NF(duty_fields)][4100], path[64], detail[96];
	const char *p[9];
	struct dunit u;
	PGresult *r;
	size_t i;
	int nerr, st = new_unit(c, kv_get(&c->form, "unit"), &u);

	if (st != 200)
		return st;
	nerr = validate_all(c, duty_fields, NF(duty_fields), vals, "Page.V");
	p[0] = u.code;
	for (i = 0; i < NF(duty_fields); i++)
		p[i + 1] = vals[i];
	if (nerr)
		return form_render(c, 400, "業務の登録");
	if ((r = db_exec(&c->app->rw, STMT_DUTY_CREATE, p)) == NULL) {
		field_error(c, &nerr, "start_date", "業務", db_why(c, "登録できませんでした"));
		return form_render(c, 400, "業務の登録");
	}
	snprintf(path, sizeof(path), "/duties/%s?saved=created", PQgetvalue(r, 0, 0));
	snprintf(detail, sizeof(detail), "{\"duty\": %s, \"unit\": \"%s\"}", PQgetvalue(r, 0, 0), u.code);
	PQclear(r);
	audit(c, "create", 0, "duties", detail, "ok");
	return page_redirect(c, path);
}

/* A duty the viewer may edit (today's relation), loaded into Page.Duty. */
static int
edit_load(struct ctx *c, struct duty *d)
{
	char today[11];
	int st;

	staff_today(today);
	if ((st = duty_load(c, c->caps[0], today, d)) != 200)
		return page_error(c, st, st == 404 ? "業務が見つかりません。" : "業務を読み込めませんでした。");
	if (duties_level(c, d->rel & NOSELF) < PL_EDIT)
		return duties_deny(c, "edit", "この業務を編集する権限がありません。");
	view_set(c->hdf, "Page.Edit", "1");
	view_set(c->hdf, "Page.Unit.Code", d->unit_code);
	view_set(c->hdf, "Page.Unit.Name", hdf_get_value(c->hdf, "Page.Duty.UnitName", ""));
	return 200;
}

int
h_duty_edit_form(struct ctx *c)
{
	static const char *const map[][2] = { { "name", "Name" }, { "legal_basis", "Legal" },
	    { "description", "Desc" }, { "category", "Category" }, { "workload", "Workload" },
	    { "start_date", "Start" }, { "end_date", "End" }, { "status", "Status" } };
	struct duty d;
	char k1[64], k2[64];
	size_t i;
	int st = edit_load(c, &d);

	if (st != 200)
		return st;
	for (i = 0; i < NF(map); i++) {
		snprintf(k1, sizeof(k1), "Page.V.%s", map[i][0]);
		snprintf(k2, sizeof(k2), "Page.Duty.%s", map[i][1]);
		view_set(c->hdf, k1, hdf_get_value(c->hdf, k2, ""));
	}
	{
		char today[11];
		staff_today(today);
		duties_unit_options(c, today);
	}
	return form_render(c, 200, "業務の編集");
}

int
h_duty_edit(struct ctx *c)
{
	char vals[NF(duty_fields)][4100], path[64], detail[96], mdate[11] = "";
	const char *p[9], *mu = kv_get(&c->form, "move_unit"), *md = kv_get(&c->form, "move_date");
	struct duty d;
	size_t i;
	int nerr, st = edit_load(c, &d);

	if (st != 200)
		return st;
	nerr = validate_all(c, duty_fields, NF(duty_fields), vals, "Page.V");
	view_set(c->hdf, "Page.V.move_unit", mu ? mu : "");
	view_set(c->hdf, "Page.V.move_date", md ? md : "");
	if (mu && *mu && strcmp(mu, d.unit_code) != 0) {
		static const struct field f = { "move_date", "移管日", FG_DUTIES, F_DATE, 1, 0, NULL };
		const char *why = NULL;
		if (validate(&f, md ? md : "", mdate, sizeof(mdate), &why) != 0)
			field_error(c, &nerr, f.name, f.label, why);
	}
	if (nerr == 0) {
		p[0] = d.id;
		for (i = 0; i < NF(duty_fields); i++)
			p[i + 1] = vals[i];
		/* the fields and the move together, or neither */
		if (db_begin(&c->app->rw) != 0)
			return page_error(c, 503, "保存できませんでした。");
		if (db_command(&c->app->rw, STMT_DUTY_UPDATE, p) != 0)
			field_error(c, &nerr, "start_date", "業務", db_why(c, "保存できませんでした"));
		else if (mdate[0]) {
			const char *pm[3] = { d.id, mu, mdate };
			if (db_command(&c->app->rw, STMT_DUTY_MOVE, pm) != 0)
				field_error(c, &nerr, "move_unit", "移管", db_why(c, "移管できませんでした"));
		}
		if (nerr)
			db_rollback(&c->app->rw);
		else if (db_commit(&c->app->rw) != 0)
			return page_error(c, 503, "保存できませんでした。");
	}
	if (nerr) {
		char today[11];
		staff_today(today);
		duties_unit_options(c, today);
		return form_render(c, 400, "業務の編集");
	}
	snprintf(detail, sizeof(detail), "{\"duty\": %s%s}", d.id, mdate[0] ? ", \"moved\": true" : "");
	audit(c, "update", 0, "duties", detail, "ok");
	snprintf(path, sizeof(path), "/duties/%s?saved=updated", d.id);
	return page_redirect(c, path);
}

/* A share of time: 0 < x <= 1 with at most two decimals ("0.5", "0.25", "1"). */
static int
share_ok(const char *s)
{
	const char *dot = strchr(s, '.');
	char *end;
	double x;

	if (*s == '\0' || strspn(s, "0123456789.") != strlen(s) || (dot && (strchr(dot + 1, '.') || strlen(dot + 1) > 2)))
		return 0;
	x = strtod(s, &end);
	return *end == '\0' && x > 0 && x <= 1.0;
}

/* Re-show the duty page with the errors of a refused form. */
static int
show_again(struct ctx *c, const char *failed)
{
	struct duty d;
	char asof[11];
	int st;

	view_set(c->hdf, "Page.Failed", failed);
	if ((st = show_fill(c, c->caps[0], &d, asof, 1)) != 200)
		return st;
	c->resp.status = 400;
	page_render(c, "duties/show.cs", hdf_get_value(c->hdf, "Page.Duty.Name", "業務"));
	c->resp.status = 400;
	return 400;
}

int
h_duty_assign(struct ctx *c)
{
	char vals[NF(assign_fields)][4100], path[80], detail[128];
	const char *p[6];
	struct duty d;
	int nerr, st = edit_load(c, &d);

	if (st != 200)
		return st;
	nerr = validate_all(c, assign_fields, NF(assign_fields), vals, "Page.A");
	if (vals[2][0] && !share_ok(vals[2]))
		field_error(c, &nerr, "share", "従事割合", "0より大きく1以下の数（小数点以下2桁まで、例: 0.5）で入力してください");
	p[0] = d.id;
	p[1] = vals[0];
	p[2] = vals[1];
	p[3] = vals[2];
	p[4] = vals[3];
	p[5] = vals[4];
	if (nerr == 0 && db_command(&c->app->rw, STMT_DUTY_ASSIGN, p) != 0)
		field_error(c, &nerr, "staff", "担当者", db_why(c, "登録できませんでした"));
	if (nerr)
		return show_again(c, "assign");
	snprintf(detail, sizeof(detail), "{\"duty\": %s, \"staff_no\": \"%s\", \"role\": \"%s\"}", d.id, vals[0], vals[1]);
	audit(c, "create", 0, "duties", detail, "ok");
	snprintf(path, sizeof(path), "/duties/%s?saved=assigned#assign", d.id);
	return page_redirect(c, path);
}

int
h_duty_assign_end(struct ctx *c)
{
	static const struct field f = { "last", "終了日", FG_DUTIES, F_DATE, 1, 0, NULL };
	char last[11], path[80], detail[96];
	const char *why = NULL, *v = kv_get(&c->form, "last");
	struct duty d;
	int nerr = 0, st = edit_load(c, &d);

	if (st != 200)
		return st;
	if (validate(&f, v ? v : "", last, sizeof(last), &why) != 0)
		field_error(c, &nerr, "last", f.label, why);
	else {
		const char *p[3] = { d.id, c->caps[1], last };
		if (db_command(&c->app->rw, STMT_DUTY_ASSIGN_END, p) != 0)
			field_error(c, &nerr, "last", f.label, db_why(c, "登録できませんでした"));
	}
	if (nerr)
		return show_again(c, "end");
	snprintf(detail, sizeof(detail), "{\"duty\": %s, \"assignment\": %s}", d.id, c->caps[1]);
	audit(c, "update", 0, "duties", detail, "ok");
	snprintf(path, sizeof(path), "/duties/%s?saved=ended#assign", d.id);
	return page_redirect(c, path);
}

/* The checked assignees (staff numbers) as "N1,N2". */
static void
assignees(struct ctx *c, struct buf *b)
{
	size_t i;

	for (i = 0; i < c->form.n; i++) {
		const char *v = c->form.v[i].val;
		if (strcmp(c->form.v[i].key, "assignee") != 0 || *v == '\0' ||
		    strspn(v, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") != strlen(v) ||
		    strlen(v) > 20)
			continue;
		if (b->len)
			buf_putc(b, ',');
		buf_puts(b, v);
		duties_setk(c->hdf, "1", "Page.T.assignee.%s", v);
	}
}

int
h_task_new(struct ctx *c)
{
	char vals[NF(task_fields)][4100], path[80], detail[96];
	const char *p[9];
	struct duty d;
	struct buf who;
	PGresult *r = NULL;
	size_t i;
	int nerr, st = edit_load(c, &d);

	if (st != 200)
		return st;
	nerr = validate_all(c, task_fields, NF(task_fields), vals, "Page.T");
	if (nerr == 0 && strcmp(vals[4], "完了") == 0 && strcmp(vals[3], "100") != 0)
		field_error(c, &nerr, "progress", "進捗（%）", "完了にするには100にしてください");
	buf_init(&who);
	assignees(c, &who);
	p[0] = "0";
	p[1] = d.id;
	for (i = 0; i < 6; i++)
		p[i + 2] = vals[i];
	p[8] = who.data ? who.data : "";
	if (nerr == 0 && (r = db_exec(&c->app->rw, STMT_TASK_SAVE, p)) == NULL)
		field_error(c, &nerr, "title", "タスク", db_why(c, "登録できませんでした"));
	buf_free(&who);
	if (nerr)
		return show_again(c, "task");
	snprintf(detail, sizeof(detail), "{\"duty\": %s, \"task\": %s}", d.id, PQgetvalue(r, 0, 0));
	PQclear(r);
	audit(c, "create", 0, "duties", detail, "ok");
	snprintf(path, sizeof(path), "/duties/%s?saved=task#tasks", d.id);
	return page_redirect(c, path);
}

/* Where to go back after a progress update: the duty page or my tasks. */
static void
back_to(struct ctx *c, const char *duty, const char *saved, char *path, size_t len)
{
	const char *b = kv_get(&c->form, "back");

	if (b && strcmp(b, "mine") == 0)
		snprintf(path, len, "/tasks?saved=%s", saved);
	else
		snprintf(path, len, "/duties/%s?saved=%s#tasks", duty, saved);
}

int
h_task_progress(struct ctx *c)
{
	char vals[NF(progress_fields)][4100], viewer[24], path[96], detail[96], duty[24];
	const char *p[2] = { c->caps[0], viewer }, *pp[4];
	unsigned rel;
	PGresult *r;
	int nerr;

	duties_viewer(c, viewer);
	if ((r = db_exec(&c->app->rw, STMT_TASK_GET, p)) == NULL)
		return page_error(c, 503, "タスクを読み込めませんでした。");
	if (PQntuples(r) != 1) {
		PQclear(r);
		return page_error(c, 404, "タスクが見つかりません。");
	}
	rel = (unsigned)atoi(PQgetvalue(r, 0, 8));
	snprintf(duty, sizeof(duty), "%s", PQgetvalue(r, 0, 1));
	PQclear(r);
	if (duties_level(c, rel) < PL_EDIT) {
		snprintf(detail, sizeof(detail), "{\"task\": %s}", c->caps[0]);
		audit(c, "deny", 0, "duties", detail, "denied");
		return page_error(c, 403, "このタスクの進捗を更新する権限がありません（担当者・所属長・人事担当のみ）。");
	}
	nerr = validate_all(c, progress_fields, NF(progress_fields), vals, "Page.P");
	if (nerr == 0 && strcmp(vals[1], "完了") == 0 && strcmp(vals[0], "100") != 0)
		field_error(c, &nerr, "progress", "進捗（%）", "完了にするには100にしてください");
	if (nerr) {
		char msg[512];
		snprintf(msg, sizeof(msg), "進捗を更新できませんでした。%s",
		    hdf_get_value(c->hdf, "Page.Errors.0.Message", ""));
		return page_error(c, 400, msg);
	}
	pp[0] = c->caps[0];
	pp[1] = vals[0];
	pp[2] = vals[1];
	pp[3] = vals[2];
	if (db_command(&c->app->rw, STMT_TASK_PROGRESS, pp) != 0)
		return page_error(c, 400, db_why(c, "進捗を更新できませんでした。"));
	snprintf(detail, sizeof(detail), "{\"task\": %s, \"progress\": %s}", c->caps[0], vals[0]);
	audit(c, "update", 0, "duties", detail, "ok");
	back_to(c, duty, "progress", path, sizeof(path));
	return page_redirect(c, path);
}
