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
-- Its functions are defined once, in their current form, in
-- sql/functions/analytics.sql.

-- ---------------------------------------------------------------- ana_eval
DROP TABLE ana_eval;

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

SELECT ana_eval_refresh(NULL);
GRANT SELECT ON ana_eval TO tms_app;

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
