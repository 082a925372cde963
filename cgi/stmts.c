/* stmts.c: the SQL of the application is enum-indexed (kcgi style): each
 * area defines its statements next to its handlers (cgi/<area>_sql.c, listed in
 * STMT_AREAS) and stmts_table() joins them at start. Every statement is
 * prepared at connect time; parameters only, no string building anywhere.
 * Fields after the SQL: the number of parameters; 1 if it is safe to re-send
 * after a dropped connection (reads, and the idempotent session touch); 1 for
 * catch-all searches, which are planned for each call's parameters instead
 * of once (lib/db.c). */
#include <stdio.h>
#include <stdlib.h>
#include "stmts.h"

const struct db_stmt *
stmts_table(void)
{
	static struct db_stmt all[STMT__MAX];
	static int joined;
#define X(t) t,
	static const struct db_stmt *const areas[] = { STMT_AREAS };
#undef X
	size_t a, i;
	int bad = 0;

	if (joined)
		return all;
	for (a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
		for (i = 0; i < STMT__MAX; i++) {
			if (areas[a][i].sql == NULL)
				continue;
			if (all[i].sql != NULL) {
				fprintf(stderr, "stmts: statement %zu defined twice\n", i);
				bad = 1;
			}
			all[i] = areas[a][i];
		}
	for (i = 0; i < STMT__MAX; i++)
		if (all[i].sql == NULL) {
			fprintf(stderr, "stmts: statement %zu has no SQL\n", i);
			bad = 1;
		}
	if (bad)
		exit(70);
	joined = 1;
	return all;
}
