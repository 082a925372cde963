/* h_throttle.c: /admin/throttle, the sign-in delays now running or
 * remembered (cgi/throttle.c) for admin, who can clear one or all. Clearing
 * is audited. */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "app.h"
#include "handlers.h"
#include "stmts.h"
#include "view.h"

int
h_throttle(struct ctx *c)
{
	char now[24], forget[16], key[64];
	const char *p[2] = { now, forget };
	const char *done = kv_get(&c->query, "cleared");
	PGresult *r;
	int i, n, running = 0;

	snprintf(now, sizeof(now), "%lld", (long long)req_now(c));
	snprintf(forget, sizeof(forget), "%d", c->app->cfg->login_forget_minutes);
	if ((r = db_exec(&c->app->rw, STMT_THROTTLE_LIST, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		static const char *const f[] = { "Login", "Address", "Failures", "Last", "Until", "Left" };
		size_t j;
		for (j = 0; j < sizeof(f) / sizeof(f[0]); j++) {
			snprintf(key, sizeof(key), "Page.Rows.%d.%s", i, f[j]);
			view_set(c->hdf, key, PQgetvalue(r, i, (int)j));
		}
		if (strcmp(PQgetvalue(r, i, 5), "0") != 0)
			running++;
	}
	PQclear(r);
	view_set_int(c->hdf, "Page.Count", n);
	view_set_int(c->hdf, "Page.Running", running);
	view_set_int(c->hdf, "Page.MaxDelay", c->app->cfg->login_max_delay_seconds);
	view_set_int(c->hdf, "Page.Forget", c->app->cfg->login_forget_minutes);
	if (done && (strcmp(done, "one") == 0 || strcmp(done, "all") == 0))
		view_set(c->hdf, "Page.Cleared", done);
	return page_render(c, "admin/throttle.cs", "ログイン待ち時間");
}

/* POST /admin/throttle/clear: login and address ("" = the login's row for
 * every address), or all=1. */
int
h_throttle_clear(struct ctx *c)
{
	const char *all = kv_get(&c->form, "all");
	const char *login = kv_get(&c->form, "login");
	const char *addr = kv_get(&c->form, "address");
	json_object *o = json_object_new_object();
	int rc;

	if (all && strcmp(all, "1") == 0) {
		rc = db_command(&c->app->rw, STMT_THROTTLE_DELETE_ALL, NULL);
		json_object_object_add(o, "all", json_object_new_boolean(1));
	} else if (login && *login && strlen(login) <= 200 && addr && strlen(addr) <= 100) {
		const char *p[2] = { login, addr };
		rc = db_command(&c->app->rw, STMT_THROTTLE_DELETE, p);
		json_object_object_add(o, "login", json_object_new_string(login));
		json_object_object_add(o, "address", json_object_new_string(addr));
	} else {
		json_object_put(o);
		return page_error(c, 400, "解除する待ち時間（ログインIDとアドレス、または全件）を指定してください。");
	}
	if (rc != 0) {
		json_object_put(o);
		return page_error(c, 503, "データベースに接続できません。");
	}
	audit(c, "delete", 0, "login_throttle", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), "ok");
	json_object_put(o);
	return page_redirect(c, all ? "/admin/throttle?cleared=all" : "/admin/throttle?cleared=one");
}
