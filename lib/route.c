/* route.c: segment-wise matcher. No regexes, no prefix matches: a path either
 * matches a pattern exactly (modulo captures, each checked against what its
 * name says it holds) or not at all. */
#include <stdio.h>
#include <string.h>
#include "route.h"

#define NAMECHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

/* One capture of a pattern, from its ':' on. */
struct cap {
	const char		*name;		/* nlen bytes */
	size_t			 nlen;
	const char		*list;		/* ":name(a|b)": llen bytes, else NULL */
	size_t			 llen;
	const char		*suffix;	/* literal rest of the segment: slen bytes */
	size_t			 slen;
	const struct route_type	*type;
};

static const struct route_type *
type_find(const struct route_type *t, const char *name, size_t n)
{
	for (; t && t->name; t++)
		if (strlen(t->name) == n && memcmp(t->name, name, n) == 0)
			return t;
	return NULL;
}

/* Parse the capture at pat (on its ':'); -1 if malformed or untyped. */
static int
cap_parse(const char *pat, const struct route_type *types, struct cap *k)
{
	memset(k, 0, sizeof(*k));
	k->name = pat + 1;
	k->nlen = strspn(k->name, NAMECHARS);
	k->suffix = k->name + k->nlen;
	if (*k->suffix == '(') {
		k->list = k->suffix + 1;
		k->llen = strcspn(k->list, ")/");
		if (k->list[k->llen] != ')' || k->llen == 0)
			return -1;
		k->suffix = k->list + k->llen + 1;
	}
	k->slen = strcspn(k->suffix, "/");
	if (memchr(k->suffix, ':', k->slen) || memchr(k->suffix, '(', k->slen))
		return -1;	/* one capture per segment */
	k->type = type_find(types, k->name, k->nlen);
	return k->nlen > 0 && (k->list != NULL || k->type != NULL) ? 0 : -1;
}

/* v is one of the '|'-separated words of list (length n). */
static int
in_list(const char *v, const char *list, size_t n)
{
	size_t vl = strlen(v);
	const char *end = list + n, *w, *bar;

	for (w = list; w <= end; w = bar + 1) {
		bar = memchr(w, '|', (size_t)(end - w));
		if (bar == NULL)
			bar = end;
		if ((size_t)(bar - w) == vl && memcmp(w, v, vl) == 0)
			return 1;
	}
	return 0;
}

static int
type_ok(const struct route_type *t, const char *v)
{
	size_t n = strlen(v);

	return n >= t->min && n <= t->max &&
	    (t->chars == NULL || strspn(v, t->chars) == n) &&
	    (t->known == NULL || t->known(v));
}

int
route_match(const char *pat, const char *path, const struct route_type *types,
    char caps[][ROUTE_CAPLEN], int maxcaps)
{
	int n = 0;

	while (*pat && *path) {
		if (*pat == ':') {
			size_t seg = strcspn(path, "/"), len;
			struct cap k;

			if (cap_parse(pat, types, &k) != 0 || seg <= k.slen || n >= maxcaps ||
			    memcmp(path + seg - k.slen, k.suffix, k.slen) != 0)
				return -1;
			len = seg - k.slen;
			if (len >= ROUTE_CAPLEN)
				return -1;
			memcpy(caps[n], path, len);
			caps[n][len] = '\0';
			if ((k.list != NULL && !in_list(caps[n], k.list, k.llen)) ||
			    (k.type != NULL && !type_ok(k.type, caps[n])))
				return -1;
			n++;
			path += seg;
			pat = k.suffix + k.slen;
			continue;
		}
		if (*pat != *path)
			return -1;
		pat++;
		path++;
	}
	return (*pat == '\0' && *path == '\0') ? n : -1;
}

int
route_check(const char *pat, const struct route_type *types, char *why, size_t whylen)
{
	int n = 0;
	struct cap k;

	for (; (pat = strchr(pat, ':')) != NULL; pat++, n++) {
		if (cap_parse(pat, types, &k) != 0) {
			snprintf(why, whylen, "capture \"%.*s\" has no type (a name of the "
			    "types table, or a list \":name(a|b)\")", (int)strcspn(pat, "/"), pat);
			return -1;
		}
		if (n >= ROUTE_MAXCAP) {
			snprintf(why, whylen, "more than %d captures", ROUTE_MAXCAP);
			return -1;
		}
	}
	return 0;
}
