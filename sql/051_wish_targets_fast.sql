-- 051_wish_targets_fast.sql: wish_targets() (sql/050, the one definition of
-- who a round targets) for one person without reading everyone. As a SQL
-- function its "p_staff IS NULL OR a.staff_id = p_staff" could use no index,
-- so the reminder banner on every page read all current main appointments
-- (about 0.7 ms of database CPU per page at 3,000 staff, 100 times that at
-- 300,000). The same query, in two branches planned apart.

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
