#!/bin/bash
# t75-masters.sh: HR's master screens (/admin/masters, cgi/h_masters.c).
# Create, edit, refuse invalid input with the field and the reason, refuse
# deleting a master still in use (naming how many records use it), delete
# an unused one; general staff get 403 everywhere, POSTs need the CSRF
# token, every change is in the audit log, and a new qualification is in
# the directory filter and in HR's qualification form at once, on every
# worker (the result cache follows the data version).
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
sql() { "${PSQL[@]}" -c "$1"; }

read -r hlogin hpw < <(account hr)
read -r slogin spw < <(account general)
H=$TMP/hr.jar S=$TMP/staff.jar
eq "hr logs in" "$(login "$H" "$hlogin" "$hpw")" 303
eq "staff logs in" "$(login "$S" "$slogin" "$spw")" 303

# A suffix of this run, so the test can run again on the same database.
RUN=$(printf '%05d' $(( $(date +%s%N | cut -c8-16) % 100000 )))
Q=t75q$RUN QNAME="試験資格$RUN" SK=t75s$RUN SKC=t75c$RUN

hget() { code GET "$1" -b "$H"; }
# hpost PATH [name=value...]: POST with HR's CSRF token; prints the status
hpost() {
	local p=$1 a=(); shift
	for kv in "$@"; do a+=(--data-urlencode "$kv"); done
	code POST "$p" -b "$H" --data-urlencode "csrf=$HCSRF" "${a[@]}"
}
body() { cat "$TMP/body"; }
audits() { # audits ACTION TARGET CODE: audit rows of this change
	sql "SELECT count(*) FROM audit_log WHERE action = '$1' AND target = '$2'
		AND detail->>'code' = '$3' AND result = 'ok'
		AND actor_account_id = (SELECT id FROM account WHERE login = '$hlogin')"
}

# ---- index and lists
eq "HR opens the master index" "$(hget /admin/masters)" 200
idx=$(body)
contains "the menu has マスタ管理" "$idx" '<a href="/admin/masters" aria-current="page">マスタ管理</a>'
nq=$(sql "SELECT count(*) FROM qualification")
contains "the index counts the qualifications" "$idx" "$nq 件"
for k in positions job-types grades employment-types qualifications courses skills; do
	eq "HR opens the $k list" "$(hget "/admin/masters/$k")" 200
done
eq "an unknown master is 404" "$(hget /admin/masters/nothing)" 404
eq "a code outside ^[0-9A-Za-z_-]{1,20}\$ in the URL is 404" "$(hget '/admin/masters/positions/a%20b')" 404
eq "an unknown code is 404" "$(hget /admin/masters/positions/no_such_code)" 404

hget /admin/masters/qualifications >/dev/null
HCSRF=$(csrf_from "$TMP/body")
check "the list page carries a CSRF token" [ -n "$HCSRF" ]

# ---- the directory filter and HR's profile form, cached on every worker
pid=$(sql "SELECT id FROM staff WHERE staff_no = 'D0005'")
sget() { "${C[@]}" -b "$S" "$TMS_URL$1"; }
hbody() { "${C[@]}" -b "$H" "$TMS_URL$1"; }
warm() { local i; for i in $(seq 16); do sget /staff >/dev/null; hbody "/staff/$pid/edit" >/dev/null; done; }
all() { # all DESCRIPTION GETTER PATH NEEDLE: 16 answers in a row contain it
	local i miss=0
	for i in $(seq 16); do case $($2 "$3") in *"$4"*) ;; *) miss=$((miss + 1)) ;; esac; done
	eq "$1" "$miss" 0
}
warm

# ---- create
v0=$(sql "SELECT v FROM data_version")
eq "HR adds a qualification: 303" "$(hpost /admin/masters/qualifications code=$Q "name=$QNAME" category=試験 has_expiry=1)" 303
row=$(sql "SELECT name, category, has_expiry FROM qualification WHERE code = '$Q'")
eq "the qualification is stored" "$row" "$QNAME|試験|t"
check "the data version moved on" [ "$(sql "SELECT v FROM data_version")" -gt "$v0" ]
eq "one audit row (create, qualification, code)" "$(audits create qualification "$Q")" 1
all "the new qualification is in the /staff filter at once, on every worker" sget /staff "<option value=\"$Q\">$QNAME</option>"
all "and in HR's qualification form of a profile" hbody "/staff/$pid/edit" "<option value=\"$Q\">$QNAME</option>"
eq "its edit form shows the expiry flag set" "$(hget "/admin/masters/qualifications/$Q")" 200
contains "checked" "$(body)" 'name="has_expiry" value="1" checked'
hget "/admin/masters/qualifications?saved=created&code=$Q" >/dev/null
contains "the list says it was added" "$(body)" "コード「$Q」を登録しました。"
contains "the list shows it" "$(body)" "$QNAME"
contains "its category is suggested for the next one" "$(body)" '<datalist id="dl-category">'
contains "(as an option)" "$(body)" '<option value="試験"></option>'

