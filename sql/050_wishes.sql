-- 050_wishes.sql: career wishes survey (意向調査 / 自己申告).
-- HR opens a round per fiscal year for all staff, a unit with its sub-units
-- or one 職員区分; each targeted staff member keeps one answer per round
-- (draft, then submitted; revisable until the round closes). The questions
-- are defined in etc/survey.yaml, not here: a value is stored under its
-- question key ("transfer.choice", "family", ...). Answers to questions
-- marked confidential (visibility: hr) are sealed by the application with
-- AES-256-GCM before they reach the database: `sealed` holds nonce ||
-- ciphertext || tag, `key_id` names the key in the key file outside the
-- database; such a row never has a plaintext `value`.
-- Its functions are defined once, in their current form, in
-- sql/functions/wishes.sql.

CREATE TABLE wish_round (
    id             bigserial PRIMARY KEY,
    fiscal_year    int NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2100),
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    opens_on       date NOT NULL,
    closes_on      date NOT NULL,
    target_kind    text NOT NULL DEFAULT 'all' CHECK (target_kind IN ('all', 'unit', 'etype')),
    target_unit_id bigint REFERENCES org_unit(id),
    target_etype   text REFERENCES employment_type(code),
    closed_at      timestamptz,           -- closed early by hr
    created_by     bigint REFERENCES account(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (closes_on >= opens_on),
    CHECK ((target_kind = 'unit') = (target_unit_id IS NOT NULL)),
    CHECK ((target_kind = 'etype') = (target_etype IS NOT NULL))
);

CREATE TABLE wish_answer (
    id           bigserial PRIMARY KEY,
    round_id     bigint NOT NULL REFERENCES wish_round(id) ON DELETE CASCADE,
    staff_id     bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    UNIQUE (round_id, staff_id),
    CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX wish_answer_staff_idx ON wish_answer (staff_id);

CREATE TABLE wish_value (
    answer_id bigint NOT NULL REFERENCES wish_answer(id) ON DELETE CASCADE,
    question  text NOT NULL CHECK (question ~ '^[a-z][a-z0-9_]{0,31}(\.[a-z0-9_]{1,16})?$'),
    value     text CHECK (length(value) <= 4000),
    sealed    bytea CHECK (length(sealed) BETWEEN 28 AND 16100),
    key_id    int CHECK (key_id > 0),
    PRIMARY KEY (answer_id, question),
    CHECK ((value IS NULL) <> (sealed IS NULL)),
    CHECK ((sealed IS NULL) = (key_id IS NULL))
);
CREATE INDEX wish_value_key_idx ON wish_value (key_id) WHERE key_id IS NOT NULL;

-- Comments of supervisors (one per author per staff member per round).
CREATE TABLE wish_comment (
    round_id        bigint NOT NULL REFERENCES wish_round(id) ON DELETE CASCADE,
    staff_id        bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    author_staff_id bigint NOT NULL REFERENCES staff(id),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, staff_id, author_staff_id)
);

GRANT SELECT, INSERT, UPDATE ON wish_round TO tms_app;
GRANT SELECT, INSERT, UPDATE ON wish_answer TO tms_app;
GRANT SELECT, INSERT, DELETE ON wish_value TO tms_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON wish_comment TO tms_app;
GRANT USAGE ON SEQUENCE wish_round_id_seq, wish_answer_id_seq TO tms_app;
