#!/bin/bash
# t50-policy.sh: the policy oracle. A marker value is placed in every field
# group of one staff member; each relation and role then looks at the
# profile (HTML and JSON) and searches the directory. A marker must appear
# exactly where the policy allows it. Then a stricter policy is loaded with
# SIGHUP and searching by a field the viewer cannot read must not find.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
sid() { "${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = '$1'"; }
S=$(sid D0002)
check "fixture staff D0002 exists" test -n "$S"

"${PSQL[@]}" >/dev/null <<SQL
UPDATE staff SET alias_name = 'MKBASIC通称', name_display = 'alias', email = 'mk-contact@example.jp',
  birth_date = '1991-02-13', self_intro = 'MKINTRO自己紹介',
  photo_sha256 = repeat('a', 64) WHERE id = $S;
INSERT INTO qualification (code, name, category) VALUES ('MKQ', 'MK試験資格', '試験') ON CONFLICT DO NOTHING;
INSERT INTO staff_qualification (staff_id, qualification_code, acquired_on, registration_no)
  VALUES ($S, 'MKQ', '2015-06-01', 'MKQUAL-001') ON CONFLICT DO NOTHING;
INSERT INTO training_course (code, name, category, hours) VALUES ('MKT', 'MKTRAIN研修', '試験', 3) ON CONFLICT DO NOTHING;
INSERT INTO training_record (staff_id, course_code, start_date, end_date, hours, result)
  VALUES ($S, 'MKT', '2020-07-01', '2020-07-01', 3, '修了') ON CONFLICT DO NOTHING;
INSERT INTO skill (code, name, sort_order) VALUES ('MKS', 'MK試験スキル', 999) ON CONFLICT DO NOTHING;
DELETE FROM staff_skill WHERE staff_id = $S AND skill_code = 'MKS';
INSERT INTO staff_skill (staff_id, skill_code, valid, level, evidence)
  VALUES ($S, 'MKS', daterange('2020-01-01', NULL), 4, 'MKSKILL根拠');
DELETE FROM evaluation WHERE staff_id = $S AND fiscal_year = 2023 AND period = '年間' AND kind = '能力評価';
INSERT INTO evaluation (staff_id, fiscal_year, period, kind, grade, score, evaluator_comment)
  VALUES ($S, 2023, '年間', '能力評価', 'A', 80, 'MKEVAL評価コメント');
INSERT INTO org_unit (code) VALUES ('MKU') ON CONFLICT DO NOTHING;
INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
  SELECT id, daterange('2018-04-01', '2019-04-01'), 'MK旧所属', '室', NULL, 9999 FROM org_unit WHERE code = 'MKU'
  ON CONFLICT DO NOTHING;
INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, is_main, remarks)
  SELECT $S, '兼務', daterange('2018-04-01', '2019-04-01'), u.id,
    (SELECT position_code FROM appointment WHERE staff_id = $S AND is_main ORDER BY lower(valid) DESC LIMIT 1),
    false, 'MKCAREER備考'
  FROM org_unit u WHERE u.code = 'MKU'
  AND NOT EXISTS (SELECT 1 FROM appointment WHERE staff_id = $S AND remarks = 'MKCAREER備考');
SQL

# The legal name behind the 通称 is sensitive: searching by it (alone, or
# in the person's unit) finds them only where sensitive may be read.
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g'; }
legal=$(enc "$("${PSQL[@]}" -c "SELECT family_name || given_name FROM staff WHERE id = $S")")
legalkana=$(enc "$("${PSQL[@]}" -c "SELECT family_kana FROM staff WHERE id = $S")")
unit=$("${PSQL[@]}" -c "SELECT u.code FROM appointment a JOIN org_unit u ON u.id = a.unit_id
	WHERE a.staff_id = $S AND a.is_main AND a.valid @> CURRENT_DATE")

# viewers: demo accounts plus accounts for the other relations
pw="policy-test-password-1"
for v in sup:D0004 chief:D0007 same:D0005 col:D0006; do
	echo "$pw" | "$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml" useradd "${v%%:*}" general "試験 ${v%%:*}" "${v##*:}" >/dev/null
done
read -r slogin spw < <(account general)
read -r hlogin hpw < <(account hr)
read -r alogin apw < <(account admin)

GROUPS="basic contact career qualifications training skills evaluations sensitive photo self_intro"
marker() {
	case $1 in
		basic) echo "MKBASIC通称" ;; contact) echo "mk-contact@example.jp" ;;
		career) echo "MKCAREER備考" ;; qualifications) echo "MKQUAL-001" ;;
		training) echo "MKTRAIN研修" ;; skills) echo "MKSKILL根拠" ;;
		evaluations) echo "MKEVAL評価コメント" ;; sensitive) echo "1991-02-13" ;;
		photo) echo "/photos/$S" ;; self_intro) echo "MKINTRO自己紹介" ;;
	esac
}
# The default policy, written out by hand: Y where the marker must show.
#                 basic contact career quals training skills evals sensitive photo intro
expect_self="      Y     Y       Y      Y     Y        Y      Y     Y         Y     Y"
expect_sup="       Y     Y       Y      Y     Y        Y      Y     N         Y     Y"
expect_same="      Y     Y       Y      Y     Y        Y      N     N         Y     Y"
expect_col="       Y     N       Y      Y     Y        Y      N     N         Y     Y"
expect_hr="        Y     Y       Y      Y     Y        Y      Y     Y         Y     Y"
expect_admin="     Y     Y       Y      Y     Y        Y      N     N         Y     Y"

