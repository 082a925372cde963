/* duties_sql.c: the SQL of duties (事務分掌) and their tasks (h_duties.c,
 * h_duties_views.c), by enum stmt (cgi/stmts.h). */
#include "stmts.h"

const struct db_stmt duties_sql[STMT__MAX] = {
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
};
