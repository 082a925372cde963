/* ops_sql.c: the SQL of operations pages: お知らせ (cgi/h_announce.c), by
 * enum stmt (cgi/stmts.h). Times are Unix seconds of the request's clock. */
#include "stmts.h"

const struct db_stmt ops_sql[STMT__MAX] = {
	/* $1 now: the announcements shown on home, newest first */
	[STMT_ANNOUNCE_CURRENT] = {
	    "SELECT title, body, to_char(ends_at, 'YYYY-MM-DD HH24:MI')"
	    " FROM announcement WHERE starts_at <= to_timestamp($1::float8)"
	    " AND ends_at > to_timestamp($1::float8) ORDER BY starts_at DESC, id DESC LIMIT 5", 1, 1 },
	/* every announcement not ended more than 90 days ago, for admin */
	[STMT_ANNOUNCE_LIST] = {
	    "SELECT id, title, body, to_char(starts_at, 'YYYY-MM-DD HH24:MI'),"
	    " to_char(ends_at, 'YYYY-MM-DD HH24:MI'),"
	    " CASE WHEN ends_at <= to_timestamp($1::float8) THEN 'ended'"
	    " WHEN starts_at > to_timestamp($1::float8) THEN 'planned' ELSE 'shown' END"
	    " FROM announcement WHERE ends_at > to_timestamp($1::float8) - interval '90 days'"
	    " ORDER BY starts_at DESC, id DESC", 1, 1 },
	/* $1 title, $2 body, $3 starts, $4 ends (local 'YYYY-MM-DDTHH:MI'), $5 account */
	[STMT_ANNOUNCE_ADD] = {
	    "INSERT INTO announcement (title, body, starts_at, ends_at, created_by)"
	    " VALUES ($1, $2, $3::timestamp, $4::timestamp, $5::bigint) RETURNING id", 5, 0 },
	/* $1 id */
	[STMT_ANNOUNCE_DELETE] = {
	    "DELETE FROM announcement WHERE id = $1::bigint RETURNING title", 1, 0 },
};
