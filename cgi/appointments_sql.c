/* appointments_sql.c: the SQL of registered appointments (h_appointments.c),
 * by enum stmt (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt appointments_sql[STMT__MAX] = {
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
};
