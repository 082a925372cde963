/* stmts.c: the SQL of the application, one enum-indexed table (kcgi style).
 * Every statement is prepared at connect time; parameters only, no string
 * building anywhere. Fields after the SQL: the number of parameters; 1 if it
 * is safe to re-send after a dropped connection (reads, and the idempotent
 * session touch); 1 for catch-all searches, which are planned for each
 * call's parameters instead of once (lib/db.c). */
#include <stdio.h>
#include <stdlib.h>
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

/* Account a may be used on date d: a service account (no staff record), or
 * its person is in service that day, from the 採用 date to the last day of
 * a 退職 (staff_active() in sql/003). */
#define ACCOUNT_IN_SERVICE(d) \
	"(a.staff_id IS NULL OR EXISTS (SELECT 1 FROM staff st WHERE st.id = a.staff_id" \
	" AND st.hire_date <= " d "::date AND (st.retire_date IS NULL OR st.retire_date >= " d "::date)))"

const struct db_stmt app_sql[STMT__MAX] = {
	[STMT_PING] = { "SELECT 1", 0, 1 },
	/* the data version results are cached under (sql/009, lib/qcache.c) */
	[STMT_DATA_VERSION] = { "SELECT v FROM data_version", 0, 1 },
	/* $1 viewer, $2 date (always today: grants come from today's
	 * relations, cgi/staff.c): staff the viewer is self, supervisor or
	 * same_unit to (bits 1, 2, 4), by id; everyone else is a colleague */
	[STMT_VIEWER_RELATIONS] = {
	    "SELECT staff_id, rel FROM staff_relations($1::bigint, $2::date)"
	    " ORDER BY staff_id", 2, 1 },
	/* $1 token hash, $2 idle minutes, $3 absolute minutes, $4 today.
	 * last_seen is written at most once a minute, so parallel requests of
	 * one session do not queue on its row lock (idle timeout precision: one
	 * minute). An account of a staff member holds only while the person is
	 * in service today (ACCOUNT_IN_SERVICE): the day after the last day of a
	 * 退職 every open session of it ends, with no batch job. */
	[STMT_SESSION_TOUCH] = {
	    "WITH s AS (SELECT account_id FROM session WHERE token_hash = $1"
	    " AND last_seen > now() - make_interval(mins => $2::int)"
	    " AND created_at > now() - make_interval(mins => $3::int)),"
	    " u AS (UPDATE session SET last_seen = now() WHERE token_hash = $1"
	    " AND last_seen < now() - interval '1 minute' AND EXISTS (SELECT 1 FROM s))"
	    " SELECT a.id, a.login, a.display_name, a.role, coalesce(a.staff_id, 0),"
	    " (SELECT v FROM data_version)"
	    " FROM s JOIN account a ON a.id = s.account_id WHERE NOT a.disabled"
	    " AND " ACCOUNT_IN_SERVICE("$4"),
	    4, 1 },
	/* $1 token hash, $2 account id, $3 address */
	[STMT_SESSION_CREATE] = {
	    "INSERT INTO session (token_hash, account_id, client_addr)"
	    " VALUES ($1, $2, $3)", 3, 0 },
	[STMT_SESSION_DELETE] = {
	    "DELETE FROM session WHERE token_hash = $1", 1, 0 },
	/* $1 absolute minutes */
	[STMT_SESSION_PURGE] = {
	    "DELETE FROM session"
	    " WHERE created_at < now() - make_interval(mins => $1::int)", 1, 0 },
	/* $1 login, $2 today */
	[STMT_ACCOUNT_BY_LOGIN] = {
	    "SELECT id, login, display_name, role, password_hash, disabled,"
	    " " ACCOUNT_IN_SERVICE("$2") " FROM account a WHERE login = $1", 2, 1 },
	/* $1 login, $2 address, $3 window minutes */
	[STMT_LOGIN_FAILURES] = {
	    "SELECT count(*) FILTER (WHERE login = $1),"
	    " count(*) FILTER (WHERE client_addr = $2)"
	    " FROM login_failure"
	    " WHERE at > now() - make_interval(mins => $3::int)"
	    " AND (login = $1 OR client_addr = $2)", 3, 1 },
	[STMT_LOGIN_FAILURE_ADD] = {
	    "INSERT INTO login_failure (login, client_addr) VALUES ($1, $2)", 2, 0 },
	[STMT_LOGIN_FAILURE_CLEAR] = {
	    "DELETE FROM login_failure WHERE login = $1", 1, 0 },
	[STMT_ACCOUNT_LIST] = {
	    "SELECT id, login, display_name, role, disabled,"
	    " to_char(created_at, 'YYYY-MM-DD')"
	    " FROM account ORDER BY role DESC, login", 0, 1 },
	/* $1 login, $2 name, $3 role, $4 password hash, $5 staff number or '' */
	[STMT_ACCOUNT_UPSERT] = {
	    "INSERT INTO account (login, display_name, role, password_hash, staff_id)"
	    " VALUES ($1, $2, $3, $4, (SELECT id FROM staff WHERE staff_no = NULLIF($5, '')))"
	    " ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name,"
	    " role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,"
	    " staff_id = EXCLUDED.staff_id, disabled = false RETURNING id, staff_id IS NOT NULL", 5, 0 },

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
	    " coalesce(evaluator_comment, ''), id"
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
	/* $1 account, $2 staff, $3 role, $4 action, $5 subject, $6 target, $7 detail, $8 addr, $9 result */
	[STMT_AUDIT_ADD] = {
	    "INSERT INTO audit_log (actor_account_id, actor_staff_id, actor_role, action,"
	    " subject_staff_id, target, detail, client_addr, result)"
	    " VALUES (NULLIF($1::bigint, 0), NULLIF($2::bigint, 0), $3, $4, NULLIF($5::bigint, 0),"
	    " $6, $7::jsonb, $8, $9)", 9, 0 },
	/* $1 as-of: units with depth, main-member headcount and the head */
	[STMT_ORG_CHART] = {
	    "WITH t AS MATERIALIZED (SELECT * FROM org_tree($1::date)),"
	    " cnt AS (SELECT a.unit_id, count(*) AS n FROM appointment a JOIN staff s ON s.id = a.staff_id"
	    "  WHERE a.is_main AND a.valid @> $1::date AND staff_active(s, $1::date) GROUP BY a.unit_id),"
	    " heads AS (SELECT DISTINCT ON (a.unit_id) a.unit_id,"
	    "  staff_display_name(s) || '（' || p.name || '）' AS head"
	    "  FROM appointment a JOIN position p ON p.code = a.position_code AND p.is_head"
	    "  JOIN staff s ON s.id = a.staff_id WHERE a.valid @> $1::date"
	    "  ORDER BY a.unit_id, a.is_main DESC, p.rank DESC)"
	    " SELECT t.code, t.name, t.kind, t.depth, t.name_path, coalesce(cnt.n, 0),"
	    " coalesce(heads.head, '')"
	    " FROM t LEFT JOIN cnt ON cnt.unit_id = t.unit_id LEFT JOIN heads ON heads.unit_id = t.unit_id"
	    " ORDER BY t.path", 1, 1 },
	/* $1 as-of: units for choices (columns 0-4 as in STMT_ORG_CHART) */
	[STMT_UNIT_OPTIONS] = {
	    "SELECT code, name, kind, depth, name_path FROM org_tree($1::date) ORDER BY path", 1, 1 },
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
	[STMT_EVAL_UPSERT] = {
	    "INSERT INTO evaluation (staff_id, fiscal_year, period, kind, grade, score, evaluator_comment)"
	    " VALUES ($1::bigint, $2::int, $3, $4, $5, NULLIF($6, '')::numeric, NULLIF($7, ''))"
	    " ON CONFLICT (staff_id, fiscal_year, period, kind) DO UPDATE"
	    " SET grade = EXCLUDED.grade, score = EXCLUDED.score,"
	    " evaluator_comment = EXCLUDED.evaluator_comment", 7, 0 },
	[STMT_EVAL_DELETE] = {
	    "DELETE FROM evaluation WHERE staff_id = $1::bigint AND id = $2::bigint", 2, 0 },
	[STMT_STAFF_HIRE] = {
	    "SELECT staff_hire($1, $2, $3, $4, $5, $6::date, $7, $8, $9::date, $10, $11)", 11, 0 },
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
	[STMT_STAFF_RETIRE] = { "SELECT staff_retire($1::bigint, $2::date)", 2, 0 },
	[STMT_OPT_COURSES] = { "SELECT code, name FROM training_course ORDER BY category, name", 0, 1 },
	[STMT_STAFF_PHOTO_SET] = {
	    "UPDATE staff SET photo_sha256 = $2, updated_at = now() WHERE id = $1::bigint", 2, 0 },

	/*
	 * Analytics (h_analytics.c): figures from sql/040_analytics.sql, all in
	 * one long shape (row key, row label, column key, column label, value,
	 * people in the cell, base). $1 date, $2 unit code ('' = whole city).
	 */
#define ANA_FIG(f) "SELECT rkey, rlabel, ckey, clabel, val, n, base, cord FROM " f " ORDER BY rord, rkey, cord"
	/* $1 date, $2 viewer staff id (0: every unit, else the units the viewer
	 * heads today: a past date never gives back a former head's rights) */
	/* $1 viewer, $2 today: whether the viewer heads any unit (the menu) */
	[STMT_ANA_HEADS_ANY] = {
	    "SELECT cardinality((viewer_scope($1::bigint, $2::date)).supervised) > 0", 2, 1 },
	[STMT_ANA_UNITS] = {
	    "SELECT t.code, t.name, t.depth FROM org_tree($1::date) t"
	    " WHERE $2::bigint = 0 OR t.unit_id = ANY ((viewer_scope($2::bigint, CURRENT_DATE)).supervised)"
	    " ORDER BY t.path", 2, 1 },
	/* $3 page (overview, flow, eval, dev) or one figure (CSV): the figures
	 * on one snapshot of the staff; column 8 names the figure */
	[STMT_ANA_PAGE] = {
	    "SELECT rkey, rlabel, ckey, clabel, val, n, base, cord, chart"
	    " FROM ana_page($1::date, $2, $3) ORDER BY chart, rord, rkey, cord", 3, 1 },
	/* $3 row dimension, $4 column dimension, $5 measure (count, age, service) */
	[STMT_ANA_CROSSTAB] = { ANA_FIG("ana_crosstab($1::date, $2, $3, $4, $5)"), 5, 1 },
	/* $1 first date, $2 second date, $3 unit code */
	[STMT_ANA_COMPARE] = { ANA_FIG("ana_compare($1::date, $2::date, $3)"), 3, 1 },
	/* $4 how many (NULL: all); column 6 counts them all */
	[STMT_ANA_MOVES] = {
	    "SELECT m.change, m.staff_no, staff_display_name(s), coalesce(m.unit1, ''), coalesce(m.unit2, ''), m.total"
	    " FROM (SELECT m.*, count(*) OVER () AS total FROM ana_moves($1::date, $2::date, $3) m"
	    "       ORDER BY m.change, m.kana COLLATE \"ja-x-icu\", m.staff_id LIMIT $4::int) m"
	    " JOIN staff s ON s.id = m.staff_id"
	    " ORDER BY m.change, m.kana COLLATE \"ja-x-icu\", m.staff_id", 4, 1 },
	[STMT_ANA_UNIT_CHANGES] = {
	    "SELECT change, code, coalesce(name1, ''), coalesce(name2, '')"
	    " FROM ana_unit_changes($1::date, $2::date, $3) ORDER BY change, code", 3, 1 },
	/* $1 date, $2 unit code: every cross-tab of two dimensions, each one and
	 * the whole (sql/045), for small-cell suppression across figures */
	[STMT_ANA_CUBE] = {
	    "SELECT gs, u, po, et, ag, ge, gr, n, sage, sdays FROM ana_cube($1::date, $2)", 2, 1 },
#undef ANA_FIG
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
	[STMT_IMPORT_CHUNK_ADD] = {
	    "INSERT INTO import_file_chunk (import_id, seq, data) VALUES ($1::bigint, $2::int, $3::bytea)", 3, 0 },
	/* $1 history id, $2 chunk number: the bytes (read with a binary result) */
	[STMT_IMPORT_CHUNK_GET] = {
	    "SELECT data FROM import_file_chunk WHERE import_id = $1::bigint AND seq = $2::int", 2, 1 },
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
	    " e.evaluator_comment FROM evaluation e JOIN staff s ON s.id = e.staff_id"
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

	/*
	 * Master tables (h_masters.c). LIST: $1 code ('' = every row); columns
	 * are the form's fields in order as text, then how many records use the
	 * row, how many child rows it has (skills), its depth in the tree and
	 * the name of its parent (skills). UPSERT: $1 code, the fields, and
	 * last a flag: true = create (a row with that code already there
	 * returns nothing), false = update (a missing row returns nothing).
	 * The code is the natural key and never changes. DELETE returns the
	 * code; a row still in use fails with 23503.
	 */
	[STMT_MASTER_COUNTS] = {
	    "SELECT (SELECT count(*) FROM position), (SELECT count(*) FROM job_type),"
	    " (SELECT count(*) FROM grade), (SELECT count(*) FROM employment_type),"
	    " (SELECT count(*) FROM qualification), (SELECT count(*) FROM training_course),"
	    " (SELECT count(*) FROM skill)", 0, 1 },
	[STMT_POSITION_LIST] = {
	    "SELECT m.code, m.name, m.rank::text, m.is_head, coalesce(u.n, 0), 0, 0, ''"
	    " FROM position m LEFT JOIN (SELECT position_code AS code, count(*) AS n"
	    " FROM appointment GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.rank DESC, m.code", 1, 1 },
	[STMT_POSITION_UPSERT] = {
	    "INSERT INTO position (code, name, rank, is_head)"
	    " SELECT $1, $2, $3::int, $4::bool"
	    " WHERE $5::bool OR EXISTS (SELECT 1 FROM position WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank,"
	    " is_head = EXCLUDED.is_head WHERE NOT $5::bool RETURNING code", 5, 0 },
	[STMT_POSITION_DELETE] = {
	    "DELETE FROM position WHERE code = $1 RETURNING code", 1, 0 },
	[STMT_JOBTYPE_LIST] = {
	    "SELECT m.code, m.name, m.sort_order::text, coalesce(u.n, 0), 0, 0, ''"
	    " FROM job_type m LEFT JOIN (SELECT job_type_code AS code, count(*) AS n"
	    " FROM appointment GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.sort_order, m.code", 1, 1 },
	[STMT_JOBTYPE_UPSERT] = {
	    "INSERT INTO job_type (code, name, sort_order)"
	    " SELECT $1, $2, $3::int"
	    " WHERE $4::bool OR EXISTS (SELECT 1 FROM job_type WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
	    " sort_order = EXCLUDED.sort_order WHERE NOT $4::bool RETURNING code", 4, 0 },
	[STMT_JOBTYPE_DELETE] = {
	    "DELETE FROM job_type WHERE code = $1 RETURNING code", 1, 0 },
	[STMT_GRADE_LIST] = {
	    "SELECT m.code, m.name, m.rank::text, coalesce(u.n, 0), 0, 0, ''"
	    " FROM grade m LEFT JOIN (SELECT grade_code AS code, count(*) AS n"
	    " FROM appointment GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.rank, m.code", 1, 1 },
	[STMT_GRADE_UPSERT] = {
	    "INSERT INTO grade (code, name, rank)"
	    " SELECT $1, $2, $3::int"
	    " WHERE $4::bool OR EXISTS (SELECT 1 FROM grade WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
	    " rank = EXCLUDED.rank WHERE NOT $4::bool RETURNING code", 4, 0 },
	[STMT_GRADE_DELETE] = {
	    "DELETE FROM grade WHERE code = $1 RETURNING code", 1, 0 },
	[STMT_ETYPE_LIST] = {
	    "SELECT m.code, m.name, m.sort_order::text, coalesce(u.n, 0), 0, 0, ''"
	    " FROM employment_type m LEFT JOIN (SELECT employment_type AS code, count(*) AS n"
	    " FROM staff GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.sort_order, m.code", 1, 1 },
	[STMT_ETYPE_UPSERT] = {
	    "INSERT INTO employment_type (code, name, sort_order)"
	    " SELECT $1, $2, $3::int"
	    " WHERE $4::bool OR EXISTS (SELECT 1 FROM employment_type WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
	    " sort_order = EXCLUDED.sort_order WHERE NOT $4::bool RETURNING code", 4, 0 },
	[STMT_ETYPE_DELETE] = {
	    "DELETE FROM employment_type WHERE code = $1 RETURNING code", 1, 0 },
	[STMT_QUALM_LIST] = {
	    "SELECT m.code, m.name, m.category, m.has_expiry, coalesce(u.n, 0), 0, 0, ''"
	    " FROM qualification m LEFT JOIN (SELECT qualification_code AS code, count(*) AS n"
	    " FROM staff_qualification GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.category, m.name, m.code", 1, 1 },
	[STMT_QUALM_UPSERT] = {
	    "INSERT INTO qualification (code, name, category, has_expiry)"
	    " SELECT $1, $2, $3, $4::bool"
	    " WHERE $5::bool OR EXISTS (SELECT 1 FROM qualification WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,"
	    " has_expiry = EXCLUDED.has_expiry WHERE NOT $5::bool RETURNING code", 5, 0 },
	[STMT_QUALM_DELETE] = {
	    "DELETE FROM qualification WHERE code = $1 RETURNING code", 1, 0 },
	[STMT_COURSE_LIST] = {
	    "SELECT m.code, m.name, m.category, m.hours::text, coalesce(u.n, 0), 0, 0, ''"
	    " FROM training_course m LEFT JOIN (SELECT course_code AS code, count(*) AS n"
	    " FROM training_record GROUP BY 1) u USING (code)"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY m.category, m.name, m.code", 1, 1 },
	[STMT_COURSE_UPSERT] = {
	    "INSERT INTO training_course (code, name, category, hours)"
	    " SELECT $1, $2, $3, $4::numeric"
	    " WHERE $5::bool OR EXISTS (SELECT 1 FROM training_course WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,"
	    " hours = EXCLUDED.hours WHERE NOT $5::bool RETURNING code", 5, 0 },
	[STMT_COURSE_DELETE] = {
	    "DELETE FROM training_course WHERE code = $1 RETURNING code", 1, 0 },
	/* skills in tree order (siblings by sort order, then code) */
	[STMT_SKILLM_LIST] = {
	    "WITH RECURSIVE t AS ("
	    "  SELECT s.code, 0 AS depth, ARRAY[lpad(s.sort_order::text, 10, '0') || s.code] AS path"
	    "  FROM skill s WHERE s.parent_code IS NULL"
	    "  UNION ALL SELECT s.code, t.depth + 1, t.path || (lpad(s.sort_order::text, 10, '0') || s.code)"
	    "  FROM skill s JOIN t ON s.parent_code = t.code WHERE t.depth < 20)"
	    " SELECT m.code, m.name, coalesce(m.parent_code, ''), m.sort_order::text, coalesce(u.n, 0),"
	    " (SELECT count(*) FROM skill c WHERE c.parent_code = m.code), t.depth, coalesce(p.name, '')"
	    " FROM skill m JOIN t ON t.code = m.code LEFT JOIN skill p ON p.code = m.parent_code"
	    " LEFT JOIN (SELECT skill_code, count(*) AS n FROM staff_skill GROUP BY 1) u ON u.skill_code = m.code"
	    " WHERE $1 = '' OR m.code = $1 ORDER BY t.path", 1, 1 },
	[STMT_SKILLM_UPSERT] = {
	    "INSERT INTO skill (code, name, parent_code, sort_order)"
	    " SELECT $1, $2, NULLIF($3, ''), $4::int"
	    " WHERE $5::bool OR EXISTS (SELECT 1 FROM skill WHERE code = $1)"
	    " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code,"
	    " sort_order = EXCLUDED.sort_order WHERE NOT $5::bool RETURNING code", 5, 0 },
	[STMT_SKILLM_DELETE] = {
	    "DELETE FROM skill WHERE code = $1 RETURNING code", 1, 0 },
	/*
	 * Duties (事務分掌), h_duties.c. Task states: done, overdue (due before
	 * today), soon (due within 7 days), ok. Relations to a unit are the bits
	 * of duty_unit_rel() (sql/030_duties.sql), always today's: an as-of
	 * date changes the register shown, never who may read or edit it.
	 */
	/* $1 unit code, $2 as-of, $3 viewer */
	[STMT_DUTY_UNIT] = {
	    "SELECT t.unit_id, t.code, t.name, t.name_path, duty_unit_rel(t.unit_id, $3::bigint, CURRENT_DATE)"
	    " FROM org_tree($2::date) t WHERE t.code = $1", 3, 1 },
	/* $1 viewer, $2 as-of: the viewer's own unit */
	[STMT_DUTY_MY_UNIT] = {
	    "SELECT u.code FROM appointment a JOIN org_unit u ON u.id = a.unit_id"
	    " WHERE a.staff_id = $1::bigint AND a.valid @> $2::date"
	    " ORDER BY a.is_main DESC, lower(a.valid) LIMIT 1", 2, 1 },
	/* $1 unit id, $2 as-of: the register */
	[STMT_DUTY_REGISTER] = {
	    "SELECT d.id, d.name, d.legal_basis, d.category, d.workload::text, d.start_date,"
	    " coalesce(d.end_date::text, ''), d.status,"
	    " coalesce(string_agg(staff_display_name(s), '、' ORDER BY staff_sort_kana(s)) FILTER (WHERE a.role = '主担当'), ''),"
	    " coalesce(string_agg(staff_display_name(s), '、' ORDER BY staff_sort_kana(s)) FILTER (WHERE a.role = '副担当'), ''),"
	    " (SELECT count(*) FROM duty_task k WHERE k.duty_id = d.id AND k.status <> '完了'),"
	    " d.description, coalesce(sum(a.share), 0)::text"
	    " FROM duty_unit du JOIN duty d ON d.id = du.duty_id"
	    " LEFT JOIN duty_assignment a ON a.duty_id = d.id AND a.valid @> $2::date"
	    " LEFT JOIN staff s ON s.id = a.staff_id"
	    " WHERE du.unit_id = $1::bigint AND du.valid @> $2::date"
	    " GROUP BY d.id ORDER BY d.category, d.name, d.id", 2, 1 },
	/* $1 duty, $2 as-of, $3 viewer: the duty and its unit then (else the nearest) */
	[STMT_DUTY_GET] = {
	    "SELECT d.id, d.name, d.legal_basis, d.description, d.category, d.workload::text, d.start_date,"
	    " coalesce(d.end_date::text, ''), d.status, u.code, coalesce(t.name_path, v.name),"
	    " duty_unit_rel(u.id, $3::bigint, CURRENT_DATE), u.id, du.valid @> $2::date"
	    " FROM duty d"
	    " JOIN LATERAL (SELECT * FROM duty_unit x WHERE x.duty_id = d.id ORDER BY x.valid @> $2::date DESC,"
	    "  lower(x.valid) <= $2::date DESC, lower(x.valid) DESC LIMIT 1) du ON true"
	    " JOIN org_unit u ON u.id = du.unit_id"
	    " LEFT JOIN org_tree($2::date) t ON t.unit_id = u.id"
	    " LEFT JOIN LATERAL (SELECT y.name FROM org_unit_version y WHERE y.unit_id = u.id"
	    "  ORDER BY lower(y.valid) DESC LIMIT 1) v ON true"
	    " WHERE d.id = $1::bigint", 3, 1 },
	/* $1 duty, $2 last day that may be shown (a decided reorganisation
	 * stays unannounced like planned transfers): its units over time, each
	 * named as at the span's start */
	[STMT_DUTY_UNIT_HISTORY] = {
	    "SELECT lower(du.valid), CASE WHEN upper(du.valid) - 1 <= $2::date THEN (upper(du.valid) - 1)::text ELSE '' END,"
	    " coalesce(v.name_path, ''), u.code"
	    " FROM duty_unit du JOIN org_unit u ON u.id = du.unit_id"
	    " LEFT JOIN LATERAL (SELECT coalesce(pv.name || ' ', '') || y.name AS name_path"
	    "  FROM org_unit_version y LEFT JOIN org_unit_version pv ON pv.unit_id = y.parent_id"
	    "  AND pv.valid @> lower(du.valid) WHERE y.unit_id = du.unit_id"
	    "  ORDER BY y.valid @> lower(du.valid) DESC, lower(y.valid) DESC LIMIT 1) v ON true"
	    " WHERE du.duty_id = $1::bigint AND lower(du.valid) <= $2::date ORDER BY lower(du.valid)", 2, 1 },
	/* $1 duty, $2 as-of */
	[STMT_DUTY_ASSIGNMENTS] = {
	    "SELECT a.id, s.id, s.staff_no, staff_display_name(s), a.role, a.share::text, lower(a.valid),"
	    " coalesce((upper(a.valid) - 1)::text, ''),"
	    " CASE WHEN a.valid @> $2::date THEN 'current' WHEN lower(a.valid) > $2::date THEN 'future' ELSE 'past' END"
	    " FROM duty_assignment a JOIN staff s ON s.id = a.staff_id WHERE a.duty_id = $1::bigint"
	    " ORDER BY (a.valid @> $2::date) DESC, a.role, lower(a.valid) DESC, staff_sort_kana(s)", 2, 1 },
	/* $1 duty, $2 viewer */
	[STMT_DUTY_TASKS] = {
	    "SELECT k.id, k.title, k.start_date, k.due_date, k.progress, k.status, k.notes,"
	    " coalesce(string_agg(staff_display_name(s), '、' ORDER BY staff_sort_kana(s)), ''),"
	    " coalesce(bool_or(s.id = $2::bigint), false),"
	    " CASE WHEN k.status = '完了' THEN 'done' WHEN k.due_date < CURRENT_DATE THEN 'overdue'"
	    "  WHEN k.due_date <= CURRENT_DATE + 7 THEN 'soon' ELSE 'ok' END,"
	    " coalesce(string_agg(s.staff_no, ',' ORDER BY s.staff_no), '')"
	    " FROM duty_task k LEFT JOIN duty_task_assignee ta ON ta.task_id = k.id"
	    " LEFT JOIN staff s ON s.id = ta.staff_id"
	    " WHERE k.duty_id = $1::bigint GROUP BY k.id ORDER BY k.due_date, k.id", 2, 1 },
	/* $1 unit code, name, legal basis, description, category, workload, start, end, status */
	[STMT_DUTY_CREATE] = {
	    "SELECT duty_create($1, $2, $3, $4, $5, $6::numeric, $7::date, NULLIF($8, '')::date, $9)", 9, 0 },
	/* $1 duty, then as STMT_DUTY_CREATE from the name on */
	[STMT_DUTY_UPDATE] = {
	    "SELECT duty_update($1::bigint, $2, $3, $4, $5, $6::numeric, $7::date, NULLIF($8, '')::date, $9)", 9, 0 },
	[STMT_DUTY_MOVE] = { "SELECT duty_move($1::bigint, $2, $3::date)", 3, 0 },
	/* $1 duty, $2 staff no, $3 role, $4 share, $5 from, $6 to or '' */
	[STMT_DUTY_ASSIGN] = {
	    "SELECT duty_assign($1::bigint, $2, $3, $4::numeric, $5::date, NULLIF($6, '')::date)", 6, 0 },
	[STMT_DUTY_ASSIGN_END] = { "SELECT duty_assign_end($1::bigint, $2::bigint, $3::date)", 3, 0 },
	/* $1 unit id, $2 as-of: staff of the unit and its sub-units, for choices */
	[STMT_DUTY_STAFF_OPTIONS] = {
	    "SELECT s.staff_no, staff_display_name(s) || '（' || s.staff_no || '）' FROM staff s"
	    " WHERE staff_active(s, $2::date) AND EXISTS (SELECT 1 FROM appointment a WHERE a.staff_id = s.id"
	    " AND a.valid @> $2::date AND a.unit_id = ANY (duty_subtree($1::bigint, $2::date)))"
	    " ORDER BY staff_sort_kana(s), s.id", 2, 1 },
	/* $1 task (0: new), $2 duty, title, start, due, progress, status, notes, $9 staff nos (comma) */
	[STMT_TASK_SAVE] = {
	    "SELECT duty_task_save($1::bigint, $2::bigint, $3, $4::date, $5::date, $6::int, $7, $8,"
	    " string_to_array(NULLIF($9, ''), ','))", 9, 0 },
	/* $1 task, $2 viewer: the task and the viewer's relation today (1: assignee) */
	[STMT_TASK_GET] = {
	    "SELECT k.id, k.duty_id, k.title, k.start_date, k.due_date, k.progress, k.status, k.notes,"
	    " coalesce(duty_unit_rel((SELECT x.unit_id FROM duty_unit x WHERE x.duty_id = k.duty_id"
	    "  ORDER BY x.valid @> CURRENT_DATE DESC, lower(x.valid) DESC LIMIT 1), $2::bigint, CURRENT_DATE), 8)"
	    " | CASE WHEN EXISTS (SELECT 1 FROM duty_task_assignee t WHERE t.task_id = k.id"
	    "  AND t.staff_id = $2::bigint) THEN 1 ELSE 0 END,"
	    " coalesce((SELECT string_agg(s.staff_no, ',' ORDER BY s.staff_no) FROM duty_task_assignee t"
	    "  JOIN staff s ON s.id = t.staff_id WHERE t.task_id = k.id), '')"
	    " FROM duty_task k WHERE k.id = $1::bigint", 2, 1 },
	/* $1 task, $2 progress, $3 status, $4 notes */
	[STMT_TASK_PROGRESS] = {
	    "UPDATE duty_task SET progress = $2::int, status = $3, notes = $4, updated_at = now()"
	    " WHERE id = $1::bigint", 4, 0 },
	/* $1 viewer: their tasks, open first (done ones for 90 days after the due date) */
	[STMT_TASK_MINE] = {
	    "SELECT k.id, k.title, d.id, d.name, k.start_date, k.due_date, k.progress, k.status, k.notes,"
	    " CASE WHEN k.status = '完了' THEN 'done' WHEN k.due_date < CURRENT_DATE THEN 'overdue'"
	    "  WHEN k.due_date <= CURRENT_DATE + 7 THEN 'soon' ELSE 'ok' END,"
	    " 1 | coalesce(duty_unit_rel((SELECT x.unit_id FROM duty_unit x WHERE x.duty_id = d.id"
	    "  ORDER BY x.valid @> CURRENT_DATE DESC, lower(x.valid) DESC LIMIT 1), $1::bigint, CURRENT_DATE), 8)"
	    " FROM duty_task_assignee ta JOIN duty_task k ON k.id = ta.task_id JOIN duty d ON d.id = k.duty_id"
	    " WHERE ta.staff_id = $1::bigint AND (k.status <> '完了' OR k.due_date >= CURRENT_DATE - 90)"
	    " ORDER BY k.status = '完了', k.due_date, k.id", 1, 1 },
	/* $1 unit id, $2 first and $3 last day of the fiscal year: tasks of the
	 * unit's duties in that year, with day offsets for the chart */
	[STMT_DUTY_TIMELINE] = {
	    "SELECT k.id, k.title, d.id, d.name, k.start_date, k.due_date, k.progress, k.status,"
	    " coalesce((SELECT string_agg(staff_display_name(s), '、' ORDER BY staff_sort_kana(s))"
	    "  FROM duty_task_assignee t JOIN staff s ON s.id = t.staff_id WHERE t.task_id = k.id), ''),"
	    " CASE WHEN k.status = '完了' THEN 'done' WHEN k.due_date < CURRENT_DATE THEN 'overdue'"
	    "  WHEN k.due_date <= CURRENT_DATE + 7 THEN 'soon' ELSE 'ok' END,"
	    " greatest(k.start_date, $2::date) - $2::date,"
	    " least(k.due_date, $3::date) - greatest(k.start_date, $2::date) + 1"
	    " FROM duty d JOIN duty_task k ON k.duty_id = d.id"
	    " WHERE EXISTS (SELECT 1 FROM duty_unit du WHERE du.duty_id = d.id AND du.unit_id = $1::bigint"
	    "  AND du.valid && daterange($2::date, $3::date, '[]'))"
	    " AND k.start_date <= $3::date AND k.due_date >= $2::date"
	    " ORDER BY d.name, d.id, k.start_date, k.id", 3, 1 },
	/* $1 unit id, $2 as-of, $3 viewer: sum of shares per staff member of the
	 * unit and its sub-units, with the viewer's relation to each unit */
	[STMT_DUTY_WORKLOAD] = {
	    "WITH vs AS (SELECT * FROM viewer_scope($3::bigint, CURRENT_DATE))"
	    " SELECT w.staff_id, s.staff_no, staff_display_name(s), t.name, p.name, w.total::text, w.duties,"
	    " coalesce((SELECT string_agg(d.name || ' ' || a.share::text, '、' ORDER BY a.share DESC, d.name)"
	    "  FROM duty_assignment a JOIN duty d ON d.id = a.duty_id"
	    "  WHERE a.staff_id = w.staff_id AND a.valid @> $2::date), ''), t.code,"
	    " 8 | CASE WHEN t.unit_id = ANY (vs.supervised) THEN 2 ELSE 0 END"
	    " | CASE WHEN t.unit_id = ANY (vs.mine) THEN 4 ELSE 0 END"
	    " FROM vs, duty_workload(duty_subtree($1::bigint, $2::date), $2::date) w"
	    " JOIN staff s ON s.id = w.staff_id JOIN org_tree($2::date) t ON t.unit_id = w.unit_id"
	    " JOIN appointment ap ON ap.staff_id = w.staff_id AND ap.is_main AND ap.valid @> $2::date"
	    " JOIN position p ON p.code = ap.position_code"
	    " ORDER BY t.path, p.rank DESC, staff_sort_kana(s)", 3, 1 },
	/* $1 unit id, $2 as-of, $3 viewer: duties in force with no 主担当 */
	[STMT_DUTY_RISK_NOMAIN] = {
	    "WITH vs AS (SELECT * FROM viewer_scope($3::bigint, CURRENT_DATE))"
	    " SELECT d.id, d.name, t.name, coalesce((SELECT string_agg(staff_display_name(s), '、')"
	    "  FROM duty_assignment a JOIN staff s ON s.id = a.staff_id"
	    "  WHERE a.duty_id = d.id AND a.valid @> $2::date), ''),"
	    " 8 | CASE WHEN t.unit_id = ANY (vs.supervised) THEN 2 ELSE 0 END"
	    " | CASE WHEN t.unit_id = ANY (vs.mine) THEN 4 ELSE 0 END"
	    " FROM vs, duty_unit du JOIN duty d ON d.id = du.duty_id JOIN org_tree($2::date) t ON t.unit_id = du.unit_id"
	    " WHERE du.unit_id = ANY (duty_subtree($1::bigint, $2::date)) AND du.valid @> $2::date"
	    " AND d.status = '実施中' AND NOT EXISTS (SELECT 1 FROM duty_assignment a WHERE a.duty_id = d.id"
	    "  AND a.role = '主担当' AND a.valid @> $2::date)"
	    " ORDER BY t.path, d.name, d.id", 3, 1 },
	/* $1 unit id, $2 as-of, $3 viewer: duties whose every experienced staff member
	 * still in service (current or past assignee) retires or has a main
	 * appointment elsewhere within a year */
	[STMT_DUTY_RISK_LEAVING] = {
	    "WITH vs AS (SELECT * FROM viewer_scope($3::bigint, CURRENT_DATE)),"
	    " dd AS (SELECT d.id, d.name, t.name AS unit, t.path,"
	    "  8 | CASE WHEN t.unit_id = ANY (vs.supervised) THEN 2 ELSE 0 END"
	    "  | CASE WHEN t.unit_id = ANY (vs.mine) THEN 4 ELSE 0 END AS rel FROM vs, duty_unit du"
	    "  JOIN duty d ON d.id = du.duty_id JOIN org_tree($2::date) t ON t.unit_id = du.unit_id"
	    "  WHERE du.unit_id = ANY (duty_subtree($1::bigint, $2::date)) AND du.valid @> $2::date"
	    "  AND d.status = '実施中'),"
	    " ex AS (SELECT DISTINCT dd.id AS duty_id, s.id AS staff_id, staff_display_name(s) AS name,"
	    "  CASE WHEN s.retire_date <= $2::date + 365 THEN '退職予定 ' || s.retire_date END AS retiring,"
	    "  (SELECT '異動予定 ' || min(lower(f.valid)) FROM appointment f WHERE f.staff_id = s.id AND f.is_main"
	    "   AND lower(f.valid) > $2::date AND lower(f.valid) <= $2::date + 365) AS moving"
	    "  FROM dd JOIN duty_assignment a ON a.duty_id = dd.id AND lower(a.valid) <= $2::date"
	    "  JOIN staff s ON s.id = a.staff_id WHERE staff_active(s, $2::date))"
	    " SELECT dd.id, dd.name, dd.unit,"
	    " string_agg(ex.name || '（' || coalesce(ex.retiring, ex.moving) || '）', '、' ORDER BY ex.name), count(*), dd.rel"
	    " FROM dd JOIN ex ON ex.duty_id = dd.id GROUP BY dd.id, dd.name, dd.unit, dd.path, dd.rel"
	    " HAVING bool_and(ex.retiring IS NOT NULL OR ex.moving IS NOT NULL)"
	    " ORDER BY dd.path, dd.name, dd.id", 3, 1 },
	/* $1 staff, $2 as-of: duties handled over the years (担当業務の履歴) */
	[STMT_DUTY_STAFF_HISTORY] = {
	    "SELECT d.id, d.name, coalesce(v.name, ''), a.role, a.share::text, lower(a.valid),"
	    " coalesce((upper(a.valid) - 1)::text, '')"
	    " FROM duty_assignment a JOIN duty d ON d.id = a.duty_id"
	    " LEFT JOIN LATERAL (SELECT y.name FROM duty_unit du JOIN org_unit_version y ON y.unit_id = du.unit_id"
	    "  AND y.valid @> lower(a.valid) WHERE du.duty_id = d.id AND du.valid @> lower(a.valid) LIMIT 1) v ON true"
	    " WHERE a.staff_id = $1::bigint AND lower(a.valid) <= $2::date"
	    " ORDER BY lower(a.valid) DESC, d.name", 2, 1 },
	/* $1 viewer, $2 as-of, $3 unit code ('' all): duties for CSV, with the
	 * viewer's relation to each unit (the handler drops what the policy hides) */
	[STMT_DUTY_EXPORT] = {
	    "WITH vs AS (SELECT * FROM viewer_scope($1::bigint, CURRENT_DATE))"
	    " SELECT 8 | CASE WHEN t.unit_id = ANY (vs.supervised) THEN 2 ELSE 0 END"
	    " | CASE WHEN t.unit_id = ANY (vs.mine) THEN 4 ELSE 0 END,"
	    " t.code, t.name_path, d.id, d.name, d.legal_basis, d.description, d.category, d.workload::text,"
	    " d.start_date, coalesce(d.end_date::text, ''), d.status"
	    " FROM vs, duty_unit du JOIN duty d ON d.id = du.duty_id JOIN org_tree($2::date) t ON t.unit_id = du.unit_id"
	    " WHERE du.valid @> $2::date AND ($3 = '' OR du.unit_id = ANY (duty_subtree("
	    "  (SELECT id FROM org_unit WHERE code = $3), $2::date)))"
	    " ORDER BY t.path, d.category, d.name, d.id", 3, 1 },
	/* as STMT_DUTY_EXPORT: assignments in force on the date */
	[STMT_DUTY_EXPORT_ASSIGN] = {
	    "WITH vs AS (SELECT * FROM viewer_scope($1::bigint, CURRENT_DATE))"
	    " SELECT 8 | CASE WHEN t.unit_id = ANY (vs.supervised) THEN 2 ELSE 0 END"
	    " | CASE WHEN t.unit_id = ANY (vs.mine) THEN 4 ELSE 0 END,"
	    " t.code, t.name_path, d.id, d.name, s.staff_no, staff_display_name(s), a.role, a.share::text,"
	    " lower(a.valid), coalesce((upper(a.valid) - 1)::text, '')"
	    " FROM vs, duty_unit du JOIN duty d ON d.id = du.duty_id JOIN org_tree($2::date) t ON t.unit_id = du.unit_id"
	    " JOIN duty_assignment a ON a.duty_id = d.id AND a.valid @> $2::date JOIN staff s ON s.id = a.staff_id"
	    " WHERE du.valid @> $2::date AND ($3 = '' OR du.unit_id = ANY (duty_subtree("
	    "  (SELECT id FROM org_unit WHERE code = $3), $2::date)))"
	    " ORDER BY t.path, d.category, d.name, d.id, a.role, staff_sort_kana(s)", 3, 1 },
	/* ---- organisation changes (h_orgadmin.c, sql/010) ---- */
	/* $1 as-of: units in tree order with parent, order, current version
	 * span, people (main) and sub-units */
	[STMT_ORGADM_LIST] = {
	    "WITH t AS MATERIALIZED (SELECT * FROM org_tree($1::date)),"
	    " cnt AS (SELECT a.unit_id, count(*) AS n FROM appointment a"
	    "  WHERE a.valid @> $1::date GROUP BY a.unit_id)"
	    " SELECT t.code, t.name, t.kind, t.depth, coalesce(pu.code, ''), v.sort_order,"
	    " lower(v.valid), coalesce((upper(v.valid) - 1)::text, ''), coalesce(cnt.n, 0), t.name_path"
	    " FROM t JOIN org_unit_version v ON v.unit_id = t.unit_id AND v.valid @> $1::date"
	    " LEFT JOIN org_unit pu ON pu.id = t.parent_id"
	    " LEFT JOIN cnt ON cnt.unit_id = t.unit_id ORDER BY t.path", 1, 1 },
	/* $1 code: every version of the unit, oldest first */
	[STMT_ORGADM_VERSIONS] = {
	    "SELECT lower(v.valid), coalesce((upper(v.valid) - 1)::text, ''), v.name, v.kind,"
	    " coalesce(pv.name, ''), coalesce(pu.code, ''), v.sort_order"
	    " FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id"
	    " LEFT JOIN org_unit pu ON pu.id = v.parent_id"
	    " LEFT JOIN org_unit_version pv ON pv.unit_id = v.parent_id AND pv.valid @> lower(v.valid)"
	    " WHERE u.code = $1 ORDER BY lower(v.valid)", 1, 1 },
	/* $1 code: successions from and to the unit, each named as on its day */
	[STMT_ORGADM_SUCCESSION] = {
	    "SELECT s.on_date, s.kind, fu.code, coalesce(fv.name, fu.code), tu.code, coalesce(tv.name, tu.code)"
	    " FROM org_unit_succession s JOIN org_unit fu ON fu.id = s.from_unit"
	    " JOIN org_unit tu ON tu.id = s.to_unit"
	    " LEFT JOIN org_unit_version fv ON fv.unit_id = s.from_unit AND fv.valid @> s.on_date - 1"
	    " LEFT JOIN org_unit_version tv ON tv.unit_id = s.to_unit AND tv.valid @> s.on_date"
	    " WHERE fu.code = $1 OR tu.code = $1 ORDER BY s.on_date DESC, fu.code", 1, 1 },
	/* $1 code, $2 name, $3 kind, $4 parent code, $5 order, $6 from */
	[STMT_ORGADM_CREATE] = {
	    "SELECT org_unit_create($1, $2, $3, $4, $5::int, $6::date)", 6, 0 },
	/* $1 code, $2 from, $3 name, $4 kind, $5 parent code, $6 order */
	[STMT_ORGADM_CHANGE] = {
	    "SELECT org_unit_change($1, $2::date, $3, $4, $5, $6::int)", 6, 0 },
	/* $1 code, $2 first day without the unit */
	[STMT_ORGADM_ABOLISH] = {
	    "SELECT org_unit_abolish($1, $2::date)", 2, 0 },
	/* $1 codes merged (comma-separated, each checked), $2 target, $3 day */
	[STMT_ORGADM_MERGE] = {
	    "SELECT org_unit_merge(string_to_array($1, ','), $2, $3::date)", 3, 0 },
	/* ---- registered appointments (h_appointments.c) ---- */
	/* $1 staff: every appointment, planned ones too, the unit named as on
	 * its first day; $2 appointment id ('' = all) */
	[STMT_APPT_LIST] = {
	    "SELECT a.id, lower(a.valid), coalesce((upper(a.valid) - 1)::text, ''), a.kind, a.is_main,"
	    " coalesce(pv.name || ' ', '') || v.name, p.name, u.code, a.position_code,"
	    " coalesce(a.job_type_code, ''), coalesce(a.grade_code, ''), coalesce(a.remarks, '')"
	    " FROM appointment a JOIN org_unit u ON u.id = a.unit_id"
	    " JOIN org_unit_version v ON v.unit_id = a.unit_id AND v.valid @> lower(a.valid)"
	    " LEFT JOIN org_unit_version pv ON pv.unit_id = v.parent_id AND pv.valid @> lower(a.valid)"
	    " JOIN position p ON p.code = a.position_code"
	    " WHERE a.staff_id = $1::bigint AND ($2 = '' OR a.id = $2::bigint)"
	    " ORDER BY lower(a.valid) DESC, a.is_main DESC, a.id DESC", 2, 1, 1 },
	/* $1 id, $2 staff, $3 unit code, $4 position, $5 job, $6 grade, $7 end, $8 remarks */
	[STMT_APPT_UPDATE] = {
	    "SELECT appointment_update($1::bigint, $2::bigint, $3, $4, $5, $6, $7::date, $8)", 8, 0 },
	/* $1 id, $2 staff */
	[STMT_APPT_CANCEL] = {
	    "SELECT appointment_cancel($1::bigint, $2::bigint)", 2, 0 },
	[STMT_OPT_JOBS] = { "SELECT code, name FROM job_type ORDER BY sort_order", 0, 1 },
	[STMT_OPT_GRADES] = { "SELECT code, name FROM grade ORDER BY rank", 0, 1 },
};

const struct db_stmt *
stmts_table(void)
{
	static struct db_stmt all[STMT__MAX];
	static int joined;
#define X(t) t,
	static const struct db_stmt *const areas[] = { STMT_AREAS };
#undef X
	size_t a, i;
	int bad = 0;

	if (joined)
		return all;
	for (a = 0; a < sizeof(areas) / sizeof(areas[0]); a++)
		for (i = 0; i < STMT__MAX; i++) {
			if (areas[a][i].sql == NULL)
				continue;
			if (all[i].sql != NULL) {
				fprintf(stderr, "stmts: statement %zu defined twice\n", i);
				bad = 1;
			}
			all[i] = areas[a][i];
		}
	for (i = 0; i < STMT__MAX; i++)
		if (all[i].sql == NULL) {
			fprintf(stderr, "stmts: statement %zu has no SQL\n", i);
			bad = 1;
		}
	if (bad)
		exit(70);
	joined = 1;
	return all;
}
