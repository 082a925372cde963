/* test_stmts.c: the areas' statement tables (cgi/<area>_sql.c) join into
 * one complete table (stmts_table() exits on a statement defined twice or
 * never), and every statement's SQL uses exactly its declared parameters:
 * the highest $N is nparams and none of $1..$N is missing (PostgreSQL
 * refuses to prepare a statement with an unused untyped parameter). A
 * statement moved between files with a line lost fails here, not at the
 * first connect. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "stmts.h"
#include "tap.h"

/* The highest $N in sql, and in seen[1..63] which ones occur. */
static int
params(const char *sql, unsigned char seen[64])
{
	const char *p;
	int max = 0;

	memset(seen, 0, 64);
	for (p = sql; (p = strchr(p, '$')) != NULL; p++) {
		char *end;
		long n;
		if (!isdigit((unsigned char)p[1]))
			continue;
		n = strtol(p + 1, &end, 10);
		if (n > max)
			max = (int)n;
		if (n < 64)
			seen[n] = 1;
	}
	return max;
}

int
main(void)
{
	const struct db_stmt *t = stmts_table();
	unsigned char seen[64];
	int i, k, bad_sql = 0, bad_max = 0, bad_gap = 0, bad_flags = 0;

	for (i = 0; i < STMT__MAX; i++) {
		int max;
		if (t[i].sql == NULL || t[i].sql[0] == '\0') {
			ok(0, "statement %d has SQL", i);
			bad_sql++;
			continue;
		}
		max = params(t[i].sql, seen);
		if (max != t[i].nparams) {
			ok(0, "statement %d: highest parameter $%d, nparams %d: %.80s", i, max,
			    t[i].nparams, t[i].sql);
			bad_max++;
			continue;
		}
		for (k = 1; k <= max && k < 64; k++)
			if (!seen[k]) {
				ok(0, "statement %d: $%d of %d is never used: %.80s", i, k, max, t[i].sql);
				bad_gap++;
				break;
			}
		if ((t[i].idempotent & ~1) || (t[i].custom & ~1)) {
			ok(0, "statement %d: idempotent %d, custom %d (0 or 1)", i, t[i].idempotent,
			    t[i].custom);
			bad_flags++;
		}
	}
	ok(bad_sql == 0, "every one of the %d statements has SQL", STMT__MAX);
	ok(bad_max == 0, "every statement's highest $N is its nparams");
	ok(bad_gap == 0, "every statement uses each of its parameters");
	ok(bad_flags == 0, "idempotent and custom are 0 or 1");
	ok(stmts_table() == t, "the table is joined once");
	return done_testing();
}
