-- 040_analytics.sql: set-based figures for the analytics pages (分析).
-- Everything is computed from the history as of a date; nothing is stored.
--
-- Every figure function returns one "long" table that the worker turns into
-- a chart, an HTML table and a CSV file:
--   rord, rkey, rlabel   the row (ordered by rord)
--   cord, ckey, clabel   the column (ordered by cord)
--   val                  the value of the cell
--   n                    how many people's data the cell is built from (the
--                        worker shows "<k" for sensitive cells with n < k)
--   base                 a denominator where one makes sense (heat maps)
-- A unit is given by its code; NULL or '' means the whole city. Staff are
-- counted in the unit of their main appointment (本務), with sub-units rolled
-- up through the organisation as it was on the date in question.

-- ---------------------------------------------------------------- basics
CREATE FUNCTION fiscal_year(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(year FROM d)::int - CASE WHEN extract(month FROM d) < 4 THEN 1 ELSE 0 END
$$;

-- 定年 of local government staff in a fiscal year: 60 until FY2022, then one
-- year more every two fiscal years, 65 from FY2031.
CREATE FUNCTION retirement_age(fy int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN fy <= 2022 THEN 60 WHEN fy >= 2031 THEN 65 ELSE 61 + (fy - 2023) / 2 END
$$;

-- The fiscal year at whose end a person born on b retires: the first fiscal
-- year in which the age reached (legally the day before the birthday) is at
-- least that year's 定年.
CREATE FUNCTION retirement_fy(b date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT fiscal_year(b - 1) + CASE
    WHEN retirement_age(fiscal_year(b - 1) + 60) <= 60 THEN 60
    WHEN retirement_age(fiscal_year(b - 1) + 61) <= 61 THEN 61
    WHEN retirement_age(fiscal_year(b - 1) + 62) <= 62 THEN 62
    WHEN retirement_age(fiscal_year(b - 1) + 63) <= 63 THEN 63
    WHEN retirement_age(fiscal_year(b - 1) + 64) <= 64 THEN 64 ELSE 65 END
$$;

-- Age bands for pyramids and cross-tabs: 5-year bands from 20 to 64, in
-- order (0 = under 20, 10 = 65 and over) and as labels. Plain expressions,
-- so that the planner inlines them.
CREATE FUNCTION age_band_ord(age int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN age < 20 THEN 0 WHEN age >= 65 THEN 10 ELSE (age - 15) / 5 END
$$;
CREATE FUNCTION age_band_label(age int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN age < 20 THEN '〜19歳' WHEN age >= 65 THEN '65歳〜'
              ELSE ((age / 5) * 5)::text || '〜' || ((age / 5) * 5 + 4)::text || '歳' END
$$;

-- ---------------------------------------------------------------- organisation
-- Who was under whom, when: one row per (unit, ancestor or itself) with the
-- dates on which that held, and the ancestor's parent then. About a thousand
-- rows, computed from org_unit_version on each call, so it cannot disagree
-- with the history.
CREATE FUNCTION org_closure()
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

-- Units under a root (itself included) on a date, each with its bucket: the
-- root's direct sub-unit containing it (the unit itself for the root), or for
-- the whole city the top-level unit containing it. The helpers below are
-- plpgsql so that the planner sees their real size (an inlined recursive
-- query is estimated at one row, which made joins nested loops).
CREATE FUNCTION ana_units(d date, root text)
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

-- (unit, dates) pairs during which a unit was under the root: for events
-- (hires, separations) counted in the organisation of their own date.
CREATE FUNCTION ana_under(root text)
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

-- Bucket labels: name and tree order of each bucket on the date.
CREATE FUNCTION ana_buckets(d date, root text)
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

-- Staff in service on d whose main appointment is under the root.
CREATE FUNCTION ana_staff(d date, root text)
RETURNS TABLE (staff_id bigint, bucket bigint, unit_id bigint, post_from date,
               position_code text, job_type_code text, grade_code text,
               employment_type text, gender text, birth_date date, hire_date date)
LANGUAGE plpgsql STABLE ROWS 3000 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s.id, u.bucket, a.unit_id, lower(a.valid), a.position_code, a.job_type_code, a.grade_code,
         s.employment_type, s.gender, s.birth_date, s.hire_date
  FROM appointment a
  JOIN ana_units(d, root) u ON u.unit_id = a.unit_id
  JOIN staff s ON s.id = a.staff_id
  WHERE a.is_main AND a.valid @> d AND s.hire_date <= d AND (s.retire_date IS NULL OR s.retire_date >= d);
END
$$;

-- The same people as one value, so that the figures of a page share one
-- snapshot (ana_page) instead of each reading the history again.
CREATE TYPE ana_person AS (staff_id bigint, bucket bigint, unit_id bigint, post_from date,
    position_code text, job_type_code text, grade_code text, employment_type text,
    gender text, birth_date date, hire_date date);
CREATE FUNCTION ana_snapshot(d date, root text) RETURNS ana_person[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(ROW(x.*)::ana_person), '{}') FROM ana_staff(d, root) x
$$;

-- ---------------------------------------------------------------- headcount
-- dim: unit, etype, position, jobtype
CREATE FUNCTION ana_headcount_x(d date, root text, x ana_person[], dim text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM unnest(x)),
  k AS (
    SELECT b.ord AS o, b.code AS key, b.name AS label, count(x.staff_id) AS c
    FROM ana_buckets(d, root) b LEFT JOIN x ON x.bucket = b.bucket
    WHERE dim = 'unit' GROUP BY 1, 2, 3
    UNION ALL
    SELECT e.sort_order, e.code, e.name, count(*) FROM x JOIN employment_type e ON e.code = x.employment_type
    WHERE dim = 'etype' GROUP BY 1, 2, 3
    UNION ALL
    SELECT -p.rank, p.code, p.name, count(*) FROM x JOIN position p ON p.code = x.position_code
    WHERE dim = 'position' GROUP BY 1, 2, 3
    UNION ALL
    SELECT coalesce(j.sort_order, 9999), coalesce(j.code, '-'), coalesce(j.name, '未設定'), count(*)
    FROM x LEFT JOIN job_type j ON j.code = x.job_type_code
    WHERE dim = 'jobtype' GROUP BY 1, 2, 3
  )
  SELECT o::bigint, key, label, 1, 'n', '人数', c::numeric, c, NULL::numeric FROM k;
END
$$;

-- ---------------------------------------------------------------- age
-- Pyramid: age band x gender (female, male, other = other or unspecified).
CREATE FUNCTION ana_age_pyramid_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS (
    SELECT age_band_ord(a.y) AS ord, CASE gender WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' ELSE 'other' END AS g
    FROM unnest(x) CROSS JOIN LATERAL (SELECT extract(year FROM age(d, birth_date))::int AS y) a
  ), bands AS (SELECT age_band_ord(a) AS ord, age_band_label(a) AS label FROM generate_series(15, 65, 5) a),
  gs AS (SELECT * FROM (VALUES (1, 'male', '男性'), (2, 'female', '女性'), (3, 'other', 'その他・未回答')) g(o, g, l))
  SELECT b.ord::bigint, b.label, b.label, gs.o, gs.g, gs.l, count(x.g)::numeric, count(x.g), NULL::numeric
  FROM bands b CROSS JOIN gs LEFT JOIN x ON x.ord = b.ord AND x.g = gs.g
  GROUP BY b.ord, b.label, gs.o, gs.g, gs.l;
END
$$;

-- Average age and average years of service by bucket, with the total first.
CREATE FUNCTION ana_age_avg_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (
    SELECT bucket, extract(year FROM age(d, birth_date)) AS age,
           (d - hire_date) / 365.25 AS svc FROM unnest(x)
  ), r AS (
    SELECT 0::bigint AS o, '' AS key, '全体' AS label, round(avg(age), 1) AS age,
           round(avg(svc), 1) AS svc, count(*) AS c FROM x
    UNION ALL
    SELECT b.ord, b.code, b.name, round(avg(x.age), 1), round(avg(x.svc), 1), count(x.bucket)
    FROM ana_buckets(d, root) b LEFT JOIN x ON x.bucket = b.bucket GROUP BY 1, 2, 3
  )
  SELECT o, key, label, 1, 'age', '平均年齢（歳）', age, c, NULL::numeric FROM r
  UNION ALL
  SELECT o, key, label, 2, 'service', '平均勤続年数（年）', svc, c, NULL::numeric FROM r;
END
$$;

-- ---------------------------------------------------------------- tenure
-- Years of service (since 採用) in 5-year bands, and years in the current
-- post: since the last main appointment in another unit ended (or since
-- the first one recorded), so consecutive main appointments in one unit (昇任 in place) count
-- as one post.
CREATE FUNCTION ana_tenure_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM unnest(x)),
  prev AS (SELECT a.staff_id, max(upper(a.valid)) AS u FROM appointment a JOIN x ON x.staff_id = a.staff_id
           WHERE a.is_main AND a.unit_id <> x.unit_id AND upper(a.valid) <= x.post_from GROUP BY 1),
  first AS (SELECT a.staff_id, min(lower(a.valid)) AS lo FROM appointment a JOIN x ON x.staff_id = a.staff_id
            WHERE a.is_main GROUP BY 1),
  p AS (SELECT x.staff_id, extract(year FROM age(d, coalesce(prev.u, first.lo)))::int AS y
        FROM x LEFT JOIN prev ON prev.staff_id = x.staff_id JOIN first ON first.staff_id = x.staff_id
  ), s AS (SELECT extract(year FROM age(d, hire_date))::int AS y FROM x),
  sb AS (SELECT b, CASE WHEN b = 35 THEN '35年以上' ELSE b || '〜' || (b + 4) || '年' END AS l
         FROM generate_series(0, 35, 5) b),
  pb AS (SELECT * FROM (VALUES (0, 0, 0, '1年未満'), (1, 1, 1, '1年'), (2, 2, 2, '2年'), (3, 3, 3, '3年'),
         (4, 4, 4, '4年'), (5, 5, 9, '5〜9年'), (6, 10, 999, '10年以上')) v(o, lo, hi, l))
  SELECT sb.b::bigint, 's' || sb.b, sb.l, 1, 'service', '勤続年数', count(s.y)::numeric, count(s.y), NULL::numeric
  FROM sb LEFT JOIN s ON least(s.y / 5 * 5, 35) = sb.b GROUP BY sb.b, sb.l
  UNION ALL
  SELECT 100 + pb.o, 'p' || pb.o, pb.l, 2, 'post', '現所属在職年数', count(p.y)::numeric, count(p.y), NULL::numeric
  FROM pb LEFT JOIN p ON CASE WHEN p.y >= 10 THEN 6 WHEN p.y >= 5 THEN 5 ELSE p.y END = pb.o GROUP BY pb.o, pb.l;
END
$$;

-- ---------------------------------------------------------------- flows
-- Per fiscal year (the ten up to d's): headcount on 4/1, hires and
-- separations up to d, each counted in the organisation of its own date,
-- and the turnover rate (separations / headcount on 4/1, %).
CREATE FUNCTION ana_flow(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_under(root)),
  fy AS (SELECT f, make_date(f, 4, 1) AS lo, least(make_date(f + 1, 3, 31), d) AS hi
         FROM generate_series(fiscal_year(d) - 9, fiscal_year(d)) f),
  head AS (
    SELECT fy.f, count(*) AS c FROM fy
    JOIN appointment a ON a.is_main AND a.valid @> fy.lo
    JOIN staff s ON s.id = a.staff_id AND s.hire_date <= fy.lo AND (s.retire_date IS NULL OR s.retire_date >= fy.lo)
    JOIN u ON u.unit_id = a.unit_id AND u.valid @> fy.lo
    GROUP BY fy.f
  ), ev AS (
    SELECT fiscal_year(s.hire_date) AS f, 'hire' AS k, s.id, s.hire_date AS on_d FROM staff s
    WHERE s.hire_date BETWEEN make_date(fiscal_year(d) - 9, 4, 1) AND d
    UNION ALL
    SELECT fiscal_year(s.retire_date), 'sep', s.id, s.retire_date FROM staff s
    WHERE s.retire_date BETWEEN make_date(fiscal_year(d) - 9, 4, 1) AND d
  ), evc AS (
    SELECT ev.f, ev.k, count(DISTINCT ev.id) AS c FROM ev
    JOIN appointment a ON a.staff_id = ev.id AND a.is_main AND a.valid @> ev.on_d
    JOIN u ON u.unit_id = a.unit_id AND u.valid @> ev.on_d
    GROUP BY 1, 2
  ), r AS (
    SELECT fy.f, coalesce(h.c, 0) AS head, coalesce(hi.c, 0) AS hires, coalesce(se.c, 0) AS seps
    FROM fy LEFT JOIN head h ON h.f = fy.f
    LEFT JOIN evc hi ON hi.f = fy.f AND hi.k = 'hire' LEFT JOIN evc se ON se.f = fy.f AND se.k = 'sep'
  )
  SELECT r.f::bigint, r.f::text, r.f || '年度', c.o, c.k, c.l, c.v, c.n, NULL::numeric FROM r
  CROSS JOIN LATERAL (VALUES
    (1, 'head', '4月1日の人数', r.head::numeric, r.head),
    (2, 'hires', '採用', r.hires::numeric, r.hires),
    (3, 'seps', '退職', r.seps::numeric, r.seps),
    (4, 'rate', '離職率（%）', CASE WHEN r.head > 0 THEN round(100.0 * r.seps / r.head, 1) END, r.seps)) c(o, k, l, v, n);
END
$$;

-- Retirement forecast: regular staff in service on d who reach 定年 in each
-- of the ten fiscal years from d's (birth-date derived: sensitive).
CREATE FUNCTION ana_retire_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS (SELECT retirement_fy(birth_date) AS f FROM unnest(x) WHERE employment_type = 'regular')
  SELECT g.y::bigint, g.y::text, g.y || '年度（定年' || retirement_age(g.y) || '歳）', 1, 'n', '定年退職予定者',
         count(x.f)::numeric, count(x.f), NULL::numeric
  FROM generate_series(fiscal_year(d), fiscal_year(d) + 9) g(y) LEFT JOIN x ON x.f = g.y
  GROUP BY g.y;
END
$$;

-- ---------------------------------------------------------------- evaluations
-- The year's final evaluation of each person and kind: 年間, else 下期, else 上期.
CREATE FUNCTION ana_eval_final(fy_lo int, fy_hi int)
RETURNS TABLE (staff_id bigint, fiscal_year int, kind text, grade text)
LANGUAGE sql STABLE AS $$
  SELECT e.staff_id, e.fiscal_year, e.kind,
         substr('SABCD', min(CASE e.period WHEN '年間' THEN 10 WHEN '下期' THEN 20 ELSE 30 END
                             + strpos('SABCD', e.grade)) % 10, 1)
  FROM evaluation e WHERE e.fiscal_year BETWEEN fy_lo AND fy_hi
  GROUP BY 1, 2, 3
$$;

-- Grades by fiscal year and kind (five years up to d's), each year counted
-- among the staff under the root at its end (or on d, if earlier).
CREATE FUNCTION ana_eval_year(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_under(root)),
  fy AS (SELECT f, least(make_date(f + 1, 3, 31), d) AS m
         FROM generate_series(fiscal_year(d) - 4, fiscal_year(d)) f),
  mem AS MATERIALIZED (SELECT fy.f, a.staff_id FROM fy
          JOIN appointment a ON a.is_main AND a.valid @> fy.m
          JOIN staff s ON s.id = a.staff_id AND s.hire_date <= fy.m AND (s.retire_date IS NULL OR s.retire_date >= fy.m)
          JOIN u ON u.unit_id = a.unit_id AND u.valid @> fy.m),
  e AS (SELECT e.staff_id, e.fiscal_year, e.kind,
               substr('SABCD', min(CASE e.period WHEN '年間' THEN 10 WHEN '下期' THEN 20 ELSE 30 END
                                   + strpos('SABCD', e.grade)) % 10, 1) AS grade
        FROM mem JOIN evaluation e ON e.staff_id = mem.staff_id AND e.fiscal_year = mem.f
        GROUP BY 1, 2, 3),
  rows AS (SELECT fy.f, k.o, k.kind FROM fy CROSS JOIN (VALUES (1, '能力評価'), (2, '業績評価')) k(o, kind)),
  gs AS (SELECT * FROM (VALUES (1, 'S'), (2, 'A'), (3, 'B'), (4, 'C'), (5, 'D')) g(o, g))
  SELECT (rows.f * 10 + rows.o)::bigint, rows.f || '-' || rows.kind, rows.f || '年度 ' || rows.kind,
         gs.o, gs.g, gs.g, count(e.staff_id)::numeric, count(e.staff_id), NULL::numeric
  FROM rows CROSS JOIN gs LEFT JOIN e ON e.fiscal_year = rows.f AND e.kind = rows.kind AND e.grade = gs.g
  GROUP BY rows.f, rows.o, rows.kind, gs.o, gs.g;
END
$$;

-- Grades (能力評価) by bucket for the latest fiscal year up to d's that has
-- evaluations, among the staff under the root on d.
CREATE FUNCTION ana_eval_unit_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH y AS (SELECT max(fiscal_year) AS f FROM evaluation WHERE fiscal_year <= fiscal_year(d)),
  x AS MATERIALIZED (SELECT * FROM unnest(x)),
  e AS (SELECT x.bucket, e.grade FROM y, ana_eval_final(y.f, y.f) e JOIN x ON x.staff_id = e.staff_id
        WHERE e.kind = '能力評価'),
  gs AS (SELECT * FROM (VALUES (1, 'S'), (2, 'A'), (3, 'B'), (4, 'C'), (5, 'D')) g(o, g))
  SELECT b.ord, b.code, b.name || '（' || (SELECT f FROM y) || '年度）', gs.o, gs.g, gs.g,
         count(e.grade)::numeric, count(e.grade), NULL::numeric
  FROM ana_buckets(d, root) b CROSS JOIN gs LEFT JOIN e ON e.bucket = b.bucket AND e.grade = gs.g
  GROUP BY b.ord, b.code, b.name, gs.o, gs.g;
END
$$;

-- ---------------------------------------------------------------- development
-- Training in d's fiscal year (records started from 4/1 up to d) by bucket:
-- participants, staff, participation rate (%), hours, hours per person.
CREATE FUNCTION ana_training_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM unnest(x)),
  t AS (SELECT x.bucket, x.staff_id, sum(r.hours) AS h FROM x JOIN training_record r ON r.staff_id = x.staff_id
        AND r.start_date BETWEEN make_date(fiscal_year(d), 4, 1) AND d GROUP BY 1, 2),
  hc AS (SELECT x.bucket, count(*) AS c FROM x GROUP BY 1),
  r AS (SELECT b.ord, b.code, b.name, coalesce(hc.c, 0) AS staff,
               count(t.staff_id) AS part, coalesce(sum(t.h), 0) AS hours
        FROM ana_buckets(d, root) b LEFT JOIN hc ON hc.bucket = b.bucket
        LEFT JOIN t ON t.bucket = b.bucket GROUP BY 1, 2, 3, 4)
  SELECT r.ord, r.code, r.name, c.o, c.k, c.l, c.v, r.staff, NULL::numeric FROM r
  CROSS JOIN LATERAL (VALUES
    (1, 'part', '受講者数', r.part::numeric), (2, 'staff', '在籍者数', r.staff::numeric),
    (3, 'rate', '受講率（%）', CASE WHEN r.staff > 0 THEN round(100.0 * r.part / r.staff, 1) END),
    (4, 'hours', '研修時間計', r.hours),
    (5, 'per', '1人当たり時間', CASE WHEN r.staff > 0 THEN round(r.hours / r.staff, 1) END)) c(o, k, l, v);
END
$$;

-- Qualification holders on d (held, not expired) and those whose holding
-- expires within 180 days after d.
CREATE FUNCTION ana_quals_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM unnest(x)),
  h AS (SELECT q.qualification_code AS code, count(DISTINCT q.staff_id) AS holders,
               count(DISTINCT q.staff_id) FILTER (WHERE q.expires_on <= d + 180) AS expiring
        FROM x JOIN staff_qualification q ON q.staff_id = x.staff_id
        WHERE q.acquired_on <= d AND (q.expires_on IS NULL OR q.expires_on >= d) GROUP BY 1),
  r AS (SELECT row_number() OVER (ORDER BY h.holders DESC, q.category, q.name) AS o, q.code, q.name,
               h.holders, h.expiring
        FROM h JOIN qualification q ON q.code = h.code)
  SELECT r.o, r.code, r.name, 1, 'holders', '保有者数', r.holders::numeric, r.holders, NULL::numeric FROM r
  UNION ALL
  SELECT r.o, r.code, r.name, 2, 'expiring', '180日以内に期限', r.expiring::numeric, r.expiring, NULL::numeric FROM r;
END
$$;

-- Skill coverage: staff per bucket holding a skill of each top-level skill
-- area at level 3 or above on d; base is the bucket's headcount.
CREATE FUNCTION ana_skills_x(d date, root text, x ana_person[])
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM unnest(x)),
  top AS (SELECT code, name, row_number() OVER (ORDER BY sort_order, code)::int AS o
          FROM skill WHERE parent_code IS NULL),
  ss AS MATERIALIZED (SELECT staff_id, skill_code FROM staff_skill WHERE valid @> d AND level >= 3),
  h AS (SELECT DISTINCT x.bucket, x.staff_id, coalesce(k.parent_code, k.code) AS area
        FROM x JOIN ss ON ss.staff_id = x.staff_id JOIN skill k ON k.code = ss.skill_code),
  hc AS (SELECT x.bucket, count(*) AS c FROM x GROUP BY 1),
  b AS (SELECT b.*, coalesce(hc.c, 0) AS staff FROM ana_buckets(d, root) b LEFT JOIN hc ON hc.bucket = b.bucket)
  SELECT b.ord, b.code, b.name, top.o, top.code, top.name, count(h.staff_id)::numeric, count(h.staff_id),
         b.staff::numeric
  FROM b CROSS JOIN top LEFT JOIN h ON h.bucket = b.bucket AND h.area = top.code
  GROUP BY b.ord, b.code, b.name, b.staff, top.o, top.code, top.name;
END
$$;

-- ---------------------------------------------------------------- one figure, one page
-- Each figure on its own, with a snapshot of its own (tests, CSV).
CREATE FUNCTION ana_headcount(d date, root text, dim text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_headcount_x(d, root, ana_snapshot(d, root), dim)
$$;

CREATE FUNCTION ana_age_pyramid(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_age_pyramid_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_age_avg(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_age_avg_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_tenure(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_tenure_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_retire(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_retire_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_eval_unit(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_eval_unit_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_training(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_training_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_quals(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_quals_x(d, root, ana_snapshot(d, root))
$$;

CREATE FUNCTION ana_skills(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_skills_x(d, root, ana_snapshot(d, root))
$$;



-- ---------------------------------------------------------------- cross-tab
-- One row per person and dimension (unit, position, etype, age, gender,
-- grade): the key, label and order of the person's value.
CREATE FUNCTION ana_dims_x(d date, root text, x ana_person[])
RETURNS TABLE (staff_id bigint, dim text, key text, label text, ord bigint, age int, svc numeric)
LANGUAGE sql STABLE AS $$
  WITH x0 AS (SELECT x.*, extract(year FROM age(d, x.birth_date))::int AS age,
                     (d - x.hire_date) / 365.25 AS svc FROM unnest(x) x),
  x AS MATERIALIZED (SELECT x0.*, age_band_ord(x0.age) AS aord, age_band_label(x0.age) AS alabel FROM x0),
  b AS (SELECT * FROM ana_buckets(d, root))
  SELECT x.staff_id, v.dim, v.key, v.label, v.ord, x.age, x.svc FROM x
  JOIN b ON b.bucket = x.bucket
  JOIN position p ON p.code = x.position_code
  JOIN employment_type et ON et.code = x.employment_type
  LEFT JOIN grade g ON g.code = x.grade_code
  CROSS JOIN LATERAL (VALUES
    ('unit', b.code, b.name, b.ord),
    ('position', p.code, p.name, -p.rank::bigint),
    ('etype', et.code, et.name, et.sort_order::bigint),
    ('age', x.alabel, x.alabel, x.aord::bigint),
    ('gender', x.gender, CASE x.gender WHEN 'female' THEN '女性' WHEN 'male' THEN '男性'
                          WHEN 'other' THEN 'その他' ELSE '未回答' END,
     CASE x.gender WHEN 'male' THEN 1 WHEN 'female' THEN 2 WHEN 'other' THEN 3 ELSE 4 END::bigint),
    ('grade', coalesce(g.code, '-'), coalesce(g.name, '級なし'), coalesce(g.rank, 99)::bigint)) v(dim, key, label, ord)
$$;

CREATE FUNCTION ana_dims(d date, root text)
RETURNS TABLE (staff_id bigint, dim text, key text, label text, ord bigint, age int, svc numeric)
LANGUAGE sql STABLE AS $$
  SELECT * FROM ana_dims_x(d, root, ana_snapshot(d, root))
$$;

-- measure: count, age (average age), service (average years of service)
CREATE FUNCTION ana_crosstab(d date, root text, rdim text, cdim text, measure text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH x AS MATERIALIZED (SELECT * FROM ana_dims(d, root) WHERE dim IN (rdim, cdim)),
  cols AS (SELECT key, label, ord, dense_rank() OVER (ORDER BY ord, key)::int AS o
           FROM (SELECT DISTINCT key, label, ord FROM x WHERE dim = cdim) c),
  rows AS (SELECT DISTINCT key, label, ord FROM x WHERE dim = rdim),
  p AS (SELECT staff_id, max(key) FILTER (WHERE dim = rdim) AS rk, max(key) FILTER (WHERE dim = cdim) AS ck,
               max(age) AS age, max(svc) AS svc FROM x GROUP BY staff_id),
  m AS (SELECT rk, ck, count(*) AS c, avg(age) AS age, avg(svc) AS svc FROM p GROUP BY 1, 2)
  SELECT rows.ord, rows.key, rows.label, cols.o, cols.key, cols.label,
         CASE measure WHEN 'age' THEN round(m.age, 1) WHEN 'service' THEN round(m.svc, 1)
                      ELSE coalesce(m.c, 0) END,
         coalesce(m.c, 0), NULL::numeric
  FROM rows CROSS JOIN cols LEFT JOIN m ON m.rk = rows.key AND m.ck = cols.key;
END
$$;

-- ---------------------------------------------------------------- comparison
-- People under the root on d1 and d2: who joined (hired or moved in), left
-- (separated or moved out) or moved between units inside the root.
CREATE FUNCTION ana_moves(d1 date, d2 date, root text)
RETURNS TABLE (staff_id bigint, change text, unit1 text, unit2 text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH a AS (SELECT x.staff_id, x.unit_id FROM ana_staff(d1, root) x),
  b AS (SELECT x.staff_id, x.unit_id FROM ana_staff(d2, root) x),
  j AS (SELECT coalesce(a.staff_id, b.staff_id) AS staff_id, a.unit_id AS u1, b.unit_id AS u2
        FROM a FULL JOIN b ON a.staff_id = b.staff_id)
  SELECT j.staff_id,
    CASE WHEN j.u1 IS NULL THEN CASE WHEN s.hire_date > d1 THEN 'hired' ELSE 'moved_in' END
         WHEN j.u2 IS NULL THEN CASE WHEN s.retire_date < d2 THEN 'separated' ELSE 'moved_out' END
         ELSE 'moved' END,
    v1.name, v2.name
  FROM j JOIN staff s ON s.id = j.staff_id
  LEFT JOIN org_unit_version v1 ON v1.unit_id = j.u1 AND v1.valid @> d1
  LEFT JOIN org_unit_version v2 ON v2.unit_id = j.u2 AND v2.valid @> d2
  WHERE j.u1 IS DISTINCT FROM j.u2;
END
$$;

-- Each bucket's figures on d1 and d2 side by side (the whole first): people,
-- the change, average age (sensitive) and average years of service. Buckets
-- are named as on d2; those gone by d2 follow, named as on d1.
CREATE FUNCTION ana_compare(d1 date, d2 date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH a AS (SELECT * FROM ana_age_avg(d1, root)), b AS (SELECT * FROM ana_age_avg(d2, root)),
  r AS (
    SELECT coalesce(b.rkey, a.rkey) AS k, coalesce(b.rord, 1000 + a.rord) AS o,
           coalesce(b.rlabel, a.rlabel || '（' || d1 || '時点）') AS l,
           a.n AS n1, b.n AS n2, a.val AS age1, b.val AS age2, sa.val AS svc1, sb.val AS svc2
    FROM (SELECT * FROM a WHERE ckey = 'age') a
    FULL JOIN (SELECT * FROM b WHERE ckey = 'age') b ON b.rkey = a.rkey
    LEFT JOIN a sa ON sa.rkey = a.rkey AND sa.ckey = 'service'
    LEFT JOIN b sb ON sb.rkey = b.rkey AND sb.ckey = 'service'
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

-- Units under the root on either date that were created, abolished,
-- renamed, merged (統合 into another unit) or moved between d1 and d2.
CREATE FUNCTION ana_unit_changes(d1 date, d2 date, root text)
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

-- Every figure of a dashboard page in one statement on one snapshot:
-- page overview, flow, eval or dev, or one figure by its name (CSV); chart
-- names the figure.
CREATE FUNCTION ana_page(d date, root text, page text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH p AS MATERIALIZED (SELECT ana_snapshot(d, root) AS x)
  SELECT 'units', f.* FROM p, ana_headcount_x(d, root, p.x, 'unit') f WHERE page IN ('overview', 'units')
  UNION ALL SELECT 'etype', f.* FROM p, ana_headcount_x(d, root, p.x, 'etype') f WHERE page IN ('overview', 'etype')
  UNION ALL SELECT 'position', f.* FROM p, ana_headcount_x(d, root, p.x, 'position') f WHERE page IN ('overview', 'position')
  UNION ALL SELECT 'jobtype', f.* FROM p, ana_headcount_x(d, root, p.x, 'jobtype') f WHERE page IN ('overview', 'jobtype')
  UNION ALL SELECT 'age', f.* FROM p, ana_age_pyramid_x(d, root, p.x) f WHERE page IN ('overview', 'age')
  UNION ALL SELECT 'average', f.* FROM p, ana_age_avg_x(d, root, p.x) f WHERE page IN ('overview', 'average')
  UNION ALL SELECT 'tenure', f.* FROM p, ana_tenure_x(d, root, p.x) f WHERE page IN ('overview', 'tenure')
  UNION ALL SELECT 'flow', f.* FROM ana_flow(d, root) f WHERE page IN ('flow', 'flow')
  UNION ALL SELECT 'retire', f.* FROM p, ana_retire_x(d, root, p.x) f WHERE page IN ('flow', 'retire')
  UNION ALL SELECT 'evalyear', f.* FROM ana_eval_year(d, root) f WHERE page IN ('eval', 'evalyear')
  UNION ALL SELECT 'evalunit', f.* FROM p, ana_eval_unit_x(d, root, p.x) f WHERE page IN ('eval', 'evalunit')
  UNION ALL SELECT 'training', f.* FROM p, ana_training_x(d, root, p.x) f WHERE page IN ('dev', 'training')
  UNION ALL SELECT 'quals', f.* FROM p, ana_quals_x(d, root, p.x) f WHERE page IN ('dev', 'quals')
  UNION ALL SELECT 'skills', f.* FROM p, ana_skills_x(d, root, p.x) f WHERE page IN ('dev', 'skills');
END
$$;
ALTER FUNCTION ana_page(date, text, text) SET jit = off SET plan_cache_mode = force_generic_plan;

CREATE INDEX IF NOT EXISTS evaluation_fy_idx ON evaluation (fiscal_year);
CREATE INDEX IF NOT EXISTS staff_hire_idx ON staff (hire_date);
CREATE INDEX IF NOT EXISTS staff_retire_idx ON staff (retire_date) WHERE retire_date IS NOT NULL;

-- Each figure is one statement of a few thousand rows: JIT compilation would
-- cost more than the query (tens of milliseconds), so it is off inside them.
-- They are plpgsql so that their plans are kept per connection (a generic
-- plan: the shape does not depend on the date or the unit); planning these
-- queries anew took as long as running them.
ALTER FUNCTION ana_headcount_x(date, text, ana_person[], text) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_age_pyramid_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_age_avg_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_tenure_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_flow(date, text) SET jit = off SET plan_cache_mode = force_generic_plan SET enable_nestloop = off;
ALTER FUNCTION ana_retire_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_eval_year(date, text) SET jit = off SET plan_cache_mode = force_generic_plan SET enable_nestloop = off;
ALTER FUNCTION ana_eval_unit_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_training_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_quals_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_skills_x(date, text, ana_person[]) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_crosstab(date, text, text, text, text) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_moves(date, date, text) SET jit = off SET plan_cache_mode = force_generic_plan SET enable_nestloop = off;
ALTER FUNCTION ana_compare(date, date, text) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_unit_changes(date, date, text) SET jit = off SET plan_cache_mode = force_generic_plan;

GRANT EXECUTE ON FUNCTION fiscal_year(date), retirement_age(int), retirement_fy(date), age_band_ord(int), age_band_label(int),
    org_closure(), ana_units(date, text), ana_under(text), ana_buckets(date, text), ana_staff(date, text),
    ana_snapshot(date, text), ana_page(date, text, text),
    ana_headcount_x(date, text, ana_person[], text), ana_age_pyramid_x(date, text, ana_person[]),
    ana_age_avg_x(date, text, ana_person[]), ana_tenure_x(date, text, ana_person[]),
    ana_retire_x(date, text, ana_person[]), ana_eval_unit_x(date, text, ana_person[]),
    ana_training_x(date, text, ana_person[]), ana_quals_x(date, text, ana_person[]),
    ana_skills_x(date, text, ana_person[]), ana_dims_x(date, text, ana_person[]),
    ana_headcount(date, text, text), ana_age_pyramid(date, text), ana_age_avg(date, text),
    ana_tenure(date, text), ana_flow(date, text), ana_retire(date, text), ana_eval_final(int, int),
    ana_eval_year(date, text), ana_eval_unit(date, text), ana_training(date, text), ana_quals(date, text),
    ana_skills(date, text), ana_dims(date, text), ana_crosstab(date, text, text, text, text),
    ana_compare(date, date, text), ana_moves(date, date, text), ana_unit_changes(date, date, text) TO tms_app;
