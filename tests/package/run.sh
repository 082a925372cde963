#!/bin/bash
# tests/package/run.sh [DEB]: the Debian package on this machine, as an
# operator would use it (README.md, "Installing the Debian package"): builds
# it (`scripts/tms deb`, unless DEB is given), installs it with apt, creates
# the database in a cluster of its own (pg_createcluster, a free port),
# migrates it with the installed tmsctl, starts both pools with the ExecStart
# line of the installed tms-pool@.service as systemd would (user tms, group
# www-data, /run/tms, NOTIFY_SOCKET: there is no systemd here) and waits for
# their READY=1, enables the installed nginx site and starts Debian's nginx,
# signs in over HTTPS, then purges the package and checks that nothing is
# left. TAP on standard output. Run as root by `scripts/tms test` (its last
# stage) or alone: bash tests/package/run.sh
set -uo pipefail
ROOT=${TMS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
N=0 F=0
ok() { N=$((N + 1)); echo "ok $N - $1"; }
nok() { N=$((N + 1)); F=$((F + 1)); echo "not ok $N - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@" >/dev/null; then ok "$d"; else nok "$d" "command: $*"; fi; }
eq() { if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got:  $2" "want: $3"; fi; }
contains() { case $2 in *"$3"*) ok "$1" ;; *) nok "$1" "missing: $3" "in: ${2:0:400}" ;; esac; }
# bail WHY: the steps after this one cannot run; the plan counts what ran
bail() { nok "$1"; echo "1..$N"; exit 1; }

[ "$(id -u)" = 0 ] || bail "run as root (it installs and purges a package)"
TMP=$(mktemp -d /tmp/tms-pkg.XXXXXX); chmod 755 "$TMP"
CLUSTER=tmspkg$$ PIDS=() NGINX_OURS= INSTALLED=
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	[ -z "$NGINX_OURS" ] || nginx -s quit 2>/dev/null
	rm -f /etc/nginx/sites-enabled/tms
	pg_lsclusters -h 2>/dev/null | grep -q "^15 $CLUSTER " && pg_dropcluster --stop 15 "$CLUSTER" 2>/dev/null
	if [ -n "$INSTALLED" ] && dpkg -s tms >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq tms >/dev/null 2>&1
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive

# ------------------------------------------------------------ the package
if dpkg -s tms >/dev/null 2>&1; then
	bail "tms is already installed on this machine: purge it first (apt purge tms)"
fi
t0=$SECONDS
DEB=${1:-}
if [ -z "$DEB" ]; then
	if "$ROOT/scripts/tms" deb "$TMP" 2> "$TMP/deb.log"; then
		DEB=$(ls "$TMP"/tms_*_amd64.deb 2>/dev/null | head -1)
	fi
	[ -n "$DEB" ] || { sed 's/^/# /' "$TMP/deb.log"; bail "scripts/tms deb builds tms_VERSION_amd64.deb"; }
	ok "scripts/tms deb builds $(basename "$DEB") ($((SECONDS - t0)) s)"
fi
ver=$(sed -n 's/^AC_INIT(\[tms\], \[\([^]]*\)\].*/\1/p' "$ROOT/configure.ac")
eq "the package's version is configure.ac's" "$(dpkg-deb -f "$DEB" Version)" "$ver"
dep=$(dpkg-deb -f "$DEB" Depends)
for d in libpq5 libfcgi0ldbl libsystemd0 libseccomp2 nginx adduser; do
	contains "Depends names $d (shlibs and control)" "$dep" "$d"
done
conf=$(dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./conffiles)
for f in pool-a.yaml pool-b.yaml policy.yaml survey.yaml import-mapping.yaml tms-fastcgi.conf; do
	contains "/etc/tms/$f is a conffile" "$conf" "/etc/tms/$f"
done

# ------------------------------------------------------------ install
user_before=$(getent passwd tms >/dev/null && echo yes || echo no)
if apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$DEB" > "$TMP/apt.log" 2>&1; then
	ok "apt-get install ./$(basename "$DEB")"; INSTALLED=1
else
	sed 's/^/# /' "$TMP/apt.log"; bail "apt-get install ./$(basename "$DEB")"
fi
check "tms-worker in /usr/sbin, linked with libsystemd (readiness)" \
	sh -c 'ldd /usr/sbin/tms-worker | grep -q libsystemd'
check "tmsctl in /usr/bin" test -x /usr/bin/tmsctl
check "templates and migrations in /usr/share/tms" \
	test -f /usr/share/tms/templates/layout.cs -a -f /usr/share/tms/sql/001_foundation.sql
