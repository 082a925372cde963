/* audit_sql.c: the SQL of the audit trail and its hash chain (cgi/audit.c,
 * auditchain.c, h_audit.c, tmsctl audit), of retention and of the erasure
 * at the end of service (cgi/retention.c), by enum stmt (cgi/stmts.h). */
#include "stmts.h"

/* The canonical text of audit_log row L that its MAC covers: every column
 * as jsonb (fixed key order and number format), the time in UTC. The same
 * expression made the genesis digest in sql/065_audit_chain.sql: change
 * neither without a migration that re-bases the chain. */
#define AUDIT_CANON(L) \
	"jsonb_build_array(" L ".id, " L ".seq, to_char(" L ".at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), " L ".actor_account_id, " L ".actor_staff_id, " \
	L ".actor_role, " L ".action, " L ".subject_staff_id, " L ".target, " L ".detail, " \
	L ".client_addr, " L ".result)::text"

/* Export columns and filters: $1 action, $2 actor login, $3 subject staff
 * no, $4 from, $5 to (dates or ''). */
#define AUDIT_FILTER \
	" FROM audit_log l LEFT JOIN account a ON a.id = l.actor_account_id" \
	" LEFT JOIN staff s ON s.id = l.subject_staff_id" \
	" WHERE ($1 = '' OR l.action = $1) AND ($2 = '' OR a.login = $2)" \
	" AND ($3 = '' OR s.staff_no = $3)" \
	" AND ($4 = '' OR l.at >= $4::date) AND ($5 = '' OR l.at < $5::date + 1)"

