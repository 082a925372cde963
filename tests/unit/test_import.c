/* test_import.c: the import field tables and mapping files (cgi/import.c):
 * the shipped etc/import-mapping.yaml maps every header of our own export,
 * vendor mappings load, and wrong mappings are refused with file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "import.h"
#include "tap.h"

static int
write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return -1;
	fputs(s, fp);
	return fclose(fp);
}

/* Does the mapping send header h of kind k to field f? */
static int
maps(const struct import_mapping *m, const char *k, const char *h, const char *f)
{
	const struct import_kind *kind = import_kind_find(k);
	size_t i;

	for (i = 0; kind && i < m->n; i++)
		if (m->v[i].kind == kind - import_kinds && strcmp(m->v[i].header, h) == 0)
			return m->v[i].field >= 0 && strcmp(kind->f[m->v[i].field].name, f) == 0;
	return 0;
}

int
main(void)
{
	const char *src = getenv("TMS_SRCDIR");
	char path[1024], err[512] = "", tmp[] = "/tmp/test_import_XXXXXX";
	struct import_mapping m;
	size_t i, j;
	int all = 1, fd;

	ok(import_nkinds == 9, "nine kinds");
	ok(import_kind_find("evaluations") != NULL && import_kind_find("nosuch") == NULL, "kinds by name");
	snprintf(path, sizeof(path), "%s/etc/import-mapping.yaml", src ? src : ".");
	ok(import_mapping_load(path, &m, err, sizeof(err)) == 0, "shipped mapping loads: %s", err);
	for (i = 0; i < import_nkinds; i++)
		for (j = 0; j < import_kinds[i].nf; j++)
			if (!maps(&m, import_kinds[i].name, import_kinds[i].f[j].header, import_kinds[i].f[j].name)) {
				printf("# %s: header %s not mapped to %s\n", import_kinds[i].name,
				    import_kinds[i].f[j].header, import_kinds[i].f[j].name);
				all = 0;
			}
	ok(all, "shipped mapping maps every header of our export to its field");
	ok(maps(&m, "staff", "社員番号", "staff_no"), "an alias header (社員番号)");
	import_mapping_free(&m);

	if ((fd = mkstemp(tmp)) >= 0)
		close(fd);
	write_file(tmp, "evaluations:\n  社員CD: staff_no\n  メモ: \"-\"\n");
	ok(import_mapping_load(tmp, &m, err, sizeof(err)) == 0 && m.n == 2 && m.v[1].field == -1,
	    "a vendor mapping with an ignored column");
	import_mapping_free(&m);
	write_file(tmp, "evaluations:\n  社員CD: staff_no\n  評価: nosuch\n");
	ok(import_mapping_load(tmp, &m, err, sizeof(err)) != 0 && strstr(err, ":3:") && strstr(err, "nosuch"),
	    "unknown field refused with its line: %s", err);
	write_file(tmp, "payroll:\n  a: staff_no\n");
	ok(import_mapping_load(tmp, &m, err, sizeof(err)) != 0 && strstr(err, "payroll"),
	    "unknown kind refused: %s", err);
	write_file(tmp, "staff:\n  - a\n");
	ok(import_mapping_load(tmp, &m, err, sizeof(err)) != 0, "a list refused: %s", err);
	unlink(tmp);
	return done_testing();
}
