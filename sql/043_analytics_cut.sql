-- 043_analytics_cut.sql: the figures of sql/041 read fewer rows, and its
-- derived tables rebuild faster, for 300,000 staff.
--
--   ana_eval is cut by the stretches of service that overlap its fiscal
--            year, like ana_train: "the grades of the people on d" become
--            the rows of d's year holding d, with no join of 300,000
--            people with 600,000 grades;
--   ana_span, ana_qual and ana_skill_area are written in the order of
--            their end (hi) and indexed on it: the rows holding a recent
--            date are a third of them, read in one run of the index;
--   the development page counts by unit first; the comparison is one
--            statement; the moves come with the staff's number and kana;
--   a whole rebuild truncates, loads without indexes and builds them
--            after; fiscal_year() and ana_ymd() compute in floating point;
--            two indexes on source tables that nothing reads are dropped.

-- ---------------------------------------------------------------- dates
-- The same values as the definitions in sql/040 and sql/041 (checked for
-- every day from 1800 to 2200), through date_part's floating point instead
-- of extract's numeric: 2.3 times faster, over the millions of rows a
-- rebuild reads.
CREATE OR REPLACE FUNCTION fiscal_year(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', d) - (date_part('month', d) < 4)::int)::int
$$;
CREATE OR REPLACE FUNCTION ana_ymd(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', d) * 10000 + date_part('month', d) * 100 + date_part('day', d))::int
$$;

-- ---------------------------------------------------------------- ana_eval
DROP TABLE ana_eval;
DROP FUNCTION ana_eval_def(bigint[]);

-- The year's final grade of each person and kind (年間, else 下期, else
-- 上期), once per stretch of service overlapping the year, with its unit
-- (NULL, once, if none overlaps). The stretch holding the year's last day
-- is the unit the cube counts the grade in.
CREATE FUNCTION ana_eval_def(ids bigint[])
RETURNS TABLE (staff_id bigint, fiscal_year int, kind text, grade text, unit_id bigint, lo date, hi date)
LANGUAGE sql STABLE AS $$
  SELECT e.staff_id, e.fiscal_year, e.kind, e.grade, f.unit_id, f.lo, f.hi
  FROM (SELECT e.staff_id, e.fiscal_year, e.kind,
               substr('SABCD', min(CASE e.period WHEN '年間' THEN 10 WHEN '下期' THEN 20 ELSE 30 END
                                   + strpos('SABCD', e.grade)) % 10, 1) AS grade
        FROM evaluation e WHERE ids IS NULL OR e.staff_id = ANY (ids)
        GROUP BY 1, 2, 3) e
  LEFT JOIN ana_span f ON f.staff_id = e.staff_id
   AND f.lo < make_date(e.fiscal_year + 1, 4, 1) AND f.hi > make_date(e.fiscal_year, 4, 1)
$$;

CREATE TABLE ana_eval (
    staff_id    bigint NOT NULL,
    fiscal_year int NOT NULL,
    kind        text NOT NULL,
    grade       text NOT NULL,
    unit_id     bigint,
    lo          date,
    hi          date
);
CREATE INDEX ana_eval_fy_idx ON ana_eval (fiscal_year, kind);
CREATE INDEX ana_eval_staff_idx ON ana_eval (staff_id);

-- The cube's definition: the given people's grades (NULL: everyone's)
-- counted in the unit of the stretch holding their year's last day.
CREATE FUNCTION ana_eval_cube_def(ids bigint[])
RETURNS TABLE (fiscal_year int, kind text, grade text, unit_id bigint, n bigint)
LANGUAGE sql STABLE AS $$
  SELECT e.fiscal_year, e.kind, e.grade, e.unit_id, count(*) FROM ana_eval e
  WHERE (ids IS NULL OR e.staff_id = ANY (ids))
    AND e.lo <= make_date(e.fiscal_year + 1, 3, 31) AND e.hi > make_date(e.fiscal_year + 1, 3, 31)
  GROUP BY 1, 2, 3, 4
$$;

-- ---------------------------------------------------------------- rebuild
-- Rebuild a derived table whole (a bulk load, or a statement touching most
-- people): emptied by TRUNCATE rather than DELETE, filled without its
-- indexes, which are then built from the sorted rows (faster than keeping
-- them up row by row: 20 s to 14 s for ana_train at 300,000 staff), and
-- analysed for the plans of the figures. The exclusive lock this takes
-- holds readers of the table until the transaction ends, as the bulk load's
-- own ALTER TABLE already does for its source table.
CREATE FUNCTION ana_rebuild(tab text, ord text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE defs text[]; names text; d text;
BEGIN
  SELECT array_agg(pg_get_indexdef(i.indexrelid)), string_agg(i.indexrelid::regclass::text, ', ')
    INTO defs, names FROM pg_index i WHERE i.indrelid = tab::regclass;
  EXECUTE format('TRUNCATE %I', tab);
  EXECUTE 'DROP INDEX ' || names;
  EXECUTE format('INSERT INTO %I SELECT * FROM %I(NULL) ORDER BY %s', tab, tab || '_def', ord);
  FOREACH d IN ARRAY defs LOOP
    EXECUTE d;
  END LOOP;
  EXECUTE format('ANALYZE %I', tab);
END
$$;
ALTER FUNCTION ana_rebuild(text, text) SET jit = off SET work_mem = '256MB' SET maintenance_work_mem = '256MB';
REVOKE EXECUTE ON FUNCTION ana_rebuild(text, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION ana_eval_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  -- the people's rows at their year's end into the cube ($2 = 1) or out of it ($2 = -1)
  move constant text := $q$INSERT INTO ana_eval_cube AS c
    SELECT fiscal_year, kind, grade, unit_id, $2 * n FROM ana_eval_cube_def($1) ORDER BY 1, 2, 3, 4
    ON CONFLICT (fiscal_year, kind, grade, unit_id) DO UPDATE SET n = c.n + excluded.n$q$;
BEGIN
  IF ids IS NULL THEN
    PERFORM ana_rebuild('ana_eval', 'fiscal_year');
    TRUNCATE ana_eval_cube;
    INSERT INTO ana_eval_cube SELECT * FROM ana_eval_cube_def(NULL);
    RETURN;
  END IF;
  -- EXECUTE plans each statement for these very people, through the
  -- indexes on staff_id (a cached plan would read every person's rows)
  EXECUTE move USING ids, -1;
  EXECUTE 'DELETE FROM ana_eval WHERE staff_id = ANY ($1)' USING ids;
  EXECUTE 'INSERT INTO ana_eval SELECT * FROM ana_eval_def($1) ORDER BY fiscal_year' USING ids;
  EXECUTE move USING ids, 1;
  DELETE FROM ana_eval_cube WHERE n = 0;
END
$$;

CREATE OR REPLACE FUNCTION ana_facts_diff()
RETURNS TABLE (tab text, side text, staff_id bigint, detail text)
LANGUAGE plpgsql STABLE AS $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ana_span', 'ana_eval', 'ana_train', 'ana_skill_area', 'ana_qual'] LOOP
    RETURN QUERY EXECUTE format(
      'SELECT %L, ''stored'', x.staff_id, x::text FROM (SELECT * FROM %I EXCEPT ALL SELECT * FROM %I(NULL)) x'
      ' UNION ALL SELECT %L, ''defined'', x.staff_id, x::text FROM (SELECT * FROM %I(NULL) EXCEPT ALL SELECT * FROM %I) x',
      t, t, t || '_def', t, t || '_def', t);
  END LOOP;
  RETURN QUERY
  WITH e AS (SELECT * FROM ana_eval_cube_def(NULL))
  SELECT 'ana_eval_cube', 'stored', NULL::bigint, x::text FROM
    (SELECT * FROM ana_eval_cube EXCEPT ALL SELECT * FROM e) x
  UNION ALL
  SELECT 'ana_eval_cube', 'defined', NULL::bigint, x::text FROM
    (SELECT * FROM e EXCEPT ALL SELECT * FROM ana_eval_cube) x;
END
$$;

SELECT ana_eval_refresh(NULL);
GRANT SELECT ON ana_eval TO tms_app;
GRANT EXECUTE ON FUNCTION ana_eval_def(bigint[]), ana_eval_cube_def(bigint[]) TO tms_app;

-- ---------------------------------------------------------------- 人事評価
-- As in sql/041: grades by fiscal year and kind (five years up to d's),
-- ended years from the cube and d's year among the people on d; then the
-- grades (能力評価) by bucket for the latest fiscal year up to d's that has
-- evaluations, among the people on d. The people on d with a grade of d's
-- year are that year's rows holding d; a grade of an earlier year (d's has
-- none yet) is found by joining the people on d.
CREATE OR REPLACE FUNCTION ana_p_eval(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  fy int := fiscal_year(d);
  ended int := CASE WHEN d = make_date(fy + 1, 3, 31) THEN fy ELSE fy - 1 END;
  y int := (SELECT max(e.fiscal_year) FROM ana_eval e WHERE e.fiscal_year <= fy);
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_under(root) WHERE NULLIF(root, '') IS NOT NULL AND want IN ('eval', 'evalyear')),
  uu AS MATERIALIZED (SELECT * FROM ana_units(d, root)),
  cur AS MATERIALIZED (
    SELECT uu.bucket, e.kind, e.grade, count(*) AS n FROM ana_eval e JOIN uu ON uu.unit_id = e.unit_id
    WHERE e.fiscal_year = fy AND e.lo <= d AND e.hi > d
      AND ((ended < fy AND want IN ('eval', 'evalyear'))
           OR (y = fy AND e.kind = '能力評価' AND want IN ('eval', 'evalunit')))
    GROUP BY 1, 2, 3),
  old AS (
    SELECT p.bucket, e.grade FROM ana_people(d, root) p
    JOIN (SELECT DISTINCT e.staff_id, e.grade FROM ana_eval e WHERE e.fiscal_year = y AND e.kind = '能力評価') e
      ON e.staff_id = p.staff_id
    WHERE y < fy AND want IN ('eval', 'evalunit')),
  c AS (
    SELECT c.fiscal_year AS f, c.kind, c.grade, sum(c.n)::bigint AS n FROM ana_eval_cube c
    WHERE NULLIF(root, '') IS NULL AND want IN ('eval', 'evalyear') AND c.fiscal_year BETWEEN fy - 4 AND ended
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT c.fiscal_year, c.kind, c.grade, sum(c.n)::bigint FROM ana_eval_cube c
    JOIN u ON u.unit_id = c.unit_id AND u.valid @> make_date(c.fiscal_year + 1, 3, 31)
    WHERE c.fiscal_year BETWEEN fy - 4 AND ended GROUP BY 1, 2, 3
    UNION ALL
    SELECT fy, cur.kind, cur.grade, sum(cur.n)::bigint FROM cur
    WHERE ended < fy AND want IN ('eval', 'evalyear') GROUP BY 1, 2, 3
  ),
  rows AS (SELECT g.f, k.o, k.kind FROM generate_series(fy - 4, fy) g(f) CROSS JOIN (VALUES (1, '能力評価'), (2, '業績評価')) k(o, kind)),
  gs AS (SELECT * FROM (VALUES (1, 'S'), (2, 'A'), (3, 'B'), (4, 'C'), (5, 'D')) g(o, g)),
  eu AS (SELECT cur.bucket, cur.grade, cur.n FROM cur WHERE y = fy AND cur.kind = '能力評価' AND want IN ('eval', 'evalunit')
         UNION ALL
         SELECT old.bucket, old.grade, count(*) FROM old GROUP BY 1, 2)
  SELECT 'evalyear', (rows.f * 10 + rows.o)::bigint, rows.f || '-' || rows.kind, rows.f || '年度 ' || rows.kind,
         gs.o, gs.g, gs.g, coalesce(c.n, 0)::numeric, coalesce(c.n, 0), NULL::numeric
  FROM rows CROSS JOIN gs LEFT JOIN c ON c.f = rows.f AND c.kind = rows.kind AND c.grade = gs.g
  WHERE want IN ('eval', 'evalyear')
  UNION ALL
  SELECT 'evalunit', b.ord, b.code, b.name || '（' || y || '年度）', gs.o, gs.g, gs.g,
         coalesce(eu.n, 0)::numeric, coalesce(eu.n, 0), NULL::numeric
  FROM ana_buckets(d, root) b CROSS JOIN gs LEFT JOIN eu ON eu.bucket = b.bucket AND eu.grade = gs.g
  WHERE want IN ('eval', 'evalunit');
END
$$;

-- ---------------------------------------------------------------- comparison
-- Each bucket's figures on d1 and d2 side by side (the whole first): people,
-- the change, average age (sensitive) and average years of service. Buckets
-- are named as on d2; those gone by d2 follow, named as on d1. One
-- statement reads the people on each date once.
DROP FUNCTION ana_compare(date, date, text);
DROP FUNCTION ana_averages(date, text);
CREATE FUNCTION ana_compare(d1 date, d2 date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  y1 int := ana_ymd(d1);
  y2 int := ana_ymd(d2);
BEGIN
  RETURN QUERY
  WITH p AS (
    SELECT 1 AS i, u.bucket, (y1 - f.b_ymd) / 10000 AS age, d1 - f.hire_date AS svc
    FROM ana_span f JOIN ana_units(d1, root) u ON u.unit_id = f.unit_id WHERE f.lo <= d1 AND f.hi > d1
    UNION ALL
    SELECT 2, u.bucket, (y2 - f.b_ymd) / 10000, d2 - f.hire_date
    FROM ana_span f JOIN ana_units(d2, root) u ON u.unit_id = f.unit_id WHERE f.lo <= d2 AND f.hi > d2),
  g AS (SELECT GROUPING(p.bucket) AS gs, p.i, p.bucket, count(*) AS c, sum(p.age) AS sage, sum(p.svc) AS sdays
        FROM p GROUP BY GROUPING SETS ((p.i, p.bucket), (p.i))),
  v AS (SELECT 1 AS i, NULL::bigint AS bucket, 0::bigint AS o, '' AS k, '全体' AS l UNION ALL
        SELECT 1, b.bucket, b.ord, b.code, b.name FROM ana_buckets(d1, root) b UNION ALL
        SELECT 2, NULL, 0, '', '全体' UNION ALL
        SELECT 2, b.bucket, b.ord, b.code, b.name FROM ana_buckets(d2, root) b),
  s AS (SELECT v.i, v.o, v.k, v.l, coalesce(g.c, 0) AS n, round(g.sage::numeric / NULLIF(g.c, 0), 1) AS age,
               round(g.sdays::numeric / (365.25 * NULLIF(g.c, 0)), 1) AS svc
        FROM v LEFT JOIN g ON g.i = v.i AND g.gs = (v.bucket IS NULL)::int AND g.bucket IS NOT DISTINCT FROM v.bucket),
  a AS (SELECT * FROM s WHERE s.i = 1), b AS (SELECT * FROM s WHERE s.i = 2),
  r AS (
    SELECT coalesce(b.k, a.k) AS k, coalesce(b.o, 1000 + a.o) AS o,
           coalesce(b.l, a.l || '（' || d1 || '時点）') AS l,
           a.n AS n1, b.n AS n2, a.age AS age1, b.age AS age2, a.svc AS svc1, b.svc AS svc2
    FROM a FULL JOIN b ON b.k = a.k
  )
  SELECT r.o, r.k, r.l, c.o, c.k, c.l, c.v, c.n, NULL::numeric FROM r
  CROSS JOIN LATERAL (VALUES
    (1, 'n1', '人数（' || d1 || '）', coalesce(r.n1, 0)::numeric, coalesce(r.n1, 0)),
    (2, 'n2', '人数（' || d2 || '）', coalesce(r.n2, 0)::numeric, coalesce(r.n2, 0)),
    (3, 'diff', '増減', (coalesce(r.n2, 0) - coalesce(r.n1, 0))::numeric, NULL::bigint),
    (4, 'age1', '平均年齢（' || d1 || '）', r.age1, coalesce(r.n1, 0)),
    (5, 'age2', '平均年齢（' || d2 || '）', r.age2, coalesce(r.n2, 0)),
    (6, 'svc1', '平均勤続（' || d1 || '）', r.svc1, coalesce(r.n1, 0)),
    (7, 'svc2', '平均勤続（' || d2 || '）', r.svc2, coalesce(r.n2, 0))) c(o, k, l, v, n);
END
$$;
ALTER FUNCTION ana_compare(date, date, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
GRANT EXECUTE ON FUNCTION ana_compare(date, date, text) TO tms_app;

-- ---------------------------------------------------------------- moves
-- As in sql/041, with each person's hire and retirement dates taken from
-- their stretches (every stretch carries them), and their number and kana
-- for the list: a hundred thousand moves are joined with the staff in one
-- hash join here, not looked up one by one by the caller.
DROP FUNCTION ana_moves(date, date, text);
CREATE FUNCTION ana_moves(d1 date, d2 date, root text)
RETURNS TABLE (staff_id bigint, change text, unit1 text, unit2 text, staff_no text, kana text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  dlo date := least(d1, d2);
  dhi date := greatest(d1, d2);
BEGIN
  RETURN QUERY
  WITH u1 AS MATERIALIZED (SELECT unit_id FROM ana_units(d1, root)),
  u2 AS MATERIALIZED (SELECT unit_id FROM ana_units(d2, root)),
  du AS (SELECT unit_id FROM u1 EXCEPT SELECT unit_id FROM u2
         UNION SELECT unit_id FROM u2 EXCEPT SELECT unit_id FROM u1),
  -- stretches holding d1 or d2, but not one holding both in a unit that
  -- stayed in (or out of) the root: its person did not move
  x AS (SELECT f.staff_id, max(f.unit_id) FILTER (WHERE f.lo <= d1 AND f.hi > d1) AS u1,
               max(f.unit_id) FILTER (WHERE f.lo <= d2 AND f.hi > d2) AS u2,
               max(f.hire_date) AS hire_date, max(f.retire_date) AS retire_date
        FROM ana_span f
        WHERE f.hi > dlo AND ((f.lo <= d1 AND f.hi > d1) OR (f.lo <= d2 AND f.hi > d2))
          AND NOT (f.lo <= dlo AND f.hi > dhi AND f.unit_id NOT IN (SELECT unit_id FROM du))
        GROUP BY 1),
  j AS (SELECT x.staff_id, x.hire_date, x.retire_date, CASE WHEN x.u1 IN (SELECT unit_id FROM u1) THEN x.u1 END AS u1,
               CASE WHEN x.u2 IN (SELECT unit_id FROM u2) THEN x.u2 END AS u2 FROM x)
  SELECT j.staff_id,
    CASE WHEN j.u1 IS NULL THEN CASE WHEN j.hire_date > d1 THEN 'hired' ELSE 'moved_in' END
         WHEN j.u2 IS NULL THEN CASE WHEN j.retire_date < d2 THEN 'separated' ELSE 'moved_out' END
         ELSE 'moved' END,
    v1.name, v2.name, s.staff_no, s.sort_kana
  FROM j JOIN staff s ON s.id = j.staff_id
  LEFT JOIN org_unit_version v1 ON v1.unit_id = j.u1 AND v1.valid @> d1
  LEFT JOIN org_unit_version v2 ON v2.unit_id = j.u2 AND v2.valid @> d2
  WHERE j.u1 IS DISTINCT FROM j.u2;
END
$$;
GRANT EXECUTE ON FUNCTION ana_moves(date, date, text) TO tms_app;

-- ---------------------------------------------------------------- by end
-- The rows holding d are among those ending after d: for a recent date,
-- about a third. Rebuilds write the rows in the order of hi, so that those
-- are one run of the table; single edits add a few rows elsewhere.
CREATE INDEX ana_span_hi_idx ON ana_span (hi);
CREATE INDEX ana_qual_hi_idx ON ana_qual (hi);
CREATE INDEX ana_skill_area_hi_idx ON ana_skill_area (hi);
CREATE INDEX ana_train_fy_last_idx ON ana_train (fiscal_year, last_start);
DROP INDEX ana_train_fy_idx;
-- read by the figures of sql/040 only, which sql/041 replaced; each cost
-- seconds of upkeep in a bulk load of millions of rows
DROP INDEX training_record_start_idx;
DROP INDEX evaluation_fy_idx;
CLUSTER ana_span USING ana_span_hi_idx;
CLUSTER ana_qual USING ana_qual_hi_idx;
CLUSTER ana_skill_area USING ana_skill_area_hi_idx;
ANALYZE ana_span;
ANALYZE ana_qual;
ANALYZE ana_skill_area;

CREATE OR REPLACE FUNCTION ana_refresh(tab text, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  -- the figures read ana_train one fiscal year at a time, the others by hi
  ord constant text := CASE tab WHEN 'ana_train' THEN 'fiscal_year, staff_id' ELSE 'hi' END;
BEGIN
  -- a bulk load touches most people: rebuilding is cheaper than matching
  IF cardinality(ids) > 1000 AND cardinality(ids) > (SELECT count(*) FROM staff) / 4 THEN
    ids := NULL;
  END IF;
  IF tab = 'ana_eval' THEN
    PERFORM ana_eval_refresh(ids);
    RETURN;
  END IF;
  IF ids IS NULL THEN
    PERFORM ana_rebuild(tab, ord);
  ELSE
    EXECUTE format('DELETE FROM %I WHERE staff_id = ANY ($1)', tab) USING ids;
    EXECUTE format('INSERT INTO %I SELECT * FROM %I($1) ORDER BY %s', tab, tab || '_def', ord) USING ids;
  END IF;
  IF tab = 'ana_span' THEN	-- what is cut by the stretches follows them
    PERFORM ana_eval_refresh(ids);
    PERFORM ana_refresh('ana_train', ids);
    PERFORM ana_refresh('ana_skill_area', ids);
    PERFORM ana_refresh('ana_qual', ids);
  END IF;
END
$$;

-- ---------------------------------------------------------------- 育成
-- As in sql/041. Each figure counts its rows by unit first and then by
-- bucket; people with courses still to come in the year are counted from
-- their records up to d.
CREATE OR REPLACE FUNCTION ana_p_dev(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  fy int := fiscal_year(d);
  whole boolean := NULLIF(root, '') IS NULL;	-- the whole city: no unit is left out
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_units(d, root)),
  b AS MATERIALIZED (SELECT * FROM ana_buckets(d, root)),
  hc AS (SELECT u.bucket, sum(f.n)::bigint AS c
         FROM (SELECT f.unit_id, count(*) AS n FROM ana_span f WHERE f.lo <= d AND f.hi > d AND (whole OR f.unit_id IN (SELECT u.unit_id FROM u)) GROUP BY 1) f
         JOIN u ON u.unit_id = f.unit_id GROUP BY 1),
  -- training up to d: a person's whole year if their last course started
  -- by d, else their records up to d (the index on last_start finds them)
  tu AS (SELECT t.unit_id, count(*) AS part, sum(t.tenths) FILTER (WHERE t.last_start <= d) AS tenths
         FROM ana_train t WHERE t.fiscal_year = fy AND t.lo <= d AND t.hi > d AND t.first_start <= d
           AND (whole OR t.unit_id IN (SELECT u.unit_id FROM u)) AND want IN ('dev', 'training') GROUP BY 1
         UNION ALL
         SELECT t.unit_id, 0, sum((r.hours * 10)::bigint) FROM ana_train t
         JOIN training_record r ON r.staff_id = t.staff_id AND r.start_date BETWEEN make_date(fy, 4, 1) AND d
         WHERE t.fiscal_year = fy AND t.last_start > d AND t.lo <= d AND t.hi > d AND t.first_start <= d
           AND (whole OR t.unit_id IN (SELECT u.unit_id FROM u)) AND want IN ('dev', 'training') GROUP BY 1),
  tb AS (SELECT u.bucket, sum(tu.part) AS part, sum(tu.tenths) AS tenths FROM tu JOIN u ON u.unit_id = tu.unit_id GROUP BY 1),
  tr AS (SELECT b.ord, b.code, b.name, coalesce(hc.c, 0) AS staff, coalesce(tb.part, 0)::bigint AS part,
                CASE WHEN tb.tenths IS NULL THEN 0 ELSE (tb.tenths::numeric / 10)::numeric(20, 1) END AS hours
         FROM b LEFT JOIN hc ON hc.bucket = b.bucket LEFT JOIN tb ON tb.bucket = b.bucket),
  qc AS (SELECT a.code, sum(a.n)::bigint AS holders
         FROM (SELECT a.unit_id, a.code, count(*) AS n FROM ana_qual a
               WHERE a.lo <= d AND a.hi > d AND (whole OR a.unit_id IN (SELECT u.unit_id FROM u)) AND want IN ('dev', 'quals') GROUP BY 1, 2) a
         JOIN u ON u.unit_id = a.unit_id GROUP BY 1),
  -- a holder on d of a qualification expiring soon is in ana_qual on d
  qx AS (SELECT q.qualification_code AS code, count(DISTINCT q.staff_id) AS expiring
         FROM staff_qualification q
         JOIN ana_qual a ON a.staff_id = q.staff_id AND a.code = q.qualification_code AND a.lo <= d AND a.hi > d
         JOIN u ON u.unit_id = a.unit_id
         WHERE q.expires_on BETWEEN d AND d + 180 AND q.acquired_on <= d AND want IN ('dev', 'quals') GROUP BY 1),
  qr AS (SELECT row_number() OVER (ORDER BY qc.holders DESC, q.category, q.name) AS o, q.code, q.name,
                qc.holders, coalesce(qx.expiring, 0) AS expiring
         FROM qc JOIN qualification q ON q.code = qc.code LEFT JOIN qx ON qx.code = qc.code),
  top AS (SELECT k.code, k.name, row_number() OVER (ORDER BY k.sort_order, k.code)::int AS o
          FROM skill k WHERE k.parent_code IS NULL),
  sc AS (SELECT u.bucket, a.area, sum(a.n)::bigint AS c
         FROM (SELECT a.unit_id, a.area, count(*) AS n FROM ana_skill_area a
               WHERE a.lo <= d AND a.hi > d AND (whole OR a.unit_id IN (SELECT u.unit_id FROM u)) AND want IN ('dev', 'skills') GROUP BY 1, 2) a
         JOIN u ON u.unit_id = a.unit_id GROUP BY 1, 2)
  SELECT 'training', tr.ord, tr.code, tr.name, c.o, c.k, c.l, c.v, tr.staff, NULL::numeric FROM tr
  CROSS JOIN LATERAL (VALUES
    (1, 'part', '受講者数', tr.part::numeric), (2, 'staff', '在籍者数', tr.staff::numeric),
    (3, 'rate', '受講率（%）', CASE WHEN tr.staff > 0 THEN round(100.0 * tr.part / tr.staff, 1) END),
    (4, 'hours', '研修時間計', tr.hours),
    (5, 'per', '1人当たり時間', CASE WHEN tr.staff > 0 THEN round(tr.hours / tr.staff, 1) END)) c(o, k, l, v)
  WHERE want IN ('dev', 'training')
  UNION ALL
  SELECT 'quals', qr.o, qr.code, qr.name, 1, 'holders', '保有者数', qr.holders::numeric, qr.holders, NULL::numeric
  FROM qr WHERE want IN ('dev', 'quals')
  UNION ALL
  SELECT 'quals', qr.o, qr.code, qr.name, 2, 'expiring', '180日以内に期限', qr.expiring::numeric, qr.expiring,
         NULL::numeric
  FROM qr WHERE want IN ('dev', 'quals')
  UNION ALL
  SELECT 'skills', b.ord, b.code, b.name, top.o, top.code, top.name, coalesce(sc.c, 0)::numeric, coalesce(sc.c, 0),
         coalesce(hc.c, 0)::numeric
  FROM b CROSS JOIN top LEFT JOIN hc ON hc.bucket = b.bucket LEFT JOIN sc ON sc.bucket = b.bucket AND sc.area = top.code
  WHERE want IN ('dev', 'skills');
END
$$;

-- CREATE OR REPLACE resets a function's settings: as in sql/041
ALTER FUNCTION ana_refresh(text, bigint[]) SET jit = off;
ALTER FUNCTION ana_eval_refresh(bigint[]) SET jit = off;
ALTER FUNCTION ana_p_eval(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_p_dev(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_moves(date, date, text) ROWS 10000 SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
