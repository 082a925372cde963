#!/bin/bash
# t23-totp.sh: the second factor (issue 13). Enrolment with a QR code drawn
# on the server and the key in text, confirmed by a real code (oathtool);
# wrong codes; a code is accepted once (the replay guard, also between two
# sessions sending it at the same moment); recovery codes, each once; too
# many wrong codes end the sign-in; step-up before bulk exports and account
# changes once the last check is 10 minutes old; a role that requires TOTP
# (auth.totp_roles, set on reloaded pools) forces enrolment; admin resets
# another account's second factor. Time is the test clock (X-Tms-Test-Now,
# test builds only): codes are computed for it, nothing sleeps.
. "$(dirname "$0")/lib.sh"

pw=t23-pass-$RANDOM$RANDOM
echo "$pw" | "${CTL[@]}" useradd t23g general "二要素 一般" >/dev/null
echo "$pw" | "${CTL[@]}" useradd t23h hr "二要素 人事" >/dev/null
q "UPDATE account SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE login IN ('t23g', 't23h');
   DELETE FROM totp_recovery WHERE account_id IN (SELECT id FROM account WHERE login IN ('t23g', 't23h'))"
GID=$(q "SELECT id FROM account WHERE login = 't23g'")
HID=$(q "SELECT id FROM account WHERE login = 't23h'")
A0=$(q "SELECT coalesce(max(id), 0) FROM audit_log")
# test times: a base of our own, far from the real clock and other tests'
T=$(( ($(date +%s) / 30 + 100000) * 30 ))

# req JAR METHOD PATH [curl args]: "STATUS LOCATION"; the page in $TMP/body
req() {
	local jar=$1 m=$2 p=$3; shift 3
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -X "$m" "$@" "$TMS_URL$p" > "$TMP/st"
	echo "$(cat "$TMP/st") $(sed -n 's/^[Ll]ocation: *\([^\r]*\).*/\1/p' "$TMP/hdr" | head -1)" | sed 's/ $//'
}
# post JAR PATH FORMPAGE [curl args]: a POST with the csrf token of FORMPAGE
post() {
	local jar=$1 p=$2 f=$3; shift 3
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/form.html" "$TMS_URL$f"
	req "$jar" POST "$p" --data-urlencode "csrf=$(csrf_from "$TMP/form.html")" "$@"
}
at() { echo "X-Tms-Test-Now: $1"; }
otp() { oathtool --totp -b --now="@$2" "$1"; }
# pw_login JAR LOGIN: the password step only: "STATUS LOCATION"
pw_login() {
	"${C[@]}" -c "$1" -b "$1" -o "$TMP/login.html" "$TMS_URL/login"
	req "$1" POST /login --data-urlencode "login=$2" --data-urlencode "password=$pw" \
		--data-urlencode "csrf=$(csrf_from "$TMP/login.html")" --data-urlencode "next=/"
}
code_post() { # code_post JAR FIELD VALUE TIME: at /login/totp
	post "$1" /login/totp /login/totp -H "$(at "$4")" --data-urlencode "$2=$3"
}
logout() { post "$1" /logout / >/dev/null; rm -f "$1"; }

# ------------------------------------------------------------ enrolment
G=$TMP/g.jar
eq "general account without a second factor: no code asked" "$(pw_login "$G" t23g)" "303 /"
eq "the enrolment page opens" "$(req "$G" GET /account/totp)" 200
page=$(cat "$TMP/body")
contains "a QR code drawn as inline SVG" "$page" '<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
contains "the SVG is an image with a text alternative" "$page" 'role="img" aria-label="認証アプリに登録するためのQRコード'
contains "its modules are a path starting with the finder pattern (quiet zone 4)" "$page" '<path d="M4 4h7v1h-7z'
lacks "no outside service draws it" "$page" "2段階認証" "<img" "googleapis" "qrserver"
key=$(sed -n 's/.*<code id="totp-key">\([A-Z2-7 ]*\)<\/code>.*/\1/p' "$TMP/body")
check "the key is shown in text, in groups of four ($key)" test "$(echo "$key" | tr -d ' ' | wc -c)" = 33 -a "${key:4:1}" = " "
K=$(echo "$key" | tr -d ' ')
req "$G" GET /account/totp >/dev/null
eq "the key stays the same until it is confirmed" "$(sed -n 's/.*<code id="totp-key">\([A-Z2-7 ]*\)<\/code>.*/\1/p' "$TMP/body")" "$key"
hex=$(echo "$K" | base32 -d | od -An -tx1 | tr -d ' \n')
eq "the key is stored sealed: 48 bytes, not holding the key" \
	"$(q "SELECT length(totp_secret) || ' ' || position('\\x$hex'::bytea IN totp_secret) || ' ' || (totp_enrolled_at IS NULL) FROM account WHERE id = $GID")" "48 0 true"

