/* staff_sql.c: the SQL of staff records: relations, the directory search,
 * the profile, editing, hiring, records (資格/研修/評価), photos and the choices
 * of forms (cgi/staff.c, h_staff*.c, h_records.c, h_photo.c), by enum stmt
 * (cgi/stmts.h). */
#include "stmts.h"

/* The directory search, one text for its three orders (no string is built
 * at run time: the preprocessor joins the literals). $1 viewer (0: anyone,
 * when every mask that matters grants colleagues), $2 as-of, $3 text (name,
 * kana, 通称, 旧姓, staff number), $4 unit code, $5 with sub-units, $6
 * position, $7 employment type, $8 qualification, $9 skill, $10 past unit,
 * $11-$14 the relation masks that may read basic, qualifications, skills and
 * career (filters by a group the viewer may not read never match), $15
 * limit, $16 offset, $17 the mask that may read sensitive (the legal name
 * behind a 旧姓 or 通称 is matched only there: sql/044), $18 today: the
 * relations that grant are today's, whatever the as-of date. The page is
 * read in its order and stops after its rows (index on staff.sort_kana, the
 * reading shown: sql/044); the count stops at 5,001. Each filter is the set
 * of people it lets through, read once (MATERIALIZED). */
#define STAFF_SEARCH(order, outer_order) \
	"WITH RECURSIVE tree AS MATERIALIZED (SELECT * FROM org_tree($2::date))," \
	" fu AS (SELECT unit_id FROM tree WHERE code = $4" \
	"  UNION SELECT t.unit_id FROM tree t JOIN fu ON t.parent_id = fu.unit_id WHERE $5::bool)," \
	" key AS NOT MATERIALIZED (SELECT replace(replace(replace(coalesce(tms_search_key($3), '')," \
	"  '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS k)," \
	" rel AS MATERIALIZED (SELECT * FROM staff_relations($1::bigint, $18::date))," \
	" legal AS MATERIALIZED (SELECT l.id FROM rel r JOIN staff l ON l.id = r.staff_id CROSS JOIN key" \
	"  WHERE $3 <> '' AND ($17::int & 8) = 0 AND (r.rel & $17::int) <> 0" \
	"  AND l.hidden_key LIKE '%' || key.k || '%')," \
	" in_unit AS MATERIALIZED (SELECT DISTINCT x.staff_id FROM appointment x" \
	"  WHERE $4 <> '' AND x.unit_id = ANY ((SELECT array_agg(unit_id) FROM fu)::bigint[])" \
	"  AND x.valid @> $2::date)," \
	" has_qual AS MATERIALIZED (SELECT DISTINCT q.staff_id FROM staff_qualification q" \
	"  WHERE $8 <> '' AND q.qualification_code = $8 AND q.acquired_on <= $2::date)," \
	" has_skill AS MATERIALIZED (SELECT DISTINCT k.staff_id FROM staff_skill k" \
	"  WHERE $9 <> '' AND k.valid @> $2::date AND (k.skill_code = $9" \
	"  OR k.skill_code IN (SELECT code FROM skill WHERE parent_code = $9)))," \
	" was_in AS MATERIALIZED (SELECT DISTINCT x.staff_id FROM appointment x JOIN org_unit u ON u.id = x.unit_id" \
	"  WHERE $10 <> '' AND u.code = $10 AND lower(x.valid) <= $2::date)," \
	" c AS NOT MATERIALIZED (SELECT s.id, s.staff_no, s.sort_kana, m.unit_id AS main_unit," \
	"  m.position_code AS main_pos, 8 | coalesce(r.rel, 0) AS rel, t.path AS upath, p.rank" \
	"  FROM staff s CROSS JOIN key" \
	"  JOIN appointment m ON m.staff_id = s.id AND m.is_main AND m.valid @> $2::date" \
	"  JOIN position p ON p.code = m.position_code" \
	"  LEFT JOIN tree t ON t.unit_id = m.unit_id" \
	"  LEFT JOIN rel r ON r.staff_id = s.id" \
	"  WHERE staff_active(s, $2::date)" \
	"  AND ($3 = '' OR s.staff_no = $3 OR s.shown_key LIKE '%' || key.k || '%'" \
	"   OR (($17::int & 8) <> 0 AND s.hidden_key LIKE '%' || key.k || '%')" \
	"   OR (($17::int & 8) = 0 AND s.id = ANY ((SELECT array_agg(id) FROM legal)::bigint[])))" \
	"  AND ($6 = '' OR m.position_code = $6)" \
	"  AND ($7 = '' OR s.employment_type = $7)" \
	"  AND ((8 | coalesce(r.rel, 0)) & $11::int) <> 0" \
	"  AND ($4 = '' OR s.id IN (SELECT staff_id FROM in_unit))" \
	"  AND ($8 = '' OR (((8 | coalesce(r.rel, 0)) & $12::int) <> 0 AND s.id IN (SELECT staff_id FROM has_qual)))" \
	"  AND ($9 = '' OR (((8 | coalesce(r.rel, 0)) & $13::int) <> 0 AND s.id IN (SELECT staff_id FROM has_skill)))" \
	"  AND ($10 = '' OR (((8 | coalesce(r.rel, 0)) & $14::int) <> 0 AND s.id IN (SELECT staff_id FROM was_in)))" \
	"  )," \
	" hits AS MATERIALIZED (SELECT * FROM c ORDER BY " order " LIMIT $15::int OFFSET $16::int)" \
	" SELECT h.id, h.staff_no, staff_display_name(s), staff_display_kana(s), e.name, t.name, t.name_path, p.name," \
	"  s.photo_sha256 IS NOT NULL, h.rel, (SELECT count(*) FROM (SELECT 1 FROM c LIMIT 5001) n)" \
	" FROM hits h JOIN staff s ON s.id = h.id" \
	" JOIN employment_type e ON e.code = s.employment_type" \
	" JOIN position p ON p.code = h.main_pos" \
	" LEFT JOIN tree t ON t.unit_id = h.main_unit" \
	" ORDER BY " outer_order

