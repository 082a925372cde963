/* account_sql.c: the SQL of account issue, activation and sign-in stages
 * (cgi/accounts.c, h_accounts.c, auth.c, tmsctl account), by enum stmt
 * (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt account_sql[STMT__MAX] = {
	/* $1 account: what decides the next sign-in stage (auth_next_stage) */
	[STMT_ACCT_STAGE_INFO] = {
	    "SELECT must_change_password, totp_enrolled_at IS NOT NULL, role"
	    " FROM account WHERE id = $1::bigint", 1, 0 },
	/* $1 token hash, $2 stage */
	[STMT_SESSION_STAGE_SET] = {
	    "UPDATE session SET stage = $2 WHERE token_hash = $1", 2, 0 },
	/* $1 account (a successful sign-in) */
	[STMT_ACCT_LOGGED_IN] = {
	    "UPDATE account SET last_login_at = now() WHERE id = $1::bigint", 1, 0 },
	/* $1 code hash, $2 account, $3 now (unix seconds: the test clock):
	 * id, used, expired, when used, expiry (for the messages) */
	[STMT_ACCT_CODE_FIND] = {
	    "SELECT id, used_at IS NOT NULL, expires_at <= to_timestamp($3::bigint),"
	    " coalesce(to_char(used_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " to_char(expires_at, 'YYYY-MM-DD HH24:MI')"
	    " FROM account_code WHERE code_hash = $1 AND account_id = $2::bigint", 3, 0 },
	/* $1 code id: use it once (a concurrent second use gets no row); the
	 * account must then set a password; the sealed copy goes */
	[STMT_ACCT_CODE_USE] = {
	    "WITH u AS (UPDATE account_code SET used_at = now(), code_sealed = NULL"
	    " WHERE id = $1::bigint AND used_at IS NULL RETURNING account_id)"
	    " UPDATE account SET must_change_password = true"
	    " WHERE id = (SELECT account_id FROM u) RETURNING id", 1, 0 },

	/* ---- bulk issue (cgi/accounts.c) ---- */
	/* $1 unit code, $2 today */
	[STMT_ACCT_UNIT_FIND] = {
	    "SELECT name FROM org_tree($2::date) WHERE code = $1", 2, 1 },
	/* $1 mode (all, unit, list), $2 unit code, $3 staff numbers, $4 their
	 * line numbers, $5 today. One row per person of the scope who is in
	 * service and has no account, or per listed number: line, number as
	 * typed, staff id (0: unknown), staff number, status (ok, unknown,
	 * out, has, badlogin, taken), login. A listed number matches
	 * case-insensitively (an exact match first). */
	[STMT_ACCT_ISSUE_CANDIDATES] = {
	    "WITH RECURSIVE tree AS MATERIALIZED (SELECT unit_id, code, parent_id"
	    "  FROM org_tree($5::date) WHERE $1 = 'unit'),"
	    " fu AS (SELECT unit_id FROM tree WHERE code = $2"
	    "  UNION SELECT t.unit_id FROM tree t JOIN fu ON t.parent_id = fu.unit_id),"
	    " pick AS ("
	    "  SELECT s.id, ''::text AS no, 0::bigint AS ord FROM staff s WHERE $1 = 'all'"
	    "   AND s.hire_date <= $5::date AND (s.retire_date IS NULL OR s.retire_date >= $5::date)"
	    "   AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)"
	    "  UNION ALL"
	    "  SELECT DISTINCT s.id, '', 0 FROM appointment x JOIN staff s ON s.id = x.staff_id"
	    "   WHERE $1 = 'unit' AND x.is_main AND x.valid @> $5::date"
	    "   AND x.unit_id IN (SELECT unit_id FROM fu)"
	    "   AND s.hire_date <= $5::date AND (s.retire_date IS NULL OR s.retire_date >= $5::date)"
	    "   AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)"
	    "  UNION ALL"
	    "  SELECT (SELECT s.id FROM staff s WHERE upper(s.staff_no) = upper(n.no)"
	    "   ORDER BY s.staff_no = n.no DESC LIMIT 1), n.no, n.ord"
	    "   FROM unnest($3::text[], $4::bigint[]) AS n(no, ord) WHERE $1 = 'list')"
	    " SELECT p.ord, p.no, coalesce(s.id, 0), coalesce(s.staff_no, ''),"
	    " CASE WHEN s.id IS NULL THEN 'unknown'"
	    "  WHEN NOT (s.hire_date <= $5::date AND (s.retire_date IS NULL OR s.retire_date >= $5::date))"
	    "   THEN 'out'"
	    "  WHEN EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id) THEN 'has'"
	    "  WHEN length(s.staff_no) < 2 THEN 'badlogin'"
	    "  WHEN EXISTS (SELECT 1 FROM account a WHERE a.login = lower(s.staff_no)) THEN 'taken'"
	    "  ELSE 'ok' END,"
	    " coalesce(lower(s.staff_no), '')"
	    " FROM pick p LEFT JOIN staff s ON s.id = p.id ORDER BY p.ord, s.staff_no", 5, 0, 1 },
	[STMT_ACCT_BATCH_NEW] = {
	    "SELECT nextval('account_code_batch_seq')", 0, 0 },
	/* $1 minutes: the sealed copies of codes older than the notice window go */
	[STMT_ACCT_NOTICE_PURGE] = {
	    "UPDATE account_code SET code_sealed = NULL WHERE code_sealed IS NOT NULL"
	    " AND created_at < now() - make_interval(mins => $1::int)", 1, 0 },
	/* $1 staff ids, $2 code hashes, $3 sealed codes (hex), $4 batch, $5
	 * expiry (unix seconds), $6 issuer (0: tmsctl), $7 purpose: accounts
	 * (login = staff number in lower case, general, no password) and their
	 * codes; returns the staff whose account was made (another issue at the
	 * same moment may have won a row: ON CONFLICT DO NOTHING) */
	[STMT_ACCT_ISSUE_BULK] = {
	    "WITH n AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) AS n(staff_id, hash, sealed)),"
	    " ins AS (INSERT INTO account (login, display_name, role, staff_id, must_change_password)"
	    "  SELECT lower(s.staff_no), left(staff_display_name(s), 100), 'general', s.id, true"
	    "  FROM n JOIN staff s ON s.id = n.staff_id ON CONFLICT DO NOTHING RETURNING id, staff_id),"
	    " c AS (INSERT INTO account_code (account_id, code_hash, purpose, batch_id, expires_at,"
	    "  issued_by, code_sealed)"
	    "  SELECT ins.id, n.hash, $7, $4::bigint, to_timestamp($5::bigint), NULLIF($6::bigint, 0),"
	    "  decode(n.sealed, 'hex') FROM ins JOIN n ON n.staff_id = ins.staff_id RETURNING account_id)"
	    " SELECT ins.staff_id FROM ins JOIN c ON c.account_id = ins.id", 7, 0 },
	/* $1 account, $2 hash, $3 sealed (hex), $4 batch, $5 expiry, $6 issuer,
	 * $7 purpose: a new code for one account; its unused ones end now */
	[STMT_ACCT_CODE_REISSUE] = {
	    "WITH v AS (UPDATE account_code SET expires_at = least(expires_at, now()), code_sealed = NULL"
	    "  WHERE account_id = $1::bigint AND used_at IS NULL)"
	    " INSERT INTO account_code (account_id, code_hash, purpose, batch_id, expires_at,"
	    "  issued_by, code_sealed)"
	    " SELECT id, $2, $7, $4::bigint, to_timestamp($5::bigint), NULLIF($6::bigint, 0),"
	    " decode($3, 'hex') FROM account WHERE id = $1::bigint RETURNING id", 7, 0 },
	/* $1 batch, $2 issuer, $3 minutes: codes, still printable, issued at, purpose */
	[STMT_ACCT_BATCH_INFO] = {
	    "SELECT count(*), count(*) FILTER (WHERE code_sealed IS NOT NULL AND used_at IS NULL"
	    "  AND created_at > now() - make_interval(mins => $3::int)),"
	    " coalesce(extract(epoch FROM min(created_at))::bigint, 0), coalesce(min(purpose), '')"
	    " FROM account_code WHERE batch_id = $1::bigint AND issued_by = $2::bigint", 3, 0 },
	/* $1 batch, $2 issuer, $3 today, $4 minutes, $5 limit, $6 offset: the
	 * notices, in the order of the organisation tree */
	[STMT_ACCT_NOTICES] = {
	    "WITH t AS MATERIALIZED (SELECT unit_id, name_path, path FROM org_tree($3::date)),"
	    " c AS (SELECT c.*, a.login, a.display_name, a.staff_id FROM account_code c"
	    "  JOIN account a ON a.id = c.account_id"
	    "  WHERE c.batch_id = $1::bigint AND c.issued_by = $2::bigint AND c.code_sealed IS NOT NULL"
	    "  AND c.used_at IS NULL AND c.created_at > now() - make_interval(mins => $4::int))"
	    " SELECT c.login, coalesce(s.staff_no, ''), coalesce(staff_display_name(s), c.display_name),"
	    " coalesce(staff_display_kana(s), ''), coalesce(u.name_path, ''),"
	    " encode(c.code_sealed, 'hex'), c.code_hash, extract(epoch FROM c.expires_at)::bigint, c.purpose"
	    " FROM c LEFT JOIN staff s ON s.id = c.staff_id"
	    " LEFT JOIN LATERAL (SELECT t.name_path, t.path FROM appointment x JOIN t ON t.unit_id = x.unit_id"
	    "  WHERE x.staff_id = c.staff_id AND x.is_main AND x.valid @> $3::date LIMIT 1) u ON true"
	    " ORDER BY u.path, s.sort_kana, c.login LIMIT $5::int OFFSET $6::int", 6, 0 },
	/* $1 account: what a password must not contain */
	[STMT_ACCT_NAMES] = {
	    "SELECT a.login, coalesce(s.staff_no, ''), a.display_name, coalesce(s.family_name, ''),"
	    " coalesce(s.given_name, ''), coalesce(s.family_kana, ''), coalesce(s.given_kana, ''),"
	    " coalesce(s.former_family_name, ''), coalesce(s.former_family_kana, ''),"
	    " coalesce(s.alias_name, '')"
	    " FROM account a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.id = $1::bigint", 1, 0 },
};
