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
-- Its functions are defined once, in their current form, in
-- sql/functions/analytics.sql, sql/functions/org.sql.

-- The same people as one value, so that the figures of a page share one
-- snapshot (ana_page) instead of each reading the history again.
CREATE TYPE ana_person AS (staff_id bigint, bucket bigint, unit_id bigint, post_from date,
    position_code text, job_type_code text, grade_code text, employment_type text,
    gender text, birth_date date, hire_date date);

CREATE INDEX IF NOT EXISTS evaluation_fy_idx ON evaluation (fiscal_year);
CREATE INDEX IF NOT EXISTS staff_hire_idx ON staff (hire_date);
CREATE INDEX IF NOT EXISTS staff_retire_idx ON staff (retire_date) WHERE retire_date IS NOT NULL;
