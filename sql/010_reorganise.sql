-- 010_reorganise.sql: changes to the organisation and to registered
-- appointments, each one function = one transaction, so a reorganisation is
-- history (new versions from a date), never an overwrite, and a refused
-- change leaves nothing behind. Messages (RAISE, SQLSTATE P0001) are shown
-- to HR as they are.
-- Its functions are defined once, in their current form, in
-- sql/functions/org.sql, sql/functions/staff.sql.
GRANT INSERT ON org_unit_succession TO tms_app;