eq "a wrong first code is refused (400)" "$(post "$G" /account/totp /account/totp -H "$(at "$T")" --data-urlencode "code=000000")" 400
contains "... with a Japanese message" "$(cat "$TMP/body")" "確認コードが正しくありません"
eq "... and the second factor stays off" "$(q "SELECT totp_enrolled_at IS NULL FROM account WHERE id = $GID")" t
eq "the right code turns it on" "$(post "$G" /account/totp /account/totp -H "$(at "$T")" --data-urlencode "code=$(otp "$K" "$T")")" 200
mapfile -t RC < <(sed -n 's/.*<li><code>\([A-Z0-9-]*\)<\/code><\/li>.*/\1/p' "$TMP/body")
eq "ten recovery codes are shown once" "${#RC[@]}" 10
check "recovery codes have 100 bits (20 letters in groups of four: ${RC[0]})" \
	test "$(echo "${RC[0]}" | tr -d '-' | wc -c)" = 21
eq "enrolled, the first code's step used, ten unused recovery codes stored as hashes" \
	"$(q "SELECT (a.totp_enrolled_at IS NOT NULL) || ' ' || (a.totp_last_step = $T / 30) || ' ' || count(r.*) FILTER (WHERE r.used_at IS NULL)
	      || ' ' || count(r.*) FILTER (WHERE r.code_hash ~ '^[0-9a-f]{64}$' AND r.code_hash NOT LIKE '%' || replace('${RC[0]}', '-', '') || '%')
	      FROM account a JOIN totp_recovery r ON r.account_id = a.id WHERE a.id = $GID GROUP BY a.id")" "true true 10 10"
eq "enrolment is audited" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND actor_account_id = $GID AND action = 'create' AND target = 'account/totp'")" 1
req "$G" GET /account/totp >/dev/null
lacks "the codes are not shown again" "$(cat "$TMP/body")" "未使用のリカバリーコード" "${RC[0]}" "${RC[9]}" "totp-key"
logout "$G"

# ------------------------------------------------------------ sign-in with the code
eq "with a second factor, the password leads to the code page" "$(pw_login "$G" t23g)" "303 /login/totp"
eq "... and nothing else opens before the code" "$(req "$G" GET /staff)" "303 /login/totp"
eq "... no other POST either (403)" "$(post "$G" /account/verify /login/totp --data-urlencode "password=$pw")" 403
eq "a wrong code is refused (401)" "$(code_post "$G" code 123456 $((T + 60)))" 401
contains "... with a Japanese message" "$(cat "$TMP/body")" "確認コードが正しくないか、既に使用されています"
eq "the failed code is audited" \
	"$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND actor_account_id = $GID AND action = 'deny' AND target = 'login/totp' AND result = 'denied'")" 1
eq "the code of the step already used at enrolment is refused (replay)" "$(code_post "$G" code "$(otp "$K" "$T")" "$T")" 401
eq "the right code signs in" "$(code_post "$G" code "$(otp "$K" $((T + 60)))" $((T + 60)))" "303 /"
eq "... and the pages open" "$(req "$G" GET /staff)" 200
logout "$G"
eq "the same code again, in its window, from a new sign-in: refused (replay)" \
	"$(pw_login "$G" t23g; code_post "$G" code "$(otp "$K" $((T + 60)))" $((T + 60)))" "$(printf '303 /login/totp\n401')"
eq "a code of an earlier step (still in the ±1 window) after a later one: refused" \
	"$(code_post "$G" code "$(otp "$K" $((T + 30)))" $((T + 60)))" 401
eq "the next step's code passes" "$(code_post "$G" code "$(otp "$K" $((T + 90)))" $((T + 90)))" "303 /"
logout "$G"

# two sessions send the same fresh code at the same moment: one passes
G1=$TMP/g1.jar G2=$TMP/g2.jar
pw_login "$G1" t23g >/dev/null; pw_login "$G2" t23g >/dev/null
"${C[@]}" -b "$G1" -o "$TMP/f1.html" "$TMS_URL/login/totp"; "${C[@]}" -b "$G2" -o "$TMP/f2.html" "$TMS_URL/login/totp"
c=$(otp "$K" $((T + 120)))
for j in 1 2; do
	jar=$TMP/g$j.jar
	"${C[@]}" -b "$jar" -o /dev/null -w '%{http_code}\n' -H "$(at $((T + 120)))" --data-urlencode "code=$c" \
		--data-urlencode "csrf=$(csrf_from "$TMP/f$j.html")" "$TMS_URL/login/totp" > "$TMP/race$j" &
done
wait
eq "the same code sent by two sessions at once: exactly one passes" "$(cat "$TMP/race1" "$TMP/race2" | sort | tr '\n' ' ')" "303 401 "
logout "$G1"; logout "$G2"

