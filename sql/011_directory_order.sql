-- 011_directory_order.sql: the directory's 50音 order as a stored column with
-- its own index, so a page of the directory is read in order and stops
-- after its rows, whatever the size of the city (no sort of every match).
-- The value is staff_sort_kana() (sql/007), kept by the database.

ALTER TABLE staff ADD COLUMN sort_kana text GENERATED ALWAYS AS (
  CASE WHEN name_display = 'former' AND former_family_kana IS NOT NULL
    THEN former_family_kana || ' ' || given_kana
    ELSE family_kana || ' ' || given_kana END) STORED;
CREATE INDEX staff_sort_kana_idx ON staff ((sort_kana COLLATE "ja-x-icu"), id);
DROP INDEX staff_kana_sort_idx;

-- a unit's people on a date (unit filter, org chart counts)
CREATE INDEX appointment_unit_valid_idx ON appointment USING gist (unit_id, valid);
ANALYZE staff;
ANALYZE appointment;
