/* h_appointments.c: correcting registered 発令 (HR):
 * /staff/:id/appointments/:aid (correction form, POST saves) and
 * /staff/:id/appointments/:aid/delete (取消). The list on the edit page
 * comes from appt_list(). Registering a new 発令 is in h_staff_edit.c. The
 * rules (main spans stay contiguous, the 採用 stays) are in sql/010. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "jdate.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

static const char *const appt_cols[] = { "Id", "From", "To", "Kind", "Main", "Unit",
	"Position", "Code", "PositionCode", "Job", "Grade", "Remarks", NULL };

/* Page.<key>.N.* from STMT_APPT_LIST rows; returns the row count or -1. */
static int
fill(struct ctx *c, const char *staff, const char *aid, const char *key)
{
	/* From and To: shown with 和暦, the ISO form too for the form's values */
	static const unsigned char dates[12] = { 0, VIEW_FMT | VIEW_ISO, VIEW_FMT | VIEW_ISO };
	const char *p[2] = { staff, aid };
	PGresult *r = db_exec(&c->app->rw, STMT_APPT_LIST, p);
	int n;

	if (r == NULL)
		return -1;
	n = view_rows(c->hdf, key, r, appt_cols, dates, staff_set_date);
	PQclear(r);
	return n;
}

/* Every appointment of the person, for the edit page (career editors). */
void
appt_list(struct ctx *c, const char *staff)
{
	fill(c, staff, "", "Page.Appts");
}

/* 404/403 unless the viewer may edit this person's career; the
 * appointment must belong to the person. */
static int
check(struct ctx *c)
{
	unsigned rel;
	int st = staff_rel_today(c, c->caps[0], &rel, NULL);

	if (st != 200)
		return st;
	if (staff_level(c, rel, FG_CAREER) < PL_EDIT) {
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "appointment", NULL, "denied");
		return 403;
	}
	return 200;
}

static int
check_error(struct ctx *c, int st)
{
	if (st == 404)
		return page_error(c, 404, "発令が見つかりません。");
	if (st == 403)
		return page_error(c, 403, "発令を修正する権限がありません。");
	return page_error(c, 503, "発令を読み込めませんでした。");
}

static int
form_page(struct ctx *c, int status)
{
	const char *p[2] = { c->caps[0], "" };
	PGresult *r;
	const char *from;

	if (fill(c, c->caps[0], c->caps[1], "Page.Appt") != 1)
		return page_error(c, 404, "発令が見つかりません（取り消された可能性があります）。");
	p[1] = from = hdf_get_value(c->hdf, "Page.Appt.0.FromIso", "");
	{
		const char *q[2] = { c->caps[0], from };
		if ((r = db_cached(c, STMT_STAFF_PROFILE, q)) != NULL && PQntuples(r) == 1)
			view_set(c->hdf, "Page.Name", PQgetvalue(r, 0, 2));
	}
	page_options(c, STMT_UNIT_OPTIONS, p + 1, "Page.Opt.Units", 4);
	page_options(c, STMT_OPT_POSITIONS, NULL, "Page.Opt.Positions", 1);
	page_options(c, STMT_OPT_JOBS, NULL, "Page.Opt.Jobs", 1);
	page_options(c, STMT_OPT_GRADES, NULL, "Page.Opt.Grades", 1);
	if (hdf_get_obj(c->hdf, "Page.FromForm") == NULL) {
		static const char *const map[][2] = { { "unit", "Code" }, { "position", "PositionCode" },
			{ "job", "Job" }, { "grade", "Grade" }, { "end", "ToIso" }, { "remarks", "Remarks" } };
		char k[64];
		size_t i;
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
			char src[64];
			snprintf(src, sizeof(src), "Page.Appt.0.%s", map[i][1]);
			snprintf(k, sizeof(k), "Page.F.%s", map[i][0]);
			view_set(c->hdf, k, hdf_get_value(c->hdf, src, ""));
		}
	}
	view_set(c->hdf, "Page.Id", c->caps[0]);
	c->resp.status = status;
	page_render(c, "staff/appointment.cs", "発令の修正");
	return status;
}

