#!/bin/bash
# t22-account-admin.sh: the user's own account (/account: password change,
# sessions) and アカウント管理 (/admin/accounts: search, role, disable and
# enable, reset with a one-time code, ending sessions), the last enabled
# admin (also two admins demoting each other at the same moment), what hr
# may and may not do, step-up, and the audit rows of each change.
. "$(dirname "$0")/lib.sh"

# Admin and hr sessions are made in the database (a real session row for
# the demo account): this test is about what they do, not how they sign in
# (their second factor is t2x's). Staff accounts sign in through /login.
mksession() { # mksession LOGIN [USER-AGENT]: prints a session token
	local tok hash
	tok=$(openssl rand -hex 32)
	hash=$(printf %s "$tok" | sha256sum | cut -d' ' -f1)
	q "INSERT INTO session (token_hash, account_id, client_addr, user_agent)
	   SELECT '$hash', id, '127.0.0.1', '${2:-t22}' FROM account WHERE login = '$1'" >/dev/null
	echo "$tok"
}
hash_of() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
# as TOKEN METHOD PATH [curl args]: the status; the body in $TMP/body
as() { local t=$1; shift; code "$@" -H "Cookie: __Host-tms_sid=$t" -D "$TMP/head"; }
csrf_of() { "${C[@]}" -H "Cookie: __Host-tms_sid=$1" -o "$TMP/c.html" "$TMS_URL/account"; csrf_from "$TMP/c.html"; }
# post TOKEN PATH [name=value...]: the status (Location in $TMP/head)
post() {
	local t=$1 p=$2 a=() kv; shift 2
	for kv; do a+=(--data-urlencode "$kv"); done
	as "$t" POST "$p" --data-urlencode "csrf=$(csrf_of "$t")" "${a[@]}"
}
location() { sed -n 's/^location: *//Ip' "$TMP/head" | tr -d '\r'; }
jar_sid() { awk '$6 == "__Host-tms_sid" { print $7 }' "$1" | tail -1; }
alive() { [ "$(as "$1" GET /account)" = 200 ]; }
nsessions() { q "SELECT count(*) FROM session s JOIN account a ON a.id = s.account_id WHERE a.login = '$1'"; }
audits() { # audits ACTION TARGET LOGIN: audit rows since the start naming the account
	q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = '$1' AND target = '$2'
	   AND detail->>'login' = '$3'"
}
A0=$(q "SELECT coalesce(max(id), 0) FROM audit_log")

read -r alogin _ < <(account admin)
read -r hlogin _ < <(account hr)
ADM=$(mksession "$alogin")
HR=$(mksession "$hlogin")

# ------------------------------------------------------------------ change
U=t22user PW1='Kushiro-t22-first!pass' PW2='Kushiro-t22-second!pass'
echo "$PW1" | "${CTL[@]}" useradd $U general "試験 二十二" >/dev/null
uid=$(q "SELECT id FROM account WHERE login = '$U'")
eq "user signs in (device 1)" "$(login "$TMP/u1" $U "$PW1")" 303
IPHONE='Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
C0=("${C[@]}"); C+=(-A "$IPHONE")
eq "user signs in (device 2, a phone)" "$(login "$TMP/u2" $U "$PW1")" 303
C=("${C0[@]}")
eq "user signs in (device 3)" "$(login "$TMP/u3" $U "$PW1")" 303
S1=$(jar_sid "$TMP/u1") S2=$(jar_sid "$TMP/u2") S3=$(jar_sid "$TMP/u3")
eq "GET /account" "$(as "$S1" GET /account)" 200
page=$(cat "$TMP/body")
contains "/account lists the three sessions" "$page" "ログイン中の端末（3台）"
contains "/account marks this device" "$page" "この端末"
contains "/account names the phone's browser and OS" "$page" "Safari（iPhone）"
contains "/account shows the address" "$page" "<td>127.0.0.1</td>"
h0=$(q "SELECT password_hash FROM account WHERE id = $uid")

eq "wrong current password: 400" "$(post "$S1" /account/password/change current=wrong-password \
	password="$PW2" password2="$PW2")" 400
