/* db.c: libpq wrapper. Connects lazily (always after fork), prepares every
 * statement of the table as "sN", reconnects with PQreset when the connection
 * broke, and re-sends an idempotent statement once when that happened outside
 * a transaction.
 * Only PQexecPrepared is used for statements, so SQL never contains input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "db.h"
#include "log.h"

void
db_init(struct db *db, const char *name, const char *conninfo,
    const struct db_stmt *tab, size_t ntab, int timeout_ms)
{
	memset(db, 0, sizeof(*db));
	db->name = name;
	db->conninfo = xstrdup(conninfo);
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
db_lost_needs_files(const struct db *db)
{
	static const char *const opts[] = { "sslrootcert", "sslcert", "sslkey", "sslcrl",
	    "passfile", "service", NULL };
	size_t i;

	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	for (i = 0; opts[i]; i++)
		if (strstr(db->conninfo, opts[i]) != NULL)
			return 1;
	return 0;
}

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
static int db_simple(struct db *, const char *);

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
	int idle, st, sp;

	db->sqlstate[0] = '\0';
	db->message[0] = '\0';
	if (s < 0 || (size_t)s >= db->ntab || db_ensure(db) != 0)
		return NULL;
	if (db->req && db->gen != db->req_gen) {
		log_err("db %s: the request transaction was lost with its connection; s%d not run",
		    db->name, s);
		return NULL;
	}
	/* In the worker's request transaction each statement runs under a
	 * savepoint, so a failing one is undone alone, as it would be on its
	 * own, and the handler goes on as without the transaction. */
	sp = db->req == 1 && PQtransactionStatus(db->conn) == PQTRANS_INTRANS;
	if (sp && db_simple(db, "SAVEPOINT tms_stmt") != 0)
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
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		if (sp)
			(void)db_simple(db, "RELEASE SAVEPOINT tms_stmt");
		return r;
	}
	if (sp)
		(void)db_simple(db, "ROLLBACK TO SAVEPOINT tms_stmt; RELEASE SAVEPOINT tms_stmt");
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

/* One run of db_each; *rows counts the rows handed to fn. */
static int
each_try(struct db *db, int s, const char *const *params,
    int (*fn)(void *, const PGresult *, int), void *ctx, long *rows)
{
	char name[32];
	PGresult *r;
	int rc = 0;

	snprintf(name, sizeof(name), "s%d", s);
	if (!(db->tab[s].custom ?
	    PQsendQueryParams(db->conn, db->tab[s].sql, db->tab[s].nparams, NULL, params, NULL, NULL, 0) :
	    PQsendQueryPrepared(db->conn, name, db->tab[s].nparams, params, NULL, NULL, 0))) {
		log_err("db %s: s%d not sent: %s", db->name, s, PQerrorMessage(db->conn));
		return -1;
	}
	(void)PQsetSingleRowMode(db->conn);	/* if refused, the rows come in one result */
	while ((r = PQgetResult(db->conn)) != NULL) {
		int st = PQresultStatus(r), i, n = PQntuples(r);

		if (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK) {
			for (i = 0; i < n && rc == 0; i++, (*rows)++)
				if ((rc = fn(ctx, r, i)) != 0) {	/* stop the rest at the server */
					PGcancel *cn = PQgetCancel(db->conn);
					char e[256];
					if (cn != NULL) {
						(void)PQcancel(cn, e, sizeof(e));
						PQfreeCancel(cn);
					}
				}
		} else if (rc == 0) {
			const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", code ? code : "");
			log_err("db %s: s%d failed: sqlstate=%s %s", db->name, s, db->sqlstate,
			    code ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : PQerrorMessage(db->conn));
			rc = -1;
		}
		PQclear(r);
	}
	return rc;
}