# a new 職員区分 can be chosen on the staff forms at once
E=t75e$RUN
eq "HR adds an employment type" "$(hpost /admin/masters/employment-types code=$E name=試験区分$RUN sort_order=99)" 303
all "it is in the /staff 職員区分 filter" sget /staff "<option value=\"$E\">試験区分$RUN</option>"
all "it is a choice on a profile's edit form" hbody "/staff/$pid/edit" "<option value=\"$E\">試験区分$RUN</option>"
all "and on the 採用 form" hbody /staff/new "<option value=\"$E\">試験区分$RUN</option>"
eq "an unused employment type can be deleted" "$(hpost "/admin/masters/employment-types/$E/delete")" 303
eq "one audit row each" "$(( $(audits create employment_type "$E") + $(audits delete employment_type "$E") ))" 2

# ---- invalid input: the field and the reason, nothing written
n0=$(sql "SELECT count(*) FROM qualification")
eq "a bad code is refused with 400" "$(hpost /admin/masters/qualifications 'code=a b!' name=X category=Y)" 400
contains "naming the field and the reason" "$(body)" 'href="#f-code">コード: 半角英数字と - _ だけで入力してください'
contains "the error summary is an alert" "$(body)" 'class="alert" role="alert"'
contains "the field is marked invalid" "$(body)" 'id="f-code" name="code" type="text" value="a b!"'
eq "a missing name is refused" "$(hpost /admin/masters/qualifications code=${Q}x name= category=Y)" 400
contains "名称: 入力してください" "$(body)" "名称: 入力してください"
long=$(printf 'あ%.0s' $(seq 101))
eq "a too long name is refused" "$(hpost /admin/masters/qualifications code=${Q}x "name=$long" category=Y)" 400
contains "with the limit" "$(body)" "名称: 100文字以内で入力してください（101文字あります）"
eq "a code of 21 characters is refused" "$(hpost /admin/masters/qualifications code=abcdefghijklmnopqrstu name=X category=Y)" 400
contains "with the limit" "$(body)" "コード: 20文字以内で入力してください"
eq "a duplicate name is refused (unique violation)" "$(hpost /admin/masters/qualifications code=${Q}x "name=$QNAME" category=Y)" 400
contains "with a clear message" "$(body)" "名称: 同じ名称の資格が既に登録されています"
eq "an existing code is refused on create" "$(hpost /admin/masters/qualifications code=$Q name=別名 category=Y)" 400
contains "and says so" "$(body)" "コード: このコードは既に登録されています"
eq "nothing was written" "$(sql "SELECT count(*) FROM qualification")" "$n0"
eq "a rank out of range is refused" "$(hpost /admin/masters/positions code=${Q}p name=試験職$RUN rank=10000)" 400
contains "with the range" "$(body)" "序列: 0〜9999の範囲で入力してください"
eq "a rank that is not a number is refused" "$(hpost /admin/masters/positions code=${Q}p name=試験職$RUN rank=abc)" 400
contains "with the range" "$(body)" "序列: 0〜9999の整数で入力してください"
eq "course hours of 0 are refused" "$(hpost /admin/masters/courses code=${Q}c name=試験研修$RUN category=Y hours=0)" 400
contains "with the range" "$(body)" "標準時間: 0.5〜1000の範囲で入力してください"

# ---- edit
eq "HR opens the edit form" "$(hget "/admin/masters/qualifications/$Q")" 200
contains "the form says codes cannot be renamed" "$(body)" "コードは変更できません"
eq "HR renames it and drops the expiry flag" "$(hpost "/admin/masters/qualifications/$Q" "name=${QNAME}改" category=試験)" 303
eq "the change is stored" "$(sql "SELECT name, has_expiry FROM qualification WHERE code = '$Q'")" "${QNAME}改|f"
eq "one audit row (update)" "$(audits update qualification "$Q")" 1
all "the renamed qualification is in the /staff filter at once" sget /staff "<option value=\"$Q\">${QNAME}改</option>"
eq "a code in the form does not rename it" "$(hpost "/admin/masters/qualifications/$Q" code=other "name=${QNAME}改" category=試験)" 303
eq "the code stays" "$(sql "SELECT count(*) FROM qualification WHERE code = '$Q'")" 1
eq "an invalid edit is refused with 400" "$(hpost "/admin/masters/qualifications/$Q" name= category=試験)" 400
contains "on the edit form, naming the field" "$(body)" 'href="#f-name">名称: 入力してください'
eq "editing an unknown code is 404" "$(hpost /admin/masters/qualifications/no_such_code name=X category=Y)" 404
pos=$(sql "SELECT code FROM position ORDER BY rank LIMIT 1")
read -r prank pname < <(sql "SELECT rank, name FROM position WHERE code = '$pos'" | tr '|' ' ')
phead=$(sql "SELECT CASE WHEN is_head THEN '1' ELSE '' END FROM position WHERE code = '$pos'")
eq "HR changes a position's rank" "$(hpost "/admin/masters/positions/$pos" "name=$pname" rank=$((prank + 1)) "is_head=$phead")" 303
eq "the rank is stored" "$(sql "SELECT rank FROM position WHERE code = '$pos'")" $((prank + 1))
hpost "/admin/masters/positions/$pos" "name=$pname" rank="$prank" "is_head=$phead" >/dev/null

