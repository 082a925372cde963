-- 008_staff_rel.sql: staff_rel() for one subject takes only (subject, viewer,
-- date). Since 006 it reads staff_relations(), which computes the viewer's
-- scope itself, so the unit arrays callers had to pass (and compute with
-- viewer_scope() first) were unused work on every profile, edit and photo.
DROP FUNCTION staff_rel(bigint, bigint, date, bigint[], bigint[]);
CREATE FUNCTION staff_rel(subject bigint, viewer bigint, asof date) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT 8 | coalesce((SELECT r.rel FROM staff_relations(viewer, asof) r
                       WHERE r.staff_id = subject), 0)
$$;
GRANT EXECUTE ON FUNCTION staff_rel(bigint, bigint, date) TO tms_app;
