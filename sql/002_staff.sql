-- 002_staff.sql: staff records with effective-dated history.
-- Every read takes an as-of date: history rows carry a daterange "valid"
-- (lower bound inclusive); "current" is always derived, never stored.
-- Its functions are defined once, in their current form, in
-- sql/functions/core.sql, sql/functions/org.sql, sql/functions/staff.sql.

-- ---------------------------------------------------------------- masters
CREATE TABLE employment_type (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    sort_order int NOT NULL
);
INSERT INTO employment_type VALUES
    ('regular', '正規', 1), ('reappointed', '再任用', 2), ('fixed_term', '任期付', 3),
    ('fiscal_year', '会計年度任用', 4), ('temporary', '臨時的任用', 5);

CREATE TABLE position (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    rank       int NOT NULL,              -- higher is more senior
    is_head    boolean NOT NULL DEFAULT false  -- heads supervise their unit and below
);

CREATE TABLE job_type (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    sort_order int NOT NULL
);

CREATE TABLE grade (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    rank       int NOT NULL
);

-- ---------------------------------------------------------------- organisation
-- A unit's identity (code) is stable; its name, parent and order live in
-- versions, so renames, moves and abolitions are history.
CREATE TABLE org_unit (
    id   bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z_-]{1,20}$')
);

CREATE TABLE org_unit_version (
    id         bigserial PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES org_unit(id),
    valid      daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind       text NOT NULL CHECK (kind IN ('部', '局', '課', '室', '係', '担当', '委員会',
                   '事務局', '本部', '署', '所', '館', 'センター', '出向先', 'その他')),
    parent_id  bigint REFERENCES org_unit(id),
    sort_order int NOT NULL,
    EXCLUDE USING gist (unit_id WITH =, valid WITH &&),
    CHECK (parent_id IS NULL OR parent_id <> unit_id)
);
CREATE INDEX org_unit_version_valid_idx ON org_unit_version USING gist (valid);
CREATE INDEX org_unit_version_parent_idx ON org_unit_version (parent_id);

-- Merges, splits and renames, for the history shown to users.
CREATE TABLE org_unit_succession (
    from_unit  bigint NOT NULL REFERENCES org_unit(id),
    to_unit    bigint NOT NULL REFERENCES org_unit(id),
    on_date    date NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('統合', '分割', '改称', '移管')),
    PRIMARY KEY (from_unit, to_unit, on_date)
);

-- ---------------------------------------------------------------- staff
CREATE TABLE staff (
    id                 bigserial PRIMARY KEY,
    staff_no           text NOT NULL UNIQUE CHECK (staff_no ~ '^[0-9A-Za-z-]{1,20}$'),
    family_name        text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 50),
    given_name         text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 50),
    family_kana        text NOT NULL CHECK (family_kana ~ '^[ァ-ヴー・ ]+$'),
    given_kana         text NOT NULL CHECK (given_kana ~ '^[ァ-ヴー・ ]+$'),
    former_family_name text CHECK (length(former_family_name) BETWEEN 1 AND 50),
    former_family_kana text CHECK (former_family_kana ~ '^[ァ-ヴー・ ]+$'),
    alias_name         text CHECK (length(alias_name) BETWEEN 1 AND 100),
    name_display       text NOT NULL DEFAULT 'legal'
                       CHECK (name_display IN ('legal', 'former', 'alias')),
    birth_date         date NOT NULL CHECK (birth_date > '1900-01-01'),
    gender             text NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unspecified')),
    employment_type    text NOT NULL REFERENCES employment_type(code),
    hire_date          date NOT NULL,
    retire_date        date,
    email              text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    phone_ext          text CHECK (phone_ext ~ '^[0-9-]{1,20}$'),
    self_intro         text CHECK (length(self_intro) <= 2000),
    photo_sha256       text CHECK (photo_sha256 ~ '^[0-9a-f]{64}$'),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- search keys (derived, never displayed)
    kana_key           text GENERATED ALWAYS AS
                       (tms_search_key(family_kana || given_kana)) STORED,
    name_key           text GENERATED ALWAYS AS
                       (tms_search_key(family_name || given_name || ' ' || coalesce(alias_name, ''))) STORED,
    former_key         text GENERATED ALWAYS AS
                       (tms_search_key(coalesce(former_family_name, '') || coalesce(former_family_kana, ''))) STORED,
    CHECK (retire_date IS NULL OR retire_date >= hire_date),
    CHECK (name_display <> 'former' OR former_family_name IS NOT NULL),
    CHECK (name_display <> 'alias' OR alias_name IS NOT NULL)
);
CREATE INDEX staff_kana_sort_idx ON staff ((family_kana || ' ' || given_kana) COLLATE "ja-x-icu", id);
CREATE INDEX staff_kana_key_idx ON staff (kana_key text_pattern_ops);
CREATE INDEX staff_name_key_idx ON staff (name_key text_pattern_ops);
CREATE INDEX staff_kana_trgm_idx ON staff USING gin (kana_key gin_trgm_ops);
CREATE INDEX staff_name_trgm_idx ON staff USING gin (name_key gin_trgm_ops);
CREATE INDEX staff_former_trgm_idx ON staff USING gin (former_key gin_trgm_ops);

ALTER TABLE account ADD COLUMN staff_id bigint UNIQUE REFERENCES staff(id);

