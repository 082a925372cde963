-- 042_analytics_bulk.sql: a bulk load (import_insert of sql/025, by tmsctl)
-- rebuilds the analytics tables of sql/041 once, after the insert, instead
-- of through the statement trigger: the trigger's transition table would
-- hold a copy of every inserted row (6.3 million for the training history of
-- 300,000 staff) only to find that most people changed. The trigger is
-- switched off for the insert and on again in the same transaction, under
-- the lock the bulk load already holds, so no other change can slip by it.

-- The derived table a source table's triggers rewrite (their argument), or
-- NULL for a table without them.
CREATE FUNCTION ana_derived_of(p_table regclass) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT split_part(encode(t.tgargs, 'escape'), '\000', 1) FROM pg_trigger t
  WHERE t.tgrelid = p_table AND t.tgname = 'ana_facts_ins'
$$;

CREATE OR REPLACE FUNCTION import_insert(p_table regclass, p_insert text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_n bigint; v_drop text; v_add text; v_ana text;
BEGIN
  SELECT count(*) INTO v_n FROM pg_temp.import_t WHERE o = 'created';
  IF v_n >= 1000 AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = p_table
       AND pg_has_role(c.relowner, 'USAGE') AND v_n >= greatest(c.reltuples, 0)) THEN
    SELECT string_agg(format('DROP CONSTRAINT %I', conname), ', ' ORDER BY conname),
           string_agg(format('ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)), ', ' ORDER BY conname)
      INTO v_drop, v_add FROM pg_constraint WHERE conrelid = p_table AND contype = 'f';
  END IF;
  IF v_drop IS NULL THEN
    EXECUTE p_insert;
    RETURN;
  END IF;
  v_ana := ana_derived_of(p_table);
  EXECUTE format('ALTER TABLE %s %s', p_table, v_drop);
  IF v_ana IS NOT NULL THEN
    EXECUTE format('ALTER TABLE %s DISABLE TRIGGER ana_facts_ins', p_table);
  END IF;
  EXECUTE p_insert;
  EXECUTE format('ALTER TABLE %s %s', p_table, v_add);
  IF v_ana IS NOT NULL THEN
    EXECUTE format('ALTER TABLE %s ENABLE TRIGGER ana_facts_ins', p_table);
    PERFORM ana_refresh(v_ana, NULL);
  END IF;
END
$$;
