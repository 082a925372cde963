/* view.c: the one place that calls ClearSilver. Config.VarEscapeMode=html is
 * set on every HDF before cs_init, so every var: is HTML-escaped; template
 * text is cached in memory per process (lib/tplcache.c) and served through
 * cs_register_fileload. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tplcache.h"
#include "view.h"

static char tmpl_dir[1024];

/* ClearSilver's file loader: template texts come from lib/tplcache.c. */
static NEOERR *
view_load(void *ctx, HDF *hdf, const char *name, char **contents)
{
	const char *text;

	if (name[0] == '/' || strstr(name, "..") != NULL)
		return nerr_raise(NERR_ASSERT, "bad template name %s", name);
	if ((text = tplcache_get(tmpl_dir, name)) == NULL)
		return nerr_raise(NERR_NOT_FOUND, "template %s: %s", name, strerror(errno));
	*contents = xstrdup(text);	/* the parser takes ownership */
	return STATUS_OK;
}

/* A fresh HDF that escapes by default. dir: template directory. */
int
view_hdf_new(HDF **hdf, const char *dir)
{
	NEOERR *err;

	snprintf(tmpl_dir, sizeof(tmpl_dir), "%s", dir);
	err = hdf_init(hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(*hdf, "Config.VarEscapeMode", "html");
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

static NEOERR *
view_sink(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

/* Render template name into out; on failure a traceback goes to errbuf. */
int
view_render(HDF *hdf, const char *name, struct buf *out, struct buf *errbuf)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK) {
		cs_register_fileload(cs, NULL, view_load);
		err = cs_parse_file(cs, name);
	}
	if (err == STATUS_OK)
		err = cs_render(cs, out, view_sink);
	cs_destroy(&cs);
	if (err != STATUS_OK) {
		STRING tb;
		string_init(&tb);
		nerr_error_traceback(err, &tb);
		buf_add(errbuf, tb.buf ? tb.buf : "", tb.len);
		string_clear(&tb);
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

void
view_set(HDF *hdf, const char *key, const char *val)
{
	NEOERR *err = hdf_set_value(hdf, key, val ? val : "");

	nerr_ignore(&err);
}

/* The node at key below hdf, created if missing (NULL on failure): set
 * many values relative to it instead of by full paths from the root. */
HDF *
view_node(HDF *hdf, const char *key)
{
	HDF *n = NULL;
	NEOERR *err = hdf_get_node(hdf, key, &n);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	return n;
}

void
view_setf(HDF *hdf, const char *key, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	view_set(hdf, key, b.data ? b.data : "");
	buf_free(&b);
}

void
view_set_int(HDF *hdf, const char *key, long v)
{
	view_setf(hdf, key, "%ld", v);
}

void
view_row(HDF *hdf, const char *prefix, int n, const PGresult *r, int row,
    const char *const *cols, const unsigned char *flags, view_fmt_fn fmt)
{
	char key[160];
	int j;

	for (j = 0; cols[j]; j++) {
		const char *v = PQgetvalue(r, row, j);
		unsigned f = flags ? flags[j] : 0;
		if (cols[j][0] == '\0')
			continue;
		snprintf(key, sizeof(key), "%s.%d.%s", prefix, n, cols[j]);
		if ((f & VIEW_FMT) && fmt)
			fmt(hdf, key, v);
		else
			view_set(hdf, key, v);
		if (f & VIEW_ISO) {
			snprintf(key, sizeof(key), "%s.%d.%sIso", prefix, n, cols[j]);
			view_set(hdf, key, v);
		}
	}
}

int
view_rows(HDF *hdf, const char *prefix, const PGresult *r, const char *const *cols,
    const unsigned char *flags, view_fmt_fn fmt)
{
	int i, n = PQntuples(r);

	for (i = 0; i < n; i++)
		view_row(hdf, prefix, i, r, i, cols, flags, fmt);
	return n;
}
