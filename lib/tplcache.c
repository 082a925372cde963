/* tplcache.c: template texts in memory. A worker preloads the whole template
 * directory before it is confined (cgi/sandbox.c), so that rendering never
 * opens a file; tmsctl and the unit tests load templates on first use. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "buf.h"
#include "tplcache.h"

struct tpl {
	char		*name;		/* relative to the template directory */
	char		*text;
	struct tpl	*next;
};

static struct tpl *cache;
static int sealed;	/* preloaded: never read a file again */

static struct tpl *
find(const char *name)
{
	struct tpl *t;

	for (t = cache; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* Read dir/name into the cache; NULL with errno on failure. */
static struct tpl *
load(const char *dir, const char *name)
{
	char path[2048], chunk[4096];
	struct buf b;
	struct tpl *t;
	FILE *fp;
	size_t n;
	int bad;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "re")) == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	bad = ferror(fp);
	fclose(fp);
	if (bad) {
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	buf_putc(&b, '\0');	/* an empty file is an empty text */
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->text = buf_steal(&b);
	t->next = cache;
	cache = t;
	return t;
}

/* Every *.cs file below dir/rel (rel "" for dir itself). */
static int
walk(const char *dir, const char *rel, char *err, size_t errlen)
{
	char path[2048], name[1024];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s%s%s", dir, *rel ? "/" : "", rel);
	if ((d = opendir(path)) == NULL) {
		snprintf(err, errlen, "templates: %s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (stat(path, &st) != 0) {
			snprintf(err, errlen, "templates: %s: %s", path, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode))
			rc = walk(dir, name, err, errlen);
		else if (S_ISREG(st.st_mode) && len > 3 && strcmp(de->d_name + len - 3, ".cs") == 0 &&
		    find(name) == NULL && load(dir, name) == NULL) {
			snprintf(err, errlen, "templates: %s: %s", path, strerror(errno));
			rc = -1;
		}
	}
	closedir(d);
	return rc;
}

int
tplcache_preload(const char *dir, char *err, size_t errlen)
{
	if (walk(dir, "", err, errlen) != 0)
		return -1;
	sealed = 1;
	return 0;
}

const char *
tplcache_get(const char *dir, const char *name)
{
	struct tpl *t = find(name);

	if (t == NULL && sealed) {
		errno = ENOENT;
		return NULL;
	}
	if (t == NULL && (t = load(dir, name)) == NULL)
		return NULL;
	return t->text;
}
