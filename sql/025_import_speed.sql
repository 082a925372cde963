-- 025_import_speed.sql: faster bulk import (issue 4) with the same checks,
-- messages and outcome as sql/020_import.sql, whose functions it replaces
-- (the row-check pass, and the record kinds' functions for the insert path).
-- Measured with tests/bench/import.sh on the 3,000-staff history: most of
-- the time went to checking every row against every condition and to the
-- per-row foreign-key triggers. Making the foreign keys DEFERRABLE does not
-- help: PostgreSQL 15 still runs the deferred checks row by row at commit.

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

-- Insert the created rows (p_insert: an INSERT ... SELECT FROM import_t
-- written in this file). A bulk load by the tables' owner (tmsctl import:
-- at least 1,000 new rows and at least as many as the table held) checks
-- the foreign keys once for the whole table instead of once per row: the
-- table's foreign-key constraints are dropped before the insert and added
-- back after it, in the same (sub)transaction, which validates every row
-- in one join and rolls everything back on a violation. The references were
-- already checked row by row (with line, field and value) by the kind's
-- function; ALTER TABLE holds the target and referenced tables locked until
-- the commit, so nothing can change them in between. Other callers (the HR
-- screen, small files) insert with the usual per-row checks.
CREATE OR REPLACE FUNCTION import_insert(p_table regclass, p_insert text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_n bigint; v_drop text; v_add text;
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
  EXECUTE format('ALTER TABLE %s %s', p_table, v_drop);
  EXECUTE p_insert;
  EXECUTE format('ALTER TABLE %s %s', p_table, v_add);
END
$$;

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

-- Sorts and hashes of a whole file stay in memory; the staging tables'
-- statistics (ANALYZE import_t, import_r: row counts and distinct keys for
-- the joins) come from a sample of 3,000 rows instead of 30,000.
ALTER FUNCTION import_run(text, boolean, text[]) SET work_mem = '64MB';
ALTER FUNCTION import_run(text, boolean, text[]) SET default_statistics_target = 10;

GRANT EXECUTE ON FUNCTION import_insert(regclass, text) TO tms_app;
