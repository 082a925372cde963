/* h_import.c: /admin/import (HR: upload a CSV file, see the preview of what
 * would be created, updated, left unchanged and every error, then commit
 * exactly the previewed file, kept server-side in import_history) and
 * /admin/export/KIND.csv (download in the format import reads). Both go
 * through the visibility policy: the role must be able to edit (import) or
 * read (export) the kind's field groups for every staff member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "import.h"
#include "jdate.h"
#include "stmts.h"
#include "view.h"

static int
kind_allowed(const struct ctx *c, const struct import_kind *k, enum plevel need)
{
	int g;

	for (g = 0; g < FG__MAX; g++)
		if ((k->groups & (1u << g)) &&
		    policy_level(c->app->policy, c->me.roles, RELBIT(REL_COLLEAGUE), (enum fgroup)g) < need)
			return 0;
	return 1;
}

static void
fill_kinds(struct ctx *c, const char *selected)
{
	char key[64];
	size_t i;
	int n = 0;

	for (i = 0; i < import_nkinds; i++) {
		const struct import_kind *k = &import_kinds[i];
		if (!kind_allowed(c, k, PL_READ))
			continue;
		snprintf(key, sizeof(key), "Page.Kinds.%d.Name", n);
		view_set(c->hdf, key, k->name);
		snprintf(key, sizeof(key), "Page.Kinds.%d.Label", n);
		view_set(c->hdf, key, k->label);
		snprintf(key, sizeof(key), "Page.Kinds.%d.CanImport", n);
		view_set(c->hdf, key, kind_allowed(c, k, PL_EDIT) ? "1" : "0");
		if (selected && strcmp(selected, k->name) == 0) {
			snprintf(key, sizeof(key), "Page.Kinds.%d.Selected", n);
			view_set(c->hdf, key, "1");
		}
		n++;
	}
}

static const char *
kind_label(const char *name)
{
	const struct import_kind *k = import_kind_find(name);

	return k ? k->label : name;
}

static void
set_kind_label(HDF *hdf, const char *key, const char *name)
{
	view_set(hdf, key, kind_label(name));
}

static void
fill_history(struct ctx *c)
{
	static const char *const cols[] = { "Id", "At", "Actor", "Kind", "File", "Sha", "Encoding",
		"Sync", "Status", "Rows", "Created", "Updated", "Unchanged", "Deleted", "Errors", NULL };
	static const unsigned char label[15] = { [3] = VIEW_FMT };	/* the kind's label */
	PGresult *r = db_exec(&c->app->ro, STMT_IMPORT_HISTORY_LIST, NULL);

	if (r == NULL)
		return;
	view_set_int(c->hdf, "Page.HistoryCount",
	    view_rows(c->hdf, "Page.History", r, cols, label, set_kind_label));
	PQclear(r);
}

static int
render(struct ctx *c, const char *kind)
{
	fill_kinds(c, kind);
	fill_history(c);
	return page_render(c, "admin/import.cs", "一括取込・出力");
}

int
h_import_form(struct ctx *c)
{
	return render(c, NULL);
}

static void
fill_result(struct ctx *c, const struct import_opts *o, const struct import_result *r)
{
	long i, shown = r->nerr < IMPORT_MAXERR ? r->nerr : IMPORT_MAXERR;
	char key[64];

	view_set(c->hdf, "Page.R.Kind", kind_label(o->kind));
	view_set(c->hdf, "Page.R.File", o->file_name);
	view_set(c->hdf, "Page.R.Encoding", r->encoding);
	view_set(c->hdf, "Page.R.Sha", r->sha256);
	view_set(c->hdf, "Page.R.Sync", o->sync ? "1" : "0");
	view_set_int(c->hdf, "Page.R.Rows", r->rows);
	view_set_int(c->hdf, "Page.R.Created", r->created);
	view_set_int(c->hdf, "Page.R.Updated", r->updated);
	view_set_int(c->hdf, "Page.R.Unchanged", r->unchanged);
	view_set_int(c->hdf, "Page.R.Deleted", r->deleted);
	view_set_int(c->hdf, "Page.R.Errors", r->nerr);
	view_set_int(c->hdf, "Page.R.Shown", shown);
	view_set_int(c->hdf, "Page.R.Id", r->history_id);
	view_set(c->hdf, "Page.R.Committed", r->committed ? "1" : "0");
	for (i = 0; i < shown; i++) {
		const struct import_error *e = &r->err[i];
		snprintf(key, sizeof(key), "Page.R.Err.%ld.Line", i);
		if (e->line > 0)
			view_set_int(c->hdf, key, e->line);
		else
			view_set(c->hdf, key, "ファイル全体");
		snprintf(key, sizeof(key), "Page.R.Err.%ld.Header", i);
		view_set(c->hdf, key, e->header);
		snprintf(key, sizeof(key), "Page.R.Err.%ld.Value", i);
		view_set(c->hdf, key, e->value);
		snprintf(key, sizeof(key), "Page.R.Err.%ld.Reason", i);
		view_set(c->hdf, key, e->reason);
	}
}

