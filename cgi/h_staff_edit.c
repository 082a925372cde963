/* h_staff_edit.c: /staff/:id/edit (HR and self-service edits of a staff
 * record), /staff/:id/appointments (発令, HR) and /staff/:id/skills (self or
 * HR). Every field belongs to a policy field group; only groups the viewer
 * may edit are shown, accepted and written. Inputs are validated from one
 * table (kcgi style) and errors name the field and the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "form.h"
#include "jdate.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

static const char *const name_display_vals[] = { "legal", "former", "alias", NULL };
static const char *const gender_vals[] = { "female", "male", "other", "unspecified", NULL };

static const struct field fields[] = {
	{ "family_name", "姓", FG_BASIC, F_TEXT, 1, 50, NULL },
	{ "given_name", "名", FG_BASIC, F_TEXT, 1, 50, NULL },
	{ "family_kana", "姓（フリガナ）", FG_BASIC, F_KANA, 1, 50, NULL },
	{ "given_kana", "名（フリガナ）", FG_BASIC, F_KANA, 1, 50, NULL },
	{ "former_family_name", "旧姓", FG_BASIC, F_TEXT, 0, 50, NULL },
	{ "former_family_kana", "旧姓（フリガナ）", FG_BASIC, F_KANA, 0, 50, NULL },
	{ "alias_name", "通称", FG_BASIC, F_TEXT, 0, 100, NULL },
	{ "name_display", "表示する氏名", FG_BASIC, F_ENUM, 1, 0, name_display_vals },
	/* a code of the employment_type master (マスタ管理); the foreign key checks it */
	{ "employment_type", "職員区分", FG_BASIC, F_TEXT, 1, 20, NULL },
	{ "hire_date", "採用日", FG_CAREER, F_DATE, 1, 0, NULL },
	{ "birth_date", "生年月日", FG_SENSITIVE, F_DATE, 1, 0, NULL },
	{ "gender", "性別", FG_SENSITIVE, F_ENUM, 1, 0, gender_vals },
	{ "email", "メールアドレス", FG_CONTACT, F_EMAIL, 0, 100, NULL },
	{ "phone_ext", "内線番号", FG_CONTACT, F_PHONE, 0, 20, NULL },
	{ "self_intro", "自己紹介", FG_SELF_INTRO, F_LONGTEXT, 0, 2000, NULL },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* Load the record (all fields, for write-back) and the viewer's relation. */
static PGresult *
load(struct ctx *c, const char *id, unsigned *rel)
{
	char viewer[24];
	const char *p[2] = { id, viewer };
	PGresult *r;

	snprintf(viewer, sizeof(viewer), "%ld", c->me.staff_id);
	if ((r = db_exec(&c->app->rw, STMT_STAFF_RAW, p)) == NULL)
		return NULL;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return NULL;
	}
	*rel = (unsigned)atoi(PQgetvalue(r, 0, (int)NFIELDS + 1));
	return r;
}

static int
redirect_edit(struct ctx *c, const char *what)
{
	char path[96];

	snprintf(path, sizeof(path), "/staff/%s/edit?saved=%s", c->caps[0], what);
	return page_redirect(c, path);
}

static int
can_edit_any(struct ctx *c, unsigned rel)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (staff_level(c, rel, fields[i].group) >= PL_EDIT)
			return 1;
	static const enum fgroup more[] = { FG_SKILLS, FG_PHOTO, FG_CAREER,
		FG_QUALIFICATIONS, FG_TRAINING, FG_EVALUATIONS };
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		if (staff_level(c, rel, more[i]) >= PL_EDIT)
			return 1;
	return 0;
}

/* Who may date a skill change: a role that may edit everyone's skills (hr).
 * Everyone else edits their own, dated today. */
static int
may_date_skills(const struct ctx *c)
{
	return policy_level(c->app->policy, c->me.roles, RELBIT(REL_COLLEAGUE), FG_SKILLS) >= PL_EDIT;
}

