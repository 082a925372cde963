-- wishes.sql: wishes surveys (意向調査) and the reminder-mail queue. Each
-- function is defined here once, in the form that runs, with its grants and
-- settings; `tmsctl migrate` applies the file again whenever it changes
-- (cgi/migrate.c).
-- requires: 050 (the row type wish_round)

-- Open: not closed early and today within the dates (the database's date,
-- so every pool agrees).
CREATE OR REPLACE FUNCTION wish_round_open(r wish_round) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT r.closed_at IS NULL AND current_date BETWEEN r.opens_on AND r.closes_on
$$;
GRANT EXECUTE ON FUNCTION wish_round_open(wish_round) TO tms_app;

-- The date on which the round's targets and units are taken: today while it
-- is open, its last day once closed, its first day before it opens.
CREATE OR REPLACE FUNCTION wish_round_date(r wish_round) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT greatest(r.opens_on, least(current_date, r.closes_on,
                                    coalesce(r.closed_at::date, r.closes_on)))
$$;
GRANT EXECUTE ON FUNCTION wish_round_date(wish_round) TO tms_app;

CREATE OR REPLACE FUNCTION wish_targets(p_round bigint, p_staff bigint DEFAULT NULL)
RETURNS TABLE (staff_id bigint, unit_id bigint)
LANGUAGE plpgsql STABLE ROWS 3000 AS $$
#variable_conflict use_column
BEGIN
  IF p_staff IS NULL THEN
    RETURN QUERY
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
      AND (r.target_kind = 'all'
           OR (r.target_kind = 'etype' AND s.employment_type = r.target_etype)
           OR (r.target_kind = 'unit' AND a.unit_id IN (SELECT sub.unit_id FROM sub)));
  ELSE
    RETURN QUERY
    WITH RECURSIVE r AS (
      SELECT w.*, wish_round_date(w) AS d FROM wish_round w WHERE w.id = p_round
    ), sub AS (
      SELECT r.target_unit_id AS unit_id FROM r WHERE r.target_kind = 'unit'
      UNION
      SELECT v.unit_id FROM sub JOIN org_unit_version v ON v.parent_id = sub.unit_id
      CROSS JOIN r WHERE v.valid @> r.d
    )
    SELECT a.staff_id, a.unit_id
    FROM r JOIN appointment a ON a.staff_id = p_staff AND a.is_main AND a.valid @> r.d
    JOIN staff s ON s.id = a.staff_id
    WHERE staff_active(s, r.d)
      AND (r.target_kind = 'all'
           OR (r.target_kind = 'etype' AND s.employment_type = r.target_etype)
           OR (r.target_kind = 'unit' AND a.unit_id IN (SELECT sub.unit_id FROM sub)));
  END IF;
END
$$;
GRANT EXECUTE ON FUNCTION wish_targets(bigint, bigint) TO tms_app;

-- Save one staff member's answer in one statement: the round must be open
-- and target them; the values (jsonb array of {q, v} or {q, s (hex), k})
-- replace the previous ones. A submitted answer stays submitted.
CREATE OR REPLACE FUNCTION wish_save(p_round bigint, p_staff bigint, p_submit boolean, p_values jsonb)
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
GRANT EXECUTE ON FUNCTION wish_save(bigint, bigint, boolean, jsonb) TO tms_app;

-- Set a supervisor's comment (an empty body deletes it).
CREATE OR REPLACE FUNCTION wish_comment_set(p_round bigint, p_staff bigint, p_author bigint, p_body text)
RETURNS void LANGUAGE sql AS $$
  DELETE FROM wish_comment WHERE round_id = p_round AND staff_id = p_staff
    AND author_staff_id = p_author AND coalesce(p_body, '') = '';
  INSERT INTO wish_comment (round_id, staff_id, author_staff_id, body)
  SELECT p_round, p_staff, p_author, p_body WHERE coalesce(p_body, '') <> ''
  ON CONFLICT (round_id, staff_id, author_staff_id)
  DO UPDATE SET body = EXCLUDED.body, updated_at = now();
$$;
GRANT EXECUTE ON FUNCTION wish_comment_set(bigint, bigint, bigint, text) TO tms_app;

-- Wake a waiting `tmsctl mail-send --loop` (LISTEN mail_queue) at commit.
CREATE OR REPLACE FUNCTION mail_queue_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mail_queue', '');
  RETURN NULL;
END $$;
