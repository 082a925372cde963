/* jdate.c: 和暦 conversion. Era start dates are those in law; the first year
 * of an era is written 元年. */
#include <stdio.h>
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
jdate_fiscal_year(int y, int m)
{
	return m >= 4 ? y : y - 1;
}
