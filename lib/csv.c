/* csv.c: a small state machine, fuzzed (tests/fuzz/fuzz_csv.c). Fields are
 * copied into one growing buffer per row; no field or row size is assumed. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "req.h"

void
csv_init(struct csv *c, const char *s, size_t n)
{
	c->p = s;
	c->end = s + n;
	c->line = 1;
	c->record_line = 1;
}

void
csv_row_free(struct csv_row *r)
{
	free(r->f);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

static void
putb(struct csv_row *r, size_t *len, char ch)
{
	if (*len + 1 >= r->bufcap) {
		r->bufcap = r->bufcap ? r->bufcap * 2 : 256;
		r->buf = xrealloc(r->buf, r->bufcap);
	}
	r->buf[(*len)++] = ch;
}

int
csv_next(struct csv *c, struct csv_row *r, char *err, size_t errlen)
{
	size_t len = 0, starts[4096], nf = 0, i;
	int quoted;

	/* skip blank lines (trailing ones included) */
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return 0;
	c->record_line = c->line;
	for (;;) {
		if (nf >= sizeof(starts) / sizeof(starts[0])) {
			snprintf(err, errlen, "%ld行目: 列が多すぎます（4096列まで）", c->record_line);
			return -1;
		}
		starts[nf++] = len;
		quoted = c->p < c->end && *c->p == '"';
		if (quoted) {
			long qline = c->line;
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					snprintf(err, errlen, "%ld行目: 引用符（\"）が閉じられていません", qline);
					return -1;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						putb(r, &len, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				putb(r, &len, *c->p++);
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				snprintf(err, errlen, "%ld行目: 引用符で囲まれた項目の後に余分な文字があります", c->line);
				return -1;
			}
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				if (*c->p == '"') {
					snprintf(err, errlen, "%ld行目: 引用符で囲まれていない項目に引用符（\"）があります", c->line);
					return -1;
				}
				putb(r, &len, *c->p++);
			}
		}
		putb(r, &len, '\0');
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		break;	/* end of record */
	}
	if (c->p < c->end && *c->p == '\r')
		c->p++;
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		c->line++;
	}
	if (nf > r->cap) {
		r->cap = nf;
		r->f = xrealloc(r->f, r->cap * sizeof(*r->f));
	}
	for (i = 0; i < nf; i++)
		r->f[i] = r->buf + starts[i];
	r->n = nf;
	return 1;
}

/* Line (1-based) of byte offset off in s. */
static long
line_of(const char *s, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

int
csv_decode(const char *in, size_t n, const char *enc, char **out, size_t *outlen,
    const char **used, char *err, size_t errlen)
{
	iconv_t cd;
	char *ip, *op;
	size_t il, ol, cap;

	*out = NULL;
	if (n >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {	/* UTF-8 BOM */
		in += 3;
		n -= 3;
		if (strcmp(enc, "cp932") == 0) {
			snprintf(err, errlen, "UTF-8のBOMがありますが、文字コードにCP932が指定されています");
			return -1;
		}
		enc = "utf-8";
	}
	if (strcmp(enc, "auto") == 0)
		enc = utf8_valid(in, n) ? "utf-8" : "cp932";
	if (strcmp(enc, "utf-8") == 0) {
		size_t off = utf8_valid_prefix(in, n);
		if (off != n) {
			snprintf(err, errlen, "%ld行目（%zuバイト目付近）: UTF-8として読めないバイト列があります",
			    line_of(in, off), off + 1);
			return -1;
		}
		*out = xmalloc(n + 1);
		memcpy(*out, in, n);
		(*out)[n] = '\0';
		*outlen = n;
		*used = "UTF-8";
		return 0;
	}
	if (strcmp(enc, "cp932") != 0) {
		snprintf(err, errlen, "文字コード %s には対応していません（auto, utf-8, cp932）", enc);
		return -1;
	}
	if ((cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1) {
		snprintf(err, errlen, "CP932の変換表がありません");
		return -1;
	}
	cap = n * 3 + 1;
	*out = xmalloc(cap);
	ip = (char *)in;
	il = n;
	op = *out;
	ol = cap - 1;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		size_t off = (size_t)(ip - in);
		snprintf(err, errlen, "%ld行目（%zuバイト目）: CP932（Shift_JIS）として読めないバイト列があります",
		    line_of(in, off), off + 1);
		iconv_close(cd);
		free(*out);
		*out = NULL;
		return -1;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - *out);
	*used = "CP932";
	if (!utf8_valid(*out, *outlen)) {	/* e.g. a NUL byte in the input */
		snprintf(err, errlen, "ファイルに使えない文字（NULなど）が含まれています");
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- writing */

/* Bytes of the formula character s begins with (0: none). */
static size_t
formula_lead(const char *s)
{
	static const char *const wide[] = { "\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d",
	    "\xef\xbc\xa0" };	/* ＝ ＋ － ＠ */
	size_t i;

	if (*s != '\0' && strchr("=+-@\t\r", *s) != NULL)
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 3;
	return 0;
}

/* -?DIGITS or -?DIGITS.DIGITS: a number, not a formula. */
static int
is_number(const char *s)
{
	size_t n;

	if (*s == '-')
		s++;
	if ((n = strspn(s, "0123456789")) == 0)
		return 0;
	s += n;
	if (*s == '.') {
		if ((n = strspn(++s, "0123456789")) == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

void
csv_w_init(struct csv_w *w, struct buf *b, unsigned flags)
{
	w->b = b;
	w->flags = flags;
	w->nf = 0;
}

void
csv_put(struct csv_w *w, const char *s)
{
	struct buf *b = w->b;
	size_t n = strlen(s);
	int apos = *s == '\'' || (formula_lead(s) && !is_number(s));
	int quote = (w->flags & CSV_QUOTE_ALL) || (n > 0 && (s[strcspn(s, ",\"\r\n")] != '\0' ||
	    s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));

	if (w->nf++)
		buf_putc(b, ',');
	if (quote)
		buf_putc(b, '"');
	if (apos)
		buf_putc(b, '\'');
	while (*s) {
		n = strcspn(s, "\"");
		buf_add(b, s, n);
		s += n;
		if (*s == '"') {	/* only in a quoted field */
			buf_puts(b, "\"\"");
			s++;
		}
	}
	if (quote)
		buf_putc(b, '"');
}

void
csv_end(struct csv_w *w)
{
	buf_puts(w->b, "\r\n");
	w->nf = 0;
}

const char *
csv_undefuse(const char *s)
{
	return s[0] == '\'' && (s[1] == '\'' || formula_lead(s + 1)) ? s + 1 : s;
}
