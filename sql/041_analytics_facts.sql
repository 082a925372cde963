-- 041_analytics_facts.sql: derived tables that let the analytics figures of
-- sql/040 answer for 300,000 staff in well under a second, and the figures
-- rewritten to read them.
--
--   ana_span       one row per stretch of service in one main appointment,
--                  with the person's attributes and the start of the post;
--   ana_eval       each person's final grade per fiscal year and kind, with
--                  the unit of their main appointment at that year's end;
--   ana_eval_cube  ana_eval counted by year, kind, grade and unit;
--   ana_train      training hours per person and fiscal year;
--   ana_skill_area when each person held a level-3 skill of each area;
--   ana_qual       when each person held each qualification.
--
-- They are derived data, never edited by hand: each table's <table>_def()
-- function is its only definition, and statement triggers on the tables
-- they come from rewrite the rows of every person a statement touched, in
-- that statement's transaction (the cube moves by the same rows). So they
-- always equal their definitions: ana_facts_diff() lists any difference,
-- and the tests assert that it stays empty after every kind of change the
-- system makes.

-- ---------------------------------------------------------------- helpers
-- A date as the integer yyyymmdd: (ymd(d) - ymd(b)) / 10000 is the number
-- of whole years from b to d, exactly as extract(year FROM age(d, b)), and
-- (ymd(d) - 400) / 10000 is d's fiscal year.
CREATE FUNCTION ana_ymd(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM d) * 10000 + extract(month FROM d) * 100 + extract(day FROM d))::int
$$;

-- ---------------------------------------------------------------- ana_span
-- Each main appointment cut to the person's service [hire_date,
-- retire_date]; lo..hi with hi exclusive ('infinity' while open). post_from
-- is the first day of the run of consecutive main appointments in the same
-- unit (昇任 in place keeps the post).
CREATE FUNCTION ana_span_def(ids bigint[])
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

CREATE TABLE ana_span (
    staff_id        bigint NOT NULL,
    lo              date NOT NULL,
    hi              date NOT NULL,
    unit_id         bigint NOT NULL,
    post_from       date NOT NULL,
    position_code   text NOT NULL,
    job_type_code   text,
    grade_code      text,
    employment_type text NOT NULL,
    gender          text NOT NULL,
    birth_date      date NOT NULL,
    hire_date       date NOT NULL,
    retire_date     date,
    b_ymd           int NOT NULL,	-- birth, hire, post, lo and hi as yyyymmdd
    h_ymd           int NOT NULL,
    p_ymd           int NOT NULL,
    lo_ymd          int NOT NULL,
    hi_ymd          int NOT NULL	-- 99991231 while open
);
CREATE INDEX ana_span_staff_idx ON ana_span (staff_id);
CREATE INDEX ana_span_unit_idx ON ana_span (unit_id, lo);

-- ---------------------------------------------------------------- ana_eval
-- The year's final grade of each person and kind (年間, else 下期, else
-- 上期), and the unit of their main appointment on the year's last day.
CREATE FUNCTION ana_eval_def(ids bigint[])
RETURNS TABLE (staff_id bigint, fiscal_year int, kind text, grade text, unit_end bigint)
LANGUAGE sql STABLE AS $$
  SELECT e.staff_id, e.fiscal_year, e.kind, e.grade, f.unit_id
  FROM (SELECT e.staff_id, e.fiscal_year, e.kind,
               substr('SABCD', min(CASE e.period WHEN '年間' THEN 10 WHEN '下期' THEN 20 ELSE 30 END
                                   + strpos('SABCD', e.grade)) % 10, 1) AS grade
        FROM evaluation e WHERE ids IS NULL OR e.staff_id = ANY (ids)
        GROUP BY 1, 2, 3) e
  LEFT JOIN ana_span f ON f.staff_id = e.staff_id
   AND f.lo <= make_date(e.fiscal_year + 1, 3, 31) AND f.hi > make_date(e.fiscal_year + 1, 3, 31)
$$;

CREATE TABLE ana_eval (
    staff_id    bigint NOT NULL,
    fiscal_year int NOT NULL,
    kind        text NOT NULL,
    grade       text NOT NULL,
    unit_end    bigint,
    PRIMARY KEY (fiscal_year, kind, staff_id)
);
CREATE INDEX ana_eval_staff_idx ON ana_eval (staff_id);

