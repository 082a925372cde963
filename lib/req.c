/* req.c: strict parsers for request input. Everything is copied out of the raw
 * input into the list's arena, limits are enforced before allocation, and
 * text is checked to be valid UTF-8 without NUL bytes. Values are wiped when
 * the arena is freed; a parser that fails leaves what it took to the arena. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "crypto.h"
#include "req.h"

const struct req_limits req_default_limits = {
	.max_fields = 256,
	.max_key = 128,
	.max_value = 65536,
	.max_body = 1048576,
};

void
kv_free(struct kvlist *l)
{
	if (l->own != NULL) {
		arena_free(l->own);	/* wipes */
		free(l->own);
		l->own = l->arena = NULL;
	}
	l->v = NULL;
	l->n = l->cap = 0;
}

static struct arena *
kv_arena(struct kvlist *l)
{
	if (l->arena == NULL) {
		l->own = l->arena = xmalloc(sizeof(*l->own));
		arena_init(l->own);
	}
	return l->arena;
}

static struct kv *
kv_push(struct kvlist *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		l->v = arena_grow(kv_arena(l), l->v, l->n * sizeof(*l->v), cap * sizeof(*l->v));
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

const struct kv *
kv_find(const struct kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	const struct kv *kv = kv_find(l, key);

	return kv ? kv->val : NULL;
}

const char *
kv_str(const struct kvlist *l, const char *key)
{
	const char *v = kv_get(l, key);

	return v ? v : "";
}

/* Length of the longest valid prefix of strict UTF-8 (RFC 3629): no
 * overlongs, no surrogates, max U+10FFFF, no NUL. */
size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *b = (const unsigned char *)s, *p = b, *e = p + n;

	while (p < e) {
		unsigned c = *p;
		size_t k;
		unsigned cp, min;

		if (c == 0)
			return (size_t)(p - b);
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			k = 1; cp = c & 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2; cp = c & 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3; cp = c & 0x07; min = 0x10000;
		} else
			return (size_t)(p - b);
		if ((size_t)(e - p) <= k)
			return (size_t)(p - b);
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (size_t)(p - b);
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (size_t)(p - b);
		p += k + 1;
	}
	return n;
}

int
utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

/* Decode %XX and '+' in place of a copy; returns length or -1 on a bad escape. */
static long
url_decode(const char *s, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			unsigned char ch;
			if (i + 2 >= n || crypto_unhex(s + i + 1, &ch, 1) != 0)
				return -1;
			out[o++] = (char)ch;
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return (long)o;
}

static int
fail(char *err, size_t errlen, int status, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return status;
}

int
req_parse_urlencoded(const char *s, size_t n, const struct req_limits *lim,
    struct kvlist *out, char *err, size_t errlen)
{
	size_t pos = 0;

	if (n > lim->max_body)
		return fail(err, errlen, 413, "入力が大きすぎます");
	while (pos < n) {
		const char *amp = memchr(s + pos, '&', n - pos);
		size_t end = amp ? (size_t)(amp - s) : n;
		const char *eq = memchr(s + pos, '=', end - pos);
		size_t klen = eq ? (size_t)(eq - (s + pos)) : end - pos;
		size_t vlen = eq ? end - pos - klen - 1 : 0;
		char *k, *v;
		long kd, vd;
		struct kv *kv;

		if (end == pos) {	/* empty pair ("a=1&&b=2") */
			pos++;
			continue;
		}
		if (out->n >= lim->max_fields)
			return fail(err, errlen, 413, "入力項目が多すぎます");
		if (klen > lim->max_key * 3 || vlen > lim->max_value * 3)
			return fail(err, errlen, 413, "入力値が長すぎます");
		k = arena_alloc(kv_arena(out), klen + 1);
		v = arena_alloc(kv_arena(out), vlen + 1);
		kd = url_decode(s + pos, klen, k);
		vd = eq ? url_decode(eq + 1, vlen, v) : (v[0] = '\0', 0);
		if (kd < 0 || vd < 0)
			return fail(err, errlen, 400, "URLエンコードが不正です");
		if ((size_t)kd > lim->max_key || (size_t)vd > lim->max_value)
			return fail(err, errlen, 413, "入力値が長すぎます");
		if (kd == 0 || !utf8_valid(k, (size_t)kd) ||
		    !utf8_valid(v, (size_t)vd)) {
			return fail(err, errlen, 400,
			    "入力に不正な文字(UTF-8以外)が含まれています");
		}
		kv = kv_push(out);
		kv->key = k;
		kv->val = v;
		kv->len = (size_t)vd;
		pos = end + 1;
	}
	return 0;
}

/* RFC 6265 cookie-octets; names are tokens. The Cookie header is shared with
 * every other application on the same host, so a pair that is not ours to
 * judge never fails the request: a malformed pair (no '=', an empty or
 * invalid name, a value with a space or other forbidden octet) is skipped,
 * and other cookies beyond the first REQ_MAX_COOKIES are ignored. "__Host-"
 * cookies (ours; a browser sends them only to the host that set them) are
 * always kept, wherever they come in the header, whose size nginx bounds.
 * Never fails; err is kept for symmetry with the other parsers. */
