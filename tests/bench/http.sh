#!/usr/bin/env bash
# http.sh: wrk figures through nginx for a running tms stack.
#
#   bash tests/bench/http.sh BASE_URL ROOT VAR
#   e.g. bash tests/bench/http.sh https://localhost:8443 /work/main /work/main/var
#
# Called by `scripts/tms bench` once the stack is up (wrk is installed by the
# caller; nothing is installed here). For each endpoint: a 2 s wrk warm-up run
# that is thrown away, then a measured run (2 threads, 16 connections, 10 s,
# --latency), all over HTTPS/HTTP 1.1 against nginx:
#
#   static   a file of exactly the size of the /login response body, served by
#            nginx from templates/static/ (baseline: TLS + nginx, no worker)
#   /login   login page: FastCGI worker + ClearSilver template + pre-session
#            cookie and CSRF HMAC (each wrk request is a fresh anonymous visitor)
#   /healthz worker + PostgreSQL round trip (no session lookup, no template)
#   /        no session cookie: worker dispatch only, 303 to the login page
#            (no template, no database); separates FastCGI cost from rendering
#
# Every response status is counted (wrk Lua hook). Socket errors, non-2xx/3xx
# answers or any status other than the one expected per endpoint make the
# script exit 1, after the table is printed. A 429 on GET /login would mean an
# nginx limit_req applies to GET: the login row then measures nginx's 429
# path, not the page, and is flagged as such. Exit 2: wrk/curl missing or the
# stack does not answer as expected before the runs.
#
# The static twin is created under $VAR/bench-static/ and copied, for the time
# of the run only, into ROOT/templates/static/.deps/ (the only directory nginx
# serves files from; ".deps/" is git-ignored, so even a concurrent `git add -A`
# cannot pick it up). It is removed on exit, including on INT/TERM/HUP.
#
# Environment (development only): TMS_BENCH_SECONDS (10), TMS_BENCH_WARMUP (2).
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: bash tests/bench/http.sh BASE_URL ROOT VAR" >&2
	exit 2
fi
BASE=${1%/}
ROOT=$(cd "$2" 2>/dev/null && pwd) || { echo "bench: $2: no such directory" >&2; exit 2; }
VAR=$(cd "$3" 2>/dev/null && pwd) || { echo "bench: $3: no such directory" >&2; exit 2; }
THREADS=2 CONNS=16
SECS=${TMS_BENCH_SECONDS:-10} WARM=${TMS_BENCH_WARMUP:-2}

die() { echo "bench: $*" >&2; exit 2; }

command -v wrk >/dev/null 2>&1 || die "wrk is not installed (Debian package wrk; scripts/tms bench installs it)"
command -v curl >/dev/null 2>&1 || die "curl is not installed"
[ -d "$ROOT/templates/static" ] || die "$ROOT/templates/static: no such directory (ROOT wrong?)"
case $BASE in https://*) ;; *) die "BASE_URL must be https://..." ;; esac