static int
edit_page(struct ctx *c, PGresult *r, unsigned rel, int from_form, int status)
{
	char key[96];
	size_t i;

	/* current records (policy-checked) for the correction lists, also when
	 * a POST is shown again with its errors */
	if (hdf_get_obj(c->hdf, "Page.Person.Id") == NULL)
		(void)staff_profile(c, c->caps[0]);
	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		if (staff_level(c, rel, f->group) < PL_EDIT)
			continue;
		snprintf(key, sizeof(key), "Page.Edit.%s", f->name);
		view_set(c->hdf, key, "1");
		snprintf(key, sizeof(key), "Page.V.%s", f->name);
		if (from_form) {
			const char *v = kv_get(&c->form, f->name);
			view_set(c->hdf, key, v ? v : "");
		} else
			view_set(c->hdf, key, PQgetvalue(r, 0, (int)i + 1));
	}
	view_set(c->hdf, "Page.Id", PQgetvalue(r, 0, 0));
	view_set(c->hdf, "Page.Version", PQgetvalue(r, 0, (int)NFIELDS + 2));
	view_set(c->hdf, "Page.Name", PQgetvalue(r, 0, (int)NFIELDS + 3));
	view_set(c->hdf, "Page.Can.Career", staff_level(c, rel, FG_CAREER) >= PL_EDIT ? "1" : "0");
	if (staff_level(c, rel, FG_CAREER) >= PL_EDIT)
		appt_list(c, c->caps[0]);
	view_set(c->hdf, "Page.Can.Skills", staff_level(c, rel, FG_SKILLS) >= PL_EDIT ? "1" : "0");
	view_set(c->hdf, "Page.Can.SkillDate", may_date_skills(c) ? "1" : "0");
	view_set(c->hdf, "Page.Can.Photo", staff_level(c, rel, FG_PHOTO) >= PL_EDIT ? "1" : "0");
	view_set(c->hdf, "Page.Can.Fields", "0");
	for (i = 0; i < NFIELDS; i++)
		if (staff_level(c, rel, fields[i].group) >= PL_EDIT)
			view_set(c->hdf, "Page.Can.Fields", "1");
	{
		/* choices for the forms of the groups this viewer may edit */
		static const struct { enum fgroup g; int stmt; const char *key; int namecol; const char *can; } o[] = {
			{ FG_CAREER, STMT_UNIT_OPTIONS, "Page.Opt.Units", 4, NULL },
			{ FG_CAREER, STMT_OPT_POSITIONS, "Page.Opt.Positions", 1, NULL },
			{ FG_CAREER, STMT_OPT_JOBS, "Page.Opt.Jobs", 1, NULL },
			{ FG_CAREER, STMT_OPT_GRADES, "Page.Opt.Grades", 1, NULL },
			{ FG_BASIC, STMT_OPT_ETYPES, "Page.Opt.Etypes", 1, NULL },
			{ FG_SKILLS, STMT_OPT_SKILLS, "Page.Opt.Skills", 1, NULL },
			{ FG_QUALIFICATIONS, STMT_OPT_QUALS, "Page.Opt.Quals", 1, "Page.Can.Quals" },
			{ FG_TRAINING, STMT_OPT_COURSES, "Page.Opt.Courses", 1, "Page.Can.Training" },
			{ FG_EVALUATIONS, -1, NULL, 0, "Page.Can.Evals" },
		};
		char asof[11];
		const char *why, *p[1] = { asof };

		/* the GET form refused a bad date; a POST shown again uses today */
		if (staff_asof(c, asof, &why) != 0)
			staff_today(asof);
		for (i = 0; i < sizeof(o) / sizeof(o[0]); i++) {
			if (staff_level(c, rel, o[i].g) < PL_EDIT)
				continue;
			if (o[i].can)
				view_set(c->hdf, o[i].can, "1");
			if (o[i].stmt >= 0)
				page_options(c, o[i].stmt, o[i].stmt == STMT_UNIT_OPTIONS ? p : NULL,
				    o[i].key, o[i].namecol);
		}
	}
	if (kv_get(&c->query, "saved"))
		view_set(c->hdf, "Page.Saved", kv_get(&c->query, "saved"));
	c->resp.status = status;
	page_render(c, "staff/edit.cs", "職員情報の編集");
	return status;
}

