-- 045_analytics_suppress.sql: what the worker needs to decide small-cell
-- suppression across every analytics figure of one unit and date at once
-- (cgi/ana_grid.c): each cross-tab of two of the six dimensions of the
-- cross-tab page, each dimension alone and the whole, with people, the sum
-- of their ages and of their days of service. The keys are those of
-- ana_crosstab (bucket code, position, 職員区分, age band label, gender,
-- grade or '-'), so the worker can find any figure's cell in it.
--
-- gs is GROUPING() of the six keys: a bit is set for each key left out
-- (unit is bit 5, grade bit 0); 63 is the whole.
CREATE FUNCTION ana_cube(d date, root text)
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
