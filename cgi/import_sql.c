/* import_sql.c: the SQL of bulk import and export (cgi/import.c,
 * h_import.c), by enum stmt (cgi/stmts.h). */
#include "stmts.h"

/* where an evaluation comment is: its sealing's additional data */
#define AD_EVAL	"'evaluation:' || staff_id || ':' || fiscal_year || ':' || period || ':' || kind"

const struct db_stmt import_sql[STMT__MAX] = {
	/*
	 * Bulk import and export (cgi/import.c). The staging and validation
	 * live in sql/020_import.sql; temp tables are touched only there.
	 */
	[STMT_IMPORT_TIMEOUT] = {
	    "SELECT set_config('statement_timeout', $1, true)", 1, 0 },
	[STMT_IMPORT_STAGE] = { "SELECT import_stage_create($1)", 1, 0 },
	/* $1 kind, $2 sync, $3 fields present in the file */
	[STMT_IMPORT_RUN] = {
	    "SELECT * FROM import_run($1, $2::boolean, $3::text[])", 3, 0 },
	[STMT_IMPORT_ERRORS] = { "SELECT * FROM import_errors($1::int)", 1, 0 },
	/* $1 account (0: tmsctl), $2 actor, $3 kind, $4 file name, $5 sha256,
	 * $6 encoding, $7 sync, $8 status, $9 rows, $10..$13 created, updated,
	 * unchanged, deleted, $14 errors, $15 file size (the bytes follow in
	 * import_file_chunk, sql/026) */
	[STMT_IMPORT_HISTORY_ADD] = {
	    "INSERT INTO import_history (actor_account_id, actor, kind, file_name, sha256,"
	    " encoding, sync, status, rows_total, created, updated, unchanged, deleted, errors,"
	    " committed_at, file_size)"
	    " VALUES (NULLIF($1::bigint, 0), $2, $3, $4, $5, $6, $7::boolean, $8, $9::int,"
	    " $10::int, $11::int, $12::int, $13::int, $14::int,"
	    " CASE WHEN $8 = 'committed' THEN now() END, $15::bigint) RETURNING id", 15, 0 },
	/* $1 history id, $2 rows, $3..$6 counts, $7 account: a preview becomes committed */
	[STMT_IMPORT_HISTORY_COMMIT] = {
	    "UPDATE import_history SET status = 'committed', committed_at = now(),"
	    " rows_total = $2::int, created = $3::int, updated = $4::int, unchanged = $5::int,"
	    " deleted = $6::int, errors = 0"
	    " WHERE id = $1::bigint AND status = 'preview'"
	    " AND actor_account_id IS NOT DISTINCT FROM NULLIF($7::bigint, 0) RETURNING id", 7, 0 },
	/* $1 history id */
	[STMT_IMPORT_HISTORY_GET] = {
	    "SELECT kind, file_name, encoding, sync, status, sha256, coalesce(actor_account_id, 0),"
	    " file_size FROM import_history WHERE id = $1::bigint", 1, 1 },
	/* $1 history id, $2 chunk number, $3 the chunk's bytes (a binary parameter) */
	/* $4 the key id when the bytes are sealed (import.c), '' if not */
	[STMT_IMPORT_CHUNK_ADD] = {
	    "INSERT INTO import_file_chunk (import_id, seq, data, key_id)"
	    " VALUES ($1::bigint, $2::int, $3::bytea, NULLIF($4, '')::int)", 4, 0 },
	/* $1 history id, $2 chunk number: the bytes and the key id (0: plain),
	 * read with a binary result */
	[STMT_IMPORT_CHUNK_GET] = {
	    "SELECT data, coalesce(key_id, 0) FROM import_file_chunk"
	    " WHERE import_id = $1::bigint AND seq = $2::int", 2, 1 },
	[STMT_IMPORT_HISTORY_LIST] = {
	    "SELECT id, to_char(at, 'YYYY-MM-DD HH24:MI:SS'), actor, kind, file_name,"
	    " left(sha256, 12), encoding, sync, status, rows_total, created, updated, unchanged,"
	    " deleted, errors FROM import_history ORDER BY id DESC LIMIT 20", 0, 1 },
	/* Exports: $1 as-of date ('' for every row), columns in the order of
	 * the kind's fields in cgi/import.c. */
	[STMT_EXPORT_STAFF] = {
	    "SELECT s.staff_no, s.family_name, s.given_name, s.family_kana, s.given_kana,"
	    " s.former_family_name, s.former_family_kana, s.alias_name,"
	    " tms_name_display_label(s.name_display), s.birth_date::text, tms_gender_label(s.gender),"
	    " e.name, s.hire_date::text, s.retire_date::text, s.email, s.phone_ext"
	    " FROM staff s JOIN employment_type e ON e.code = s.employment_type"
	    " WHERE NULLIF($1, '')::date IS NULL OR s.hire_date <= NULLIF($1, '')::date"
	    " ORDER BY s.staff_no", 1, 1 },
	[STMT_EXPORT_UNITS] = {
	    "SELECT u.code, v.name, v.kind, p.code, v.sort_order::text, lower(v.valid)::text,"
	    " (upper(v.valid) - 1)::text"
	    " FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id"
	    " LEFT JOIN org_unit p ON p.id = v.parent_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR v.valid @> NULLIF($1, '')::date"
	    " ORDER BY u.code, lower(v.valid)", 1, 1 },
	[STMT_EXPORT_APPOINTMENTS] = {
	    "SELECT s.staff_no, a.kind, lower(a.valid)::text, (upper(a.valid) - 1)::text, u.code,"
	    " a.position_code, a.job_type_code, a.grade_code,"
	    " CASE WHEN a.is_main THEN '本務' ELSE '兼務' END, a.remarks"
	    " FROM appointment a JOIN staff s ON s.id = a.staff_id JOIN org_unit u ON u.id = a.unit_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR a.valid @> NULLIF($1, '')::date"
	    " ORDER BY s.staff_no, lower(a.valid), u.code", 1, 1 },
	[STMT_EXPORT_QUALS] = {
	    "SELECT s.staff_no, q.qualification_code, q.acquired_on::text, q.expires_on::text,"
	    " q.registration_no FROM staff_qualification q JOIN staff s ON s.id = q.staff_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR q.acquired_on <= NULLIF($1, '')::date"
	    " ORDER BY s.staff_no, q.acquired_on, q.qualification_code", 1, 1 },
	[STMT_EXPORT_TRAINING] = {
	    "SELECT s.staff_no, r.course_code, r.start_date::text, r.end_date::text, r.hours::text,"
	    " r.result FROM training_record r JOIN staff s ON s.id = r.staff_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR r.start_date <= NULLIF($1, '')::date"
	    " ORDER BY s.staff_no, r.start_date, r.course_code", 1, 1 },
	[STMT_EXPORT_EVALS] = {
	    "SELECT s.staff_no, e.fiscal_year::text, e.period, e.kind, e.grade, e.score::text,"
	    " e.evaluator_comment,"	/* then the sealed comment: place, key, hex (import.c) */
	    " 'evaluation:' || e.staff_id || ':' || e.fiscal_year || ':' || e.period || ':' || e.kind,"
	    " coalesce(e.comment_key::text, ''), coalesce(encode(e.comment_sealed, 'hex'), '')"
	    " FROM evaluation e JOIN staff s ON s.id = e.staff_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR e.fiscal_year <="
	    " extract(year FROM NULLIF($1, '')::date - interval '3 months')"
	    " ORDER BY s.staff_no, e.fiscal_year, e.period, e.kind", 1, 1 },
	[STMT_EXPORT_SKILLS] = {
	    "SELECT s.staff_no, k.skill_code, lower(k.valid)::text, (upper(k.valid) - 1)::text,"
	    " k.level::text, k.evidence FROM staff_skill k JOIN staff s ON s.id = k.staff_id"
	    " WHERE NULLIF($1, '')::date IS NULL OR k.valid @> NULLIF($1, '')::date"
	    " ORDER BY s.staff_no, k.skill_code, lower(k.valid)", 1, 1 },
	/* duties (sql/028): the unit of the span in force on the date, or the
	 * latest span; the unit's name as of that day */
	[STMT_EXPORT_DUTIES] = {
	    "SELECT u.code, (SELECT v.name FROM org_unit_version v WHERE v.unit_id = u.id"
	    "   AND lower(v.valid) <= coalesce(NULLIF($1, '')::date, upper(du.valid) - 1, 'infinity')"
	    "   ORDER BY lower(v.valid) DESC LIMIT 1),"
	    " d.id::text, d.name, d.legal_basis, d.description, d.category, d.workload::text,"
	    " d.start_date::text, d.end_date::text, d.status"
	    " FROM duty d JOIN LATERAL (SELECT x.unit_id, x.valid FROM duty_unit x WHERE x.duty_id = d.id"
	    "   AND (NULLIF($1, '')::date IS NULL OR x.valid @> NULLIF($1, '')::date)"
	    "   ORDER BY lower(x.valid) DESC LIMIT 1) du ON true"
	    " JOIN org_unit u ON u.id = du.unit_id"
	    " ORDER BY u.code, d.id", 1, 1 },
	/* duty assignments: the duty's unit on the assignment's first day (or
	 * on the date). Equality joins: per-row subqueries took 557 s for the
	 * 2.4 M assignments of 300,000 staff, these joins 8 s. */
	[STMT_EXPORT_DUTY_ASSIGN] = {
	    "SELECT u.code, v.name, d.id::text, d.name, s.staff_no, staff_display_name(s), a.role,"
	    " a.share::text, lower(a.valid)::text, (upper(a.valid) - 1)::text"
	    " FROM duty_assignment a JOIN duty d ON d.id = a.duty_id JOIN staff s ON s.id = a.staff_id"
	    " LEFT JOIN duty_unit du ON du.duty_id = a.duty_id"
	    "  AND du.valid @> coalesce(NULLIF($1, '')::date, lower(a.valid))"
	    " LEFT JOIN org_unit u ON u.id = du.unit_id"
	    " LEFT JOIN org_unit_version v ON v.unit_id = du.unit_id"
	    "  AND v.valid @> coalesce(NULLIF($1, '')::date, lower(a.valid))"
	    " WHERE NULLIF($1, '')::date IS NULL OR a.valid @> NULLIF($1, '')::date"
	    " ORDER BY d.id, s.staff_no, lower(a.valid)", 1, 1 },

	/*
	 * Sealed fields (sql/064, issue 15): an evaluation comment is sealed
	 * bound to its place (the additional data, computed here and in
	 * h_records.c alike); batches of 1000 in id order, $1 the last id done.
	 */
	/* the sealed comments, to open them for an import's comparison */
	[STMT_SEALED_EVAL_OPEN_LIST] = {
	    "SELECT id, " AD_EVAL ", comment_key, encode(comment_sealed, 'hex') FROM evaluation"
	    " WHERE comment_sealed IS NOT NULL AND id > $1::bigint ORDER BY id LIMIT 1000", 1, 0 },
	/* $1 ids, $2 their plain comments (inside the import's transaction only) */
	[STMT_SEALED_EVAL_OPEN_SET] = {
	    "UPDATE evaluation e SET evaluator_comment = u.c"
	    " FROM unnest($1::bigint[], $2::text[]) AS u(id, c) WHERE e.id = u.id", 2, 0 },
	/* after an import over opened comments: the ones it emptied */
	[STMT_SEALED_EVAL_CLEARED] = {
	    "UPDATE evaluation SET comment_sealed = NULL, comment_key = NULL"
	    " WHERE evaluator_comment IS NULL AND comment_sealed IS NOT NULL", 0, 0 },
	/* plain comments (with the sealed form, if any, to keep it when equal) */
	[STMT_SEALED_EVAL_PLAIN] = {
	    "SELECT id, " AD_EVAL ", evaluator_comment, coalesce(comment_key::text, ''),"
	    " coalesce(encode(comment_sealed, 'hex'), '') FROM evaluation"
	    " WHERE evaluator_comment IS NOT NULL AND id > $1::bigint ORDER BY id LIMIT 1000"
	    " FOR UPDATE", 1, 0 },
	/* $1 ids whose sealed form holds the same comment: drop the plain one */
	[STMT_SEALED_EVAL_KEEP] = {
	    "UPDATE evaluation SET evaluator_comment = NULL WHERE id = ANY($1::bigint[])", 1, 0 },
	/* $1 key id, $2 ids, $3 their sealed comments (hex) */
	[STMT_SEALED_EVAL_STORE] = {
	    "UPDATE evaluation e SET evaluator_comment = NULL, comment_key = $1::int,"
	    " comment_sealed = decode(u.h, 'hex')"
	    " FROM unnest($2::bigint[], $3::text[]) AS u(id, h) WHERE e.id = u.id", 3, 0 },
	/* $1 current key, $2 last id: comments sealed under an older key (rekey) */
	[STMT_SEALED_EVAL_OLD] = {
	    "SELECT id, " AD_EVAL ", comment_key, encode(comment_sealed, 'hex') FROM evaluation"
	    " WHERE comment_key <> $1::int AND id > $2::bigint ORDER BY id LIMIT 1000"
	    " FOR UPDATE", 2, 0 },
	/* $1 current key, $2 $3 the last chunk done: chunks plain or under an
	 * older key, a few at a time (8 MiB each) */
	[STMT_SEALED_CHUNK_LIST] = {
	    "SELECT import_id, seq, coalesce(key_id, 0), encode(data, 'hex') FROM import_file_chunk"
	    " WHERE key_id IS DISTINCT FROM $1::int AND (import_id, seq) > ($2::bigint, $3::int)"
	    " ORDER BY import_id, seq LIMIT 4 FOR UPDATE", 3, 0 },
	/* $1 import, $2 seq, $3 key id, $4 sealed bytes (hex) */
	[STMT_SEALED_CHUNK_STORE] = {
	    "UPDATE import_file_chunk SET key_id = $3::int, data = decode($4, 'hex')"
	    " WHERE import_id = $1::bigint AND seq = $2::int", 4, 0 },
};
