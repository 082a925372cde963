/* test_jdate.c: 和暦 era boundaries and fiscal years. */
#include <stdio.h>
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
	{
		static const struct { const char *in; const char *want; } good[] = {
			{ "2024-04-01", "2024-04-01" }, { "2024/4/1", "2024-04-01" },
			{ "20240401", "2024-04-01" }, { "令和6年4月1日", "2024-04-01" },
			{ "令和元年5月1日", "2019-05-01" }, { "R6.4.1", "2024-04-01" },
			{ "H31.4.30", "2019-04-30" }, { "S60.4.1", "1985-04-01" },
			{ "r6/4/1", "2024-04-01" }, { "２０２４－０４－０１", "2024-04-01" },
			{ "令和６年４月１日", "2024-04-01" }, { "2024年4月1日", "2024-04-01" },
			{ "平成元年1月8日", "1989-01-08" }, { "2024-02-29", "2024-02-29" },
		};
		static const char *bad[] = {
			"H31.5.1", "令和元年4月30日", "S64.1.8", "2023-02-29", "2024-13-01",
			"2024-04-31", "R0.4.1", "yesterday", "", "2024-4", "R6.4.1x", "平成1月",
		};
		size_t i;
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			int y, m, d;
			const char *why;
			char got[16] = "";
			if (jdate_parse(good[i].in, &y, &m, &d, &why) == 0)
				snprintf(got, sizeof(got), "%04d-%02d-%02d", y, m, d);
			ok(strcmp(got, good[i].want) == 0, "parse %s = %s (got %s)", good[i].in, good[i].want, got);
		}
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			int y, m, d;
			const char *why = NULL;
			int rc = jdate_parse(bad[i], &y, &m, &d, &why);
			ok(rc != 0 && why != NULL, "refuse '%s': %s", bad[i], why ? why : "");
		}
	}
	return done_testing();
}
