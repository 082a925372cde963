/* db.c: libpq wrapper. Connects lazily (always after fork), prepares every
 * statement of the table as "sN", reconnects with PQreset when the connection
 * broke, and re-sends an idempotent statement once when that happened outside
 * a transaction.
 * Only PQexecPrepared is used for statements, so SQL never contains input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "log.h"

void
db_init(struct db *db, const char *name, const char *conninfo,
    const struct db_stmt *tab, size_t ntab, int timeout_ms)
{
	memset(db, 0, sizeof(*db));
	db->name = name;
	db->conninfo = strdup(conninfo);
	db->tab = tab;
	db->ntab = ntab;
	db->timeout_ms = timeout_ms;
}

void
db_close(struct db *db)
{
	if (db->conn)
		PQfinish(db->conn);
	db->conn = NULL;
	free(db->conninfo);
	db->conninfo = NULL;
}

static int
db_session_setup(struct db *db)
{
	char ms[32];
	const char *p[1] = { ms };
	PGresult *r;
	int ok;

	snprintf(ms, sizeof(ms), "%d", db->timeout_ms);
	/* No JIT: its compile time (~90 ms) is more than our queries take. */
	r = PQexecParams(db->conn,
	    "SELECT set_config('statement_timeout', $1, false), set_config('jit', 'off', false)",
	    1, NULL, p, NULL, NULL, 0);
	ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

/* Make sure there is a working connection with all statements prepared. */
int
db_ensure(struct db *db)
{
	size_t i;

	if (db->conn == NULL) {
		db->conn = PQconnectdb(db->conninfo);
		db->gen++;
		if (PQstatus(db->conn) == CONNECTION_OK)
			db_session_setup(db);
	} else if (PQstatus(db->conn) != CONNECTION_OK) {
		PQreset(db->conn);
		db->gen++;
		if (PQstatus(db->conn) == CONNECTION_OK)
			db_session_setup(db);
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		log_err("db %s: connect failed: %s", db->name,
		    PQerrorMessage(db->conn));
		return -1;
	}
	if (db->prepared_gen == db->gen)
		return 0;
	for (i = 0; i < db->ntab; i++) {
		char name[32];
		PGresult *r;

		snprintf(name, sizeof(name), "s%zu", i);
		r = PQprepare(db->conn, name, db->tab[i].sql, db->tab[i].nparams, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			log_err("db %s: prepare s%zu failed: %s", db->name, i,
			    PQresultErrorMessage(r));
			PQclear(r);
			/* start from s0 again next time (constant command) */
			PQclear(PQexec(db->conn, "DEALLOCATE ALL"));
			return -1;
		}
		PQclear(r);
	}
	db->prepared_gen = db->gen;
	return 0;
}

/* Binary parameters and results (NULL, NULL, 0: all text). */
struct db_fmt {
	const int	*lengths;
	const int	*formats;
	int		 result;
};

static PGresult *
db_try(struct db *db, int s, const char *const *params, const struct db_fmt *f)
{
	char name[32];

	/* Catch-all searches, whose best plan depends on which parameters
	 * are empty, are planned for each call (unnamed statement); the rest
	 * run prepared, planned once. Parameters are passed apart either way. */
	if (db->tab[s].custom)
		return PQexecParams(db->conn, db->tab[s].sql, db->tab[s].nparams,
		    NULL, params, f->lengths, f->formats, f->result);
	snprintf(name, sizeof(name), "s%d", s);
	return PQexecPrepared(db->conn, name, db->tab[s].nparams, params,
	    f->lengths, f->formats, f->result);
}

static PGresult *db_run(struct db *, int, const char *const *, const struct db_fmt *);

/* Returns a result (PGRES_TUPLES_OK or PGRES_COMMAND_OK) or NULL on error;
 * db->sqlstate then holds the SQLSTATE ("" when the connection failed). */
PGresult *
db_exec(struct db *db, int s, const char *const *params)
{
	const struct db_fmt f = { NULL, NULL, 0 };

	return db_run(db, s, params, &f);
}

/* db_exec with binary parameters (formats[i] 1: params[i] is lengths[i]
 * bytes, sent as they are, without hex or escaping) and a binary (1) or
 * text (0) result. */
PGresult *
db_exec_bin(struct db *db, int s, const char *const *params, const int *lengths,
    const int *formats, int result_format)
{
	const struct db_fmt f = { lengths, formats, result_format };

	return db_run(db, s, params, &f);
}

static PGresult *
db_run(struct db *db, int s, const char *const *params, const struct db_fmt *f)
{
	PGresult *r;
	int idle, st;

	db->sqlstate[0] = '\0';
	db->message[0] = '\0';
	if (s < 0 || (size_t)s >= db->ntab || db_ensure(db) != 0)
		return NULL;
	idle = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	r = db_try(db, s, params, f);
	if (PQstatus(db->conn) != CONNECTION_OK && idle && db->tab[s].idempotent) {
		PQclear(r);
		log_err("db %s: connection lost, retrying idempotent s%d", db->name, s);
		if (db_ensure(db) != 0)
			return NULL;
		r = db_try(db, s, params, f);
	}
	st = PQresultStatus(r);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return r;
	{
		const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", code ? code : "");
		snprintf(db->message, sizeof(db->message), "%s",
		    code && strcmp(code, "P0001") == 0 ?
		    PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : "");
		log_err("db %s: s%d failed: sqlstate=%s %s", db->name, s,
		    db->sqlstate, code ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : PQerrorMessage(db->conn));
	}
	PQclear(r);
	return NULL;
}

/* The message of the last application-raised error (SQLSTATE P0001): these
 * are written for users; other database errors are never shown. */
const char *
db_last_message(const struct db *db)
{
	return db->message;
}

int
db_command(struct db *db, int s, const char *const *params)
{
	PGresult *r = db_exec(db, s, params);

	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

static int
db_simple(struct db *db, const char *cmd)
{
	PGresult *r;
	int ok;

	if (db_ensure(db) != 0)
		return -1;
	r = PQexec(db->conn, cmd);	/* constant command, no input */
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

int
db_begin(struct db *db)
{
	return db_simple(db, "BEGIN");
}

int
db_commit(struct db *db)
{
	return db_simple(db, "COMMIT");
}

void
db_rollback(struct db *db)
{
	if (db->conn && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		(void)db_simple(db, "ROLLBACK");
}