check "user tms" id tms
eq "secret key: tms, 0400" "$(stat -c '%U %a' /var/lib/tms/secret.key)" "tms 400"
eq "wishes key ring: tms, 0600" "$(stat -c '%U %a' /var/lib/tms/wishes.keys)" "tms 600"
eq "TLS key: root, 0600" "$(stat -c '%U %a' /etc/tms/tls/server.key)" "root 600"
eq "log directory /var/log/tms: tms, adm" "$(stat -c '%U %G' /var/log/tms)" "tms adm"
check "nginx site in sites-available" test -f /etc/nginx/sites-available/tms
check "... not enabled by the package" test ! -e /etc/nginx/sites-enabled/tms
NAME=$(sed -n 's/^ *server_name \(.*\);/\1/p' /etc/nginx/sites-available/tms | head -1)
check "... named after the host ($NAME), as the certificate is" \
	sh -c "openssl x509 -in /etc/tms/tls/server.crt -noout -ext subjectAltName | grep -qF 'DNS:$NAME'"
# the city's public name and certificate: /etc/tms/site.conf (a conffile),
# written into the site by tms-site
NAME=tms-pkg.test
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -days 30 \
	-subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" \
	-keyout /etc/tms/tls/city.key -out /etc/tms/tls/city.crt 2>/dev/null
chmod 600 /etc/tms/tls/city.key
printf 'server_name: %s\ncertificate: %s\ncertificate_key: %s\ncertificate_chain: %s\n' \
	"$NAME" /etc/tms/tls/city.crt /etc/tms/tls/city.key /etc/tms/tls/city.crt >> /etc/tms/site.conf
check "tms-site: the site from /etc/tms/site.conf" tms-site
site=$(cat /etc/nginx/sites-available/tms)
contains "... the configured name" "$site" "server_name $NAME;"
contains "... the configured certificate" "$site" "ssl_certificate /etc/tms/tls/city.crt;"
contains "... OCSP stapling on with the chain" "$site" "ssl_stapling on;"
contains "... the CRYPTREC profile unchanged" "$site" "ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;"
echo "server_name: a;b" > "$TMP/bad.conf"
out=$(tms-site -c "$TMP/bad.conf" -o "$TMP/bad.site" 2>&1)
contains "tms-site refuses a bad value, naming file and line" "$out" "$TMP/bad.conf:1:"
cp /lib/systemd/system/tms-pool@.service "$TMP/tms-pool@a.service"
out=$(systemd-analyze verify --man=no "$TMP/tms-pool@a.service" /lib/systemd/system/tms-mail.service \
	/lib/systemd/system/tms.target 2>&1)
eq "systemd-analyze verify: the units load without a complaint" "$out" ""
for u in tms-pool@.service tms-mail.service; do
	# offline analysis of the installed unit (no systemd PID 1 here): at
	# most 2.0 for the pools, 4.0 for the mail sender (a set-id sendmail)
	th=20; [ $u = tms-mail.service ] && th=40
	if systemd-analyze security --offline=true --threshold=$th "/lib/systemd/system/$u" > "$TMP/sec.txt" 2>&1; then
		ok "systemd-analyze security $u: $(sed -n 's/.*Overall exposure level for [^:]*: //p' "$TMP/sec.txt")"
	else
		nok "systemd-analyze security $u at most $th/10" "$(tail -1 "$TMP/sec.txt")"
	fi
done

# ------------------------------------------------------------ database
PGPORT=
for p in $(shuf -i 20000-60000 -n 20); do
	[ -e "/var/run/postgresql/.s.PGSQL.$p" ] || ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || continue
	[ -e "/var/run/postgresql/.s.PGSQL.$p" ] && continue
	PGPORT=$p; break
done
if pg_createcluster 15 "$CLUSTER" -p "$PGPORT" -- --auth-local=peer --auth-host=reject > "$TMP/pg.log" 2>&1; then
	ok "pg_createcluster 15 $CLUSTER -p $PGPORT"
else
	sed 's/^/# /' "$TMP/pg.log"; bail "pg_createcluster"
fi
# README.md: peer authentication mapped per OS user (root runs tmsctl as
# the schema owner, the pools connect as tms_app)
d=/etc/postgresql/15/$CLUSTER
printf 'local all postgres peer\nlocal tms tms_owner,tms_app peer map=tms\n' > "$d/pg_hba.conf"
printf 'tms root tms_owner\ntms tms tms_app\n' >> "$d/pg_ident.conf"
pg_ctlcluster 15 "$CLUSTER" start >> "$TMP/pg.log" 2>&1 || { sed 's/^/# /' "$TMP/pg.log"; bail "cluster started"; }
runuser -u postgres -- psql -qAt -p "$PGPORT" -v ON_ERROR_STOP=1 \
	< /usr/share/tms/etc/database.sql > "$TMP/db.log" 2>&1
