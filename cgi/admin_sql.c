/* admin_sql.c: the SQL of アカウント管理 (h_admin.c) and of the user's own
 * account page (h_account.c: password change, sessions), by enum stmt
 * (cgi/stmts.h). */
#include "stmts.h"

/* The order of account lists: admins, then hr, then general staff; within
 * a role the most recent sign-in first, then never signed in, by login. */
#define ACCT_ORDER(t) \
	"CASE " t ".role WHEN 'admin' THEN 0 WHEN 'hr' THEN 1 ELSE 2 END," \
	" " t ".last_login_at DESC NULLS LAST, " t ".login"

/* Never more than this many rows counted (the page does not wait for it). */
#define ACCT_COUNT_MAX "5001"

/*
 * Demoting or disabling an admin locks every enabled admin first (in id
 * order, so two such statements never deadlock) and counts the others
 * after the locks are granted: under READ COMMITTED a row changed by a
 * transaction we waited for is re-read, so of two admins demoting each
 * other at the same time the second sees the first one's change and is
 * refused. A plain EXISTS on the statement's snapshot would let both pass
 * and leave no admin. $1 is the account. Its own row is locked too: with
 * "WHERE adm.id <> $1" outside the aggregate the planner pushes the test
 * under the lock, each statement locks only the other admin, then waits
 * for its own row held by the other: a deadlock (t22 caught it).
 */
#define OTHER_ADMINS \
	"(SELECT count(*) FILTER (WHERE adm.id <> $1::bigint) FROM (SELECT id FROM account" \
	" WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE) adm)"

