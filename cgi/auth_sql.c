/* auth_sql.c: the SQL of sessions, login throttling, accounts and the audit
 * trail (cgi/auth.c, audit.c, h_admin.c, h_audit.c, tmsctl useradd), by enum
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
	/* $1 account, $2 staff, $3 role, $4 action, $5 subject, $6 target, $7 detail, $8 addr, $9 result */
	[STMT_AUDIT_ADD] = {
	    "INSERT INTO audit_log (actor_account_id, actor_staff_id, actor_role, action,"
	    " subject_staff_id, target, detail, client_addr, result)"
	    " VALUES (NULLIF($1::bigint, 0), NULLIF($2::bigint, 0), $3, $4, NULLIF($5::bigint, 0),"
	    " $6, $7::jsonb, $8, $9)", 9, 0 },
	/* $1 action, $2 actor login, $3 subject staff no, $4 from, $5 to, $6 limit, $7 offset */
	[STMT_AUDIT_LIST] = {
	    "SELECT to_char(l.at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(a.login, ''), l.actor_role,"
	    " l.action, coalesce(s.staff_no || ' ' || staff_display_name(s), ''), l.target,"
	    " coalesce(l.detail::text, ''), l.client_addr, l.result"
	    " FROM audit_log l LEFT JOIN account a ON a.id = l.actor_account_id"
	    " LEFT JOIN staff s ON s.id = l.subject_staff_id"
	    " WHERE ($1 = '' OR l.action = $1) AND ($2 = '' OR a.login = $2)"
	    " AND ($3 = '' OR s.staff_no = $3)"
	    " AND ($4 = '' OR l.at >= $4::date) AND ($5 = '' OR l.at < $5::date + 1)"
	    " ORDER BY l.id DESC LIMIT $6::int OFFSET $7::int", 7, 1, 1 },
};