# ---- skills: a tree, checked in SQL
eq "HR adds a skill field" "$(hpost /admin/masters/skills code=$SK name=試験分野$RUN sort_order=990)" 303
eq "and a skill under it" "$(hpost /admin/masters/skills code=$SKC name=試験スキル$RUN parent_code=$SK sort_order=1)" 303
eq "the parent is stored" "$(sql "SELECT parent_code FROM skill WHERE code = '$SKC'")" "$SK"
eq "a skill cannot be its own parent" "$(hpost "/admin/masters/skills/$SK" name=試験分野$RUN parent_code=$SK sort_order=990)" 400
contains "the error names the field" "$(body)" "親スキル: 親スキルに $SK 自身またはその下位のスキルは指定できません"
eq "nor under its own child (a cycle)" "$(hpost "/admin/masters/skills/$SK" name=試験分野$RUN parent_code=$SKC sort_order=990)" 400
contains "the error says so" "$(body)" "（循環します）"
eq "the tree is unchanged" "$(sql "SELECT coalesce(parent_code, '-') FROM skill WHERE code = '$SK'")" "-"
eq "a parent that does not exist is refused" "$(hpost /admin/masters/skills code=${SKC}x name=X parent_code=no_such_skill sort_order=1)" 400
contains "with the field" "$(body)" "親スキル: 選んだ親スキルは登録されていません"
eq "a duplicate name under the same parent is refused" "$(hpost /admin/masters/skills code=${SKC}y name=試験スキル$RUN parent_code=$SK sort_order=2)" 400
contains "with the field" "$(body)" "名称: 同じ親スキルの下に同じ名称のスキルが既に登録されています"
eq "a skill with a child cannot be deleted" "$(hpost "/admin/masters/skills/$SK/delete")" 409
contains "and the message counts the children" "$(body)" "このスキルの下に 1件のスキルがあるため削除できません。"

# Two moves at the same time cannot build a cycle between them: the
# second waits for the first (the foreign key's row lock or the trigger's
# advisory lock, sql/060) and then sees its change. A holds its move open
# until B is seen waiting.
CA=t75x$RUN CB=t75y$RUN
sql "INSERT INTO skill (code, name, sort_order) VALUES ('$CA', '循環試験A$RUN', 1), ('$CB', '循環試験B$RUN', 2)"
waitfor() { # waitfor SQL: until it returns 1 (bounded)
	local i
	for i in $(seq 2000); do [ "$(sql "$1")" = 1 ] && return 0; done
	return 1
}
mkfifo "$TMP/a"
"${PSQL[@]}" < "$TMP/a" > "$TMP/a.out" 2>&1 &
apid=$!
exec 7>"$TMP/a"
echo "BEGIN; UPDATE skill SET parent_code = '$CB' WHERE code = '$CA'; SELECT 'moved';" >&7
check "A moves $CA under $CB (transaction open)" waitfor "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
sql "UPDATE skill SET parent_code = '$CA' WHERE code = '$CB'" > "$TMP/b.out" 2>&1 &
bpid=$!
check "B's opposite move waits for A" waitfor "SELECT count(*) FROM pg_stat_activity
	WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE skill SET parent_code = ''$CA''%'"
echo "COMMIT;" >&7
exec 7>&-
wait "$apid"
wait "$bpid"
contains "after A commits, B is refused as a cycle" "$(cat "$TMP/b.out")" "親スキルに $CB 自身またはその下位のスキルは指定できません"
eq "the tree holds A's move only" "$(sql "SELECT string_agg(code || '>' || coalesce(parent_code, '-'), ' ' ORDER BY code) FROM skill WHERE code IN ('$CA', '$CB')")" "$CA>$CB $CB>-"
sql "UPDATE skill SET parent_code = NULL WHERE code IN ('$CA', '$CB'); DELETE FROM skill WHERE code IN ('$CA', '$CB')"