const struct db_stmt staff_sql[STMT__MAX] = {
	/* $1 viewer, $2 date (always today: grants come from today's
	 * relations, cgi/staff.c): staff the viewer is self, supervisor or
	 * same_unit to (bits 1, 2, 4), by id; everyone else is a colleague */
	[STMT_VIEWER_RELATIONS] = {
	    "SELECT staff_id, rel FROM staff_relations($1::bigint, $2::date)"
	    " ORDER BY staff_id", 2, 1 },

	/*
	 * Directory search. $1 viewer staff id (0: none), $2 as-of date, $3 text,
	 * $4 unit code, $5 with sub-units, $6 position, $7 employment type,
	 * $8 qualification, $9 skill (or parent skill), $10 past unit code,
	 * $11..$14 relation masks under which the viewer may read basic,
	 * qualifications, skills and career (from the policy), $15 limit,
	 * $16 offset, $17 sensitive mask, $18 today (see STAFF_SEARCH). A
	 * filter on a field group only matches people whose group the viewer
	 * may read, so searching never reveals it.
	 */
	[STMT_STAFF_SEARCH_KANA] = { STAFF_SEARCH("c.sort_kana COLLATE \"ja-x-icu\", c.id",
	    "h.sort_kana COLLATE \"ja-x-icu\", h.id"), 18, 1, 1 },
	[STMT_STAFF_SEARCH_NO] = { STAFF_SEARCH("c.staff_no, c.id", "h.staff_no, h.id"), 18, 1, 1 },
	[STMT_STAFF_SEARCH_UNIT] = { STAFF_SEARCH("c.upath, c.rank DESC, c.sort_kana COLLATE \"ja-x-icu\", c.id",
	    "h.upath, h.rank DESC, h.sort_kana COLLATE \"ja-x-icu\", h.id"), 18, 1, 1 },
	/* $1 subject, $2 as-of: the person (the viewer's relation: STMT_VIEWER_RELATIONS) */
	[STMT_STAFF_PROFILE] = {
	    "SELECT s.id, s.staff_no, staff_display_name(s), s.family_name || ' ' || s.given_name,"
	    " staff_display_kana(s), s.former_family_name, s.former_family_kana,"
	    " s.alias_name, e.name, s.hire_date, s.retire_date, s.birth_date,"
	    " date_part('year', age($2::date, s.birth_date))::int, s.gender, s.email, s.phone_ext,"
	    " s.self_intro, s.photo_sha256 IS NOT NULL, s.name_display,"
	    " staff_active(s, $2::date)"
	    " FROM staff s"
	    " JOIN employment_type e ON e.code = s.employment_type WHERE s.id = $1::bigint", 2, 1 },
	/* $1 subject, $2 as-of: assignments in force (main first) */
	[STMT_STAFF_ASSIGNMENTS] = {
	    "SELECT t.name_path, p.name, a.is_main, a.kind, lower(a.valid), t.code"
	    " FROM appointment a JOIN position p ON p.code = a.position_code"
	    " LEFT JOIN org_tree($2::date) t ON t.unit_id = a.unit_id"
	    " WHERE a.staff_id = $1::bigint AND a.valid @> $2::date"
	    " ORDER BY a.is_main DESC, lower(a.valid)", 2, 1 },
	/* $1 subject, $2 as-of, $3 last day whose end may be shown (planned
	 * transfers stay unannounced): every span begun by then, unit named as then */
	[STMT_STAFF_CAREER] = {
	    "SELECT lower(a.valid), CASE WHEN upper(a.valid) - 1 <= $3::date THEN upper(a.valid) - 1 END,"
	    " a.kind, a.is_main,"
	    " coalesce(pv.name || ' ', '') || v.name, p.name, coalesce(j.name, ''),"
	    " coalesce(g.name, ''), coalesce(a.remarks, ''), u.code"
	    " FROM appointment a JOIN org_unit u ON u.id = a.unit_id"
	    " JOIN org_unit_version v ON v.unit_id = a.unit_id AND v.valid @> lower(a.valid)"
	    " LEFT JOIN org_unit_version pv ON pv.unit_id = v.parent_id AND pv.valid @> lower(a.valid)"
	    " JOIN position p ON p.code = a.position_code"
	    " LEFT JOIN job_type j ON j.code = a.job_type_code"
	    " LEFT JOIN grade g ON g.code = a.grade_code"
	    " WHERE a.staff_id = $1::bigint AND lower(a.valid) <= $2::date"
	    " ORDER BY lower(a.valid) DESC, a.is_main DESC", 3, 1 },
	[STMT_STAFF_QUALS] = {
	    "SELECT q.name, q.category, sq.acquired_on, sq.expires_on,"
	    " coalesce(sq.registration_no, ''),"
	    " CASE WHEN sq.expires_on IS NULL THEN 'none' WHEN sq.expires_on < $2::date THEN 'expired'"
	    "  WHEN sq.expires_on < $2::date + 90 THEN 'soon' ELSE 'valid' END, sq.id"
	    " FROM staff_qualification sq JOIN qualification q ON q.code = sq.qualification_code"
	    " WHERE sq.staff_id = $1::bigint AND sq.acquired_on <= $2::date"
	    " ORDER BY sq.acquired_on DESC", 2, 1 },
	[STMT_STAFF_TRAINING] = {
	    "SELECT c.name, c.category, r.start_date, r.end_date, r.hours, r.result, r.id"
	    " FROM training_record r JOIN training_course c ON c.code = r.course_code"
	    " WHERE r.staff_id = $1::bigint AND r.start_date <= $2::date"
	    " ORDER BY r.start_date DESC LIMIT 200", 2, 1 },
	[STMT_STAFF_SKILLS] = {
	    "SELECT coalesce(ps.name, ''), k.name, sk.level, coalesce(sk.evidence, ''), lower(sk.valid)"
	    " FROM staff_skill sk JOIN skill k ON k.code = sk.skill_code"
	    " LEFT JOIN skill ps ON ps.code = k.parent_code"
	    " WHERE sk.staff_id = $1::bigint AND sk.valid @> $2::date"
	    " ORDER BY ps.sort_order, k.sort_order", 2, 1 },
	/* $1 subject, $2 last fiscal year shown */
	[STMT_STAFF_EVALS] = {
	    "SELECT fiscal_year, period, kind, grade, coalesce(score::text, ''),"
	    " coalesce(evaluator_comment, ''), id,"	/* then the sealed comment (sql/064) */
	    " 'evaluation:' || staff_id || ':' || fiscal_year || ':' || period || ':' || kind,"
	    " coalesce(comment_key::text, ''), coalesce(encode(comment_sealed, 'hex'), '')"
	    " FROM evaluation WHERE staff_id = $1::bigint AND fiscal_year <= $2::int"
	    " ORDER BY fiscal_year DESC, period DESC, kind", 2, 1 },
	/* $1 subject: recent views of the profile by others */
	[STMT_STAFF_VIEWERS] = {
	    "SELECT to_char(l.at, 'YYYY-MM-DD HH24:MI'), l.actor_role,"
	    " coalesce(staff_display_name(s), ''), coalesce((l.detail->>'rel')::int, 8)"
	    " FROM audit_log l LEFT JOIN staff s ON s.id = l.actor_staff_id"
	    " WHERE l.subject_staff_id = $1::bigint AND l.action = 'view' AND l.target = 'profile'"
	    " AND l.actor_staff_id IS DISTINCT FROM $1::bigint"
	    " ORDER BY l.at DESC LIMIT 20", 1, 1 },
	[STMT_OPT_POSITIONS] = { "SELECT code, name FROM position ORDER BY rank DESC", 0, 1 },
	[STMT_OPT_ETYPES] = { "SELECT code, name FROM employment_type ORDER BY sort_order", 0, 1 },
	[STMT_OPT_QUALS] = { "SELECT code, name FROM qualification ORDER BY category, name", 0, 1 },
	[STMT_OPT_SKILLS] = {
	    "SELECT k.code, coalesce(p.name || ' › ', '') || k.name FROM skill k"
	    " LEFT JOIN skill p ON p.code = k.parent_code"
	    " ORDER BY coalesce(p.sort_order, k.sort_order), p.code NULLS FIRST, k.sort_order", 0, 1 },
	/* every unit that ever existed, named by its latest version (経験所属) */
	[STMT_OPT_UNITS_EVER] = {
	    "SELECT DISTINCT ON (u.code) u.code, v.name FROM org_unit u"
	    " JOIN org_unit_version v ON v.unit_id = u.id WHERE v.kind <> '出向先'"
	    " ORDER BY u.code, lower(v.valid) DESC", 0, 1 },
	/* $1 id, $2 viewer: editable fields (order of h_staff_edit.c), relation
	 * today, version, display name */
	[STMT_STAFF_RAW] = {
	    "SELECT s.id, s.family_name, s.given_name, s.family_kana, s.given_kana,"
	    " coalesce(s.former_family_name, ''), coalesce(s.former_family_kana, ''),"
	    " coalesce(s.alias_name, ''), s.name_display, s.employment_type, s.hire_date::text,"
	    " s.birth_date::text, s.gender, coalesce(s.email, ''), coalesce(s.phone_ext, ''),"
	    " coalesce(s.self_intro, ''),"
	    " staff_rel(s.id, $2::bigint, CURRENT_DATE),"
	    " (extract(epoch FROM s.updated_at) * 1000000)::bigint::text, staff_display_name(s)"
	    " FROM staff s"
	    " WHERE s.id = $1::bigint", 2, 1 },
	/* $1 id, $2..$16 fields, $17 version read with the form (optimistic lock) */
	[STMT_STAFF_UPDATE] = {
	    "UPDATE staff SET family_name = $2, given_name = $3, family_kana = tms_kana($4),"
	    " given_kana = tms_kana($5), former_family_name = NULLIF($6, ''),"
	    " former_family_kana = tms_kana(NULLIF($7, '')), alias_name = NULLIF($8, ''),"
	    " name_display = $9, employment_type = $10, hire_date = $11::date,"
	    " birth_date = $12::date, gender = $13, email = NULLIF($14, ''),"
	    " phone_ext = NULLIF($15, ''), self_intro = NULLIF($16, ''), updated_at = now()"
	    " WHERE id = $1::bigint"
	    " AND (extract(epoch FROM updated_at) * 1000000)::bigint::text = $17"
	    " RETURNING id", 17, 0 },
	[STMT_APPOINTMENT_ADD] = {
	    "SELECT appointment_add($1::bigint, $2, $3::date, $4, $5, $6::bool, $7::date,"
	    " $8, $9, $10)", 10, 0 },
	/* $6: the ids of the later rows the change removes ("1,2"; '' none),
	 * as hr confirmed them (sql/047) */
	[STMT_SKILL_SET] = {
	    "SELECT staff_skill_set($1::bigint, $2, $3::int, $4, $5::date,"
	    " string_to_array(NULLIF($6, ''), ',')::bigint[])", 6, 0 },
	/* $1 id, $2 skill, $3 date: the rows a change from $3 would remove
	 * (those beginning after it): id, skill name, from, to (last day), level,
	 * evidence; ids in the order staff_skill_set compares them */
	[STMT_SKILL_LATER] = {
	    "SELECT s.id, k.name, lower(s.valid)::text, coalesce((upper(s.valid) - 1)::text, ''),"
	    " s.level, coalesce(s.evidence, '')"
	    " FROM staff_skill s JOIN skill k ON k.code = s.skill_code"
	    " WHERE s.staff_id = $1::bigint AND s.skill_code = $2 AND lower(s.valid) > $3::date"
	    " ORDER BY s.id", 3, 1 },
	/* $1 id: photo hash ('' if none) */
	[STMT_STAFF_PHOTO] = {
	    "SELECT coalesce(s.photo_sha256, '') FROM staff s WHERE s.id = $1::bigint", 1, 1 },
	/* records: upsert by natural key ($1 staff, then the fields of h_records.c) */
	[STMT_QUAL_UPSERT] = {
	    "INSERT INTO staff_qualification (staff_id, qualification_code, acquired_on,"
	    " expires_on, registration_no) VALUES ($1::bigint, $2, $3::date,"
	    " NULLIF($4, '')::date, NULLIF($5, ''))"
	    " ON CONFLICT (staff_id, qualification_code, acquired_on) DO UPDATE"
	    " SET expires_on = EXCLUDED.expires_on, registration_no = EXCLUDED.registration_no", 5, 0 },
	[STMT_QUAL_DELETE] = {
	    "DELETE FROM staff_qualification WHERE staff_id = $1::bigint AND id = $2::bigint", 2, 0 },
	[STMT_TRAINING_UPSERT] = {
	    "INSERT INTO training_record (staff_id, course_code, start_date, end_date, hours, result)"
	    " VALUES ($1::bigint, $2, $3::date, $4::date, $5::numeric, $6)"
	    " ON CONFLICT (staff_id, course_code, start_date) DO UPDATE"
	    " SET end_date = EXCLUDED.end_date, hours = EXCLUDED.hours, result = EXCLUDED.result", 6, 0 },
	[STMT_TRAINING_DELETE] = {
	    "DELETE FROM training_record WHERE staff_id = $1::bigint AND id = $2::bigint", 2, 0 },
	/* $7 the comment in plain text ('' when sealed), $8 key id and $9 the
	 * sealed comment in hex (h_records.c; '' when none) */
	[STMT_EVAL_UPSERT] = {
	    "INSERT INTO evaluation (staff_id, fiscal_year, period, kind, grade, score,"
	    " evaluator_comment, comment_key, comment_sealed)"
	    " VALUES ($1::bigint, $2::int, $3, $4, $5, NULLIF($6, '')::numeric, NULLIF($7, ''),"
	    " NULLIF($8, '')::int, decode(NULLIF($9, ''), 'hex'))"
	    " ON CONFLICT (staff_id, fiscal_year, period, kind) DO UPDATE"
	    " SET grade = EXCLUDED.grade, score = EXCLUDED.score,"
	    " evaluator_comment = EXCLUDED.evaluator_comment, comment_key = EXCLUDED.comment_key,"
	    " comment_sealed = EXCLUDED.comment_sealed", 9, 0 },
	[STMT_EVAL_DELETE] = {
	    "DELETE FROM evaluation WHERE staff_id = $1::bigint AND id = $2::bigint", 2, 0 },
	[STMT_STAFF_HIRE] = {
	    "SELECT staff_hire($1, $2, $3, $4, $5, $6::date, $7, $8, $9::date, $10, $11)", 11, 0 },
	[STMT_STAFF_RETIRE] = { "SELECT staff_retire($1::bigint, $2::date)", 2, 0 },
	[STMT_OPT_COURSES] = { "SELECT code, name FROM training_course ORDER BY category, name", 0, 1 },
	[STMT_STAFF_PHOTO_SET] = {
	    "UPDATE staff SET photo_sha256 = $2, updated_at = now() WHERE id = $1::bigint", 2, 0 },
	[STMT_OPT_JOBS] = { "SELECT code, name FROM job_type ORDER BY sort_order", 0, 1 },
	[STMT_OPT_GRADES] = { "SELECT code, name FROM grade ORDER BY rank", 0, 1 },
};
