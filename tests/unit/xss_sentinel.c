/* xss_sentinel.c: renders every template inside the layout with a hostile
 * value in every HDF field the templates mention (loop items included) and
 * fails if the value ever comes out unescaped. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "buf.h"
#include "tap.h"
#include "view.h"

#define SENTINEL	"<script>alert(1)</script>'\"&x"
#define RAW_MARK	"<script>alert(1)"
#define ESC_MARK	"&lt;script&gt;alert(1)&lt;/script&gt;&#39;&quot;&amp;x"

static char names[2000][128];
static int nnames;
static char alias[64][32], alias_path[64][128];
static int naliases;

static void
add_name(const char *n)
{
	int i;

	for (i = 0; i < nnames; i++)
		if (strcmp(names[i], n) == 0)
			return;
	if (nnames < 2000)
		snprintf(names[nnames++], sizeof(names[0]), "%s", n);
}

/* Collect dotted names and each: aliases from the <?cs ... ?> blocks. */
static void
scan(const char *text)
{
	const char *p = text;

	while ((p = strstr(p, "<?cs")) != NULL) {
		const char *e = strstr(p, "?>");
		char blk[512], *q;
		size_t l;

		if (e == NULL)
			break;
		l = (size_t)(e - p) < sizeof(blk) - 1 ? (size_t)(e - p) : sizeof(blk) - 1;
		memcpy(blk, p, l);
		blk[l] = '\0';
		if ((q = strstr(blk, "each:")) != NULL && naliases < 64) {
			char a[32], path[128];
			if (sscanf(q + 5, " %31[A-Za-z0-9_] = %127[A-Za-z0-9_.]", a, path) == 2) {
				snprintf(alias[naliases], sizeof(alias[0]), "%s", a);
				snprintf(alias_path[naliases++], sizeof(alias_path[0]), "%s", path);
			}
		}
		for (q = blk; *q; q++) {
			char n[128];
			size_t k = 0;
			if (!(isalpha((unsigned char)*q) || *q == '_') ||
			    (q > blk && (isalnum((unsigned char)q[-1]) || q[-1] == '.' || q[-1] == '"')))
				continue;
			while ((isalnum((unsigned char)q[k]) || q[k] == '_' || q[k] == '.') && k < 127)
				k++;
			memcpy(n, q, k);
			n[k] = '\0';
			if (strchr(n, '.') != NULL)
				add_name(n);
			q += k - 1;
		}
		p = e + 2;
	}
}

static void
set_hostile(HDF *hdf)
{
	int i, j;
	char full[300];

	for (i = 0; i < nnames; i++) {
		const char *n = names[i];
		if (strncmp(n, "Page.Template", 13) == 0 || strncmp(n, "Config.", 7) == 0)
			continue;
		for (j = 0; j < naliases; j++) {
			size_t al = strlen(alias[j]);
			if (strncmp(n, alias[j], al) == 0 && n[al] == '.')
				break;
		}
		if (j < naliases) {
			for (int k = 0; k < 2; k++) {
				snprintf(full, sizeof(full), "%s.%d%s", alias_path[j], k, n + strlen(alias[j]));
				view_set(hdf, full, SENTINEL);
			}
		} else
			view_set(hdf, n, SENTINEL);
	}
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_steal(&b);
}

static int
list_templates(const char *dir, const char *rel, char out[][256], int max, int n)
{
	char path[1024];
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((d = opendir(path)) == NULL)
		return n;
	while ((e = readdir(d)) != NULL && n < max) {
		char r[256], full[1300];
		struct stat st;
		if (e->d_name[0] == '.' || strcmp(e->d_name, "static") == 0)
			continue;
		snprintf(r, sizeof(r), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(full, sizeof(full), "%s/%s", dir, r);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
			n = list_templates(dir, r, out, max, n);
		else if (strlen(r) > 3 && strcmp(r + strlen(r) - 3, ".cs") == 0)
			snprintf(out[n++], 256, "%s", r);
	}
	closedir(d);
	return n;
}

int
main(void)
{
	const char *src = getenv("TMS_SRCDIR");
	char dir[1024], files[200][256];
	int n, i;

	snprintf(dir, sizeof(dir), "%s/templates", src ? src : ".");
	n = list_templates(dir, "", files, 200, 0);
	ok(n >= 4, "found %d templates in %s", n, dir);
	for (i = 0; i < n; i++) {
		char path[1400], *text;
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if ((text = slurp(path)) == NULL)
			continue;
		scan(text);
		free(text);
	}
	for (i = 0; i < n; i++) {
		HDF *hdf;
		struct buf out, err;
		int rc;

		if (strcmp(files[i], "layout.cs") == 0)
			continue;
		buf_init(&out);
		buf_init(&err);
		view_hdf_new(&hdf, dir);
		set_hostile(hdf);
		view_set(hdf, "Page.Template", files[i]);
		rc = view_render(hdf, "layout.cs", &out, &err);
		ok(rc == 0, "%s renders (%s)", files[i], err.data ? err.data : "");
		ok(out.data && strstr(out.data, RAW_MARK) == NULL,
		    "%s: hostile value never appears raw", files[i]);
		ok(out.data && strstr(out.data, ESC_MARK) != NULL,
		    "%s: hostile value appears escaped (the test reached the fields)", files[i]);
		buf_free(&out);
		buf_free(&err);
		hdf_destroy(&hdf);
	}
	ok(nnames > 10, "collected %d field names", nnames);
	return done_testing();
}
