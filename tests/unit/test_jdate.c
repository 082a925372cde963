/* test_jdate.c: 和暦 era boundaries and fiscal years. */
#include <string.h>
#include "jdate.h"
#include "tap.h"

static int
era(int y, int m, int d, const char *want)
{
	char b[64];

	return jdate_wareki_year(y, m, d, b, sizeof(b)) == 0 && strcmp(b, want) == 0;
}

int
main(void)
{
	char b[64];

	ok(era(2019, 4, 30, "平成31年"), "2019-04-30 is 平成31年");
	ok(era(2019, 5, 1, "令和元年"), "2019-05-01 is 令和元年");
	ok(era(2024, 4, 1, "令和6年"), "2024-04-01 is 令和6年");
	ok(era(1989, 1, 7, "昭和64年"), "1989-01-07 is 昭和64年");
	ok(era(1989, 1, 8, "平成元年"), "1989-01-08 is 平成元年");
	ok(era(1926, 12, 25, "昭和元年"), "1926-12-25 is 昭和元年");
	ok(era(1926, 12, 24, "大正15年"), "1926-12-24 is 大正15年");
	ok(jdate_wareki_year(1800, 1, 1, b, sizeof(b)) != 0, "before 明治 has no era");
	jdate_format(2024, 4, 1, b, sizeof(b));
	ok(strcmp(b, "2024-04-01（令和6年）") == 0, "formatted with era: %s", b);
	ok(jdate_fiscal_year(2025, 3) == 2024 && jdate_fiscal_year(2025, 4) == 2025,
	    "fiscal year starts in April");
	return done_testing();
}
