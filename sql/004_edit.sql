-- 004_edit.sql: helpers for HR and self-service edits.

-- Reading as full-width katakana: hiragana and half-width katakana folded,
-- spaces kept (one half-width space between family and given name parts).
CREATE FUNCTION tms_kana(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT btrim(regexp_replace(translate(normalize(t, NFKC),
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔ　',
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴ '),
    ' +', ' ', 'g'))
$$;

-- 発令: add an appointment on a date. A main appointment closes the main
-- span in force on that date and runs until that span would have ended (so
-- a later, already registered rotation is kept); a concurrent one runs to
-- end_date (inclusive) or open-ended. Errors are raised with SQLSTATE P0001
-- and a Japanese message for the form.
CREATE FUNCTION appointment_add(p_staff bigint, p_kind text, p_date date, p_unit_code text,
    p_position text, p_main boolean, p_end date, p_job text, p_grade text, p_remarks text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_unit bigint;
  v_cur appointment%ROWTYPE;
  v_upper date;
  v_id bigint;
BEGIN
  SELECT u.id INTO v_unit FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
   WHERE u.code = p_unit_code AND v.valid @> p_date;
  IF v_unit IS NULL THEN
    RAISE EXCEPTION '所属コード % は % 時点で存在しません', p_unit_code, p_date;
  END IF;
  IF p_end IS NOT NULL AND p_end < p_date THEN
    RAISE EXCEPTION '終了日が発令日より前です';
  END IF;
  IF EXISTS (SELECT 1 FROM staff WHERE id = p_staff AND (hire_date > p_date OR retire_date < p_date)) THEN
    RAISE EXCEPTION '発令日 % はこの職員の在職期間外です', p_date;
  END IF;
  IF p_main THEN
    SELECT * INTO v_cur FROM appointment
     WHERE staff_id = p_staff AND is_main AND valid @> p_date FOR UPDATE;
    IF FOUND THEN
      IF lower(v_cur.valid) = p_date THEN
        RAISE EXCEPTION '% に発令済みの本務があります（先に取り消してください）', p_date;
      END IF;
      v_upper := upper(v_cur.valid);
      UPDATE appointment SET valid = daterange(lower(valid), p_date) WHERE id = v_cur.id;
    ELSE
      SELECT min(lower(valid)) INTO v_upper FROM appointment
       WHERE staff_id = p_staff AND is_main AND lower(valid) > p_date;
    END IF;
    IF p_end IS NOT NULL THEN v_upper := p_end + 1; END IF;
  ELSE
    v_upper := CASE WHEN p_end IS NULL THEN NULL ELSE p_end + 1 END;
  END IF;
  INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, job_type_code,
                           grade_code, is_main, remarks)
  VALUES (p_staff, p_kind, daterange(p_date, v_upper), v_unit, p_position,
          NULLIF(p_job, ''), NULLIF(p_grade, ''), p_main, NULLIF(p_remarks, ''))
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- Skill level from a date on (level 0 removes the skill from that date).
CREATE FUNCTION staff_skill_set(p_staff bigint, p_skill text, p_level int, p_evidence text, p_date date)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM staff_skill WHERE staff_id = p_staff AND skill_code = p_skill AND lower(valid) >= p_date;
  UPDATE staff_skill SET valid = daterange(lower(valid), p_date)
   WHERE staff_id = p_staff AND skill_code = p_skill AND valid @> p_date;
  IF p_level > 0 THEN
    INSERT INTO staff_skill (staff_id, skill_code, valid, level, evidence)
    VALUES (p_staff, p_skill, daterange(p_date, NULL), p_level, NULLIF(p_evidence, ''));
  END IF;
END
$$;

GRANT EXECUTE ON FUNCTION tms_kana(text),
    appointment_add(bigint, text, date, text, text, boolean, date, text, text, text),
    staff_skill_set(bigint, text, int, text, date) TO tms_app;