const struct db_stmt audit_sql[STMT__MAX] = {
	/* $1 account, $2 staff, $3 role, $4 action, $5 subject, $6 target,
	 * $7 detail, $8 addr, $9 result. Takes the chain head's row lock
	 * (held to the end of the transaction: concurrent inserts queue here)
	 * and inserts the row at the next position; returns the position, the
	 * previous MAC and the row's canonical text for auditchain.c to MAC. */
	[STMT_AUDIT_ADD] = {
	    "WITH h AS (UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq, mac),"
	    " i AS (INSERT INTO audit_log (seq, actor_account_id, actor_staff_id, actor_role, action,"
	    " subject_staff_id, target, detail, client_addr, result)"
	    " SELECT h.seq, NULLIF($1::bigint, 0), NULLIF($2::bigint, 0), $3, $4, NULLIF($5::bigint, 0),"
	    " $6, $7::jsonb, $8, $9 FROM h RETURNING *)"
	    " SELECT i.seq, encode(h.mac, 'hex'), " AUDIT_CANON("i") " FROM i, h", 9, 0 },
	/* $1 position, $2 its MAC (hex): stored, and the head moves to it */
	[STMT_AUDIT_MAC] = {
	    "WITH u AS (UPDATE audit_chain SET mac = decode($2, 'hex') WHERE id = 1 AND seq = $1::bigint)"
	    " INSERT INTO audit_mac (seq, mac) VALUES ($1::bigint, decode($2, 'hex'))", 2, 0 },
	/* the head: last position, its MAC, last pre-chain id, start, the
	 * genesis digest recomputed now and the one stored at migration */
	[STMT_AUDIT_HEAD] = {
	    "SELECT c.seq, encode(c.mac, 'hex'), c.genesis_id,"
	    " to_char(c.started_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " (SELECT encode(sha256(convert_to(coalesce(string_agg(" AUDIT_CANON("l") ", E'\\n'"
	    " ORDER BY l.id), ''), 'UTF8')), 'hex') FROM audit_log l WHERE l.id <= c.genesis_id),"
	    " encode(c.genesis, 'hex'), c.base_seq, coalesce(encode(c.base_mac, 'hex'), '')"
	    " FROM audit_chain c WHERE c.id = 1", 0, 1 },
	/* $1 date: the first position on or after it (0: none), and the MAC
	 * before it ('' at position 1: the genesis digest is the start) */
	[STMT_AUDIT_FROM] = {
	    "SELECT coalesce(f.seq, 0), coalesce(encode(m.mac, 'hex'), '')"
	    " FROM (SELECT min(seq) AS seq FROM audit_log WHERE seq IS NOT NULL AND at >= $1::date) f"
	    " LEFT JOIN audit_mac m ON m.seq = f.seq - 1", 1, 1 },
	/* $1 first, $2 last position: the chained rows in chain order with their MACs */
	[STMT_AUDIT_WALK] = {
	    "SELECT l.seq, l.id, " AUDIT_CANON("l") ", coalesce(encode(m.mac, 'hex'), ''),"
	    " to_char(l.at, 'YYYY-MM-DD HH24:MI:SS')"
	    " FROM audit_log l LEFT JOIN audit_mac m ON m.seq = l.seq"
	    " WHERE l.seq BETWEEN $1::bigint AND $2::bigint ORDER BY l.seq", 2, 1 },
	/* rows after the genesis that are not in the chain, and MACs of no row */
	[STMT_AUDIT_STRAYS] = {
	    "(SELECT 'row', l.id, to_char(l.at, 'YYYY-MM-DD HH24:MI:SS') FROM audit_log l"
	    " WHERE l.seq IS NULL AND l.id > (SELECT genesis_id FROM audit_chain WHERE id = 1)"
	    " ORDER BY l.id LIMIT 1)"
	    " UNION ALL (SELECT 'mac', m.seq, '' FROM audit_mac m"
	    " WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.seq = m.seq) ORDER BY m.seq LIMIT 1)", 0, 1 },
	/* AUDIT_FILTER's five: the rows to hand over, in time order, each with
	 * its chain position and MAC so a recipient holding the key can check */
	[STMT_AUDIT_EXPORT] = {
	    "SELECT l.id, coalesce(l.seq::text, ''), to_char(l.at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " coalesce(a.login, ''), l.actor_role, l.action, coalesce(s.staff_no, ''),"
	    " coalesce(staff_display_name(s), ''), l.target, coalesce(l.detail::text, ''),"
	    " l.client_addr, l.result, coalesce((SELECT encode(m.mac, 'hex') FROM audit_mac m"
	    " WHERE m.seq = l.seq), '')" AUDIT_FILTER " ORDER BY l.id", 5, 1, 1 },
	/* $1 action, $2 actor login, $3 subject staff no, $4 from, $5 to, $6 limit, $7 offset */
	[STMT_AUDIT_LIST] = {
	    "SELECT to_char(l.at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(a.login, ''), l.actor_role,"
	    " l.action, coalesce(s.staff_no || ' ' || staff_display_name(s), ''), l.target,"
	    " coalesce(l.detail::text, ''), l.client_addr, l.result" AUDIT_FILTER
	    " ORDER BY l.id DESC LIMIT $6::int OFFSET $7::int", 7, 1, 1 },
	/* retention (tmsctl retention run; $2 the day it runs as, for tests and
	 * planning): import previews and refused imports after $1 days, whole */
	[STMT_RET_PREVIEWS] = {
	    "WITH d AS (DELETE FROM import_history WHERE status IN ('preview', 'refused')"
	    " AND at < $2::date - $1::int RETURNING 1) SELECT count(*) FROM d", 2, 0 },
	/* committed imports' files after $1 days (the history row, with the
	 * file's SHA-256 and counts, stays): files, bytes */
	[STMT_RET_FILES] = {
	    "WITH d AS (DELETE FROM import_file_chunk c USING import_history h WHERE h.id = c.import_id"
	    " AND h.status = 'committed' AND coalesce(h.committed_at, h.at) < $2::date - $1::int"
	    " RETURNING c.import_id, length(c.data) AS n)"
	    " SELECT count(DISTINCT import_id), coalesce(sum(n), 0) FROM d", 2, 0 },
	/* audit rows older than $1 years, from the start of the chain only (the
	 * pre-chain rows once all of them are old, then chained rows up to the
	 * first that is not old): the chain's base moves to the first kept row,
	 * with the MAC before it. Rows deleted, MACs deleted, new base (0: none) */
	[STMT_RET_AUDIT] = {
	    "WITH p AS (SELECT coalesce((SELECT min(seq) FROM audit_log WHERE seq IS NOT NULL"
	    "   AND at >= $2::date - make_interval(years => $1::int)), c.seq + 1) AS k,"
	    "   c.genesis, c.genesis_id, c.base_seq FROM audit_chain c WHERE c.id = 1"
	    "   AND NOT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL AND id <= c.genesis_id"
	    "   AND at >= $2::date - make_interval(years => $1::int))),"
	    " q AS (SELECT p.k, p.genesis_id, CASE WHEN p.k = 1 THEN p.genesis"
	    "   ELSE (SELECT mac FROM audit_mac WHERE seq = p.k - 1) END AS m FROM p"
	    "   WHERE p.k > p.base_seq OR EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL"
	    "   AND id <= p.genesis_id)),"
	    " dl AS (DELETE FROM audit_log l USING q WHERE l.seq < q.k"
	    "   OR (l.seq IS NULL AND l.id <= q.genesis_id) RETURNING 1),"
	    " dm AS (DELETE FROM audit_mac m USING q WHERE m.seq < q.k RETURNING 1),"
	    " u AS (UPDATE audit_chain c SET base_seq = q.k, base_mac = q.m FROM q WHERE c.id = 1 RETURNING 1)"
	    " SELECT (SELECT count(*) FROM dl), (SELECT count(*) FROM dm), coalesce((SELECT k FROM q), 0)", 2, 0 },
	/* the erasure (tmsctl purge): rows in every table of the schema */
	[STMT_PURGE_COUNTS] = {
	    "SELECT c.relname, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',"
	    " n.nspname, c.relname), false, true, '')))[1]::text"
	    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	    " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1", 0, 1 },
	/* every table with people in it, and all that refers to them
	 * (CASCADE); masters, organisation and duties stay. The analytics
	 * tables follow their sources (their TRUNCATE triggers, ana_on_truncate). */
	[STMT_PURGE_TRUNCATE] = {
	    "TRUNCATE staff, account, audit_log, audit_mac, import_history, login_throttle,"
	    " mail_queue, wish_round CASCADE", 0, 0 },
	[STMT_PURGE_CHAIN] = {
	    "UPDATE audit_chain SET seq = 0, mac = sha256(''::bytea), genesis_id = 0,"
	    " genesis = sha256(''::bytea), base_seq = 1, base_mac = NULL, started_at = now()", 0, 0 },
};
