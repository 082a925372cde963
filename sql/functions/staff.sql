-- staff.sql: staff records: display names, relations to a viewer,
-- appointments, skills, hiring and retirement. Each function is defined here
-- once, in the form that runs, with its grants and settings; `tmsctl migrate`
-- applies the file again whenever it changes (cgi/migrate.c).
-- requires: 002 (the row type staff)

-- Name shown to others, by the person's own choice.
CREATE OR REPLACE FUNCTION staff_display_name(s staff) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE s.name_display
    WHEN 'former' THEN s.former_family_name || ' ' || s.given_name
    WHEN 'alias' THEN s.alias_name
    ELSE s.family_name || ' ' || s.given_name END
$$;
GRANT EXECUTE ON FUNCTION staff_display_name(staff) TO tms_app;

-- Units the viewer heads (main or 兼務) with all their sub-units, and the
-- units the viewer belongs to, as of a date.
CREATE OR REPLACE FUNCTION viewer_scope(viewer bigint, asof date,
                             OUT supervised bigint[], OUT mine bigint[])
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE heads AS (
    SELECT a.unit_id FROM appointment a JOIN position p ON p.code = a.position_code
    WHERE a.staff_id = viewer AND a.valid @> asof AND p.is_head
  ), sub AS (
    SELECT unit_id FROM heads
    UNION
    SELECT v.unit_id FROM org_unit_version v JOIN sub ON v.parent_id = sub.unit_id
    WHERE v.valid @> asof
  )
  SELECT coalesce((SELECT array_agg(unit_id) FROM sub), '{}'),
         coalesce((SELECT array_agg(unit_id) FROM appointment
                   WHERE staff_id = viewer AND valid @> asof), '{}')
$$;
GRANT EXECUTE ON FUNCTION viewer_scope(bigint, date) TO tms_app;

CREATE OR REPLACE FUNCTION staff_rel(subject bigint, viewer bigint, asof date) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8 | coalesce((SELECT r.rel FROM staff_relations(viewer, asof) r
                       WHERE r.staff_id = subject), 0)
$$;
GRANT EXECUTE ON FUNCTION staff_rel(bigint, bigint, date) TO tms_app;

