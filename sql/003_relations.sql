-- 003_relations.sql: relations between a viewer and the staff they look at,
-- as of a date. The policy (etc/policy.yaml) grants by relation; these
-- functions are the only definition of the relations, used by every page,
-- search and export.
--   bit 1 self, bit 2 supervisor, bit 4 same_unit, bit 8 colleague (always).

-- Units the viewer heads (main or 兼務) with all their sub-units, and the
-- units the viewer belongs to, as of a date.
CREATE FUNCTION viewer_scope(viewer bigint, asof date,
                             OUT supervised bigint[], OUT mine bigint[])
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE heads AS (
    SELECT a.unit_id FROM appointment a JOIN position p ON p.code = a.position_code
    WHERE a.staff_id = viewer AND a.valid @> asof AND p.is_head
  ), sub AS (
    SELECT unit_id FROM heads
    UNION
    SELECT v.unit_id FROM org_unit_version v JOIN sub ON v.parent_id = sub.unit_id
    WHERE v.valid @> asof
  )
  SELECT coalesce((SELECT array_agg(unit_id) FROM sub), '{}'),
         coalesce((SELECT array_agg(unit_id) FROM appointment
                   WHERE staff_id = viewer AND valid @> asof), '{}')
$$;

CREATE FUNCTION staff_rel(subject bigint, viewer bigint, asof date,
                          supervised bigint[], mine bigint[]) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8
    | CASE WHEN subject = viewer THEN 1 ELSE 0 END
    | CASE WHEN subject <> viewer AND cardinality(supervised) > 0 AND EXISTS (
        SELECT 1 FROM appointment x WHERE x.staff_id = subject
        AND x.valid @> asof AND x.unit_id = ANY (supervised)) THEN 2 ELSE 0 END
    | CASE WHEN cardinality(mine) > 0 AND EXISTS (
        SELECT 1 FROM appointment x WHERE x.staff_id = subject
        AND x.valid @> asof AND x.unit_id = ANY (mine)) THEN 4 ELSE 0 END
$$;

-- Staff in service on a date (hired, not retired, with a main appointment).
CREATE FUNCTION staff_active(s staff, asof date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT s.hire_date <= asof AND (s.retire_date IS NULL OR s.retire_date >= asof)
$$;

GRANT EXECUTE ON FUNCTION viewer_scope(bigint, date), staff_rel(bigint, bigint, date, bigint[], bigint[]),
    staff_active(staff, date) TO tms_app;
