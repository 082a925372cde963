#!/bin/bash
# t99-facts.sh: the derived tables of the analytics figures (sql/041, 043:
# ana_span, ana_eval and its cube, ana_train, ana_skill_area, ana_qual) equal
# their definitions. Runs last, so first after every change the other tests
# made through the screens, imports and reorganisations; then after each
# kind of direct change to the tables they come from (in a transaction that
# is rolled back, so the demo city is left as it was), with a figure that
# must move with the change.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)

eq "derived tables equal their definitions after the other tests' changes" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM ana_facts_diff()")" 0

# Each step prints "label|differences|figure"; the figure is the one that
# the step must change (or keep).
out=$("${PSQL[@]}" 2>&1 <<'SQL'
BEGIN;
CREATE TEMP VIEW diffs AS SELECT count(*) AS n FROM ana_facts_diff();
CREATE TEMP VIEW head AS SELECT val FROM ana_page(CURRENT_DATE, '', 'units') WHERE rkey = (
  SELECT u.code FROM ana_buckets(CURRENT_DATE, '') u ORDER BY u.ord LIMIT 1);
CREATE TEMP TABLE x AS   -- someone in service now, in the first top unit, with an earlier main post
  SELECT a.staff_id AS id, a.id AS aid FROM appointment a
  JOIN ana_units(CURRENT_DATE, '') u ON u.unit_id = a.unit_id
  WHERE a.is_main AND a.valid @> CURRENT_DATE
    AND u.bucket = (SELECT b.bucket FROM ana_buckets(CURRENT_DATE, '') b ORDER BY b.ord LIMIT 1)
    AND (SELECT count(*) FROM appointment p WHERE p.staff_id = a.staff_id AND p.is_main) > 1
  ORDER BY a.staff_id LIMIT 1;
SELECT 'start', n, (SELECT val FROM head) FROM diffs;

UPDATE staff SET retire_date = CURRENT_DATE - 1 WHERE id = (SELECT id FROM x);
SELECT 'retired', n, (SELECT val FROM head) FROM diffs;
UPDATE staff SET retire_date = NULL WHERE id = (SELECT id FROM x);
SELECT 'back', n, (SELECT val FROM head) FROM diffs;

UPDATE staff SET birth_date = birth_date - 400, gender = 'other' WHERE id = (SELECT id FROM x);
SELECT 'birth and gender', n, (SELECT count(*) FROM ana_span s JOIN staff t ON t.id = s.staff_id
  WHERE s.staff_id = (SELECT id FROM x) AND s.gender = t.gender AND s.birth_date = t.birth_date) > 0 FROM diffs;

UPDATE appointment SET valid = daterange(lower(valid), CURRENT_DATE - 30) WHERE id = (SELECT aid FROM x);
SELECT 'post cut short', n, (SELECT val FROM head) FROM diffs;
DELETE FROM appointment WHERE staff_id = (SELECT id FROM x) AND is_main AND lower(valid) > CURRENT_DATE - 30;
INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, is_main)
  SELECT a.staff_id, '異動', daterange(CURRENT_DATE - 30, NULL), a.unit_id, a.position_code, true
  FROM appointment a WHERE a.id = (SELECT aid FROM x);
SELECT 'same unit again', n, (SELECT post_from < CURRENT_DATE - 30 FROM ana_span WHERE staff_id = (SELECT id FROM x)
  AND lo <= CURRENT_DATE AND hi > CURRENT_DATE) FROM diffs;

-- last fiscal year's grade, counted in the cube under the unit at its end
CREATE TEMP VIEW cube AS SELECT coalesce(sum(n), 0) AS n FROM ana_eval_cube
  WHERE fiscal_year = fiscal_year(CURRENT_DATE) - 1 AND kind = '能力評価';
DELETE FROM evaluation WHERE staff_id = (SELECT id FROM x) AND fiscal_year = fiscal_year(CURRENT_DATE) - 1;
CREATE TEMP TABLE c0 AS SELECT n FROM cube;
INSERT INTO evaluation (staff_id, fiscal_year, period, kind, grade)
  SELECT id, fiscal_year(CURRENT_DATE) - 1, '年間', '能力評価', 'S' FROM x;
SELECT 'grade added', n, (SELECT cube.n - c0.n FROM cube, c0) FROM diffs;
UPDATE evaluation SET grade = 'D' WHERE staff_id = (SELECT id FROM x) AND fiscal_year = fiscal_year(CURRENT_DATE) - 1;
SELECT 'grade changed', n, (SELECT DISTINCT grade FROM ana_eval WHERE staff_id = (SELECT id FROM x)
  AND fiscal_year = fiscal_year(CURRENT_DATE) - 1 AND kind = '能力評価') FROM diffs;
