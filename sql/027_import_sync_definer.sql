-- 027_import_sync_definer.sql: the HR screen's --sync import of staff no
-- longer needs DELETE on staff (issue 4). sql/020 granted it to tms_app,
-- which let any statement of the worker delete any staff member. Now the
-- sync pass (import_kind_staff, run as the caller) decides which staff the
-- file omits and hands exactly their ids to import_delete_staff, a SECURITY
-- DEFINER function of the schema owner that deletes those and nothing
-- else, and refuses, deleting nothing, when any of them is referred to by
-- an account or the audit log (the same protection the sync pass reports
-- as errors by line before it gets there).

CREATE FUNCTION import_delete_staff(p_ids bigint[]) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_ref text;
  v_n int;
BEGIN
  SELECT string_agg(s.staff_no, ', ' ORDER BY s.staff_no) INTO v_ref
    FROM staff s
   WHERE s.id = ANY (p_ids)
     AND (s.id IN (SELECT a.staff_id FROM account a WHERE a.staff_id = ANY (p_ids))
       OR s.id IN (SELECT l.subject_staff_id FROM audit_log l WHERE l.subject_staff_id = ANY (p_ids))
       OR s.id IN (SELECT l.actor_staff_id FROM audit_log l WHERE l.actor_staff_id = ANY (p_ids)));
  IF v_ref IS NOT NULL THEN
    RAISE EXCEPTION 'アカウントまたは監査ログから参照されている職員は削除できません（%）', left(v_ref, 200);
  END IF;
  DELETE FROM staff WHERE id = ANY (p_ids);
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END
$$;
REVOKE EXECUTE ON FUNCTION import_delete_staff(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION import_delete_staff(bigint[]) TO tms_app;

-- The omitted staff are found first and each reference is one indexed
-- lookup (an OR over the audit log, which no index serves, took 21 s with
-- 130,000 log rows); the actor index serves import_delete_staff too.
CREATE INDEX IF NOT EXISTS audit_log_actor_staff_idx ON audit_log (actor_staff_id) WHERE actor_staff_id IS NOT NULL;

-- import_kind_staff of sql/020 with its one DELETE replaced by the call.
CREATE OR REPLACE FUNCTION import_kind_staff(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_col text;
  v_del int := 0;
BEGIN
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT line, import_code(staff_no) AS staff_no, import_txt(family_name) AS family_name,
         import_txt(given_name) AS given_name,
         tms_kana(import_txt(family_kana)) AS family_kana, tms_kana(import_txt(given_kana)) AS given_kana,
         import_txt(former_family_name) AS former_family_name,
         tms_kana(import_txt(former_family_kana)) AS former_family_kana,
         import_txt(alias_name) AS alias_name,
         import_txt(name_display) AS name_display_raw,
         tms_name_display_code(import_txt(name_display)) AS name_display,
         birth_date::date AS birth_date, import_txt(gender) AS gender_raw,
         tms_gender_code(import_txt(gender)) AS gender,
         import_txt(employment_type) AS etype_raw,
         (SELECT e.code FROM employment_type e WHERE e.code = import_code(s.employment_type)
             OR e.name = import_txt(s.employment_type)) AS employment_type,
         hire_date::date AS hire_date, retire_date::date AS retire_date,
         import_code(email) AS email, import_code(phone_ext) AS phone_ext,
         NULL::bigint AS id, NULL::text AS o
  FROM pg_temp.import_stage s;
  ANALYZE pg_temp.import_t;
  UPDATE pg_temp.import_t t SET id = s.id FROM staff s WHERE s.staff_no = t.staff_no;
  -- Optional columns the file does not have keep their stored values.
  FOREACH v_col IN ARRAY ARRAY['former_family_name', 'former_family_kana', 'alias_name',
      'name_display', 'retire_date', 'email', 'phone_ext'] LOOP
    IF NOT v_col = ANY (p_present) THEN
      EXECUTE format('UPDATE pg_temp.import_t t SET %1$I = s.%1$I FROM staff s WHERE s.id = t.id', v_col);
    END IF;
  END LOOP;

  PERFORM import_check('staff_no', 'staff_no', 'staff_no !~ ''^[0-9A-Za-z-]{1,20}$''',
    '職員番号は英数字とハイフン20文字以内です');
  PERFORM import_check_text('staff_no', true, 20);
  PERFORM import_check_text('family_name', true, 50);
  PERFORM import_check_text('given_name', true, 50);
  PERFORM import_check_text('family_kana', true, 50);
  PERFORM import_check_text('given_kana', true, 50);
  PERFORM import_check_text('former_family_name', false, 50);
  PERFORM import_check_text('alias_name', false, 100);
  PERFORM import_check('family_kana', 'family_kana', 'family_kana !~ ''^[ァ-ヴー・ ]+$''', 'フリガナはカタカナで入力してください');
  PERFORM import_check('given_kana', 'given_kana', 'given_kana !~ ''^[ァ-ヴー・ ]+$''', 'フリガナはカタカナで入力してください');
  PERFORM import_check('former_family_kana', 'former_family_kana', 'former_family_kana !~ ''^[ァ-ヴー・ ]+$''', 'フリガナはカタカナで入力してください');
  PERFORM import_check('name_display', 'name_display_raw', 'name_display IS NULL',
    '表示する氏名は 戸籍名・旧姓・通称 のいずれかです');
  PERFORM import_check('name_display', 'name_display_raw',
    '(name_display = ''former'' AND former_family_name IS NULL) OR (name_display = ''alias'' AND alias_name IS NULL)',
    '旧姓または通称を表示するには、その旧姓・通称も必要です');
  PERFORM import_check('birth_date', 'NULL', 'birth_date IS NULL', '必須の項目が空です');
  PERFORM import_check('birth_date', 'birth_date', 'birth_date <= ''1900-01-01''', '生年月日が古すぎます');
  PERFORM import_check('birth_date', 'birth_date', 'birth_date > hire_date - interval ''15 years''',
    '生年月日と採用日の組み合わせが正しくありません（採用時15歳未満）');
  PERFORM import_check('gender', 'gender_raw', 'gender IS NULL', '性別は 女性・男性・その他・未回答 のいずれかです');
  PERFORM import_check('employment_type', 'etype_raw', 'employment_type IS NULL',
    '雇用形態が登録されていません（正規・再任用・任期付・会計年度任用・臨時的任用）');
  PERFORM import_check('hire_date', 'NULL', 'hire_date IS NULL', '必須の項目が空です');
  PERFORM import_check('retire_date', 'retire_date', 'retire_date < hire_date', '退職日が採用日より前です');
  PERFORM import_check('email', 'email', 'email !~ ''^[^@\s]+@[^@\s]+$''', 'メールアドレスの形式が正しくありません');
  PERFORM import_check('phone_ext', 'phone_ext', 'phone_ext !~ ''^[0-9-]{1,20}$''', '内線番号は数字とハイフン20文字以内です');
  PERFORM import_check_dups('staff_no', '職員番号');

  UPDATE pg_temp.import_t t SET o = CASE WHEN t.id IS NULL THEN 'created'
    WHEN (s.family_name, s.given_name, s.family_kana, s.given_kana, s.former_family_name,
          s.former_family_kana, s.alias_name, s.name_display, s.birth_date, s.gender,
          s.employment_type, s.hire_date, s.retire_date, s.email, s.phone_ext)
      IS NOT DISTINCT FROM
         (t.family_name, t.given_name, t.family_kana, t.given_kana, t.former_family_name,
          t.former_family_kana, t.alias_name, t.name_display, t.birth_date, t.gender,
          t.employment_type, t.hire_date, t.retire_date, t.email, t.phone_ext)
    THEN 'unchanged' ELSE 'updated' END
  FROM (SELECT t2.line, s2.* FROM pg_temp.import_t t2 LEFT JOIN staff s2 ON s2.id = t2.id) s
  WHERE s.line = t.line;

  IF p_sync THEN
    INSERT INTO pg_temp.import_error (line, field, value, reason)
    WITH gone AS MATERIALIZED (SELECT s.id, s.staff_no FROM staff s
                               WHERE NOT EXISTS (SELECT 1 FROM pg_temp.import_t t WHERE t.staff_no = s.staff_no))
    SELECT 0, 'staff_no', g.staff_no,
      'ファイルにない職員ですが、アカウントまたは監査ログから参照されているため削除できません'
    FROM gone g
    WHERE EXISTS (SELECT 1 FROM account a WHERE a.staff_id = g.id)
       OR EXISTS (SELECT 1 FROM audit_log l WHERE l.subject_staff_id = g.id)
       OR EXISTS (SELECT 1 FROM audit_log l WHERE l.actor_staff_id = g.id);
    SELECT count(*) INTO v_del FROM staff s
     WHERE NOT EXISTS (SELECT 1 FROM pg_temp.import_t t WHERE t.staff_no = s.staff_no);
  END IF;
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;

  UPDATE staff s SET family_name = t.family_name, given_name = t.given_name,
         family_kana = t.family_kana, given_kana = t.given_kana,
         former_family_name = t.former_family_name, former_family_kana = t.former_family_kana,
         alias_name = t.alias_name, name_display = t.name_display, birth_date = t.birth_date,
         gender = t.gender, employment_type = t.employment_type, hire_date = t.hire_date,
         retire_date = t.retire_date, email = t.email, phone_ext = t.phone_ext, updated_at = now()
    FROM pg_temp.import_t t WHERE t.id = s.id AND t.o = 'updated';
  INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana,
         former_family_name, former_family_kana, alias_name, name_display, birth_date,
         gender, employment_type, hire_date, retire_date, email, phone_ext)
  SELECT staff_no, family_name, given_name, family_kana, given_kana, former_family_name,
         former_family_kana, alias_name, name_display, birth_date, gender, employment_type,
         hire_date, retire_date, email, phone_ext
    FROM pg_temp.import_t WHERE o = 'created';
  IF p_sync THEN
    PERFORM import_delete_staff(ARRAY(SELECT s.id FROM staff s
      WHERE NOT EXISTS (SELECT 1 FROM pg_temp.import_t t WHERE t.staff_no = s.staff_no)));
  END IF;
  RETURN v_del;
END
$$;

REVOKE DELETE ON staff FROM tms_app;