contains "wrong current password: the field says so" "$(cat "$TMP/body")" "現在のパスワード: 正しくありません"
eq "... counted like a failed sign-in (same delays)" "$(q "SELECT failures FROM login_throttle
	WHERE login = '$U' AND client_addr = ''")" 1
eq "confirmation differs: 400" "$(post "$S1" /account/password/change current="$PW1" \
	password="$PW2" password2="${PW2}x")" 400
contains "confirmation differs: the field says so" "$(cat "$TMP/body")" "新しいパスワードと一致しません"
eq "a short new password is refused by the rules: 400" "$(post "$S1" /account/password/change current="$PW1" \
	password=short password2=short)" 400
eq "refused changes left the password as it was" "$(q "SELECT password_hash FROM account WHERE id = $uid")" "$h0"
eq "refused changes ended no session" "$(nsessions $U)" 3
eq "right current password: 303" "$(post "$S1" /account/password/change current="$PW1" \
	password="$PW2" password2="$PW2")" 303
eq "back to /account saying two others ended" "$(location)" "/account?done=password&ended=2"
check "this device stays signed in" alive "$S1"
eq "device 2 is signed out" "$(as "$S2" GET /)" 303
eq "device 3 is signed out (303 to /login)" "$(as "$S3" GET /)" 303
eq "one session left" "$(nsessions $U)" 1
eq "the old password no longer signs in" "$(login "$TMP/u4" $U "$PW1")" 401
eq "the new one does" "$(login "$TMP/u4" $U "$PW2")" 303
eq "audit: the refused change" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'deny'
	AND target = 'account/password' AND actor_account_id = $uid")" 1
eq "audit: the change" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'update'
	AND target = 'account/password' AND actor_account_id = $uid AND detail->>'sessions_ended' = '2'")" 1

# ---------------------------------------------------------------- sessions
S4=$(jar_sid "$TMP/u4")
as "$S1" GET /account >/dev/null
k4=$(hash_of "$S4" | cut -c1-16) k1=$(hash_of "$S1" | cut -c1-16) kA=$(hash_of "$ADM" | cut -c1-16)
contains "the other session has an end button" "$(cat "$TMP/body")" "value=\"$k4\""
eq "ending this device's own session by key does nothing" "$(post "$S1" /account/sessions/end s="$k1")" 303
eq "... and says so" "$(location)" "/account?done=ended&ended=0"
check "... this device is still signed in" alive "$S1"
eq "ending another account's session by key does nothing" "$(post "$S1" /account/sessions/end s="$kA")" 303
check "... the admin is still signed in" alive "$ADM"
eq "a malformed key is 400" "$(post "$S1" /account/sessions/end s="x'; --")" 400
eq "ending device 4" "$(post "$S1" /account/sessions/end s="$k4")" 303
eq "... says one ended" "$(location)" "/account?done=ended&ended=1"
eq "... device 4 is signed out" "$(as "$S4" GET /)" 303
login "$TMP/u5" $U "$PW2" >/dev/null; login "$TMP/u6" $U "$PW2" >/dev/null
S5=$(jar_sid "$TMP/u5") S6=$(jar_sid "$TMP/u6")
eq "end all the others" "$(post "$S1" /account/sessions/end-others)" 303
eq "... two ended" "$(location)" "/account?done=others&ended=2"
eq "... device 5 out" "$(as "$S5" GET /)" 303
eq "... device 6 out" "$(as "$S6" GET /)" 303
check "... this device still in" alive "$S1"
eq "audit: sessions ended by the user" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'delete'
	AND target = 'session' AND actor_account_id = $uid")" 4
eq "POST /account/sessions/end without CSRF is 403" "$(as "$S1" POST /account/sessions/end -d s=$k4)" 403

