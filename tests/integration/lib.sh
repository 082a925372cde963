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

# csrf_from FILE: the csrf hidden field of a page
csrf_from() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }

# login JAR LOGIN PASSWORD: prints the status of the POST /login
login() {
	local jar=$1
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/login.html" "$TMS_URL/login"
	local csrf; csrf=$(csrf_from "$TMP/login.html")
	"${C[@]}" -c "$jar" -b "$jar" -o "$TMP/body" -w '%{http_code}' \
		--data-urlencode "login=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$TMS_URL/login"
}