/* The edit page; also re-shown with errors by other POST handlers. */
int
h_staff_edit_form_status(struct ctx *c, int status)
{
	unsigned rel;
	PGresult *r = load(c, c->caps[0], &rel);
	int st;

	if (r == NULL)
		return page_error(c, 404, "職員が見つかりません。");
	if (!can_edit_any(c, rel)) {
		PQclear(r);
		return page_error(c, 403, "この職員の情報を編集する権限がありません。");
	}
	st = edit_page(c, r, rel, 0, status);
	PQclear(r);
	return st;
}

int
h_staff_edit_form(struct ctx *c)
{
	char asof[11];
	const char *why = NULL;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	return h_staff_edit_form_status(c, 200);
}

int
h_staff_edit(struct ctx *c)
{
	char vals[NFIELDS][4100], detail[512];
	const char *p[NFIELDS + 2];
	unsigned rel;
	PGresult *r = load(c, c->caps[0], &rel), *u;
	size_t i;
	int nerr = 0, changed = 0;
	const char *groups = "";	/* "basic","contact": in the request's arena */

	if (r == NULL)
		return page_error(c, 404, "職員が見つかりません。");
	if (!can_edit_any(c, rel)) {
		PQclear(r);
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "staff", NULL, "denied");
		return page_error(c, 403, "この職員の情報を編集する権限がありません。");
	}
	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		const char *v = kv_get(&c->form, f->name), *why = NULL;
		int editable = staff_level(c, rel, f->group) >= PL_EDIT;

		snprintf(vals[i], sizeof(vals[i]), "%s", PQgetvalue(r, 0, (int)i + 1));
		if (v == NULL)
			continue;
		if (!editable) {	/* a field the form never offered */
			PQclear(r);
			audit(c, "deny", strtol(c->caps[0], NULL, 10), policy_group_names[f->group], NULL, "denied");
			return page_error(c, 403, "編集できない項目が送信されました。");
		}
		if (validate(f, v, vals[i], sizeof(vals[i]), &why) != 0)
			field_error(c, &nerr, f->name, f->label, why);
		else if (strcmp(vals[i], PQgetvalue(r, 0, (int)i + 1)) != 0) {
			changed++;
			if (!strstr(groups, policy_group_names[f->group]))
				groups = arena_printf(&c->arena, "%s%s\"%s\"", groups, *groups ? "," : "",
				    policy_group_names[f->group]);
		}
	}
	if (nerr) {
		int st = edit_page(c, r, rel, 1, 400);
		PQclear(r);
		return st;
	}
	if (changed == 0) {
		PQclear(r);
		return redirect_edit(c, "none");
	}
	p[0] = c->caps[0];
	for (i = 0; i < NFIELDS; i++)
		p[i + 1] = vals[i];
	p[NFIELDS + 1] = kv_get(&c->form, "version") ? kv_get(&c->form, "version") : "";
	u = db_exec(&c->app->rw, STMT_STAFF_UPDATE, p);
	if (u == NULL || PQntuples(u) != 1) {
		int conflict = u != NULL;
		if (u)
			PQclear(u);
		if (conflict) {
			view_set(c->hdf, "Page.Conflict", "1");
			int st = edit_page(c, r, rel, 1, 409);
			PQclear(r);
			return st;
		}
		field_error(c, &nerr, "", "保存", strcmp(c->app->rw.sqlstate, "23503") == 0 ?
		    "職員区分が登録されていません（マスタ管理で削除された可能性があります）" :
		    strcmp(c->app->rw.sqlstate, "23514") == 0 ?
		    "入力内容の組み合わせが正しくありません（旧姓・通称を表示する場合はその項目も入力してください）" :
		    "保存できませんでした");
		int st = edit_page(c, r, rel, 1, 400);
		PQclear(r);
		return st;
	}
	PQclear(u);
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"groups\": [%s], \"fields\": %d}", groups, changed);
	audit(c, "update", strtol(c->caps[0], NULL, 10), "staff", detail, "ok");
	return redirect_edit(c, "1");
}

