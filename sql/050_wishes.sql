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

-- Open: not closed early and today within the dates (the database's date,
-- so every pool agrees).
CREATE FUNCTION wish_round_open(r wish_round) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT r.closed_at IS NULL AND current_date BETWEEN r.opens_on AND r.closes_on
$$;

-- The date on which the round's targets and units are taken: today while it
-- is open, its last day once closed, its first day before it opens.
CREATE FUNCTION wish_round_date(r wish_round) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT greatest(r.opens_on, least(current_date, r.closes_on,
                                    coalesce(r.closed_at::date, r.closes_on)))
$$;

-- Staff targeted by a round (all of them, or only p_staff), with their main
-- unit on the round's date. The one definition of "targeted".
CREATE FUNCTION wish_targets(p_round bigint, p_staff bigint DEFAULT NULL)
RETURNS TABLE (staff_id bigint, unit_id bigint)
LANGUAGE sql STABLE ROWS 3000 AS $$
  WITH RECURSIVE r AS (
    SELECT w.*, wish_round_date(w) AS d FROM wish_round w WHERE w.id = p_round
  ), sub AS (
    SELECT r.target_unit_id AS unit_id FROM r WHERE r.target_kind = 'unit'
    UNION
    SELECT v.unit_id FROM sub JOIN org_unit_version v ON v.parent_id = sub.unit_id
    CROSS JOIN r WHERE v.valid @> r.d
  )
  SELECT a.staff_id, a.unit_id
  FROM r JOIN appointment a ON a.is_main AND a.valid @> r.d
  JOIN staff s ON s.id = a.staff_id
  WHERE staff_active(s, r.d)
    AND (p_staff IS NULL OR a.staff_id = p_staff)
    AND (r.target_kind = 'all'
         OR (r.target_kind = 'etype' AND s.employment_type = r.target_etype)
         OR (r.target_kind = 'unit' AND a.unit_id IN (SELECT unit_id FROM sub)))
$$;

-- Save one staff member's answer in one statement: the round must be open
-- and target them; the values (jsonb array of {q, v} or {q, s (hex), k})
-- replace the previous ones. A submitted answer stays submitted.
CREATE FUNCTION wish_save(p_round bigint, p_staff bigint, p_submit boolean, p_values jsonb)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r wish_round;
  aid bigint;
  st text;
BEGIN
  SELECT * INTO r FROM wish_round WHERE id = p_round FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such round' USING ERRCODE = 'TW404';
  END IF;
  IF NOT wish_round_open(r) THEN
    RAISE EXCEPTION 'round % is closed', p_round USING ERRCODE = 'TW409';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM wish_targets(p_round, p_staff)) THEN
    RAISE EXCEPTION 'staff % is not a target of round %', p_staff, p_round USING ERRCODE = 'TW403';
  END IF;
  INSERT INTO wish_answer (round_id, staff_id, status, submitted_at)
  VALUES (p_round, p_staff, CASE WHEN p_submit THEN 'submitted' ELSE 'draft' END,
          CASE WHEN p_submit THEN now() END)
  ON CONFLICT (round_id, staff_id) DO UPDATE
  SET status = CASE WHEN p_submit OR wish_answer.status = 'submitted' THEN 'submitted' ELSE 'draft' END,
      submitted_at = CASE WHEN p_submit THEN now() ELSE wish_answer.submitted_at END,
      updated_at = now()
  RETURNING id, status INTO aid, st;
  DELETE FROM wish_value WHERE answer_id = aid;
  INSERT INTO wish_value (answer_id, question, value, sealed, key_id)
  SELECT aid, x.q, x.v, decode(x.s, 'hex'), x.k
  FROM jsonb_to_recordset(p_values) AS x(q text, v text, s text, k int);
  RETURN st;
END
$$;

-- Set a supervisor's comment (an empty body deletes it).
CREATE FUNCTION wish_comment_set(p_round bigint, p_staff bigint, p_author bigint, p_body text)
RETURNS void LANGUAGE sql AS $$
  DELETE FROM wish_comment WHERE round_id = p_round AND staff_id = p_staff
    AND author_staff_id = p_author AND coalesce(p_body, '') = '';
  INSERT INTO wish_comment (round_id, staff_id, author_staff_id, body)
  SELECT p_round, p_staff, p_author, p_body WHERE coalesce(p_body, '') <> ''
  ON CONFLICT (round_id, staff_id, author_staff_id)
  DO UPDATE SET body = EXCLUDED.body, updated_at = now();
$$;

GRANT SELECT, INSERT, UPDATE ON wish_round TO tms_app;
GRANT SELECT, INSERT, UPDATE ON wish_answer TO tms_app;
GRANT SELECT, INSERT, DELETE ON wish_value TO tms_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON wish_comment TO tms_app;
GRANT USAGE ON SEQUENCE wish_round_id_seq, wish_answer_id_seq TO tms_app;
GRANT EXECUTE ON FUNCTION wish_round_open(wish_round), wish_round_date(wish_round),
    wish_targets(bigint, bigint), wish_save(bigint, bigint, boolean, jsonb),
    wish_comment_set(bigint, bigint, bigint, text) TO tms_app;
