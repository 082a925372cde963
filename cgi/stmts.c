/* stmts.c: the SQL of the application, one enum-indexed table (kcgi style).
 * Every statement is prepared at connect time; parameters only, no string
 * building anywhere. The last field marks statements that are safe to re-send
 * after a dropped connection (reads, and the idempotent session touch). */
#include "stmts.h"

const struct db_stmt stmts[STMT__MAX] = {
	[STMT_PING] = { "SELECT 1", 0, 1 },
	/* $1 token hash, $2 idle minutes, $3 absolute minutes */
	[STMT_SESSION_TOUCH] = {
	    "WITH s AS (UPDATE session SET last_seen = now()"
	    " WHERE token_hash = $1"
	    " AND last_seen > now() - make_interval(mins => $2::int)"
	    " AND created_at > now() - make_interval(mins => $3::int)"
	    " RETURNING account_id)"
	    " SELECT a.id, a.login, a.display_name, a.role, coalesce(a.staff_id, 0)"
	    " FROM s JOIN account a ON a.id = s.account_id WHERE NOT a.disabled",
	    3, 1 },
	/* $1 token hash, $2 account id, $3 address */
	[STMT_SESSION_CREATE] = {
	    "INSERT INTO session (token_hash, account_id, client_addr)"
	    " VALUES ($1, $2, $3)", 3, 0 },
	[STMT_SESSION_DELETE] = {
	    "DELETE FROM session WHERE token_hash = $1", 1, 0 },
	/* $1 absolute minutes */
	[STMT_SESSION_PURGE] = {
	    "DELETE FROM session"
	    " WHERE created_at < now() - make_interval(mins => $1::int)", 1, 0 },
	[STMT_ACCOUNT_BY_LOGIN] = {
	    "SELECT id, login, display_name, role, password_hash, disabled"
	    " FROM account WHERE login = $1", 1, 1 },
	/* $1 login, $2 address, $3 window minutes */
	[STMT_LOGIN_FAILURES] = {
	    "SELECT count(*) FILTER (WHERE login = $1),"
	    " count(*) FILTER (WHERE client_addr = $2)"
	    " FROM login_failure"
	    " WHERE at > now() - make_interval(mins => $3::int)"
	    " AND (login = $1 OR client_addr = $2)", 3, 1 },
	[STMT_LOGIN_FAILURE_ADD] = {
	    "INSERT INTO login_failure (login, client_addr) VALUES ($1, $2)", 2, 0 },
	[STMT_LOGIN_FAILURE_CLEAR] = {
	    "DELETE FROM login_failure WHERE login = $1", 1, 0 },
	[STMT_ACCOUNT_LIST] = {
	    "SELECT id, login, display_name, role, disabled,"
	    " to_char(created_at, 'YYYY-MM-DD')"
	    " FROM account ORDER BY role DESC, login", 0, 1 },
	/* $1 login, $2 name, $3 role, $4 password hash */
	[STMT_ACCOUNT_UPSERT] = {
	    "INSERT INTO account (login, display_name, role, password_hash)"
	    " VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name,"
	    " role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,"
	    " disabled = false RETURNING id", 4, 0 },
};
