#!/bin/bash
# t21-accounts.sh: accounts for every staff member (issue 13): bulk issue
# for a unit (with sub-units), for a list of 職員番号 (errors per line) and
# through `tmsctl account issue`; the notices (A4) and the CSV, shown to the
# issuer only; activation with the one-time code on the sign-in page, the
# set-password stage (every other page redirects or is refused), password
# rules, reused and expired codes (the test clock), other sessions ending;
# retirement's next day and re-hire through the test clock; audit rows.
. "$(dirname "$0")/lib.sh"

# hr and admin sessions are made in the database (their second factor is
# t23's business); issued accounts sign in through /login.
mksession() { # mksession LOGIN: prints a session token
	local tok hash
	tok=$(openssl rand -hex 32)
	hash=$(printf %s "$tok" | sha256sum | cut -d' ' -f1)
	q "INSERT INTO session (token_hash, account_id, client_addr, user_agent)
	   SELECT '$hash', id, '127.0.0.1', 't21' FROM account WHERE login = '$1'" >/dev/null
	echo "$tok"
}
as() { local t=$1; shift; code "$@" -H "Cookie: __Host-tms_sid=$t" -D "$TMP/head"; }
location() { sed -n 's/^location: *//Ip' "$TMP/head" | tr -d '\r'; }
csrf_as() { "${C[@]}" -H "Cookie: __Host-tms_sid=$1" -o "$TMP/c.html" "$TMS_URL/admin/accounts/issue"; csrf_from "$TMP/c.html"; }
post_as() { # post_as TOKEN PATH [name=value...]: the status, body in $TMP/body
	local t=$1 p=$2 a=() kv; shift 2
	for kv; do a+=(--data-urlencode "$kv"); done
	as "$t" POST "$p" --data-urlencode "csrf=$(csrf_as "$t")" "${a[@]}"
}
# login_at JAR LOGIN PASSWORD [UNIX_TIME]: POST /login (test clock if given);
# the status, body in $TMP/body, headers in $TMP/head
login_at() {
	local jar=$1 t=${4:-} h=()
	[ -z "$t" ] || h=(-H "X-Tms-Test-Now: $t")
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/login.html" "${h[@]}" "$TMS_URL/login"
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "${h[@]}" \
		--data-urlencode "login=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$(csrf_from "$TMP/login.html")" --data-urlencode "next=/staff" "$TMS_URL/login"
}
# jget JAR PATH [UNIX_TIME]: GET with the jar's session; status
jget() {
	local h=(); [ -z "${3:-}" ] || h=(-H "X-Tms-Test-Now: $3")
	"${C[@]}" -b "$1" -c "$1" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "${h[@]}" "$TMS_URL$2"
}
# setpw JAR PASSWORD [CONFIRM]: POST /account/password; status
setpw() {
	"${C[@]}" -b "$1" -c "$1" -o "$TMP/pw.html" "$TMS_URL/account/password"
	"${C[@]}" -b "$1" -c "$1" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' \
		--data-urlencode "password=$2" --data-urlencode "password2=${3:-$2}" \
		--data-urlencode "csrf=$(csrf_from "$TMP/pw.html")" "$TMS_URL/account/password"
}
in_service_sql="s.hire_date <= current_date AND (s.retire_date IS NULL OR s.retire_date >= current_date)"
A0=$(q "SELECT coalesce(max(id), 0) FROM audit_log")
NOW=$(date +%s)
DAY=86400

read -r hlogin _ < <(account hr)
read -r alogin _ < <(account admin)
HR=$(mksession "$hlogin")
ADM=$(mksession "$alogin")