int
h_appt_form(struct ctx *c)
{
	int st = check(c);

	if (st != 200)
		return check_error(c, st);
	return form_page(c, 200);
}

static int
back_to_edit(struct ctx *c, const char *what)
{
	char path[96];

	snprintf(path, sizeof(path), "/staff/%s/edit?saved=%s#appts", c->caps[0], what);
	return page_redirect(c, path);
}

int
h_appt_update(struct ctx *c)
{
	const char *unit = kv_get(&c->form, "unit"), *pos = kv_get(&c->form, "position");
	const char *job = kv_get(&c->form, "job"), *grade = kv_get(&c->form, "grade");
	const char *end = kv_get(&c->form, "end"), *rem = kv_get(&c->form, "remarks");
	const char *why = NULL;
	char d2[11] = "", detail[128];
	int nerr = 0, y, m, d, st = check(c);

	if (st != 200)
		return check_error(c, st);
	if (unit == NULL || *unit == '\0')
		field_error(c, &nerr, "unit", "所属", "選択してください");
	if (pos == NULL || *pos == '\0')
		field_error(c, &nerr, "position", "職位", "選択してください");
	if (end && *end) {
		if (jdate_parse(end, &y, &m, &d, &why) != 0)
			field_error(c, &nerr, "end", "終了日", why);
		else
			snprintf(d2, sizeof(d2), "%04d-%02d-%02d", y, m, d);
	}
	if (rem && u8len(rem) > 500)
		field_error(c, &nerr, "remarks", "備考", "500文字以内で入力してください");
	if (nerr == 0) {
		const char *p[8] = { c->caps[1], c->caps[0], unit, pos, job ? job : "",
		    grade ? grade : "", d2[0] ? d2 : NULL, rem ? rem : "" };
		if (db_command(&c->app->rw, STMT_APPT_UPDATE, p) != 0)
			field_error(c, &nerr, "unit", "発令の修正", page_db_why(c, "保存できませんでした"));
	}
	if (nerr) {
		view_set(c->hdf, "Page.F.unit", unit ? unit : "");
		view_set(c->hdf, "Page.F.position", pos ? pos : "");
		view_set(c->hdf, "Page.F.job", job ? job : "");
		view_set(c->hdf, "Page.F.grade", grade ? grade : "");
		view_set(c->hdf, "Page.F.end", end ? end : "");
		view_set(c->hdf, "Page.F.remarks", rem ? rem : "");
		view_set(c->hdf, "Page.FromForm", "1");
		return form_page(c, 400);
	}
	snprintf(detail, sizeof(detail), "{\"appointment\": %s}", c->caps[1]);
	audit(c, "update", strtol(c->caps[0], NULL, 10), "appointment", detail, "ok");
	return back_to_edit(c, "appt_updated");
}

int
h_appt_cancel(struct ctx *c)
{
	const char *confirm = kv_get(&c->form, "confirm");
	char detail[128];
	int nerr = 0, st = check(c);

	if (st != 200)
		return check_error(c, st);
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		field_error(c, &nerr, "confirm", "取消の確認", "取り消す場合は確認欄にチェックを入れてください");
	else {
		const char *p[2] = { c->caps[1], c->caps[0] };
		if (db_command(&c->app->rw, STMT_APPT_CANCEL, p) != 0)
			field_error(c, &nerr, "confirm", "発令の取消", page_db_why(c, "取り消せませんでした"));
	}
	if (nerr)
		return form_page(c, 400);
	snprintf(detail, sizeof(detail), "{\"appointment\": %s}", c->caps[1]);
	audit(c, "delete", strtol(c->caps[0], NULL, 10), "appointment", detail, "ok");
	return back_to_edit(c, "appt_cancelled");
}
