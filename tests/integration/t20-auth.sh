#!/bin/bash
# t20-auth.sh: login, sessions, roles, CSRF, throttling, timeouts, logout.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
cookie() { awk -v n="$2" '$6 == n { print $7 }' "$1" | tail -1; }

read -r slogin spw < <(account general)
read -r alogin apw < <(account admin)

J=$TMP/staff.jar
eq "general account logs in (303)" "$(login "$J" "$slogin" "$spw")" 303
sid1=$(cookie "$J" __Host-tms_sid)
check "session token is 256 bits of hex" test "${#sid1}" = 64
h=$("${C[@]}" -b "$J" -D - -o "$TMP/home" "$TMS_URL/")
contains "home page 200" "$h" "HTTP/2 200"
contains "home page greets the user in Japanese" "$(cat "$TMP/home")" "釧路 太郎 さん、こんにちは"
contains "home page shows the role" "$(cat "$TMP/home")" "一般職員"
contains "role menu has ホーム" "$(cat "$TMP/home")" ">ホーム</a>"
lacks "general menu has no admin entry" "$(cat "$TMP/home")" ">ホーム</a>" "アカウント管理"
eq "general account gets 403 on the admin page" "$("${C[@]}" -b "$J" -o "$TMP/body" -w '%{http_code}' "$TMS_URL/admin/accounts")" 403
contains "403 page is Japanese" "$(cat "$TMP/body")" "権限がありません"
check "403 page carries a working CSRF token for its logout form" test -n "$(csrf_from "$TMP/body")"
"${C[@]}" -b "$J" -o "$TMP/body" "$TMS_URL/no/such/page"
contains "404 page of a logged-in user shows the role menu" "$(cat "$TMP/body")" ">ホーム</a>"

hash=$(printf %s "$sid1" | sha256sum | cut -d' ' -f1)
eq "only the SHA-256 of the token is stored" "$("${PSQL[@]}" -c "SELECT count(*) FILTER (WHERE token_hash = '$hash') || '/' || count(*) FILTER (WHERE token_hash = '$sid1') FROM session")" "1/0"

# New token at login; the previous session of that browser dies.
"${C[@]}" -b "$J" -o "$TMP/home" "$TMS_URL/"
eq "second login in the same browser (303)" "$("${C[@]}" -b "$J" -c "$J" -o /dev/null -w '%{http_code}' \
	--data-urlencode "login=$slogin" --data-urlencode "password=$spw" \
	--data-urlencode "csrf=$(csrf_from "$TMP/home")" "$TMS_URL/login")" 303
sid2=$(cookie "$J" __Host-tms_sid)
check "login issues a new token" test "$sid1" != "$sid2"
eq "the previous token is dead" "$(code GET / -H "Cookie: __Host-tms_sid=$sid1")" 303

# CSRF
eq "a forged session cookie is ignored" "$(code GET / -H "Cookie: __Host-tms_sid=$(printf '%064d' 7)")" 303
eq "POST /logout without a CSRF token is 403" "$(code POST /logout -b "$J" -d x=1)" 403
A=$TMP/admin.jar
eq "admin logs in" "$(login "$A" "$alogin" "$apw")" 303
"${C[@]}" -b "$A" -o "$TMP/admin.html" "$TMS_URL/admin/accounts"
contains "admin sees the account list" "$(cat "$TMP/admin.html")" "<td>$slogin</td>"
admin_csrf=$(csrf_from "$TMP/admin.html")
eq "another session's CSRF token is 403" "$(code POST /logout -b "$J" -d "csrf=$admin_csrf")" 403
eq "staff still logged in after the forged logout" "$(code GET / -b "$J")" 200
eq "POST /login without a CSRF token is 403" \
	"$(code POST /login --data-urlencode "login=$slogin" --data-urlencode "password=$spw")" 403
eq "POST /login with a token but no pre-session cookie is 403" \
	"$(code POST /login --data-urlencode "login=$slogin" --data-urlencode "password=$spw" -d "csrf=$admin_csrf")" 403
eq "POST without a session is 401" "$(code POST /logout -d csrf=x)" 401

# Wrong passwords, unknown users, lock-out (own account, demo accounts untouched)
echo "lock-test-password-1" | "$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml" useradd locktest general "ロック 試験" >/dev/null
L=$TMP/lock.jar
eq "wrong password is 401" "$(login "$L" locktest wrong-password)" 401
contains "wrong password message" "$(cat "$TMP/body")" "ログインIDまたはパスワードが正しくありません"
eq "unknown user gets the same 401" "$(login "$L" nosuchuser wrong-password)" 401
contains "unknown user: same message (no enumeration)" "$(cat "$TMP/body")" "ログインIDまたはパスワードが正しくありません"
# Repeated failures delay the login (1, 2, 4 ... s, at most a minute), never
# lock it (tests/integration/t24-throttle.sh has the rest). Test clock:
# X-Tms-Test-Now (test builds), a day ahead, where the failure above is old.
login_at() { # login_at JAR LOGIN PASSWORD NOW
	"${C[@]}" -c "$1" -b "$1" -o "$TMP/login.html" "$TMS_URL/login"
	"${C[@]}" -c "$1" -b "$1" -o "$TMP/body" -w '%{http_code}' -H "X-Tms-Test-Now: $4" \
		--data-urlencode "login=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$(csrf_from "$TMP/login.html")" --data-urlencode "next=/" "$TMS_URL/login"
}
T=$(( $(date +%s) + 86400 ))
for i in 1 2 3 4; do login_at "$L" locktest wrong-password "$T" >/dev/null; done
eq "after 4 failures the right password waits (429), no lock-out" "$(login_at "$L" locktest lock-test-password-1 "$T")" 429
contains "the wait is given in seconds" "$(cat "$TMP/body")" "あと1秒間ログインできません"
eq "a second later the right password signs in" "$(login_at "$L" locktest lock-test-password-1 $((T + 1)))" 303

