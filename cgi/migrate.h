/* migrate.h: `tmsctl migrate SQLDIR`: schema migrations applied once each
 * (checksums recorded and verified) and the function files of
 * SQLDIR/functions/ re-applied whenever they change. */
#ifndef TMS_MIGRATE_H
#define TMS_MIGRATE_H
#include <libpq-fe.h>

int	migrate_run(PGconn *, const char *);

#endif
