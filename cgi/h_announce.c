/* h_announce.c: お知らせ, announcements that admin posts for a period
 * (planned stops, version upgrades) and that every user's home page shows
 * while the period runs (sql/067_announcement.sql). */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "app.h"
#include "handlers.h"
#include "stmts.h"
#include "view.h"

/* page part (worker.c): the announcements of now, on the home page only */
void
announce_fill(struct ctx *c)
{
	char now[24], key[64];
	const char *p[1] = { now };
	PGresult *r;
	int i, n;

	if (strcmp(c->path, "/") != 0)
		return;
	snprintf(now, sizeof(now), "%lld", (long long)req_now(c));
	if ((r = db_exec(&c->app->ro, STMT_ANNOUNCE_CURRENT, p)) == NULL)
		return;	/* the home page without them rather than no home page */
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Announce.%d.Title", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 0));
		snprintf(key, sizeof(key), "Announce.%d.Body", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 1));
		snprintf(key, sizeof(key), "Announce.%d.Ends", i);
		view_set(c->hdf, key, PQgetvalue(r, i, 2));
	}
	PQclear(r);
}

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* "YYYY-MM-DDTHH:MM" (an <input type="datetime-local">) */
static int
is_local_time(const char *s)
{
	int y, mo, d, h, mi;
	char end;

	return s && strlen(s) == 16 && s[10] == 'T' &&
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &end) == 5 &&
	    y >= 2000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59;
}

static int
page(struct ctx *c, int status, const char *error)
{
	char now[24], key[64];
	const char *p[1] = { now };
	static const char *const f[] = { "Id", "Title", "Body", "Starts", "Ends", "State" };
	const char *done = kv_get(&c->query, "done");
	PGresult *r;
	int i, n;
	size_t j;

	snprintf(now, sizeof(now), "%lld", (long long)req_now(c));
	if ((r = db_exec(&c->app->rw, STMT_ANNOUNCE_LIST, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	n = PQntuples(r);
	for (i = 0; i < n; i++)
		for (j = 0; j < sizeof(f) / sizeof(f[0]); j++) {
			snprintf(key, sizeof(key), "Page.Rows.%d.%s", i, f[j]);
			view_set(c->hdf, key, PQgetvalue(r, i, (int)j));
		}
	PQclear(r);
	view_set_int(c->hdf, "Page.Count", n);
	if (error) {
		static const char *const in[] = { "title", "body", "starts", "ends" };
		view_set(c->hdf, "Page.Error", error);
		for (j = 0; j < sizeof(in) / sizeof(in[0]); j++) {
			const char *v = kv_get(&c->form, in[j]);
			snprintf(key, sizeof(key), "Page.Form.%s", in[j]);
			view_set(c->hdf, key, v ? v : "");
		}
	} else if (done && (strcmp(done, "added") == 0 || strcmp(done, "deleted") == 0))
		view_set(c->hdf, "Page.Done", done);
	page_render(c, "admin/announce.cs", "お知らせ");
	return status;
}

int
h_announce(struct ctx *c)
{
	return page(c, 200, NULL);
}

int
h_announce_add(struct ctx *c)
{
	const char *title = kv_get(&c->form, "title"), *body = kv_get(&c->form, "body");
	const char *starts = kv_get(&c->form, "starts"), *ends = kv_get(&c->form, "ends");
	char uid[24];
	const char *p[5] = { title, body, starts, ends, uid };
	json_object *o;
	PGresult *r;

	if (title == NULL || *title == '\0' || chars(title) > 100)
		return page(c, 400, "件名を100文字以内で入力してください。");
	if (body == NULL)
		body = p[1] = "";
	if (chars(body) > 2000)
		return page(c, 400, "本文は2000文字以内で入力してください。");
	if (!is_local_time(starts))
		return page(c, 400, "掲載開始の日時を入力してください（例 2026-12-01T09:00）。");
	if (!is_local_time(ends))
		return page(c, 400, "掲載終了の日時を入力してください（例 2026-12-08T17:00）。");
	if (strcmp(ends, starts) <= 0)
		return page(c, 400, "掲載終了は掲載開始より後にしてください。");
	snprintf(uid, sizeof(uid), "%ld", c->me.id);
	if ((r = db_exec(&c->app->rw, STMT_ANNOUNCE_ADD, p)) == NULL)
		return page(c, 400, "お知らせを保存できませんでした。日時を確かめてください。");
	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(PQgetvalue(r, 0, 0)));
	json_object_object_add(o, "starts", json_object_new_string(starts));
	json_object_object_add(o, "ends", json_object_new_string(ends));
	PQclear(r);
	audit(c, "create", 0, "announcement", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), "ok");
	json_object_put(o);
	return page_redirect(c, "/admin/announce?done=added");
}

int
h_announce_delete(struct ctx *c)
{
	const char *p[1] = { c->caps[0] };
	char detail[64];
	PGresult *r;

	if ((r = db_exec(&c->app->rw, STMT_ANNOUNCE_DELETE, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	if (PQntuples(r) == 0) {
		PQclear(r);
		return page_error(c, 404, "そのお知らせはありません（削除済みかもしれません）。");
	}
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"id\":%s}", c->caps[0]);
	audit(c, "delete", 0, "announcement", detail, "ok");
	return page_redirect(c, "/admin/announce?done=deleted");
}
