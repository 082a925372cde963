/* auth_sql.c: the SQL of sessions, login throttling and accounts
 * (cgi/auth.c, h_admin.c, tmsctl useradd; the audit trail's is audit_sql.c), by enum
 * stmt (cgi/stmts.h). */
#include "stmts.h"

/* Account a may be used on date d: a service account (no staff record), or
 * its person is in service that day, from the 採用 date to the last day of
 * a 退職 (staff_active() in sql/003). */
#define ACCOUNT_IN_SERVICE(d) \
	"(a.staff_id IS NULL OR EXISTS (SELECT 1 FROM staff st WHERE st.id = a.staff_id" \
	" AND st.hire_date <= " d "::date AND (st.retire_date IS NULL OR st.retire_date >= " d "::date)))"

const struct db_stmt auth_sql[STMT__MAX] = {
	/* $1 token hash, $2 idle minutes, $3 absolute minutes, $4 today.
	 * last_seen is written at most once a minute, so parallel requests of
	 * one session do not queue on its row lock (idle timeout precision: one
	 * minute). An account of a staff member holds only while the person is
	 * in service today (ACCOUNT_IN_SERVICE): the day after the last day of a
	 * 退職 every open session of it ends, with no batch job. */
	[STMT_SESSION_TOUCH] = {
	    "WITH s AS (SELECT account_id, stage FROM session WHERE token_hash = $1"
	    " AND last_seen > now() - make_interval(mins => $2::int)"
	    " AND created_at > now() - make_interval(mins => $3::int)),"
	    " u AS (UPDATE session SET last_seen = now() WHERE token_hash = $1"
	    " AND last_seen < now() - interval '1 minute' AND EXISTS (SELECT 1 FROM s))"
	    " SELECT a.id, a.login, a.display_name, a.role, coalesce(a.staff_id, 0),"
	    " (SELECT v FROM data_version), s.stage"
	    " FROM s JOIN account a ON a.id = s.account_id WHERE NOT a.disabled"
	    " AND " ACCOUNT_IN_SERVICE("$4"),
	    4, 1 },
	/* $1 token hash, $2 account id, $3 address, $4 sign-in stage, $5 user agent */
	[STMT_SESSION_CREATE] = {
	    "INSERT INTO session (token_hash, account_id, client_addr, stage, user_agent)"
	    " VALUES ($1, $2, $3, $4, left(NULLIF($5, ''), 300))", 5, 0 },
	[STMT_SESSION_DELETE] = {
	    "DELETE FROM session WHERE token_hash = $1", 1, 0 },
	/* $1 absolute minutes */
	[STMT_SESSION_PURGE] = {
	    "DELETE FROM session"
	    " WHERE created_at < now() - make_interval(mins => $1::int)", 1, 0 },
	/* $1 login, $2 today */
	[STMT_ACCOUNT_BY_LOGIN] = {
	    "SELECT id, login, display_name, role, coalesce(password_hash, ''), disabled,"
	    " " ACCOUNT_IN_SERVICE("$2") ", totp_enrolled_at IS NOT NULL, coalesce(staff_id, 0)"
	    " FROM account a WHERE login = $1", 2, 1 },
	/* $1 login, $2 name, $3 role, $4 password hash, $5 staff number or '' */
	[STMT_ACCOUNT_UPSERT] = {
	    "INSERT INTO account (login, display_name, role, password_hash, staff_id)"
	    " VALUES ($1, $2, $3, $4, (SELECT id FROM staff WHERE staff_no = NULLIF($5, '')))"
	    " ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name,"
	    " role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,"
	    " staff_id = EXCLUDED.staff_id, disabled = false RETURNING id, staff_id IS NOT NULL", 5, 0 },
};