# ------------------------------------------------------------------ cleanup
WORK="" TWIN="" DEPS="$ROOT/templates/static/.deps" MADE_DEPS=0 WRK_PID=""
cleanup() {
	[ -z "$WRK_PID" ] || kill "$WRK_PID" 2>/dev/null || true
	[ -z "$TWIN" ] || rm -f "$TWIN"
	[ "$MADE_DEPS" = 0 ] || rmdir "$DEPS" 2>/dev/null || true
	[ -z "$WORK" ] || rm -rf "$WORK"
	rmdir "$VAR/bench-static" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$VAR/bench-static"
WORK=$(mktemp -d "$VAR/bench-static/run.XXXXXX")
cd "$WORK"	# nothing below writes into the current directory; if it did, here

# ------------------------------------------------------------------ probes
# HTTP/1.1 like wrk, so that header sizes compare.
CURL=(curl -sS --http1.1 --max-time 10)
if [ -r "$VAR/tls/server.crt" ]; then CURL+=(--cacert "$VAR/tls/server.crt"); else CURL+=(-k); fi

# probe PATH NAME: fetch once; sets P_CODE P_BODY P_HDR; body in $WORK/NAME.body
probe() {
	local out
	out=$("${CURL[@]}" -o "$WORK/$2.body" -D "$WORK/$2.hdr" \
		-w '%{http_code} %{size_download} %{size_header}' "$BASE$1") ||
		die "GET $BASE$1 failed"
	read -r P_CODE P_BODY P_HDR <<<"$out"
}

probe /healthz healthz
[ "$P_CODE" = 200 ] || die "GET /healthz answered $P_CODE before the bench (stack not healthy)"

# Size of the login page body. Retry a few 429s (a limit on GET would let
# about one request a second through); the runs below report them anyway.
for i in 1 2 3 4 5 6; do
	probe /login login
	[ "$P_CODE" = 429 ] || break
	sleep 1.5
done
[ "$P_CODE" = 200 ] || die "GET /login answered $P_CODE, cannot size the static twin"
grep -qi '^set-cookie:' "$WORK/login.hdr" || echo "bench: note: GET /login set no cookie" >&2
SIZE=$P_BODY LOGIN_HDR=$P_HDR
[ "$SIZE" -gt 0 ] || die "GET /login returned an empty body"

# Static twin: an HTML document of exactly SIZE bytes.
SRC=$WORK/login-twin-$SIZE.html
{
	printf '<!doctype html>\n<meta charset="utf-8">\n<title>tms bench</title>\n'
	printf '<p>static twin of the /login page body (%s bytes)</p>\n<!--' "$SIZE"
	head -c "$SIZE" /dev/zero | tr '\0' '.'
} | head -c "$((SIZE - 4))" > "$SRC"
printf -- '-->\n' >> "$SRC"
[ "$(wc -c < "$SRC")" -eq "$SIZE" ] || die "could not build a $SIZE-byte file"

if [ ! -d "$DEPS" ]; then mkdir "$DEPS"; MADE_DEPS=1; fi
TWIN=$(mktemp --suffix="-$SIZE.html" "$DEPS/tms-bench-XXXXXX") || die "cannot write into $DEPS"
cp "$SRC" "$TWIN"
chmod 644 "$TWIN"
STATIC_PATH=/static/.deps/${TWIN##*/}

probe "$STATIC_PATH" static
[ "$P_CODE" = 200 ] || die "nginx answered $P_CODE for $STATIC_PATH (static twin not served)"
cmp -s "$WORK/static.body" "$SRC" || die "nginx served different bytes for $STATIC_PATH"
STATIC_HDR=$P_HDR

# ------------------------------------------------------------------ wrk
LUA=$WORK/count.lua
cat > "$LUA" <<'EOF'
-- Count responses per status in every thread; print one parseable summary.
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function init(args) counts = {} end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT requests=%d duration_us=%d connect=%d read=%d write=%d"
		.. " timeout=%d non2xx3xx=%d mean_us=%.1f p50_us=%d p99_us=%d max_us=%d\n",
		summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
		e.status, latency.mean, latency:percentile(50), latency:percentile(99), latency.max))
	local agg, keys, parts = {}, {}, {}
	for _, t in ipairs(threads) do
		for s, n in pairs(t:get("counts") or {}) do agg[s] = (agg[s] or 0) + n end
	end
	for s in pairs(agg) do keys[#keys + 1] = s end
	table.sort(keys)
	for _, s in ipairs(keys) do parts[#parts + 1] = s .. ":" .. agg[s] end
	io.write("STATUS " .. table.concat(parts, " ") .. "\n")
end
EOF

# wrk_run SECONDS URL OUT: in the background so that a signal reaches the trap
wrk_run() {
	local rc=0
	wrk -t"$THREADS" -c"$CONNS" -d"$1s" --timeout 5s --latency -s "$LUA" "$2" > "$3" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || rc=$?
	WRK_PID=""
	return $rc
}

# Worker log lines ("req method=GET path=/x status=200 ms=0.12") written
# during a run give the worker-side time; optional (needs $VAR/log/tms-*.log).
LOGS=("$VAR"/log/tms-*.log)
[ -r "${LOGS[0]}" ] || LOGS=()
log_marks() { local f; for f in "${LOGS[@]}"; do stat -c %s "$f"; done; }
log_since() { # log_since "MARKS": lines appended since
	local f i=0 m
	read -r -a m <<<"$1"
	for f in "${LOGS[@]}"; do tail -c +"$(( ${m[i]:-0} + 1 ))" "$f"; i=$((i + 1)); done
}

NAMES=(static login healthz root)
declare -A PATHS=([static]=$STATIC_PATH [login]=/login [healthz]=/healthz [root]=/)
declare -A WANT=([static]=200 [login]=200 [healthz]=200 [root]=303)
declare -A LABEL=(
	[static]="static (nginx, ${SIZE} B)"
	[login]="GET /login (page)"
	[healthz]="GET /healthz (+DB)"
	[root]="GET / (303, no session)"
)
declare -A RPS MEAN P99 REQS NON SOCK STAT BAD WTIME
FAIL=0

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
printf 'tms HTTP bench  %s  (wrk %s threads, %s connections, %ss per endpoint after a %ss warm-up run, discarded)\n' \
	"$BASE" "$THREADS" "$CONNS" "$SECS" "$WARM"
printf 'host: %s CPUs, load average %s before the runs\n' "$(nproc)" "$LOAD0"
printf 'response size used: /login body %s bytes -> static twin %s (%s bytes, served by nginx)\n' \
	"$SIZE" "$STATIC_PATH" "$SIZE"
printf '  headers (HTTP/1.1): /login %s bytes, static %s bytes\n\n' "$LOGIN_HDR" "$STATIC_HDR"

for n in "${NAMES[@]}"; do
	url=$BASE${PATHS[$n]}
	printf '  %-26s warm-up %ss ... ' "${LABEL[$n]}" "$WARM" >&2
	wrk_run "$WARM" "$url" "$WORK/$n.warm" || die "wrk failed on $url: $(tail -3 "$WORK/$n.warm")"
	printf 'measuring %ss\n' "$SECS" >&2
	marks=""
	if ((${#LOGS[@]})); then marks=$(log_marks | tr '\n' ' '); fi
	wrk_run "$SECS" "$url" "$WORK/$n.out" || die "wrk failed on $url: $(tail -3 "$WORK/$n.out")"
	r=$(grep '^RESULT ' "$WORK/$n.out") || die "no summary from wrk for $url: $(tail -3 "$WORK/$n.out")"
	declare -A R=()
	for kv in ${r#RESULT }; do R[${kv%%=*}]=${kv#*=}; done
	REQS[$n]=${R[requests]}
	RPS[$n]=$(awk -v q="${R[requests]}" -v d="${R[duration_us]}" 'BEGIN { printf "%.1f", (d > 0 ? q / (d / 1e6) : 0) }')
	MEAN[$n]=$(awk -v v="${R[mean_us]}" 'BEGIN { printf "%.2f", v / 1000 }')
	P99[$n]=$(awk -v v="${R[p99_us]}" 'BEGIN { printf "%.2f", v / 1000 }')
	NON[$n]=${R[non2xx3xx]}
	SOCK[$n]="c${R[connect]}/r${R[read]}/w${R[write]}/t${R[timeout]}"
	STAT[$n]=$(sed -n 's/^STATUS //p' "$WORK/$n.out")
	# statuses other than the expected one
	BAD[$n]=$(tr ' ' '\n' <<<"${STAT[$n]}" | awk -F: -v w="${WANT[$n]}" 'NF == 2 && $1 != w { b += $2 } END { print b + 0 }')
	if [ $((R[connect] + R[read] + R[write] + R[timeout])) -gt 0 ] || [ "${NON[$n]}" -gt 0 ] ||
	   [ "${BAD[$n]}" -gt 0 ] || [ "${REQS[$n]}" -eq 0 ]; then
		FAIL=1
	fi
	if ((${#LOGS[@]})) && [ "$n" != static ]; then
		WTIME[$n]=$(log_since "$marks" |
			awk -v p="${PATHS[$n]}" -v s="${WANT[$n]}" '
				$0 ~ (" req method=GET path=" p " status=" s " ms=") {
					for (i = 1; i <= NF; i++) if ($i ~ /^ms=/) print substr($i, 4) }' |
			sort -n | awk '{ v[NR] = $1 } END {
				if (NR == 0) { print "-"; exit }
				i = int(NR * 0.99 + 0.999999); if (i > NR) i = NR
				printf "n=%d median %.2f ms, p99 %.2f ms", NR, v[int((NR + 1) / 2)], v[i] }')
	fi
done

row() { printf '%-26s %11s %10s %10s %9s %11s %-15s %s\n' "$@"; }
row endpoint "requests/s" "mean lat" "p99 lat" requests non-2xx/3xx "socket errors" "statuses"
row "" "" "" "" "" "" "conn/read/wr/to" ""
for n in "${NAMES[@]}"; do
	row "${LABEL[$n]}" "${RPS[$n]}" "${MEAN[$n]} ms" "${P99[$n]} ms" "${REQS[$n]}" \
		"${NON[$n]}" "${SOCK[$n]}" "${STAT[$n]:--}"
done

share() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", (t > 0 ? 100 * b / t : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
echo
echo "ratios (requests/s, measured in this run):"
note=""
if [ "${BAD[login]}" -gt 0 ]; then
	note="  <- NOT the page: ${BAD[login]} of ${REQS[login]} /login answers ($(share "${BAD[login]}" "${REQS[login]}")%) were not 200 (${STAT[login]})"
fi
printf '  login   / static = %s%s\n' "$(ratio "${RPS[login]}" "${RPS[static]}")" "$note"
printf '  healthz / static = %s\n' "$(ratio "${RPS[healthz]}" "${RPS[static]}")"
printf '  / (303) / static = %s\n' "$(ratio "${RPS[root]}" "${RPS[static]}")"

if ((${#LOGS[@]})); then
	echo
	echo "worker-side time (tms-worker log lines written during each measured run):"
	for n in login healthz root; do
		printf '  %-26s %s\n' "${LABEL[$n]}" "${WTIME[$n]}"
	done
fi

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo
echo "load average after the runs: $LOAD1"

if [ "$FAIL" != 0 ]; then
	echo
	echo "FAILED: errors during the measured runs:"
	for n in "${NAMES[@]}"; do
		if [ "${BAD[$n]}" = 0 ] && [ "${NON[$n]}" = 0 ] && [ "${SOCK[$n]}" = c0/r0/w0/t0 ] &&
		   [ "${REQS[$n]}" -gt 0 ]; then
			continue
		fi
		printf '  %s (%s): expected only %s; statuses %s; non-2xx/3xx %s; socket errors %s\n' \
			"${LABEL[$n]}" "${PATHS[$n]}" "${WANT[$n]}" "${STAT[$n]:--}" "${NON[$n]}" "${SOCK[$n]}"
		if [ "$n" = login ] && [[ " ${STAT[$n]} " == *" 429:"* ]]; then
			echo "    429 = nginx limit_req on GET /login: that row measures nginx refusing, not the page"
		fi
		sed 's/^/    | /' "$WORK/$n.out" | grep -v '| RESULT\|| STATUS'
	done
	exit 1
fi
