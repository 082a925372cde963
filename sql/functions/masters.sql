-- masters.sql: master tables: the skill tree stays a tree. Each function is
-- defined here once, in the form that runs, with its grants and settings;
-- `tmsctl migrate` applies the file again whenever it changes
-- (cgi/migrate.c).
-- requires: 001 (no table types)

CREATE OR REPLACE FUNCTION skill_no_cycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_code IS NULL THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('tms.skill_tree'));
  IF NEW.parent_code = NEW.code OR EXISTS (
      WITH RECURSIVE up AS (
        SELECT s.code, s.parent_code, 1 AS depth FROM skill s WHERE s.code = NEW.parent_code
        UNION ALL
        SELECT s.code, s.parent_code, up.depth + 1 FROM skill s JOIN up ON s.code = up.parent_code
        WHERE up.depth < 100)
      SELECT 1 FROM up WHERE up.parent_code = NEW.code) THEN
    RAISE EXCEPTION '親スキルに % 自身またはその下位のスキルは指定できません（循環します）', NEW.code
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