/*
 * Run statement s and hand its rows to fn (result, row) one by one as they
 * arrive (libpq single-row mode), so that a result of any size is never
 * held whole in memory: exports stream through this. fn returns 0 to go
 * on; anything else cancels the query and is returned. -1: the database
 * failed (db->sqlstate as for db_exec). In a transaction the rows are of
 * its snapshot; a cancelled or failed query aborts it. An idempotent
 * statement is re-sent once when the connection was lost outside a
 * transaction before any row came.
 */
int
db_each(struct db *db, int s, const char *const *params,
    int (*fn)(void *, const PGresult *, int), void *ctx)
{
	long rows = 0;
	int idle, rc;

	db->sqlstate[0] = '\0';
	db->message[0] = '\0';
	if (s < 0 || (size_t)s >= db->ntab || db_ensure(db) != 0)
		return -1;
	idle = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	rc = each_try(db, s, params, fn, ctx, &rows);
	if (rc == -1 && rows == 0 && idle && db->tab[s].idempotent && PQstatus(db->conn) != CONNECTION_OK) {
		log_err("db %s: connection lost, retrying idempotent s%d", db->name, s);
		if (db_ensure(db) != 0)
			return -1;
		rc = each_try(db, s, params, fn, ctx, &rows);
	}
	return rc;
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

/* A handler's own transaction. Inside the worker's request transaction
 * (a POST) it is that one, from here on with the handler's rules: no more
 * savepoints, and its COMMIT or ROLLBACK ends it. */
int
db_begin(struct db *db)
{
	if (db->req == 1) {
		db->req = 2;
		return db->conn && db->gen == db->req_gen &&
		    PQtransactionStatus(db->conn) == PQTRANS_INTRANS ? 0 : -1;
	}
	return db_simple(db, "BEGIN");
}

/*
 * The worker's transaction around one POST: everything the request writes
 * is committed together by db_request_end, before the answer goes out, or
 * not at all (a worker killed in the middle leaves nothing behind: the
 * server rolls back when the connection drops). 0, or -1 when it could not
 * begin (the handler then runs as before, one statement at a time).
 */
int
db_request_begin(struct db *db)
{
	db->req = 0;
	if (db_simple(db, "BEGIN") != 0)
		return -1;
	db->req = 1;
	db->req_gen = db->gen;
	return 0;
}

/* End of every request: commit the request transaction if it is still
 * ours, roll back whatever else is open. -1 when the request's work was
 * not committed (COMMIT refused, or the connection lost in between). */
int
db_request_end(struct db *db)
{
	int req = db->req, rc = 0;

	db->req = 0;
	if (db->conn == NULL)
		return req ? -1 : 0;
	if (req && db->gen != db->req_gen)
		rc = -1;
	else if (req == 1) {
		if (PQtransactionStatus(db->conn) == PQTRANS_INTRANS && pq_commit(db->conn) == 0)
			return 0;
		rc = -1;
	}
	if (rc)
		log_err("db %s: the request's transaction was not committed", db->name);
	db_rollback(db);
	return rc;
}

/* COMMIT on a connection: 0 only when PostgreSQL answered "COMMIT". The
 * COMMIT of a transaction that an error aborted succeeds as a command but
 * answers "ROLLBACK": nothing was written. A deferred constraint or
 * serialization failure at COMMIT is an error result. */
int
pq_commit(PGconn *conn)
{
	PGresult *r = PQexec(conn, "COMMIT");	/* constant command, no input */
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK &&
	    strcmp(PQcmdStatus(r), "COMMIT") == 0;

	PQclear(r);
	return ok ? 0 : -1;
}

int
db_commit(struct db *db)
{
	db->req = 0;	/* a handler's commit ends a request transaction too */
	db->sqlstate[0] = '\0';
	db->message[0] = '\0';
	if (db_ensure(db) != 0)
		return -1;
	if (pq_commit(db->conn) == 0)
		return 0;
	log_err("db %s: COMMIT failed: the transaction was rolled back", db->name);
	return -1;
}

void
db_rollback(struct db *db)
{
	db->req = 0;
	if (db->conn && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		(void)db_simple(db, "ROLLBACK");
}
