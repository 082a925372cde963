/* wishes_sql.c: the SQL of the wishes survey (意向調査) and its reminder-mail
 * queue (cgi/wishes.c, h_wishes.c, mailq.c, tmsctl rekey), by enum stmt
 * (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt wishes_sql[STMT__MAX] = {
	/*
	 * Wishes survey (意向調査). Rounds, answers and values are in
	 * sql/050_wishes.sql; sealed (confidential) values travel as hex and
	 * are opened only in the application. State: open, upcoming or closed.
	 */
#define WISH_STATE "CASE WHEN wish_round_open(r) THEN 'open' WHEN r.closed_at IS NULL" \
	" AND current_date < r.opens_on THEN 'upcoming' ELSE 'closed' END"
#define WISH_TARGET "CASE r.target_kind WHEN 'all' THEN '全職員' WHEN 'unit' THEN" \
	" coalesce((SELECT v.name FROM org_unit_version v WHERE v.unit_id = r.target_unit_id" \
	" ORDER BY lower(v.valid) DESC LIMIT 1), '') || '（下位組織を含む）'" \
	" ELSE coalesce((SELECT e.name FROM employment_type e WHERE e.code = r.target_etype), '') END"
	[STMT_WISH_ROUNDS_ALL] = {
	    "SELECT r.id, r.fiscal_year, r.title, r.opens_on, r.closes_on, " WISH_TARGET ", "
	    WISH_STATE ", (SELECT count(*) FROM wish_answer a WHERE a.round_id = r.id"
	    " AND a.status = 'submitted')"
	    " FROM wish_round r ORDER BY r.fiscal_year DESC, r.opens_on DESC, r.id DESC LIMIT 100", 0, 1 },
	/* $1 staff: rounds open to them (begun) or answered */
	[STMT_WISH_ROUNDS_MINE] = {
	    "SELECT r.id, r.fiscal_year, r.title, r.opens_on, r.closes_on, " WISH_STATE ","
	    " coalesce(a.status, ''), coalesce(to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), '')"
	    " FROM wish_round r LEFT JOIN wish_answer a ON a.round_id = r.id AND a.staff_id = $1::bigint"
	    " WHERE a.id IS NOT NULL OR (r.opens_on <= current_date"
	    "  AND EXISTS (SELECT 1 FROM wish_targets(r.id, $1::bigint)))"
	    " ORDER BY r.opens_on DESC, r.id DESC LIMIT 50", 1, 1 },
	/* $1 round, $2 staff (0: none): the round, whether it targets them, their answer */
	[STMT_WISH_ROUND] = {
	    "SELECT r.id, r.fiscal_year, r.title, r.opens_on, r.closes_on, " WISH_STATE ","
	    " wish_round_date(r), EXISTS (SELECT 1 FROM wish_targets(r.id, $2::bigint)),"
	    " coalesce(a.id, 0), coalesce(a.status, ''),"
	    " coalesce(to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " coalesce(to_char(a.updated_at, 'YYYY-MM-DD HH24:MI'), ''), " WISH_TARGET
	    " FROM wish_round r LEFT JOIN wish_answer a ON a.round_id = r.id AND a.staff_id = $2::bigint"
	    " WHERE r.id = $1::bigint", 2, 1 },
	/* $1 fiscal year, $2 title, $3 opens, $4 closes, $5 kind, $6 unit code, $7 etype, $8 account */
	[STMT_WISH_ROUND_ADD] = {
	    "INSERT INTO wish_round (fiscal_year, title, opens_on, closes_on, target_kind,"
	    " target_unit_id, target_etype, created_by)"
	    " SELECT $1::int, $2, $3::date, $4::date, $5, u.id, NULLIF($7, ''), NULLIF($8::bigint, 0)"
	    " FROM (SELECT (SELECT id FROM org_unit WHERE code = $6 AND $5 = 'unit') AS id) u"
	    " RETURNING id", 8, 0 },
	[STMT_WISH_ROUND_CLOSE] = {
	    "UPDATE wish_round SET closed_at = now() WHERE id = $1::bigint AND closed_at IS NULL"
	    " RETURNING id", 1, 0 },
	/* $1 answer: question, plain value, sealed (hex), key id */
	[STMT_WISH_VALUES] = {
	    "SELECT question, coalesce(value, ''), coalesce(encode(sealed, 'hex'), ''), coalesce(key_id, 0)"
	    " FROM wish_value WHERE answer_id = $1::bigint ORDER BY question", 1, 1 },
	/* $1 round, $2 staff, $3 submit, $4 values (jsonb): the resulting status */
	[STMT_WISH_SAVE] = {
	    "SELECT wish_save($1::bigint, $2::bigint, $3::bool, $4::jsonb)", 4, 0 },
	/* $1 staff: open rounds they have not submitted (reminder banner) */
	[STMT_WISH_PENDING] = {
	    "SELECT r.id, r.title, r.closes_on FROM wish_round r"
	    " WHERE wish_round_open(r) AND NOT EXISTS (SELECT 1 FROM wish_answer a"
	    "  WHERE a.round_id = r.id AND a.staff_id = $1::bigint AND a.status = 'submitted')"
	    " AND EXISTS (SELECT 1 FROM wish_targets(r.id, $1::bigint))"
	    " ORDER BY r.closes_on LIMIT 3", 1, 1 },
	/*
	 * Targets of round $1 whose wishes viewer $2 may read: relation (today)
	 * within mask $3 (policy: wishes read), self excluded. $4 unit code
	 * (with sub-units, on the round's date), $5 '' | 'submitted' |
	 * 'missing', $6 name/kana/number or words in a plain answer (submitted
	 * only), $7 transfer choice, $8 limit, $9 offset, $10 the mask that may
	 * read sensitive (the legal name behind a 旧姓 or 通称 matches only
	 * there, sql/044). A draft counts as not submitted for everyone but its
	 * author.
	 */
	[STMT_WISH_LIST] = {
	    "WITH RECURSIVE rd AS (SELECT wish_round_date(r) AS d FROM wish_round r WHERE r.id = $1::bigint),"
	    " tree AS MATERIALIZED (SELECT t.* FROM rd, org_tree(rd.d) t),"
	    " fu AS (SELECT unit_id FROM tree WHERE code = $4"
	    "  UNION SELECT t.unit_id FROM tree t JOIN fu ON t.parent_id = fu.unit_id),"
	    " rel AS (SELECT * FROM staff_relations($2::bigint, CURRENT_DATE)),"
	    " c AS (SELECT w.staff_id, w.unit_id, 8 | coalesce(x.rel, 0) AS rel,"
	    "  CASE WHEN a.status = 'submitted' THEN a.id END AS aid, a.submitted_at"
	    "  FROM wish_targets($1::bigint) w LEFT JOIN rel x ON x.staff_id = w.staff_id"
	    "  LEFT JOIN wish_answer a ON a.round_id = $1::bigint AND a.staff_id = w.staff_id),"
	    " hits AS (SELECT c.*, s.staff_no, staff_display_name(s) AS name, staff_sort_kana(s) AS kana,"
	    "  coalesce(tc.value, '') AS choice, count(*) OVER () AS total"
	    "  FROM c JOIN staff s ON s.id = c.staff_id"
	    "  LEFT JOIN wish_value tc ON tc.answer_id = c.aid AND tc.question = 'transfer.choice'"
	    "  WHERE (c.rel & $3::int) <> 0 AND (c.rel & 1) = 0"
	    "  AND ($4 = '' OR c.unit_id IN (SELECT unit_id FROM fu))"
	    "  AND ($5 = '' OR ($5 = 'submitted') = (c.aid IS NOT NULL))"
	    "  AND ($7 = '' OR tc.value = $7)"
	    "  AND ($6 = '' OR s.staff_no = $6 OR strpos(s.shown_key, tms_search_key($6)) > 0"
	    "   OR ((c.rel & $10::int) <> 0 AND strpos(s.hidden_key, tms_search_key($6)) > 0)"
	    "   OR EXISTS (SELECT 1 FROM wish_value v"
	    "   WHERE v.answer_id = c.aid AND strpos(lower(v.value), lower($6)) > 0))"
	    "  ORDER BY staff_sort_kana(s) COLLATE \"ja-x-icu\", c.staff_id LIMIT $8::int OFFSET $9::int)"
	    " SELECT h.staff_id, h.staff_no, h.name, coalesce(t.name_path, ''), coalesce(h.aid, 0),"
	    " coalesce(to_char(h.submitted_at, 'YYYY-MM-DD HH24:MI'), ''), h.rel, h.total, h.choice,"
	    " (SELECT count(*) FROM wish_comment m WHERE m.round_id = $1::bigint AND m.staff_id = h.staff_id)"
	    " FROM hits h LEFT JOIN tree t ON t.unit_id = h.unit_id"
	    " ORDER BY h.kana COLLATE \"ja-x-icu\", h.staff_id", 10, 1 },
	/* $1 round: targets and submissions per main unit on the round's date */
	[STMT_WISH_COMPLETION] = {
	    "WITH rd AS (SELECT wish_round_date(r) AS d FROM wish_round r WHERE r.id = $1::bigint),"
	    " tree AS MATERIALIZED (SELECT t.* FROM rd, org_tree(rd.d) t),"
	    " c AS (SELECT w.unit_id, count(*) AS n, count(a.id) AS done FROM wish_targets($1::bigint) w"
	    "  LEFT JOIN wish_answer a ON a.round_id = $1::bigint AND a.staff_id = w.staff_id"
	    "  AND a.status = 'submitted' GROUP BY w.unit_id)"
	    " SELECT t.code, t.name_path, c.n, c.done FROM c JOIN tree t ON t.unit_id = c.unit_id"
	    " ORDER BY t.path", 1, 1 },
	/* $1 round, $2 staff: supervisors' comments */
	[STMT_WISH_COMMENTS] = {
	    "SELECT m.author_staff_id, staff_display_name(s), m.body,"
	    " to_char(m.updated_at, 'YYYY-MM-DD HH24:MI')"
	    " FROM wish_comment m JOIN staff s ON s.id = m.author_staff_id"
	    " WHERE m.round_id = $1::bigint AND m.staff_id = $2::bigint ORDER BY m.updated_at", 2, 1 },
	[STMT_WISH_COMMENT_SET] = {
	    "SELECT wish_comment_set($1::bigint, $2::bigint, $3::bigint, $4)", 4, 0 },
	/* $1 staff, $2 drafts too: their answers, newest round first */
	[STMT_WISH_STAFF_ANSWERS] = {
	    "SELECT r.id, r.fiscal_year, r.title, a.id, a.status,"
	    " coalesce(to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), '')"
	    " FROM wish_answer a JOIN wish_round r ON r.id = a.round_id"
	    " WHERE a.staff_id = $1::bigint AND (a.status = 'submitted' OR $2::bool)"
	    " ORDER BY r.fiscal_year DESC, r.opens_on DESC LIMIT 5", 2, 1 },
	/* $1 round, $2 account, $3 subject, $4 body: queue a reminder for every
	 * target without a submitted answer who has an address and no reminder
	 * of this round still waiting; the count queued and the count waiting */
	[STMT_WISH_REMIND_QUEUE] = {
	    "WITH t AS (SELECT s.id, s.email, EXISTS (SELECT 1 FROM mail_queue q"
	    "  WHERE q.round_id = $1::bigint AND q.staff_id = s.id AND q.next_at IS NOT NULL) AS pending"
	    "  FROM wish_targets($1::bigint) w JOIN staff s ON s.id = w.staff_id"
	    "  WHERE s.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wish_answer a"
	    "  WHERE a.round_id = $1::bigint AND a.staff_id = w.staff_id AND a.status = 'submitted')),"
	    " ins AS (INSERT INTO mail_queue (queued_by, staff_id, address, template, round_id, subject, body)"
	    "  SELECT $2::bigint, t.id, t.email, 'wish_reminder', $1::bigint, $3, $4"
	    "  FROM t WHERE NOT t.pending ORDER BY t.id RETURNING 1)"
	    " SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM t WHERE t.pending)", 4, 0 },
	/* $1 round: its reminders by state (waiting, sent, failed and to be
	 * retried, given up), the last queued and the last sent */
	[STMT_MAIL_ROUND_STATUS] = {
	    "SELECT count(*) FILTER (WHERE status = 'queued'), count(*) FILTER (WHERE status = 'sent'),"
	    " count(*) FILTER (WHERE status = 'failed' AND next_at IS NOT NULL),"
	    " count(*) FILTER (WHERE status = 'failed' AND next_at IS NULL),"
	    " coalesce(to_char(max(queued_at), 'YYYY-MM-DD HH24:MI'), ''),"
	    " coalesce(to_char(max(sent_at), 'YYYY-MM-DD HH24:MI'), '')"
	    " FROM mail_queue WHERE round_id = $1::bigint", 1, 1 },
	/* $1 round: its failed reminders, newest first */
	[STMT_MAIL_ROUND_FAILED] = {
	    "SELECT coalesce(s.staff_no, ''), coalesce(staff_display_name(s), ''), q.address, q.attempts,"
	    " coalesce(q.last_error, ''), coalesce(to_char(q.next_at, 'YYYY-MM-DD HH24:MI'), ''),"
	    " to_char(q.queued_at, 'YYYY-MM-DD HH24:MI')"
	    " FROM mail_queue q LEFT JOIN staff s ON s.id = q.staff_id"
	    " WHERE q.round_id = $1::bigint AND q.status = 'failed' ORDER BY q.id DESC LIMIT 200", 1, 1 },
	/* $1 lease (seconds): claim the next due message; it comes back due
	 * after the lease if its sender dies */
	[STMT_MAIL_CLAIM] = {
	    "UPDATE mail_queue q SET attempts = q.attempts + 1, next_at = now() + make_interval(secs => $1::int)"
	    " FROM (SELECT id FROM mail_queue WHERE next_at <= now() ORDER BY next_at, id"
	    "  LIMIT 1 FOR UPDATE SKIP LOCKED) c"
	    " WHERE q.id = c.id RETURNING q.id, q.address, q.subject, q.body, q.attempts", 1, 0 },
	[STMT_MAIL_SENT] = {
	    "UPDATE mail_queue SET status = 'sent', sent_at = now(), next_at = NULL, last_error = NULL"
	    " WHERE id = $1::bigint", 1, 0 },
	/* $1 id, $2 reason, $3 worth retrying, $4 attempts allowed: failed, due
	 * again after 1, 2, 4... minutes (at most an hour) or given up */
	[STMT_MAIL_FAILED] = {
	    "UPDATE mail_queue SET status = 'failed', last_error = $2, next_at = CASE"
	    " WHEN $3::bool AND attempts < $4::int"
	    " THEN now() + least(interval '1 hour', interval '1 minute' * power(2, attempts - 1)) END"
	    " WHERE id = $1::bigint", 4, 0 },
	/* milliseconds until the next message is due (-1: none) */
	[STMT_MAIL_NEXT] = {
	    "SELECT coalesce(greatest(0, ceil(extract(epoch FROM min(next_at) - clock_timestamp()) * 1000))::bigint, -1)"
	    " FROM mail_queue WHERE next_at IS NOT NULL", 0, 1 },
	/* $1 round, $2 depth: submitted wishes by unit (rolled up to depth $2) */
	[STMT_WISH_DISTRIBUTION] = {
	    "WITH RECURSIVE rd AS (SELECT wish_round_date(r) AS d FROM wish_round r WHERE r.id = $1::bigint),"
	    " tree AS MATERIALIZED (SELECT t.* FROM rd, org_tree(rd.d) t),"
	    " a AS (SELECT w.unit_id, c.value AS choice, p.value AS posting"
	    "  FROM wish_targets($1::bigint) w JOIN wish_answer x ON x.round_id = $1::bigint"
	    "  AND x.staff_id = w.staff_id AND x.status = 'submitted'"
	    "  LEFT JOIN wish_value c ON c.answer_id = x.id AND c.question = 'transfer.choice'"
	    "  LEFT JOIN wish_value p ON p.answer_id = x.id AND p.question = 'posting'),"
	    " up AS (SELECT t.unit_id, t.unit_id AS gid, t.parent_id, t.depth FROM tree t"
	    "  UNION ALL SELECT up.unit_id, p.unit_id, p.parent_id, p.depth FROM up"
	    "  JOIN tree p ON p.unit_id = up.parent_id WHERE up.depth > $2::int),"
	    " g AS (SELECT up.gid, a.* FROM a JOIN up ON up.unit_id = a.unit_id AND up.depth <= $2::int)"
	    " SELECT t.name_path, count(*), count(*) FILTER (WHERE choice = 'stay'),"
	    " count(*) FILTER (WHERE choice = 'any'), count(*) FILTER (WHERE choice = 'units'),"
	    " count(*) FILTER (WHERE posting = 'yes'), count(*) FILTER (WHERE posting = 'maybe')"
	    " FROM g JOIN tree t ON t.unit_id = g.gid GROUP BY t.name_path, t.path ORDER BY t.path", 2, 1 },
	/*
	 * $1 round, $2 depth: wish fulfilment after the April rotation that
	 * follows the round (4/1 of fiscal year + 1): a "stay" is granted when
	 * the main unit on that day is the unit on the round's date, a wish for
	 * units when it is one of the wished units. "any" is not counted.
	 */
	[STMT_WISH_FULFILMENT] = {
	    "WITH RECURSIVE rd AS (SELECT wish_round_date(r) AS d, make_date(r.fiscal_year + 1, 4, 1) AS apr"
	    "  FROM wish_round r WHERE r.id = $1::bigint),"
	    " tree AS MATERIALIZED (SELECT t.* FROM rd, org_tree(rd.d) t),"
	    " a AS (SELECT w.unit_id, c.value AS choice, x.id AS aid, n.unit_id AS next_unit"
	    "  FROM rd CROSS JOIN wish_targets($1::bigint) w JOIN wish_answer x ON x.round_id = $1::bigint"
	    "  AND x.staff_id = w.staff_id AND x.status = 'submitted'"
	    "  JOIN wish_value c ON c.answer_id = x.id AND c.question = 'transfer.choice'"
	    "  AND c.value IN ('stay', 'units')"
	    "  LEFT JOIN appointment n ON n.staff_id = w.staff_id AND n.is_main AND n.valid @> rd.apr),"
	    " f AS (SELECT a.*, next_unit IS NOT NULL AND CASE WHEN choice = 'stay' THEN next_unit = unit_id"
	    "  ELSE EXISTS (SELECT 1 FROM wish_value v JOIN org_unit u ON u.code = v.value"
	    "   WHERE v.answer_id = a.aid AND v.question LIKE 'transfer.unit_' AND u.id = a.next_unit) END AS ok"
	    "  FROM a),"
	    " up AS (SELECT t.unit_id, t.unit_id AS gid, t.parent_id, t.depth FROM tree t"
	    "  UNION ALL SELECT up.unit_id, p.unit_id, p.parent_id, p.depth FROM up"
	    "  JOIN tree p ON p.unit_id = up.parent_id WHERE up.depth > $2::int),"
	    " g AS (SELECT up.gid, f.* FROM f JOIN up ON up.unit_id = f.unit_id AND up.depth <= $2::int)"
	    " SELECT t.name_path, count(*) FILTER (WHERE choice = 'stay'), count(*) FILTER (WHERE choice = 'stay' AND ok),"
	    " count(*) FILTER (WHERE choice = 'units'), count(*) FILTER (WHERE choice = 'units' AND ok),"
	    " count(*) FILTER (WHERE next_unit IS NULL), (SELECT apr FROM rd)"
	    " FROM g JOIN tree t ON t.unit_id = g.gid GROUP BY t.name_path, t.path ORDER BY t.path", 2, 1 },
	/* tmsctl rekey: sealed values not under key $1 (a batch; $2 skipped) */
	[STMT_WISH_SEALED_OLD] = {
	    "SELECT v.answer_id, v.question, a.round_id, a.staff_id, v.key_id, encode(v.sealed, 'hex')"
	    " FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id"
	    " WHERE v.key_id <> $1::int ORDER BY v.answer_id, v.question LIMIT 500 OFFSET $2::int", 2, 1 },
	/* $1 answer, $2 question, $3 old key, $4 sealed (hex), $5 new key */
	[STMT_WISH_RESEAL] = {
	    "UPDATE wish_value SET sealed = decode($4, 'hex'), key_id = $5::int"
	    " WHERE answer_id = $1::bigint AND question = $2 AND key_id = $3::int RETURNING 1", 5, 0 },
#undef WISH_STATE
#undef WISH_TARGET
};
