/* h_masters.c: マスタ管理, HR's screens for the master tables (職位, 職種,
 * 級, 職員区分, 資格, 研修, スキル), which other records refer to by code.
 * One static table describes each master: its URL slug, Japanese title,
 * fields (validated with the form.c field tables) and statements.
 *
 *   GET  /admin/masters                    index with row counts
 *   GET  /admin/masters/:kind              list + add form
 *   POST /admin/masters/:kind              create
 *   GET  /admin/masters/:kind/:code        edit form
 *   POST /admin/masters/:kind/:code        update
 *   POST /admin/masters/:kind/:code/delete delete, only while unused
 *
 * The code is the natural key and is never renamed. Every change is
 * audit-logged (target: the table, detail: the code). Changes move the data
 * version (sql/009), so every worker's cached options show them at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "stmts.h"
#include "view.h"

enum minput { MI_CODE, MI_TEXT, MI_NUMBER, MI_DECIMAL, MI_CHECK, MI_PARENT };

struct mfield {
	struct field	 f;	/* name, label, type, required, max (form.c) */
	enum minput	 input;
	long		 min;	/* MI_NUMBER: smallest value */
	const char	*help;
};

#define CODE_FIELD { { "code", "コード", FG_BASIC, F_TEXT, 1, 20, NULL }, MI_CODE, 0, \
	"半角英数字と - _ で20文字以内。登録後は変更できません。" }
#define NAME_FIELD(max) { { "name", "名称", FG_BASIC, F_TEXT, 1, max, NULL }, MI_TEXT, 0, NULL }
#define ORDER_FIELD { { "sort_order", "表示順", FG_BASIC, F_INT, 1, 9999, NULL }, MI_NUMBER, 0, \
	"0〜9999。小さいほど先に表示します。" }

static const struct mfield position_fields[] = {
	CODE_FIELD, NAME_FIELD(50),
	{ { "rank", "序列", FG_BASIC, F_INT, 1, 9999, NULL }, MI_NUMBER, 0,
	    "0〜9999。大きいほど上位の職です（組織図の長の表示順など）。" },
	{ { "is_head", "所属長", FG_BASIC, F_TEXT, 0, 1, NULL }, MI_CHECK, 0,
	    "所属長の職（その所属と下位の所属の職員を監督する）。変更すると、この職の職員が"
	    "閲覧できる範囲（部下の人事評価など）がすぐに変わります。" },
};
static const struct mfield jobtype_fields[] = { CODE_FIELD, NAME_FIELD(50), ORDER_FIELD };
static const struct mfield grade_fields[] = {
	CODE_FIELD, NAME_FIELD(50),
	{ { "rank", "順位", FG_BASIC, F_INT, 1, 9999, NULL }, MI_NUMBER, 0, "0〜9999。大きいほど上位の級です。" },
};
static const struct mfield etype_fields[] = { CODE_FIELD, NAME_FIELD(50), ORDER_FIELD };
static const struct mfield qual_fields[] = {
	CODE_FIELD, NAME_FIELD(100),
	{ { "category", "分類", FG_BASIC, F_TEXT, 1, 30, NULL }, MI_TEXT, 0, "例: 国家資格、技能、語学" },
	{ { "has_expiry", "有効期限", FG_BASIC, F_TEXT, 0, 1, NULL }, MI_CHECK, 0,
	    "有効期限のある資格（更新が必要な免許など）" },
};
static const struct mfield course_fields[] = {
	CODE_FIELD, NAME_FIELD(100),
	{ { "category", "分類", FG_BASIC, F_TEXT, 1, 30, NULL }, MI_TEXT, 0, "例: 階層別、専門、自己啓発" },
	{ { "hours", "標準時間", FG_BASIC, F_DECIMAL, 1, 1000, NULL }, MI_DECIMAL, 0,
	    "0.5〜1000（時間、小数点以下1桁まで）" },
};
static const struct mfield skill_fields[] = {
	CODE_FIELD, NAME_FIELD(50),
	{ { "parent_code", "親スキル", FG_BASIC, F_TEXT, 0, 20, NULL }, MI_PARENT, 0,
	    "分野の下にスキルを置くときに選びます。自分自身や自分の下位のスキルは親にできません。" },
	ORDER_FIELD,
};

