#!/bin/bash
# t24-throttle.sh: sign-in delays that cannot lock the city out (issue 13).
# Failures grow a delay per (address, login) and per login (1, 2, 4 ... s,
# at most 60 s); during it a sign-in is answered at once with the seconds
# left, without checking the password, and is not counted; after it the
# right password passes. Failures of other logins from the same address (a
# city hall's NAT) never delay a login. Admin sees and clears the delays.
# Time is the test clock (X-Tms-Test-Now, test builds only): no sleeping.
. "$(dirname "$0")/lib.sh"

# post_login JAR LOGIN PASSWORD NOW: POST /login at test time NOW (unix
# seconds; "" = the real clock); prints the status, the page in $TMP/body
post_login() {
	local jar=$1 now=()
	[ -z "$4" ] || now=(-H "X-Tms-Test-Now: $4")
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/form.html" "$TMS_URL/login"
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/body" -w '%{http_code}' "${now[@]}" \
		--data-urlencode "login=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$(csrf_from "$TMP/form.html")" --data-urlencode "next=/" "$TMS_URL/login"
}
# the documented schedule: no delay for the first FREE failures, then 1, 2,
# 4 ... seconds, at most 60
delay() { local n=$1 free=$2 d; [ "$n" -le "$free" ] && { echo 0; return; }; d=$((1 << (n - free - 1 > 7 ? 7 : n - free - 1))); echo $((d > 60 ? 60 : d)); }
max() { echo $(($1 > $2 ? $1 : $2)); }
LOGS=("$TMS_VAR"/log/tms-a.log "$TMS_VAR"/log/tms-b.log)
marks() { local f; for f in "${LOGS[@]}"; do wc -l < "$f"; done | paste -sd' '; }
worker_ms() { # worker_ms STATUS "MARKS": ms of the POST /login lines since MARKS with that status
	local m f i=0
	read -r -a m <<<"$2"
	for f in "${LOGS[@]}"; do tail -n +"$(( ${m[i]} + 1 ))" "$f"; i=$((i + 1)); done |
		sed -n "s/.* req method=POST path=\/login status=$1 ms=\([0-9.]*\).*/\1/p"
}

read -r alogin apw < <(account admin)
pw=t24-right-password-$RANDOM$RANDOM
echo "$pw" | "${CTL[@]}" useradd t24user general "待機 試験" >/dev/null
echo "$pw" | "${CTL[@]}" useradd t24other general "別人 試験" >/dev/null
echo "$pw" | "${CTL[@]}" useradd t24clear general "解除 試験" >/dev/null
q "DELETE FROM login_throttle WHERE login LIKE 't24%'"
J=$TMP/u.jar

# ------------------------------------------------ 20 wrong passwords, then
T0=$(( $(date +%s) + 7 * 86400 )) t=$T0 bad=0 early=""
mark=$(marks)
for i in $(seq 1 20); do
	s=$(post_login "$J" t24user "wrong-$i" "$t")
	[ "$s" = 401 ] || bad=$((bad + 1))
	w=$(max "$(delay "$i" 3)" "$(delay "$i" 10)")
	# right after a failure that set a delay: answered 429 at once, even
	# for the right password, and not counted
	if [ "$w" -gt 0 ] && [ -z "$early" ]; then
		early=$(post_login "$J" t24user "$pw" "$t")
		contains "during a delay: the seconds left, in Japanese" "$(cat "$TMP/body")" "あと${w}秒間ログインできません"
	fi
	t=$((t + w))
done
eq "20 wrong passwords, each sent once its delay had passed, are each checked (401)" "$bad" 0
eq "the right password during a delay is refused (429), not checked" "$early" 429
eq "failures counted: 20 for (address, login) and 20 for the login; refused attempts not counted" \
	"$(q "SELECT string_agg(CASE client_addr WHEN '' THEN 'all' ELSE 'addr' END || '=' || failures, ' ' ORDER BY client_addr DESC) FROM login_throttle WHERE login = 't24user'")" \
	"addr=20 all=20"
tl=$T0; for i in $(seq 1 19); do tl=$((tl + $(max "$(delay "$i" 3)" "$(delay "$i" 10)"))); done
eq "the longest delay is 60 s (until - last failure)" \
	"$(q "SELECT max(extract(epoch FROM until - last_failure))::int FROM login_throttle WHERE login = 't24user'")" 60
eq "30 s after the 20th failure: the right password waits (429)" "$(post_login "$J" t24user "$pw" $((tl + 30)))" 429
contains "with the 30 seconds left" "$(cat "$TMP/body")" "あと30秒間"
eq "59 s after: still 429" "$(post_login "$J" t24user "$pw" $((tl + 59)))" 429
contains "with 1 second left" "$(cat "$TMP/body")" "あと1秒間"
eq "60 s after the 20th failure the right password signs in (303)" "$(post_login "$J" t24user "$pw" $((tl + 60)))" 303
eq "and the session works" "$(code GET / -b "$J")" 200
eq "a correct sign-in forgets the login's failures" "$(q "SELECT count(*) FROM login_throttle WHERE login = 't24user'")" 0
# cheap refusal: a delayed attempt computes no PBKDF2 (310,000 iterations)
ms429=$(worker_ms 429 "$mark" | sort -n | tail -1)
ms401=$(worker_ms 401 "$mark" | sort -n | head -1)
check "a refused attempt costs less than any checked password (${ms429:-?} ms < ${ms401:-?} ms)" \
	awk -v a="${ms429:-x}" -v b="${ms401:-0}" 'BEGIN { exit !(a != "x" && a + 0 < b + 0) }'