CREATE TABLE ana_eval_cube (
    fiscal_year int NOT NULL,
    kind        text NOT NULL,
    grade       text NOT NULL,
    unit_id     bigint NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (fiscal_year, kind, grade, unit_id)
);

-- The next three are cut by the stretches of ana_span, so that each row
-- carries the unit the person was in: a figure for the people on d reads
-- the rows holding d and needs no join with the people (it halved the
-- development page at 300,000 staff). They follow ana_span when it changes.

-- ---------------------------------------------------------------- ana_train
-- Training per person and fiscal year, once per stretch of service that
-- overlaps the year: the first and last start date and the hours in tenths
-- (hours are numeric(6,1)), so that "trained from 4/1 up to d" needs the
-- records themselves only for people with a course still to start after d.
CREATE FUNCTION ana_train_def(ids bigint[])
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

CREATE TABLE ana_train (
    staff_id    bigint NOT NULL,
    fiscal_year int NOT NULL,
    unit_id     bigint NOT NULL,
    lo          date NOT NULL,
    hi          date NOT NULL,
    first_start date NOT NULL,
    last_start  date NOT NULL,
    tenths      bigint NOT NULL
);
CREATE INDEX ana_train_fy_idx ON ana_train (fiscal_year);
CREATE INDEX ana_train_staff_idx ON ana_train (staff_id);

-- ---------------------------------------------------------------- ana_skill_area
-- When each person held at least one skill of each top-level skill area at
-- level 3 or above, in which unit: disjoint stretches lo..hi (hi exclusive).
CREATE FUNCTION ana_skill_area_def(ids bigint[])
RETURNS TABLE (staff_id bigint, area text, unit_id bigint, lo date, hi date)
LANGUAGE sql STABLE AS $$
  SELECT x.staff_id, x.area, f.unit_id, greatest(lower(x.r), f.lo), least(coalesce(upper(x.r), 'infinity'), f.hi)
  FROM (SELECT ss.staff_id, coalesce(k.parent_code, k.code) AS area, unnest(range_agg(ss.valid)) AS r
        FROM staff_skill ss JOIN skill k ON k.code = ss.skill_code
        WHERE ss.level >= 3 AND (ids IS NULL OR ss.staff_id = ANY (ids))
        GROUP BY 1, 2) x
  JOIN ana_span f ON f.staff_id = x.staff_id AND f.lo < coalesce(upper(x.r), 'infinity') AND f.hi > lower(x.r)
$$;

CREATE TABLE ana_skill_area (
    staff_id bigint NOT NULL,
    area     text NOT NULL,
    unit_id  bigint NOT NULL,
    lo       date NOT NULL,
    hi       date NOT NULL
);
CREATE INDEX ana_skill_area_staff_idx ON ana_skill_area (staff_id);

-- ---------------------------------------------------------------- ana_qual
-- When each person held each qualification (acquired, not expired), in
-- which unit: disjoint stretches lo..hi (hi exclusive), so a renewal is one
-- holder.
CREATE FUNCTION ana_qual_def(ids bigint[])
RETURNS TABLE (staff_id bigint, code text, unit_id bigint, lo date, hi date)
LANGUAGE sql STABLE AS $$
  SELECT x.staff_id, x.code, f.unit_id, greatest(lower(x.r), f.lo), least(coalesce(upper(x.r), 'infinity'), f.hi)
  FROM (SELECT q.staff_id, q.qualification_code AS code,
               unnest(range_agg(daterange(q.acquired_on, q.expires_on, '[]'))) AS r
        FROM staff_qualification q WHERE ids IS NULL OR q.staff_id = ANY (ids)
        GROUP BY 1, 2) x
  JOIN ana_span f ON f.staff_id = x.staff_id AND f.lo < coalesce(upper(x.r), 'infinity') AND f.hi > lower(x.r)
$$;

CREATE TABLE ana_qual (
    staff_id bigint NOT NULL,
    code     text NOT NULL,
    unit_id  bigint NOT NULL,
    lo       date NOT NULL,
    hi       date NOT NULL
);
CREATE INDEX ana_qual_staff_idx ON ana_qual (staff_id);
CREATE INDEX IF NOT EXISTS staff_qualification_expires_idx ON staff_qualification (expires_on);

