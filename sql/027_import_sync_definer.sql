-- 027_import_sync_definer.sql: the HR screen's --sync import of staff no
-- longer needs DELETE on staff (issue 4). sql/020 granted it to tms_app,
-- which let any statement of the worker delete any staff member. Now the
-- sync pass (import_kind_staff, run as the caller) decides which staff the
-- file omits and hands exactly their ids to import_delete_staff, a SECURITY
-- DEFINER function of the schema owner that deletes those and nothing
-- else, and refuses, deleting nothing, when any of them is referred to by
-- an account or the audit log (the same protection the sync pass reports
-- as errors by line before it gets there).
-- Its functions are defined once, in their current form, in
-- sql/functions/import.sql.

-- The omitted staff are found first and each reference is one indexed
-- lookup (an OR over the audit log, which no index serves, took 21 s with
-- 130,000 log rows); the actor index serves import_delete_staff too.
CREATE INDEX IF NOT EXISTS audit_log_actor_staff_idx ON audit_log (actor_staff_id) WHERE actor_staff_id IS NOT NULL;

REVOKE DELETE ON staff FROM tms_app;