/* 発令 (HR): kind, date, unit, position, main/concurrent, end, remarks. */
int
h_staff_appoint(struct ctx *c)
{
	static const char *const kinds[] = { "採用", "異動", "昇任", "降任", "兼務", "併任",
		"出向", "休職", "復職", "事務取扱", "配置換", NULL };
	const char *kind = kv_get(&c->form, "kind"), *why = NULL;
	const char *unit = kv_get(&c->form, "unit"), *pos = kv_get(&c->form, "position");
	const char *date = kv_get(&c->form, "date"), *end = kv_get(&c->form, "end");
	const char *main = kv_get(&c->form, "main"), *rem = kv_get(&c->form, "remarks");
	const char *job = kv_get(&c->form, "job"), *grade = kv_get(&c->form, "grade");
	char d1[11], d2[11] = "", detail[128];
	unsigned rel;
	int nerr = 0, y, m, d, i;
	PGresult *r = load(c, c->caps[0], &rel), *a;

	if (r == NULL)
		return page_error(c, 404, "職員が見つかりません。");
	if (staff_level(c, rel, FG_CAREER) < PL_EDIT) {
		PQclear(r);
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "career", NULL, "denied");
		return page_error(c, 403, "発令を登録する権限がありません。");
	}
	for (i = 0; kinds[i] && kind && strcmp(kinds[i], kind); i++)
		;
	if (kind == NULL || kinds[i] == NULL)
		field_error(c, &nerr, "kind", "発令区分", "選択肢から選んでください");
	if (date == NULL || jdate_parse(date, &y, &m, &d, &why) != 0)
		field_error(c, &nerr, "date", "発令日", why ? why : "入力してください");
	else
		snprintf(d1, sizeof(d1), "%04d-%02d-%02d", y, m, d);
	if (end && *end) {
		if (jdate_parse(end, &y, &m, &d, &why) != 0)
			field_error(c, &nerr, "end", "終了日", why);
		else
			snprintf(d2, sizeof(d2), "%04d-%02d-%02d", y, m, d);
	}
	if (unit == NULL || *unit == '\0')
		field_error(c, &nerr, "unit", "所属", "選択してください");
	if (pos == NULL || *pos == '\0')
		field_error(c, &nerr, "position", "職位", "選択してください");
	if (rem && u8len(rem) > 500)
		field_error(c, &nerr, "remarks", "備考", "500文字以内で入力してください");
	if (nerr == 0) {
		const char *ismain = (main && strcmp(main, "1") == 0) ? "t" : "f";
		const char *p[10] = { c->caps[0], kind, d1, unit, pos, ismain,
		    d2[0] ? d2 : NULL, job ? job : "", grade ? grade : "", rem ? rem : "" };
		if (strcmp(kind, "兼務") == 0 || strcmp(kind, "併任") == 0 || strcmp(kind, "事務取扱") == 0)
			p[5] = "f";
		if ((a = db_exec(&c->app->rw, STMT_APPOINTMENT_ADD, p)) == NULL) {
			const char *msg = c->app->rw.sqlstate[0] ? db_last_message(&c->app->rw) : NULL;
			field_error(c, &nerr, "date", "発令", msg && *msg ? msg :
			    (strcmp(c->app->rw.sqlstate, "23P01") == 0 ?
			    "本務の期間が他の発令と重なります" : "登録できませんでした"));
		} else
			PQclear(a);
	}
	if (nerr) {
		view_set(c->hdf, "Page.A.kind", kind ? kind : "");
		view_set(c->hdf, "Page.A.date", date ? date : "");
		view_set(c->hdf, "Page.A.end", end ? end : "");
		view_set(c->hdf, "Page.A.unit", unit ? unit : "");
		view_set(c->hdf, "Page.A.position", pos ? pos : "");
		view_set(c->hdf, "Page.A.job", job ? job : "");
		view_set(c->hdf, "Page.A.grade", grade ? grade : "");
		view_set(c->hdf, "Page.A.remarks", rem ? rem : "");
		int st = edit_page(c, r, rel, 0, 400);
		PQclear(r);
		return st;
	}
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"date\": \"%s\"}", kind, d1);
	audit(c, "create", strtol(c->caps[0], NULL, 10), "appointment", detail, "ok");
	return redirect_edit(c, "appointment");
}

