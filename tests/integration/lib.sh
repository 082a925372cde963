# lib.sh: helpers for the integration tests (TAP output, curl over HTTPS
# against the stack started by scripts/tms test).
: "${TMS_URL:?}" "${TMS_CA:?}" "${TMS_VAR:?}"
N=0
ok() { N=$((N + 1)); echo "ok $N - $1"; }
nok() { N=$((N + 1)); echo "not ok $N - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else nok "$d" "command: $*"; fi
}
eq() { # eq DESCRIPTION GOT WANT
	if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got:  $2" "want: $3"; fi
}
contains() { # contains DESCRIPTION HAYSTACK NEEDLE
	case $2 in *"$3"*) ok "$1" ;; *) nok "$1" "missing: $3" "in: ${2:0:400}" ;; esac
}
# lacks DESCRIPTION BODY PRESENT NEEDLE...: BODY has none of the NEEDLEs, and
# it is the page meant: it has PRESENT (a marker only that page has). An
# absence check alone passes on an error page or an empty answer.
lacks() {
	local d=$1 b=$2 p=$3 n; shift 3
	if [ -z "$p" ] || [ $# = 0 ]; then nok "$d" "lacks: no presence marker or no needle"; return; fi
	case $b in *"$p"*) ;; *) nok "$d" "not the page meant: missing $p" "in: ${b:0:400}"; return ;; esac
	for n; do
		[ -n "$n" ] || { nok "$d" "lacks: an empty needle"; return; }
		case $b in *"$n"*)
			local pre=${b%%"$n"*} post=${b#*"$n"}
			[ ${#pre} -le 200 ] || pre=${pre:${#pre}-200}
			nok "$d" "present: $n" "at: $pre>>>$n<<<${post:0:200}"; return ;;
		esac
	done
	ok "$d"
}
finish() { echo "1..$N"; }

# the database as the schema owner, and tmsctl with pool a's configuration
. "$TMS_VAR/ports"
PSQL=(psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
q() { "${PSQL[@]}" -c "$1"; }
CTL=("${TMS_BIN:?}/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
C=(curl -sS --cacert "$TMS_CA" --max-time 20)

# code METHOD PATH [curl args...]: prints the HTTP status
code() { local m=$1 p=$2; shift 2; "${C[@]}" -o "$TMP/body" -w '%{http_code}' -X "$m" "$@" "$TMS_URL$p"; }

account() { awk -v r="$1" '$1 == r { print $2, $3 }' "$TMS_VAR/demo-accounts.txt"; }

# reload_all: SIGHUP both pools and wait until no worker of the old
# generation is left (up to 10 s; returns 1 if one still is)
pool_workers() {
	local p
	for p in a b; do pgrep -P "$(cat "$TMS_VAR/run/tms/pool-$p.pid")" | sort | tr '\n' ' '; done
}
reload_all() {
	local old now stale w i
	old=$(pool_workers)
	kill -HUP "$(cat "$TMS_VAR/run/tms/pool-a.pid")" "$(cat "$TMS_VAR/run/tms/pool-b.pid")"
	for i in $(seq 1 100); do
		now=$(pool_workers)
		stale=0; for w in $old; do case " $now " in *" $w "*) stale=1 ;; esac; done
		[ $stale = 0 ] && return 0; sleep 0.1
	done
	return 1
}

# csrf_from FILE: the csrf hidden field of a page
csrf_from() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }

# totp_key LOGIN: the TOTP key (base32) of a demo account with a second
# factor (the 4th field of demo-accounts.txt), else nothing
totp_key() { awk -v l="$1" 'tolower($2) == tolower(l) { print $4 }' "$TMS_VAR/demo-accounts.txt"; }

# totp_now: a time for the next TOTP code of a test. A code is accepted once
# per account and 30 s step (the replay guard), and the tests sign in as hr
# and admin many times a minute, side by side: each code gets a step of its
# own, 30 s after the last one handed out on this stack (never before the
# real clock), kept in $TMS_VAR/totp-clock under flock (tests/browser/lib/
# totp.js shares it). The code's POST carries it as the test clock
# (X-Tms-Test-Now, honoured by test builds only).
TOTP_NOW_SH='f=$1; last=$(cat "$f" 2>/dev/null || echo 0); now=$(date +%s);
t=$((now > last + 30 ? now : last + 30)); echo "$t" > "$f"; echo "$t"'
totp_now() { flock "$TMS_VAR/totp-clock.lock" sh -c "$TOTP_NOW_SH" sh "$TMS_VAR/totp-clock"; }

# totp_login JAR KEY: the sign-in stage 'totp': enters the code of KEY at
# /login/totp; prints the status of that POST (303 when signed in)
totp_login() {
	local t csrf
	"${C[@]}" -c "$1" -b "$1" -o "$TMP/totp.html" "$TMS_URL/login/totp"
	csrf=$(csrf_from "$TMP/totp.html")
	t=$(totp_now)
	"${C[@]}" -c "$1" -b "$1" -o "$TMP/body" -w '%{http_code}' -H "X-Tms-Test-Now: $t" \
		--data-urlencode "code=$(oathtool --totp -b --now="@$t" "$2")" \
		--data-urlencode "csrf=$csrf" "$TMS_URL/login/totp"
}

# login JAR LOGIN PASSWORD [TOTP_KEY]: signs in through the form; prints the
# status of the POST /login, or, when the account then asks for its second
# factor, of the code's POST (the key: TOTP_KEY, else the demo account's),
# with that page in $TMP/body. 303 means signed in (or sent to a stage page
# such as /account/password or /account/totp).
login() {
	local jar=$1 key=${4:-} st
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/login.html" "$TMS_URL/login"
	local csrf; csrf=$(csrf_from "$TMP/login.html")
	st=$("${C[@]}" -c "$jar" -b "$jar" -o "$TMP/body" -D "$TMP/login.hdr" -w '%{http_code}' \
		--data-urlencode "login=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$TMS_URL/login")
	if [ "$st" = 303 ] && grep -qi '^location: /login/totp' "$TMP/login.hdr"; then
		[ -n "$key" ] || key=$(totp_key "$2")
		if [ -z "$key" ]; then echo "303 (second factor asked, no TOTP key known for $2)"; return; fi
		st=$(totp_login "$jar" "$key")
	fi
	echo "$st"
}

# private_pg: a throwaway PostgreSQL 15 of the test's own (data in $W =
# $TMP/pg, socket in $W/run, port 5432, fsync off), stopped and removed at
# exit, with the roles tms_owner and tms_app; P runs psql on it. For tests
# that build databases of their own (t05, t17): the stack's is left alone.
private_pg() {
	PGBIN=/usr/lib/postgresql/15/bin W=$TMP/pg
	chmod 711 "$TMP"
	mkdir -p "$W/run" && chown -R postgres "$W"
	trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/data" -m immediate -w stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
	runuser -u postgres -- "$PGBIN/initdb" -D "$W/data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres >/dev/null &&
	runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/data" -w -t 60 -l "$W/log" \
		-o "-c listen_addresses='' -c unix_socket_directories='$W/run' -p 5432 -c fsync=off" start >/dev/null ||
		{ echo "Bail out! private PostgreSQL did not start"; cat "$W/log" >&2; exit 1; }
	P -U postgres -d postgres -c "CREATE ROLE tms_owner LOGIN" -c "CREATE ROLE tms_app LOGIN" >/dev/null
}
P() { psql -qAtX -h "$W/run" -p 5432 -v ON_ERROR_STOP=1 "$@"; }