# ---- delete: refused while used, with the count
used=$(sql "SELECT qualification_code || ' ' || count(*) FROM staff_qualification
	GROUP BY qualification_code ORDER BY count(*) DESC, qualification_code LIMIT 1")
read -r ucode ucount <<<"$used"
eq "deleting a qualification in use is refused with 409" "$(hpost "/admin/masters/qualifications/$ucode/delete")" 409
contains "naming how many records use it" "$(body)" "この資格は職員の資格記録 ${ucount}件で使われているため削除できません。"
contains "in an alert" "$(body)" 'role="alert"'
eq "it is still there" "$(sql "SELECT count(*) FROM qualification WHERE code = '$ucode'")" 1
epos=$(sql "SELECT position_code || ' ' || count(*) FROM appointment
	GROUP BY position_code ORDER BY count(*) DESC, position_code LIMIT 1")
read -r ecode ecount <<<"$epos"
eq "deleting a position in use is refused" "$(hpost "/admin/masters/positions/$ecode/delete")" 409
contains "with the count of 発令" "$(body)" "この職位は発令 ${ecount}件で使われているため削除できません。"
eq "no audit row for a refused delete" "$(audits delete qualification "$ucode")" 0

eq "HR deletes the unused qualification" "$(hpost "/admin/masters/qualifications/$Q/delete")" 303
eq "it is gone" "$(sql "SELECT count(*) FROM qualification WHERE code = '$Q'")" 0
eq "one audit row (delete)" "$(audits delete qualification "$Q")" 1
all "and gone from the /staff filter at once" sget /staff 'name="qual"'
miss=0; for i in $(seq 16); do case $(sget /staff) in *"value=\"$Q\""*) miss=$((miss + 1)) ;; esac; done
eq "no worker still offers it" "$miss" 0
eq "deleting it again is 404" "$(hpost "/admin/masters/qualifications/$Q/delete")" 404
eq "the child skill can be deleted" "$(hpost "/admin/masters/skills/$SKC/delete")" 303
eq "then the field" "$(hpost "/admin/masters/skills/$SK/delete")" 303
eq "audit rows for the skills" "$(( $(audits create skill "$SK") + $(audits delete skill "$SKC") ))" 2

# ---- CSRF
n0=$(sql "SELECT count(*) FROM qualification")
eq "a POST without the CSRF token is 403" "$(code POST /admin/masters/qualifications -b "$H" --data-urlencode code=${Q}z --data-urlencode name=X --data-urlencode category=Y)" 403
eq "a POST with a wrong token is 403" "$(code POST /admin/masters/qualifications -b "$H" --data-urlencode csrf=00$HCSRF --data-urlencode code=${Q}z --data-urlencode name=X --data-urlencode category=Y)" 403
eq "a delete without the token is 403" "$(code POST "/admin/masters/qualifications/$ucode/delete" -b "$H")" 403
eq "nothing was written" "$(sql "SELECT count(*) FROM qualification")" "$n0"

# ---- general staff: 403 on every master URL and POST
"${C[@]}" -b "$S" -o "$TMP/home" "$TMS_URL/"
SCSRF=$(csrf_from "$TMP/home")
check "staff has a CSRF token (from the logout form)" [ -n "$SCSRF" ]
lacks "the staff menu has no マスタ管理" "$(cat "$TMP/home")" "さん、こんにちは" "マスタ管理"
for p in /admin/masters /admin/masters/qualifications "/admin/masters/qualifications/$ucode" /admin/masters/skills/ict_db; do
	eq "staff GET $p: 403" "$(code GET "$p" -b "$S")" 403
done
for k in positions job-types grades employment-types qualifications courses skills; do
	first=$(sql "SELECT code FROM $(case $k in positions) echo position;; job-types) echo job_type;; grades) echo grade;;
		employment-types) echo employment_type;; qualifications) echo qualification;; courses) echo training_course;;
		skills) echo skill;; esac) ORDER BY code LIMIT 1")
	eq "staff GET /admin/masters/$k: 403" "$(code GET "/admin/masters/$k" -b "$S")" 403
	eq "staff POST create $k: 403" "$(code POST "/admin/masters/$k" -b "$S" --data-urlencode "csrf=$SCSRF" --data-urlencode code=${Q}g --data-urlencode name=X)" 403
	eq "staff POST update $k/$first: 403" "$(code POST "/admin/masters/$k/$first" -b "$S" --data-urlencode "csrf=$SCSRF" --data-urlencode name=X)" 403
	eq "staff POST delete $k/$first: 403" "$(code POST "/admin/masters/$k/$first/delete" -b "$S" --data-urlencode "csrf=$SCSRF")" 403
done
eq "staff changed nothing" "$(sql "SELECT count(*) FROM qualification")" "$n0"
eq "an anonymous GET goes to the login page" "$(code GET /admin/masters)" 303
finish
