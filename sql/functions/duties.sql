-- duties.sql: duties (事務分掌): duties, their units, assignments, tasks and
-- workload. Each function is defined here once, in the form that runs, with
-- its grants and settings; `tmsctl migrate` applies the file again whenever
-- it changes (cgi/migrate.c).
-- requires: 001 (no table types)

-- The viewer's relation to a unit as of a date, in the bits of
-- staff_relations(): 2 the viewer heads it (or a unit above it),
-- 4 the viewer belongs to it, 8 always (colleague). The policy group
-- "duties" is granted by these relations; bit 1 (self) is added by the
-- callers for the tasks a viewer is assigned to.
CREATE OR REPLACE FUNCTION duty_unit_rel(unit bigint, viewer bigint, asof date) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8 | CASE WHEN unit = ANY (vs.supervised) THEN 2 ELSE 0 END
           | CASE WHEN unit = ANY (vs.mine) THEN 4 ELSE 0 END
  FROM viewer_scope(viewer, asof) vs
$$;
GRANT EXECUTE ON FUNCTION duty_unit_rel(bigint, bigint, date) TO tms_app;

-- A new duty in a unit (by code, in force on the start date).
CREATE OR REPLACE FUNCTION duty_create(p_unit_code text, p_name text, p_legal text, p_desc text,
    p_category text, p_workload numeric, p_start date, p_end date, p_status text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_unit bigint; v_id bigint;
BEGIN
  SELECT u.id INTO v_unit FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
   WHERE u.code = p_unit_code AND v.valid @> p_start;
  IF v_unit IS NULL THEN
    RAISE EXCEPTION '所属コード % は開始日 % 時点で存在しません', p_unit_code, p_start;
  END IF;
  INSERT INTO duty (name, legal_basis, description, category, workload, start_date, end_date, status)
  VALUES (p_name, p_legal, p_desc, p_category, p_workload, p_start, p_end, p_status)
  RETURNING id INTO v_id;
  INSERT INTO duty_unit (duty_id, unit_id, valid)
  VALUES (v_id, v_unit, daterange(p_start, CASE WHEN p_end IS NULL THEN NULL ELSE p_end + 1 END));
  RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION duty_create(text, text, text, text, text, numeric, date, date, text) TO tms_app;

-- Move a duty to another unit from a date on (移管): the span in force on
-- that date ends the day before, later spans are replaced.
CREATE OR REPLACE FUNCTION duty_move(p_duty bigint, p_unit_code text, p_date date)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_unit bigint; v_end date; v_cur bigint;
BEGIN
  SELECT u.id INTO v_unit FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
   WHERE u.code = p_unit_code AND v.valid @> p_date;
  IF v_unit IS NULL THEN
    RAISE EXCEPTION '所属コード % は % 時点で存在しません', p_unit_code, p_date;
  END IF;
  SELECT end_date INTO v_end FROM duty WHERE id = p_duty;
  IF NOT FOUND THEN
    RAISE EXCEPTION '業務が見つかりません';
  END IF;
  IF EXISTS (SELECT 1 FROM duty WHERE id = p_duty AND (start_date > p_date OR end_date < p_date)) THEN
    RAISE EXCEPTION '移管日 % はこの業務の期間外です', p_date;
  END IF;
  SELECT unit_id INTO v_cur FROM duty_unit WHERE duty_id = p_duty AND valid @> p_date;
  IF v_cur = v_unit THEN
    RETURN;
  END IF;
  DELETE FROM duty_unit WHERE duty_id = p_duty AND lower(valid) >= p_date;
  UPDATE duty_unit SET valid = daterange(lower(valid), p_date)
   WHERE duty_id = p_duty AND valid @> p_date;
  INSERT INTO duty_unit (duty_id, unit_id, valid)
  VALUES (p_duty, v_unit, daterange(p_date, CASE WHEN v_end IS NULL THEN NULL ELSE v_end + 1 END));
END
$$;
GRANT EXECUTE ON FUNCTION duty_move(bigint, text, date) TO tms_app;

-- A reorganisation moves the duties of the unit that is merged or
-- transferred (統合, 移管) to its successor on that date. A split (分割)
-- has no single successor: its duties stay until moved one by one. A
-- rename (改称) keeps the unit's identity, so there is nothing to move.
CREATE OR REPLACE FUNCTION duty_follow_succession(p_from bigint, p_to bigint, p_date date, p_kind text)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  IF p_kind NOT IN ('統合', '移管') THEN
    RETURN 0;
  END IF;
  DELETE FROM duty_unit d WHERE d.unit_id = p_from AND lower(d.valid) > p_date;
  WITH moved AS (
    UPDATE duty_unit d SET valid = daterange(lower(d.valid), p_date)
     WHERE d.unit_id = p_from AND d.valid @> p_date AND lower(d.valid) < p_date
    RETURNING d.duty_id
  )
  INSERT INTO duty_unit (duty_id, unit_id, valid)
  SELECT m.duty_id, p_to, daterange(p_date, coalesce(
           (SELECT min(lower(n.valid)) FROM duty_unit n WHERE n.duty_id = m.duty_id AND lower(n.valid) > p_date),
           x.end_date + 1))
  FROM moved m JOIN duty x ON x.id = m.duty_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  -- spans that begin exactly on the date just change unit
  UPDATE duty_unit SET unit_id = p_to WHERE unit_id = p_from AND lower(valid) = p_date;
  RETURN n;
END
$$;
GRANT EXECUTE ON FUNCTION duty_follow_succession(bigint, bigint, date, text) TO tms_app;

CREATE OR REPLACE FUNCTION duty_succession_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duty_follow_succession(NEW.from_unit, NEW.to_unit, NEW.on_date, NEW.kind);
  RETURN NEW;
END
$$;

-- Assign a staff member (by number) to a duty. p_to is the last day or NULL.
CREATE OR REPLACE FUNCTION duty_assign(p_duty bigint, p_staff_no text, p_role text, p_share numeric,
    p_from date, p_to date)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_staff bigint; v_id bigint;
BEGIN
  SELECT id INTO v_staff FROM staff WHERE staff_no = p_staff_no;
  IF v_staff IS NULL THEN
    RAISE EXCEPTION '職員番号 % の職員はいません', p_staff_no;
  END IF;
  IF p_to IS NOT NULL AND p_to < p_from THEN
    RAISE EXCEPTION '終了日が開始日より前です';
  END IF;
  IF EXISTS (SELECT 1 FROM staff WHERE id = v_staff AND (hire_date > p_from OR retire_date < p_from)) THEN
    RAISE EXCEPTION '開始日 % はこの職員の在職期間外です', p_from;
  END IF;
  IF EXISTS (SELECT 1 FROM duty WHERE id = p_duty AND (start_date > p_from OR end_date < p_from)) THEN
    RAISE EXCEPTION '開始日 % はこの業務の期間外です', p_from;
  END IF;
  IF EXISTS (SELECT 1 FROM duty_assignment WHERE duty_id = p_duty AND staff_id = v_staff
             AND valid && daterange(p_from, CASE WHEN p_to IS NULL THEN NULL ELSE p_to + 1 END)) THEN
    RAISE EXCEPTION 'この職員は同じ期間にこの業務へ割り当て済みです（先に終了日を設定してください）';
  END IF;
  INSERT INTO duty_assignment (duty_id, staff_id, role, share, valid)
  VALUES (p_duty, v_staff, p_role, p_share,
          daterange(p_from, CASE WHEN p_to IS NULL THEN NULL ELSE p_to + 1 END))
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION duty_assign(bigint, text, text, numeric, date, date) TO tms_app;

-- End an assignment on p_last (inclusive); an assignment that has not begun
-- by then is removed.
CREATE OR REPLACE FUNCTION duty_assign_end(p_duty bigint, p_assignment bigint, p_last date)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM duty_assignment WHERE id = p_assignment AND duty_id = p_duty) THEN
    RAISE EXCEPTION '割当が見つかりません';
  END IF;
  DELETE FROM duty_assignment WHERE id = p_assignment AND lower(valid) > p_last;
  UPDATE duty_assignment SET valid = daterange(lower(valid), p_last + 1)
   WHERE id = p_assignment AND (upper(valid) IS NULL OR upper(valid) > p_last + 1);
