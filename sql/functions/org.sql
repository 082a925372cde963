-- org.sql: the organisation: the tree on a date, unit versions and
-- reorganisations. Each function is defined here once, in the form that runs,
-- with its grants and settings; `tmsctl migrate` applies the file again
-- whenever it changes (cgi/migrate.c).
-- requires: 002 (the row type org_unit_version)

-- The organisation as of a date, planned as the ~hundreds of rows it is
-- (an inlined recursive query is estimated at a few rows, which made joins
-- with it nested loops).
CREATE OR REPLACE FUNCTION org_tree(asof date)
RETURNS TABLE (unit_id bigint, code text, name text, kind text, parent_id bigint,
               depth int, path int[], name_path text)
LANGUAGE plpgsql STABLE ROWS 300 AS $$
BEGIN
  RETURN QUERY
  WITH RECURSIVE v AS (
    SELECT v.unit_id, u.code, v.name, v.kind, v.parent_id, v.sort_order
    FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id
    WHERE v.valid @> asof
  ), t AS (
    SELECT v.unit_id, v.code, v.name, v.kind, v.parent_id, 0 AS depth,
           ARRAY[v.sort_order] AS path, v.name AS name_path
    FROM v WHERE v.parent_id IS NULL
    UNION ALL
    SELECT v.unit_id, v.code, v.name, v.kind, v.parent_id, t.depth + 1,
           t.path || v.sort_order, t.name_path || ' ' || v.name
    FROM v JOIN t ON v.parent_id = t.unit_id
    WHERE t.depth < 10
  )
  SELECT t.unit_id, t.code, t.name, t.kind, t.parent_id, t.depth, t.path, t.name_path FROM t;
END
$$;
GRANT EXECUTE ON FUNCTION org_tree(date) TO tms_app;

-- The unit with `code` as it is on date d (NULL if it does not exist then).
CREATE OR REPLACE FUNCTION org_unit_at(p_code text, d date) RETURNS org_unit_version
LANGUAGE sql STABLE AS $$
  SELECT v.* FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id
  WHERE u.code = p_code AND v.valid @> d
$$;
GRANT EXECUTE ON FUNCTION org_unit_at(text, date) TO tms_app;

