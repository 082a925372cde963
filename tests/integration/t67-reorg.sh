#!/bin/bash
# t67-reorg.sh: reorganisations and corrections of registered 発令 through
# the HR screens (/admin/org, /staff/:id/appointments/:aid). The test builds
# its own small 部 (codes T<run>...) with two people, so the demo city's
# fixtures are untouched and the test can run again on the same database.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
read -r hlogin hpw < <(account hr)
read -r slogin spw < <(account general)
H=$TMP/hr.jar S=$TMP/staff.jar
eq "hr logs in" "$(login "$H" "$hlogin" "$hpw")" 303
eq "staff logs in" "$(login "$S" "$slogin" "$spw")" 303

# a test 部 with two 課 and a 係, and one person in each 課
T=T$(( $(date +%s) % 1000000 ))
"${PSQL[@]}" >/dev/null <<EOF
SELECT org_unit_create('${T}', '試験部', '部', NULL, 990, '2020-04-01');
SELECT org_unit_create('${T}10', '試験第一課', '課', '${T}', 1, '2020-04-01');
SELECT org_unit_create('${T}20', '試験第二課', '課', '${T}', 2, '2020-04-01');
SELECT org_unit_create('${T}2010', '試験係', '係', '${T}20', 1, '2020-04-01');
SELECT staff_hire('${T}A', '試験', '一郎', 'シケン', 'イチロウ', '1990-05-01', 'male', 'regular', '2020-04-01', '${T}20', 'shuji');
SELECT staff_hire('${T}B', '試験', '二子', 'シケン', 'ツギコ', '1991-06-01', 'female', 'regular', '2020-04-01', '${T}10', 'shuji');
EOF
p1=$("${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = '${T}A'")
p2=$("${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = '${T}B'")
unitof() { "${PSQL[@]}" -c "SELECT u.code FROM appointment a JOIN org_unit u ON u.id = a.unit_id
	WHERE a.staff_id = $1 AND a.is_main AND a.valid @> date '$2'"; }
parentof() { "${PSQL[@]}" -c "SELECT coalesce(p.code, '') FROM org_tree(date '$2') t
	LEFT JOIN org_unit p ON p.id = t.parent_id WHERE t.code = '$1'"; }
post() { # post JAR PATH FIELDS...: status; page in $TMP/body
	local jar=$1 path=$2; shift 2
	"${C[@]}" -b "$jar" -o "$TMP/form.html" "$TMS_URL/"
	local args=(--data-urlencode "csrf=$(csrf_from "$TMP/form.html")") f
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	"${C[@]}" -b "$jar" -o "$TMP/body" -w '%{http_code}' "${args[@]}" "$TMS_URL$path"
}

# access
eq "staff cannot open 組織の管理" "$(code GET /admin/org -b "$S")" 403
"${C[@]}" -b "$S" -o "$TMP/h.html" "$TMS_URL/"
eq "staff cannot change the organisation" "$("${C[@]}" -b "$S" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$(csrf_from "$TMP/h.html")" --data-urlencode "date=2030-04-01" \
	"$TMS_URL/admin/org/${T}20/abolish")" 403
eq "hr opens 組織の管理" "$(code GET /admin/org -b "$H")" 200
contains "the menu has 組織管理 for hr" "$(cat "$TMP/body")" 'href="/admin/org"'

# 新設: errors name the field; a used code is refused
eq "a bad code is refused" "$(post "$H" /admin/org code='T 9' name=x kind=課 parent=${T} sort_order=1 date=2030-04-01)" 400
contains "with the field and the reason" "$(cat "$TMP/body")" "所属コード: 半角英数字"
eq "an impossible date is refused" "$(post "$H" /admin/org code=${T}30 name=x kind=課 parent=${T} sort_order=1 date=H31.5.1)" 400
contains "with the era reason" "$(cat "$TMP/body")" "新設日"
eq "a used code is refused" "$(post "$H" /admin/org code=${T}10 name=x kind=課 parent=${T} sort_order=1 date=2030-04-01)" 400
contains "with the database's reason" "$(cat "$TMP/body")" "既に使われています"
eq "hr creates 試験第三課 from R12.4.1" "$(post "$H" /admin/org code=${T}30 name=試験第三課 kind=課 parent=${T} sort_order=3 date=R12.4.1)" 303
eq "it is in the tree from 2030-04-01" "$(parentof ${T}30 2030-04-01)" "${T}"
eq "and not the day before" "$(parentof ${T}30 2030-03-31)" ""

# 統合: 試験第二課 into 試験第一課 on 2030-04-01
eq "hr merges 試験第二課 into 試験第一課" "$(post "$H" /admin/org/${T}10/merge date=2030-04-01 from1=${T}20)" 303
eq "試験第二課 is gone on 2030-04-01" "$("${PSQL[@]}" -c "SELECT count(*) FROM org_tree(date '2030-04-01') WHERE code = '${T}20'")" 0
eq "but is there the day before" "$(parentof ${T}20 2030-03-31)" "${T}"
eq "its 係 moved under 試験第一課" "$(parentof ${T}2010 2030-04-01)" "${T}10"
eq "its person moved by 配置換 on that day" "$(unitof "$p1" 2030-04-01)" "${T}10"
eq "and was in 試験第二課 before" "$(unitof "$p1" 2030-03-31)" "${T}20"
eq "the 配置換 is recorded as such" "$("${PSQL[@]}" -c "SELECT kind FROM appointment WHERE staff_id = $p1 AND lower(valid) = date '2030-04-01'")" "配置換"
eq "the succession is recorded" "$("${PSQL[@]}" -c "SELECT s.kind FROM org_unit_succession s JOIN org_unit f ON f.id = s.from_unit WHERE f.code = '${T}20'")" "統合"
"${C[@]}" -b "$H" -o "$TMP/u.html" "$TMS_URL/admin/org/${T}10?asof=2030-04-01"
contains "the unit page shows the merger" "$(cat "$TMP/u.html")" "統合"
contains "hr's org chart of 2030 shows the 係 under 試験第一課" "$("${C[@]}" -b "$H" "$TMS_URL/org?asof=2030-04-01")" "試験係"

# 改称 and refusals
eq "hr renames 試験第一課 from 2031-04-01" "$(post "$H" /admin/org/${T}10/change date=2031-04-01 name=試験総務課 kind=課 parent=${T} sort_order=1)" 303
eq "two names, each in its time" "$("${PSQL[@]}" -c "SELECT string_agg(name, ',' ORDER BY lower(valid)) FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id WHERE u.code = '${T}10'")" "試験第一課,試験総務課"
eq "a unit cannot go under its own 係" "$(post "$H" /admin/org/${T}10/change date=2031-04-01 name=試験総務課 kind=課 parent=${T}2010 sort_order=1)" 400
contains "with the reason" "$(cat "$TMP/body")" "下位の所属の下に置くことはできません"
eq "abolishing a 部 with units is refused" "$(post "$H" /admin/org/${T}/abolish date=2032-04-01)" 400
contains "with the count" "$(cat "$TMP/body")" "下位の所属が"
eq "abolishing a unit with people is refused" "$(post "$H" /admin/org/${T}10/abolish date=2032-04-01)" 400
contains "with how many" "$(cat "$TMP/body")" "2 人の発令があります"
eq "an empty unit is abolished" "$(post "$H" /admin/org/${T}30/abolish date=2032-04-01)" 303
eq "and gone from that day" "$(parentof ${T}30 2032-04-01)" ""
eq "every change is in the audit log" "$("${PSQL[@]}" -c "SELECT count(*) FROM audit_log WHERE target = 'org_unit' AND result = 'ok' AND detail::text LIKE '%${T}%'")" 4

# 発令の修正・取消 for the second person (in 試験第一課 since 2020)
"${C[@]}" -b "$H" -o "$TMP/e.html" "$TMS_URL/staff/$p2/edit"
job=$("${PSQL[@]}" -c "SELECT code FROM job_type ORDER BY sort_order LIMIT 1")
grade=$("${PSQL[@]}" -c "SELECT code FROM grade ORDER BY rank LIMIT 1")
contains "the 発令 form offers 職種 and 級" "$(cat "$TMP/e.html")" 'id="a-grade"'

eq "hr registers a 異動 on 2029-04-01" "$("${C[@]}" -b "$H" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$(csrf_from "$TMP/e.html")" --data-urlencode "kind=異動" --data-urlencode "date=2029-04-01" \
	--data-urlencode "unit=${T}2010" --data-urlencode "position=shuji" --data-urlencode "main=1" \
	--data-urlencode "job=$job" --data-urlencode "grade=$grade" \
	"$TMS_URL/staff/$p2/appointments")" 303