# ------------------------------------------------------------------ fixtures
# People of this test (no appointment: issued by list): readings with known
# romaji for the password rules; one retiring in two days, one retired before
# the fiscal years that t90's oracle counts (it counts staff without posts too).
q "INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana, birth_date, gender, employment_type, hire_date)
   VALUES ('T21A', '佐藤', '一郎', 'サトウ', 'イチロウ', '1985-05-01', 'male', 'regular', '2012-04-01'),
          ('T21B', '試験', '期限', 'シケン', 'キゲン', '1986-05-01', 'female', 'regular', '2012-04-01'),
          ('T21C', '試験', '退職', 'シケン', 'タイショク', '1960-05-01', 'female', 'regular', '2012-04-01'),
          ('T21D', '試験', '過去', 'シケン', 'カコ', '1950-05-01', 'male', 'regular', '1990-04-01'),
          ('T21E', '試験', '端末', 'シケン', 'タンマツ', '1987-05-01', 'male', 'regular', '2012-04-01')
   ON CONFLICT (staff_no) DO NOTHING" >/dev/null
q "UPDATE staff SET retire_date = date '2015-03-31' WHERE staff_no = 'T21D'" >/dev/null
q "UPDATE staff SET retire_date = current_date + 2 WHERE staff_no = 'T21C'" >/dev/null

# ------------------------------------------------------------------ the form
eq "hr opens the issue form" "$(as "$HR" GET /admin/accounts/issue)" 200
contains "the form offers units, a list and everyone" "$(cat "$TMP/body")" 'name="scope" value="list"'
read -r glogin gpw < <(account general)
G=$TMP/general.jar
eq "general staff signs in" "$(login "$G" "$glogin" "$gpw")" 303
eq "general staff may not issue accounts (403)" "$(jget "$G" /admin/accounts/issue)" 403

# ------------------------------------------------------------------ a unit
# 契約管理課 (1030) with its 係: everyone in service whose main appointment
# today is there and who has no account (the oracle: plain SQL)
UNIT=1030
oracle() {
	q "WITH RECURSIVE t AS (SELECT unit_id, code, parent_id FROM org_tree(current_date)),
	   f AS (SELECT unit_id FROM t WHERE code = '$UNIT' UNION SELECT t.unit_id FROM t JOIN f ON t.parent_id = f.unit_id)
	   SELECT string_agg(lower(s.staff_no), ' ' ORDER BY s.staff_no) FROM staff s
	   WHERE $in_service_sql AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)
	   AND EXISTS (SELECT 1 FROM appointment x WHERE x.staff_id = s.id AND x.is_main
	     AND x.valid @> current_date AND x.unit_id IN (SELECT unit_id FROM f))"
}
want=$(oracle)
nwant=$(wc -w <<<"$want")
check "the unit has people without an account ($nwant)" test "$nwant" -ge 3
eq "issue for the unit (200)" "$(post_as "$HR" /admin/accounts/issue scope=unit unit=$UNIT)" 200
contains "result: how many were issued" "$(cat "$TMP/body")" "${nwant}人のアカウントを発行しました"
batch=$(sed -n 's/.*notices?batch=\([0-9]*\).*/\1/p' "$TMP/body" | head -1)
check "the result links to the batch's notices" test -n "$batch"
eq "the accounts are the oracle's (login = 職員番号 in lower case)" \
	"$(q "SELECT string_agg(a.login, ' ' ORDER BY a.login) FROM account_code c JOIN account a ON a.id = c.account_id WHERE c.batch_id = $batch")" "$want"
eq "issued accounts: general, no password yet, one code each, 14 days" \
	"$(q "SELECT count(*) FILTER (WHERE a.role = 'general' AND a.password_hash IS NULL AND c.purpose = 'activate'
	      AND length(c.code_hash) = 64 AND c.expires_at BETWEEN now() + interval '14 days' AND now() + interval '15 days')
	      FROM account_code c JOIN account a ON a.id = c.account_id WHERE c.batch_id = $batch")" "$nwant"
eq "the unit has nobody left without an account" "$(oracle)" ""