oracle() { # oracle NAME LOGIN PASSWORD EXPECT
	local name=$1 jar=$TMP/$1.jar i=0 g want html json
	eq "$name logs in" "$(login "$jar" "$2" "$3")" 303
	"${C[@]}" -b "$jar" -o "$TMP/p.html" "$TMS_URL/staff/$S"
	"${C[@]}" -b "$jar" -o "$TMP/p.json" "$TMS_URL/api/staff/$S"
	html=$(cat "$TMP/p.html"); json=$(cat "$TMP/p.json")
	local -a exp=($4)
	for g in $GROUPS; do
		want=${exp[$i]}; i=$((i + 1))
		m=$(marker "$g")
		jm=${m//\//\\\/}	# json-c escapes '/'
		for kind in html json; do
			if [ $kind = html ]; then got=$html; mm=$m; else got=$json; mm=$jm; fi
			case $got in *"$mm"*) has=Y ;; *) has=N ;; esac
			eq "$name × $g ($kind): marker $( [ "$want" = Y ] && echo shown || echo hidden)" "$has" "$want"
		done
	done
	# directory: the text search and the filters per group
	found() { local b; b=$("${C[@]}" -b "$jar" "$TMS_URL/api/staff?$1"); case $b in *"\"id\":\"$S\""*) echo Y ;; *'"items":'*) echo N ;; *) echo "no list: ${b:0:200}" ;; esac; }
	eq "$name: search by 通称 (basic) finds" "$(found "q=MKBASIC")" Y
	eq "$name: filter by qualification finds as the policy allows" "$(found "qual=MKQ")" "${exp[3]}"
	eq "$name: filter by skill finds as the policy allows" "$(found "skill=MKS")" "${exp[5]}"
	eq "$name: filter by past unit (career) finds as the policy allows" "$(found "past=MKU")" "${exp[2]}"
	eq "$name: search by the legal name behind the 通称 finds as the policy allows (sensitive)" "$(found "q=$legal")" "${exp[7]}"
	eq "$name: ... and in the person's unit" "$(found "q=$legal&unit=$unit&f=1")" "${exp[7]}"
	eq "$name: search by the legal reading in the person's unit finds as the policy allows" \
		"$(found "q=$legalkana&unit=$unit&f=1")" "${exp[7]}"
}

oracle self "$slogin" "$spw" "$expect_self"
oracle supervisor sup "$pw" "$expect_sup"
oracle chief chief "$pw" "$expect_sup"
oracle same_unit same "$pw" "$expect_same"
oracle colleague col "$pw" "$expect_col"
oracle hr "$hlogin" "$hpw" "$expect_hr"
oracle admin "$alogin" "$apw" "$expect_admin"

# Audit: views by others are recorded; the person sees who looked.
n=$("${PSQL[@]}" -c "SELECT count(*) FROM audit_log WHERE subject_staff_id = $S AND action = 'view' AND target = 'profile'")
check "every view by another person was audited ($n)" test "$n" -ge 12
"${C[@]}" -b "$TMP/self.jar" -o "$TMP/me.html" "$TMS_URL/staff/$S"
colname=$("${PSQL[@]}" -c "SELECT staff_display_name(s) FROM staff s WHERE staff_no = 'D0006'")
contains "the person sees colleagues who viewed them, by name" "$(cat "$TMP/me.html")" "$colname"
contains "hr viewers are shown by role" "$(cat "$TMP/me.html")" "人事担当者"
lacks "hr viewer's name is not shown" "$(cat "$TMP/me.html")" "人事担当者" "人事 花子"
eq "app role cannot change the audit log" \
	"$(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -c "SET ROLE tms_app; UPDATE audit_log SET result = 'ok'" 2>&1 | grep -c 'permission denied')" 1