#define NF(a) (sizeof(a) / sizeof(a[0]))
#define MAXF 5

static const struct master {
	const char		*slug;
	const char		*title;
	const char		*table;		/* audit target */
	const char		*lead;
	const char		*used_by;	/* what refers to it, for counts */
	const char		*dup;		/* 23505: the name is taken */
	const struct mfield	*fields;
	size_t			 nfields;
	int			 list, upsert, del;
} masters[] = {
	{ "positions", "職位", "position", "部長・課長・係長・主事などの職。発令で使います。",
	  "発令", "同じ名称の職位が既に登録されています",
	  position_fields, NF(position_fields), STMT_POSITION_LIST, STMT_POSITION_UPSERT, STMT_POSITION_DELETE },
	{ "job-types", "職種", "job_type", "一般事務・土木技術・保健師などの職種。発令で使います。",
	  "発令", "同じ名称の職種が既に登録されています",
	  jobtype_fields, NF(jobtype_fields), STMT_JOBTYPE_LIST, STMT_JOBTYPE_UPSERT, STMT_JOBTYPE_DELETE },
	{ "grades", "級", "grade", "給料表の級。発令で使います。",
	  "発令", "同じ名称の級が既に登録されています",
	  grade_fields, NF(grade_fields), STMT_GRADE_LIST, STMT_GRADE_UPSERT, STMT_GRADE_DELETE },
	{ "employment-types", "職員区分", "employment_type", "正規・再任用・会計年度任用などの任用形態。",
	  "職員", "同じ名称の職員区分が既に登録されています",
	  etype_fields, NF(etype_fields), STMT_ETYPE_LIST, STMT_ETYPE_UPSERT, STMT_ETYPE_DELETE },
	{ "qualifications", "資格", "qualification", "職員が取得した資格・免許の種類。",
	  "職員の資格記録", "同じ名称の資格が既に登録されています",
	  qual_fields, NF(qual_fields), STMT_QUALM_LIST, STMT_QUALM_UPSERT, STMT_QUALM_DELETE },
	{ "courses", "研修", "training_course", "研修の科目（受講記録はプロフィールから登録します）。",
	  "研修の受講記録", "同じ名称の研修が既に登録されています",
	  course_fields, NF(course_fields), STMT_COURSE_LIST, STMT_COURSE_UPSERT, STMT_COURSE_DELETE },
	{ "skills", "スキル", "skill", "スキルの分類（分野とその下のスキルの木構造）。",
	  "職員のスキル記録", "同じ親スキルの下に同じ名称のスキルが既に登録されています",
	  skill_fields, NF(skill_fields), STMT_SKILLM_LIST, STMT_SKILLM_UPSERT, STMT_SKILLM_DELETE },
};

static const struct master *
master_find(const char *slug)
{
	size_t i;

	for (i = 0; i < NF(masters); i++)
		if (strcmp(masters[i].slug, slug) == 0)
			return &masters[i];
	return NULL;
}

/* The route type :master (cgi/dispatch.c): handlers find theirs. */
int
master_known(const char *slug)
{
	return master_find(slug) != NULL;
}

/* ^[0-9A-Za-z_-]{1,20}$ */
static int
code_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 20 &&
	    strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") == n;
}

static void
set_kind(struct ctx *c, const struct master *m)
{
	view_set(c->hdf, "Page.Kind.Slug", m->slug);
	view_set(c->hdf, "Page.Kind.Title", m->title);
	view_set(c->hdf, "Page.Kind.Lead", m->lead);
	view_set(c->hdf, "Page.Kind.UsedBy", m->used_by);
}

static const char *
input_name(enum minput in)
{
	switch (in) {
	case MI_CODE: return "code";
	case MI_NUMBER: return "number";
	case MI_DECIMAL: return "decimal";
	case MI_CHECK: return "check";
	case MI_PARENT: return "parent";
	default: return "text";
	}
}