aid=$("${PSQL[@]}" -c "SELECT id FROM appointment WHERE staff_id = $p2 AND lower(valid) = date '2029-04-01'")
eq "with its 職種 and 級" "$("${PSQL[@]}" -c "SELECT job_type_code || ' ' || grade_code FROM appointment WHERE id = $aid")" "$job $grade"
contains "the edit page lists it for correction" "$("${C[@]}" -b "$H" "$TMS_URL/staff/$p2/edit")" "/staff/$p2/appointments/$aid"
eq "staff cannot open the correction form" "$(code GET "/staff/$p2/appointments/$aid" -b "$S")" 403
eq "hr corrects its remarks and position" "$(post "$H" "/staff/$p2/appointments/$aid" unit=${T}2010 position=shunin job= grade= end= remarks=内示訂正)" 303
eq "stored" "$("${PSQL[@]}" -c "SELECT position_code || ' ' || remarks FROM appointment WHERE id = $aid")" "shunin 内示訂正"
eq "a main 発令's end cannot be set by hand" "$(post "$H" "/staff/$p2/appointments/$aid" unit=${T}2010 position=shunin end=2029-12-31 remarks=)" 400
contains "with the reason" "$(cat "$TMP/body")" "本務の終了日は次の発令で決まります"
eq "cancel needs the confirmation box" "$(post "$H" "/staff/$p2/appointments/$aid/delete")" 400
contains "and says so" "$(cat "$TMP/body")" "確認欄にチェック"
eq "hr cancels it" "$(post "$H" "/staff/$p2/appointments/$aid/delete" confirm=1)" 303
eq "it is gone" "$("${PSQL[@]}" -c "SELECT count(*) FROM appointment WHERE id = $aid")" 0
eq "the post before runs on again (in 試験第一課 on 2029-04-01)" "$(unitof "$p2" 2029-04-01)" "${T}10"
hire=$("${PSQL[@]}" -c "SELECT id FROM appointment WHERE staff_id = $p2 AND kind = '採用'")
eq "the 採用 cannot be cancelled" "$(post "$H" "/staff/$p2/appointments/$hire/delete" confirm=1)" 400
contains "with the reason" "$(cat "$TMP/body")" "採用の発令は取り消せません"
eq "another person's appointment id is not found" "$(code GET "/staff/$p1/appointments/$hire" -b "$H")" 404
finish
