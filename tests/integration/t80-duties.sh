#!/bin/bash
# t80-duties.sh: the duty register (事務分掌). A duty follows its unit
# through a merger with its assignments and history; workload sums agree
# with an independent query; the risk views find crafted cases; the policy
# decides who may create, assign, add tasks and update progress (an
# assignee only their own tasks), and JSON and CSV obey it too.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
q() { "${PSQL[@]}" -c "$1"; }
sid() { q "SELECT id FROM staff WHERE staff_no = '$1'"; }
TODAY=$(date +%F)

# accounts: the demo ones plus the unit head (D0004), same unit (D0005) and
# another 部 (D0006). A staff member has one account: reuse the login an
# earlier suite (t50) gave them, else make one; useradd resets the password.
pw="duties-test-password-1"
declare -A L
for v in sup:D0004 same:D0005 col:D0006; do
	l=$(q "SELECT a.login FROM account a JOIN staff s ON s.id = a.staff_id WHERE s.staff_no = '${v##*:}'")
	L[${v%%:*}]=${l:-t80${v%%:*}}
	echo "$pw" | "$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml" useradd "${L[${v%%:*}]}" general "試験 ${v%%:*}" "${v##*:}" >/dev/null
done
read -r slogin spw < <(account general)
read -r hlogin hpw < <(account hr)
eq "hr logs in" "$(login "$TMP/hr.jar" "$hlogin" "$hpw")" 303
eq "staff (D0002) logs in" "$(login "$TMP/staff.jar" "$slogin" "$spw")" 303
for a in sup same col; do eq "$a (${L[$a]}) logs in" "$(login "$TMP/d$a.jar" "${L[$a]}" "$pw")" 303; done
csrf() { "${C[@]}" -b "$TMP/$1.jar" -o "$TMP/f.html" "$TMS_URL/tasks"; csrf_from "$TMP/f.html"; }
post() { # post WHO PATH FIELDS...: prints the status
	local who=$1 p=$2 t; shift 2; t=$(csrf "$who")
	local args=(); for f in "$@"; do args+=(--data-urlencode "$f"); done
	code POST "$p" -b "$TMP/$who.jar" --data-urlencode "csrf=$t" "${args[@]}"
}

# ---------------------------------------------------------------- reorganisation
q "DELETE FROM duty WHERE name LIKE 'T80%';
   DELETE FROM org_unit_succession WHERE from_unit IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM org_unit_version WHERE unit_id IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM appointment WHERE unit_id IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM org_unit WHERE code LIKE 'T80%';
   DELETE FROM staff WHERE staff_no LIKE 'T80%';
   INSERT INTO org_unit (code) VALUES ('T80A'), ('T80B');
   INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
     SELECT id, daterange('2018-04-01', '2020-04-01'), 'T80旧統計課', '課', NULL, 9990 FROM org_unit WHERE code = 'T80A';
   INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
     SELECT id, daterange('2018-04-01', NULL), 'T80企画統計課', '課', NULL, 9991 FROM org_unit WHERE code = 'T80B';" >/dev/null
DR=$(q "SELECT duty_create('T80A', 'T80統計調査事務', '統計法', '', '法定受託事務', 1.0, '2018-04-01', NULL, '実施中')")
q "SELECT duty_assign($DR, 'D0005', '主担当', 0.5, '2018-04-01', NULL)" >/dev/null
q "INSERT INTO org_unit_succession (from_unit, to_unit, on_date, kind)
   SELECT a.id, b.id, '2020-04-01', '統合' FROM org_unit a, org_unit b WHERE a.code = 'T80A' AND b.code = 'T80B'" >/dev/null
eq "the merger moved the duty: two unit spans" \
	"$(q "SELECT string_agg(u.code || ':' || lower(d.valid) || '-' || coalesce(upper(d.valid)::text, ''), ' ' ORDER BY lower(d.valid)) FROM duty_unit d JOIN org_unit u ON u.id = d.unit_id WHERE duty_id = $DR")" \
	"T80A:2018-04-01-2020-04-01 T80B:2020-04-01-"
