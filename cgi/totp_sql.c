/* totp_sql.c: the SQL of the second factor (cgi/h_totp.c, tmsctl totp-set),
 * by enum stmt (cgi/stmts.h). The sealed secret is written as hex. Every use of
 * a code is one statement that succeeds only once: a time step only if it
 * is above the last one stored, a recovery code only while unused. */
#include "stmts.h"

const struct db_stmt totp_sql[STMT__MAX] = {
	/* $1 account: sealed secret (NULL none), enrolled, last step (-1
	 * none), enrolled at, login, password hash, staff, unused recovery codes */
	[STMT_TOTP_GET] = {
	    "SELECT totp_secret, totp_enrolled_at IS NOT NULL,"
	    " coalesce(totp_last_step, -1), coalesce(to_char(totp_enrolled_at AT TIME ZONE 'Asia/Tokyo',"
	    " 'YYYY-MM-DD HH24:MI'), ''), login, coalesce(password_hash, ''), coalesce(staff_id, 0),"
	    " (SELECT count(*) FROM totp_recovery r WHERE r.account_id = a.id AND r.used_at IS NULL)"
	    " FROM account a WHERE id = $1::bigint", 1, 1 },
	/* $1 account, $2 sealed secret (hex), $3 replace a pending one: a new
	 * secret waiting for its first code (never over an enrolled one) */
	[STMT_TOTP_PENDING_SET] = {
	    "UPDATE account SET totp_secret = decode($2, 'hex'), totp_last_step = NULL"
	    " WHERE id = $1::bigint AND totp_enrolled_at IS NULL"
	    " AND (totp_secret IS NULL OR $3::bool) RETURNING id", 3, 0 },
	/* $1 account, $2 step of the first code: enrolment ends */
	[STMT_TOTP_ENABLE] = {
	    "UPDATE account SET totp_enrolled_at = now(), totp_last_step = $2::bigint"
	    " WHERE id = $1::bigint AND totp_enrolled_at IS NULL AND totp_secret IS NOT NULL"
	    " RETURNING id", 2, 0 },
	/* $1 account, $2 step: the replay guard. Two uses of one code race on
	 * the row lock; the second sees the stored step and matches nothing. */
	[STMT_TOTP_STEP_USE] = {
	    "UPDATE account SET totp_last_step = $2::bigint"
	    " WHERE id = $1::bigint AND totp_enrolled_at IS NOT NULL"
	    " AND coalesce(totp_last_step, -1) < $2::bigint RETURNING id", 2, 0 },
	/* $1 account: second factor and recovery codes gone */
	[STMT_TOTP_CLEAR] = {
	    "WITH d AS (DELETE FROM totp_recovery WHERE account_id = $1::bigint)"
	    " UPDATE account SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL"
	    " WHERE id = $1::bigint RETURNING coalesce(staff_id, 0), login", 1, 0 },
	/* $1 account, $2 '{hash,...}': the new recovery codes replace the old */
	[STMT_TOTP_RECOVERY_SET] = {
	    "WITH d AS (DELETE FROM totp_recovery WHERE account_id = $1::bigint)"
	    " INSERT INTO totp_recovery (account_id, code_hash)"
	    " SELECT $1::bigint, h FROM unnest($2::text[]) h", 2, 0 },
	/* $1 account, $2 code hash: unused codes left, or no row */
	[STMT_TOTP_RECOVERY_USE] = {
	    "WITH u AS (UPDATE totp_recovery SET used_at = now()"
	    " WHERE account_id = $1::bigint AND code_hash = $2 AND used_at IS NULL RETURNING id)"
	    " SELECT (SELECT count(*) FROM totp_recovery WHERE account_id = $1::bigint"
	    " AND used_at IS NULL) - 1 FROM u", 2, 0 },
	/* $1 session token hash: wrong codes so far in this session */
	[STMT_TOTP_FAIL] = {
	    "UPDATE session SET totp_failures = totp_failures + 1 WHERE token_hash = $1"
	    " RETURNING totp_failures", 1, 0 },
	/* $1 session token hash, $2 unix time of the check (the test clock) */
	[STMT_TOTP_VERIFIED] = {
	    "UPDATE session SET verified_at = to_timestamp($2::bigint), totp_failures = 0"
	    " WHERE token_hash = $1", 2, 0 },
	/* $1 session token hash: the last password + code check, unix time */
	[STMT_TOTP_FRESH] = {
	    "SELECT extract(epoch FROM verified_at)::bigint FROM session WHERE token_hash = $1", 1, 1 },
	/* $1 login (tmsctl totp-set) */
	[STMT_TOTP_ACCOUNT_ID] = {
	    "SELECT id FROM account WHERE login = $1", 1, 1 },
	/* $1 account, $2 sealed secret (hex): enrolled with a known key */
	[STMT_TOTP_SET] = {
	    "WITH d AS (DELETE FROM totp_recovery WHERE account_id = $1::bigint)"
	    " UPDATE account SET totp_secret = decode($2, 'hex'), totp_enrolled_at = now(),"
	    " totp_last_step = NULL WHERE id = $1::bigint RETURNING id", 2, 0 },
};
