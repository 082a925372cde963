/* masters_sql.c: the SQL of the master tables (h_masters.c), by enum stmt
 * (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt masters_sql[STMT__MAX] = {
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
};