"${C[@]}" -b "$TMP/hr.jar" -o "$TMP/old.json" "$TMS_URL/api/duties?unit=T80A&asof=2019-06-01"
contains "register of the old unit in 2019 lists the duty" "$(cat "$TMP/old.json")" "T80統計調査事務"
"${C[@]}" -b "$TMP/hr.jar" -o "$TMP/new.json" "$TMS_URL/api/duties?unit=T80B&asof=2021-06-01"
contains "register of the successor in 2021 lists it" "$(cat "$TMP/new.json")" "T80統計調査事務"
eq "register of the successor in 2019 answers" "$(code GET "/api/duties?unit=T80B&asof=2019-06-01" -b "$TMP/hr.jar")" 200
lacks "successor in 2019 does not list it yet" "$(cat "$TMP/body")" '"code":"T80B"' "T80統計調査事務"
d5name=$(q "SELECT staff_display_name(s) FROM staff s WHERE staff_no = 'D0005'")
contains "the assignment carries over the merger (主担当 in 2021)" "$(cat "$TMP/new.json")" "$d5name"
"${C[@]}" -b "$TMP/hr.jar" -o "$TMP/d.html" "$TMS_URL/duties/$DR"
contains "duty page: history names the old unit" "$(cat "$TMP/d.html")" "T80旧統計課"
contains "duty page: history names the successor" "$(cat "$TMP/d.html")" "T80企画統計課"
"${C[@]}" -b "$TMP/dsame.jar" -o "$TMP/me.json" "$TMS_URL/api/staff/$(sid D0005)"
contains "the assignee's profile lists the duty in 担当業務の履歴 (JSON)" "$(cat "$TMP/me.json")" "T80統計調査事務"

# ---------------------------------------------------------------- workload
"${C[@]}" -b "$TMP/hr.jar" -o "$TMP/w.html" "$TMS_URL/duties/workload?unit=2010"
page=$(grep -o 'class="wl-total">[0-9.]*<' "$TMP/w.html" | grep -o '[0-9.]*' | awk '{ s += $1 } END { printf "%.2f", s }')
rows=$(grep -c 'class="wl-total">' "$TMP/w.html")
want=$(q "WITH RECURSIVE sub AS (SELECT id FROM org_unit WHERE code = '2010'
            UNION SELECT v.unit_id FROM org_unit_version v JOIN sub ON v.parent_id = sub.id WHERE v.valid @> CURRENT_DATE),
          people AS (SELECT DISTINCT a.staff_id FROM appointment a JOIN staff s ON s.id = a.staff_id
            WHERE a.is_main AND a.valid @> CURRENT_DATE AND a.unit_id IN (SELECT id FROM sub)
            AND s.hire_date <= CURRENT_DATE AND (s.retire_date IS NULL OR s.retire_date >= CURRENT_DATE))
          SELECT to_char(coalesce(sum(d.share), 0), 'FM999990.00') || ' ' || (SELECT count(*) FROM people)
          FROM duty_assignment d WHERE d.valid @> CURRENT_DATE AND d.staff_id IN (SELECT staff_id FROM people)")
eq "workload page: sum of shares and headcount of 市民課 agree with SQL" "$page $rows" "$want"
over=$(q "SELECT count(*) FROM (SELECT d.staff_id FROM duty_assignment d JOIN appointment a ON a.staff_id = d.staff_id AND a.is_main AND a.valid @> CURRENT_DATE
          WHERE d.valid @> CURRENT_DATE AND a.unit_id IN (SELECT id FROM org_unit WHERE code LIKE '2010%') GROUP BY d.staff_id HAVING sum(d.share) > 1) x")
eq "workload page: over-allocated rows as in SQL" "$(grep -c 'class="wl-over"' "$TMP/w.html")" "$over"

# ---------------------------------------------------------------- risks
q "INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana, birth_date, gender, employment_type, hire_date, retire_date)
   VALUES ('T80R', '退職', '予定', 'タイショク', 'ヨテイ', '1966-05-01', 'male', 'regular', '2000-04-01', CURRENT_DATE + 60),
          ('T80S', '残留', '職員', 'ザンリュウ', 'ショクイン', '1990-05-01', 'female', 'regular', '2015-04-01', NULL);
   INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, is_main)
   SELECT s.id, '異動', daterange('2020-04-01', NULL), u.id, (SELECT code FROM position WHERE NOT is_head ORDER BY rank LIMIT 1), true
   FROM staff s, org_unit u WHERE s.staff_no IN ('T80R', 'T80S') AND u.code = 'T80B'" >/dev/null
DN=$(q "SELECT duty_create('T80B', 'T80主担当なし事務', '', '', '自治事務', 0.5, '2020-04-01', NULL, '実施中')")
q "SELECT duty_assign($DN, 'T80S', '副担当', 0.2, '2020-04-01', NULL)" >/dev/null
DL=$(q "SELECT duty_create('T80B', 'T80属人化事務', '', '', '自治事務', 0.5, '2020-04-01', NULL, '実施中')")
q "SELECT duty_assign($DL, 'T80R', '主担当', 0.5, '2020-04-01', NULL)" >/dev/null
eq "risk page answers hr" "$(code GET "/duties/risks?unit=T80B" -b "$TMP/hr.jar")" 200
cp "$TMP/body" "$TMP/r.html"
contains "risk: a duty with only a 副担当 is listed as without 主担当" "$(sed -n '/h-nomain/,/h-leaving/p' "$TMP/r.html")" "T80主担当なし事務"
lacks "risk: a duty with a 主担当 is not listed" "$(sed -n '/h-nomain/,/h-leaving/p' "$TMP/r.html")" "T80主担当なし事務" "T80属人化事務"
contains "risk: the only experienced person retires (hr)" "$(sed -n '/h-leaving/,$p' "$TMP/r.html")" "T80属人化事務"
contains "risk: says who and why" "$(sed -n '/h-leaving/,$p' "$TMP/r.html")" "退職予定"
eq "risk page answers a general user" "$(code GET "/duties/risks?unit=T80B" -b "$TMP/dcol.jar")" 200
lacks "risk: a general user is not shown planned departures" "$(sed -n '/h-leaving/,$p' "$TMP/body")" \
	"発令予定（将来の異動）は人事担当のみ閲覧できる" "T80属人化事務" "（退職予定"
