-- 030_duties.sql: each unit's duty register (事務分掌), modelled on the
-- 総務省 業務説明表: duties, the unit each belongs to over time (so a duty
-- follows mergers and transfers and the history shows it), assignments of
-- staff (主担当/副担当, share of their time) and tasks with progress.
-- Everything is effective-dated, like appointments; nothing "current" is
-- stored.
-- Its functions are defined once, in their current form, in
-- sql/functions/duties.sql.

CREATE TABLE duty (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    legal_basis text NOT NULL DEFAULT '' CHECK (length(legal_basis) <= 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    category    text NOT NULL CHECK (category IN ('自治事務', '法定受託事務', '内部管理事務', 'その他')),
    workload    numeric(4,2) NOT NULL CHECK (workload >= 0 AND workload <= 99),  -- person-years
    start_date  date NOT NULL,
    end_date    date,                                 -- last day, inclusive
    status      text NOT NULL CHECK (status IN ('実施中', '休止', '廃止')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR end_date >= start_date)
);

-- The unit a duty belongs to, over time. A merger or transfer closes one
-- span and opens the next; spans of one duty never overlap.
CREATE TABLE duty_unit (
    id       bigserial PRIMARY KEY,
    duty_id  bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    unit_id  bigint NOT NULL REFERENCES org_unit(id),
    valid    daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    EXCLUDE USING gist (duty_id WITH =, valid WITH &&)
);
CREATE INDEX duty_unit_unit_idx ON duty_unit (unit_id);
CREATE INDEX duty_unit_valid_idx ON duty_unit USING gist (valid);

CREATE TABLE duty_assignment (
    id       bigserial PRIMARY KEY,
    duty_id  bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    staff_id bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('主担当', '副担当')),
    share    numeric(3,2) NOT NULL CHECK (share > 0 AND share <= 1),
    valid    daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    EXCLUDE USING gist (duty_id WITH =, staff_id WITH =, valid WITH &&)
);
CREATE INDEX duty_assignment_duty_idx ON duty_assignment (duty_id);
CREATE INDEX duty_assignment_staff_idx ON duty_assignment (staff_id);

CREATE TABLE duty_task (
    id         bigserial PRIMARY KEY,
    duty_id    bigint NOT NULL REFERENCES duty(id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    start_date date NOT NULL,
    due_date   date NOT NULL,
    progress   int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status     text NOT NULL DEFAULT '未着手' CHECK (status IN ('未着手', '進行中', '完了', '保留')),
    notes      text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (due_date >= start_date),
    CHECK (status <> '完了' OR progress = 100)
);
CREATE INDEX duty_task_duty_idx ON duty_task (duty_id);
CREATE INDEX duty_task_due_idx ON duty_task (due_date);

CREATE TABLE duty_task_assignee (
    task_id  bigint NOT NULL REFERENCES duty_task(id) ON DELETE CASCADE,
    staff_id bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, staff_id)
);
CREATE INDEX duty_task_assignee_staff_idx ON duty_task_assignee (staff_id);
CREATE TRIGGER org_unit_succession_duties AFTER INSERT ON org_unit_succession
    FOR EACH ROW EXECUTE FUNCTION duty_succession_trigger();

GRANT SELECT, INSERT, UPDATE, DELETE ON duty, duty_unit, duty_assignment, duty_task,
    duty_task_assignee TO tms_app;
GRANT USAGE ON SEQUENCE duty_id_seq, duty_unit_id_seq, duty_assignment_id_seq, duty_task_id_seq TO tms_app;
