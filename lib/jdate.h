/* jdate.h: Japanese calendar helpers (和暦 eras, fiscal years). */
#ifndef TMS_JDATE_H
#define TMS_JDATE_H
#include <stddef.h>

/* "令和6年" / "令和元年" for a Gregorian date; -1 before 明治. */
int	jdate_wareki_year(int, int, int, char *, size_t);
/* "2024-04-01（令和6年）" */
int	jdate_format(int, int, int, char *, size_t);
/* Fiscal year (年度) that a date falls in: April to March. */
int	jdate_fiscal_year(int, int);

#endif
