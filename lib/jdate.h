/* jdate.h: Japanese calendar helpers (和暦 eras, fiscal years). */
#ifndef TMS_JDATE_H
#define TMS_JDATE_H
#include <stddef.h>

/* "令和6年" / "令和元年" for a Gregorian date; -1 before 明治. */
int	jdate_wareki_year(int, int, int, char *, size_t);
/* "2024-04-01（令和6年）" */
int	jdate_format(int, int, int, char *, size_t);
/* Parse 2024-04-01, 2024/4/1, 20240401, 令和6年4月1日, 令和元年5月1日, R6.4.1,
 * H31.4.30, S60.4.1 (full-width digits too). Checks the calendar and the era
 * boundaries (H31.5.1 is not a date). 0 on success, else -1 with a reason. */
int	jdate_parse(const char *, int *, int *, int *, const char **);
int	jdate_valid(int, int, int);
/* Fiscal year (年度) that a date falls in: April to March. */
int	jdate_fiscal_year(int, int);

#endif
