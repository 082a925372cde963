-- 060_masters.sql: what the HR master screens (cgi/h_masters.c) need.
--
-- 1. The worker may change employment_type like the other masters (002
--    granted only SELECT on it).
-- 2. The skill tree stays a tree: a skill's parent may not be the skill
--    itself or any skill below it. Checked here, so every writer (the HR
--    screen, an import, plain SQL) is held to it. Tree changes queue on one
--    advisory lock (most opposite moves already queue on the foreign key's
--    row locks, parent_code being in a unique key), so two concurrent moves
--    cannot build a cycle between them; each check then reads the committed
--    tree (READ COMMITTED takes a new snapshot for each statement of a
--    volatile function). Tested in tests/integration/t75-masters.sh.

GRANT INSERT, UPDATE, DELETE ON employment_type TO tms_app;

CREATE FUNCTION skill_no_cycle() RETURNS trigger
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

CREATE TRIGGER skill_no_cycle BEFORE INSERT OR UPDATE OF parent_code, code ON skill
  FOR EACH ROW EXECUTE FUNCTION skill_no_cycle();
