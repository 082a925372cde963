-- import.sql: the CSV importer (cgi/import.c): staging, checks, one function
-- per kind, labels and codes. Each function is defined here once, in the form
-- that runs, with its grants and settings; `tmsctl migrate` applies the file
-- again whenever it changes (cgi/migrate.c).
-- requires: 001 (no table types)

-- ---------------------------------------------------------------- labels
-- Codes stored in the database and the Japanese labels the files carry.
CREATE OR REPLACE FUNCTION tms_gender_label(c text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE c WHEN 'female' THEN '女性' WHEN 'male' THEN '男性'
    WHEN 'other' THEN 'その他' WHEN 'unspecified' THEN '未回答' END
$$;
GRANT EXECUTE ON FUNCTION tms_gender_label(text) TO tms_app;

CREATE OR REPLACE FUNCTION tms_gender_code(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IN ('female', '女性', '女', 'F', '2') THEN 'female'
    WHEN t IN ('male', '男性', '男', 'M', '1') THEN 'male'
    WHEN t IN ('other', 'その他') THEN 'other'
    WHEN t IN ('unspecified', '未回答', '回答しない', '0', '9') THEN 'unspecified' END
$$;
GRANT EXECUTE ON FUNCTION tms_gender_code(text) TO tms_app;

CREATE OR REPLACE FUNCTION tms_name_display_label(c text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE c WHEN 'legal' THEN '戸籍名' WHEN 'former' THEN '旧姓' WHEN 'alias' THEN '通称' END
$$;
GRANT EXECUTE ON FUNCTION tms_name_display_label(text) TO tms_app;

CREATE OR REPLACE FUNCTION tms_name_display_code(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IS NULL OR t IN ('legal', '戸籍名', '戸籍') THEN 'legal'
    WHEN t IN ('former', '旧姓') THEN 'former' WHEN t IN ('alias', '通称') THEN 'alias' END
$$;
GRANT EXECUTE ON FUNCTION tms_name_display_code(text) TO tms_app;

-- Field text as imported: NFKC (full-width digits and letters, half-width
-- katakana), trimmed, empty as NULL.
CREATE OR REPLACE FUNCTION import_txt(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(btrim(t, E' \t　'), '')
$$;
GRANT EXECUTE ON FUNCTION import_txt(text) TO tms_app;

CREATE OR REPLACE FUNCTION import_code(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(btrim(CASE WHEN octet_length(t) = length(t) THEN t   -- ASCII: nothing to fold
                           ELSE normalize(t, NFKC) END, E' \t'), '')
$$;
GRANT EXECUTE ON FUNCTION import_code(text) TO tms_app;

CREATE OR REPLACE FUNCTION import_stage_create(p_kind text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_kind NOT IN ('staff', 'units', 'appointments', 'qualifications', 'training',
                    'evaluations', 'skills', 'duties', 'duty_assignments') THEN
    RAISE EXCEPTION '取込の種類 % はありません', p_kind;
  END IF;
  IF to_regclass('pg_temp.import_stage') IS NOT NULL THEN
    DROP TABLE IF EXISTS pg_temp.import_stage, pg_temp.import_error, pg_temp.import_t,
      pg_temp.import_gone, pg_temp.import_r, pg_temp.import_pending;
  END IF;
  EXECUTE format('CREATE TEMP TABLE import_stage (LIKE %I) ON COMMIT DROP', 'import_stage_' || p_kind);
  CREATE TEMP TABLE import_error (line int NOT NULL, field text NOT NULL, value text,
      reason text NOT NULL) ON COMMIT DROP;
  CREATE TEMP TABLE import_pending (n serial, field text, value text, cond text, reason text)
      ON COMMIT DROP;
END
$$;
GRANT EXECUTE ON FUNCTION import_stage_create(text) TO tms_app;

CREATE OR REPLACE FUNCTION import_errors(p_limit int)
RETURNS TABLE (line int, field text, value text, reason text, total bigint)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT e.line, e.field, coalesce(e.value, ''), e.reason, count(*) OVER ()
  FROM pg_temp.import_error e ORDER BY e.line, e.field LIMIT p_limit;
END
$$;
GRANT EXECUTE ON FUNCTION import_errors(int) TO tms_app;

-- Errors for the rows of import_t where cond holds (a SQL expression over
-- import_t's columns written in this file, never input).
-- The checks are queued and run together, in one pass over import_t, when
-- import_has_errors() is next asked.
CREATE OR REPLACE FUNCTION import_check(p_field text, p_value text, p_cond text, p_reason text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pg_temp.import_pending (field, value, cond, reason)
  VALUES (p_field, p_value, p_cond, p_reason);
END
$$;
GRANT EXECUTE ON FUNCTION import_check(text, text, text, text) TO tms_app;

-- The queued row checks in one pass over import_t: a row is joined to the
-- list of checks only when one of them holds, so a clean file (the usual
-- case) costs one evaluation of every condition per row and nothing more.
CREATE OR REPLACE FUNCTION import_check_flush() RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_rows text; v_any text;
BEGIN
  SELECT string_agg(format('((%s), %L, (%s)::text, %L)', cond, field, value, reason), ', ' ORDER BY n),
         string_agg(format('(%s)', cond), ' OR ' ORDER BY n)
    INTO v_rows, v_any FROM pg_temp.import_pending;
  IF v_rows IS NULL THEN
    RETURN;
  END IF;
  EXECUTE 'INSERT INTO pg_temp.import_error (line, field, value, reason)'
    ' SELECT import_t.line, c.field, c.value, c.reason'
    ' FROM (SELECT * FROM pg_temp.import_t WHERE ' || v_any || ' OFFSET 0) import_t'
    ' CROSS JOIN LATERAL (VALUES ' || v_rows || ') c(bad, field, value, reason) WHERE c.bad';
  DELETE FROM pg_temp.import_pending;
END
$$;
GRANT EXECUTE ON FUNCTION import_check_flush() TO tms_app;

-- Required field, length limit.
CREATE OR REPLACE FUNCTION import_check_text(p_field text, p_required boolean, p_max int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_required THEN
    PERFORM import_check(p_field, 'NULL', format('%I IS NULL', p_field), '必須の項目が空です');
  END IF;
  PERFORM import_check(p_field, p_field, format('length(%I) > %s', p_field, p_max),
    format('%s文字以内で入力してください', p_max));
END
$$;
GRANT EXECUTE ON FUNCTION import_check_text(text, boolean, int) TO tms_app;

-- Duplicate natural keys within the file: every line after the first.
CREATE OR REPLACE FUNCTION import_check_dups(p_key text, p_label text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- hash aggregate first: files without duplicates (the usual case) cost one pass
  EXECUTE format('INSERT INTO pg_temp.import_error (line, field, value, reason)'
    ' SELECT t.line, %L, (%s)::text, format(''ファイル内で重複しています（%%s行目と同じ%s）'', d.first)'
    ' FROM pg_temp.import_t t JOIN (SELECT %s, min(line) AS first FROM pg_temp.import_t'
    '   GROUP BY %s HAVING count(*) > 1) d USING (%s) WHERE t.line > d.first',
    split_part(p_key, ',', 1), p_key, p_label, p_key, p_key, p_key);
END
$$;
GRANT EXECUTE ON FUNCTION import_check_dups(text, text) TO tms_app;

-- Outcome of every row: o = 'created' | 'updated' | 'unchanged', set by the
-- kind's function; counts of each.
CREATE OR REPLACE FUNCTION import_counts(p_deleted int)
RETURNS TABLE (rows_total int, created int, updated int, unchanged int, deleted int)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT count(*)::int, (count(*) FILTER (WHERE t.o = 'created'))::int,
         (count(*) FILTER (WHERE t.o = 'updated'))::int,
         (count(*) FILTER (WHERE t.o = 'unchanged'))::int, p_deleted
  FROM pg_temp.import_t t;
END
$$;
GRANT EXECUTE ON FUNCTION import_counts(int) TO tms_app;

CREATE OR REPLACE FUNCTION import_has_errors() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM import_check_flush();
  RETURN EXISTS (SELECT 1 FROM pg_temp.import_error);
END
$$;
GRANT EXECUTE ON FUNCTION import_has_errors() TO tms_app;

CREATE OR REPLACE FUNCTION import_staff_ref() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM import_check('staff_no', 'staff_no', 'staff_no IS NOT NULL AND staff_id IS NULL',
    'この職員番号の職員は登録されていません（先に職員を取り込んでください）');
  PERFORM import_check('staff_no', 'NULL', 'staff_no IS NULL', '必須の項目が空です');
END
$$;
GRANT EXECUTE ON FUNCTION import_staff_ref() TO tms_app;

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
GRANT EXECUTE ON FUNCTION import_kind_staff(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- units
CREATE OR REPLACE FUNCTION import_kind_units(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT line, import_code(code) AS code, import_txt(name) AS name, import_txt(kind) AS kind,
         import_code(parent_code) AS parent_code, import_code(sort_order) AS sort_raw,
         CASE WHEN import_code(sort_order) ~ '^-?[0-9]{1,9}$' THEN import_code(sort_order)::int END AS sort_order,
         start_date::date AS start_date, end_date::date AS end_date,
         NULL::bigint AS vid, NULL::text AS o
  FROM pg_temp.import_stage;
  ANALYZE pg_temp.import_t;
  PERFORM import_check('code', 'code', 'code !~ ''^[0-9A-Za-z_-]{1,20}$''', '所属コードは英数字・ハイフン・下線20文字以内です');
  PERFORM import_check_text('code', true, 20);
  PERFORM import_check_text('name', true, 100);
  PERFORM import_check('kind', 'kind', 'kind IS NULL OR kind NOT IN (''部'', ''局'', ''課'', ''室'', ''係'', ''担当'', ''委員会'','
    ' ''事務局'', ''本部'', ''署'', ''所'', ''館'', ''センター'', ''出向先'', ''その他'')',
    '種別は 部・局・課・室・係・担当・委員会・事務局・本部・署・所・館・センター・出向先・その他 のいずれかです');
  PERFORM import_check('sort_order', 'sort_raw', 'sort_order IS NULL', '表示順は整数です');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が開始日より前です');
  PERFORM import_check('parent_code', 'parent_code', 'parent_code = code', '上位所属に自分自身は指定できません');
  PERFORM import_check('parent_code', 'parent_code', 'parent_code IS NOT NULL AND NOT EXISTS'
    ' (SELECT 1 FROM org_unit u WHERE u.code = import_t.parent_code) AND NOT EXISTS'
    ' (SELECT 1 FROM pg_temp.import_t f WHERE f.code = import_t.parent_code)',
    'この上位所属コードは登録されておらず、ファイルにもありません');
  PERFORM import_check_dups('code, start_date', '所属コードと開始日');
  UPDATE pg_temp.import_t t SET vid = v.id FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
   WHERE u.code = t.code AND lower(v.valid) = t.start_date;
  UPDATE pg_temp.import_t t SET o = CASE WHEN t.vid IS NULL THEN 'created'
    WHEN (x.name, x.kind, x.pcode, x.sort_order, x.valid) IS NOT DISTINCT FROM
         (t.name, t.kind, t.parent_code, t.sort_order, daterange(t.start_date, t.end_date + 1))
    THEN 'unchanged' ELSE 'updated' END
  FROM (SELECT t2.line, v.name, v.kind, p.code AS pcode, v.sort_order, v.valid
          FROM pg_temp.import_t t2 LEFT JOIN org_unit_version v ON v.id = t2.vid
          LEFT JOIN org_unit p ON p.id = v.parent_id) x
  WHERE x.line = t.line;
  IF p_sync THEN
    SELECT count(*) INTO v_del FROM org_unit_version v
     WHERE v.id NOT IN (SELECT vid FROM pg_temp.import_t WHERE vid IS NOT NULL);
  END IF;
  -- Versions of one unit must not overlap: the file's against each other and
  -- against stored ones the file does not replace.
  CREATE TEMP TABLE import_r ON COMMIT DROP AS (
    SELECT line, code, daterange(start_date, end_date + 1) AS valid FROM pg_temp.import_t
     WHERE start_date IS NOT NULL AND (end_date IS NULL OR end_date >= start_date)
    UNION ALL
    SELECT 0, u.code, v.valid FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id
     WHERE NOT p_sync AND v.id NOT IN (SELECT vid FROM pg_temp.import_t WHERE vid IS NOT NULL)
       AND u.code IN (SELECT code FROM pg_temp.import_t));
  ANALYZE pg_temp.import_r;
  INSERT INTO pg_temp.import_error (line, field, value, reason)
  SELECT DISTINCT ON (a.line) a.line, 'start_date', lower(a.valid)::text,
    CASE WHEN b.line = 0 THEN format('登録済みの所属の期間（%s〜）と重なっています', lower(b.valid))
      ELSE format('%s行目の同じ所属の期間と重なっています', b.line) END
  FROM pg_temp.import_r a JOIN pg_temp.import_r b ON a.code = b.code AND a.valid && b.valid AND a.line > 0
   AND (b.line = 0 OR b.line < a.line);
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;

  INSERT INTO org_unit (code) SELECT DISTINCT code FROM pg_temp.import_t
   WHERE code NOT IN (SELECT code FROM org_unit);
  IF p_sync THEN
    DELETE FROM org_unit_version v WHERE v.id NOT IN (SELECT vid FROM pg_temp.import_t WHERE vid IS NOT NULL);
  END IF;
  -- Shrink first, then move, so that no intermediate state overlaps.
  UPDATE org_unit_version v SET valid = daterange(t.start_date, t.start_date + 1)
    FROM pg_temp.import_t t WHERE t.vid = v.id AND t.o = 'updated';
  UPDATE org_unit_version v SET name = t.name, kind = t.kind,
         parent_id = (SELECT id FROM org_unit WHERE code = t.parent_code),
         sort_order = t.sort_order, valid = daterange(t.start_date, t.end_date + 1)
    FROM pg_temp.import_t t WHERE t.vid = v.id AND t.o = 'updated';
  INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
  SELECT u.id, daterange(t.start_date, t.end_date + 1), t.name, t.kind,
         (SELECT id FROM org_unit WHERE code = t.parent_code), t.sort_order
    FROM pg_temp.import_t t JOIN org_unit u ON u.code = t.code WHERE t.o = 'created';
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_units(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- appointments
CREATE OR REPLACE FUNCTION import_kind_appointments(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  -- One pass: references and the stored row of the same natural key.
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, a.id AS aid,
         CASE WHEN a.id IS NULL THEN 'created' WHEN (a.kind, a.valid, a.position_code, a.job_type_code, a.grade_code, a.is_main, a.remarks) IS NOT DISTINCT FROM (x.kind, daterange(x.start_date, x.end_date + 1), x.position_code, x.job_type_code, x.grade_code, x.is_main, x.remarks)
           THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id, u.id AS unit_id FROM (
      SELECT line, import_code(staff_no) AS staff_no,
             import_txt(kind) AS kind, start_date::date AS start_date, end_date::date AS end_date,
             import_code(unit_code) AS unit_code,
             import_code(position_code) AS position_code, import_code(job_type_code) AS job_type_code,
             import_code(grade_code) AS grade_code, import_txt(is_main) AS main_raw,
             CASE WHEN import_code(is_main) IN ('本務', '1', 'true', 't', 'yes', '○') THEN true
                  WHEN import_code(is_main) IN ('兼務', '0', 'false', 'f', 'no', '') THEN false END AS is_main,
             import_txt(remarks) AS remarks
      FROM pg_temp.import_stage OFFSET 0   -- computed once per row
  ) b LEFT JOIN staff s ON s.staff_no = b.staff_no
    LEFT JOIN org_unit u ON u.code = b.unit_code
  ) x LEFT JOIN appointment a ON a.staff_id = x.staff_id AND lower(a.valid) = x.start_date AND a.unit_id = x.unit_id;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('kind', 'kind', 'kind IS NULL OR kind NOT IN (''採用'', ''異動'', ''昇任'', ''降任'', ''兼務'', ''併任'','
    ' ''出向'', ''休職'', ''復職'', ''事務取扱'', ''配置換'')',
    '発令区分は 採用・異動・昇任・降任・兼務・併任・出向・休職・復職・事務取扱・配置換 のいずれかです');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が発令日より前です');
  PERFORM import_check('unit_code', 'unit_code', 'unit_id IS NULL', 'この所属コードは登録されていません');
  -- one join for the whole file (a hashed subplan), not a lookup per row
  PERFORM import_check('unit_code', 'unit_code', 'unit_id IS NOT NULL AND start_date IS NOT NULL AND line NOT IN'
    ' (SELECT t.line FROM pg_temp.import_t t JOIN org_unit_version v ON v.unit_id = t.unit_id AND v.valid @> t.start_date)',
    'この所属は発令日の時点で存在しません');
  PERFORM import_check('position_code', 'position_code', 'position_code IS NULL OR position_code NOT IN (SELECT code FROM position)', 'この職位コードは登録されていません');
  PERFORM import_check('job_type_code', 'job_type_code', 'job_type_code IS NOT NULL AND job_type_code NOT IN (SELECT code FROM job_type)', 'この職種コードは登録されていません');
  PERFORM import_check('grade_code', 'grade_code', 'grade_code IS NOT NULL AND grade_code NOT IN (SELECT code FROM grade)', 'この級コードは登録されていません');
  PERFORM import_check('is_main', 'main_raw', 'is_main IS NULL', '本務兼務は 本務 または 兼務 です');
  PERFORM import_check_text('remarks', false, 500);
  PERFORM import_check_dups('staff_no, start_date, unit_code', '職員番号・発令日・所属コード');
  CREATE TEMP TABLE import_gone ON COMMIT DROP AS
  SELECT a.id FROM appointment a WHERE p_sync
     AND a.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
     AND a.id NOT IN (SELECT aid FROM pg_temp.import_t WHERE aid IS NOT NULL);
  SELECT count(*) INTO v_del FROM pg_temp.import_gone;
  -- Main appointments of one person must not overlap.
  CREATE TEMP TABLE import_r ON COMMIT DROP AS (
    SELECT line, staff_id, daterange(start_date, end_date + 1) AS valid FROM pg_temp.import_t
     WHERE is_main AND staff_id IS NOT NULL AND start_date IS NOT NULL
       AND (end_date IS NULL OR end_date >= start_date)
    UNION ALL
    SELECT 0, a.staff_id, a.valid FROM appointment a
     WHERE a.is_main AND a.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND a.id NOT IN (SELECT aid FROM pg_temp.import_t WHERE aid IS NOT NULL)
       AND a.id NOT IN (SELECT id FROM pg_temp.import_gone));
  ANALYZE pg_temp.import_r;
  INSERT INTO pg_temp.import_error (line, field, value, reason)
  SELECT DISTINCT ON (a.line) a.line, 'start_date', lower(a.valid)::text,
    CASE WHEN b.line = 0 THEN format('登録済みの本務の発令（%s〜%s）と期間が重なっています',
        lower(b.valid), coalesce((upper(b.valid) - 1)::text, ''))
      ELSE format('%s行目の本務の発令と期間が重なっています', b.line) END
  FROM pg_temp.import_r a JOIN pg_temp.import_r b ON a.staff_id = b.staff_id AND a.valid && b.valid AND a.line > 0
   AND (b.line = 0 OR b.line < a.line);
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  DELETE FROM appointment WHERE id IN (SELECT id FROM pg_temp.import_gone);
  UPDATE appointment a SET valid = daterange(t.start_date, t.start_date + 1)
    FROM pg_temp.import_t t WHERE t.aid = a.id AND t.o = 'updated';
  UPDATE appointment a SET kind = t.kind, valid = daterange(t.start_date, t.end_date + 1),
         position_code = t.position_code, job_type_code = t.job_type_code,
         grade_code = t.grade_code, is_main = t.is_main, remarks = t.remarks
    FROM pg_temp.import_t t WHERE t.aid = a.id AND t.o = 'updated';
  PERFORM import_insert('appointment', $i$INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, job_type_code,
         grade_code, is_main, remarks)
  SELECT staff_id, kind, daterange(start_date, end_date + 1), unit_id, position_code,
         job_type_code, grade_code, is_main, remarks
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY unit_id, start_date, line$i$);  -- GiST-friendly order
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_appointments(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- qualifications
CREATE OR REPLACE FUNCTION import_kind_qualifications(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  -- One pass: references and the stored row of the same natural key.
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, q.id AS rid,
         CASE WHEN q.id IS NULL THEN 'created' WHEN (q.expires_on, q.registration_no) IS NOT DISTINCT FROM (x.expires_on, x.registration_no)
           THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id FROM (
      SELECT line, import_code(staff_no) AS staff_no,
             import_code(qualification_code) AS qualification_code, acquired_on::date AS acquired_on,
             expires_on::date AS expires_on, import_txt(registration_no) AS registration_no
      FROM pg_temp.import_stage OFFSET 0   -- computed once per row
  ) b LEFT JOIN staff s ON s.staff_no = b.staff_no
  ) x LEFT JOIN staff_qualification q ON q.staff_id = x.staff_id AND q.qualification_code = x.qualification_code AND q.acquired_on = x.acquired_on;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('qualification_code', 'qualification_code', 'qualification_code IS NULL OR qualification_code NOT IN (SELECT code FROM qualification)', 'この資格コードは登録されていません');
  PERFORM import_check('acquired_on', 'NULL', 'acquired_on IS NULL', '必須の項目が空です');
  PERFORM import_check('expires_on', 'expires_on', 'expires_on <= acquired_on', '有効期限が取得日以前です');
  PERFORM import_check_text('registration_no', false, 50);
  PERFORM import_check_dups('staff_no, qualification_code, acquired_on', '職員番号・資格コード・取得日');
  IF p_sync THEN
    SELECT count(*) INTO v_del FROM staff_qualification q WHERE q.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND q.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  IF p_sync THEN
    DELETE FROM staff_qualification q WHERE q.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND q.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  UPDATE staff_qualification q SET expires_on = t.expires_on, registration_no = t.registration_no
    FROM pg_temp.import_t t WHERE t.rid = q.id AND t.o = 'updated';
  PERFORM import_insert('staff_qualification', $i$INSERT INTO staff_qualification (staff_id, qualification_code, acquired_on, expires_on, registration_no)
  SELECT staff_id, qualification_code, acquired_on, expires_on, registration_no
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY staff_id, line$i$);
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_qualifications(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- training
CREATE OR REPLACE FUNCTION import_kind_training(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  -- One pass: references and the stored row of the same natural key.
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, r.id AS rid,
         CASE WHEN r.id IS NULL THEN 'created' WHEN (r.end_date, r.hours, r.result) IS NOT DISTINCT FROM (x.end_date, x.hours, x.result)
           THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id FROM (
      SELECT line, import_code(staff_no) AS staff_no,
             import_code(course_code) AS course_code, start_date::date AS start_date,
             end_date::date AS end_date, hours_c AS hours_raw,
             CASE WHEN hours_c ~ '^[0-9]{1,5}(\.[0-9])?$' THEN hours_c::numeric(6,1) END AS hours,
             import_txt(result) AS result
      FROM (SELECT s0.*, import_code(s0.hours) AS hours_c FROM pg_temp.import_stage s0 OFFSET 0) st OFFSET 0   -- computed once per row
  ) b LEFT JOIN staff s ON s.staff_no = b.staff_no
  ) x LEFT JOIN training_record r ON r.staff_id = x.staff_id AND r.course_code = x.course_code AND r.start_date = x.start_date;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('course_code', 'course_code', 'course_code IS NULL OR course_code NOT IN (SELECT code FROM training_course)', 'この研修コードは登録されていません');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'NULL', 'end_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が開始日より前です');
  PERFORM import_check('hours', 'hours_raw', 'hours IS NULL OR hours <= 0',
    '時間数は0より大きい数（小数点以下1桁まで、99999.9以下）です');
  PERFORM import_check('result', 'result', 'result IS NULL OR result NOT IN (''修了'', ''未修了'', ''受講中'')',
    '結果は 修了・未修了・受講中 のいずれかです');
  PERFORM import_check_dups('staff_no, course_code, start_date', '職員番号・研修コード・開始日');
  IF p_sync THEN
    SELECT count(*) INTO v_del FROM training_record r WHERE r.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND r.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  IF p_sync THEN
    DELETE FROM training_record r WHERE r.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND r.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  UPDATE training_record r SET end_date = t.end_date, hours = t.hours, result = t.result
    FROM pg_temp.import_t t WHERE t.rid = r.id AND t.o = 'updated';
  PERFORM import_insert('training_record', $i$INSERT INTO training_record (staff_id, course_code, start_date, end_date, hours, result)
  SELECT staff_id, course_code, start_date, end_date, hours, result
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY staff_id, line$i$);
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_training(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- evaluations
CREATE OR REPLACE FUNCTION import_kind_evaluations(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  -- One pass: references and the stored row of the same natural key.
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, e.id AS rid,
         CASE WHEN e.id IS NULL THEN 'created' WHEN (e.grade, e.score, e.evaluator_comment) IS NOT DISTINCT FROM (x.grade, x.score, x.evaluator_comment)
           THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id FROM (
      SELECT line, import_code(staff_no) AS staff_no,
             fy_c AS fy_raw,
             CASE WHEN fy_c ~ '^[0-9]{4}(年度)?$'
                  THEN left(fy_c, 4)::int END AS fiscal_year,
             import_txt(period) AS period, import_txt(kind) AS kind,
             upper(import_code(grade)) AS grade, score_c AS score_raw,
             CASE WHEN score_c ~ '^[0-9]{1,3}(\.[0-9])?$' THEN score_c::numeric(5,1) END AS score,
             import_txt(evaluator_comment) AS evaluator_comment
      FROM (SELECT s0.*, import_code(s0.fiscal_year) AS fy_c, import_code(s0.score) AS score_c FROM pg_temp.import_stage s0 OFFSET 0) st OFFSET 0   -- computed once per row
  ) b LEFT JOIN staff s ON s.staff_no = b.staff_no
  ) x LEFT JOIN evaluation e ON e.staff_id = x.staff_id AND e.fiscal_year = x.fiscal_year AND e.period = x.period AND e.kind = x.kind;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('fiscal_year', 'fy_raw', 'fiscal_year IS NULL OR fiscal_year NOT BETWEEN 1989 AND 2100',
    '年度は1989〜2100の西暦4桁です');
  PERFORM import_check('period', 'period', 'period IS NULL OR period NOT IN (''上期'', ''下期'', ''年間'')',
    '期間は 上期・下期・年間 のいずれかです');
  PERFORM import_check('kind', 'kind', 'kind IS NULL OR kind NOT IN (''能力評価'', ''業績評価'')',
    '評価区分は 能力評価・業績評価 のいずれかです');
  PERFORM import_check('grade', 'grade', 'grade IS NULL OR grade NOT IN (''S'', ''A'', ''B'', ''C'', ''D'')',
    '評語は S・A・B・C・D のいずれかです');
  PERFORM import_check('score', 'score_raw', 'score_raw IS NOT NULL AND (score IS NULL OR score > 100)',
    '点数は0〜100の数（小数点以下1桁まで）です');
  PERFORM import_check_text('evaluator_comment', false, 2000);
  PERFORM import_check_dups('staff_no, fiscal_year, period, kind', '職員番号・年度・期間・評価区分');
  IF p_sync THEN
    SELECT count(*) INTO v_del FROM evaluation e WHERE e.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND e.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  IF p_sync THEN
    DELETE FROM evaluation e WHERE e.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND e.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  UPDATE evaluation e SET grade = t.grade, score = t.score, evaluator_comment = t.evaluator_comment
    FROM pg_temp.import_t t WHERE t.rid = e.id AND t.o = 'updated';
  PERFORM import_insert('evaluation', $i$INSERT INTO evaluation (staff_id, fiscal_year, period, kind, grade, score, evaluator_comment)
  SELECT staff_id, fiscal_year, period, kind, grade, score, evaluator_comment
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY staff_id, line$i$);
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_evaluations(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- skills
CREATE OR REPLACE FUNCTION import_kind_skills(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  -- One pass: references and the stored row of the same natural key.
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, k.id AS rid,
         CASE WHEN k.id IS NULL THEN 'created' WHEN (k.valid, k.level, k.evidence) IS NOT DISTINCT FROM (daterange(x.start_date, x.end_date + 1), x.level, x.evidence)
           THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id FROM (
      SELECT line, import_code(staff_no) AS staff_no,
             import_code(skill_code) AS skill_code, start_date::date AS start_date,
             end_date::date AS end_date, level_c AS level_raw,
             CASE WHEN level_c ~ '^[0-9]$' THEN level_c::int END AS level,
             import_txt(evidence) AS evidence
      FROM (SELECT s0.*, import_code(s0.level) AS level_c FROM pg_temp.import_stage s0 OFFSET 0) st OFFSET 0   -- computed once per row
  ) b LEFT JOIN staff s ON s.staff_no = b.staff_no
  ) x LEFT JOIN staff_skill k ON k.staff_id = x.staff_id AND k.skill_code = x.skill_code AND lower(k.valid) = x.start_date;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('skill_code', 'skill_code', 'skill_code IS NULL OR skill_code NOT IN (SELECT code FROM skill)', 'このスキルコードは登録されていません');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が開始日より前です');
  PERFORM import_check('level', 'level_raw', 'level IS NULL OR level NOT BETWEEN 1 AND 5', 'レベルは1〜5の整数です');
  PERFORM import_check_text('evidence', false, 500);
  PERFORM import_check_dups('staff_no, skill_code, start_date', '職員番号・スキルコード・開始日');
  CREATE TEMP TABLE import_gone ON COMMIT DROP AS
  SELECT k.id FROM staff_skill k WHERE p_sync
     AND k.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
     AND k.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  SELECT count(*) INTO v_del FROM pg_temp.import_gone;
  CREATE TEMP TABLE import_r ON COMMIT DROP AS (
    SELECT line, staff_id, skill_code, daterange(start_date, end_date + 1) AS valid FROM pg_temp.import_t
     WHERE staff_id IS NOT NULL AND start_date IS NOT NULL AND (end_date IS NULL OR end_date >= start_date)
    UNION ALL
    SELECT 0, k.staff_id, k.skill_code, k.valid FROM staff_skill k
     WHERE k.staff_id IN (SELECT staff_id FROM pg_temp.import_t)
       AND k.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL)
       AND k.id NOT IN (SELECT id FROM pg_temp.import_gone));
  ANALYZE pg_temp.import_r;
  INSERT INTO pg_temp.import_error (line, field, value, reason)
  SELECT DISTINCT ON (a.line) a.line, 'start_date', lower(a.valid)::text,
    CASE WHEN b.line = 0 THEN format('登録済みの同じスキルの期間（%s〜）と重なっています', lower(b.valid))
      ELSE format('%s行目の同じスキルの期間と重なっています', b.line) END
  FROM pg_temp.import_r a JOIN pg_temp.import_r b ON a.staff_id = b.staff_id AND a.skill_code = b.skill_code
   AND a.valid && b.valid AND a.line > 0 AND (b.line = 0 OR b.line < a.line);
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  DELETE FROM staff_skill WHERE id IN (SELECT id FROM pg_temp.import_gone);
  UPDATE staff_skill k SET valid = daterange(t.start_date, t.start_date + 1)
    FROM pg_temp.import_t t WHERE t.rid = k.id AND t.o = 'updated';
  UPDATE staff_skill k SET valid = daterange(t.start_date, t.end_date + 1), level = t.level,
         evidence = t.evidence
    FROM pg_temp.import_t t WHERE t.rid = k.id AND t.o = 'updated';
  PERFORM import_insert('staff_skill', $i$INSERT INTO staff_skill (staff_id, skill_code, valid, level, evidence)
  SELECT staff_id, skill_code, daterange(start_date, end_date + 1), level, evidence
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY skill_code, staff_id, line$i$);  -- GiST-friendly order
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_skills(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- entry point
-- Validate and (when no error) apply; the counts are those of the file.
-- A constraint the checks above did not foresee becomes an error row (line
-- 0) instead of aborting the transaction.
CREATE OR REPLACE FUNCTION import_run(p_kind text, p_sync boolean, p_present text[])
RETURNS TABLE (rows_total int, created int, updated int, unchanged int, deleted int)
LANGUAGE plpgsql AS $$
DECLARE v_del int;
BEGIN
  BEGIN
    EXECUTE format('SELECT import_kind_%s($1, $2)', p_kind) INTO v_del USING p_sync, p_present;
  EXCEPTION WHEN integrity_constraint_violation OR check_violation OR exclusion_violation
                 OR raise_exception OR data_exception THEN
    -- the subtransaction is rolled back: counts are gone, keep the reason
    CREATE TEMP TABLE IF NOT EXISTS import_t (line int, o text) ON COMMIT DROP;
    INSERT INTO pg_temp.import_error (line, field, value, reason)
    VALUES (0, '', '', 'データベースの制約に違反しました: ' || SQLERRM);
    v_del := 0;
  END;
  RETURN QUERY SELECT * FROM import_counts(v_del);
END
$$;
GRANT EXECUTE ON FUNCTION import_run(text, boolean, text[]) TO tms_app;
-- Sorts and hashes of a whole file stay in memory; the staging tables'
-- statistics (ANALYZE import_t, import_r: row counts and distinct keys for
-- the joins) come from a sample of 3,000 rows instead of 30,000.
ALTER FUNCTION import_run(text, boolean, text[]) SET work_mem = '64MB';
ALTER FUNCTION import_run(text, boolean, text[]) SET default_statistics_target = 10;

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
GRANT EXECUTE ON FUNCTION import_insert(regclass, text) TO tms_app;

CREATE OR REPLACE FUNCTION import_delete_staff(p_ids bigint[]) RETURNS int
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

-- A numeric ID, or NULL.
CREATE OR REPLACE FUNCTION import_id(t text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN import_code(t) ~ '^[0-9]{1,18}$' THEN import_code(t)::bigint END
$$;
GRANT EXECUTE ON FUNCTION import_id(text) TO tms_app;

-- ---------------------------------------------------------------- duties
CREATE OR REPLACE FUNCTION import_kind_duties(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT st.line, import_code(st.unit_code) AS unit_code, import_code(st.duty_id) AS duty_id_raw,
         import_id(st.duty_id) AS duty_id, import_txt(st.name) AS name,
         coalesce(import_txt(st.legal_basis), '') AS legal_basis,
         coalesce(import_txt(st.description), '') AS description,
         import_txt(st.category) AS category, import_code(st.workload) AS workload_raw,
         CASE WHEN import_code(st.workload) ~ '^[0-9]{1,2}(\.[0-9]{1,2})?$'
              THEN import_code(st.workload)::numeric(4,2) END AS workload,
         st.start_date::date AS start_date, st.end_date::date AS end_date,
         import_txt(st.status) AS status, u.id AS unit_id, NULL::bigint AS rid,
         NULL::boolean AS unit_ok, NULL::text AS o
  FROM pg_temp.import_stage st LEFT JOIN org_unit u ON u.code = import_code(st.unit_code);
  ANALYZE pg_temp.import_t;
  -- by 業務ID; without one, the stored duty of the same name, start and starting unit
  UPDATE pg_temp.import_t t SET rid = d.id FROM duty d WHERE d.id = t.duty_id;
  UPDATE pg_temp.import_t t SET rid = m.id
    FROM (SELECT DISTINCT ON (d.name, d.start_date, du.unit_id) d.id, d.name, d.start_date, du.unit_id
            FROM duty d JOIN duty_unit du ON du.duty_id = d.id AND du.valid @> d.start_date
           ORDER BY d.name, d.start_date, du.unit_id, d.id) m
   WHERE t.duty_id_raw IS NULL AND m.name = t.name AND m.start_date = t.start_date
     AND m.unit_id = t.unit_id;
  UPDATE pg_temp.import_t t SET unit_ok = CASE WHEN t.rid IS NULL
      THEN EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = t.unit_id AND v.valid @> t.start_date)
      ELSE EXISTS (SELECT 1 FROM duty_unit du WHERE du.duty_id = t.rid AND du.unit_id = t.unit_id) END
   WHERE t.unit_id IS NOT NULL;
  UPDATE pg_temp.import_t t SET o = CASE WHEN t.rid IS NULL THEN 'created'
      WHEN (d.name, d.legal_basis, d.description, d.category, d.workload, d.start_date, d.end_date, d.status)
           IS NOT DISTINCT FROM
           (t.name, t.legal_basis, t.description, t.category, t.workload, t.start_date, t.end_date, t.status)
      THEN 'unchanged' ELSE 'updated' END
    FROM (SELECT t2.line, d2.* FROM pg_temp.import_t t2 LEFT JOIN duty d2 ON d2.id = t2.rid) d
   WHERE d.line = t.line;

  PERFORM import_check('unit_code', 'NULL', 'unit_code IS NULL', '必須の項目が空です');
  PERFORM import_check('unit_code', 'unit_code', 'unit_code IS NOT NULL AND unit_id IS NULL',
    'この所属コードは登録されていません');
  PERFORM import_check('unit_code', 'unit_code', 'unit_id IS NOT NULL AND start_date IS NOT NULL AND rid IS NULL AND NOT unit_ok',
    'この所属は開始日の時点で存在しません');
  PERFORM import_check('unit_code', 'unit_code', 'unit_id IS NOT NULL AND rid IS NOT NULL AND NOT unit_ok',
    'この業務はこの所属に属したことがありません（所属の変更（移管）は業務の画面で日付を指定して行ってください）');
  PERFORM import_check('duty_id', 'duty_id_raw', 'duty_id_raw IS NOT NULL AND rid IS NULL',
    'この業務IDの業務は登録されていません（新しい業務は業務IDを空にしてください）');
  PERFORM import_check_text('name', true, 100);
  PERFORM import_check_text('legal_basis', false, 200);
  PERFORM import_check_text('description', false, 2000);
  PERFORM import_check('category', 'category',
    'category IS NULL OR category NOT IN (''自治事務'', ''法定受託事務'', ''内部管理事務'', ''その他'')',
    '区分は 自治事務・法定受託事務・内部管理事務・その他 のいずれかです');
  PERFORM import_check('workload', 'workload_raw', 'workload IS NULL',
    '業務量（人年）は0〜99の数（小数点以下2桁まで）です');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が開始日より前です');
  PERFORM import_check('status', 'status', 'status IS NULL OR status NOT IN (''実施中'', ''休止'', ''廃止'')',
    '状態は 実施中・休止・廃止 のいずれかです');
  PERFORM import_check_flush();
  -- one row per duty: by the duty matched, and by name, start and unit for new ones
  INSERT INTO pg_temp.import_error (line, field, value, reason)
  SELECT t.line, 'duty_id', coalesce(t.duty_id_raw, t.name),
         format('ファイル内で重複しています（%s行目と同じ業務）', d.first)
    FROM pg_temp.import_t t
    JOIN (SELECT coalesce(rid::text, unit_code || '/' || name || '/' || start_date) AS k, min(line) AS first
            FROM pg_temp.import_t WHERE rid IS NOT NULL OR (unit_code IS NOT NULL AND name IS NOT NULL
              AND start_date IS NOT NULL AND duty_id_raw IS NULL)
           GROUP BY 1 HAVING count(*) > 1) d
      ON d.k = coalesce(t.rid::text, t.unit_code || '/' || t.name || '/' || t.start_date)
   WHERE t.line > d.first;
  IF p_sync THEN
    INSERT INTO pg_temp.import_error (line, field, value, reason)
    VALUES (0, '', '', '業務の取込は同期モード（--sync）に対応していません（業務をやめるときは状態を廃止にしてください）');
  END IF;
  IF import_has_errors() THEN
    RETURN 0;
  END IF;

  PERFORM duty_update(t.rid, t.name, t.legal_basis, t.description, t.category, t.workload,
          t.start_date, t.end_date, t.status)
     FROM pg_temp.import_t t WHERE t.o = 'updated';
  PERFORM duty_create(t.unit_code, t.name, t.legal_basis, t.description, t.category, t.workload,
          t.start_date, t.end_date, t.status)
     FROM (SELECT * FROM pg_temp.import_t WHERE o = 'created' ORDER BY line) t;
  RETURN 0;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_duties(boolean, text[]) TO tms_app;

-- ---------------------------------------------------------------- assignments
CREATE OR REPLACE FUNCTION import_kind_duty_assignments(p_sync boolean, p_present text[])
RETURNS int LANGUAGE plpgsql AS $$
DECLARE v_del int := 0;
BEGIN
  CREATE TEMP TABLE import_t ON COMMIT DROP AS
  SELECT x.*, CASE WHEN x.start_date IS NOT NULL AND x.end_date >= x.start_date IS NOT FALSE
                   THEN daterange(x.start_date, x.end_date + 1) END AS rng, a.id AS rid,
         CASE WHEN a.id IS NULL THEN 'created'
              WHEN (a.role, a.share, upper(a.valid)) IS NOT DISTINCT FROM (x.role, x.share, x.end_date + 1)
              THEN 'unchanged' ELSE 'updated' END AS o
  FROM (SELECT b.*, s.id AS staff_id, s.hire_date, s.retire_date, d.id AS did,
               d.start_date AS duty_start, d.end_date AS duty_end
          FROM (SELECT line, import_code(duty_id) AS duty_id_raw, import_id(duty_id) AS duty_id,
                       import_code(staff_no) AS staff_no, import_txt(role) AS role,
                       share_c AS share_raw,
                       CASE WHEN share_c ~ '^[0-9]?(\.[0-9]{1,2})?$' AND share_c ~ '[0-9]'
                            THEN share_c::numeric(3,2) END AS share,
                       start_date::date AS start_date, end_date::date AS end_date
                  FROM (SELECT s0.*, import_code(s0.share) AS share_c FROM pg_temp.import_stage s0 OFFSET 0) st
                OFFSET 0) b
          LEFT JOIN staff s ON s.staff_no = b.staff_no
          LEFT JOIN duty d ON d.id = b.duty_id) x
  LEFT JOIN duty_assignment a ON a.duty_id = x.did AND a.staff_id = x.staff_id
        AND lower(a.valid) = x.start_date;
  ANALYZE pg_temp.import_t;
  PERFORM import_staff_ref();
  PERFORM import_check('duty_id', 'NULL', 'duty_id_raw IS NULL', '必須の項目が空です');
  PERFORM import_check('duty_id', 'duty_id_raw', 'duty_id_raw IS NOT NULL AND did IS NULL',
    'この業務IDの業務は登録されていません');
  PERFORM import_check('role', 'role', 'role IS NULL OR role NOT IN (''主担当'', ''副担当'')',
    '担当区分は 主担当・副担当 のいずれかです');
  PERFORM import_check('share', 'share_raw', 'share IS NULL OR share <= 0 OR share > 1',
    '従事割合は0より大きく1以下の数（小数点以下2桁まで）です');
  PERFORM import_check('start_date', 'NULL', 'start_date IS NULL', '必須の項目が空です');
  PERFORM import_check('end_date', 'end_date', 'end_date < start_date', '終了日が開始日より前です');
  PERFORM import_check('start_date', 'start_date',
    'o <> ''unchanged'' AND (hire_date > start_date OR retire_date < start_date)',
    '開始日はこの職員の在職期間外です');
  PERFORM import_check('start_date', 'start_date',
    'o <> ''unchanged'' AND (duty_start > start_date OR duty_end < start_date)',
    '開始日はこの業務の期間外です');
  PERFORM import_check_dups('duty_id, staff_no, start_date', '業務ID・職員番号・開始日');
  -- periods of one person on one duty never overlap: within the file...
  INSERT INTO pg_temp.import_error (line, field, value, reason)
  SELECT t.line, 'start_date', t.start_date::text,
         format('%s行目の同じ職員・業務の割り当てと期間が重なっています', min(p.line))
    FROM pg_temp.import_t t JOIN pg_temp.import_t p
      ON p.did = t.did AND p.staff_id = t.staff_id AND p.line < t.line
     AND p.start_date <> t.start_date AND p.rng && t.rng
   GROUP BY t.line, t.start_date;
  -- ...and with stored ones the file does not list (kept unless --sync)
  IF NOT p_sync THEN
    INSERT INTO pg_temp.import_error (line, field, value, reason)
    SELECT t.line, 'start_date', t.start_date::text,
           format('登録済みの同じ職員・業務の割り当て（%s〜%s）と期間が重なっています',
                  min(lower(a.valid)), coalesce((min(upper(a.valid)) - 1)::text, ''))
      FROM pg_temp.import_t t JOIN duty_assignment a
        ON a.duty_id = t.did AND a.staff_id = t.staff_id AND a.id IS DISTINCT FROM t.rid
       AND a.valid && t.rng
     WHERE t.o <> 'unchanged'
       AND NOT EXISTS (SELECT 1 FROM pg_temp.import_t m WHERE m.rid = a.id)
     GROUP BY t.line, t.start_date;
  END IF;
  IF p_sync THEN
    SELECT count(*) INTO v_del FROM duty_assignment a
     WHERE a.duty_id IN (SELECT did FROM pg_temp.import_t)
       AND a.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  IF import_has_errors() THEN
    RETURN v_del;
  END IF;
  IF p_sync THEN
    DELETE FROM duty_assignment a WHERE a.duty_id IN (SELECT did FROM pg_temp.import_t)
       AND a.id NOT IN (SELECT rid FROM pg_temp.import_t WHERE rid IS NOT NULL);
  END IF;
  UPDATE duty_assignment a SET role = t.role, share = t.share,
         valid = daterange(lower(a.valid), t.end_date + 1)
    FROM pg_temp.import_t t WHERE t.rid = a.id AND t.o = 'updated';
  PERFORM import_insert('duty_assignment', $i$INSERT INTO duty_assignment (duty_id, staff_id, role, share, valid)
  SELECT did, staff_id, role, share, daterange(start_date, end_date + 1)
    FROM pg_temp.import_t WHERE o = 'created' ORDER BY did, staff_id, line$i$);
  RETURN v_del;
END
$$;
GRANT EXECUTE ON FUNCTION import_kind_duty_assignments(boolean, text[]) TO tms_app;