# ------------------------------------------------------------ recovery codes
pw_login "$G" t23g >/dev/null
eq "a recovery code signs in instead of the code" "$(code_post "$G" recovery "${RC[0]}" $((T + 150)))" "303 /account/totp?recovery=used"
req "$G" GET "/account/totp?recovery=used" >/dev/null
contains "... and the page says how many are left" "$(cat "$TMP/body")" "残りのリカバリーコードは9個です"
logout "$G"
pw_login "$G" t23g >/dev/null
eq "the same recovery code again is refused" "$(code_post "$G" recovery "${RC[0]}" $((T + 150)))" 401
contains "... with a Japanese message" "$(cat "$TMP/body")" "リカバリーコードが正しくないか、既に使用されています"
eq "another one, typed in lower case without hyphens, passes" \
	"$(code_post "$G" recovery "$(echo "${RC[1]}" | tr -d '-' | tr 'A-Z' 'a-z')" $((T + 150)))" "303 /account/totp?recovery=used"
eq "two recovery codes used, eight left" "$(q "SELECT count(*) FILTER (WHERE used_at IS NOT NULL) || ' ' || count(*) FILTER (WHERE used_at IS NULL) FROM totp_recovery WHERE account_id = $GID")" "2 8"
logout "$G"

# ------------------------------------------------------------ too many wrong codes
pw_login "$G" t23g >/dev/null
for i in 1 2 3 4; do code_post "$G" code 00000$i $((T + 180)) >/dev/null; done
eq "the 5th wrong code in one sign-in ends it (401)" "$(code_post "$G" code 000005 $((T + 180)))" 401
contains "... saying to start again with the password" "$(cat "$TMP/body")" "ログインを中止しました"
eq "... the session is gone" "$(req "$G" GET /staff)" "303 /login?next=/staff"
eq "a new sign-in with the password and the right code works" \
	"$(pw_login "$G" t23g; code_post "$G" code "$(otp "$K" $((T + 180)))" $((T + 180)))" "$(printf '303 /login/totp\n303 /')"

# ------------------------------------------------------------ turning it off
eq "turning it off needs a code: a wrong one is refused (401)" \
	"$(post "$G" /account/totp/disable /account/totp -H "$(at $((T + 210)))" --data-urlencode "code=999999")" 401
eq "... still on" "$(q "SELECT totp_enrolled_at IS NOT NULL FROM account WHERE id = $GID")" t
eq "with the right code it goes off (optional for general staff)" \
	"$(post "$G" /account/totp/disable /account/totp -H "$(at $((T + 210)))" --data-urlencode "code=$(otp "$K" $((T + 210)))")" \
	"303 /account/totp?saved=off"
eq "... key, step and recovery codes gone" \
	"$(q "SELECT (totp_secret IS NULL AND totp_enrolled_at IS NULL AND totp_last_step IS NULL) || ' ' || (SELECT count(*) FROM totp_recovery WHERE account_id = $GID) FROM account WHERE id = $GID")" "true 0"
logout "$G"
eq "... and the sign-in asks no code again" "$(pw_login "$G" t23g)" "303 /"
logout "$G"

# ------------------------------------------------------------ required for a role
# auth.totp_roles on both pools: hr must enrol before anything else
set_roles() {
	local f
	for f in "$TMS_VAR"/etc/tms-a.yaml "$TMS_VAR"/etc/tms-b.yaml; do
		awk -v v="$1" '/^  totp_roles:/ { next }
			{ print } /^auth:/ { print "  totp_roles: \"" v "\""; done = 1 }
			END { if (!done) print "auth:\n  totp_roles: \"" v "\"" }' "$f" > "$f.t23" && cat "$f.t23" > "$f" && rm "$f.t23"
	done
}
cp "$TMS_VAR/etc/tms-a.yaml" "$TMP/a.yaml"; cp "$TMS_VAR/etc/tms-b.yaml" "$TMP/b.yaml"
set_roles "hr admin"
check "pools reloaded with auth.totp_roles: hr admin" reload_all
H=$TMP/h.jar
eq "hr without a second factor: the password leads to enrolment" "$(pw_login "$H" t23h)" "303 /account/totp"
eq "... other pages send back to it" "$(req "$H" GET /staff)" "303 /account/totp"
eq "... the code page is not for this stage" "$(req "$H" GET /login/totp)" "303 /account/totp"
H2=$TMP/h2.jar
eq "a second sign-in of hr waits for enrolment too" "$(pw_login "$H2" t23h)" "303 /account/totp"
req "$H" GET /account/totp >/dev/null
contains "the enrolment page says it is required" "$(cat "$TMP/body")" "2段階認証が必須です"
HK=$(sed -n 's/.*<code id="totp-key">\([A-Z2-7 ]*\)<\/code>.*/\1/p' "$TMP/body" | tr -d ' ')
eq "enrolment with a code ends the stage" \
	"$(post "$H" /account/totp /account/totp -H "$(at "$T")" --data-urlencode "code=$(otp "$HK" "$T")")" 200
