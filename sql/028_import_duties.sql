-- 028_import_duties.sql: duties (事務分掌) and their assignments as import
-- kinds (issue 4), in the format of the duties screens' CSV export (issue 6):
--   duties:           所属コード, 所属名, 業務ID, 業務名, 根拠法令, 業務内容, 区分,
--                     業務量（人年）, 開始日, 終了日, 状態
--   duty_assignments: 所属コード, 所属名, 業務ID, 業務名, 職員番号, 氏名, 担当区分,
--                     従事割合, 開始日, 終了日
-- Same engine as sql/020: staging, set-based checks naming line, column,
-- value and reason, natural-key matching, all-or-nothing.
--
-- duties: a row with a 業務ID updates that duty (an unknown ID is an error);
-- a row without one is a new duty, in the unit its 所属コード names on its
-- start date, unless a duty with the same name, start date and starting unit
-- is stored (then it is that duty, so the same file twice changes nothing).
-- A duty keeps its unit history: the 所属コード of a stored duty must be one
-- of the units it has belonged to (a transfer, 移管, has a date the file does
-- not carry, so it is done on the duty's screen). 所属名 is informational.
-- --sync is refused for duties (abolishing is 状態 廃止 or the screen).
--
-- duty_assignments: matched by 業務ID + 職員番号 + 開始日; 担当区分, 従事割合
-- and 終了日 are updated. --sync deletes the assignments of the duties the
-- file names that the file does not list. 所属コード, 所属名, 業務名 and 氏名
-- are informational.

CREATE TABLE import_stage_duties (line int, unit_code text, unit_name text, duty_id text,
    name text, legal_basis text, description text, category text, workload text,
    start_date text, end_date text, status text);
CREATE TABLE import_stage_duty_assignments (line int, unit_code text, unit_name text,
    duty_id text, duty_name text, staff_no text, staff_name text, role text, share text,
    start_date text, end_date text);

ALTER TABLE import_history DROP CONSTRAINT import_history_kind_check;
ALTER TABLE import_history ADD CONSTRAINT import_history_kind_check CHECK (kind IN ('staff',
    'units', 'appointments', 'qualifications', 'training', 'evaluations', 'skills',
    'duties', 'duty_assignments'));

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

-- A numeric ID, or NULL.
CREATE FUNCTION import_id(t text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN import_code(t) ~ '^[0-9]{1,18}$' THEN import_code(t)::bigint END
$$;

-- ---------------------------------------------------------------- duties
CREATE FUNCTION import_kind_duties(p_sync boolean, p_present text[])
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

-- ---------------------------------------------------------------- assignments
CREATE FUNCTION import_kind_duty_assignments(p_sync boolean, p_present text[])
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

GRANT SELECT ON import_stage_duties, import_stage_duty_assignments TO tms_app;
GRANT EXECUTE ON FUNCTION import_id(text), import_kind_duties(boolean, text[]),
    import_kind_duty_assignments(boolean, text[]) TO tms_app;
