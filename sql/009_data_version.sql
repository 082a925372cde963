-- 009_data_version.sql: one counter that every change to staff records,
-- the organisation or the masters moves forward, in the same transaction as
-- the change. Workers keep read results keyed by it (cgi/qcache.c): a result
-- read at version v is served again only while the counter still reads v, so
-- a cached page can never disagree with the history.
--
-- The counter is a row, not a sequence: its new value becomes visible
-- exactly when the change commits (a sequence moves before the commit, and a
-- reader could cache the old data under the new number). Writers queue on
-- the row for the rest of their transaction; HR changes are rare and short,
-- a bulk import is one transaction anyway.
-- Its functions are defined once, in their current form, in
-- sql/functions/core.sql.

CREATE TABLE data_version (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  v   bigint NOT NULL
);
INSERT INTO data_version VALUES (true, 1);
GRANT SELECT ON data_version TO tms_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff', 'appointment', 'org_unit', 'org_unit_version',
      'org_unit_succession', 'position', 'employment_type', 'job_type', 'grade',
      'qualification', 'staff_qualification', 'training_course', 'training_record',
      'skill', 'staff_skill', 'evaluation']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()',
                   t || '_data_version', t);
  END LOOP;
END
$$;