const struct db_stmt admin_sql[STMT__MAX] = {
	/*
	 * Account search (アカウント管理). $1 text: login, 職員番号, name or
	 * kana (the name shown, sql/044: never the legal name behind a 旧姓),
	 * $2 unit code (with its sub-units, main or side appointment today),
	 * $3 role ('' any), $4 state ('' any, 'enabled', 'disabled', 'pending':
	 * issued, not activated), $5 today, $6 limit, $7 offset. Columns: id,
	 * login, name, role, disabled, last sign-in, second factor set, staff
	 * number, main unit today, pending, active sessions, count (to 5,001).
	 */
	[STMT_ADM_ACCT_SEARCH] = {
	    "WITH RECURSIVE tree AS MATERIALIZED (SELECT * FROM org_tree($5::date)),"
	    " fu AS (SELECT unit_id FROM tree WHERE code = $2"
	    "  UNION SELECT t.unit_id FROM tree t JOIN fu ON t.parent_id = fu.unit_id),"
	    " key AS (SELECT replace(replace(replace(coalesce(tms_search_key($1), ''),"
	    "  '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS k),"
	    " c AS MATERIALIZED (SELECT a.id, a.login, a.role, a.last_login_at, a.staff_id"
	    "  FROM account a LEFT JOIN staff s ON s.id = a.staff_id CROSS JOIN key"
	    "  WHERE ($1 = '' OR a.login = lower($1) OR s.staff_no = $1"
	    "   OR s.shown_key LIKE '%' || key.k || '%'"
	    "   OR (a.staff_id IS NULL AND tms_search_key(a.display_name) LIKE '%' || key.k || '%'))"
	    "  AND ($2 = '' OR a.staff_id IN (SELECT x.staff_id FROM appointment x"
	    "   WHERE x.valid @> $5::date AND x.unit_id IN (SELECT unit_id FROM fu)))"
	    "  AND ($3 = '' OR a.role = $3)"
	    "  AND ($4 = '' OR ($4 = 'enabled' AND NOT a.disabled) OR ($4 = 'disabled' AND a.disabled)"
	    "   OR ($4 = 'pending' AND a.password_hash IS NULL))),"
	    " hits AS (SELECT * FROM c ORDER BY " ACCT_ORDER("c") " LIMIT $6::int OFFSET $7::int)"
	    " SELECT a.id, a.login, a.display_name, a.role, a.disabled,"
	    "  coalesce(to_char(a.last_login_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    "  a.totp_enrolled_at IS NOT NULL, coalesce(s.staff_no, ''), coalesce(t.name, ''),"
	    "  a.password_hash IS NULL,"
	    "  (SELECT count(*) FROM session x WHERE x.account_id = a.id),"
	    "  (SELECT count(*) FROM (SELECT 1 FROM c LIMIT " ACCT_COUNT_MAX ") n)"
	    " FROM hits h JOIN account a ON a.id = h.id"
	    " LEFT JOIN staff s ON s.id = a.staff_id"
	    " LEFT JOIN LATERAL (SELECT m.unit_id FROM appointment m WHERE m.staff_id = a.staff_id"
	    "  AND m.is_main AND m.valid @> $5::date LIMIT 1) m ON true"
	    " LEFT JOIN tree t ON t.unit_id = m.unit_id"
	    " ORDER BY " ACCT_ORDER("h"), 7, 1, 1 },
	/* $1 account, $2 today: id, login, name, role, disabled, created,
	 * last sign-in, second factor set, staff id (0: service account),
	 * staff number, main unit today, pending (no password yet), must
	 * change its password, password changed, sessions, in service today,
	 * last code issued (purpose, expiry, used) */
	[STMT_ADM_ACCT_GET] = {
	    "SELECT a.id, a.login, a.display_name, a.role, a.disabled,"
	    " to_char(a.created_at, 'YYYY-MM-DD'),"
	    " coalesce(to_char(a.last_login_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " a.totp_enrolled_at IS NOT NULL, coalesce(a.staff_id, 0), coalesce(s.staff_no, ''),"
	    " coalesce((SELECT t.name_path FROM appointment m JOIN org_tree($2::date) t ON t.unit_id = m.unit_id"
	    "  WHERE m.staff_id = a.staff_id AND m.is_main AND m.valid @> $2::date LIMIT 1), ''),"
	    " a.password_hash IS NULL, a.must_change_password,"
	    " coalesce(to_char(a.password_changed_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " (SELECT count(*) FROM session x WHERE x.account_id = a.id),"
	    " s.id IS NULL OR (s.hire_date <= $2::date AND (s.retire_date IS NULL OR s.retire_date >= $2::date)),"
	    " coalesce(k.purpose, ''), coalesce(to_char(k.expires_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " coalesce(to_char(k.used_at, 'YYYY-MM-DD HH24:MI'), '')"
	    " FROM account a LEFT JOIN staff s ON s.id = a.staff_id"
	    " LEFT JOIN LATERAL (SELECT purpose, expires_at, used_at FROM account_code"
	    "  WHERE account_id = a.id ORDER BY id DESC LIMIT 1) k ON true"
	    " WHERE a.id = $1::bigint", 2, 1 },
	/* $1 account, $2 new role: returns the account, or nothing when that
	 * would leave no enabled admin (OTHER_ADMINS) or there is no account */
	[STMT_ADM_ROLE_SET] = {
	    "UPDATE account a SET role = $2 WHERE a.id = $1::bigint"
	    " AND ($2 = 'admin' OR a.role <> 'admin' OR a.disabled OR " OTHER_ADMINS " > 0)"
	    " RETURNING a.id", 2, 0 },
	/* $1 account: the same guard for the last enabled admin */
	[STMT_ADM_DISABLE] = {
	    "UPDATE account a SET disabled = true WHERE a.id = $1::bigint"
	    " AND (a.role <> 'admin' OR a.disabled OR " OTHER_ADMINS " > 0)"
	    " RETURNING a.id", 1, 0 },
	[STMT_ADM_ENABLE] = {
	    "UPDATE account SET disabled = false WHERE id = $1::bigint RETURNING id", 1, 0 },
	/* $1 account: every session ends; returns how many */
	[STMT_ADM_SESSIONS_END] = {
	    "WITH d AS (DELETE FROM session WHERE account_id = $1::bigint RETURNING 1)"
	    " SELECT count(*) FROM d", 1, 0 },
	/* $1 account: a reset voids the password until the new code is used
	 * (a reset after a leak must stop the old password at once) */
	[STMT_ADM_RESET_MARK] = {
	    "UPDATE account SET password_hash = NULL, must_change_password = true"
	    " WHERE id = $1::bigint RETURNING id", 1, 0 },

	/*
	 * The user's own account (h_account.c). $1 account, $2 idle minutes,
	 * $3 absolute minutes, $4 the current session's token hash: the
	 * sessions still alive, the current one first. Columns: key (the first
	 * 16 hex digits of the token hash: enough to name one session of one
	 * account, useless to take it over), user agent, address, created,
	 * last use, current, stage.
	 */
	[STMT_ME_SESSIONS] = {
	    "SELECT left(token_hash, 16), coalesce(user_agent, ''), client_addr,"
	    " to_char(created_at, 'YYYY-MM-DD HH24:MI'), to_char(last_seen, 'YYYY-MM-DD HH24:MI'),"
	    " token_hash = $4, stage"
	    " FROM session WHERE account_id = $1::bigint"
	    " AND last_seen > now() - make_interval(mins => $2::int)"
	    " AND created_at > now() - make_interval(mins => $3::int)"
	    " ORDER BY token_hash = $4 DESC, last_seen DESC", 4, 1 },
	/* $1 account, $2 key, $3 current token hash (never this one) */
	[STMT_ME_SESSION_END] = {
	    "DELETE FROM session WHERE account_id = $1::bigint AND left(token_hash, 16) = $2"
	    " AND token_hash <> $3 RETURNING 1", 3, 0 },
	/* $1 account, $2 current token hash: the others end; returns how many */
	[STMT_ME_SESSIONS_END_OTHERS] = {
	    "WITH d AS (DELETE FROM session WHERE account_id = $1::bigint AND token_hash <> $2 RETURNING 1)"
	    " SELECT count(*) FROM d", 2, 0 },
	/* $1 account: what a password change checks against */
	[STMT_ME_PASSWORD] = {
	    "SELECT coalesce(password_hash, '') FROM account"
	    " WHERE id = $1::bigint", 1, 1 },
	/* $1 account, $2 new hash */
	[STMT_ME_PASSWORD_SET] = {
	    "UPDATE account SET password_hash = $2, password_changed_at = now(),"
	    " must_change_password = false WHERE id = $1::bigint RETURNING id", 2, 0 },
};