# Open redirect
"${C[@]}" -c "$TMP/r.jar" -b "$TMP/r.jar" -o "$TMP/l.html" "$TMS_URL/login?next=//evil.example/"
eq "next=//evil.example is not followed" "$(sed -n 's/.*name="next" value="\([^"]*\)".*/\1/p' "$TMP/l.html")" "/"

# Timeouts
sidL=$(cookie "$L" __Host-tms_sid)
hL=$(printf %s "$sidL" | sha256sum | cut -d' ' -f1)
"${PSQL[@]}" -c "UPDATE session SET last_seen = now() - interval '31 minutes' WHERE token_hash = '$hL'"
eq "idle timeout (30 min) ends the session" "$(code GET / -b "$L")" 303
login "$L" locktest lock-test-password-1 >/dev/null
sidL=$(cookie "$L" __Host-tms_sid)
hL=$(printf %s "$sidL" | sha256sum | cut -d' ' -f1)
"${PSQL[@]}" -c "UPDATE session SET created_at = now() - interval '721 minutes' WHERE token_hash = '$hL'"
eq "absolute timeout (12 h) ends an active session" "$(code GET / -b "$L")" 303

# Logout
"${C[@]}" -b "$J" -o "$TMP/home" "$TMS_URL/"
eq "logout with the session's token (303)" "$(code POST /logout -b "$J" -c "$J" -d "csrf=$(csrf_from "$TMP/home")")" 303
eq "after logout the old cookie is dead" "$(code GET / -H "Cookie: __Host-tms_sid=$sid2")" 303
eq "session row deleted" "$("${PSQL[@]}" -c "SELECT count(*) FROM session WHERE token_hash = '$(printf %s "$sid2" | sha256sum | cut -d' ' -f1)'")" 0

# Logs: one line per request, no secrets
# ---------------------------------------------------------------- in service
# An account of a staff member signs in only while the person is in service
# (from the 採用 date to the last day of a 退職); the day after, its open
# sessions end with no batch job, and a re-hire gives it back. The dates are
# the worker's today (this machine's clock, as the workers read it).
today=$(date +%F); yesterday=$(date -d yesterday +%F); tomorrow=$(date -d tomorrow +%F)
"${PSQL[@]}" -c "INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana, birth_date, gender, employment_type, hire_date)
  VALUES ('T20S', '在職', '確認', 'ザイショク', 'カクニン', '1980-05-01', 'female', 'regular', '2010-04-01')
  ON CONFLICT (staff_no) DO UPDATE SET hire_date = '2010-04-01', retire_date = NULL" >/dev/null
svcpw=in-service-pw-$RANDOM$RANDOM
echo "$svcpw" | "$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml" useradd t20svc general "在職 確認" T20S >/dev/null
SJ=$TMP/svc.jar
eq "a person in service signs in" "$(login "$SJ" t20svc "$svcpw")" 303
eq "and opens the directory" "$(code GET /staff -b "$SJ")" 200
contains "the directory page loaded" "$(cat "$TMP/body")" "職員"
"${PSQL[@]}" -c "UPDATE staff SET retire_date = '$today' WHERE staff_no = 'T20S'" >/dev/null
eq "on the last day of a 退職 the session still holds" "$(code GET /staff -b "$SJ")" 200
"${PSQL[@]}" -c "UPDATE staff SET retire_date = '$yesterday' WHERE staff_no = 'T20S'" >/dev/null
eq "the day after the last day, the open session ends (to sign-in)" "$(code GET /staff -b "$SJ")" 303
eq "its JSON answers 401, not data" "$(code GET /api/staff -b "$SJ")" 401
eq "the right password no longer signs in (403)" "$(login "$TMP/svc2.jar" t20svc "$svcpw")" 403
contains "with the reason in Japanese" "$(cat "$TMP/body")" "本日在職していないため"
eq "a wrong password still gets the usual answer" "$(login "$TMP/svc3.jar" t20svc "wrong-$svcpw")" 401
"${PSQL[@]}" -c "UPDATE staff SET retire_date = NULL, hire_date = '$tomorrow' WHERE staff_no = 'T20S'" >/dev/null
eq "before the 採用 date, no sign-in" "$(login "$TMP/svc4.jar" t20svc "$svcpw")" 403
"${PSQL[@]}" -c "UPDATE staff SET hire_date = '$today' WHERE staff_no = 'T20S'" >/dev/null
eq "re-hired (in service from today), the account signs in again" "$(login "$TMP/svc5.jar" t20svc "$svcpw")" 303
eq "and works" "$(code GET /staff -b "$TMP/svc5.jar")" 200
eq "other accounts are not affected" "$(login "$TMP/adm.jar" "$alogin" "$apw")" 303
# (the person and the account stay, in service, like other tests' fixtures:
# the audit log refers to them)

if grep -rqF -e "$spw" -e "$apw" -e "lock-test-password-1" -e "$sid2" "$TMS_VAR/log/"; then
	nok "no password or token in any log"
else ok "no password or token in any log"; fi
contains "request log line" "$(grep -h 'req method=GET path=/admin/accounts status=403' "$TMS_VAR"/log/tms-*.log | head -1)" "uid="
finish
