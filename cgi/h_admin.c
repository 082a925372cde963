/* h_admin.c: /admin/accounts (account list for administrators). */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "stmts.h"
#include "view.h"

int
h_admin_accounts(struct ctx *c)
{
	PGresult *r = db_exec(&c->app->ro, STMT_ACCOUNT_LIST, NULL);
	char key[64];
	int i, n;

	if (r == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Page.Accounts.%d.Login", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 1));
		snprintf(key, sizeof(key), "Page.Accounts.%d.Name", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 2));
		snprintf(key, sizeof(key), "Page.Accounts.%d.Role", i);
		view_set(c->hdf, key, role_label(role_parse(PQgetvalue(r, i, 3))));
		snprintf(key, sizeof(key), "Page.Accounts.%d.Disabled", i);
		view_set(c->hdf, key, strcmp(PQgetvalue(r, i, 4), "t") == 0 ? "1" : "0");
		snprintf(key, sizeof(key), "Page.Accounts.%d.Created", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 5));
	}
	view_set_int(c->hdf, "Page.Count", n);
	PQclear(r);
	return page_render(c, "admin/accounts.cs", "アカウント管理");
}