/* 退職 (HR): the last day in service; assignments end then. */
int
h_staff_retire(struct ctx *c)
{
	const char *date = kv_get(&c->form, "last_day"), *why = NULL;
	char d1[11], detail[64];
	unsigned rel;
	int nerr = 0, y, m, d;
	PGresult *r = load(c, c->caps[0], &rel);

	if (r == NULL)
		return page_error(c, 404, "職員が見つかりません。");
	PQclear(r);
	if (staff_level(c, rel, FG_CAREER) < PL_EDIT) {
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "career", NULL, "denied");
		return page_error(c, 403, "退職を登録する権限がありません。");
	}
	if (date == NULL || jdate_parse(date, &y, &m, &d, &why) != 0)
		field_error(c, &nerr, "last_day", "退職日", why ? why : "入力してください");
	else {
		const char *p[2] = { c->caps[0], d1 };
		snprintf(d1, sizeof(d1), "%04d-%02d-%02d", y, m, d);
		if (db_command(&c->app->rw, STMT_STAFF_RETIRE, p) != 0)
			field_error(c, &nerr, "last_day", "退職日", *db_last_message(&c->app->rw) ?
			    db_last_message(&c->app->rw) : "登録できませんでした");
	}
	if (nerr)
		return h_staff_edit_form_status(c, 400);
	snprintf(detail, sizeof(detail), "{\"last_day\": \"%s\"}", d1);
	audit(c, "update", strtol(c->caps[0], NULL, 10), "retirement", detail, "ok");
	return redirect_edit(c, "retired");
}

/* The rows a change of `skill` from `date` would remove (later history):
 * their ids into ids ("1,2") and, for a confirmation, into the page (shown
 * only once Page.SkillConfirm.Ids is set). */
static int
skill_later(struct ctx *c, const char *skill, const char *date, struct buf *ids)
{
	const char *p[3] = { c->caps[0], skill, date };
	PGresult *r = db_exec(&c->app->rw, STMT_SKILL_LATER, p);
	char key[96];
	int i, n;

	if (r == NULL)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		buf_printf(ids, "%s%s", i ? "," : "", PQgetvalue(r, i, 0));
		if (i == 0)
			view_set(c->hdf, "Page.SkillConfirm.SkillName", PQgetvalue(r, i, 1));
		snprintf(key, sizeof(key), "Page.SkillConfirm.Rows.%d.From", i);
		staff_set_date(c->hdf, key, PQgetvalue(r, i, 2));
		snprintf(key, sizeof(key), "Page.SkillConfirm.Rows.%d.To", i);
		staff_set_date(c->hdf, key, PQgetvalue(r, i, 3));
		snprintf(key, sizeof(key), "Page.SkillConfirm.Rows.%d.Level", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 4));
		snprintf(key, sizeof(key), "Page.SkillConfirm.Rows.%d.Evidence", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 5));
	}
	PQclear(r);
	return n;
}

/* Skill level (self-service or HR): level 0 removes the skill from the date.
 * The date (asof, form or query) is hr's to choose; the person's own changes
 * are dated today. A change never removes later history unseen: hr sees the
 * rows that would go and confirms them (confirm = their ids); no one else
 * can remove any. */