/* Page.Fields.N: the form, with values vals[] (NULL: empty) and errors. */
static void
set_fields(struct ctx *c, const struct master *m, const char *const *vals)
{
	char key[96];
	size_t i;

	for (i = 0; i < m->nfields; i++) {
		const struct mfield *f = &m->fields[i];
		const char *e;

		snprintf(key, sizeof(key), "Page.Fields.%zu.Name", i);
		view_set(c->hdf, key, f->f.name);
		snprintf(key, sizeof(key), "Page.Fields.%zu.Label", i);
		view_set(c->hdf, key, f->f.label);
		snprintf(key, sizeof(key), "Page.Fields.%zu.Input", i);
		view_set(c->hdf, key, input_name(f->input));
		snprintf(key, sizeof(key), "Page.Fields.%zu.Required", i);
		view_set(c->hdf, key, f->f.required ? "1" : "0");
		snprintf(key, sizeof(key), "Page.Fields.%zu.Max", i);
		view_set_int(c->hdf, key, f->f.max);
		if (f->help) {
			snprintf(key, sizeof(key), "Page.Fields.%zu.Help", i);
			view_set(c->hdf, key, f->help);
		}
		snprintf(key, sizeof(key), "Page.Fields.%zu.Value", i);
		view_set(c->hdf, key, vals && vals[i] ? vals[i] : "");
		snprintf(key, sizeof(key), "Page.FieldErr.%s", f->f.name);
		if ((e = hdf_get_value(c->hdf, key, NULL)) != NULL) {
			snprintf(key, sizeof(key), "Page.Fields.%zu.Err", i);
			view_set(c->hdf, key, e);
		}
	}
}

/* The rows of a master (all, or the one with code): Page.Rows.N. Returns
 * the row count, or -1 when the database failed. Reads through the
 * worker's cache, keyed by the data version. */
static int
set_rows(struct ctx *c, const struct master *m, const char *code, PGresult **out)
{
	const char *p[1] = { code };
	PGresult *r = db_cached(c, m->list, p);
	int i, n, nf = (int)m->nfields;
	char key[96];
	size_t j;

	if (r == NULL)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		for (j = 0; j < m->nfields; j++) {
			const char *v = PQgetvalue(r, i, (int)j);
			snprintf(key, sizeof(key), "Page.Rows.%d.V.%s", i, m->fields[j].f.name);
			if (m->fields[j].input == MI_CHECK)
				v = strcmp(v, "t") == 0 ? "1" : "0";
			view_set(c->hdf, key, v);
		}
		snprintf(key, sizeof(key), "Page.Rows.%d.Used", i);
		view_set(c->hdf, key, PQgetvalue(r, i, nf));
		snprintf(key, sizeof(key), "Page.Rows.%d.Children", i);
		view_set(c->hdf, key, PQgetvalue(r, i, nf + 1));
		snprintf(key, sizeof(key), "Page.Rows.%d.Depth", i);
		view_set(c->hdf, key, PQgetvalue(r, i, nf + 2));
		snprintf(key, sizeof(key), "Page.Rows.%d.ParentName", i);
		view_set(c->hdf, key, PQgetvalue(r, i, nf + 3));
	}
	if (out)
		*out = r;
	return n;
}

/* Categories already in use (qualifications, courses), as suggestions:
 * the list is sorted by category, so equal ones are neighbours. */
static void
set_categories(struct ctx *c, const struct master *m)
{
	const char *p[1] = { "" };
	PGresult *r;
	char key[96];
	size_t j;
	int i, n = 0;

	for (j = 0; j < m->nfields; j++)
		if (strcmp(m->fields[j].f.name, "category") == 0)
			break;
	if (j == m->nfields || (r = db_cached(c, m->list, p)) == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		const char *v = PQgetvalue(r, i, (int)j);
		if (i > 0 && strcmp(v, PQgetvalue(r, i - 1, (int)j)) == 0)
			continue;
		snprintf(key, sizeof(key), "Page.Opt.Categories.%d", n++);
		view_set(c->hdf, key, v);
	}
}