int
req_parse_cookies(const char *s, struct kvlist *out, char *err, size_t errlen)
{
	size_t others = 0;

	(void)err;
	(void)errlen;
	while (s && *s) {
		const char *semi, *eq, *ks, *ke, *vs, *ve, *p;
		struct kv *kv;

		while (*s == ' ' || *s == '\t' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		semi = strchr(s, ';');
		if (semi == NULL)
			semi = s + strlen(s);
		ks = s;
		s = semi;
		eq = memchr(ks, '=', (size_t)(semi - ks));
		if (eq == NULL || eq == ks)
			continue;
		ke = eq;
		while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		vs = eq + 1;
		while (vs < semi && (*vs == ' ' || *vs == '\t'))
			vs++;
		ve = semi;
		while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		for (p = ks; p < ke; p++)
			if (*p <= 0x20 || *p >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", *p))
				break;
		if (ke == ks || p < ke)
			continue;
		for (p = vs; p < ve; p++)
			if (*p < 0x21 || *p >= 0x7f || *p == '"' || *p == ',' || *p == '\\')
				break;
		if (p < ve)
			continue;
		if (strncmp(ks, "__Host-", 7) != 0 && others++ >= REQ_MAX_COOKIES)
			continue;
		kv = kv_push(out);
		kv->key = arena_strndup(kv_arena(out), ks, (size_t)(ke - ks));
		kv->val = arena_strndup(kv_arena(out), vs, (size_t)(ve - vs));
		kv->len = (size_t)(ve - vs);
	}
	return 0;
}

static const char *
memmem_s(const char *h, size_t hn, const char *n, size_t nn)
{
	return memmem(h, hn, n, nn);
}

/* Extract param (e.g. name="x") from a header value; NULL if absent. */
static char *
header_param(struct arena *a, const char *v, size_t vlen, const char *param)
{
	size_t plen = strlen(param), i = 0;

	while (i < vlen) {
		while (i < vlen && (v[i] == ' ' || v[i] == ';' || v[i] == '\t'))
			i++;
		if (vlen - i > plen && strncasecmp(v + i, param, plen) == 0 &&
		    v[i + plen] == '=') {
			size_t s = i + plen + 1, e;
			if (s < vlen && v[s] == '"') {
				s++;
				for (e = s; e < vlen && v[e] != '"'; e++)
					;
				if (e >= vlen)
					return NULL;
			} else
				for (e = s; e < vlen && v[e] != ';' && v[e] != ' '; e++)
					;
			return arena_strndup(a, v + s, e - s);
		}
		while (i < vlen && v[i] != ';')
			i++;
	}
	return NULL;
}

int
req_parse_multipart(const char *body, size_t n, const char *ctype,
    const struct req_limits *lim, struct kvlist *out, char *err, size_t errlen)
{
	struct arena *a = kv_arena(out);
	char *boundary, delim[128];
	size_t dlen, pos;
	const char *p;

	if (n > lim->max_body)
		return fail(err, errlen, 413, "入力が大きすぎます");
	boundary = header_param(a, ctype, strlen(ctype), "boundary");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 70)
		return fail(err, errlen, 400, "multipartの境界文字列が不正です");
	dlen = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	if (n < dlen || memcmp(body, delim, dlen) != 0)
		return fail(err, errlen, 400, "multipartの形式が不正です");
	pos = dlen;
	for (;;) {
		const char *hs, *he, *cs, *ce, *line;
		char *name = NULL, *fname = NULL, *pct = NULL;
		struct kv *kv;

		if (n - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			return 0;	/* closing delimiter */
		if (n - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return fail(err, errlen, 400, "multipartの形式が不正です");
		hs = body + pos + 2;
		he = memmem_s(hs, n - (size_t)(hs - body), "\r\n\r\n", 4);
		if (he == NULL)
			return fail(err, errlen, 400, "multipartのヘッダが不正です");
		for (line = hs; line < he;) {
			const char *le = memmem_s(line, (size_t)(he - line) + 2, "\r\n", 2);
			size_t ll;
			if (le == NULL)
				le = he;
			ll = (size_t)(le - line);
			if (ll > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				/* a repeated header replaces the first */
				name = header_param(a, line + 20, ll - 20, "name");
				fname = header_param(a, line + 20, ll - 20, "filename");
			} else if (ll > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
				size_t s = 13;
				while (s < ll && line[s] == ' ')
					s++;
				pct = arena_strndup(a, line + s, ll - s);
			}
			line = le + 2;
		}
		cs = he + 4;
		p = memmem_s(cs, n - (size_t)(cs - body), "\r\n", 2);
		ce = NULL;
		while (p) {
			if ((size_t)(body + n - p) >= 2 + dlen &&
			    memcmp(p + 2, delim, dlen) == 0) {
				ce = p;
				break;
			}
			p = memmem_s(p + 2, n - (size_t)(p + 2 - body), "\r\n", 2);
		}
		if (name == NULL || *name == '\0' || ce == NULL ||
		    strlen(name) > lim->max_key || !utf8_valid(name, strlen(name)) ||
		    (fname && !utf8_valid(fname, strlen(fname))))
			return fail(err, errlen, 400, "multipartの項目が不正です");
		if (out->n >= lim->max_fields ||
		    (fname == NULL && (size_t)(ce - cs) > lim->max_value))
			return fail(err, errlen, 413, "入力値が長すぎます");
		if (fname == NULL && !utf8_valid(cs, (size_t)(ce - cs)))
			return fail(err, errlen, 400,
			    "入力に不正な文字(UTF-8以外)が含まれています");
		kv = kv_push(out);
		kv->key = name;
		kv->filename = fname;
		kv->ctype = pct;
		kv->val = arena_strndup(a, cs, (size_t)(ce - cs));
		kv->len = (size_t)(ce - cs);
		pos = (size_t)(ce - body) + 2 + dlen;
	}
}