-- Staff in service on a date (hired, not retired, with a main appointment).
CREATE OR REPLACE FUNCTION staff_active(s staff, asof date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT s.hire_date <= asof AND (s.retire_date IS NULL OR s.retire_date >= asof)
$$;
GRANT EXECUTE ON FUNCTION staff_active(staff, date) TO tms_app;

-- 発令: add an appointment on a date. A main appointment closes the main
-- span in force on that date and runs until that span would have ended (so
-- a later, already registered rotation is kept); a concurrent one runs to
-- end_date (inclusive) or open-ended. Errors are raised with SQLSTATE P0001
-- and a Japanese message for the form.
CREATE OR REPLACE FUNCTION appointment_add(p_staff bigint, p_kind text, p_date date, p_unit_code text,
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
GRANT EXECUTE ON FUNCTION appointment_add(bigint, text, date, text, text, boolean, date, text, text, text) TO tms_app;

CREATE OR REPLACE FUNCTION staff_skill_set(p_staff bigint, p_skill text, p_level int, p_evidence text,
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

CREATE OR REPLACE FUNCTION staff_hire(p_no text, p_family text, p_given text, p_family_kana text,
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
GRANT EXECUTE ON FUNCTION staff_hire(text, text, text, text, text, date, text, text, date, text, text) TO tms_app;

-- Retire at the end of p_last (the last day in service): assignments end
-- then, later ones (already registered rotations) are removed.
CREATE OR REPLACE FUNCTION staff_retire(p_staff bigint, p_last date)
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
GRANT EXECUTE ON FUNCTION staff_retire(bigint, date) TO tms_app;

-- Staff to whom the viewer has a relation other than colleague, as of a date:
-- bit 1 self, bit 2 supervisor, bit 4 same_unit.
CREATE OR REPLACE FUNCTION staff_relations(viewer bigint, asof date)
RETURNS TABLE (staff_id bigint, rel int)
LANGUAGE sql STABLE AS $$
  WITH vs AS (SELECT * FROM viewer_scope(viewer, asof)),
  x AS (
    SELECT viewer AS staff_id, 1 AS bit WHERE viewer IS NOT NULL AND viewer <> 0
    UNION ALL
    SELECT a.staff_id, 2 FROM appointment a, vs
     WHERE a.valid @> asof AND a.unit_id = ANY (vs.supervised) AND a.staff_id <> viewer
    UNION ALL
    SELECT a.staff_id, 4 FROM appointment a, vs
     WHERE a.valid @> asof AND a.unit_id = ANY (vs.mine)
  )
  SELECT staff_id, bit_or(bit) FROM x GROUP BY staff_id
$$;
GRANT EXECUTE ON FUNCTION staff_relations(bigint, date) TO tms_app;

CREATE OR REPLACE FUNCTION staff_display_kana(s staff) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE s.name_display
    WHEN 'legal' THEN s.family_kana || ' ' || s.given_kana
    WHEN 'former' THEN coalesce(s.former_family_kana || ' ' || s.given_kana, '')
    ELSE '' END
$$;
GRANT EXECUTE ON FUNCTION staff_display_kana(staff) TO tms_app;

CREATE OR REPLACE FUNCTION staff_sort_kana(s staff) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT s.sort_kana $$;
GRANT EXECUTE ON FUNCTION staff_sort_kana(staff) TO tms_app;

-- 取消: an appointment registered by mistake. A main appointment that
-- followed another main one gives its span back to it; the first
-- appointment (採用) cannot be cancelled this way.
CREATE OR REPLACE FUNCTION appointment_cancel(p_id bigint, p_staff bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  a appointment;
BEGIN
  SELECT * INTO a FROM appointment WHERE id = p_id AND staff_id = p_staff FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'この発令は見つかりません（既に取り消されています）';
  END IF;
  IF a.kind = '採用' THEN
    RAISE EXCEPTION '採用の発令は取り消せません（職員の登録自体の誤りは人事担当の管理者に連絡してください）';
  END IF;
  DELETE FROM appointment WHERE id = a.id;
  IF a.is_main THEN
    UPDATE appointment SET valid = daterange(lower(valid), upper(a.valid))
     WHERE staff_id = p_staff AND is_main AND upper(valid) = lower(a.valid);
  END IF;
END
$$;
GRANT EXECUTE ON FUNCTION appointment_cancel(bigint, bigint) TO tms_app;

-- 修正: unit, position, job type, grade and remarks of an appointment, and
-- the end of a concurrent one (a main appointment ends where the next one
-- begins). The date itself is not changed: cancel and register again.
CREATE OR REPLACE FUNCTION appointment_update(p_id bigint, p_staff bigint, p_unit_code text,
    p_position text, p_job text, p_grade text, p_end date, p_remarks text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  a appointment;
  v_unit bigint;
BEGIN
  SELECT * INTO a FROM appointment WHERE id = p_id AND staff_id = p_staff FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'この発令は見つかりません（取り消された可能性があります）';
  END IF;
  SELECT unit_id INTO v_unit FROM org_unit_at(p_unit_code, lower(a.valid));
  IF v_unit IS NULL THEN
    RAISE EXCEPTION '所属コード % は発令日 % 時点で存在しません', p_unit_code, lower(a.valid);
  END IF;
  IF p_end IS NOT NULL AND p_end < lower(a.valid) THEN
    RAISE EXCEPTION '終了日が発令日より前です';
  END IF;
  IF a.is_main AND p_end IS DISTINCT FROM upper(a.valid) - 1 THEN
    RAISE EXCEPTION '本務の終了日は次の発令で決まります（終了日は兼務などでのみ変更できます）';
  END IF;
  UPDATE appointment SET unit_id = v_unit, position_code = p_position,
         job_type_code = NULLIF(p_job, ''), grade_code = NULLIF(p_grade, ''),
         remarks = NULLIF(p_remarks, ''),
         valid = CASE WHEN is_main THEN valid
                      ELSE daterange(lower(valid), CASE WHEN p_end IS NULL THEN NULL ELSE p_end + 1 END) END
   WHERE id = a.id;
END
$$;
GRANT EXECUTE ON FUNCTION appointment_update(bigint, bigint, text, text, text, text, date, text) TO tms_app;
