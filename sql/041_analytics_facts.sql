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
-- Its functions are defined once, in their current form, in
-- sql/functions/analytics.sql.

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

CREATE TABLE ana_skill_area (
    staff_id bigint NOT NULL,
    area     text NOT NULL,
    unit_id  bigint NOT NULL,
    lo       date NOT NULL,
    hi       date NOT NULL
);
CREATE INDEX ana_skill_area_staff_idx ON ana_skill_area (staff_id);

CREATE TABLE ana_qual (
    staff_id bigint NOT NULL,
    code     text NOT NULL,
    unit_id  bigint NOT NULL,
    lo       date NOT NULL,
    hi       date NOT NULL
);
CREATE INDEX ana_qual_staff_idx ON ana_qual (staff_id);
CREATE INDEX IF NOT EXISTS staff_qualification_expires_idx ON staff_qualification (expires_on);

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

-- (The derived tables were filled here from the records of the day. A
-- database migrated now is empty, and ana_refresh() has its sql/043 form.)
ANALYZE ana_span;
ANALYZE ana_eval;
ANALYZE ana_eval_cube;
ANALYZE ana_train;
ANALYZE ana_skill_area;
ANALYZE ana_qual;

GRANT SELECT ON ana_span, ana_eval, ana_eval_cube, ana_train, ana_skill_area, ana_qual TO tms_app;

-- ================================================================ readers
-- The figures read the derived tables. Each dashboard page is one function
-- that reads the people on its date once; the figures of sql/040 that read
-- the history through an array snapshot are replaced and dropped.
CREATE INDEX IF NOT EXISTS training_record_start_idx ON training_record (start_date);
DROP TYPE ana_person;
