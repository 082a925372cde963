/* h_records.c: /staff/:id/records/:kind (add or correct a qualification,
 * training record or evaluation; upsert by natural key) and
 * /staff/:id/records/:kind/:rid/delete. One table describes each kind: its
 * policy group, its fields and its statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

static const char *const results[] = { "修了", "未修了", "受講中", NULL };
static const char *const periods[] = { "上期", "下期", "年間", NULL };
static const char *const ekinds[] = { "能力評価", "業績評価", NULL };
static const char *const grades[] = { "S", "A", "B", "C", "D", NULL };

static const struct field qual_fields[] = {
	{ "qualification", "資格", FG_QUALIFICATIONS, F_TEXT, 1, 40, NULL },
	{ "acquired_on", "取得日", FG_QUALIFICATIONS, F_DATE, 1, 0, NULL },
	{ "expires_on", "有効期限", FG_QUALIFICATIONS, F_DATE, 0, 0, NULL },
	{ "registration_no", "登録番号", FG_QUALIFICATIONS, F_TEXT, 0, 50, NULL },
};
static const struct field training_fields[] = {
	{ "course", "研修", FG_TRAINING, F_TEXT, 1, 40, NULL },
	{ "start_date", "開始日", FG_TRAINING, F_DATE, 1, 0, NULL },
	{ "end_date", "終了日", FG_TRAINING, F_DATE, 1, 0, NULL },
	{ "hours", "時間", FG_TRAINING, F_DECIMAL, 1, 1000, NULL },
	{ "result", "結果", FG_TRAINING, F_ENUM, 1, 0, results },
};
static const struct field eval_fields[] = {
	{ "fiscal_year", "年度", FG_EVALUATIONS, F_INT, 1, 2100, NULL },
	{ "period", "期", FG_EVALUATIONS, F_ENUM, 1, 0, periods },
	{ "kind", "区分", FG_EVALUATIONS, F_ENUM, 1, 0, ekinds },
	{ "grade", "評語", FG_EVALUATIONS, F_ENUM, 1, 0, grades },
	{ "score", "点数", FG_EVALUATIONS, F_DECIMAL, 0, 100, NULL },
	{ "comment", "評価者コメント", FG_EVALUATIONS, F_LONGTEXT, 0, 2000, NULL },
};

#define NF(a) (sizeof(a) / sizeof(a[0]))
#define MAXF 6

static const struct rkind {
	const char		*slug;
	const char		*label;
	enum fgroup		 group;
	const struct field	*fields;
	size_t			 nfields;
	int			 upsert, del;
} rkinds[] = {
	{ "quals", "資格", FG_QUALIFICATIONS, qual_fields, NF(qual_fields), STMT_QUAL_UPSERT, STMT_QUAL_DELETE },
	{ "training", "研修", FG_TRAINING, training_fields, NF(training_fields), STMT_TRAINING_UPSERT, STMT_TRAINING_DELETE },
	{ "evals", "人事評価", FG_EVALUATIONS, eval_fields, NF(eval_fields), STMT_EVAL_UPSERT, STMT_EVAL_DELETE },
};

static const struct rkind *
rkind(const char *slug)
{
	size_t i;

	for (i = 0; i < NF(rkinds); i++)
		if (strcmp(rkinds[i].slug, slug) == 0)
			return &rkinds[i];
	return NULL;
}

static int
back(struct ctx *c, const char *what)
{
	char path[96];

	snprintf(path, sizeof(path), "/staff/%s/edit?saved=%s", c->caps[0], what);
	return page_redirect(c, path);
}

int
h_record_save(struct ctx *c)
{
	const struct rkind *k = rkind(c->caps[1]);
	char vals[MAXF][4100], detail[96], kid[16] = "", *sealed = NULL;
	const char *p[MAXF + 3];
	unsigned rel;
	size_t i;
	int nerr = 0;

	if (staff_rel_today(c, c->caps[0], &rel, NULL) != 200)
		return page_error(c, 404, "見つかりません。");
	if (staff_level(c, rel, k->group) < PL_EDIT) {
		audit(c, "deny", strtol(c->caps[0], NULL, 10), policy_group_names[k->group], NULL, "denied");
		return page_error(c, 403, "この情報を登録する権限がありません。");
	}
	p[0] = c->caps[0];
	for (i = 0; i < k->nfields; i++) {
		const char *v = kv_get(&c->form, k->fields[i].name), *why = NULL;
		if (validate(&k->fields[i], v ? v : "", vals[i], sizeof(vals[i]), &why) != 0)
			field_error(c, &nerr, k->fields[i].name, k->fields[i].label, why);
		p[i + 1] = vals[i];
	}
	p[k->nfields + 1] = kid;	/* evaluations: the comment sealed (sql/064) */
	p[k->nfields + 2] = "";
	if (nerr == 0 && k->upsert == STMT_EVAL_UPSERT && vals[5][0] != '\0') {
		char ad[160];
		int id;
		snprintf(ad, sizeof(ad), "evaluation:%ld:%d:%s:%s", strtol(c->caps[0], NULL, 10),
		    atoi(vals[0]), vals[1], vals[2]);
		if (c->app->keys.n == 0 ||
		    seal_hex(&c->app->keys, ad, vals[5], strlen(vals[5]), &sealed, &id) != 0)
			return page_error(c, 503, "暗号鍵が設定されていないため評価者コメントを保存できません（paths.wish_keys）。");
		snprintf(kid, sizeof(kid), "%d", id);
		p[6] = "";
		p[8] = sealed;
	}
	if (nerr == 0 && db_command(&c->app->rw, k->upsert, p) != 0) {
		const char *st = c->app->rw.sqlstate;
		field_error(c, &nerr, k->fields[0].name, k->label,
		    strcmp(st, "23503") == 0 ? "マスタに存在しないコードです" :
		    strcmp(st, "23514") == 0 ? "日付や値の組み合わせが正しくありません（終了日・有効期限は開始日・取得日より後にしてください）" :
		    "登録できませんでした");
	}
	free(sealed);
	if (nerr) {
		view_set(c->hdf, "Page.Failed", k->slug);
		return h_staff_edit_form_status(c, 400);
	}
	snprintf(detail, sizeof(detail), "{\"kind\": \"%s\"}", k->slug);
	audit(c, "update", strtol(c->caps[0], NULL, 10), policy_group_names[k->group], detail, "ok");
	return back(c, k->slug);
}

int
h_record_delete(struct ctx *c)
{
	const struct rkind *k = rkind(c->caps[1]);
	const char *p[2] = { c->caps[0], c->caps[2] };
	char detail[96];
	unsigned rel;

	if (staff_rel_today(c, c->caps[0], &rel, NULL) != 200)
		return page_error(c, 404, "見つかりません。");
	if (staff_level(c, rel, k->group) < PL_EDIT) {
		audit(c, "deny", strtol(c->caps[0], NULL, 10), policy_group_names[k->group], NULL, "denied");
		return page_error(c, 403, "この情報を削除する権限がありません。");
	}
	if (db_command(&c->app->rw, k->del, p) != 0)
		return page_error(c, 503, "削除できませんでした。");
	snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"id\": %ld}", k->slug, strtol(c->caps[2], NULL, 10));
	audit(c, "delete", strtol(c->caps[0], NULL, 10), policy_group_names[k->group], detail, "ok");
	return back(c, "deleted");
}
