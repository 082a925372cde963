/* worker_sql.c: the SQL of the worker's own statements: the health check and
 * the data version results are cached under (cgi/worker.c, h_health.c,
 * lib/qcache.c), by enum stmt (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt worker_sql[STMT__MAX] = {
	[STMT_PING] = { "SELECT 1", 0, 1 },
	/* the data version results are cached under (sql/009, lib/qcache.c) */
	[STMT_DATA_VERSION] = { "SELECT v FROM data_version", 0, 1 },
};