-- ---------------------------------------------------------------- 発令
-- One row per assignment span. A 異動 on date D closes the open main span at D
-- and opens a new one, in one transaction. Main spans never overlap.
CREATE TABLE appointment (
    id            bigserial PRIMARY KEY,
    staff_id      bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('採用', '異動', '昇任', '降任', '兼務', '併任',
                      '出向', '休職', '復職', '事務取扱', '配置換')),
    valid         daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    unit_id       bigint NOT NULL REFERENCES org_unit(id),
    position_code text NOT NULL REFERENCES position(code),
    job_type_code text REFERENCES job_type(code),
    grade_code    text REFERENCES grade(code),
    is_main       boolean NOT NULL,
    remarks       text CHECK (length(remarks) <= 500),
    EXCLUDE USING gist (staff_id WITH =, valid WITH &&) WHERE (is_main)
);
CREATE INDEX appointment_valid_idx ON appointment USING gist (valid);
CREATE INDEX appointment_staff_idx ON appointment (staff_id, lower(valid));
CREATE INDEX appointment_unit_idx ON appointment (unit_id);

-- ---------------------------------------------------------------- qualifications
CREATE TABLE qualification (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    category   text NOT NULL,
    has_expiry boolean NOT NULL DEFAULT false
);
CREATE TABLE staff_qualification (
    id                 bigserial PRIMARY KEY,
    staff_id           bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    qualification_code text NOT NULL REFERENCES qualification(code),
    acquired_on        date NOT NULL,
    expires_on         date,
    registration_no    text CHECK (length(registration_no) <= 50),
    UNIQUE (staff_id, qualification_code, acquired_on),
    CHECK (expires_on IS NULL OR expires_on > acquired_on)
);
CREATE INDEX staff_qualification_code_idx ON staff_qualification (qualification_code);

-- ---------------------------------------------------------------- training
CREATE TABLE training_course (
    code     text PRIMARY KEY,
    name     text NOT NULL UNIQUE,
    category text NOT NULL,
    hours    numeric(6,1) NOT NULL CHECK (hours > 0)
);
CREATE TABLE training_record (
    id          bigserial PRIMARY KEY,
    staff_id    bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    course_code text NOT NULL REFERENCES training_course(code),
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    hours       numeric(6,1) NOT NULL CHECK (hours > 0),
    result      text NOT NULL CHECK (result IN ('修了', '未修了', '受講中')),
    UNIQUE (staff_id, course_code, start_date),
    CHECK (end_date >= start_date)
);

-- ---------------------------------------------------------------- skills
CREATE TABLE skill (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    parent_code text REFERENCES skill(code),
    sort_order  int NOT NULL,
    UNIQUE (parent_code, name)
);
CREATE TABLE staff_skill (
    id         bigserial PRIMARY KEY,
    staff_id   bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    skill_code text NOT NULL REFERENCES skill(code),
    valid      daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    level      int NOT NULL CHECK (level BETWEEN 1 AND 5),
    evidence   text CHECK (length(evidence) <= 500),
    EXCLUDE USING gist (staff_id WITH =, skill_code WITH =, valid WITH &&)
);
CREATE INDEX staff_skill_code_idx ON staff_skill (skill_code);

-- ---------------------------------------------------------------- evaluations
CREATE TABLE evaluation (
    id                bigserial PRIMARY KEY,
    staff_id          bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    fiscal_year       int NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2100),
    period            text NOT NULL CHECK (period IN ('上期', '下期', '年間')),
    kind              text NOT NULL CHECK (kind IN ('能力評価', '業績評価')),
    grade             text NOT NULL CHECK (grade IN ('S', 'A', 'B', 'C', 'D')),
    score             numeric(5,1) CHECK (score BETWEEN 0 AND 100),
    evaluator_comment text CHECK (length(evaluator_comment) <= 2000),
    UNIQUE (staff_id, fiscal_year, period, kind)
);

-- ---------------------------------------------------------------- audit
-- Append-only: the application role may insert and read, never change.
CREATE TABLE audit_log (
    id               bigserial PRIMARY KEY,
    at               timestamptz NOT NULL DEFAULT now(),
    actor_account_id bigint REFERENCES account(id),
    actor_staff_id   bigint REFERENCES staff(id),
    actor_role       text NOT NULL,
    action           text NOT NULL CHECK (action IN ('view', 'search', 'export', 'create',
                         'update', 'delete', 'deny', 'login', 'logout')),
    subject_staff_id bigint REFERENCES staff(id),
    target           text NOT NULL,       -- what: page, record kind or field group
    detail           jsonb,               -- query parameters, result counts; never values
    client_addr      text NOT NULL,
    result           text NOT NULL CHECK (result IN ('ok', 'denied', 'error'))
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_staff_id, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, at);
GRANT SELECT ON employment_type, position, job_type, grade, org_unit, org_unit_version,
    org_unit_succession, qualification, training_course, skill TO tms_app;
GRANT INSERT, UPDATE, DELETE ON position, job_type, grade, org_unit, org_unit_version,
    org_unit_succession, qualification, training_course, skill TO tms_app;
GRANT SELECT, INSERT, UPDATE ON staff TO tms_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON appointment, staff_qualification, training_record,
    staff_skill, evaluation TO tms_app;
GRANT SELECT, INSERT ON audit_log TO tms_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tms_app;