END
$$;
GRANT EXECUTE ON FUNCTION duty_assign_end(bigint, bigint, date) TO tms_app;

-- Workload per staff member as of a date: the sum of the shares of every
-- assignment in force (any unit's duties), for the staff whose main
-- appointment is in the given units.
CREATE OR REPLACE FUNCTION duty_workload(units bigint[], asof date)
RETURNS TABLE (staff_id bigint, unit_id bigint, total numeric, duties int)
LANGUAGE sql STABLE AS $$
  SELECT a.staff_id, a.unit_id, coalesce(sum(d.share), 0), count(d.id)::int
  FROM appointment a JOIN staff s ON s.id = a.staff_id
  LEFT JOIN duty_assignment d ON d.staff_id = a.staff_id AND d.valid @> asof
  WHERE a.is_main AND a.valid @> asof AND a.unit_id = ANY (units) AND staff_active(s, asof)
  GROUP BY a.staff_id, a.unit_id
$$;
GRANT EXECUTE ON FUNCTION duty_workload(bigint[], date) TO tms_app;

-- A unit and every unit below it, as of a date.
CREATE OR REPLACE FUNCTION duty_subtree(unit bigint, asof date) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE sub AS (
    SELECT unit AS id
    UNION
    SELECT v.unit_id FROM org_unit_version v JOIN sub ON v.parent_id = sub.id WHERE v.valid @> asof
  )
  SELECT array_agg(id) FROM sub
$$;
GRANT EXECUTE ON FUNCTION duty_subtree(bigint, date) TO tms_app;

-- Correct a duty's fields. A new period trims or stretches the first and
-- last unit spans, so the register and the history stay consistent.
CREATE OR REPLACE FUNCTION duty_update(p_duty bigint, p_name text, p_legal text, p_desc text,
    p_category text, p_workload numeric, p_start date, p_end date, p_status text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_upper date := CASE WHEN p_end IS NULL THEN NULL ELSE p_end + 1 END;
BEGIN
  UPDATE duty SET name = p_name, legal_basis = p_legal, description = p_desc,
         category = p_category, workload = p_workload, start_date = p_start,
         end_date = p_end, status = p_status, updated_at = now()
   WHERE id = p_duty;
  IF NOT FOUND THEN
    RAISE EXCEPTION '業務が見つかりません';
  END IF;
  DELETE FROM duty_unit WHERE duty_id = p_duty
     AND (lower(valid) >= coalesce(v_upper, 'infinity') OR upper(valid) <= p_start);
  IF NOT EXISTS (SELECT 1 FROM duty_unit WHERE duty_id = p_duty) THEN
    RAISE EXCEPTION '期間の変更で所属の履歴がなくなります（先に所属を移管してください）';
  END IF;
  UPDATE duty_unit SET valid = daterange(p_start, upper(valid))
   WHERE id = (SELECT id FROM duty_unit WHERE duty_id = p_duty ORDER BY lower(valid) LIMIT 1);
  UPDATE duty_unit SET valid = daterange(lower(valid), v_upper)
   WHERE id = (SELECT id FROM duty_unit WHERE duty_id = p_duty ORDER BY lower(valid) DESC LIMIT 1);
END
$$;
GRANT EXECUTE ON FUNCTION duty_update(bigint, text, text, text, text, numeric, date, date, text) TO tms_app;

-- Create (p_task 0) or update a task with its assignees (staff numbers,
-- each of whom must be assigned to the duty at some time).
CREATE OR REPLACE FUNCTION duty_task_save(p_task bigint, p_duty bigint, p_title text, p_start date,
    p_due date, p_progress int, p_status text, p_notes text, p_staff text[])
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_id bigint := p_task; v_bad text;
BEGIN
  IF p_due < p_start THEN
    RAISE EXCEPTION '期限が開始日より前です';
  END IF;
  SELECT string_agg(n, '、') INTO v_bad FROM unnest(p_staff) n
   WHERE NOT EXISTS (SELECT 1 FROM staff s JOIN duty_assignment a ON a.staff_id = s.id
                     WHERE s.staff_no = n AND a.duty_id = p_duty);
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION '職員番号 % はこの業務の担当者ではありません', v_bad;
  END IF;
  IF v_id = 0 THEN
    INSERT INTO duty_task (duty_id, title, start_date, due_date, progress, status, notes)
    VALUES (p_duty, p_title, p_start, p_due, p_progress, p_status, p_notes) RETURNING id INTO v_id;
  ELSE
    UPDATE duty_task SET title = p_title, start_date = p_start, due_date = p_due,
           progress = p_progress, status = p_status, notes = p_notes, updated_at = now()
     WHERE id = v_id AND duty_id = p_duty;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'タスクが見つかりません';
    END IF;
    DELETE FROM duty_task_assignee WHERE task_id = v_id;
  END IF;
  INSERT INTO duty_task_assignee (task_id, staff_id)
  SELECT DISTINCT v_id, s.id FROM staff s WHERE s.staff_no = ANY (p_staff);
  RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION duty_task_save(bigint, bigint, text, date, date, int, text, text, text[]) TO tms_app;
