/* db_commit_check.c: db_commit() reports whether PostgreSQL committed. The
 * COMMIT of a transaction that an error aborted succeeds as a command but
 * answers "ROLLBACK"; a deferred constraint fails at COMMIT. Run by
 * t41-commit.sh against the test stack's database (TAP on stdout). */
#include <stdio.h>
#include <string.h>
#include "db.h"
#include "../unit/tap.h"

static const struct db_stmt tab[] = {
	{ "SELECT 1 / $1::int", 1, 0, 0 },
	{ "SELECT 1", 0, 1, 0 },
};

static int
simple(struct db *db, const char *sql)
{
	PGresult *r = PQexec(db->conn, sql);
	int st = PQresultStatus(r);

	PQclear(r);
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct db db;
	const char *zero[1] = { "0" };
	PGresult *r;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: db_commit_check CONNINFO\n");
		return 2;
	}
	db_init(&db, "test", argv[1], tab, sizeof(tab) / sizeof(tab[0]), 5000);
	ok(db_ensure(&db) == 0, "connected to the test database");

	ok(db_begin(&db) == 0 && (r = db_exec(&db, 1, NULL)) != NULL, "a transaction with a good statement");
	PQclear(r);
	ok(db_commit(&db) == 0, "its COMMIT is reported as done");

	ok(db_begin(&db) == 0, "BEGIN");
	ok(db_exec(&db, 0, zero) == NULL && strcmp(db.sqlstate, "22012") == 0,
	    "a statement fails (division by zero) and aborts the transaction");
	rc = db_commit(&db);
	ok(rc == -1, "COMMIT of the aborted transaction (PostgreSQL answers ROLLBACK) is a failure (%d)", rc);
	ok(PQtransactionStatus(db.conn) == PQTRANS_IDLE, "no transaction is left open");

	ok(simple(&db, "CREATE TEMP TABLE commit_check (id int PRIMARY KEY,"
	    " ref int REFERENCES commit_check DEFERRABLE INITIALLY DEFERRED)") == 0,
	    "a table with a deferred foreign key");
	ok(db_begin(&db) == 0 && simple(&db, "INSERT INTO commit_check VALUES (1, 2)") == 0,
	    "a row that breaks the deferred constraint is inserted");
	rc = db_commit(&db);
	ok(rc == -1, "COMMIT that fails on the deferred constraint is a failure (%d)", rc);
	ok(simple(&db, "SELECT 1 FROM commit_check") == 0 &&
	    PQntuples((r = PQexec(db.conn, "SELECT 1 FROM commit_check"))) == 0,
	    "nothing was written");
	PQclear(r);

	ok(simple(&db, "BEGIN") == 0 && simple(&db, "SELECT 1 / 0") != 0 && pq_commit(db.conn) == -1,
	    "pq_commit (tmsctl migrate) reports the ROLLBACK of an aborted transaction too");
	ok(db_begin(&db) == 0 && db_commit(&db) == 0, "the connection still works");
	db_close(&db);
	return done_testing();
}