/* Choices for a skill's parent: every skill, in tree order. */
static void
set_parents(struct ctx *c, const struct master *m)
{
	const char *p[1] = { "" };
	PGresult *r;
	char key[96];
	int i;

	if (m->list != STMT_SKILLM_LIST || (r = db_cached(c, m->list, p)) == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		snprintf(key, sizeof(key), "Page.Opt.Parents.%d.Code", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 0));
		snprintf(key, sizeof(key), "Page.Opt.Parents.%d.Name", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 1));
		snprintf(key, sizeof(key), "Page.Opt.Parents.%d.Depth", i);
		view_set(c->hdf, key, PQgetvalue(r, i, (int)m->nfields + 2));
	}
}

int
h_masters(struct ctx *c)
{
	PGresult *r = db_cached(c, STMT_MASTER_COUNTS, NULL);
	char key[64];
	size_t i;

	if (r == NULL || PQntuples(r) != 1)
		return page_error(c, 503, "データベースに接続できません。");
	for (i = 0; i < NF(masters); i++) {
		snprintf(key, sizeof(key), "Page.Masters.%zu.Slug", i);
		view_set(c->hdf, key, masters[i].slug);
		snprintf(key, sizeof(key), "Page.Masters.%zu.Title", i);
		view_set(c->hdf, key, masters[i].title);
		snprintf(key, sizeof(key), "Page.Masters.%zu.Lead", i);
		view_set(c->hdf, key, masters[i].lead);
		snprintf(key, sizeof(key), "Page.Masters.%zu.Count", i);
		view_set(c->hdf, key, PQgetvalue(r, 0, (int)i));
	}
	return page_render(c, "admin/masters.cs", "マスタ管理");
}

/* The list page (with the add form), at status with vals in the form. */
static int
list_page(struct ctx *c, const struct master *m, int status, const char *const *vals)
{
	char title[96];
	int n;

	set_kind(c, m);
	if ((n = set_rows(c, m, "", NULL)) < 0)
		return page_error(c, 503, "データベースに接続できません。");
	view_set_int(c->hdf, "Page.Count", n);
	set_fields(c, m, vals);
	set_parents(c, m);
	set_categories(c, m);
	if (kv_get(&c->query, "saved") && kv_get(&c->query, "code") && code_ok(kv_get(&c->query, "code"))) {
		view_set(c->hdf, "Page.Saved", kv_get(&c->query, "saved"));
		view_set(c->hdf, "Page.SavedCode", kv_get(&c->query, "code"));
	}
	snprintf(title, sizeof(title), "%s（マスタ管理）", m->title);
	c->resp.status = status;
	page_render(c, "admin/master_list.cs", title);
	return status;
}

/* The edit page of one row, at status; vals NULL = the stored values. */
static int
edit_page(struct ctx *c, const struct master *m, const char *code, int status, const char *const *vals)
{
	const char *stored[MAXF];
	PGresult *r = NULL;
	char title[96];
	size_t i;
	int n;

	set_kind(c, m);
	if ((n = set_rows(c, m, code, &r)) < 0)
		return page_error(c, 503, "データベースに接続できません。");
	if (n == 0)
		return page_error(c, 404, "そのコードは登録されていません。");
	for (i = 0; i < m->nfields; i++) {
		stored[i] = PQgetvalue(r, 0, (int)i);
		if (m->fields[i].input == MI_CHECK)
			stored[i] = strcmp(stored[i], "t") == 0 ? "1" : "";
	}
	set_fields(c, m, vals ? vals : stored);
	set_parents(c, m);
	set_categories(c, m);
	view_set(c->hdf, "Page.Code", code);
	view_set(c->hdf, "Page.Used", PQgetvalue(r, 0, (int)m->nfields));
	view_set(c->hdf, "Page.Children", PQgetvalue(r, 0, (int)m->nfields + 1));
	snprintf(title, sizeof(title), "%sの編集（マスタ管理）", m->title);
	c->resp.status = status;
	page_render(c, "admin/master_edit.cs", title);
	return status;
}

