#!/bin/bash
# t25-ldap.sh: directory sign-in (auth.ldap) against a real slapd started
# here: a generated directory (two staff of the demo city, a service
# account), StartTLS with a generated CA, the worker pools reloaded with
# auth.ldap. The directory decides the password and its employeeNumber names
# the staff member; local break-glass logins keep their local password; a
# directory that is down gets a clear message and locks nobody. slapd and the
# pools' configuration are put back on exit, whatever happens.
. "$(dirname "$0")/lib.sh"

read -r alogin apw < <(account admin)
read -r slogin spw < <(account general)
D=$TMS_VAR/t25-ldap SLAPD_PID="" RESTORE=0
rm -rf "$D"; mkdir -p "$D/db"; chmod 755 "$D"
cleanup() {
	[ -z "$SLAPD_PID" ] || { kill "$SLAPD_PID" 2>/dev/null; wait "$SLAPD_PID" 2>/dev/null; }
	if [ "$RESTORE" = 1 ]; then
		cp "$TMP/tms-a.yaml" "$TMS_VAR/etc/tms-a.yaml"; cp "$TMP/tms-b.yaml" "$TMS_VAR/etc/tms-b.yaml"
		reload_all || echo "t25: reload after restoring the configuration did not finish" >&2
	fi
	rm -rf "$D" "$TMP"
}
trap cleanup EXIT

# ------------------------------------------------ the directory
( cd "$D"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj "/CN=t25 test CA" -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
	-keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
	-extfile san.ext -out server.crt 2>/dev/null )
chmod 644 "$D/ca.crt"
check "a CA and a server certificate for slapd" test -s "$D/server.crt"

PORT=""
for p in $(shuf -i 20000-45000 -n 50); do
	ss -ltn "sport = :$p" | grep -q LISTEN || { PORT=$p; break; }
done
svcpw=svc-$RANDOM$RANDOM; dirpw=dir-pass-$RANDOM$RANDOM; dirpw2=dir-pass2-$RANDOM$RANDOM
printf '%s\n' "$svcpw" > "$D/tms.secret"; chown tms "$D/tms.secret"; chmod 600 "$D/tms.secret"
cat > "$D/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $D/slapd.pid
TLSCACertificateFile $D/ca.crt
TLSCertificateFile $D/server.crt
TLSCertificateKeyFile $D/server.key
# every operation needs TLS: a clear-text bind would be refused
security tls=1
database mdb
maxsize 10485760
suffix "dc=city,dc=example"
rootdn "cn=root,dc=city,dc=example"
directory $D/db
access to attrs=userPassword by anonymous auth by * none
access to * by dn.exact="cn=tms,ou=services,dc=city,dc=example" read by self read by * none
EOF
# a second demo staff member in service, with an account made here
second=$(q "SELECT s.staff_no FROM staff s WHERE s.hire_date <= current_date AND s.retire_date IS NULL
	AND s.staff_no ~ '^[0-9A-Z]+$' AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)
	ORDER BY s.staff_no LIMIT 1")
check "a second staff member without an account ($second)" test -n "$second"
echo "t25-local-password-$RANDOM$RANDOM" | "${CTL[@]}" useradd t25dir general "ディレクトリ 二人目" "$second" >/dev/null
cat > "$D/data.ldif" <<EOF
dn: dc=city,dc=example
objectClass: dcObject
objectClass: organization
o: city
dc: city

dn: ou=people,dc=city,dc=example
objectClass: organizationalUnit
ou: people

dn: ou=services,dc=city,dc=example
objectClass: organizationalUnit
ou: services

dn: cn=tms,ou=services,dc=city,dc=example
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: tms
userPassword: $(slappasswd -s "$svcpw")

dn: uid=kushiro.taro,ou=people,dc=city,dc=example
objectClass: inetOrgPerson
uid: kushiro.taro
cn: 釧路 太郎
sn: 釧路
employeeNumber: D0002
userPassword: $(slappasswd -s "$dirpw")