contains "... the codes page continues to the home page" "$(cat "$TMP/body")" '<a class="button primary" href="/">'
eq "... which now opens" "$(req "$H" GET /)" 200
eq "the other session waiting to enrol must now enter a code" "$(req "$H2" GET /account/totp)" "303 /login/totp"
eq "... nothing else opens before it" "$(req "$H2" GET /staff)" "303 /login/totp"
eq "... and with it, the pages open" "$(code_post "$H2" code "$(otp "$HK" $((T + 30)))" $((T + 30)))" "303 /"

# step-up: bulk exports need a check younger than 10 minutes (test clock)
hsid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$H" | tail -1)
V=$(q "SELECT extract(epoch FROM verified_at)::bigint FROM session WHERE token_hash = '$(printf %s "$hsid" | sha256sum | cut -d' ' -f1)'")
eq "the enrolment was the session's last check (at its code's time)" "$V" "$T"
eq "export 9 minutes after the last check: no step-up" "$(req "$H" GET /admin/export/units.csv -H "$(at $((V + 540)))" | cut -c1-3)" 200
eq "export 11 minutes after: sent to the check, then back" "$(req "$H" GET "/admin/export/units.csv?encoding=utf-8" -H "$(at $((V + 660)))")" \
	"303 /account/verify?next=/admin/export/units.csv%3Fencoding%3Dutf-8"
eq "duty export 11 minutes after: the check too" "$(req "$H" GET /duties/export -H "$(at $((V + 660)))")" \
	"303 /account/verify?next=/duties/export"
req "$H" GET "/account/verify?next=/duties/export" -H "$(at $((V + 660)))" >/dev/null
contains "the check asks password and code" "$(cat "$TMP/body")" 'name="code"'
eq "a wrong password at the check is refused (401)" "$(post "$H" /account/verify "/account/verify?next=/duties/export" -H "$(at $((V + 660)))" \
	--data-urlencode "password=wrong-$pw" --data-urlencode "code=$(otp "$HK" $((V + 660)))" --data-urlencode "next=/duties/export")" 401
eq "password and a fresh code pass, back to the export" "$(post "$H" /account/verify "/account/verify?next=/duties/export" -H "$(at $((V + 660)))" \
	--data-urlencode "password=$pw" --data-urlencode "code=$(otp "$HK" $((V + 660)))" --data-urlencode "next=/duties/export")" "303 /duties/export"
eq "... and the export now opens at that time" "$(req "$H" GET /duties/export -H "$(at $((V + 700)))" | cut -c1-3)" 200
logout "$H"
eq "hr's next sign-in asks the code" "$(pw_login "$H" t23h)" "303 /login/totp"
logout "$H"

# admin resets hr's second factor (account change: step-up first)
read -r alogin apw < <(account admin)
A=$TMP/a.jar
eq "admin signs in (with the demo account's second factor, if set)" "$(login "$A" "$alogin" "$apw")" 303
eq "a reset with a check older than 10 minutes goes to the check first" \
	"$(post "$A" "/admin/accounts/$HID/totp-reset" / -H "$(at $(( $(date +%s) + 86400 )))")" \
	"303 /account/verify?next=/admin/accounts/$HID"
eq "... nothing reset" "$(q "SELECT totp_enrolled_at IS NOT NULL FROM account WHERE id = $HID")" t
eq "a general account cannot reset (403)" "$(pw_login "$G" t23g >/dev/null; post "$G" "/admin/accounts/$HID/totp-reset" / | cut -c1-3)" 403
eq "admin resets it" "$(post "$A" "/admin/accounts/$HID/totp-reset" /)" "303 /admin/accounts/$HID?done=totp-reset"
eq "... key and recovery codes gone" "$(q "SELECT (totp_secret IS NULL AND totp_enrolled_at IS NULL) || ' ' || (SELECT count(*) FROM totp_recovery WHERE account_id = $HID) FROM account WHERE id = $HID")" "true 0"
eq "... audited with the account" "$(q "SELECT count(*) FROM audit_log WHERE id > $A0 AND action = 'delete' AND target = 'account/totp' AND detail->>'account_id' = '$HID' AND actor_role = 'admin'")" 1
eq "hr's next sign-in must enrol again (role requires it)" "$(pw_login "$H" t23h)" "303 /account/totp"
logout "$H"; logout "$A"; logout "$G"

cat "$TMP/a.yaml" > "$TMS_VAR/etc/tms-a.yaml"; cat "$TMP/b.yaml" > "$TMS_VAR/etc/tms-b.yaml"
check "pools reloaded with the configuration as it was" reload_all
finish