contains "the delay is logged without the password" "$(grep -h 'login delayed seconds=' "$TMS_VAR"/log/tms-*.log | tail -1)" "seconds="

# ------------------------------------------------ one NAT address, many logins
# Sixty failures from this address on sixty other logins (the old code
# refused every password from an address after 50).
bad=0
for i in $(seq 1 60); do
	s=$(post_login "$TMP/nat.jar" "t24nat$i" "wrong-password" "")
	[ "$s" = 401 ] || bad=$((bad + 1))
done
eq "60 failures of 60 logins from one address: each one checked (401), none delayed" "$bad" 0
eq "another login from the same address signs in at once (303)" "$(post_login "$TMP/o.jar" t24other "$pw" "")" 303
eq "no delay is running for the other login" "$(q "SELECT count(*) FROM login_throttle WHERE login = 't24other'")" 0

# ------------------------------------------------ admin sees and clears
t=$T0
for i in 1 2 3 4 5 6; do post_login "$TMP/c.jar" t24clear "wrong-$i" "$t" >/dev/null; t=$((t + $(delay "$i" 3))); done
t=$((t - 4))	# the 6th failure set a 4 s delay
eq "a delay runs for t24clear" "$(post_login "$TMP/c.jar" t24clear "$pw" "$t")" 429
A=$TMP/admin.jar
eq "admin signs in" "$(login "$A" "$alogin" "$apw")" 303
eq "general staff cannot see the delays (403)" "$(code GET /admin/throttle -b "$J")" 403
eq "admin opens ログイン待ち時間 (200)" "$(code GET /admin/throttle -b "$A" -H "X-Tms-Test-Now: $t")" 200
cp "$TMP/body" "$TMP/throttle.html"
contains "the page lists the login" "$(cat "$TMP/throttle.html")" "<th scope=\"row\">t24clear</th>"
contains "with the address" "$(cat "$TMP/throttle.html")" "127.0.0.1"
contains "and the row for all addresses" "$(cat "$TMP/throttle.html")" "（全アドレス合計）"
contains "and the seconds left" "$(cat "$TMP/throttle.html")" "4 秒"
contains "the menu has the entry" "$(cat "$TMP/throttle.html")" ">ログイン待ち時間</a>"
csrf=$(csrf_from "$TMP/throttle.html")
eq "admin clears the address row (303)" "$(code POST /admin/throttle/clear -b "$A" --data-urlencode "csrf=$csrf" -d login=t24clear -d address=127.0.0.1)" 303
eq "admin clears the login row (303)" "$(code POST /admin/throttle/clear -b "$A" --data-urlencode "csrf=$csrf" -d login=t24clear --data-urlencode address=)" 303
eq "clearing without a CSRF token is refused (403)" "$(code POST /admin/throttle/clear -b "$A" -d all=1)" 403
eq "the rows are gone" "$(q "SELECT count(*) FROM login_throttle WHERE login = 't24clear'")" 0
eq "at once, within the old delay, the right password signs in (303)" "$(post_login "$TMP/c.jar" t24clear "$pw" "$t")" 303
eq "the clearing is in the audit trail" \
	"$(q "SELECT count(*) FROM audit_log WHERE action = 'delete' AND target = 'login_throttle' AND detail->>'login' = 't24clear' AND result = 'ok'")" 2
eq "clear all (303)" "$(code POST /admin/throttle/clear -b "$A" --data-urlencode "csrf=$csrf" -d all=1)" 303
eq "no delay is left" "$(q "SELECT count(*) FROM login_throttle")" 0

# ------------------------------------------------ audit of sign-ins
eq "failed sign-ins are audited with login and address (20 wrong, 3 delayed)" \
	"$(q "SELECT count(*) FROM audit_log WHERE action = 'login' AND result = 'denied' AND detail->>'login' = 't24user' AND client_addr = '127.0.0.1'")" 23
eq "the successful one too" \
	"$(q "SELECT count(*) FROM audit_log WHERE action = 'login' AND result = 'ok' AND detail->>'login' = 't24user'")" 1
"${C[@]}" -b "$J" -o "$TMP/home" "$TMS_URL/"
eq "sign-out (303)" "$(code POST /logout -b "$J" -d "csrf=$(csrf_from "$TMP/home")")" 303
eq "sign-out is audited" \
	"$(q "SELECT count(*) FROM audit_log l JOIN account a ON a.id = l.actor_account_id WHERE l.action = 'logout' AND a.login = 't24user'")" 1
finish
