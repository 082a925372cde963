/* jdate.c: 和暦 conversion. Era start dates are those in law; the first year
 * of an era is written 元年. */
#include <stdio.h>
#include <string.h>
#include "jdate.h"

static const struct era {
	const char	*name;
	int		 y, m, d;
} eras[] = {
	{ "令和", 2019, 5, 1 },
	{ "平成", 1989, 1, 8 },
	{ "昭和", 1926, 12, 25 },
	{ "大正", 1912, 7, 30 },
	{ "明治", 1868, 1, 25 },
};

int
jdate_wareki_year(int y, int m, int d, char *out, size_t len)
{
	size_t i;
	long key = (long)y * 10000 + m * 100 + d;

	for (i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		const struct era *e = &eras[i];
		if (key >= (long)e->y * 10000 + e->m * 100 + e->d) {
			int n = y - e->y + 1;
			if (n == 1)
				snprintf(out, len, "%s元年", e->name);
			else
				snprintf(out, len, "%s%d年", e->name, n);
			return 0;
		}
	}
	return -1;
}

int
jdate_format(int y, int m, int d, char *out, size_t len)
{
	char w[32];

	if (jdate_wareki_year(y, m, d, w, sizeof(w)) != 0)
		return snprintf(out, len, "%04d-%02d-%02d", y, m, d) < 0 ? -1 : 0;
	return snprintf(out, len, "%04d-%02d-%02d（%s）", y, m, d, w) < 0 ? -1 : 0;
}

int
jdate_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Copy s to out with full-width digits and separators folded to ASCII. */
static void
fold_digits(const char *s, char *out, size_t len)
{
	size_t o = 0;

	while (*s && o + 1 < len) {
		const unsigned char *u = (const unsigned char *)s;
		/* U+FF10..U+FF19 is EF BC 90..99 */
		if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
			out[o++] = (char)('0' + (u[2] - 0x90));
			s += 3;
		} else if (u[0] == 0xef && u[1] == 0xbc && (u[2] == 0x8e || u[2] == 0x8f || u[2] == 0x8d)) {
			out[o++] = u[2] == 0x8e ? '.' : (u[2] == 0x8f ? '/' : '-');
			s += 3;
		} else if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {	/* ideographic space */
			s += 3;
		} else if (*s == ' ')
			s++;
		else
			out[o++] = *s++;
	}
	out[o] = '\0';
}

static const struct eralit {
	const char	*name;
	char		 letter;
	int		 era;	/* index into eras[] */
} eralits[] = {
	{ "令和", 'R', 0 }, { "平成", 'H', 1 }, { "昭和", 'S', 2 }, { "大正", 'T', 3 }, { "明治", 'M', 4 },
};

/* Read 1..max ASCII digits (no sign) at *pp; -1 if there are none or more. */
static int
num(const char **pp, int max)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (*p >= '0' && *p <= '9') {
		if (++n > max)
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	if (n == 0)
		return -1;
	*pp = p;
	return v;
}

static int
lit(const char **pp, const char *s)
{
	size_t l = strlen(s);

	if (strncmp(*pp, s, l) != 0)
		return 0;
	*pp += l;
	return 1;
}

/* "Y年M月D日" or "Y<sep>M<sep>D" after the year; fills m, d; 0 if complete. */
static int
month_day(const char *p, int *m, int *d, int kanji_ok)
{
	char sep;

	if (kanji_ok && lit(&p, "年")) {
		if ((*m = num(&p, 2)) < 0 || !lit(&p, "月") || (*d = num(&p, 2)) < 0 || !lit(&p, "日"))
			return -1;
		return *p == '\0' ? 0 : -1;
	}
	sep = *p;
	if (sep != '.' && sep != '/' && sep != '-')
		return -1;
	p++;
	if ((*m = num(&p, 2)) < 0 || *p++ != sep || (*d = num(&p, 2)) < 0)
		return -1;
	return *p == '\0' ? 0 : -1;
}

int
jdate_parse(const char *in, int *py, int *pm, int *pd, const char **why)
{
	char s[64];
	const char *p;
	int y = 0, m = 0, d = 0, era = -1;
	size_t i;

	*why = "日付の形式が正しくありません（例: 2024-04-01、令和6年4月1日、R6.4.1）";
	if (in == NULL || strlen(in) >= sizeof(s) - 8)
		return -1;
	fold_digits(in, s, sizeof(s));
	p = s;
	for (i = 0; i < sizeof(eralits) / sizeof(eralits[0]); i++) {
		if (lit(&p, eralits[i].name)) {
			era = eralits[i].era;
			break;
		}
		if ((*p == eralits[i].letter || *p == eralits[i].letter + 32) &&
		    (p[1] >= '0' && p[1] <= '9')) {
			era = eralits[i].era;
			p += 1;
			break;
		}
	}
	if (era >= 0) {
		if (lit(&p, "元"))
			y = 1;
		else if ((y = num(&p, 2)) < 1)
			return -1;
		if (month_day(p, &m, &d, 1) != 0)
			return -1;
		y += eras[era].y - 1;
	} else if (strlen(p) == 8 && strspn(p, "0123456789") == 8) {
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
	} else {
		const char *q = p;
		if ((y = num(&q, 4)) < 0 || q - p != 4 || month_day(q, &m, &d, 1) != 0)
			return -1;
	}
	if (!jdate_valid(y, m, d)) {
		*why = "存在しない日付です";
		return -1;
	}
	if (era >= 0) {
		long key = (long)y * 10000 + m * 100 + d;
		long start = (long)eras[era].y * 10000 + eras[era].m * 100 + eras[era].d;
		long end = era > 0 ? (long)eras[era - 1].y * 10000 + eras[era - 1].m * 100 + eras[era - 1].d : 99999999;
		if (key < start || key >= end) {
			*why = "元号の期間外の日付です（例: 平成31年5月1日は令和元年5月1日）";
			return -1;
		}
	}
	*py = y;
	*pm = m;
	*pd = d;
	*why = NULL;
	return 0;
}

int
jdate_fiscal_year(int y, int m)
{
	return m >= 4 ? y : y - 1;
}
