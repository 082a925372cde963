/* throttle_sql.c: the SQL of sign-in delays (cgi/throttle.c, h_throttle.c)
 * and of directory sign-in (cgi/ldap_auth.c), by enum stmt (cgi/stmts.h).
 * Times are passed as Unix seconds: the request's clock (req_now), which a
 * test build may move. */
#include "stmts.h"

const struct db_stmt throttle_sql[STMT__MAX] = {
	/* $1 login, $2 address. Takes the login's transaction-scoped advisory
	 * lock first: the sign-ins of one login run one at a time, so a burst
	 * of parallel guesses cannot all pass before the first is counted.
	 * One row with NULLs when the login has no row. */
	[STMT_THROTTLE_GET] = {
	    "SELECT t.client_addr, t.failures, extract(epoch FROM t.last_failure)::float8,"
	    " extract(epoch FROM t.until)::float8"
	    " FROM (SELECT pg_advisory_xact_lock(hashtext('tms-login:' || $1))) l"
	    " LEFT JOIN login_throttle t ON t.login = $1 AND t.client_addr IN ($2, '')", 2, 0 },
	/* $1 login, $2 address ('' = every address), $3 failures, $4 last
	 * failure, $5 until (Unix seconds) */
	[STMT_THROTTLE_FAIL] = {
	    "INSERT INTO login_throttle (login, client_addr, failures, last_failure, until)"
	    " VALUES ($1, $2, $3::int, to_timestamp($4::float8), to_timestamp($5::float8))"
	    " ON CONFLICT (login, client_addr) DO UPDATE SET failures = EXCLUDED.failures,"
	    " last_failure = EXCLUDED.last_failure, until = EXCLUDED.until", 5, 0 },
	/* $1 login, $2 address: a correct password from there */
	[STMT_THROTTLE_CLEAR] = {
	    "DELETE FROM login_throttle WHERE login = $1 AND client_addr IN ($2, '')", 2, 0 },
	/* $1 now, $2 forget minutes: delays running or failures remembered */
	[STMT_THROTTLE_LIST] = {
	    "SELECT login, client_addr, failures,"
	    " to_char(last_failure, 'YYYY-MM-DD HH24:MI:SS'), to_char(until, 'YYYY-MM-DD HH24:MI:SS'),"
	    " greatest(0, ceil(extract(epoch FROM until) - $1::float8))::int"
	    " FROM login_throttle"
	    " WHERE until > to_timestamp($1::float8)"
	    " OR last_failure > to_timestamp($1::float8) - make_interval(mins => $2::int)"
	    " ORDER BY until DESC, login, client_addr LIMIT 1000", 2, 1 },
	/* $1 login, $2 address ('' = the login's row for every address) */
	[STMT_THROTTLE_DELETE] = {
	    "DELETE FROM login_throttle WHERE login = $1 AND client_addr = $2", 2, 0 },
	[STMT_THROTTLE_DELETE_ALL] = {
	    "DELETE FROM login_throttle", 0, 0 },
	/* $1 staff number from the directory entry: the account of that person */
	[STMT_LDAP_ACCOUNT_LOGIN] = {
	    "SELECT a.login FROM account a JOIN staff s ON s.id = a.staff_id"
	    " WHERE s.staff_no = $1", 1, 1 },
	/* $1 account: its 職員番号, by which a directory re-check finds the entry */
	[STMT_LDAP_STAFF_NO] = {
	    "SELECT s.staff_no FROM account a JOIN staff s ON s.id = a.staff_id"
	    " WHERE a.id = $1::bigint", 1, 1 },
};
