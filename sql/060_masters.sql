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
-- Its functions are defined once, in their current form, in
-- sql/functions/masters.sql.

GRANT INSERT, UPDATE, DELETE ON employment_type TO tms_app;

CREATE TRIGGER skill_no_cycle BEFORE INSERT OR UPDATE OF parent_code, code ON skill
  FOR EACH ROW EXECUTE FUNCTION skill_no_cycle();