check "database tms, roles tms_owner and tms_app (/usr/share/tms/etc/database.sql)" test $? = 0
# the port is not Debian's 5432: the operator's edit of the conffiles
sed -i "s/port=5432 /port=$PGPORT /" /etc/tms/pool-a.yaml /etc/tms/pool-b.yaml
if tmsctl -c /etc/tms/pool-a.yaml migrate /usr/share/tms/sql > "$TMP/migrate.log" 2>&1; then
	ok "tmsctl migrate /usr/share/tms/sql (the installed migrations)"
else
	sed 's/^/# /' "$TMP/migrate.log"; bail "tmsctl migrate"
fi
PW=pkg-test-$(openssl rand -hex 8)
echo "$PW" | tmsctl -c /etc/tms/pool-a.yaml useradd pkgtest general "パッケージ 試験" > "$TMP/useradd.log" 2>&1
check "tmsctl useradd pkgtest" test $? = 0

# ------------------------------------------------------------ the pools, as systemd would start them
unit=/lib/systemd/system/tms-pool@.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
check "tms-pool@.service has Type=notify" grep -qx "Type=notify" "$unit"
# RuntimeDirectory=tms (0755), User=tms, SupplementaryGroups=www-data
install -d -o tms -g tms -m 0755 /run/tms
for pool in a b; do
	check "pool $pool: ExecStartPre (the configuration check)" \
		setpriv --reuid=tms --regid=tms --groups=www-data /usr/sbin/tms-worker -t -c "/etc/tms/pool-$pool.yaml"
	# the notification socket systemd would give: READY=1 is awaited
	rm -f "$TMP/notify-$pool"
	/usr/bin/python3 -c '
import socket, sys, os
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o666)
open(sys.argv[1] + ".bound", "w").close()
s.settimeout(60)
try:
    while True:
        m = s.recv(4096).decode()
        print(m, flush=True)
        if "READY=1" in m.split("\n"):
            break
except socket.timeout:
    print("timeout", flush=True)
' "$TMP/notify-$pool" > "$TMP/notify-$pool.out" &
	npid=$!
	for i in $(seq 1 100); do [ -e "$TMP/notify-$pool.bound" ] && break; sleep 0.05; done
	# shellcheck disable=SC2086
	NOTIFY_SOCKET=$TMP/notify-$pool setpriv --reuid=tms --regid=tms --groups=www-data --no-new-privs \
		${exec_start//%i/$pool} </dev/null >> "$TMP/pool-$pool.out" 2>&1 &
	PIDS+=($!)
	wait "$npid"
	eq "pool $pool: READY=1 from the master (sd_notify)" "$(grep -x 'READY=1' "$TMP/notify-$pool.out")" "READY=1"
	eq "pool $pool: socket /run/tms/pool-$pool.sock, group www-data" \
		"$(stat -c '%F %G' "/run/tms/pool-$pool.sock" 2>&1)" "socket www-data"
done
check "pool a logs to /var/log/tms/pool-a.log" grep -q "listening on unix:/run/tms/pool-a.sock" /var/log/tms/pool-a.log
# tms-mail.service's ExecStart, as user tms. Its default mail command is
# the MTA's sendmail; with none installed it refuses to start, naming it.
mail_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/tms-mail.service)
if [ ! -e /usr/sbin/sendmail ]; then
	# shellcheck disable=SC2086
	out=$(setpriv --reuid=tms --regid=tms --init-groups ${mail_start/--loop/--once} 2>&1 </dev/null)
	contains "without an MTA the mail sender refuses to start, naming /usr/sbin/sendmail" "$out" \
		"mail-send: /usr/sbin/sendmail: No such file"
fi
# the operator's own mail program (wishes.mail_command in the conffile)
printf '#!/bin/sh\ncat >/dev/null\n' > "$TMP/mailer"; chmod 755 "$TMP/mailer"
sed -i "s|mail_command: /usr/sbin/sendmail|mail_command: $TMP/mailer|" /etc/tms/pool-a.yaml
# shellcheck disable=SC2086
setpriv --reuid=tms --regid=tms --init-groups $mail_start </dev/null > "$TMP/mail.out" 2>&1 &
MAILPID=$!; PIDS+=($MAILPID)

