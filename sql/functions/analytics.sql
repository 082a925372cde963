-- analytics.sql: analytics (分析): date helpers, the derived tables and their
-- upkeep, the figures. Each function is defined here once, in the form that
-- runs, with its grants and settings; `tmsctl migrate` applies the file again
-- whenever it changes (cgi/migrate.c).
-- requires: 001 (no table types)

-- ---------------------------------------------------------------- dates
-- The same values as the definitions in sql/040 and sql/041 (checked for
-- every day from 1800 to 2200), through date_part's floating point instead
-- of extract's numeric: 2.3 times faster, over the millions of rows a
-- rebuild reads.
CREATE OR REPLACE FUNCTION fiscal_year(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', d) - (date_part('month', d) < 4)::int)::int
$$;
GRANT EXECUTE ON FUNCTION fiscal_year(date) TO tms_app;

-- 定年 of local government staff in a fiscal year: 60 until FY2022, then one
-- year more every two fiscal years, 65 from FY2031.
CREATE OR REPLACE FUNCTION retirement_age(fy int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN fy <= 2022 THEN 60 WHEN fy >= 2031 THEN 65 ELSE 61 + (fy - 2023) / 2 END
$$;
GRANT EXECUTE ON FUNCTION retirement_age(int) TO tms_app;

-- The fiscal year at whose end a person born on b retires: the first fiscal
-- year in which the age reached (legally the day before the birthday) is at
-- least that year's 定年.
CREATE OR REPLACE FUNCTION retirement_fy(b date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT fiscal_year(b - 1) + CASE
    WHEN retirement_age(fiscal_year(b - 1) + 60) <= 60 THEN 60
    WHEN retirement_age(fiscal_year(b - 1) + 61) <= 61 THEN 61
    WHEN retirement_age(fiscal_year(b - 1) + 62) <= 62 THEN 62
    WHEN retirement_age(fiscal_year(b - 1) + 63) <= 63 THEN 63
    WHEN retirement_age(fiscal_year(b - 1) + 64) <= 64 THEN 64 ELSE 65 END
$$;
GRANT EXECUTE ON FUNCTION retirement_fy(date) TO tms_app;

-- Age bands for pyramids and cross-tabs: 5-year bands from 20 to 64, in
-- order (0 = under 20, 10 = 65 and over) and as labels. Plain expressions,
-- so that the planner inlines them.
CREATE OR REPLACE FUNCTION age_band_ord(age int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN age < 20 THEN 0 WHEN age >= 65 THEN 10 ELSE (age - 15) / 5 END
$$;
GRANT EXECUTE ON FUNCTION age_band_ord(int) TO tms_app;

CREATE OR REPLACE FUNCTION age_band_label(age int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN age < 20 THEN '〜19歳' WHEN age >= 65 THEN '65歳〜'
              ELSE ((age / 5) * 5)::text || '〜' || ((age / 5) * 5 + 4)::text || '歳' END
$$;
GRANT EXECUTE ON FUNCTION age_band_label(int) TO tms_app;

-- Units under a root (itself included) on a date, each with its bucket: the
-- root's direct sub-unit containing it (the unit itself for the root), or for
-- the whole city the top-level unit containing it. The helpers below are
-- plpgsql so that the planner sees their real size (an inlined recursive
-- query is estimated at one row, which made joins nested loops).
CREATE OR REPLACE FUNCTION ana_units(d date, root text)
RETURNS TABLE (unit_id bigint, bucket bigint)
LANGUAGE plpgsql STABLE ROWS 200 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE c AS (	-- org_closure() on one date: only the versions valid then
    SELECT v.unit_id, v.unit_id AS ancestor_id, v.parent_id AS ancestor_parent, 0 AS depth
    FROM org_unit_version v WHERE v.valid @> d
    UNION ALL
    SELECT c.unit_id, p.unit_id, p.parent_id, c.depth + 1
    FROM c JOIN org_unit_version p ON p.unit_id = c.ancestor_parent AND p.valid @> d
    WHERE c.depth < 10
  )
  SELECT c.unit_id, c.ancestor_id FROM c
  LEFT JOIN org_unit r ON r.code = NULLIF(root, '')
  WHERE CASE WHEN NULLIF(root, '') IS NULL THEN c.ancestor_parent IS NULL
    ELSE c.ancestor_parent = r.id OR (c.ancestor_id = r.id AND c.unit_id = r.id) END;
END
$$;
GRANT EXECUTE ON FUNCTION ana_units(date, text) TO tms_app;

-- (unit, dates) pairs during which a unit was under the root: for events
-- (hires, separations) counted in the organisation of their own date.
CREATE OR REPLACE FUNCTION ana_under(root text)
RETURNS TABLE (unit_id bigint, valid daterange)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT c.unit_id, c.valid FROM org_closure() c
  WHERE CASE WHEN NULLIF(root, '') IS NULL THEN c.depth = 0
    ELSE c.ancestor_id = (SELECT id FROM org_unit WHERE code = root) END;
END
$$;
GRANT EXECUTE ON FUNCTION ana_under(text) TO tms_app;
-- a unit's subtree over time is tens of rows, not the default thousand: so
-- its stretches are found through the unit index, not by hashing them all
ALTER FUNCTION ana_under(text) ROWS 50;

-- Bucket labels: name and tree order of each bucket on the date.
CREATE OR REPLACE FUNCTION ana_buckets(d date, root text)
RETURNS TABLE (bucket bigint, code text, name text, ord bigint)
LANGUAGE plpgsql STABLE ROWS 50 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT t.unit_id, t.code,
         CASE WHEN t.code = NULLIF(root, '') THEN t.name || '（直属）' ELSE t.name END,
         row_number() OVER (ORDER BY t.code <> coalesce(NULLIF(root, ''), ''), t.path)
  FROM org_tree(d) t WHERE t.unit_id IN (SELECT DISTINCT u.bucket FROM ana_units(d, root) u);
END
$$;
GRANT EXECUTE ON FUNCTION ana_buckets(date, text) TO tms_app;

-- ---------------------------------------------------------------- cross-tab
-- Rows and columns from unit, position, etype, age (band), gender, grade;
-- measure count, age (average age) or service (average years of service).
-- Rows and columns are the values present; every cell of their product is
-- returned.
CREATE OR REPLACE FUNCTION ana_crosstab(d date, root text, rdim text, cdim text, measure text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH b AS MATERIALIZED (SELECT * FROM ana_buckets(d, root)),
  m AS (SELECT k.rk, k.ck, count(*) AS c, sum(x.age) AS sage, sum(x.svc_days) AS sdays
        FROM ana_people(d, root) x
        CROSS JOIN LATERAL (SELECT
          CASE rdim WHEN 'unit' THEN x.bucket::text WHEN 'position' THEN x.position_code
                    WHEN 'etype' THEN x.employment_type WHEN 'age' THEN (CASE WHEN x.age < 20 THEN 0 WHEN x.age >= 65 THEN 10 ELSE (x.age - 15) / 5 END)::text
                    WHEN 'gender' THEN x.gender WHEN 'grade' THEN coalesce(x.grade_code, '-') END AS rk,
          CASE cdim WHEN 'unit' THEN x.bucket::text WHEN 'position' THEN x.position_code
                    WHEN 'etype' THEN x.employment_type WHEN 'age' THEN (CASE WHEN x.age < 20 THEN 0 WHEN x.age >= 65 THEN 10 ELSE (x.age - 15) / 5 END)::text
                    WHEN 'gender' THEN x.gender WHEN 'grade' THEN coalesce(x.grade_code, '-') END AS ck) k
        GROUP BY 1, 2),
  lab AS (
    SELECT 'unit' AS dim, b.bucket::text AS k, b.code AS key, b.name AS label, b.ord FROM b
    UNION ALL SELECT 'position', p.code, p.code, p.name, -p.rank::bigint FROM position p
    UNION ALL SELECT 'etype', e.code, e.code, e.name, e.sort_order::bigint FROM employment_type e
    UNION ALL SELECT 'age', age_band_ord(a)::text, age_band_label(a), age_band_label(a), age_band_ord(a)::bigint
              FROM generate_series(15, 65, 5) a
    UNION ALL SELECT 'gender', v.g, v.g, v.l, v.o FROM (VALUES ('male', '男性', 1::bigint), ('female', '女性', 2),
              ('other', 'その他', 3), ('unspecified', '未回答', 4)) v(g, l, o)
    UNION ALL SELECT 'grade', g.code, g.code, g.name, g.rank::bigint FROM grade g
    UNION ALL SELECT 'grade', '-', '-', '級なし', 99),
  rows AS (SELECT DISTINCT lab.k, lab.key, lab.label, lab.ord FROM m JOIN lab ON lab.dim = rdim AND lab.k = m.rk),
  cols AS (SELECT c.*, dense_rank() OVER (ORDER BY c.ord, c.key)::int AS o FROM
           (SELECT DISTINCT lab.k, lab.key, lab.label, lab.ord FROM m JOIN lab ON lab.dim = cdim AND lab.k = m.ck) c)
  SELECT rows.ord, rows.key, rows.label, cols.o, cols.key, cols.label,
         CASE measure WHEN 'age' THEN round(m.sage::numeric / m.c, 1)
                      WHEN 'service' THEN round(m.sdays::numeric / (365.25 * m.c), 1)
                      ELSE coalesce(m.c, 0) END,
         coalesce(m.c, 0), NULL::numeric
  FROM rows CROSS JOIN cols LEFT JOIN m ON m.rk = rows.k AND m.ck = cols.k;
END
$$;
ALTER FUNCTION ana_crosstab(date, text, text, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
GRANT EXECUTE ON FUNCTION ana_crosstab(date, text, text, text, text) TO tms_app;

-- ---------------------------------------------------------------- moves
-- As in sql/041, with each person's hire and retirement dates taken from
-- their stretches (every stretch carries them), and their number and kana
-- for the list: a hundred thousand moves are joined with the staff in one
-- hash join here, not looked up one by one by the caller.
CREATE OR REPLACE FUNCTION ana_moves(d1 date, d2 date, root text)
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
ALTER FUNCTION ana_moves(date, date, text) ROWS 10000 SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';

-- ---------------------------------------------------------------- comparison
-- Each bucket's figures on d1 and d2 side by side (the whole first): people,
-- the change, average age (sensitive) and average years of service. Buckets
-- are named as on d2; those gone by d2 follow, named as on d1. One
-- statement reads the people on each date once.
CREATE OR REPLACE FUNCTION ana_compare(d1 date, d2 date, root text)
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

-- Units under the root on either date that were created, abolished,
-- renamed, merged (統合 into another unit) or moved between d1 and d2.
CREATE OR REPLACE FUNCTION ana_unit_changes(d1 date, d2 date, root text)
RETURNS TABLE (change text, code text, name1 text, name2 text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH a AS (SELECT u.unit_id, v.name, v.parent_id FROM ana_units(d1, root) u
             JOIN org_unit_version v ON v.unit_id = u.unit_id AND v.valid @> d1),
  b AS (SELECT u.unit_id, v.name, v.parent_id FROM ana_units(d2, root) u
        JOIN org_unit_version v ON v.unit_id = u.unit_id AND v.valid @> d2),
  j AS (SELECT coalesce(a.unit_id, b.unit_id) AS id, a.name AS n1, b.name AS n2,
               a.unit_id IS NOT NULL AS in1, b.unit_id IS NOT NULL AS in2
        FROM a FULL JOIN b ON a.unit_id = b.unit_id)
  SELECT CASE WHEN NOT j.in1 AND NOT EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = j.id AND v.valid @> d1)
              THEN '新設'
              WHEN NOT j.in2 AND EXISTS (SELECT 1 FROM org_unit_succession s WHERE s.from_unit = j.id
                   AND s.kind = '統合' AND s.on_date > d1 AND s.on_date <= d2) THEN '統合'
              WHEN NOT j.in2 AND NOT EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = j.id AND v.valid @> d2)
              THEN '廃止'
              WHEN NOT j.in1 THEN '移管（転入）' WHEN NOT j.in2 THEN '移管（転出）'
              ELSE '改称' END,
         u.code, j.n1, coalesce(j.n2, (SELECT string_agg(v.name, '・') FROM org_unit_succession s
                 JOIN org_unit_version v ON v.unit_id = s.to_unit AND v.valid @> d2
                 WHERE s.from_unit = j.id AND s.on_date > d1 AND s.on_date <= d2))
  FROM j JOIN org_unit u ON u.id = j.id
  WHERE NOT j.in1 OR NOT j.in2 OR j.n1 <> j.n2;
END
$$;
ALTER FUNCTION ana_unit_changes(date, date, text) SET jit = off SET plan_cache_mode = force_generic_plan;
GRANT EXECUTE ON FUNCTION ana_unit_changes(date, date, text) TO tms_app;

-- Every figure of a dashboard page (overview, flow, eval or dev), or one
-- figure by its name (CSV); chart names the figure.
CREATE OR REPLACE FUNCTION ana_page(d date, root text, page text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF page IN ('overview', 'units', 'etype', 'position', 'jobtype', 'age', 'average', 'tenure') THEN
    RETURN QUERY SELECT * FROM ana_p_people(d, root, page);
  ELSIF page IN ('flow', 'retire') THEN
    RETURN QUERY SELECT * FROM ana_p_flow(d, root, page);
  ELSIF page IN ('eval', 'evalyear', 'evalunit') THEN
    RETURN QUERY SELECT * FROM ana_p_eval(d, root, page);
  ELSIF page IN ('dev', 'training', 'quals', 'skills') THEN
    RETURN QUERY SELECT * FROM ana_p_dev(d, root, page);
  END IF;
END
$$;
ALTER FUNCTION ana_page(date, text, text) SET jit = off;
GRANT EXECUTE ON FUNCTION ana_page(date, text, text) TO tms_app;

CREATE OR REPLACE FUNCTION ana_ymd(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', d) * 10000 + date_part('month', d) * 100 + date_part('day', d))::int
$$;
GRANT EXECUTE ON FUNCTION ana_ymd(date) TO tms_app;

-- ---------------------------------------------------------------- ana_span
-- Each main appointment cut to the person's service [hire_date,
-- retire_date]; lo..hi with hi exclusive ('infinity' while open). post_from
-- is the first day of the run of consecutive main appointments in the same
-- unit (昇任 in place keeps the post).
CREATE OR REPLACE FUNCTION ana_span_def(ids bigint[])
RETURNS TABLE (staff_id bigint, lo date, hi date, unit_id bigint, post_from date,
               position_code text, job_type_code text, grade_code text,
               employment_type text, gender text, birth_date date, hire_date date, retire_date date,
               b_ymd int, h_ymd int, p_ymd int, lo_ymd int, hi_ymd int)
LANGUAGE sql STABLE AS $$
  WITH a AS (
    SELECT a.staff_id, a.valid, a.unit_id, a.position_code, a.job_type_code, a.grade_code,
           a.unit_id IS DISTINCT FROM lag(a.unit_id) OVER w AS brk
    FROM appointment a
    WHERE a.is_main AND (ids IS NULL OR a.staff_id = ANY (ids))
    WINDOW w AS (PARTITION BY a.staff_id ORDER BY lower(a.valid))
  ), r AS (
    SELECT a.*, count(*) FILTER (WHERE brk) OVER (PARTITION BY a.staff_id ORDER BY lower(a.valid)) AS run FROM a
  ), p AS (
    SELECT r.*, min(lower(r.valid)) OVER (PARTITION BY r.staff_id, r.run) AS post_from FROM r
  )
  SELECT x.*, ana_ymd(x.lo), CASE WHEN x.hi = 'infinity' THEN 99991231 ELSE ana_ymd(x.hi) END
  FROM (SELECT p.staff_id, greatest(lower(p.valid), s.hire_date) AS lo,
               least(coalesce(upper(p.valid), 'infinity'), coalesce(s.retire_date + 1, 'infinity')) AS hi,
               p.unit_id, p.post_from, p.position_code, p.job_type_code, p.grade_code,
               s.employment_type, s.gender, s.birth_date, s.hire_date, s.retire_date,
               ana_ymd(s.birth_date), ana_ymd(s.hire_date), ana_ymd(p.post_from)
        FROM p JOIN staff s ON s.id = p.staff_id
        WHERE lower(p.valid) <= coalesce(s.retire_date, 'infinity')
          AND coalesce(upper(p.valid), 'infinity') > s.hire_date) x
$$;
GRANT EXECUTE ON FUNCTION ana_span_def(bigint[]) TO tms_app;

-- The year's final grade of each person and kind (年間, else 下期, else
-- 上期), once per stretch of service overlapping the year, with its unit
-- (NULL, once, if none overlaps). The stretch holding the year's last day
-- is the unit the cube counts the grade in.
CREATE OR REPLACE FUNCTION ana_eval_def(ids bigint[])
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
GRANT EXECUTE ON FUNCTION ana_eval_def(bigint[]) TO tms_app;

-- The next three are cut by the stretches of ana_span, so that each row
-- carries the unit the person was in: a figure for the people on d reads
-- the rows holding d and needs no join with the people (it halved the
-- development page at 300,000 staff). They follow ana_span when it changes.

-- ---------------------------------------------------------------- ana_train
-- Training per person and fiscal year, once per stretch of service that
-- overlaps the year: the first and last start date and the hours in tenths
-- (hours are numeric(6,1)), so that "trained from 4/1 up to d" needs the
-- records themselves only for people with a course still to start after d.
CREATE OR REPLACE FUNCTION ana_train_def(ids bigint[])
RETURNS TABLE (staff_id bigint, fiscal_year int, unit_id bigint, lo date, hi date,
               first_start date, last_start date, tenths bigint)
LANGUAGE sql STABLE AS $$
  SELECT t.staff_id, t.fy, f.unit_id, f.lo, f.hi, t.first_start, t.last_start, t.tenths
  FROM (SELECT r.staff_id, fiscal_year(r.start_date) AS fy, min(r.start_date) AS first_start,
               max(r.start_date) AS last_start, sum((r.hours * 10)::bigint) AS tenths
        FROM training_record r WHERE ids IS NULL OR r.staff_id = ANY (ids)
        GROUP BY 1, 2) t
  JOIN ana_span f ON f.staff_id = t.staff_id AND f.lo < make_date(t.fy + 1, 4, 1) AND f.hi > make_date(t.fy, 4, 1)
$$;
GRANT EXECUTE ON FUNCTION ana_train_def(bigint[]) TO tms_app;

-- ---------------------------------------------------------------- ana_skill_area
-- When each person held at least one skill of each top-level skill area at
-- level 3 or above, in which unit: disjoint stretches lo..hi (hi exclusive).
CREATE OR REPLACE FUNCTION ana_skill_area_def(ids bigint[])
RETURNS TABLE (staff_id bigint, area text, unit_id bigint, lo date, hi date)
LANGUAGE sql STABLE AS $$
  SELECT x.staff_id, x.area, f.unit_id, greatest(lower(x.r), f.lo), least(coalesce(upper(x.r), 'infinity'), f.hi)
  FROM (SELECT ss.staff_id, coalesce(k.parent_code, k.code) AS area, unnest(range_agg(ss.valid)) AS r
        FROM staff_skill ss JOIN skill k ON k.code = ss.skill_code
        WHERE ss.level >= 3 AND (ids IS NULL OR ss.staff_id = ANY (ids))
        GROUP BY 1, 2) x
  JOIN ana_span f ON f.staff_id = x.staff_id AND f.lo < coalesce(upper(x.r), 'infinity') AND f.hi > lower(x.r)
$$;
GRANT EXECUTE ON FUNCTION ana_skill_area_def(bigint[]) TO tms_app;

-- ---------------------------------------------------------------- ana_qual
-- When each person held each qualification (acquired, not expired), in
-- which unit: disjoint stretches lo..hi (hi exclusive), so a renewal is one
-- holder.
CREATE OR REPLACE FUNCTION ana_qual_def(ids bigint[])
RETURNS TABLE (staff_id bigint, code text, unit_id bigint, lo date, hi date)
LANGUAGE sql STABLE AS $$
  SELECT x.staff_id, x.code, f.unit_id, greatest(lower(x.r), f.lo), least(coalesce(upper(x.r), 'infinity'), f.hi)
  FROM (SELECT q.staff_id, q.qualification_code AS code,
               unnest(range_agg(daterange(q.acquired_on, q.expires_on, '[]'))) AS r
        FROM staff_qualification q WHERE ids IS NULL OR q.staff_id = ANY (ids)
        GROUP BY 1, 2) x
  JOIN ana_span f ON f.staff_id = x.staff_id AND f.lo < coalesce(upper(x.r), 'infinity') AND f.hi > lower(x.r)
$$;
GRANT EXECUTE ON FUNCTION ana_qual_def(bigint[]) TO tms_app;

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
REVOKE EXECUTE ON FUNCTION ana_eval_refresh(bigint[]) FROM PUBLIC;
-- small statements for a few people: compiling them (JIT) would cost more
ALTER FUNCTION ana_eval_refresh(bigint[]) SET jit = off;

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
REVOKE EXECUTE ON FUNCTION ana_refresh(text, bigint[]) FROM PUBLIC;
-- small statements for a few people: compiling them (JIT) would cost more
ALTER FUNCTION ana_refresh(text, bigint[]) SET jit = off;

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
GRANT EXECUTE ON FUNCTION ana_facts_diff() TO tms_app;

-- The triggers: the people a statement touched, old and new rows alike;
-- the argument names the derived table to rewrite.
CREATE OR REPLACE FUNCTION ana_on_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := (SELECT array_agg(DISTINCT n.staff_id) FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    ids := (SELECT array_agg(DISTINCT o.staff_id) FROM old_rows o);
  ELSE
    ids := (SELECT array_agg(x.staff_id) FROM (SELECT staff_id FROM new_rows UNION SELECT staff_id FROM old_rows) x);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM ana_refresh(TG_ARGV[0], ids);
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION ana_on_change() FROM PUBLIC;

-- staff: only changes to what ana_span carries matter.
CREATE OR REPLACE FUNCTION ana_on_staff() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE ids bigint[] := (SELECT array_agg(n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.hire_date, n.retire_date, n.employment_type, n.gender, n.birth_date)
          IS DISTINCT FROM (o.hire_date, o.retire_date, o.employment_type, o.gender, o.birth_date));
BEGIN
  IF ids IS NOT NULL THEN
    PERFORM ana_refresh('ana_span', ids);
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION ana_on_staff() FROM PUBLIC;

-- skill: moving a skill to another area moves its holders.
CREATE OR REPLACE FUNCTION ana_on_skill() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE ids bigint[] := (SELECT array_agg(DISTINCT ss.staff_id) FROM staff_skill ss
    JOIN new_rows n ON n.code = ss.skill_code JOIN old_rows o ON o.code = n.code
    WHERE n.parent_code IS DISTINCT FROM o.parent_code);
BEGIN
  IF ids IS NOT NULL THEN
    PERFORM ana_refresh('ana_skill_area', ids);
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION ana_on_skill() FROM PUBLIC;

-- TRUNCATE (of a source table, or cascaded from staff): rebuild.
CREATE OR REPLACE FUNCTION ana_on_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM ana_refresh(TG_ARGV[0], NULL);
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION ana_on_truncate() FROM PUBLIC;

-- The people in service on d whose main appointment is under the root, with
-- the bucket they are counted in, their age and days of service on d.
CREATE OR REPLACE FUNCTION ana_people(d date, root text)
RETURNS TABLE (staff_id bigint, bucket bigint, unit_id bigint, position_code text, job_type_code text,
               grade_code text, employment_type text, gender text, birth_date date, age int, svc_days int,
               post_years int, service_years int)
LANGUAGE sql STABLE AS $$	-- plain SQL, so that the planner inlines it into each figure
  SELECT f.staff_id, u.bucket, f.unit_id, f.position_code, f.job_type_code, f.grade_code, f.employment_type,
         f.gender, f.birth_date, ((SELECT ana_ymd(d)) - f.b_ymd) / 10000, d - f.hire_date, ((SELECT ana_ymd(d)) - f.p_ymd) / 10000,
         ((SELECT ana_ymd(d)) - f.h_ymd) / 10000
  FROM ana_span f JOIN ana_units(d, root) u ON u.unit_id = f.unit_id
  WHERE f.lo <= d AND f.hi > d
$$;
GRANT EXECUTE ON FUNCTION ana_people(date, text) TO tms_app;

-- ---------------------------------------------------------------- 人員構成
-- Headcount by unit, 職員区分, position and job type; the age pyramid; the
-- average age and service; years of service and in post: one pass over the
-- people, grouped by every figure's keys at once.
CREATE OR REPLACE FUNCTION ana_p_people(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH b AS MATERIALIZED (SELECT * FROM ana_buckets(d, root)),
  g AS MATERIALIZED (
    SELECT GROUPING(x.bucket, x.employment_type, x.position_code, x.job_type_code, x.aband, x.g3, x.sband, x.pband) AS gs,
           x.bucket, x.employment_type, x.position_code, x.job_type_code, x.aband, x.g3, x.sband, x.pband,
           count(*) AS c, sum(x.age) AS sage, sum(x.svc_days) AS sdays
    FROM (SELECT p.*, CASE WHEN p.age < 20 THEN 0 WHEN p.age >= 65 THEN 10 ELSE (p.age - 15) / 5 END AS aband,
                 CASE p.gender WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' ELSE 'other' END AS g3,
                 least(p.service_years / 5 * 5, 35) AS sband,
                 CASE WHEN p.post_years >= 10 THEN 6 WHEN p.post_years >= 5 THEN 5 ELSE p.post_years END AS pband
          FROM ana_people(d, root) p) x
    GROUP BY GROUPING SETS ((x.bucket), (x.employment_type), (x.position_code), (x.job_type_code),
                            (x.aband, x.g3), (x.sband), (x.pband), ())
  ),
  -- GROUPING() has a bit set for each key left out: 127 is (bucket) alone
  avg AS (SELECT 0::bigint AS o, '' AS key, '全体' AS label, g.c, g.sage, g.sdays FROM g WHERE g.gs = 255
          UNION ALL
          SELECT b.ord, b.code, b.name, coalesce(g.c, 0), g.sage, g.sdays FROM b LEFT JOIN g ON g.gs = 127 AND g.bucket = b.bucket),
  bands AS (SELECT age_band_ord(a) AS ord, age_band_label(a) AS label FROM generate_series(15, 65, 5) a),
  gen AS (SELECT * FROM (VALUES (1, 'male', '男性'), (2, 'female', '女性'), (3, 'other', 'その他・未回答')) v(o, g, l)),
  sb AS (SELECT s, CASE WHEN s = 35 THEN '35年以上' ELSE s || '〜' || (s + 4) || '年' END AS l FROM generate_series(0, 35, 5) s),
  pb AS (SELECT * FROM (VALUES (0, '1年未満'), (1, '1年'), (2, '2年'), (3, '3年'), (4, '4年'), (5, '5〜9年'),
         (6, '10年以上')) v(o, l))
  SELECT 'units', b.ord, b.code, b.name, 1, 'n', '人数', coalesce(g.c, 0)::numeric, coalesce(g.c, 0), NULL::numeric
  FROM b LEFT JOIN g ON g.gs = 127 AND g.bucket = b.bucket WHERE want IN ('overview', 'units')
  UNION ALL
  SELECT 'etype', e.sort_order::bigint, e.code, e.name, 1, 'n', '人数', g.c::numeric, g.c, NULL::numeric
  FROM g JOIN employment_type e ON e.code = g.employment_type WHERE g.gs = 191 AND want IN ('overview', 'etype')
  UNION ALL
  SELECT 'position', -p.rank::bigint, p.code, p.name, 1, 'n', '人数', g.c::numeric, g.c, NULL::numeric
  FROM g JOIN position p ON p.code = g.position_code WHERE g.gs = 223 AND want IN ('overview', 'position')
  UNION ALL
  SELECT 'jobtype', coalesce(j.sort_order, 9999)::bigint, coalesce(j.code, '-'), coalesce(j.name, '未設定'),
         1, 'n', '人数', g.c::numeric, g.c, NULL::numeric
  FROM g LEFT JOIN job_type j ON j.code = g.job_type_code WHERE g.gs = 239 AND want IN ('overview', 'jobtype')
  UNION ALL
  SELECT 'age', bands.ord::bigint, bands.label, bands.label, gen.o, gen.g, gen.l, coalesce(g.c, 0)::numeric,
         coalesce(g.c, 0), NULL::numeric
  FROM bands CROSS JOIN gen LEFT JOIN g ON g.gs = 243 AND g.aband = bands.ord AND g.g3 = gen.g
  WHERE want IN ('overview', 'age')
  UNION ALL
  SELECT 'average', avg.o, avg.key, avg.label, c.o, c.k, c.l, c.v, avg.c, NULL::numeric
  FROM avg CROSS JOIN LATERAL (VALUES
    (1, 'age', '平均年齢（歳）', round(avg.sage::numeric / NULLIF(avg.c, 0), 1)),
    (2, 'service', '平均勤続年数（年）', round(avg.sdays::numeric / (365.25 * NULLIF(avg.c, 0)), 1))) c(o, k, l, v)
  WHERE want IN ('overview', 'average')
  UNION ALL
  SELECT 'tenure', sb.s::bigint, 's' || sb.s, sb.l, 1, 'service', '勤続年数', coalesce(g.c, 0)::numeric,
         coalesce(g.c, 0), NULL::numeric
  FROM sb LEFT JOIN g ON g.gs = 253 AND g.sband = sb.s WHERE want IN ('overview', 'tenure')
  UNION ALL
  SELECT 'tenure', 100 + pb.o::bigint, 'p' || pb.o, pb.l, 2, 'post', '現所属在職年数', coalesce(g.c, 0)::numeric,
         coalesce(g.c, 0), NULL::numeric
  FROM pb LEFT JOIN g ON g.gs = 254 AND g.pband = pb.o WHERE want IN ('overview', 'tenure');
END
$$;
-- Each statement is a few thousand groups over at most one pass of the
-- people: no JIT; memory for hashing every group at once; plans made for
-- each call's date and unit (a generic plan cannot see that the grades of
-- d's year and of the latest year with grades are the same rows, and
-- misjudged the joins: 0.6 s against 1.8 s for the evaluation page).
ALTER FUNCTION ana_p_people(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
GRANT EXECUTE ON FUNCTION ana_p_people(date, text, text) TO tms_app;

-- ---------------------------------------------------------------- 採用・退職
-- Per fiscal year (the ten up to d's): headcount on 4/1, hires and
-- separations up to d, each counted in the organisation of its own date,
-- and the turnover rate (separations / headcount on 4/1, %); then the
-- retirement forecast (regular staff on d reaching 定年 in each of the ten
-- fiscal years from d's). A stretch of service is cut to the time its unit
-- was under the root (the whole city: all of it), and then holds 4/1 of
-- fiscal years a..b, a hire if it starts on the hire date, and a separation
-- if it ends on the retirement date.
CREATE OR REPLACE FUNCTION ana_p_flow(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  fy int := fiscal_year(d);
  w date := make_date(fiscal_year(d) - 9, 4, 1);
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_under(root) WHERE NULLIF(root, '') IS NOT NULL AND want IN ('flow')),
  sp AS (
    SELECT f.staff_id, f.lo, f.hi, f.lo_ymd, f.hi_ymd, f.hire_date, f.retire_date FROM ana_span f
    WHERE NULLIF(root, '') IS NULL AND want IN ('flow') AND f.hi > w AND f.lo <= d
    UNION ALL
    SELECT f.staff_id, c.lo, c.hi, ana_ymd(c.lo), CASE WHEN c.hi = 'infinity' THEN 99991231 ELSE ana_ymd(c.hi) END,
           f.hire_date, f.retire_date
    FROM ana_span f JOIN u ON u.unit_id = f.unit_id
    CROSS JOIN LATERAL (SELECT greatest(f.lo, lower(u.valid)) AS lo,
                               least(f.hi, coalesce(upper(u.valid), 'infinity')) AS hi) c
    WHERE f.hi > w AND f.lo <= d AND u.valid && daterange(f.lo, f.hi)
  ),
  -- 4/1 of fiscal year a is the first on or after lo; of b the last before hi
  k AS (SELECT greatest((sp.lo_ymd - 400) / 10000 + (sp.lo_ymd % 10000 <> 401)::int, fy - 9) AS a,
               least((sp.hi_ymd - 400) / 10000 - (sp.hi_ymd % 10000 = 401)::int, fy) AS b,
               CASE WHEN sp.lo = sp.hire_date AND sp.lo BETWEEN w AND d THEN fiscal_year(sp.lo) END AS hf,
               CASE WHEN sp.hi = sp.retire_date + 1 AND sp.retire_date BETWEEN w AND d
                    THEN fiscal_year(sp.retire_date) END AS sf,
               count(*) AS c
        FROM sp GROUP BY 1, 2, 3, 4),
  r AS (SELECT g.f, (SELECT coalesce(sum(k.c), 0) FROM k WHERE g.f BETWEEN k.a AND k.b)::bigint AS head,
               (SELECT coalesce(sum(k.c), 0) FROM k WHERE k.hf = g.f)::bigint AS hires,
               (SELECT coalesce(sum(k.c), 0) FROM k WHERE k.sf = g.f)::bigint AS seps
        FROM generate_series(fy - 9, fy) g(f) WHERE want IN ('flow')),
  x AS (SELECT min(p.birth_date) AS b, count(*) AS c FROM ana_people(d, root) p
        WHERE p.employment_type = 'regular' AND want IN ('flow', 'retire') GROUP BY fiscal_year(p.birth_date - 1)),
  rt AS (SELECT retirement_fy(x.b) AS f, sum(x.c)::bigint AS c FROM x GROUP BY 1)
  SELECT 'flow', r.f::bigint, r.f::text, r.f || '年度', c.o, c.k, c.l, c.v, c.n, NULL::numeric FROM r
  CROSS JOIN LATERAL (VALUES
    (1, 'head', '4月1日の人数', r.head::numeric, r.head),
    (2, 'hires', '採用', r.hires::numeric, r.hires),
    (3, 'seps', '退職', r.seps::numeric, r.seps),
    (4, 'rate', '離職率（%）', CASE WHEN r.head > 0 THEN round(100.0 * r.seps / r.head, 1) END, r.seps)) c(o, k, l, v, n)
  UNION ALL
  SELECT 'retire', g.y::bigint, g.y::text, g.y || '年度（定年' || retirement_age(g.y) || '歳）', 1, 'n', '定年退職予定者',
         coalesce(rt.c, 0)::numeric, coalesce(rt.c, 0), NULL::numeric
  FROM generate_series(fy, fy + 9) g(y) LEFT JOIN rt ON rt.f = g.y WHERE want IN ('flow', 'retire');
END
$$;
ALTER FUNCTION ana_p_flow(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
GRANT EXECUTE ON FUNCTION ana_p_flow(date, text, text) TO tms_app;

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
GRANT EXECUTE ON FUNCTION ana_p_eval(date, text, text) TO tms_app;
ALTER FUNCTION ana_p_eval(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';

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
GRANT EXECUTE ON FUNCTION ana_p_dev(date, text, text) TO tms_app;
ALTER FUNCTION ana_p_dev(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';

-- The derived table a source table's triggers rewrite (their argument), or
-- NULL for a table without them.
CREATE OR REPLACE FUNCTION ana_derived_of(p_table regclass) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT split_part(encode(t.tgargs, 'escape'), '\000', 1) FROM pg_trigger t
  WHERE t.tgrelid = p_table AND t.tgname = 'ana_facts_ins'
$$;

-- The cube's definition: the given people's grades (NULL: everyone's)
-- counted in the unit of the stretch holding their year's last day.
CREATE OR REPLACE FUNCTION ana_eval_cube_def(ids bigint[])
RETURNS TABLE (fiscal_year int, kind text, grade text, unit_id bigint, n bigint)
LANGUAGE sql STABLE AS $$
  SELECT e.fiscal_year, e.kind, e.grade, e.unit_id, count(*) FROM ana_eval e
  WHERE (ids IS NULL OR e.staff_id = ANY (ids))
    AND e.lo <= make_date(e.fiscal_year + 1, 3, 31) AND e.hi > make_date(e.fiscal_year + 1, 3, 31)
  GROUP BY 1, 2, 3, 4
$$;
GRANT EXECUTE ON FUNCTION ana_eval_cube_def(bigint[]) TO tms_app;

-- ---------------------------------------------------------------- rebuild
-- Rebuild a derived table whole (a bulk load, or a statement touching most
-- people): emptied by TRUNCATE rather than DELETE, filled without its
-- indexes, which are then built from the sorted rows (faster than keeping
-- them up row by row: 20 s to 14 s for ana_train at 300,000 staff), and
-- analysed for the plans of the figures. The exclusive lock this takes
-- holds readers of the table until the transaction ends, as the bulk load's
-- own ALTER TABLE already does for its source table.
CREATE OR REPLACE FUNCTION ana_rebuild(tab text, ord text) RETURNS void
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

CREATE OR REPLACE FUNCTION ana_cube(d date, root text)
RETURNS TABLE (gs int, u text, po text, et text, ag text, ge text, gr text,
               n bigint, sage bigint, sdays bigint)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS (	-- people with the same six keys first: fewer rows for the grouping sets
    SELECT b.code AS u, p.position_code AS po, p.employment_type AS et, age_band_label(p.age) AS ag,
           p.gender AS ge, coalesce(p.grade_code, '-') AS gr, count(*) AS n, sum(p.age) AS sage,
           sum(p.svc_days) AS sdays
    FROM ana_people(d, root) p JOIN ana_buckets(d, root) b ON b.bucket = p.bucket
    GROUP BY 1, 2, 3, 4, 5, 6)
  SELECT GROUPING(x.u, x.po, x.et, x.ag, x.ge, x.gr)::int, x.u, x.po, x.et, x.ag, x.ge, x.gr,
         sum(x.n)::bigint, sum(x.sage)::bigint, sum(x.sdays)::bigint
  FROM x
  GROUP BY GROUPING SETS ((x.u, x.po), (x.u, x.et), (x.u, x.ag), (x.u, x.ge), (x.u, x.gr), (x.po, x.et),
                          (x.po, x.ag), (x.po, x.ge), (x.po, x.gr), (x.et, x.ag), (x.et, x.ge), (x.et, x.gr),
                          (x.ag, x.ge), (x.ag, x.gr), (x.ge, x.gr),
                          (x.u), (x.po), (x.et), (x.ag), (x.ge), (x.gr), ());
END
$$;
ALTER FUNCTION ana_cube(date, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
GRANT EXECUTE ON FUNCTION ana_cube(date, text) TO tms_app;