dn: uid=second,ou=people,dc=city,dc=example
objectClass: inetOrgPerson
uid: second
cn: 二人目
sn: 二人目
employeeNumber: $second
userPassword: $(slappasswd -s "$dirpw2")
EOF
check "slapadd loads the directory" slapadd -q -f "$D/slapd.conf" -l "$D/data.ldif"
start_slapd() {
	slapd -f "$D/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 >>"$D/slapd.log" 2>&1 &
	SLAPD_PID=$!
	local i
	for i in $(seq 1 100); do
		LDAPTLS_CACERT=$D/ca.crt ldapsearch -x -ZZ -H "ldap://127.0.0.1:$PORT/" \
			-D cn=tms,ou=services,dc=city,dc=example -w "$svcpw" \
			-b ou=people,dc=city,dc=example -s one uid >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
check "slapd answers over StartTLS on port $PORT" start_slapd
check "slapd refuses a clear-text bind (TLS is required)" \
	bash -c "! ldapsearch -x -H ldap://127.0.0.1:$PORT/ -D cn=tms,ou=services,dc=city,dc=example -w '$svcpw' -b ou=people,dc=city,dc=example uid >/dev/null 2>&1"

# ------------------------------------------------ the pools with auth.ldap
cp "$TMS_VAR/etc/tms-a.yaml" "$TMP/tms-a.yaml"; cp "$TMS_VAR/etc/tms-b.yaml" "$TMP/tms-b.yaml"
ldap_conf() { # ldap_conf FILE URI STARTTLS CA (under the file's auth: section, if it has one)
	local block
	block=$(cat <<EOF
  ldap:
    uri: $2
    starttls: $3
    ca_file: $4
    base_dn: ou=people,dc=city,dc=example
    bind_dn: cn=tms,ou=services,dc=city,dc=example
    bind_password_file: $D/tms.secret
    login_attribute: uid
    staff_no_attribute: employeeNumber
    timeout_ms: 2000
    local_logins: $alogin, ops
EOF
)
	if grep -q '^auth:' "$1"; then
		B=$block awk '{ print } /^auth:/ { print ENVIRON["B"] }' "$1" > "$1.new" && cat "$1.new" > "$1" && rm "$1.new"
	else
		printf 'auth:\n%s\n' "$block" >> "$1"
	fi
}
cp "$TMP/tms-a.yaml" "$TMP/clear.yaml"; ldap_conf "$TMP/clear.yaml" "ldap://127.0.0.1:$PORT/" false "$D/ca.crt"
"$TMS_BIN/cgi/tms-worker" -t -c "$TMP/clear.yaml" > "$TMP/t.out" 2>&1
contains "a clear-text directory (ldap:// without StartTLS) is refused by the config check" \
	"$(cat "$TMP/t.out")" "must be ldaps://..., or ldap://... with 'auth.ldap.starttls: true'"
RESTORE=1
for p in a b; do ldap_conf "$TMS_VAR/etc/tms-$p.yaml" "ldap://127.0.0.1:$PORT/" true "$D/ca.crt"; done
check "the configuration with auth.ldap is valid" "$TMS_BIN/cgi/tms-worker" -t -c "$TMS_VAR/etc/tms-a.yaml"
check "both pools reloaded with auth.ldap" reload_all

# ------------------------------------------------ sign in through the directory
q "DELETE FROM login_throttle WHERE login IN ('kushiro.taro', 'second', '$slogin')"
J=$TMP/dir.jar
eq "the directory password signs in (303)" "$(login "$J" kushiro.taro "$dirpw")" 303
eq "the session works" "$(code GET / -b "$J")" 200
contains "as the staff member of employeeNumber D0002 (釧路 太郎)" "$(cat "$TMP/body")" "釧路 太郎 さん"
eq "a wrong directory password is refused (401)" "$(login "$TMP/w.jar" kushiro.taro "wrong-$dirpw")" 401
contains "with the usual message" "$(cat "$TMP/body")" "ログインIDまたはパスワードが正しくありません"
eq "the wrong password counts as a failure" "$(q "SELECT failures FROM login_throttle WHERE login = 'kushiro.taro' AND client_addr = '127.0.0.1'")" 1
eq "an unknown directory login is refused (401)" "$(login "$TMP/w.jar" nobody.here "$dirpw")" 401
eq "the second entry signs in (303)" "$(login "$TMP/s.jar" second "$dirpw2")" 303
eq "its session works" "$(code GET / -b "$TMP/s.jar")" 200
contains "as the account of its staff number ($second)" "$(cat "$TMP/body")" "ディレクトリ 二人目"
eq "a directory user's local password no longer signs in (401)" "$(login "$TMP/l.jar" "$slogin" "$spw")" 401
eq "break-glass: the local admin still signs in with its local password (303)" "$(login "$TMP/a.jar" "$alogin" "$apw")" 303
eq "directory sign-in is audited" \
	"$(q "SELECT count(*) FROM audit_log WHERE action = 'login' AND result = 'ok' AND detail->>'login' = 'kushiro.taro' AND detail->>'reason' = 'directory'")" 1

# ------------------------------------------------ the directory password again
# step-up (/account/verify) binds to the user's entry, found by 職員番号; tms
# holds no password of a directory user to change
verify() { # JAR PASSWORD: status of a step-up POST
	code GET /account/verify -b "$1" >/dev/null
	code POST /account/verify -b "$1" --data-urlencode "password=$2" \
		--data-urlencode "csrf=$(csrf_from "$TMP/body")" --data-urlencode "next=/staff"
}
eq "step-up with a wrong directory password is refused (401)" "$(verify "$J" "wrong-$dirpw")" 401
eq "step-up with the directory password passes (303)" "$(verify "$J" "$dirpw")" 303
eq "step-up with the local password of a directory user is refused (401)" "$(verify "$TMP/s.jar" "$spw")" 401
code GET /account -b "$J" >/dev/null
eq "a directory user cannot set a tms password (409)" "$(code POST /account/password/change -b "$J" \
	--data-urlencode "current=$dirpw" --data-urlencode "password=Another-long-pass-42" \
	--data-urlencode "password2=Another-long-pass-42" --data-urlencode "csrf=$(csrf_from "$TMP/body")")" 409
contains "told where the password lives" "$(cat "$TMP/body")" "庁内ディレクトリ（LDAP）で管理されています"

# ------------------------------------------------ the directory is down
kill "$SLAPD_PID"; wait "$SLAPD_PID" 2>/dev/null; SLAPD_PID=""
eq "step-up while the directory is down: 503, not a wrong password" "$(verify "$J" "$dirpw")" 503
codes=""
for i in 1 2 3 4 5 6 7 8; do codes+="$(login "$TMP/d.jar" second "$dirpw2") "; done
eq "directory down: each of 8 sign-ins gets 503, none a delay (429)" "$codes" "503 503 503 503 503 503 503 503 "
contains "with a clear message" "$(cat "$TMP/body")" "ディレクトリサーバー（LDAP）に接続できないため"
eq "nothing was counted against the login" "$(q "SELECT count(*) FROM login_throttle WHERE login = 'second'")" 0
eq "break-glass admin signs in while the directory is down (303)" "$(login "$TMP/a2.jar" "$alogin" "$apw")" 303
check "slapd back" start_slapd
eq "the directory back: the same login signs in at once (303)" "$(login "$TMP/d.jar" second "$dirpw2")" 303

# ------------------------------------------------ the server certificate is checked
for p in a b; do
	cp "$TMP/tms-$p.yaml" "$TMS_VAR/etc/tms-$p.yaml"
	ldap_conf "$TMS_VAR/etc/tms-$p.yaml" "ldap://127.0.0.1:$PORT/" true "$TMS_VAR/tls/server.crt"
done
check "pools reloaded with a CA that did not sign slapd's certificate" reload_all
eq "an unverifiable directory is treated as down (503), not trusted" "$(login "$TMP/c.jar" kushiro.taro "$dirpw")" 503
finish
