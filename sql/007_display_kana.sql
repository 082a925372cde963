-- 007_display_kana.sql: the reading that goes with the displayed name. A
-- person shown by 旧姓 is read (and sorted) by the 旧姓 reading; a 通称 has no
-- recorded reading, so none is shown (the legal reading would mislead).
CREATE FUNCTION staff_display_kana(s staff) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE s.name_display
    WHEN 'former' THEN coalesce(s.former_family_kana, s.family_kana) || ' ' || s.given_kana
    WHEN 'alias' THEN ''
    ELSE s.family_kana || ' ' || s.given_kana END
$$;

-- Sort key for 50音 order: the displayed reading, else the legal one.
CREATE FUNCTION staff_sort_kana(s staff) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s.name_display = 'former' AND s.former_family_kana IS NOT NULL
    THEN s.former_family_kana || ' ' || s.given_kana
    ELSE s.family_kana || ' ' || s.given_kana END
$$;

GRANT EXECUTE ON FUNCTION staff_display_kana(staff), staff_sort_kana(staff) TO tms_app;