int
h_master_list(struct ctx *c)
{
	return list_page(c, master_find(c->caps[0]), 200, NULL);
}

int
h_master_edit(struct ctx *c)
{
	return edit_page(c, master_find(c->caps[0]), c->caps[1], 200, NULL);
}

/* A whole number in [min, max]? */
static int
int_in_range(const char *v, long min, long max)
{
	char *end;
	long n;

	if (*v == '\0' || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9)
		return 0;
	n = strtol(v, &end, 10);
	return n >= min && n <= max;
}

/* Validate one field; the value to store goes to out. 0 or -1 with *why. */
static int
check_field(const struct mfield *f, const char *v, char *out, size_t outlen,
    char *why, size_t whylen)
{
	const char *w = NULL;
	size_t len;

	while (*v == ' ')
		v++;
	len = u8len(v);
	if (f->input == MI_CHECK) {
		snprintf(out, outlen, "%s", strcmp(v, "1") == 0 ? "true" : "false");
		return 0;
	}
	if (*v && f->f.type != F_INT && f->f.type != F_DECIMAL && len > (size_t)f->f.max) {
		snprintf(why, whylen, "%d文字以内で入力してください（%zu文字あります）", f->f.max, len);
		return -1;
	}
	if (*v && f->f.type == F_INT && strspn(v, "0123456789") == strlen(v) &&
	    !int_in_range(v, f->min, f->f.max)) {
		snprintf(why, whylen, "%ld〜%dの範囲で入力してください", f->min, f->f.max);
		return -1;
	}
	if (validate(&f->f, v, out, outlen, &w) != 0) {
		if (*v && f->f.type == F_INT)
			snprintf(why, whylen, "%ld〜%dの整数で入力してください", f->min, f->f.max);
		else if (*v && f->f.type == F_DECIMAL)
			snprintf(why, whylen, "0.5〜%dの数（小数点以下1桁まで）で入力してください", f->f.max);
		else
			snprintf(why, whylen, "%s", w);
		return -1;
	}
	if (f->input == MI_CODE && !code_ok(out)) {
		snprintf(why, whylen, "半角英数字と - _ だけで入力してください（「%s」は使えません）", out);
		return -1;
	}
	if (f->f.type == F_DECIMAL && *out && strtod(out, NULL) < 0.5) {
		snprintf(why, whylen, "0.5〜%dの範囲で入力してください", f->f.max);
		return -1;
	}
	return 0;
}

/* Writes a validated row. 0: stored; -1: refused, with a field error
 * added; otherwise an error page was rendered and this is its status. */
static int
store(struct ctx *c, const struct master *m, const char *code, const char *const *p, int *nerr)
{
	PGresult *r = db_exec(&c->app->rw, m->upsert, p);
	const char *st = c->app->rw.sqlstate;
	int found;

	if (r == NULL && strcmp(st, "23505") == 0)
		field_error(c, nerr, "name", "名称", m->dup);
	else if (r == NULL && strcmp(st, "23503") == 0)
		field_error(c, nerr, "parent_code", "親スキル", "選んだ親スキルは登録されていません（削除された可能性があります）");
	else if (r == NULL && strcmp(st, "P0001") == 0)
		field_error(c, nerr, "parent_code", "親スキル", db_last_message(&c->app->rw));
	else if (r == NULL)
		return page_error(c, 503, "保存できませんでした。しばらくしてから再度お試しください。");
	if (r == NULL)
		return -1;
	found = PQntuples(r) == 1;
	PQclear(r);
	if (found)
		return 0;
	if (code != NULL)
		return page_error(c, 404, "そのコードは登録されていません（削除された可能性があります）。");
	field_error(c, nerr, "code", "コード", "このコードは既に登録されています（変更は一覧の「編集」から）");
	return -1;
}