# A stricter policy: colleagues see only basic. Searching by a group the
# viewer cannot read must not find, and the profile must not show it.
cp "$TMS_VAR/etc/policy.yaml" "$TMP/policy.yaml"
sed -i -e '/^  general:/,/^  hr:/{/^    colleague:/,/^  hr:/{/^      \(career\|qualifications\|training\|skills\|photo\|self_intro\): read/d}}' "$TMS_VAR/etc/policy.yaml"
check "stricter policy loaded on SIGHUP" reload_all
jar=$TMP/colleague.jar
found() { local b; b=$("${C[@]}" -b "$jar" "$TMS_URL/api/staff?$1"); case $b in *"\"id\":\"$S\""*) echo Y ;; *'"items":'*) echo N ;; *) echo "no list: ${b:0:200}" ;; esac; }
eq "strict policy: colleague still finds by name" "$(found "q=MKBASIC")" Y
eq "strict policy: colleague's qualification filter does not reveal" "$(found "qual=MKQ")" N
eq "strict policy: colleague's skill filter does not reveal" "$(found "skill=MKS")" N
eq "strict policy: colleague's past-unit filter does not reveal" "$(found "past=MKU")" N
"${C[@]}" -b "$jar" -o "$TMP/p.html" "$TMS_URL/staff/$S"
lacks "strict policy: profile hides the groups" "$(cat "$TMP/p.html")" "MKBASIC通称" "MKQUAL-001" "MKSKILL" "MKCAREER" "MKINTRO"
jar=$TMP/hr.jar
eq "strict policy: hr still finds by qualification" "$(found "qual=MKQ")" Y
cp "$TMP/policy.yaml" "$TMS_VAR/etc/policy.yaml"
check "default policy back on SIGHUP" reload_all

# Planned transfers are confidential: only hr sees future dates.
eq "general user cannot view a future date" "$(code GET "/staff?asof=2099-01-01" -b "$TMP/colleague.jar")" 400
contains "future date refusal says why" "$(cat "$TMP/body")" "人事担当のみ"
eq "hr can view a future date" "$(code GET "/staff?asof=2099-01-01" -b "$TMP/hr.jar")" 200
# The sub-unit box: unchecked in the form (f=1 without sub) means this unit only.
u=$("${PSQL[@]}" -c "SELECT t.code FROM org_tree(CURRENT_DATE) t WHERE EXISTS (SELECT 1 FROM org_tree(CURRENT_DATE) c WHERE c.parent_id = t.unit_id) ORDER BY t.depth DESC, t.path LIMIT 1")
with=$("${C[@]}" -b "$TMP/hr.jar" "$TMS_URL/api/staff?unit=$u" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
without=$("${C[@]}" -b "$TMP/hr.jar" "$TMS_URL/api/staff?unit=$u&f=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
check "unit filter: sub-units included by default ($with), excluded when unchecked ($without)" test "${with:-0}" -gt "${without:-0}"

# A bad policy is refused at reload with file and line; the old one stays.
printf 'roles:\n  general:\n    self:\n      salary: read\n' > "$TMS_VAR/etc/policy.yaml"
kill -HUP "$(cat "$TMS_VAR/run/tms/pool-a.pid")"
for i in $(seq 1 50); do grep -q "unknown field group 'salary'" "$TMS_VAR/log/tms-a.log" && break; sleep 0.1; done
contains "bad policy refused with file and line" "$(grep -h "reload refused" "$TMS_VAR/log/tms-a.log" | tail -1)" "policy.yaml:4: unknown field group 'salary'"
cp "$TMP/policy.yaml" "$TMS_VAR/etc/policy.yaml"
check "default policy in force again" reload_all

# Leave the fixture as later suites expect it (no 通称, no photo file behind a hash).
"${PSQL[@]}" -c "UPDATE staff SET alias_name = NULL, name_display = 'legal', photo_sha256 = NULL WHERE id = $S" >/dev/null
finish