# a past assignee still in service is experience that stays: no longer a risk
q "SELECT duty_assign($DL, 'T80S', '副担当', 0.2, '2021-04-01', '2022-03-31')" >/dev/null
eq "risk page answers hr again" "$(code GET "/duties/risks?unit=T80B" -b "$TMP/hr.jar")" 200
lacks "risk: a past assignee who stays removes the risk" "$(sed -n '/h-leaving/,$p' "$TMP/body")" \
	"在職中の経験者（現在・過去の担当者）全員が" "T80属人化事務"

# ---------------------------------------------------------------- policy
eq "colleague (other 部) cannot create a duty in 住民記録係" \
	"$(post dcol /duties/new unit=201020 'name=T80権限試験' category=自治事務 workload=0.5 start_date=$TODAY status=実施中)" 403
eq "unit head (課長 D0004) creates a duty in 住民記録係" \
	"$(post dsup /duties/new unit=201020 'name=T80権限試験' 'legal_basis=試験法' category=自治事務 workload=0.5 start_date=$TODAY status=実施中)" 303
DP=$(q "SELECT max(id) FROM duty WHERE name = 'T80権限試験'")
check "the duty exists ($DP)" test -n "$DP"
eq "validation: a bad workload is refused with 400" \
	"$(post dsup /duties/new unit=201020 'name=T80不正' category=自治事務 workload=abc start_date=$TODAY status=実施中)" 400
contains "validation: the message names the field" "$(cat "$TMP/body")" "業務量（人年）"
eq "colleague cannot assign staff" "$(post dcol /duties/$DP/assign staff=D0002 role=主担当 share=0.5 from=$TODAY)" 403
eq "hr assigns D0002 as 主担当" "$(post hr /duties/$DP/assign staff=D0002 role=主担当 share=0.5 from=$TODAY)" 303
eq "unit head assigns D0005 as 副担当" "$(post dsup /duties/$DP/assign staff=D0005 role=副担当 share=0.25 from=$TODAY)" 303
eq "a share above 1 is refused" "$(post dsup /duties/$DP/assign staff=D0007 role=副担当 share=1.5 from=$TODAY)" 400
eq "the same person twice in one period is refused" "$(post dsup /duties/$DP/assign staff=D0005 role=副担当 share=0.25 from=$TODAY)" 400
eq "unit head adds a task for D0002" "$(post dsup /duties/$DP/tasks 'title=T80タスク太郎' start_date=$TODAY due_date=$TODAY progress=0 status=未着手 assignee=D0002)" 303
eq "unit head adds a task for D0005" "$(post dsup /duties/$DP/tasks 'title=T80タスク美咲' start_date=$TODAY due_date=$TODAY progress=0 status=未着手 assignee=D0005)" 303
eq "a task for someone not assigned to the duty is refused" "$(post dsup /duties/$DP/tasks 'title=T80他人' start_date=$TODAY due_date=$TODAY progress=0 status=未着手 assignee=D0006)" 400
T1=$(q "SELECT id FROM duty_task WHERE duty_id = $DP AND title = 'T80タスク太郎'")
T2=$(q "SELECT id FROM duty_task WHERE duty_id = $DP AND title = 'T80タスク美咲'")
eq "assignee (D0002) updates the progress of their own task" "$(post staff /tasks/$T1 progress=50 status=進行中 'notes=半分')" 303
eq "  and it is stored" "$(q "SELECT progress || status FROM duty_task WHERE id = $T1")" "50進行中"
eq "assignee cannot update a colleague's task" "$(post staff /tasks/$T2 progress=90 status=進行中 notes=)" 403
eq "  and it is unchanged" "$(q "SELECT progress FROM duty_task WHERE id = $T2")" "0"
eq "colleague (other 部) cannot update progress" "$(post dcol /tasks/$T1 progress=10 status=進行中 notes=)" 403
eq "same-unit member who is not an assignee cannot update D0002's task" "$(post dsame /tasks/$T1 progress=10 status=進行中 notes=)" 403
eq "unit head updates any task of the unit" "$(post dsup /tasks/$T2 progress=100 status=完了 notes=)" 303
eq "完了 needs 100%" "$(post staff /tasks/$T1 progress=40 status=完了 notes=)" 400
eq "assignee cannot edit the duty itself" "$(post staff /duties/$DP/edit 'name=T80改名' category=自治事務 workload=0.5 start_date=$TODAY status=実施中)" 403
eq "unit head edits the duty" "$(post dsup /duties/$DP/edit 'name=T80権限試験' 'legal_basis=試験法第2条' category=自治事務 workload=0.8 start_date=$TODAY status=実施中)" 303
eq "  and it is stored" "$(q "SELECT workload || legal_basis FROM duty WHERE id = $DP")" "0.80試験法第2条"
n=$(q "SELECT count(*) FROM audit_log WHERE target = 'duties' AND action = 'deny'")
check "denials are audited ($n)" test "$n" -ge 5
"${C[@]}" -b "$TMP/staff.jar" -o "$TMP/t.html" "$TMS_URL/tasks"
contains "my tasks lists the assignee's task" "$(cat "$TMP/t.html")" "T80タスク太郎"
contains "my tasks marks a task due today as due soon" "$(cat "$TMP/t.html")" "期限間近"

