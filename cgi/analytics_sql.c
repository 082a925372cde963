/* analytics_sql.c: the SQL of analytics (h_analytics.c, ana_grid.c), by enum
 * stmt (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt analytics_sql[STMT__MAX] = {
	/*
	 * Analytics (h_analytics.c): figures from sql/040_analytics.sql, all in
	 * one long shape (row key, row label, column key, column label, value,
	 * people in the cell, base). $1 date, $2 unit code ('' = whole city).
	 */
#define ANA_FIG(f) "SELECT rkey, rlabel, ckey, clabel, val, n, base, cord FROM " f " ORDER BY rord, rkey, cord"
	/* $1 viewer, $2 today: whether the viewer heads any unit (the menu) */
	[STMT_ANA_HEADS_ANY] = {
	    "SELECT cardinality((viewer_scope($1::bigint, $2::date)).supervised) > 0", 2, 1 },
	/* $1 date, $2 viewer staff id (0: every unit, else the units the viewer
	 * heads today: a past date never gives back a former head's rights) */
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
};