# ------------------------------------------------------------- search
eq "admin: /admin/accounts" "$(as "$ADM" GET "/admin/accounts?q=$U")" 200
contains "search by login finds the account" "$(cat "$TMP/body")" "<td>$U</td>"
contains "the list links the account's page" "$(cat "$TMP/body")" "href=\"/admin/accounts/$uid\""
no=$(q "SELECT s.staff_no FROM account a JOIN staff s ON s.id = a.staff_id WHERE a.login = 'staff'")
kana=$(q "SELECT s.family_kana FROM account a JOIN staff s ON s.id = a.staff_id WHERE a.login = 'staff'")
unit=$(q "SELECT u.code FROM account a JOIN appointment m ON m.staff_id = a.staff_id AND m.is_main
	AND m.valid @> current_date JOIN org_unit u ON u.id = m.unit_id WHERE a.login = 'staff'")
as "$ADM" GET "/admin/accounts?q=$no" >/dev/null
contains "search by 職員番号" "$(cat "$TMP/body")" "<td>staff</td>"
as "$ADM" GET /admin/accounts -G --data-urlencode "q=$kana" >/dev/null
contains "search by kana" "$(cat "$TMP/body")" "<td>staff</td>"
as "$ADM" GET "/admin/accounts?unit=$unit" >/dev/null
contains "search by unit" "$(cat "$TMP/body")" "<td>staff</td>"
lacks "the unit search leaves out the service account" "$(cat "$TMP/body")" "<td>staff</td>" "<td>$U</td>"
as "$ADM" GET "/admin/accounts?role=admin" >/dev/null
lacks "role filter" "$(cat "$TMP/body")" "<td>$alogin</td>" "<td>staff</td>"
eq "a bad role filter is 400" "$(as "$ADM" GET "/admin/accounts?role=root")" 400
eq "general: /admin/accounts is 403" "$(as "$S1" GET /admin/accounts)" 403
eq "hr: /admin/accounts" "$(as "$HR" GET /admin/accounts)" 200

# ------------------------------------------------------------ disable/enable
V=t22dis PWV='Kushiro-t22-disable!pw'
echo "$PWV" | "${CTL[@]}" useradd $V general "停止 試験" >/dev/null
vid=$(q "SELECT id FROM account WHERE login = '$V'")
login "$TMP/v1" $V "$PWV" >/dev/null; V1=$(jar_sid "$TMP/v1")
check "the account to disable is signed in" alive "$V1"
eq "hr may not disable: 403" "$(post "$HR" /admin/accounts/$vid/disable)" 403
eq "... audited as a refusal" "$(audits deny account/disable $V)" 1
check "... still signed in" alive "$V1"
eq "admin disables: 303" "$(post "$ADM" /admin/accounts/$vid/disable)" 303
eq "... back to the account's page" "$(location)" "/admin/accounts/$vid?done=disable"
eq "... disabled" "$(q "SELECT disabled FROM account WHERE id = $vid")" t
eq "... its session ended at once (row gone)" "$(nsessions $V)" 0
eq "... the browser is signed out" "$(as "$V1" GET /)" 303
st=$(login "$TMP/v2" $V "$PWV")
check "... the right password no longer signs in (got $st)" test "$st" != 303
eq "... audited" "$(audits update account/disable $V)" 1
eq "admin enables: 303" "$(post "$ADM" /admin/accounts/$vid/enable)" 303
eq "... signs in again" "$(login "$TMP/v3" $V "$PWV")" 303
eq "... audited" "$(audits update account/enable $V)" 1

# ------------------------------------------------------------------ role
eq "hr may not change a role: 403" "$(post "$HR" /admin/accounts/$vid/role role=hr)" 403
eq "... audited as a refusal" "$(audits deny account/role $V)" 1
eq "... role unchanged" "$(q "SELECT role FROM account WHERE id = $vid")" general
eq "an unknown role is 400" "$(post "$ADM" /admin/accounts/$vid/role role=root)" 400
eq "admin makes it hr: 303" "$(post "$ADM" /admin/accounts/$vid/role role=hr)" 303
eq "... role hr" "$(q "SELECT role FROM account WHERE id = $vid")" hr
eq "... more rights: its sessions ended (it signs in again)" "$(nsessions $V)" 0
eq "... audited with from and to" "$(q "SELECT detail->>'from' || '>' || (detail->>'to') FROM audit_log
	WHERE id > $A0 AND action = 'update' AND target = 'account/role' AND detail->>'login' = '$V'")" "general>hr"
eq "admin makes it general again" "$(post "$ADM" /admin/accounts/$vid/role role=general)" 303

# ------------------------------------------------------------------ step-up
q "UPDATE session SET verified_at = now() - interval '11 minutes' WHERE token_hash = '$(hash_of "$ADM")'" >/dev/null
eq "a stale check: disabling asks for the password and code again" "$(post "$ADM" /admin/accounts/$vid/disable)" 303
contains "... at /account/verify" "$(location)" "/account/verify"
eq "... nothing changed" "$(q "SELECT disabled FROM account WHERE id = $vid")" f
q "UPDATE session SET verified_at = now() WHERE token_hash = '$(hash_of "$ADM")'" >/dev/null

# ------------------------------------------------------------------ reset
login "$TMP/r1" $U "$PW2" >/dev/null
eq "the user has two sessions before the reset" "$(nsessions $U)" 2
eq "admin resets the user's password: 303" "$(post "$ADM" /admin/accounts/$uid/reset)" 303
loc=$(location)
contains "... back to the account's page with the notice's batch" "$loc" "/admin/accounts/$uid?done=reset&batch="
batch=$(sed -n 's/.*batch=\([0-9]*\).*/\1/p' <<<"$loc")
eq "... every session of the account ended at once" "$(nsessions $U)" 0
eq "... device 1 is signed out" "$(as "$S1" GET /)" 303
eq "... must set a password at the next sign-in" "$(q "SELECT must_change_password::text || (password_hash IS NULL)::text
	FROM account WHERE id = $uid")" truetrue
eq "... audited" "$(audits update account/reset $U)" 1
as "$ADM" GET "/admin/accounts/$uid?done=reset&batch=$batch" >/dev/null
contains "... the page links the notice" "$(cat "$TMP/body")" "/admin/accounts/notices?batch=$batch"
eq "the notice's CSV" "$(as "$ADM" GET "/admin/accounts/notices.csv?batch=$batch")" 200
rcode=$(grep -o '[A-Z2-9]\{4\}-[A-Z2-9]\{4\}-[A-Z2-9]\{4\}-[A-Z2-9]\{4\}-[A-Z2-9]\{4\}' "$TMP/body" | head -1)
check "... holds the new code" test -n "$rcode"
eq "the old password no longer signs in" "$(login "$TMP/r2" $U "$PW2")" 401
eq "the code signs in" "$(login "$TMP/r3" $U "$rcode")" 303
eq "... to set a new password" "$(sed -n 's/^location: *//Ip' <("${C[@]}" -b "$TMP/r3" -D - -o /dev/null "$TMS_URL/") | tr -d '\r')" "/account/password"
st=$(login "$TMP/r4" $U "$rcode")
check "the code does not work twice (got $st)" test "$st" != 303

# hr resets a general account, not an admin's
eq "hr resets a general account: 303" "$(post "$HR" /admin/accounts/$uid/reset)" 303
eq "... audited" "$(audits update account/reset $U)" 2
aid=$(q "SELECT id FROM account WHERE login = '$alogin'")
eq "hr may not reset an admin account: 403" "$(post "$HR" /admin/accounts/$aid/reset)" 403
eq "... audited as a refusal" "$(audits deny account/reset $alogin)" 1
check "... the admin is still signed in" alive "$ADM"

# ------------------------------------------------------------ last admin
B=t22adm PWB='Kushiro-t22-admin!pass'
echo "$PWB" | "${CTL[@]}" useradd $B admin "管理 二十二" >/dev/null
bid=$(q "SELECT id FROM account WHERE login = '$B'")
# only the demo admin and B are enabled admins during this part
others=$(q "SELECT string_agg(id::text, ',') FROM account WHERE role = 'admin' AND NOT disabled
	AND id NOT IN ($aid, $bid)")
[ -z "$others" ] || q "UPDATE account SET disabled = true WHERE id IN ($others)" >/dev/null
ADB=$(mksession $B)
eq "admin disables the other admin (one remains)" "$(post "$ADM" /admin/accounts/$bid/disable)" 303
eq "the last enabled admin cannot demote itself: 409" "$(post "$ADM" /admin/accounts/$aid/role role=general)" 409
contains "... with the reason" "$(cat "$TMP/body")" "有効なシステム管理者がこのアカウントだけになる"
eq "... still admin" "$(q "SELECT role FROM account WHERE id = $aid")" admin
eq "the last enabled admin cannot disable itself: 409" "$(post "$ADM" /admin/accounts/$aid/disable)" 409
eq "... still enabled" "$(q "SELECT disabled FROM account WHERE id = $aid")" f
eq "... both refusals audited" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'deny'
	AND target IN ('account/role', 'account/disable') AND detail->>'login' = '$alogin'")" 2
eq "admin enables the other admin again" "$(post "$ADM" /admin/accounts/$bid/enable)" 303
ADB=$(mksession $B)

# Two admins demote each other at the same moment. A transaction holds
# both rows until both requests wait for it, so both statements start
# before either commits: without the locks both would pass.
csA=$(csrf_of "$ADM") csB=$(csrf_of "$ADB")
for round in 1 2; do
	mkfifo "$TMP/lock$round"
	"${PSQL[@]}" < "$TMP/lock$round" > "$TMP/lock$round.out" &
	lockpid=$!
	exec 7> "$TMP/lock$round"
	echo "BEGIN; SELECT 1 FROM account WHERE id IN ($aid, $bid) FOR UPDATE; SELECT 'xid=' || pg_current_xact_id();" >&7
	for i in $(seq 1 100); do grep -q '^xid=' "$TMP/lock$round.out" && break; sleep 0.1; done
	xid=$(sed -n 's/^xid=//p' "$TMP/lock$round.out")
	"${C[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: __Host-tms_sid=$ADM" --data-urlencode "csrf=$csA" \
		-d role=general "$TMS_URL/admin/accounts/$bid/role" > "$TMP/ra" &
	pa=$!
	"${C[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: __Host-tms_sid=$ADB" --data-urlencode "csrf=$csB" \
		-d role=general "$TMS_URL/admin/accounts/$aid/role" > "$TMP/rb" &
	pb=$!
	waiting=0
	for i in $(seq 1 200); do
		waiting=$(q "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted
			AND ((locktype = 'transactionid' AND transactionid::text = '$xid')
			OR (locktype = 'tuple' AND relation = 'account'::regclass))")
		[ "$waiting" -ge 2 ] && break; sleep 0.05
	done
	eq "round $round: both demotions wait on the held rows" "$waiting" 2
	echo "COMMIT;" >&7; exec 7>&-
	wait $pa $pb $lockpid
	eq "round $round: one demotion passes, the other is refused" "$(printf '%s\n' "$(cat "$TMP/ra")" "$(cat "$TMP/rb")" | sort | tr '\n' ' ')" "303 409 "
	eq "round $round: one enabled admin is left" "$(q "SELECT count(*) FROM account WHERE role = 'admin'
		AND NOT disabled AND id IN ($aid, $bid)")" 1
	# the survivor makes the other admin again
	if [ "$(q "SELECT role FROM account WHERE id = $aid")" = admin ]; then
		eq "round $round: the survivor promotes the other back" "$(post "$ADM" /admin/accounts/$bid/role role=admin)" 303
		ADB=$(mksession $B); csB=$(csrf_of "$ADB")
	else
		eq "round $round: the survivor promotes the other back" "$(post "$ADB" /admin/accounts/$aid/role role=admin)" 303
		ADM=$(mksession "$alogin"); csA=$(csrf_of "$ADM")
	fi
	rm -f "$TMP/lock$round"
done
eq "the refused demotions are audited" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'deny'
	AND target = 'account/role' AND detail->>'login' IN ('$alogin', '$B')")" 3

# admin ends all sessions of an account
login "$TMP/e1" $V "$PWV" >/dev/null
eq "admin ends every session of an account" "$(post "$ADM" /admin/accounts/$vid/sessions)" 303
eq "... none left" "$(nsessions $V)" 0
eq "... audited" "$(audits delete account/sessions $V)" 1
eq "hr may not end sessions: 403" "$(post "$HR" /admin/accounts/$vid/sessions)" 403

# clean up: B off, the other admins as they were
q "UPDATE account SET disabled = true WHERE id = $bid" >/dev/null
[ -z "$others" ] || q "UPDATE account SET disabled = false WHERE id IN ($others)" >/dev/null
finish
