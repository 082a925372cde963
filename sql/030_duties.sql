-- 030_duties.sql: each unit's duty register (事務分掌), modelled on the
-- 総務省 業務説明表: duties, the unit each belongs to over time (so a duty
-- follows mergers and transfers and the history shows it), assignments of
-- staff (主担当/副担当, share of their time) and tasks with progress.
-- Everything is effective-dated, like appointments; nothing "current" is
-- stored.

CREATE TABLE duty (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    legal_basis text NOT NULL DEFAULT '' CHECK (length(legal_basis) <= 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    category    text NOT NULL CHECK (category IN ('自治事務', '法定受託事務', '内部管理事務', 'その他')),
    workload    numeric(4,2) NOT NULL CHECK (workload >= 0 AND workload <= 99),  -- person-years
    start_date  date NOT NULL,
    end_date    date,                                 -- last day, inclusive
    status      text NOT NULL CHECK (status IN ('実施中', '休止', '廃止')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR end_date >= start_date)
);

-- The unit a duty belongs to, over time. A merger or transfer closes one
-- span and opens the next; spans of one duty never overlap.
CREATE TABLE duty_unit (
    id       bigserial PRIMARY KEY,
    duty_id  bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    unit_id  bigint NOT NULL REFERENCES org_unit(id),
    valid    daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    EXCLUDE USING gist (duty_id WITH =, valid WITH &&)
);
CREATE INDEX duty_unit_unit_idx ON duty_unit (unit_id);
CREATE INDEX duty_unit_valid_idx ON duty_unit USING gist (valid);

CREATE TABLE duty_assignment (
    id       bigserial PRIMARY KEY,
    duty_id  bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    staff_id bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('主担当', '副担当')),
    share    numeric(3,2) NOT NULL CHECK (share > 0 AND share <= 1),
    valid    daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    EXCLUDE USING gist (duty_id WITH =, staff_id WITH =, valid WITH &&)
);
CREATE INDEX duty_assignment_duty_idx ON duty_assignment (duty_id);
CREATE INDEX duty_assignment_staff_idx ON duty_assignment (staff_id);

CREATE TABLE duty_task (
    id         bigserial PRIMARY KEY,
    duty_id    bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    start_date date NOT NULL,
    due_date   date NOT NULL,
    progress   int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status     text NOT NULL DEFAULT '未着手' CHECK (status IN ('未着手', '進行中', '完了', '保留')),
    notes      text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (due_date >= start_date),
    CHECK (status <> '完了' OR progress = 100)
);
CREATE INDEX duty_task_duty_idx ON duty_task (duty_id);
CREATE INDEX duty_task_due_idx ON duty_task (due_date);

CREATE TABLE duty_task_assignee (
    task_id  bigint NOT NULL REFERENCES duty_task(id) ON DELETE CASCADE,
    staff_id bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, staff_id)
);
CREATE INDEX duty_task_assignee_staff_idx ON duty_task_assignee (staff_id);

-- The viewer's relation to a unit as of a date, in the bits of
-- staff_relations(): 2 the viewer heads it (or a unit above it),
-- 4 the viewer belongs to it, 8 always (colleague). The policy group
-- "duties" is granted by these relations; bit 1 (self) is added by the
-- callers for the tasks a viewer is assigned to.
CREATE FUNCTION duty_unit_rel(unit bigint, viewer bigint, asof date) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8 | CASE WHEN unit = ANY (vs.supervised) THEN 2 ELSE 0 END
           | CASE WHEN unit = ANY (vs.mine) THEN 4 ELSE 0 END
  FROM viewer_scope(viewer, asof) vs
$$;

-- A new duty in a unit (by code, in force on the start date).
CREATE FUNCTION duty_create(p_unit_code text, p_name text, p_legal text, p_desc text,
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

-- Move a duty to another unit from a date on (移管): the span in force on
-- that date ends the day before, later spans are replaced.
CREATE FUNCTION duty_move(p_duty bigint, p_unit_code text, p_date date)
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

-- A reorganisation moves the duties of the unit that is merged or
-- transferred (統合, 移管) to its successor on that date. A split (分割)
-- has no single successor: its duties stay until moved one by one. A
-- rename (改称) keeps the unit's identity, so there is nothing to move.
CREATE FUNCTION duty_follow_succession(p_from bigint, p_to bigint, p_date date, p_kind text)
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

CREATE FUNCTION duty_succession_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duty_follow_succession(NEW.from_unit, NEW.to_unit, NEW.on_date, NEW.kind);
  RETURN NEW;
END
$$;
CREATE TRIGGER org_unit_succession_duties AFTER INSERT ON org_unit_succession
    FOR EACH ROW EXECUTE FUNCTION duty_succession_trigger();

-- Assign a staff member (by number) to a duty. p_to is the last day or NULL.
CREATE FUNCTION duty_assign(p_duty bigint, p_staff_no text, p_role text, p_share numeric,
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

-- End an assignment on p_last (inclusive); an assignment that has not begun
-- by then is removed.
CREATE FUNCTION duty_assign_end(p_duty bigint, p_assignment bigint, p_last date)
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

-- Workload per staff member as of a date: the sum of the shares of every
-- assignment in force (any unit's duties), for the staff whose main
-- appointment is in the given units.
CREATE FUNCTION duty_workload(units bigint[], asof date)
RETURNS TABLE (staff_id bigint, unit_id bigint, total numeric, duties int)
LANGUAGE sql STABLE AS $$
  SELECT a.staff_id, a.unit_id, coalesce(sum(d.share), 0), count(d.id)::int
  FROM appointment a JOIN staff s ON s.id = a.staff_id
  LEFT JOIN duty_assignment d ON d.staff_id = a.staff_id AND d.valid @> asof
  WHERE a.is_main AND a.valid @> asof AND a.unit_id = ANY (units) AND staff_active(s, asof)
  GROUP BY a.staff_id, a.unit_id
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON duty, duty_unit, duty_assignment, duty_task,
    duty_task_assignee TO tms_app;
GRANT USAGE ON SEQUENCE duty_id_seq, duty_unit_id_seq, duty_assignment_id_seq, duty_task_id_seq TO tms_app;
GRANT EXECUTE ON FUNCTION duty_unit_rel(bigint, bigint, date),
    duty_create(text, text, text, text, text, numeric, date, date, text),
    duty_move(bigint, text, date), duty_follow_succession(bigint, bigint, date, text),
    duty_assign(bigint, text, text, numeric, date, date), duty_assign_end(bigint, bigint, date),
    duty_workload(bigint[], date) TO tms_app;

-- A unit and every unit below it, as of a date.
CREATE FUNCTION duty_subtree(unit bigint, asof date) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE sub AS (
    SELECT unit AS id
    UNION
    SELECT v.unit_id FROM org_unit_version v JOIN sub ON v.parent_id = sub.id WHERE v.valid @> asof
  )
  SELECT array_agg(id) FROM sub
$$;

-- Correct a duty's fields. A new period trims or stretches the first and
-- last unit spans, so the register and the history stay consistent.
CREATE FUNCTION duty_update(p_duty bigint, p_name text, p_legal text, p_desc text,
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

-- Create (p_task 0) or update a task with its assignees (staff numbers,
-- each of whom must be assigned to the duty at some time).
CREATE FUNCTION duty_task_save(p_task bigint, p_duty bigint, p_title text, p_start date,
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

GRANT EXECUTE ON FUNCTION duty_subtree(bigint, date),
    duty_update(bigint, text, text, text, text, numeric, date, date, text),
    duty_task_save(bigint, bigint, text, date, date, int, text, text, text[]) TO tms_app;
