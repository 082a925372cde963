/* org_sql.c: the SQL of the organisation chart and organisation changes
 * (h_org.c, h_orgadmin.c), by enum stmt (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt org_sql[STMT__MAX] = {
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
};
