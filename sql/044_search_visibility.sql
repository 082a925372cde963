-- 044_search_visibility.sql: searches match and order people only by what
-- the viewer can read. Behind a 旧姓 or 通称 the legal name and its reading
-- are sensitive (self and hr by default); a search that matched them, or a
-- 50音 order by the legal reading, confirmed a hidden name to anyone who
-- typed it (with a unit filter, one character at a time).
--
-- * shown_key: the search key of what every reader of basic sees: the name
--   and reading shown, the 通称, the 旧姓 and its reading.
-- * hidden_key: the legal name and reading where they are not shown (behind
--   a 旧姓 or 通称; empty otherwise). Searches match it only where the viewer
--   may read sensitive for that person (relation masks, cgi/stmts.c). The
--   two replace kana_key, name_key and former_key (sql/002).
-- * sort_kana (sql/011) is the reading shown, else the name shown, for every
--   viewer; staff_sort_kana() returns it, so every list in 50音 order
--   (directory, surveys, duties, analytics) follows what is on the screen.
-- * A 旧姓 without a recorded reading shows no reading, like a 通称 (sql/007
--   showed the legal family reading beside the 旧姓).
-- Its functions are defined once, in their current form, in
-- sql/functions/staff.sql.

ALTER TABLE staff DROP COLUMN sort_kana,	-- and their indexes
  DROP COLUMN kana_key, DROP COLUMN name_key, DROP COLUMN former_key;
ALTER TABLE staff
  ADD COLUMN sort_kana text GENERATED ALWAYS AS (
    CASE name_display
      WHEN 'legal' THEN family_kana || ' ' || given_kana
      WHEN 'former' THEN coalesce(former_family_kana || ' ' || given_kana, former_family_name || ' ' || given_name)
      ELSE alias_name END) STORED,
  ADD COLUMN shown_key text GENERATED ALWAYS AS (tms_search_key(
    CASE name_display
      WHEN 'legal' THEN family_name || given_name || ' ' || family_kana || given_kana
      WHEN 'former' THEN former_family_name || given_name || ' ' || coalesce(former_family_kana || given_kana, '')
      ELSE '' END
    || ' ' || coalesce(alias_name, '') || ' ' || coalesce(former_family_name, '')
    || coalesce(former_family_kana, ''))) STORED,
  ADD COLUMN hidden_key text GENERATED ALWAYS AS (CASE WHEN name_display <> 'legal'
    THEN tms_search_key(family_name || given_name || ' ' || family_kana || given_kana) ELSE '' END) STORED;
CREATE INDEX staff_sort_kana_idx ON staff ((sort_kana COLLATE "ja-x-icu"), id);
CREATE INDEX staff_shown_trgm_idx ON staff USING gin (shown_key gin_trgm_ops);
CREATE INDEX staff_hidden_trgm_idx ON staff USING gin (hidden_key gin_trgm_ops);

-- cached reads (sql/009) from before this change are not served again
UPDATE data_version SET v = v + 1;
ANALYZE staff;
