-- 028_import_duties.sql: duties (事務分掌) and their assignments as import
-- kinds (issue 4), in the format of the duties screens' CSV export (issue 6):
--   duties:           所属コード, 所属名, 業務ID, 業務名, 根拠法令, 業務内容, 区分,
--                     業務量（人年）, 開始日, 終了日, 状態
--   duty_assignments: 所属コード, 所属名, 業務ID, 業務名, 職員番号, 氏名, 担当区分,
--                     従事割合, 開始日, 終了日
-- Same engine as sql/020: staging, set-based checks naming line, column,
-- value and reason, natural-key matching, all-or-nothing.
--
-- duties: a row with a 業務ID updates that duty (an unknown ID is an error);
-- a row without one is a new duty, in the unit its 所属コード names on its
-- start date, unless a duty with the same name, start date and starting unit
-- is stored (then it is that duty, so the same file twice changes nothing).
-- A duty keeps its unit history: the 所属コード of a stored duty must be one
-- of the units it has belonged to (a transfer, 移管, has a date the file does
-- not carry, so it is done on the duty's screen). 所属名 is informational.
-- --sync is refused for duties (abolishing is 状態 廃止 or the screen).
--
-- duty_assignments: matched by 業務ID + 職員番号 + 開始日; 担当区分, 従事割合
-- and 終了日 are updated. --sync deletes the assignments of the duties the
-- file names that the file does not list. 所属コード, 所属名, 業務名 and 氏名
-- are informational.
-- Its functions are defined once, in their current form, in
-- sql/functions/import.sql.

CREATE TABLE import_stage_duties (line int, unit_code text, unit_name text, duty_id text,
    name text, legal_basis text, description text, category text, workload text,
    start_date text, end_date text, status text);
CREATE TABLE import_stage_duty_assignments (line int, unit_code text, unit_name text,
    duty_id text, duty_name text, staff_no text, staff_name text, role text, share text,
    start_date text, end_date text);

ALTER TABLE import_history DROP CONSTRAINT import_history_kind_check;
ALTER TABLE import_history ADD CONSTRAINT import_history_kind_check CHECK (kind IN ('staff',
    'units', 'appointments', 'qualifications', 'training', 'evaluations', 'skills',
    'duties', 'duty_assignments'));

GRANT SELECT ON import_stage_duties, import_stage_duty_assignments TO tms_app;
