-- 020_import.sql: bulk import of CSV files (staff, units, appointments,
-- qualifications, training, evaluations, skills), set-based.
--
-- The caller (cgi/import.c, for tmsctl and the HR screen) does, in ONE
-- transaction:
--   SELECT import_stage_create(kind);          -- temp tables import_stage, import_error
--   COPY import_stage FROM STDIN;              -- one row per data line, text only
--   SELECT * FROM import_run(kind, sync, present);
--   SELECT * FROM import_errors(limit);
-- and commits only when there is no error (and it is not a preview).
-- import_run validates in SQL (every error names the file line, the field,
-- the value and the reason), classifies every row as created / updated /
-- unchanged by its natural key, and applies the changes only when no error
-- was found. Dates arrive as ISO text (the caller parses 和暦 with lib/jdate).
-- Its functions are defined once, in their current form, in
-- sql/functions/import.sql.

-- ---------------------------------------------------------------- history
CREATE TABLE import_history (
    id               bigserial PRIMARY KEY,
    at               timestamptz NOT NULL DEFAULT now(),
    actor_account_id bigint REFERENCES account(id),
    actor            text NOT NULL,            -- login, or cli:OS-USER for tmsctl
    kind             text NOT NULL CHECK (kind IN ('staff', 'units', 'appointments',
                         'qualifications', 'training', 'evaluations', 'skills')),
    file_name        text NOT NULL,
    sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    encoding         text NOT NULL,
    sync             boolean NOT NULL DEFAULT false,
    status           text NOT NULL CHECK (status IN ('preview', 'committed', 'refused')),
    rows_total       int NOT NULL DEFAULT 0,
    created          int NOT NULL DEFAULT 0,
    updated          int NOT NULL DEFAULT 0,
    unchanged        int NOT NULL DEFAULT 0,
    deleted          int NOT NULL DEFAULT 0,
    errors           int NOT NULL DEFAULT 0,
    committed_at     timestamptz,
    content          bytea COMPRESSION lz4 NOT NULL  -- the file as received, for audit
);
CREATE INDEX import_history_at_idx ON import_history (at DESC);

-- ---------------------------------------------------------------- staging
-- One template per kind: every column text, in the order of the canonical
-- header (cgi/import.c). Never written; temp tables are made LIKE them.
CREATE TABLE import_stage_staff (line int, staff_no text, family_name text, given_name text,
    family_kana text, given_kana text, former_family_name text, former_family_kana text,
    alias_name text, name_display text, birth_date text, gender text, employment_type text,
    hire_date text, retire_date text, email text, phone_ext text);
CREATE TABLE import_stage_units (line int, code text, name text, kind text, parent_code text,
    sort_order text, start_date text, end_date text);
CREATE TABLE import_stage_appointments (line int, staff_no text, kind text, start_date text,
    end_date text, unit_code text, position_code text, job_type_code text, grade_code text,
    is_main text, remarks text);
CREATE TABLE import_stage_qualifications (line int, staff_no text, qualification_code text,
    acquired_on text, expires_on text, registration_no text);
CREATE TABLE import_stage_training (line int, staff_no text, course_code text, start_date text,
    end_date text, hours text, result text);
CREATE TABLE import_stage_evaluations (line int, staff_no text, fiscal_year text, period text,
    kind text, grade text, score text, evaluator_comment text);
CREATE TABLE import_stage_skills (line int, staff_no text, skill_code text, start_date text,
    end_date text, level text, evidence text);

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE ON import_history TO tms_app;
GRANT USAGE ON SEQUENCE import_history_id_seq TO tms_app;
GRANT SELECT ON import_stage_staff, import_stage_units, import_stage_appointments,
    import_stage_qualifications, import_stage_training, import_stage_evaluations,
    import_stage_skills TO tms_app;
-- --sync may remove staff absent from the file (never those an account or
-- the audit log refers to).
GRANT DELETE ON staff TO tms_app;