int
h_import_upload(struct ctx *c)
{
	const struct kv *f = kv_find(&c->form, "file");
	const char *kind = kv_get(&c->form, "kind"), *enc = kv_get(&c->form, "encoding");
	const struct import_kind *k = import_kind_find(kind);
	struct import_opts o = { 0 };
	struct import_result r;
	int rc;

	if (k == NULL)
		return page_error(c, 400, "取り込むデータの種類を選んでください。");
	if (!kind_allowed(c, k, PL_EDIT)) {
		audit(c, "deny", 0, "import", NULL, "denied");
		return page_error(c, 403, "このデータを取り込む権限がありません。");
	}
	if (f == NULL || f->filename == NULL)
		return page_error(c, 400, "CSVファイルを選んでください。");
	if (enc == NULL || (strcmp(enc, "auto") && strcmp(enc, "utf-8") && strcmp(enc, "cp932")))
		enc = "auto";
	o.kind = k->name;
	o.encoding = enc;
	o.sync = kv_get(&c->form, "sync") && strcmp(kv_get(&c->form, "sync"), "1") == 0;
	o.dry_run = 1;
	o.account_id = c->me.id;
	o.actor = c->me.login;
	o.file_name = f->filename[0] ? f->filename : "upload.csv";
	rc = import_run(&c->app->rw, &o, f->val, f->len, &r);
	fill_result(c, &o, &r);
	view_set(c->hdf, "Page.R.Preview", "1");
	if (rc == 0 && r.history_id > 0)
		view_set(c->hdf, "Page.R.CanCommit", "1");
	import_result_free(&r);
	return render(c, k->name);
}

int
h_import_commit(struct ctx *c)
{
	const char *p[1] = { c->caps[0] };
	struct import_opts o = { 0 };
	struct import_result r;
	char kind[32], fname[256], enc[16], detail[256], sha[65], err[320];
	const struct import_kind *k;
	PGresult *res;
	struct buf data;
	long long size;

	if ((res = db_exec(&c->app->rw, STMT_IMPORT_HISTORY_GET, p)) == NULL)
		return page_error(c, 503, "データベースに接続できません。");
	if (PQntuples(res) != 1 || strcmp(PQgetvalue(res, 0, 4), "preview") != 0 ||
	    strtol(PQgetvalue(res, 0, 6), NULL, 10) != c->me.id) {
		PQclear(res);
		return page_error(c, 409, "このプレビューは確定できません（確定済みか、別の利用者のものです）。");
	}
	snprintf(kind, sizeof(kind), "%s", PQgetvalue(res, 0, 0));
	snprintf(fname, sizeof(fname), "%s", PQgetvalue(res, 0, 1));
	snprintf(enc, sizeof(enc), "%s", strcmp(PQgetvalue(res, 0, 2), "CP932") == 0 ? "cp932" : "utf-8");
	o.sync = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
	snprintf(sha, sizeof(sha), "%s", PQgetvalue(res, 0, 5));
	size = strtoll(PQgetvalue(res, 0, 7), NULL, 10);
	PQclear(res);
	if ((k = import_kind_find(kind)) == NULL || !kind_allowed(c, k, PL_EDIT)) {
		audit(c, "deny", 0, "import", NULL, "denied");
		return page_error(c, 403, "このデータを取り込む権限がありません。");
	}
	buf_init(&data);
	if (import_stored_file(&c->app->rw, strtol(c->caps[0], NULL, 10), size, sha, &data,
	    err, sizeof(err)) != 0) {
		buf_free(&data);
		return page_error(c, 409, err);
	}
	o.kind = k->name;
	o.encoding = enc;
	o.account_id = c->me.id;
	o.actor = c->me.login;
	o.file_name = fname;
	o.preview_id = strtol(c->caps[0], NULL, 10);
	(void)import_run(&c->app->rw, &o, data.data ? data.data : "", data.len, &r);
	buf_free(&data);
	fill_result(c, &o, &r);
	if (r.committed) {
		snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"import_id\": %ld, \"created\": %ld, "
		    "\"updated\": %ld, \"deleted\": %ld}", k->name, r.history_id, r.created, r.updated, r.deleted);
		audit(c, "update", 0, "import", detail, "ok");
	}
	import_result_free(&r);
	return render(c, k->name);
}

int
h_export(struct ctx *c)
{
	char asof[11] = "", detail[256], err[320], name[80];
	const char *enc = kv_get(&c->query, "encoding"), *as = kv_get(&c->query, "asof");
	const struct import_kind *k = import_kind_find(c->caps[0]);	/* /admin/export/:export.csv */
	struct download dl;
	long rows;
	int rc;

	if (!kind_allowed(c, k, PL_READ)) {
		audit(c, "deny", 0, "export", NULL, "denied");
		return page_error(c, 403, "このデータを出力する権限がありません。");
	}
	if (!auth_fresh(c))	/* bulk export: a recent password + code check */
		return auth_stepup(c);
	if (as && *as) {
		int y, m, d;
		const char *why = NULL;
		if (jdate_parse(as, &y, &m, &d, &why) != 0)
			return page_error(c, 400, why ? why : "基準日が正しくありません。");
		snprintf(asof, sizeof(asof), "%04d-%02d-%02d", y, m, d);
	}
	if (enc == NULL || strcmp(enc, "cp932") != 0)
		enc = "utf-8";
	snprintf(name, sizeof(name), "tms-%s%s%s.csv", k->name, asof[0] ? "-" : "", asof);
	download_init(&dl, &c->resp, strcmp(enc, "cp932") == 0 ? "text/csv; charset=Shift_JIS" :
	    "text/csv; charset=utf-8", name);
	rc = import_export(&c->app->ro, k->name, asof, enc, download_write, &dl, &rows, err, sizeof(err));
	snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"rows\": %ld, \"as_of\": \"%s\", \"encoding\": \"%s\"}",
	    k->name, rows, asof, enc);
	if (rc != 0 && c->resp.streamed) {	/* cut short: the worker ends the connection */
		audit(c, "export", 0, k->name, detail, "error");
		return 500;
	}
	if (rc != 0) {
		buf_reset(&c->resp.body);
		return page_error(c, strstr(err, "CP932") ? 422 : 503, err);
	}
	download_end(&dl);
	audit(c, "export", 0, k->name, detail, "ok");
	return 200;
}