-- ---------------------------------------------------------------- upkeep
-- Rewrite a derived table's rows of the given people (NULL: everyone) from
-- its definition <table>_def. ana_eval depends on ana_span (the unit at a
-- year's end), so it follows it. The cube moves by ana_eval's old rows (out)
-- and new ones (in), in key order so that concurrent writers lock its rows
-- in the same order. No foreign keys: a deleted person's rows must leave
-- through here, so that the cube loses them too.
CREATE FUNCTION ana_eval_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  -- the people's rows into the cube ($2 = 1) or out of it ($2 = -1)
  move constant text := $q$INSERT INTO ana_eval_cube AS c
    SELECT fiscal_year, kind, grade, unit_end, $2 * count(*) FROM ana_eval
    WHERE staff_id = ANY ($1) AND unit_end IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (fiscal_year, kind, grade, unit_id) DO UPDATE SET n = c.n + excluded.n$q$;
BEGIN
  IF ids IS NULL THEN
    DELETE FROM ana_eval;
    DELETE FROM ana_eval_cube;
    INSERT INTO ana_eval SELECT * FROM ana_eval_def(NULL) ORDER BY fiscal_year, staff_id;
    INSERT INTO ana_eval_cube SELECT fiscal_year, kind, grade, unit_end, count(*) FROM ana_eval
      WHERE unit_end IS NOT NULL GROUP BY 1, 2, 3, 4;
    RETURN;
  END IF;
  -- EXECUTE plans each statement for these very people, through the
  -- indexes on staff_id (a cached plan would read every person's rows)
  EXECUTE move USING ids, -1;
  EXECUTE 'DELETE FROM ana_eval WHERE staff_id = ANY ($1)' USING ids;
  EXECUTE 'INSERT INTO ana_eval SELECT * FROM ana_eval_def($1) ORDER BY fiscal_year, staff_id' USING ids;
  EXECUTE move USING ids, 1;
  DELETE FROM ana_eval_cube WHERE n = 0;
END
$$;

CREATE FUNCTION ana_refresh(tab text, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
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
    EXECUTE format('DELETE FROM %I', tab);
  ELSE
    EXECUTE format('DELETE FROM %I WHERE staff_id = ANY ($1)', tab) USING ids;
  END IF;
  -- rows of one fiscal year together: the figures read one year at a time
  EXECUTE format('INSERT INTO %I SELECT * FROM %I($1) ORDER BY %s', tab, tab || '_def',
                 CASE tab WHEN 'ana_train' THEN 'fiscal_year, staff_id' ELSE 'staff_id' END) USING ids;
  IF tab = 'ana_span' THEN	-- what is cut by the stretches follows them
    PERFORM ana_eval_refresh(ids);
    PERFORM ana_refresh('ana_train', ids);
    PERFORM ana_refresh('ana_skill_area', ids);
    PERFORM ana_refresh('ana_qual', ids);
  END IF;
END
$$;

-- Rows of the derived tables that differ from their definitions, either
-- way (the tests assert there are none).
CREATE FUNCTION ana_facts_diff()
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
  SELECT 'ana_eval_cube', 'stored', NULL::bigint, x::text FROM
    (SELECT * FROM ana_eval_cube EXCEPT ALL SELECT e.fiscal_year, e.kind, e.grade, e.unit_end, count(*) FROM ana_eval e
     WHERE e.unit_end IS NOT NULL GROUP BY 1, 2, 3, 4) x
  UNION ALL
  SELECT 'ana_eval_cube', 'defined', NULL::bigint, x::text FROM
    (SELECT e.fiscal_year, e.kind, e.grade, e.unit_end, count(*) FROM ana_eval e WHERE e.unit_end IS NOT NULL
     GROUP BY 1, 2, 3, 4 EXCEPT ALL SELECT * FROM ana_eval_cube) x;
END
$$;

-- The triggers: the people a statement touched, old and new rows alike;
-- the argument names the derived table to rewrite.
CREATE FUNCTION ana_on_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
-- staff: only changes to what ana_span carries matter.
CREATE FUNCTION ana_on_staff() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
-- skill: moving a skill to another area moves its holders.
CREATE FUNCTION ana_on_skill() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
-- TRUNCATE (of a source table, or cascaded from staff): rebuild.
CREATE FUNCTION ana_on_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM ana_refresh(TG_ARGV[0], NULL);
  RETURN NULL;
END
$$;
-- Small statements for a few people: compiling them (JIT) would cost more.
ALTER FUNCTION ana_refresh(text, bigint[]) SET jit = off;
ALTER FUNCTION ana_eval_refresh(bigint[]) SET jit = off;
REVOKE EXECUTE ON FUNCTION ana_on_change(), ana_on_staff(), ana_on_skill(), ana_on_truncate(), ana_refresh(text, bigint[]),
    ana_eval_refresh(bigint[]) FROM PUBLIC;

DO $$
DECLARE src text; tab text;
BEGIN
  FOR src, tab IN VALUES ('appointment', 'ana_span'), ('evaluation', 'ana_eval'), ('training_record', 'ana_train'),
                         ('staff_skill', 'ana_skill_area'), ('staff_qualification', 'ana_qual') LOOP
    EXECUTE format('CREATE TRIGGER ana_facts_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ana_on_change(%L)', src, tab);
    EXECUTE format('CREATE TRIGGER ana_facts_upd AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows'
                   ' NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ana_on_change(%L)', src, tab);
    EXECUTE format('CREATE TRIGGER ana_facts_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ana_on_change(%L)', src, tab);
    EXECUTE format('CREATE TRIGGER ana_facts_trunc AFTER TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION ana_on_truncate(%L)', src, tab);
  END LOOP;
END
$$;
CREATE TRIGGER ana_facts_staff AFTER UPDATE ON staff REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ana_on_staff();
CREATE TRIGGER ana_facts_skill AFTER UPDATE ON skill REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ana_on_skill();

SELECT ana_refresh('ana_span', NULL);
ANALYZE ana_span;
ANALYZE ana_eval;
ANALYZE ana_eval_cube;
ANALYZE ana_train;
ANALYZE ana_skill_area;
ANALYZE ana_qual;

GRANT SELECT ON ana_span, ana_eval, ana_eval_cube, ana_train, ana_skill_area, ana_qual TO tms_app;
GRANT EXECUTE ON FUNCTION ana_ymd(date), ana_span_def(bigint[]), ana_eval_def(bigint[]), ana_train_def(bigint[]),
    ana_skill_area_def(bigint[]), ana_qual_def(bigint[]), ana_facts_diff() TO tms_app;

-- ================================================================ readers
-- The figures read the derived tables. Each dashboard page is one function
-- that reads the people on its date once; the figures of sql/040 that read
-- the history through an array snapshot are replaced and dropped.
CREATE INDEX IF NOT EXISTS training_record_start_idx ON training_record (start_date);

DROP FUNCTION ana_page(date, text, text);
DROP FUNCTION ana_crosstab(date, text, text, text, text);
DROP FUNCTION ana_compare(date, date, text);
DROP FUNCTION ana_moves(date, date, text);
DROP FUNCTION ana_dims(date, text);
DROP FUNCTION ana_dims_x(date, text, ana_person[]);
DROP FUNCTION ana_headcount(date, text, text);
DROP FUNCTION ana_headcount_x(date, text, ana_person[], text);
DROP FUNCTION ana_age_pyramid(date, text);
DROP FUNCTION ana_age_pyramid_x(date, text, ana_person[]);
DROP FUNCTION ana_age_avg(date, text);
DROP FUNCTION ana_age_avg_x(date, text, ana_person[]);
DROP FUNCTION ana_tenure(date, text);
DROP FUNCTION ana_tenure_x(date, text, ana_person[]);
DROP FUNCTION ana_retire(date, text);
DROP FUNCTION ana_retire_x(date, text, ana_person[]);
DROP FUNCTION ana_flow(date, text);
DROP FUNCTION ana_eval_year(date, text);
DROP FUNCTION ana_eval_unit(date, text);
DROP FUNCTION ana_eval_unit_x(date, text, ana_person[]);
DROP FUNCTION ana_eval_final(int, int);
DROP FUNCTION ana_training(date, text);
DROP FUNCTION ana_training_x(date, text, ana_person[]);
DROP FUNCTION ana_quals(date, text);
DROP FUNCTION ana_quals_x(date, text, ana_person[]);
DROP FUNCTION ana_skills(date, text);
DROP FUNCTION ana_skills_x(date, text, ana_person[]);
DROP FUNCTION ana_snapshot(date, text);
DROP FUNCTION ana_staff(date, text);
DROP TYPE ana_person;

-- The people in service on d whose main appointment is under the root, with
-- the bucket they are counted in, their age and days of service on d.
CREATE FUNCTION ana_people(d date, root text)
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

-- ---------------------------------------------------------------- 人員構成
-- Headcount by unit, 職員区分, position and job type; the age pyramid; the
-- average age and service; years of service and in post: one pass over the
-- people, grouped by every figure's keys at once.
CREATE FUNCTION ana_p_people(d date, root text, want text)
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

-- ---------------------------------------------------------------- 採用・退職
-- Per fiscal year (the ten up to d's): headcount on 4/1, hires and
-- separations up to d, each counted in the organisation of its own date,
-- and the turnover rate (separations / headcount on 4/1, %); then the
-- retirement forecast (regular staff on d reaching 定年 in each of the ten
-- fiscal years from d's). A stretch of service is cut to the time its unit
-- was under the root (the whole city: all of it), and then holds 4/1 of
-- fiscal years a..b, a hire if it starts on the hire date, and a separation
-- if it ends on the retirement date.
CREATE FUNCTION ana_p_flow(d date, root text, want text)
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

-- ---------------------------------------------------------------- 人事評価
-- Grades by fiscal year and kind (five years up to d's), each year counted
-- among the staff under the root at its end (or on d, if earlier): years
-- that have ended come from the cube, d's year from the people on d. Then
-- the grades (能力評価) by bucket for the latest fiscal year up to d's that
-- has evaluations, among the staff under the root on d.
CREATE FUNCTION ana_p_eval(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  fy int := fiscal_year(d);
  ended int := CASE WHEN d = make_date(fiscal_year(d) + 1, 3, 31) THEN fiscal_year(d) ELSE fiscal_year(d) - 1 END;
  y int := (SELECT max(e.fiscal_year) FROM ana_eval e WHERE e.fiscal_year <= fiscal_year(d));
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_under(root) WHERE NULLIF(root, '') IS NOT NULL AND want IN ('eval', 'evalyear')),
  -- the people on d with their grades of d's year (if not ended) and of y
  pe AS MATERIALIZED (
    SELECT p.bucket, e.fiscal_year, e.kind, e.grade FROM ana_people(d, root) p
    JOIN ana_eval e ON e.staff_id = p.staff_id AND e.fiscal_year IN (fy, y)
    WHERE (e.fiscal_year = fy AND ended < fy AND want IN ('eval', 'evalyear'))
       OR (e.fiscal_year = y AND e.kind = '能力評価' AND want IN ('eval', 'evalunit'))),
  c AS (
    SELECT c.fiscal_year AS f, c.kind, c.grade, sum(c.n)::bigint AS n FROM ana_eval_cube c
    WHERE NULLIF(root, '') IS NULL AND want IN ('eval', 'evalyear') AND c.fiscal_year BETWEEN fy - 4 AND ended
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT c.fiscal_year, c.kind, c.grade, sum(c.n)::bigint FROM ana_eval_cube c
    JOIN u ON u.unit_id = c.unit_id AND u.valid @> make_date(c.fiscal_year + 1, 3, 31)
    WHERE c.fiscal_year BETWEEN fy - 4 AND ended GROUP BY 1, 2, 3
    UNION ALL
    SELECT fy, pe.kind, pe.grade, count(*) FROM pe
    WHERE pe.fiscal_year = fy AND ended < fy AND want IN ('eval', 'evalyear') GROUP BY 1, 2, 3
  ),
  rows AS (SELECT g.f, k.o, k.kind FROM generate_series(fy - 4, fy) g(f) CROSS JOIN (VALUES (1, '能力評価'), (2, '業績評価')) k(o, kind)),
  gs AS (SELECT * FROM (VALUES (1, 'S'), (2, 'A'), (3, 'B'), (4, 'C'), (5, 'D')) g(o, g)),
  eu AS (SELECT pe.bucket, pe.grade, count(*) AS n FROM pe WHERE pe.fiscal_year = y AND pe.kind = '能力評価'
         AND want IN ('eval', 'evalunit') GROUP BY 1, 2)
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

-- ---------------------------------------------------------------- 育成
-- Training in d's fiscal year (records started from 4/1 up to d) by bucket;
-- qualification holders on d and expiries within 180 days; skill coverage
-- (staff per bucket holding a skill of each top-level area at level 3 or
-- above on d; base is the bucket's headcount).
CREATE FUNCTION ana_p_dev(d date, root text, want text)
RETURNS TABLE (chart text, rord bigint, rkey text, rlabel text, cord int, ckey text, clabel text,
               val numeric, n bigint, base numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  fy int := fiscal_year(d);
BEGIN
  RETURN QUERY
  WITH u AS MATERIALIZED (SELECT * FROM ana_units(d, root)),
  b AS MATERIALIZED (SELECT * FROM ana_buckets(d, root)),
  hc AS (SELECT p.bucket, count(*) AS c FROM ana_people(d, root) p GROUP BY 1),
  t AS (SELECT u.bucket, CASE WHEN t.last_start <= d THEN t.tenths
                         ELSE (SELECT sum((r.hours * 10)::bigint) FROM training_record r WHERE r.staff_id = t.staff_id
                               AND r.start_date BETWEEN make_date(fy, 4, 1) AND d) END AS tenths
        FROM ana_train t JOIN u ON u.unit_id = t.unit_id
        WHERE t.fiscal_year = fy AND t.lo <= d AND t.hi > d AND t.first_start <= d AND want IN ('dev', 'training')),
  tb AS (SELECT t.bucket, count(*) AS part, sum(t.tenths) AS tenths FROM t GROUP BY 1),
  tr AS (SELECT b.ord, b.code, b.name, coalesce(hc.c, 0) AS staff, coalesce(tb.part, 0) AS part,
                CASE WHEN tb.tenths IS NULL THEN 0 ELSE (tb.tenths::numeric / 10)::numeric(20, 1) END AS hours
         FROM b LEFT JOIN hc ON hc.bucket = b.bucket LEFT JOIN tb ON tb.bucket = b.bucket),
  qc AS (SELECT a.code, count(*) AS holders FROM ana_qual a JOIN u ON u.unit_id = a.unit_id
         WHERE a.lo <= d AND a.hi > d AND want IN ('dev', 'quals') GROUP BY 1),
  qx AS (SELECT q.qualification_code AS code, count(DISTINCT q.staff_id) AS expiring
         FROM staff_qualification q
         JOIN ana_span f ON f.staff_id = q.staff_id AND f.lo <= d AND f.hi > d JOIN u ON u.unit_id = f.unit_id
         WHERE q.expires_on BETWEEN d AND d + 180 AND q.acquired_on <= d AND want IN ('dev', 'quals') GROUP BY 1),
  qr AS (SELECT row_number() OVER (ORDER BY qc.holders DESC, q.category, q.name) AS o, q.code, q.name,
                qc.holders, coalesce(qx.expiring, 0) AS expiring
         FROM qc JOIN qualification q ON q.code = qc.code LEFT JOIN qx ON qx.code = qc.code),
  top AS (SELECT k.code, k.name, row_number() OVER (ORDER BY k.sort_order, k.code)::int AS o
          FROM skill k WHERE k.parent_code IS NULL),
  sc AS (SELECT u.bucket, a.area, count(*) AS c FROM ana_skill_area a JOIN u ON u.unit_id = a.unit_id
         WHERE a.lo <= d AND a.hi > d AND want IN ('dev', 'skills') GROUP BY 1, 2)
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

-- Every figure of a dashboard page (overview, flow, eval or dev), or one
-- figure by its name (CSV); chart names the figure.
CREATE FUNCTION ana_page(d date, root text, page text)
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

-- ---------------------------------------------------------------- cross-tab
-- Rows and columns from unit, position, etype, age (band), gender, grade;
-- measure count, age (average age) or service (average years of service).
-- Rows and columns are the values present; every cell of their product is
-- returned.
CREATE FUNCTION ana_crosstab(d date, root text, rdim text, cdim text, measure text)
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

-- ---------------------------------------------------------------- comparison
-- Per bucket on d (the whole first, key ''): people, average age and
-- average years of service.
CREATE FUNCTION ana_averages(d date, root text)
RETURNS TABLE (rord bigint, rkey text, rlabel text, n bigint, age numeric, svc numeric)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH g AS (SELECT GROUPING(p.bucket) AS gs, p.bucket, count(*) AS c, sum(p.age) AS sage, sum(p.svc_days) AS sdays
             FROM ana_people(d, root) p GROUP BY GROUPING SETS ((p.bucket), ()))
  SELECT 0::bigint, '', '全体', g.c, round(g.sage::numeric / NULLIF(g.c, 0), 1),
         round(g.sdays::numeric / (365.25 * NULLIF(g.c, 0)), 1) FROM g WHERE g.gs = 1
  UNION ALL
  SELECT b.ord, b.code, b.name, coalesce(g.c, 0), round(g.sage::numeric / g.c, 1),
         round(g.sdays::numeric / (365.25 * g.c), 1)
  FROM ana_buckets(d, root) b LEFT JOIN g ON g.gs = 0 AND g.bucket = b.bucket;
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
  WITH a AS (SELECT * FROM ana_averages(d1, root)), b AS (SELECT * FROM ana_averages(d2, root)),
  r AS (
    SELECT coalesce(b.rkey, a.rkey) AS k, coalesce(b.rord, 1000 + a.rord) AS o,
           coalesce(b.rlabel, a.rlabel || '（' || d1 || '時点）') AS l,
           a.n AS n1, b.n AS n2, a.age AS age1, b.age AS age2, a.svc AS svc1, b.svc AS svc2
    FROM a FULL JOIN b ON b.rkey = a.rkey
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

-- People under the root on d1 and d2: who joined (hired or moved in), left
-- (separated or moved out) or moved between units inside the root. Only
-- people whose main appointment changed between the dates, or whose unit
-- came under or left the root, can differ; the others are left out early.
CREATE FUNCTION ana_moves(d1 date, d2 date, root text)
RETURNS TABLE (staff_id bigint, change text, unit1 text, unit2 text)
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
               max(f.unit_id) FILTER (WHERE f.lo <= d2 AND f.hi > d2) AS u2
        FROM ana_span f
        WHERE ((f.lo <= d1 AND f.hi > d1) OR (f.lo <= d2 AND f.hi > d2))
          AND NOT (f.lo <= dlo AND f.hi > dhi AND f.unit_id NOT IN (SELECT unit_id FROM du))
        GROUP BY 1),
  j AS (SELECT x.staff_id, CASE WHEN x.u1 IN (SELECT unit_id FROM u1) THEN x.u1 END AS u1,
               CASE WHEN x.u2 IN (SELECT unit_id FROM u2) THEN x.u2 END AS u2 FROM x)
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

-- Each statement is a few thousand groups over at most one pass of the
-- people: no JIT; memory for hashing every group at once; plans made for
-- each call's date and unit (a generic plan cannot see that the grades of
-- d's year and of the latest year with grades are the same rows, and
-- misjudged the joins: 0.6 s against 1.8 s for the evaluation page).
ALTER FUNCTION ana_p_people(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_p_flow(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_p_eval(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_p_dev(date, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_page(date, text, text) SET jit = off;
-- a unit's subtree over time is tens of rows, not the default thousand: so
-- its stretches are found through the unit index, not by hashing them all
ALTER FUNCTION ana_under(text) ROWS 50;
ALTER FUNCTION ana_crosstab(date, text, text, text, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_averages(date, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';
ALTER FUNCTION ana_compare(date, date, text) SET jit = off SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ana_moves(date, date, text) SET jit = off SET plan_cache_mode = force_custom_plan SET work_mem = '64MB';

GRANT EXECUTE ON FUNCTION ana_people(date, text), ana_p_people(date, text, text), ana_p_flow(date, text, text),
    ana_p_eval(date, text, text), ana_p_dev(date, text, text), ana_page(date, text, text),
    ana_crosstab(date, text, text, text, text), ana_averages(date, text), ana_compare(date, date, text),
    ana_moves(date, date, text) TO tms_app;
