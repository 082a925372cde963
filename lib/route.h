/* route.h: path pattern matching for static route tables. */
#ifndef TMS_ROUTE_H
#define TMS_ROUTE_H
#include <stddef.h>

#define ROUTE_MAXCAP	4
#define ROUTE_CAPLEN	128

/*
 * What a capture may hold, by its name: a table ends with a NULL name.
 * A value matches when its length is within [min, max], every byte is in
 * chars (NULL: any byte but '/'), and known (if set) says yes.
 */
struct route_type {
	const char	*name;
	const char	*chars;
	size_t		 min, max;
	int		(*known)(const char *);
};

/*
 * Patterns are literal segments and captures. A capture is ":name", taking
 * the rest of a segment, or the segment up to a literal suffix written after
 * it (":chart.csv" captures "age" from "age.csv"). The name says what the
 * value may hold: a type of the table, or a list written in the pattern,
 * ":kind(quals|training|evals)". Returns the number of captures (>= 0) on a
 * match, -1 otherwise: a capture that does not hold what it says is no
 * match, and a capture that says nothing (neither) matches nothing.
 */
int	route_match(const char *, const char *, const struct route_type *,
	    char [][ROUTE_CAPLEN], int);
/* 0 if every capture of the pattern is typed and they fit ROUTE_MAXCAP,
 * else -1 with the reason in why. */
int	route_check(const char *, const struct route_type *, char *, size_t);

#endif
