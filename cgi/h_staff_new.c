/* h_staff_new.c: /staff/new: 採用 (a new staff record and its first
 * appointment, in one transaction) for those the policy lets edit anyone's
 * basic, sensitive and career fields (hr by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "form.h"
#include "handlers.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

static const char *const genders[] = { "female", "male", "other", "unspecified", NULL };

static const struct field nfields[] = {
	{ "staff_no", "職員番号", FG_BASIC, F_TEXT, 1, 20, NULL },
	{ "family_name", "姓", FG_BASIC, F_TEXT, 1, 50, NULL },
	{ "given_name", "名", FG_BASIC, F_TEXT, 1, 50, NULL },
	{ "family_kana", "姓（フリガナ）", FG_BASIC, F_KANA, 1, 50, NULL },
	{ "given_kana", "名（フリガナ）", FG_BASIC, F_KANA, 1, 50, NULL },
	{ "birth_date", "生年月日", FG_SENSITIVE, F_DATE, 1, 0, NULL },
	{ "gender", "性別", FG_SENSITIVE, F_ENUM, 1, 0, genders },
	{ "employment_type", "職員区分", FG_BASIC, F_TEXT, 1, 20, NULL },	/* master code */
	{ "hire_date", "採用日", FG_CAREER, F_DATE, 1, 0, NULL },
	{ "unit", "所属", FG_CAREER, F_TEXT, 1, 20, NULL },
	{ "position", "職位", FG_CAREER, F_TEXT, 1, 40, NULL },
};
#define NNF (sizeof(nfields) / sizeof(nfields[0]))

static int
may_hire(struct ctx *c)
{
	const struct policy *p = c->app->policy;
	unsigned any = RELBIT(REL_COLLEAGUE);

	return policy_level(p, c->me.roles, any, FG_BASIC) >= PL_EDIT &&
	    policy_level(p, c->me.roles, any, FG_SENSITIVE) >= PL_EDIT &&
	    policy_level(p, c->me.roles, any, FG_CAREER) >= PL_EDIT;
}

static int
form_page(struct ctx *c, int status)
{
	size_t i;
	char key[64];

	for (i = 0; i < NNF; i++) {
		const char *v = kv_get(&c->form, nfields[i].name);
		snprintf(key, sizeof(key), "Page.V.%s", nfields[i].name);
		view_set(c->hdf, key, v ? v : "");
	}
	{
		char asof[11];
		const char *why, *p[1] = { asof };
		staff_asof(c, asof, &why);
		page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
		page_options(c, STMT_OPT_POSITIONS, NULL, "Page.Opt.Positions", 1);
		page_options(c, STMT_OPT_ETYPES, NULL, "Page.Opt.Etypes", 1);
	}
	c->resp.status = status;
	page_render(c, "staff/new.cs", "職員の新規登録（採用）");
	return status;
}

int
h_staff_new_form(struct ctx *c)
{
	if (!may_hire(c))
		return page_error(c, 403, "職員を登録する権限がありません。");
	return form_page(c, 200);
}

int
h_staff_new(struct ctx *c)
{
	char vals[NNF][512], path[64], detail[64];
	const char *p[NNF];
	PGresult *r;
	size_t i;
	int nerr = 0;

	if (!may_hire(c)) {
		audit(c, "deny", 0, "staff", NULL, "denied");
		return page_error(c, 403, "職員を登録する権限がありません。");
	}
	for (i = 0; i < NNF; i++) {
		const char *v = kv_get(&c->form, nfields[i].name), *why = NULL;
		if (validate(&nfields[i], v ? v : "", vals[i], sizeof(vals[i]), &why) != 0)
			field_error(c, &nerr, nfields[i].name, nfields[i].label, why);
		p[i] = vals[i];
	}
	if (nerr == 0 && strspn(vals[0], "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") != strlen(vals[0]))
		field_error(c, &nerr, "staff_no", "職員番号", "半角英数字とハイフンで入力してください");
	if (nerr == 0 && (r = db_exec(&c->app->rw, STMT_STAFF_HIRE, p)) == NULL) {
		const char *msg = db_last_message(&c->app->rw);
		field_error(c, &nerr, *msg ? "" : "unit", "登録", *msg ? msg :
		    strcmp(c->app->rw.sqlstate, "23503") == 0 ? "職位または職員区分が正しくありません" : "登録できませんでした");
	}
	if (nerr)
		return form_page(c, 400);
	snprintf(path, sizeof(path), "/staff/%s?created=1", PQgetvalue(r, 0, 0));
	snprintf(detail, sizeof(detail), "{\"hire_date\": \"%s\"}", vals[8]);
	audit(c, "create", strtol(PQgetvalue(r, 0, 0), NULL, 10), "staff", detail, "ok");
	PQclear(r);
	return page_redirect(c, path);
}