int
h_staff_skill(struct ctx *c)
{
	const char *skill = kv_get(&c->form, "skill"), *lv = kv_get(&c->form, "level");
	const char *ev = kv_get(&c->form, "evidence"), *confirm = kv_get(&c->form, "confirm");
	const char *in = kv_get(&c->form, "asof");
	char date[11], today[11], detail[160];
	const char *why = NULL;
	unsigned rel;
	int nerr = 0, level = lv ? atoi(lv) : -1, nlater = 0, y, m, d;
	struct buf ids;
	PGresult *r = load(c, c->caps[0], &rel);

	if (r == NULL)
		return page_error(c, 404, "職員が見つかりません。");
	if (staff_level(c, rel, FG_SKILLS) < PL_EDIT) {
		PQclear(r);
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "skills", NULL, "denied");
		return page_error(c, 403, "スキルを編集する権限がありません。");
	}
	if (skill == NULL || *skill == '\0' || strlen(skill) > 40)
		field_error(c, &nerr, "skill", "スキル", "選択してください");
	if (lv == NULL || strlen(lv) != 1 || level < 0 || level > 5)
		field_error(c, &nerr, "level", "レベル", "0〜5で選んでください");
	if (ev && u8len(ev) > 500)
		field_error(c, &nerr, "evidence", "根拠", "500文字以内で入力してください");
	staff_today(today);
	memcpy(date, today, sizeof(date));
	if (in == NULL || *in == '\0')
		in = kv_get(&c->query, "asof");
	if (in && *in) {
		if (jdate_parse(in, &y, &m, &d, &why) != 0)
			field_error(c, &nerr, "asof", "適用日", why);
		else if (may_date_skills(c))
			snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
	}
	buf_init(&ids);
	if (nerr == 0 && (nlater = skill_later(c, skill, date, &ids)) < 0)
		field_error(c, &nerr, "skill", "スキル", "登録できませんでした");
	else if (nerr == 0 && nlater > 0 && !may_date_skills(c))
		field_error(c, &nerr, "skill", "スキル",
		    "人事担当が登録した今後の変更があるため変更できません。人事担当にご連絡ください");
	else if (nerr == 0 && nlater > 0 && (confirm == NULL || strcmp(confirm, ids.data) != 0)) {
		/* hr: show what would be removed and ask again */
		int st;

		view_set(c->hdf, "Page.SkillConfirm.Ids", ids.data);
		view_set(c->hdf, "Page.SkillConfirm.Skill", skill);
		view_set(c->hdf, "Page.SkillConfirm.Level", lv);
		view_set(c->hdf, "Page.SkillConfirm.Evidence", ev ? ev : "");
		view_set(c->hdf, "Page.SkillConfirm.Asof", date);
		staff_set_date(c->hdf, "Page.SkillConfirm.AsofLabel", date);
		st = edit_page(c, r, rel, 0, 409);
		PQclear(r);
		buf_free(&ids);
		return st;
	}
	if (nerr == 0) {
		const char *p[6] = { c->caps[0], skill, lv, ev ? ev : "", date, ids.data ? ids.data : "" };
		if (db_command(&c->app->rw, STMT_SKILL_SET, p) != 0)
			field_error(c, &nerr, "skill", "スキル", strcmp(c->app->rw.sqlstate, "23503") == 0 ?
			    "存在しないスキルです" : *db_last_message(&c->app->rw) ?
			    db_last_message(&c->app->rw) : "登録できませんでした");
	}
	buf_free(&ids);
	if (nerr) {
		int st = edit_page(c, r, rel, 0, 400);
		PQclear(r);
		return st;
	}
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"level\": %d, \"date\": \"%s\", \"removed\": %d}",
	    level, date, nlater);
	audit(c, "update", strtol(c->caps[0], NULL, 10), "skills", detail, "ok");
	return redirect_edit(c, "skill");
}