DELETE FROM evaluation WHERE staff_id = (SELECT id FROM x) AND fiscal_year = fiscal_year(CURRENT_DATE) - 1;
SELECT 'grade removed', n, (SELECT cube.n - c0.n FROM cube, c0) FROM diffs;

INSERT INTO training_record (staff_id, course_code, start_date, end_date, hours, result)
  SELECT id, (SELECT code FROM training_course ORDER BY code LIMIT 1), CURRENT_DATE + 10, CURRENT_DATE + 10, 2.5, '受講中' FROM x;
SELECT 'future training', n, (SELECT bool_and(last_start > CURRENT_DATE) FROM ana_train WHERE staff_id = (SELECT id FROM x)
  AND fiscal_year = fiscal_year(CURRENT_DATE)) FROM diffs;

INSERT INTO staff_qualification (staff_id, qualification_code, acquired_on)
  SELECT id, (SELECT code FROM qualification ORDER BY code LIMIT 1), DATE '2001-01-01' FROM x
  UNION ALL
  SELECT id, (SELECT code FROM qualification ORDER BY code LIMIT 1), DATE '2002-01-01' FROM x;
SELECT 'qualification twice', n, (SELECT count(*) FROM ana_qual WHERE staff_id = (SELECT id FROM x)
  AND code = (SELECT code FROM qualification ORDER BY code LIMIT 1) AND lo <= CURRENT_DATE AND hi > CURRENT_DATE) FROM diffs;

UPDATE skill SET parent_code = (SELECT code FROM skill WHERE parent_code IS NULL ORDER BY code DESC LIMIT 1)
  WHERE code = (SELECT skill_code FROM staff_skill ss JOIN skill k ON k.code = ss.skill_code
                WHERE k.parent_code IS NOT NULL AND ss.level >= 3 ORDER BY ss.id LIMIT 1);
SELECT 'skill moved to another area', n, NULL FROM diffs;

DELETE FROM staff WHERE id = (SELECT s.id FROM staff s WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE s.id IN (l.subject_staff_id, l.actor_staff_id))
  AND NOT EXISTS (SELECT 1 FROM wish_comment c WHERE c.author_staff_id = s.id)
  AND EXISTS (SELECT 1 FROM evaluation e WHERE e.staff_id = s.id)
  AND EXISTS (SELECT 1 FROM training_record r WHERE r.staff_id = s.id) ORDER BY s.id LIMIT 1);
SELECT 'person deleted', n, NULL FROM diffs;
TRUNCATE training_record;
SELECT 'training truncated', n, (SELECT count(*) FROM ana_train) FROM diffs;

-- a whole rebuild (sql/043) drops the indexes and builds them again
CREATE TEMP VIEW idx AS SELECT pg_get_indexdef(i.indexrelid) AS d FROM pg_index i
  JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname LIKE 'ana\_%';
CREATE TEMP TABLE idx0 AS SELECT * FROM idx;
SELECT ana_refresh('ana_span', NULL);
SELECT 'rebuilt', n, (SELECT count(*) FROM ((SELECT d FROM idx0 EXCEPT SELECT d FROM idx)
  UNION ALL (SELECT d FROM idx EXCEPT SELECT d FROM idx0)) z) || '/' || (SELECT count(*) FROM idx0) FROM diffs;
ROLLBACK;
SQL
)
step() { printf '%s\n' "$out" | awk -F'|' -v s="$1" '$1 == s { print $2 "|" $3 }'; }
h0=$(step start | cut -d'|' -f2)
eq "no difference at the start" "$(step start | cut -d'|' -f1)" 0
eq "retirement: rows rewritten, the unit counts one fewer" "$(step retired)" "0|$((h0 - 1))"
eq "retirement undone: counted again" "$(step back)" "0|$h0"
eq "birth date and gender carried" "$(step 'birth and gender')" "0|t"
eq "a post cut short: counted no longer" "$(step 'post cut short')" "0|$((h0 - 1))"
eq "a new main post in the same unit continues the post" "$(step 'same unit again')" "0|t"
eq "a grade added moves the cube" "$(step 'grade added')" "0|1"
eq "a grade changed" "$(step 'grade changed')" "0|D"
eq "a grade removed leaves the cube" "$(step 'grade removed')" "0|0"
eq "training still to come is kept apart" "$(step 'future training')" "0|t"
eq "a renewed qualification is one holding" "$(step 'qualification twice')" "0|1"
eq "a skill moved to another area moves its holders" "$(step 'skill moved to another area')" "0|"
eq "a deleted person leaves every derived table" "$(step 'person deleted')" "0|"
eq "a truncated table empties its derived one" "$(step 'training truncated')" "0|0"
nidx=$("${PSQL[@]}" -c "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname LIKE 'ana\_%'")
eq "a whole rebuild keeps every index of the derived tables" "$(step rebuilt)" "0|0/$nidx"
[ -n "$h0" ] || nok "the steps ran" "$out"
finish
