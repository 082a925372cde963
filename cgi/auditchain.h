/* auditchain.h: the audit trail's hash chain (sql/065_audit_chain.sql):
 * chained inserts for the workers and tmsctl, verification and export. */
#ifndef TMS_AUDITCHAIN_H
#define TMS_AUDITCHAIN_H
#include <stdio.h>
#include "db.h"

/* Reads the chain key (paths.audit_key, >= 32 bytes) into memory, before
 * confinement: 0, or -1 (logged). */
int	auditchain_load(const char *);
/* One audit row, chained: p as STMT_AUDIT_ADD ($1..$9). In its own
 * transaction when db is idle, else in the open one. 0, or -1 (logged). */
int	audit_add(struct db *, const char *const p[9]);
/* Walks the chain from the first row on or after date FROM (NULL: all,
 * pre-chain rows included) and writes what it found to out: 0 intact, 1 the
 * first changed, removed or out-of-order row named, 2 could not check. */
int	audit_verify(struct db *, const char *, FILE *);
/* The rows matching f (action, actor login, subject staff no, from, to;
 * '' for any) as CSV (UTF-8 with BOM, CRLF) written by fn; the SHA-256 of
 * everything written into sha (hex). Rows in *rows. 0, or -1. */
int	audit_export(struct db *, const char *const f[5],
	    int (*fn)(void *, const char *, size_t), void *, char sha[65], long *rows);

#endif