# ---------------------------------------------------------------- JSON and CSV under a stricter policy
"${C[@]}" -b "$TMP/dcol.jar" -o "$TMP/c.json" "$TMS_URL/api/duties?unit=201020"
contains "default policy: a colleague reads another unit's register (JSON)" "$(cat "$TMP/c.json")" "T80権限試験"
"${C[@]}" -b "$TMP/hr.jar" -D "$TMP/h.txt" -o "$TMP/e.csv" "$TMS_URL/duties/export?kind=assignments&unit=201020"
eq "CSV starts with a UTF-8 BOM" "$(head -c 3 "$TMP/e.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
contains "CSV header row in Japanese" "$(head -1 "$TMP/e.csv")" '"所属コード","所属名","業務ID","業務名","職員番号","氏名","担当区分","従事割合","開始日","終了日"'
contains "CSV has the assignment" "$(cat "$TMP/e.csv")" '"D0002"'
contains "CSV is sent as a download" "$(cat "$TMP/h.txt")" "attachment"
n=$(q "SELECT count(*) FROM audit_log WHERE action = 'export' AND target = 'duties'")
check "exports are audited ($n)" test "$n" -ge 1
cp "$TMS_VAR/etc/policy.yaml" "$TMP/policy.yaml"
sed -i -e '/^  general:/,/^  hr:/{/^    colleague:/,/^  hr:/{/^      duties: read/d}}' "$TMS_VAR/etc/policy.yaml"
check "policy without colleague duties loaded on SIGHUP" reload_all
eq "strict: colleague's JSON register is refused" "$(code GET "/api/duties?unit=201020" -b "$TMP/dcol.jar")" 403
eq "strict: colleague's CSV export answers" "$(code GET "/duties/export?unit=201020" -b "$TMP/dcol.jar")" 200
lacks "strict: colleague's CSV has no rows of the unit" "$(cat "$TMP/body")" "業務量（人年）" "T80権限試験"
eq "strict: colleague cannot open the duty page" "$(code GET "/duties/$DP" -b "$TMP/dcol.jar")" 403
eq "strict: colleague's profile JSON answers" "$(code GET "/api/staff/$(sid D0002)" -b "$TMP/dcol.jar")" 200
lacks "strict: colleague's profile JSON has no duty history" "$(cat "$TMP/body")" '"no":"D0002"' '"duties"'
"${C[@]}" -b "$TMP/dsame.jar" -o "$TMP/s.json" "$TMS_URL/api/duties?unit=201020"
contains "strict: a member of the unit still reads it" "$(cat "$TMP/s.json")" "T80権限試験"
cp "$TMP/policy.yaml" "$TMS_VAR/etc/policy.yaml"
check "default policy back on SIGHUP" reload_all

# leave the demo as it was: the test duties, units and people go
q "DELETE FROM duty WHERE name LIKE 'T80%';
   DELETE FROM org_unit_succession WHERE from_unit IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM appointment WHERE unit_id IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM org_unit_version WHERE unit_id IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM duty_unit WHERE unit_id IN (SELECT id FROM org_unit WHERE code LIKE 'T80%');
   DELETE FROM org_unit WHERE code LIKE 'T80%';
   DELETE FROM audit_log WHERE subject_staff_id IN (SELECT id FROM staff WHERE staff_no LIKE 'T80%');
   DELETE FROM staff WHERE staff_no LIKE 'T80%';" >/dev/null
finish