# ------------------------------------------------------------ nginx with the installed site
if [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
	bail "Debian's nginx already runs on this machine (the test starts it with the tms site)"
fi
ln -s ../sites-available/tms /etc/nginx/sites-enabled/tms
if nginx -t > "$TMP/nginx-t.log" 2>&1; then ok "nginx -t with the site enabled"
else sed 's/^/# /' "$TMP/nginx-t.log"; bail "nginx -t with the site enabled"; fi
nginx > "$TMP/nginx.log" 2>&1 && NGINX_OURS=1
check "Debian's nginx started" test -n "$NGINX_OURS"
C=(curl -sS --max-time 20 --cacert /etc/tms/tls/city.crt --resolve "$NAME:443:127.0.0.1" --resolve "$NAME:80:127.0.0.1")
U=https://$NAME
st=$("${C[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$NAME/staff?x=1")
eq "http:// redirects to https:// on the configured name" "$st" "301 https://$NAME/staff?x=1"
eq "/healthz over HTTPS (the city's certificate checked)" "$("${C[@]}" -o /dev/null -w '%{http_code}' "$U/healthz")" 200
eq "no nginx version in the Server header" "$("${C[@]}" -o /dev/null -D - "$U/healthz" | tr -d '\r' | sed -n 's/^[Ss]erver: //p')" nginx
jar=$TMP/jar
"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/login.html" "$U/login"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/login.html" | head -1)
st=$("${C[@]}" -c "$jar" -b "$jar" -o /dev/null -D "$TMP/login.hdr" -w '%{http_code}' \
	--data-urlencode login=pkgtest --data-urlencode "password=$PW" \
	--data-urlencode "csrf=$csrf" --data-urlencode next=/ "$U/login")
eq "sign in over HTTPS: 303" "$st" 303
home=$("${C[@]}" -b "$jar" -w '\n%{http_code}' "$U/")
eq "the home page, signed in: 200" "${home##*$'\n'}" 200
contains "... shows the account's name" "$home" "パッケージ 試験"
st=$("${C[@]}" -b "$jar" -o /dev/null -w '%{http_code}' "$U/static/app.css")
eq "static files from /usr/share/tms/templates/static" "$st" 200
check "the mail sender (tms-mail.service's ExecStart) still runs" kill -0 "$MAILPID"
log=$(cat /var/log/nginx/tms-access.log 2>&1)
contains "nginx logs tms requests in /var/log/nginx/tms-access.log" "$log" '"GET /staff" 301'
case $log in *x=1*) nok "... without query strings" "$log" ;; *) ok "... without query strings" ;; esac
check "certbot's deploy hook reloads nginx" /etc/letsencrypt/renewal-hooks/deploy/tms
eq "... still answering" "$("${C[@]}" -o /dev/null -w '%{http_code}' "$U/healthz")" 200

# ------------------------------------------------------------ stop, reload, purge
pa=${PIDS[0]}
kill -HUP "$pa"
for i in $(seq 1 100); do grep -q "reload: generation 2 started" /var/log/tms/pool-a.log && break; sleep 0.1; done
check "ExecReload (SIGHUP): pool a starts a new generation" grep -q "reload: generation 2 started" /var/log/tms/pool-a.log
eq "ExecReload (SIGHUP): still answering" "$("${C[@]}" -o /dev/null -w '%{http_code}' "$U/healthz")" 200
nginx -s quit; NGINX_OURS=
for i in $(seq 1 100); do [ -f /run/nginx.pid ] || break; sleep 0.1; done
rm -f /etc/nginx/sites-enabled/tms
st=0
for p in "${PIDS[@]}"; do
	kill -TERM "$p" 2>/dev/null
	wait "$p" || st=$?
done
PIDS=()
eq "pools and mail sender stop on SIGTERM, status 0" "$st" 0
check "the pools removed their sockets" test ! -e /run/tms/pool-a.sock -a ! -e /run/tms/pool-b.sock
pg_dropcluster --stop 15 "$CLUSTER" >/dev/null 2>&1
check "database cluster dropped" sh -c "! pg_lsclusters -h | grep -q '^15 $CLUSTER '"

if apt-get purge -y -qq -o DPkg::Lock::Timeout=300 tms > "$TMP/purge.log" 2>&1; then ok "apt-get purge tms"
else sed 's/^/# /' "$TMP/purge.log"; nok "apt-get purge tms"; fi
check "dpkg -L tms: not installed" sh -c '! dpkg -L tms >/dev/null 2>&1'
left=$(ls -d /etc/tms /var/log/tms /var/lib/tms /run/tms /usr/share/tms /usr/sbin/tms-worker /usr/bin/tmsctl \
	/lib/systemd/system/tms-pool@.service /etc/nginx/sites-available/tms /etc/nginx/sites-enabled/tms \
	/etc/logrotate.d/tms /etc/letsencrypt/renewal-hooks/deploy/tms /var/log/nginx/tms-access.log 2>/dev/null)
eq "nothing left (/etc/tms, /var/lib/tms, /var/log/tms, the site, the programs)" "$left" ""
if [ "$user_before" = no ]; then
	check "the tms user made by postinst is gone" sh -c '! getent passwd tms'
else
	# this machine had a tms user before (scripts/tms makes one for its
	# stacks): not the package's, so it stays
	check "the tms user that was there before the package stays" getent passwd tms
fi
say_t=$((SECONDS - t0))
echo "# package test: $say_t s"
echo "1..$N"
[ "$F" = 0 ]