/* Create (code NULL: from the form) or update (code from the URL). */
static int
save(struct ctx *c, const struct master *m, const char *code)
{
	char vals[MAXF][1024], why[256], detail[64], path[128];
	const char *p[MAXF + 1], *shown[MAXF];
	size_t i;
	int nerr = 0, st;

	for (i = 0; i < m->nfields; i++) {
		const struct mfield *f = &m->fields[i];
		const char *v = kv_get(&c->form, f->f.name);

		if (f->input == MI_CODE && code)
			v = code;
		shown[i] = v ? v : "";
		if (check_field(f, v ? v : "", vals[i], sizeof(vals[i]), why, sizeof(why)) != 0)
			field_error(c, &nerr, f->f.name, f->f.label, why);
		p[i] = vals[i];
		if (f->input == MI_CHECK)
			shown[i] = strcmp(vals[i], "true") == 0 ? "1" : "";
	}
	p[m->nfields] = code ? "false" : "true";
	if (nerr == 0 && (st = store(c, m, code, p, &nerr)) > 0)
		return st;
	if (nerr)
		return code ? edit_page(c, m, code, 400, shown) : list_page(c, m, 400, shown);
	snprintf(detail, sizeof(detail), "{\"code\": \"%s\"}", vals[0]);
	audit(c, code ? "update" : "create", 0, m->table, detail, "ok");
	snprintf(path, sizeof(path), "/admin/masters/%s?saved=%s&code=%s",
	    m->slug, code ? "updated" : "created", vals[0]);
	return page_redirect(c, path);
}

int
h_master_create(struct ctx *c)
{
	return save(c, master_find(c->caps[0]), NULL);
}

int
h_master_update(struct ctx *c)
{
	return save(c, master_find(c->caps[0]), c->caps[1]);
}

/* Refused because rows refer to it: say how many, counted now. */
static int
in_use(struct ctx *c, const struct master *m, const char *code)
{
	const char *p[1] = { code };
	PGresult *r = db_exec(&c->app->rw, m->list, p);
	long used = 0, children = 0;
	char msg[512];

	if (r != NULL && PQntuples(r) == 1) {
		used = strtol(PQgetvalue(r, 0, (int)m->nfields), NULL, 10);
		children = strtol(PQgetvalue(r, 0, (int)m->nfields + 1), NULL, 10);
	}
	if (r)
		PQclear(r);
	if (children > 0 && used > 0)
		snprintf(msg, sizeof(msg), "この%sは%s %ld件と下位のスキル %ld件で使われているため削除できません。",
		    m->title, m->used_by, used, children);
	else if (children > 0)
		snprintf(msg, sizeof(msg), "この%sの下に %ld件のスキルがあるため削除できません。先に下位のスキルを削除するか移してください。",
		    m->title, children);
	else
		snprintf(msg, sizeof(msg), "この%sは%s %ld件で使われているため削除できません。",
		    m->title, m->used_by, used);
	view_set(c->hdf, "Page.Errors.0.Message", msg);
	view_set(c->hdf, "Page.DeleteRefused", "1");
	return edit_page(c, m, code, 409, NULL);
}

int
h_master_delete(struct ctx *c)
{
	const struct master *m = master_find(c->caps[0]);
	const char *p[1] = { c->caps[1] };
	char detail[64], path[128];
	PGresult *r;
	int found;

	r = db_exec(&c->app->rw, m->del, p);
	if (r == NULL && strcmp(c->app->rw.sqlstate, "23503") == 0)
		return in_use(c, m, c->caps[1]);
	if (r == NULL)
		return page_error(c, 503, "削除できませんでした。しばらくしてから再度お試しください。");
	found = PQntuples(r) == 1;
	PQclear(r);
	if (!found)
		return page_error(c, 404, "そのコードは登録されていません。");
	snprintf(detail, sizeof(detail), "{\"code\": \"%s\"}", c->caps[1]);
	audit(c, "delete", 0, m->table, detail, "ok");
	snprintf(path, sizeof(path), "/admin/masters/%s?saved=deleted&code=%s", m->slug, c->caps[1]);
	return page_redirect(c, path);
}
