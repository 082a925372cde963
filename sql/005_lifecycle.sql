-- 005_lifecycle.sql: 採用 (a new staff member with the first appointment) and
-- 退職 (retirement closes every assignment), each one transaction.

CREATE FUNCTION staff_hire(p_no text, p_family text, p_given text, p_family_kana text,
    p_given_kana text, p_birth date, p_gender text, p_etype text, p_hire date,
    p_unit_code text, p_position text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_id bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM staff WHERE staff_no = p_no) THEN
    RAISE EXCEPTION '職員番号 % は既に使われています', p_no;
  END IF;
  IF p_birth > p_hire - interval '15 years' THEN
    RAISE EXCEPTION '生年月日と採用日の組み合わせが正しくありません（採用時15歳未満）';
  END IF;
  INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana,
                     birth_date, gender, employment_type, hire_date)
  VALUES (p_no, p_family, p_given, tms_kana(p_family_kana), tms_kana(p_given_kana),
          p_birth, p_gender, p_etype, p_hire)
  RETURNING id INTO v_id;
  PERFORM appointment_add(v_id, '採用', p_hire, p_unit_code, p_position, true, NULL, '', '', '');
  RETURN v_id;
END
$$;

-- Retire at the end of p_last (the last day in service): assignments end
-- then, later ones (already registered rotations) are removed.
CREATE FUNCTION staff_retire(p_staff bigint, p_last date)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM staff WHERE id = p_staff AND hire_date > p_last) THEN
    RAISE EXCEPTION '退職日が採用日より前です';
  END IF;
  DELETE FROM appointment WHERE staff_id = p_staff AND lower(valid) > p_last;
  UPDATE appointment SET valid = daterange(lower(valid), p_last + 1)
   WHERE staff_id = p_staff AND (upper(valid) IS NULL OR upper(valid) > p_last + 1);
  UPDATE staff SET retire_date = p_last, updated_at = now() WHERE id = p_staff;
END
$$;

GRANT EXECUTE ON FUNCTION staff_hire(text, text, text, text, text, date, text, text, date, text, text),
    staff_retire(bigint, date) TO tms_app;