-- A unit that exists on d and every day after it (no planned abolition).
CREATE OR REPLACE FUNCTION org_unit_lasts(p_unit bigint, d date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(range_agg(valid) @> daterange(d, NULL), false)
  FROM org_unit_version WHERE unit_id = p_unit
$$;
GRANT EXECUTE ON FUNCTION org_unit_lasts(bigint, date) TO tms_app;

-- Checks a parent for a unit from date d: it exists from d on, and is not
-- the unit itself or one of its descendants on d (no cycle).
CREATE OR REPLACE FUNCTION org_parent_check(p_unit bigint, p_parent_code text, d date) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_parent bigint;
BEGIN
  IF p_parent_code IS NULL OR p_parent_code = '' THEN
    RETURN NULL;
  END IF;
  SELECT unit_id INTO v_parent FROM org_unit_at(p_parent_code, d);
  IF v_parent IS NULL THEN
    RAISE EXCEPTION '上位の所属 % は % 時点で存在しません', p_parent_code, d;
  END IF;
  IF NOT org_unit_lasts(v_parent, d) THEN
    RAISE EXCEPTION '上位の所属 % は廃止が予定されているため、その下には置けません', p_parent_code;
  END IF;
  IF p_unit IS NOT NULL AND EXISTS (
      WITH RECURSIVE up(id, n) AS (
        SELECT v_parent, 0
        UNION ALL
        SELECT v.parent_id, up.n + 1 FROM up JOIN org_unit_version v
          ON v.unit_id = up.id AND v.valid @> d
        WHERE v.parent_id IS NOT NULL AND up.n < 20)
      SELECT 1 FROM up WHERE id = p_unit) THEN
    RAISE EXCEPTION '所属を自身またはその下位の所属の下に置くことはできません';
  END IF;
  RETURN v_parent;
END
$$;
GRANT EXECUTE ON FUNCTION org_parent_check(bigint, text, date) TO tms_app;

-- 新設: a new unit from p_from on.
CREATE OR REPLACE FUNCTION org_unit_create(p_code text, p_name text, p_kind text, p_parent_code text,
                                p_sort int, p_from date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_parent bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM org_unit WHERE code = p_code) THEN
    RAISE EXCEPTION '所属コード % は既に使われています（廃止された所属のコードも再利用できません）', p_code;
  END IF;
  v_parent := org_parent_check(NULL, p_parent_code, p_from);
  INSERT INTO org_unit (code) VALUES (p_code) RETURNING id INTO v_id;
  INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
  VALUES (v_id, daterange(p_from, NULL), p_name, p_kind, v_parent, p_sort);
  RETURN v_id;
END
$$;
GRANT EXECUTE ON FUNCTION org_unit_create(text, text, text, text, int, date) TO tms_app;

-- 改称・移管・表示順の変更: the unit's name, kind, parent and order from
-- p_from on. The version in force on p_from is split there (or corrected,
-- when it begins that very day); planned later versions are kept.
CREATE OR REPLACE FUNCTION org_unit_change(p_code text, p_from date, p_name text, p_kind text,
                                p_parent_code text, p_sort int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v org_unit_version;
  v_parent bigint;
BEGIN
  SELECT * INTO v FROM org_unit_at(p_code, p_from);
  IF v.id IS NULL THEN
    RAISE EXCEPTION '所属 % は % 時点で存在しません', p_code, p_from;
  END IF;
  v_parent := org_parent_check(v.unit_id, p_parent_code, p_from);
  IF v.name = p_name AND v.kind = p_kind AND v.parent_id IS NOT DISTINCT FROM v_parent
     AND v.sort_order = p_sort THEN
    RAISE EXCEPTION '変更する内容がありません';
  END IF;
  IF lower(v.valid) = p_from THEN
    UPDATE org_unit_version SET name = p_name, kind = p_kind, parent_id = v_parent,
           sort_order = p_sort WHERE id = v.id;
  ELSE
    UPDATE org_unit_version SET valid = daterange(lower(valid), p_from) WHERE id = v.id;
    INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
    VALUES (v.unit_id, daterange(p_from, upper(v.valid)), p_name, p_kind, v_parent, p_sort);
  END IF;
END
$$;
GRANT EXECUTE ON FUNCTION org_unit_change(text, date, text, text, text, int) TO tms_app;

-- 廃止: the unit no longer exists from p_on. Refused while anyone is
-- assigned to it on or after that day, or while it has sub-units then.
CREATE OR REPLACE FUNCTION org_unit_abolish(p_code text, p_on date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_unit bigint;
  n int;
BEGIN
  SELECT unit_id INTO v_unit FROM org_unit_at(p_code, p_on);
  IF v_unit IS NULL THEN
    RAISE EXCEPTION '所属 % は % 時点で存在しません', p_code, p_on;
  END IF;
  SELECT count(DISTINCT staff_id) INTO n FROM appointment
   WHERE unit_id = v_unit AND valid && daterange(p_on, NULL);
  IF n > 0 THEN
    RAISE EXCEPTION '所属 % には % 以後も % 人の発令があります。先に異動を発令するか、統合を使ってください', p_code, p_on, n;
  END IF;
  SELECT count(DISTINCT unit_id) INTO n FROM org_unit_version
   WHERE parent_id = v_unit AND valid && daterange(p_on, NULL);
  IF n > 0 THEN
    RAISE EXCEPTION '所属 % には % 以後も下位の所属が % あります。先に下位の所属を移管・廃止してください', p_code, p_on, n;
  END IF;
  DELETE FROM org_unit_version WHERE unit_id = v_unit AND lower(valid) >= p_on;
  UPDATE org_unit_version SET valid = daterange(lower(valid), p_on)
   WHERE unit_id = v_unit AND valid @> p_on;
END
$$;
GRANT EXECUTE ON FUNCTION org_unit_abolish(text, date) TO tms_app;

-- 統合: units p_from_codes become part of p_to_code on p_on. Their
-- sub-units move under the target, the people assigned to them on that day
-- are moved by a 配置換 (same position and grade; later-dated appointments
-- are re-pointed), the merged units are abolished, and the succession is
-- recorded. Returns the number of appointments moved.
CREATE OR REPLACE FUNCTION org_unit_merge(p_from_codes text[], p_to_code text, p_on date) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  v_to org_unit_version;
  v_from bigint;
  f text;
  a appointment;
  c record;
  n int := 0;
BEGIN
  SELECT * INTO v_to FROM org_unit_at(p_to_code, p_on);
  IF v_to.id IS NULL THEN
    RAISE EXCEPTION '統合先の所属 % は % 時点で存在しません（新設する場合は先に新設してください）', p_to_code, p_on;
  END IF;
  IF NOT org_unit_lasts(v_to.unit_id, p_on) THEN
    RAISE EXCEPTION '統合先の所属 % は廃止が予定されています', p_to_code;
  END IF;
  IF coalesce(array_length(p_from_codes, 1), 0) = 0 THEN
    RAISE EXCEPTION '統合する所属を選んでください';
  END IF;
  FOREACH f IN ARRAY p_from_codes LOOP
    IF f = p_to_code THEN
      RAISE EXCEPTION '統合先の所属 % を統合元にも選んでいます', f;
    END IF;
    SELECT unit_id INTO v_from FROM org_unit_at(f, p_on);
    IF v_from IS NULL THEN
      RAISE EXCEPTION '統合元の所属 % は % 時点で存在しません', f, p_on;
    END IF;
    IF EXISTS (WITH RECURSIVE up(id, k) AS (
        SELECT v_to.unit_id, 0 UNION ALL
        SELECT v.parent_id, up.k + 1 FROM up JOIN org_unit_version v ON v.unit_id = up.id AND v.valid @> p_on
        WHERE v.parent_id IS NOT NULL AND up.k < 20)
      SELECT 1 FROM up WHERE id = v_from) THEN
      RAISE EXCEPTION '統合先 % は統合元 % の下位の所属です', p_to_code, f;
    END IF;
    -- sub-units move under the target
    FOR c IN SELECT u.code, v.name, v.kind, v.sort_order FROM org_unit_version v
             JOIN org_unit u ON u.id = v.unit_id
             WHERE v.parent_id = v_from AND v.valid @> p_on LOOP
      PERFORM org_unit_change(c.code, p_on, c.name, c.kind, p_to_code, c.sort_order);
    END LOOP;
    -- people: spans running on the day are split, later ones re-pointed
    FOR a IN SELECT * FROM appointment WHERE unit_id = v_from AND valid && daterange(p_on, NULL)
             ORDER BY lower(valid) FOR UPDATE LOOP
      IF lower(a.valid) >= p_on THEN
        UPDATE appointment SET unit_id = v_to.unit_id WHERE id = a.id;
      ELSE
        UPDATE appointment SET valid = daterange(lower(valid), p_on) WHERE id = a.id;
        INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, job_type_code,
                                 grade_code, is_main, remarks)
        VALUES (a.staff_id, '配置換', daterange(p_on, upper(a.valid)), v_to.unit_id,
                a.position_code, a.job_type_code, a.grade_code, a.is_main, '組織改正（統合）');
      END IF;
      n := n + 1;
    END LOOP;
    PERFORM org_unit_abolish(f, p_on);
    INSERT INTO org_unit_succession (from_unit, to_unit, on_date, kind)
    VALUES (v_from, v_to.unit_id, p_on, '統合');
  END LOOP;
  RETURN n;
END
$$;
GRANT EXECUTE ON FUNCTION org_unit_merge(text[], text, date) TO tms_app;

-- ---------------------------------------------------------------- organisation
-- Who was under whom, when: one row per (unit, ancestor or itself) with the
-- dates on which that held, and the ancestor's parent then. About a thousand
-- rows, computed from org_unit_version on each call, so it cannot disagree
-- with the history.
CREATE OR REPLACE FUNCTION org_closure()
RETURNS TABLE (unit_id bigint, ancestor_id bigint, ancestor_parent bigint, valid daterange, depth int)
LANGUAGE sql STABLE ROWS 1000 AS $$
  WITH RECURSIVE c AS (
    SELECT v.unit_id, v.unit_id AS ancestor_id, v.parent_id AS ancestor_parent, v.valid, 0 AS depth
    FROM org_unit_version v
    UNION ALL
    SELECT c.unit_id, p.unit_id, p.parent_id, c.valid * p.valid, c.depth + 1
    FROM c JOIN org_unit_version p ON p.unit_id = c.ancestor_parent AND p.valid && c.valid
    WHERE c.depth < 10
  )
  SELECT unit_id, ancestor_id, ancestor_parent, valid, depth FROM c
$$;
GRANT EXECUTE ON FUNCTION org_closure() TO tms_app;
