#!/usr/bin/env bash
# staff.sh: wrk figures for the staff-record pages through nginx with TLS,
# logged in, beside two baselines measured in the same run:
#   (a) nginx serving a static file of the same byte size as the directory page
#   (b) the no-op FastCGI answer (/_noop) through the same worker pools
#
#   bash tests/bench/staff.sh BASE_URL ROOT VAR [LABEL]
#
# Pages: directory first page, kana search, unit filter (with sub-units) and a
# profile, as the general demo user. Prints requests/s, p50, p99, the ratios
# to (a) and (b), and worker RSS. Exit 1 if any run had errors or non-2xx.
# Environment: TMS_BENCH_SECONDS (10), TMS_BENCH_CONNS (64).
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: bash tests/bench/staff.sh BASE_URL ROOT VAR [LABEL]" >&2; exit 2; }
BASE=${1%/} ROOT=$2 VAR=$3 LABEL=${4:-}
SECS=${TMS_BENCH_SECONDS:-10} CONNS=${TMS_BENCH_CONNS:-64}
CA=$VAR/tls/server.crt
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 2; }

TMP=$(mktemp -d)
TWIN=""
cleanup() { rm -rf "$TMP"; [ -z "$TWIN" ] || rm -f "$TWIN"; }
trap cleanup EXIT INT TERM

# log in as the general demo user
read -r _ login pw < <(awk '$1 == "general"' "$VAR/demo-accounts.txt")
jar=$TMP/jar
curl -sS --cacert "$CA" -c "$jar" -b "$jar" -o "$TMP/l.html" "$BASE/login"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/l.html" | head -1)
code=$(curl -sS --cacert "$CA" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	--data-urlencode "login=$login" --data-urlencode "password=$pw" --data-urlencode "csrf=$csrf" "$BASE/login")
[ "$code" = 303 ] || { echo "bench: login failed ($code)" >&2; exit 2; }
sid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$jar" | tail -1)
COOKIE="Cookie: __Host-tms_sid=$sid"

get() { curl -sS --cacert "$CA" -H "$COOKIE" "$BASE$1"; }
unit=$(psql -qAt -h "$VAR/run/pg" -p "$(. "$VAR/ports"; echo "$PGPORT")" -U tms_owner tms \
	-c "SELECT code FROM org_tree(CURRENT_DATE) WHERE depth = 0 ORDER BY path LIMIT 1 OFFSET 2")
pid=$(get "/api/staff?q=D0002" | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p' | head -1)
[ -n "$pid" ] || { echo "bench: fixture D0002 not found" >&2; exit 2; }

# static twin of the directory page (same bytes count), served by nginx
size=$(get "/staff" | wc -c)
mkdir -p "$ROOT/templates/static/.deps"
TWIN=$ROOT/templates/static/.deps/bench-staff-$$.html
head -c "$size" /dev/zero | tr '\0' x > "$TWIN"
chmod 644 "$TWIN"

declare -A URL=(
	[static]="/static/.deps/bench-staff-$$.html"
	[noop]="/_noop"
	[directory]="/staff"
	[kana]="/staff?q=%E3%81%95%E3%81%A8%E3%81%86"
	[unit]="/staff?unit=$unit&sub=1"
	[profile]="/staff/$pid"
)
ORDER="static noop directory kana unit profile"

declare -A RPS P50 P99 ERR
bad=0
for k in $ORDER; do
	hdr=()
	[ "$k" = static ] || [ "$k" = noop ] || hdr=(-H "$COOKIE")
	wrk -t2 -c"$CONNS" -d2s "${hdr[@]}" "$BASE${URL[$k]}" >/dev/null 2>&1 || true	# warm-up
	out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "${hdr[@]}" "$BASE${URL[$k]}" 2>&1)
	RPS[$k]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	P50[$k]=$(echo "$out" | awk '$1 == "50%" {print $2}')
	P99[$k]=$(echo "$out" | awk '$1 == "99%" {print $2}')
	e=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/[^0-9 ]/, " "); n += $1 + $2 + $3 + $4} END {print n + 0}')
	# no completed request at all (every one past wrk's 2 s timeout) is a failure too
	if [ -z "${RPS[$k]}" ] || [ "$(awk -v r="${RPS[$k]}" 'BEGIN {print (r < 0.5)}')" = 1 ]; then
		e="timeout"
	fi
	ERR[$k]=$e
	[ "$e" = 0 ] || bad=1
done

rss() {
	local pool total=0 max=0 n=0 r w
	for pool in "$VAR"/run/tms/pool-*.pid; do
		for w in $(pgrep -P "$(cat "$pool")"); do
			r=$(ps -o rss= -p "$w" | tr -d ' ')
			total=$((total + r)); n=$((n + 1)); [ "$r" -gt "$max" ] && max=$r
		done
	done
	echo "$n workers, max $((max / 1024)) MiB, total $((total / 1024)) MiB RSS"
}

staffn=$(get "/api/staff" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
get "/api/staff" | grep -q '"totalIsLowerBound":true' && staffn="$staffn+"
echo
echo "staff pages through nginx/TLS, $CONNS connections, ${SECS}s each, $staffn staff in service ${LABEL:+($LABEL)}"
echo "directory page: $size bytes (static twin the same size)"
printf '%-10s %10s %9s %9s %8s %8s %7s\n' endpoint req/s p50 p99 /static /noop errors
for k in $ORDER; do
	printf '%-10s %10s %9s %9s %8s %8s %7s\n' "$k" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}" \
		"$(awk -v a="${RPS[$k]}" -v b="${RPS[static]}" 'BEGIN {printf "%.3f", a / b}')" \
		"$(awk -v a="${RPS[$k]}" -v b="${RPS[noop]}" 'BEGIN {printf "%.3f", a / b}')" "${ERR[$k]}"
done
echo "workers: $(rss)"
exit $bad
