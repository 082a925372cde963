/* retention.h: retention periods (tmsctl retention run) and the erasure at
 * the end of service (tmsctl purge --everything). */
#ifndef TMS_RETENTION_H
#define TMS_RETENTION_H
#include <stdio.h>
#include "config.h"
#include "db.h"

/* Applies the periods of cfg as on date asof (YYYY-MM-DD), in one
 * transaction, with an audit row of what went; what it removed to out.
 * 0, or 1. */
int	retention_run(struct db *, const struct config *, const char *, const char *, FILE *);
/* Removes every personal record, account, session, stored file, photo and
 * the key files; writes the deletion report to path (and path.sha256).
 * actor: who ran it. 0, or 1. */
int	purge_everything(struct db *, const struct config *, const char *, const char *, FILE *);

#endif
