-- 006_fast_relations.sql: set-based relations for searches over many staff.
-- staff_relations() is now the single definition of self / supervisor /
-- same_unit; staff_rel() answers for one subject from it.

-- Staff to whom the viewer has a relation other than colleague, as of a date:
-- bit 1 self, bit 2 supervisor, bit 4 same_unit.
CREATE FUNCTION staff_relations(viewer bigint, asof date)
RETURNS TABLE (staff_id bigint, rel int)
LANGUAGE sql STABLE AS $$
  WITH vs AS (SELECT * FROM viewer_scope(viewer, asof)),
  x AS (
    SELECT viewer AS staff_id, 1 AS bit WHERE viewer IS NOT NULL AND viewer <> 0
    UNION ALL
    SELECT a.staff_id, 2 FROM appointment a, vs
     WHERE a.valid @> asof AND a.unit_id = ANY (vs.supervised) AND a.staff_id <> viewer
    UNION ALL
    SELECT a.staff_id, 4 FROM appointment a, vs
     WHERE a.valid @> asof AND a.unit_id = ANY (vs.mine)
  )
  SELECT staff_id, bit_or(bit) FROM x GROUP BY staff_id
$$;

CREATE OR REPLACE FUNCTION staff_rel(subject bigint, viewer bigint, asof date,
                                     supervised bigint[], mine bigint[]) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8 | coalesce((SELECT r.rel FROM staff_relations(viewer, asof) r
                       WHERE r.staff_id = subject), 0)
$$;

-- The organisation as of a date, planned as the ~hundreds of rows it is
-- (an inlined recursive query is estimated at a few rows, which made joins
-- with it nested loops).
DROP FUNCTION org_tree(date);
CREATE FUNCTION org_tree(asof date)
RETURNS TABLE (unit_id bigint, code text, name text, kind text, parent_id bigint,
               depth int, path int[], name_path text)
LANGUAGE plpgsql STABLE ROWS 300 AS $$
BEGIN
  RETURN QUERY
  WITH RECURSIVE v AS (
    SELECT v.unit_id, u.code, v.name, v.kind, v.parent_id, v.sort_order
    FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id
    WHERE v.valid @> asof
  ), t AS (
    SELECT v.unit_id, v.code, v.name, v.kind, v.parent_id, 0 AS depth,
           ARRAY[v.sort_order] AS path, v.name AS name_path
    FROM v WHERE v.parent_id IS NULL
    UNION ALL
    SELECT v.unit_id, v.code, v.name, v.kind, v.parent_id, t.depth + 1,
           t.path || v.sort_order, t.name_path || ' ' || v.name
    FROM v JOIN t ON v.parent_id = t.unit_id
    WHERE t.depth < 10
  )
  SELECT t.unit_id, t.code, t.name, t.kind, t.parent_id, t.depth, t.path, t.name_path FROM t;
END
$$;

GRANT EXECUTE ON FUNCTION staff_relations(bigint, date), org_tree(date) TO tms_app;
