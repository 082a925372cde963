/* route.h: path pattern matching for static route tables. */
#ifndef TMS_ROUTE_H
#define TMS_ROUTE_H
#include <stddef.h>

#define ROUTE_MAXCAP	4
#define ROUTE_CAPLEN	128

/* Patterns are literal segments or ":name" (one non-empty segment).
 * Returns the number of captures (>= 0) on a match, -1 otherwise. */
int	route_match(const char *, const char *, char [][ROUTE_CAPLEN], int);

#endif
