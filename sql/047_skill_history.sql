-- 047_skill_history.sql: a skill change never removes later history unless
-- the caller names exactly the rows that go. A change from p_date replaces
-- the row that begins on p_date and ends the one that spans it; rows that
-- begin after p_date (later history, or changes planned by hr) are deleted
-- only when p_remove lists exactly them: the worker lists them for hr to
-- confirm, and never lets anyone else remove any. The rows are compared with
-- those actually deleted, so a row added between the confirmation and the
-- change is never removed unseen: the whole change is refused instead.
DROP FUNCTION staff_skill_set(bigint, text, int, text, date);

CREATE FUNCTION staff_skill_set(p_staff bigint, p_skill text, p_level int, p_evidence text,
    p_date date, p_remove bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_gone bigint[];
BEGIN
  WITH gone AS (
    DELETE FROM staff_skill
     WHERE staff_id = p_staff AND skill_code = p_skill AND lower(valid) > p_date
    RETURNING id)
  SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO v_gone FROM gone;
  IF v_gone <> (SELECT coalesce(array_agg(x ORDER BY x), '{}')
                  FROM unnest(coalesce(p_remove, '{}')) AS x) THEN
    RAISE EXCEPTION 'このスキルの今後の履歴が確認の後に変わりました。削除される履歴を確認し直してください。'
      USING ERRCODE = 'P0001';
  END IF;
  DELETE FROM staff_skill WHERE staff_id = p_staff AND skill_code = p_skill AND lower(valid) = p_date;
  UPDATE staff_skill SET valid = daterange(lower(valid), p_date)
   WHERE staff_id = p_staff AND skill_code = p_skill AND valid @> p_date;
  IF p_level > 0 THEN
    INSERT INTO staff_skill (staff_id, skill_code, valid, level, evidence)
    VALUES (p_staff, p_skill, daterange(p_date, NULL), p_level, NULLIF(p_evidence, ''));
  END IF;
END
$$;

GRANT EXECUTE ON FUNCTION staff_skill_set(bigint, text, int, text, date, bigint[]) TO tms_app;