# the notices: one article (A4 sheet) per person, name, unit, login, code,
# expiry in 和暦 and 西暦, the service address
eq "hr opens the notices" "$(as "$HR" GET "/admin/accounts/notices?batch=$batch")" 200
NOTICES=$(cat "$TMP/body")
eq "one notice per person" "$(grep -c '<article class="notice"' <<<"$NOTICES")" "$nwant"
contains "notice title" "$NOTICES" "初回ログインのお知らせ"
contains "notices use the print stylesheet" "$NOTICES" '/static/notices.css'
exp_iso=$(date -d "+14 days" +%F)
contains "expiry in 西暦" "$NOTICES" "（$exp_iso）まで"
contains "expiry in 和暦" "$NOTICES" "令和"
contains "the service address" "$NOTICES" "$TMS_URL/"
first=$(cut -d' ' -f1 <<<"$want")
contains "the notice names the login" "$NOTICES" ">$first</dd>"
code1=$(sed -n "/>$first<\/dd>/,/<\/dl>/p" <<<"$NOTICES" | sed -n 's/.*class="mono big code">\([A-Z0-9-]*\)<.*/\1/p' | head -1)
check "a code of 20 letters in groups of four ($code1)" \
	grep -Eq '^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$' <<<"$code1"
raw1=${code1//-/}
eq "the code is nowhere in the database in plain" \
	"$(q "SELECT count(*) FROM account_code c WHERE position('$raw1' in c::text) > 0")" 0
check "the CSS file for printing exists (one person per page)" \
	grep -q 'break-after: page' "$TMS_ROOT/templates/static/notices.css"
eq "the CSV for mail merge" "$(as "$HR" GET "/admin/accounts/notices.csv?batch=$batch")" 200
contains "CSV content type" "$(cat "$TMP/head")" "text/csv"
eq "CSV: a header and one row per person" "$(($(wc -l <"$TMP/body") - 1))" "$nwant"
contains "CSV row: login and code" "$(grep ",$first," "$TMP/body")" ",$code1,"
eq "another hr/admin account cannot open the issuer's notices (404)" \
	"$(as "$ADM" GET "/admin/accounts/notices?batch=$batch")" 404
eq "nor the CSV" "$(as "$ADM" GET "/admin/accounts/notices.csv?batch=$batch")" 404
eq "the same unit again: nobody left (200)" "$(post_as "$HR" /admin/accounts/issue scope=unit unit=$UNIT)" 200
contains "0 issued" "$(cat "$TMP/body")" "0人のアカウントを発行しました"
eq "an unknown unit is refused (400)" "$(post_as "$HR" /admin/accounts/issue scope=unit unit=NOPE99)" 400
contains "with the reason" "$(cat "$TMP/body")" "本日ありません"

# ------------------------------------------------------------------ a list
# one line each: has an account, unknown, not in service, not a number,
# new (typed in lower case), the same person again, new
L=$(printf 'D0002\nZZ9999\nT21D\n\nbad!no\nt21a\nT21A\nT21B,試験 期限\n')
eq "issue for a pasted list (200)" "$(post_as "$HR" /admin/accounts/issue scope=list "list=$L")" 200
R=$(cat "$TMP/body")
contains "list: two issued" "$R" "2人のアカウントを発行しました"
contains "line 1: already has an account" "$R" '<td class="num">1</td><td>D0002</td><td>既にアカウントがあります'
contains "line 2: unknown number" "$R" '<td class="num">2</td><td>ZZ9999</td><td>この職員番号の職員はいません'
contains "line 3: not in service" "$R" '<td class="num">3</td><td>T21D</td><td>本日在職していない職員です'
contains "line 5: not a staff number" "$R" '<td class="num">5</td><td>bad!no</td><td>職員番号の形式ではありません'
contains "line 7: the same person twice" "$R" '<td class="num">7</td><td>T21A</td><td>同じ職員番号が前の行にあります'
eq "login of a listed number is the 職員番号 in lower case" "$(q "SELECT login FROM account a JOIN staff s ON s.id = a.staff_id WHERE s.staff_no = 'T21A'")" t21a
lbatch=$(sed -n 's/.*notices?batch=\([0-9]*\).*/\1/p' <<<"$R" | head -1)
as "$HR" GET "/admin/accounts/notices?batch=$lbatch" >/dev/null
codeA=$(sed -n '/>t21a<\/dd>/,/<\/dl>/p' "$TMP/body" | sed -n 's/.*class="mono big code">\([A-Z0-9-]*\)<.*/\1/p' | head -1)
codeB=$(sed -n '/>t21b<\/dd>/,/<\/dl>/p' "$TMP/body" | sed -n 's/.*class="mono big code">\([A-Z0-9-]*\)<.*/\1/p' | head -1)
check "codes of the list's notices ($codeA, $codeB)" test ${#codeA} = 24 -a ${#codeB} = 24
# an uploaded file (multipart), first column
printf '職員番号,氏名\r\nT21E,試験 端末\r\n' > "$TMP/list.csv"
eq "issue for an uploaded CSV (200)" "$(as "$HR" POST /admin/accounts/issue -F "csrf=$(csrf_as "$HR")" -F scope=list -F "file=@$TMP/list.csv")" 200
contains "upload: one issued" "$(cat "$TMP/body")" "1人のアカウントを発行しました"
contains "upload: the header line is reported" "$(cat "$TMP/body")" '<td class="num">1</td><td>職員番号</td>'
ubatch=$(sed -n 's/.*notices?batch=\([0-9]*\).*/\1/p' "$TMP/body" | head -1)
as "$HR" GET "/admin/accounts/notices.csv?batch=$ubatch" >/dev/null
codeE=$(awk -F, '$5 == "t21e" { print $6 }' "$TMP/body")
check "the upload's CSV has T21E's code ($codeE)" test ${#codeE} = 24

# ------------------------------------------------------------------ tmsctl
q "INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana, birth_date, gender, employment_type, hire_date)
   VALUES ('T21F', '試験', '操作', 'シケン', 'ソウサ', '1988-05-01', 'male', 'regular', '2012-04-01')
   ON CONFLICT (staff_no) DO NOTHING" >/dev/null
out=$("${CTL[@]}" account issue T21F 2>"$TMP/ctl.err"); st=$?
eq "tmsctl account issue T21F exits 0" "$st" 0
check "and prints LOGIN CODE ($out)" grep -Eq '^t21f [2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$' <<<"$out"
codeF=${out#t21f }
out=$("${CTL[@]}" account issue T21F ZZ9999 2>"$TMP/ctl.err"); st=$?
eq "tmsctl: lines that fail give exit 1" "$st" 1
contains "tmsctl: already has an account (stderr)" "$(cat "$TMP/ctl.err")" "T21F: 既にアカウントがあります"
contains "tmsctl: unknown number (stderr)" "$(cat "$TMP/ctl.err")" "ZZ9999: この職員番号の職員はいません"
eq "tmsctl: nothing on stdout" "$out" ""
"${CTL[@]}" account issue --unit NOPE99 >/dev/null 2>"$TMP/ctl.err"; st=$?
eq "tmsctl --unit with an unknown unit exits 1" "$st" 1
n_before=$(q "SELECT count(*) FROM account")
out=$("${CTL[@]}" account issue --unit 1040 2>"$TMP/ctl.err")
eq "tmsctl --unit 1040: one line per new account" "$(grep -c . <<<"$out")" "$(($(q "SELECT count(*) FROM account") - n_before))"

# ------------------------------------------------------------------ activate
J=$TMP/a.jar
eq "the code signs in once on the normal page (login typed in upper case, code in lower case)" \
	"$(login_at "$J" T21A "$(tr 'A-Z' 'a-z' <<<"$codeA")")" 303
eq "after the code, every page redirects to /account/password" "$(jget "$J" /staff)" 303
eq "to the set-password page" "$(location)" /account/password
eq "the home page too" "$(jget "$J" /)" 303
eq "a POST elsewhere is refused (403)" "$("${C[@]}" -b "$J" -o "$TMP/body" -w '%{http_code}' \
	--data-urlencode "csrf=x" "$TMS_URL/staff/new")" 403
eq "JSON is refused (403)" "$(jget "$J" /api/staff)" 403
eq "another stage's page (TOTP enrolment) redirects too" "$(jget "$J" /account/totp)" 303
eq "to the set-password page" "$(location)" /account/password
eq "the set-password page opens" "$(jget "$J" /account/password)" 200
lacks "it shows no menu" "$(cat "$TMP/body")" "パスワードの設定" ">職員名簿</a>"
# another session of the account (a stand-in for another device): ends when
# the password is set
other=$(openssl rand -hex 32)
q "INSERT INTO session (token_hash, account_id, client_addr) SELECT '$(printf %s "$other" | sha256sum | cut -d' ' -f1)', id, '127.0.0.1'
   FROM account WHERE login = 't21a'" >/dev/null
eq "rule: too short (400)" "$(setpw "$J" 'Short-1')" 400
contains "rule: too short, in Japanese" "$(cat "$TMP/body")" "12文字以上"
eq "rule: the confirmation must match (400)" "$(setpw "$J" 'hokkaido-marimo-9911' 'hokkaido-marimo-9912')" 400
contains "rule: mismatch message" "$(cat "$TMP/body")" "一致しません"
for bad in password1234 qwertyuiop@[ 1qaz2wsx3edc4rfv sakurasakura123 3e456tgh:bxdr; do
	eq "rule: common password '$bad' refused (400)" "$(setpw "$J" "$bad")" 400
	contains "rule: common password message" "$(cat "$TMP/body")" "よく使われるパスワード"
done
for bad in 'my-t21a-password!!' 'Satou-no-himitsu-1' 'sato.hokkaido.2024' 'ichiro-kushiro-bay' '佐藤のひみつのあいことば' 'さとうのひみつのあいことば' 'サトウのひみつのあいことば'; do
	eq "rule: login or name in '$bad' refused (400)" "$(setpw "$J" "$bad")" 400
	contains "rule: name message" "$(cat "$TMP/body")" "氏名（漢字・かな・ローマ字）"
done
eq "the other session still holds before the password is set" "$(as "$other" GET /staff)" 200
GOOD='kasugai-hikouki-ringo-77'
eq "a good password is set (303)" "$(setpw "$J" "$GOOD")" 303
eq "then the session goes on to the home page" "$(location)" /
eq "and reaches the directory" "$(jget "$J" /staff)" 200
contains "with the menu" "$(cat "$TMP/body")" ">職員名簿</a>"
eq "the other session of the account ended" "$(as "$other" GET /staff)" 303
eq "account: no longer must change its password, set time recorded" \
	"$(q "SELECT must_change_password::text || (password_changed_at IS NOT NULL)::text FROM account WHERE login = 't21a'")" falsetrue
eq "the code is used up (and its sealed copy gone)" \
	"$(q "SELECT (used_at IS NOT NULL)::text || (code_sealed IS NULL)::text FROM account_code c JOIN account a ON a.id = c.account_id WHERE a.login = 't21a'")" truetrue
eq "the new password signs in" "$(login_at "$TMP/a2.jar" t21a "$GOOD")" 303
eq "straight to the page asked for" "$(location)" /staff
eq "a reused code is refused (401)" "$(login_at "$TMP/a3.jar" t21a "$codeA")" 401
contains "with a clear Japanese message" "$(cat "$TMP/body")" "このコードは既に使用されています"
eq "the notices no longer show a used code" "$(as "$HR" GET "/admin/accounts/notices?batch=$lbatch")" 200
lacks "t21a's notice is gone from the batch" "$(cat "$TMP/body")" ">t21b</dd>" ">t21a</dd>"

# ------------------------------------------------------------------ expiry
eq "an expired code is refused (401, test clock +15 days)" "$(login_at "$TMP/b.jar" t21b "$codeB" $((NOW + 15 * DAY)))" 401
contains "with the expiry in the message" "$(cat "$TMP/body")" "有効期限"
eq "a code within its days works (+13 days)" "$(login_at "$TMP/e.jar" t21e "$codeE" $((NOW + 13 * DAY)))" 303
eq "and the session is in the set-password stage" "$(jget "$TMP/e.jar" / $((NOW + 13 * DAY)))" 303
eq "to /account/password" "$(location)" /account/password

# ------------------------------------------------------------------ retirement
# T21C retires in two days (retire_date = today + 2: the last day)
out=$("${CTL[@]}" account issue T21C 2>/dev/null)
eq "tmsctl issues T21C" "${out%% *}" t21c
codeC=${out#t21c }
K=$TMP/c.jar
eq "T21C activates" "$(login_at "$K" t21c "$codeC")" 303
RPW='tancho-marimo-kushiro-88'
eq "and sets a password" "$(setpw "$K" "$RPW")" 303
eq "on the last day (+2 days) the session holds" "$(jget "$K" /staff $((NOW + 2 * DAY)))" 200
eq "the next day (+3 days) the open session ends (to sign-in)" "$(jget "$K" /staff $((NOW + 3 * DAY)))" 303
contains "to the sign-in page" "$(location)" /login
eq "the next day the right password is refused (403)" "$(login_at "$TMP/c2.jar" t21c "$RPW" $((NOW + 3 * DAY)))" 403
contains "because the person is not in service" "$(cat "$TMP/body")" "本日在職していないため"
# re-hired from +5 days
q "UPDATE staff SET retire_date = NULL, hire_date = current_date + 5 WHERE staff_no = 'T21C'" >/dev/null
eq "before the new 採用 date (+4 days) still refused" "$(login_at "$TMP/c3.jar" t21c "$RPW" $((NOW + 4 * DAY)))" 403
eq "from the 採用 date (+5 days) the account signs in again" "$(login_at "$TMP/c4.jar" t21c "$RPW" $((NOW + 5 * DAY)))" 303
eq "and reaches the directory" "$(jget "$TMP/c4.jar" /staff $((NOW + 5 * DAY)))" 200
q "UPDATE staff SET hire_date = '2012-04-01' WHERE staff_no = 'T21C'" >/dev/null

# ------------------------------------------------------------------ audit
eq "audit: issue batches (web and tmsctl)" \
	"$(q "SELECT count(*) >= 5 FROM audit_log WHERE id > $A0 AND action = 'create' AND target = 'account/issue'")" t
eq "audit: the unit's batch names the unit and the count" \
	"$(q "SELECT detail->>'unit' || ' ' || (detail->>'issued') FROM audit_log WHERE id > $A0 AND target = 'account/issue' AND (detail->>'batch')::bigint = $batch")" "$UNIT $nwant"
eq "audit: activations (t21a, t21e, t21c)" "$(q "SELECT string_agg(detail->>'login', ' ' ORDER BY detail->>'login') FROM audit_log WHERE id > $A0 AND action = 'login' AND target = 'account/activate'")" "t21a t21c t21e"
eq "audit: passwords set (t21a, t21c)" "$(q "SELECT string_agg(detail->>'login', ' ' ORDER BY detail->>'login') FROM audit_log WHERE id > $A0 AND action = 'update' AND target = 'account/password-set'")" "t21a t21c"
eq "audit: the notices were viewed and exported" "$(q "SELECT count(DISTINCT target) FROM audit_log WHERE id > $A0 AND target IN ('account/notices', 'account/notices.csv')")" 2
if grep -rqF -e "$raw1" -e "$GOOD" -e "${codeA//-/}" "$TMS_VAR/log/"; then
	nok "no code or password in any log"
else ok "no code or password in any log"; fi
finish
