#!/usr/bin/env bash
# signin.sh: the April-morning sign-in storm (issue 13) through nginx + TLS.
#
#   bash tests/bench/signin.sh BASE_URL ROOT VAR
#
# 64 connections post valid sign-ins (POST /login, 64 service accounts made
# here, PBKDF2 at the configured iterations) while 4 other connections of a
# signed-in user read the directory (GET /staff). Three runs of the same
# length, in this order:
#   directory alone     the directory's own figures (no storm)
#   storm, bounded      as configured: nginx lets POST /login through at
#                       most LOGIN_RATE a second (the rest wait in nginx,
#                       nginx/tms.conf.in) and the workers check at most
#                       login.concurrent_signins passwords at a time (half
#                       the CPUs; a sign-in finding no slot is told to retry:
#                       503, counted as "busy"), cgi/throttle.c
#   storm, unbounded    the same stack without either: the limit_req line
#                       removed from its nginx.conf, concurrent_signins 256
#                       in its pools' configuration (this throw-away stack
#                       only), nginx and the pools reloaded
# Prints sign-ins/s (303 answers), busy answers/s, the sign-in p99, the
# directory's requests/s, p50 and p99, and whether the directory's p99 stayed
# <= 250 ms during the bounded storm (the target). Exit 1 on socket errors or
# statuses other than 303/503 (storm) and 200 (directory); the target is
# reported, not enforced (a shared machine varies).
# Environment: TMS_BENCH_SECONDS (15), TMS_BENCH_STORM (64).
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: bash tests/bench/signin.sh BASE_URL ROOT VAR" >&2; exit 2; }
BASE=${1%/} VAR=$3
SECS=${TMS_BENCH_SECONDS:-15} STORM=${TMS_BENCH_STORM:-64} DIRCONNS=4 TARGET_MS=250
CA=$VAR/tls/server.crt
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 2; }
. "$VAR/ports"
PSQL=(psql -qAt -X -h "$VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
CONF=$VAR/nginx/nginx.conf
POOLS_=$(cd "$VAR/etc" && ls tms-*.yaml | sed 's/^tms-\(.*\)\.yaml$/\1/' | tr '\n' ' ')
# reload_pools: SIGHUP every pool, wait until none of its old workers is left
reload_pools() {
	local p m old i w left
	for p in $POOLS_; do
		m=$(cat "$VAR/run/tms/pool-$p.pid"); old=$(pgrep -P "$m" | tr '\n' ' ')
		kill -HUP "$m"
		for i in $(seq 1 100); do
			left=0; for w in $old; do kill -0 "$w" 2>/dev/null && left=1; done
			[ $left = 0 ] && break; sleep 0.1
		done
	done
}
slots=$(sed -n 's/^  concurrent_signins: \([0-9]*\)/\1/p' "$VAR/etc/tms-a.yaml")
[ "${slots:-0}" != 0 ] || slots=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))

TMP=$(mktemp -d) PIDS=() CHANGED=0
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	if [ "$CHANGED" = 1 ]; then
		cp "$TMP/nginx.conf" "$CONF"
		nginx -c "$CONF" -p "$VAR/nginx" -s reload 2>/dev/null || true
		for p in $POOLS_; do [ ! -f "$TMP/tms-$p.yaml" ] || cp "$TMP/tms-$p.yaml" "$VAR/etc/tms-$p.yaml"; done
		reload_pools || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------ accounts and sessions
# one real account (its PBKDF2 hash), copied to the others: same password
pw=bench-signin-$(openssl rand -hex 8)
echo "$pw" | "$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" \
	useradd bench-signin-00 general "ベンチ 00" >/dev/null || { echo "bench: useradd failed" >&2; exit 2; }
"${PSQL[@]}" -c "INSERT INTO account (login, display_name, role, password_hash)
	SELECT 'bench-signin-' || lpad(i::text, 2, '0'), 'ベンチ ' || i, 'general', a.password_hash
	FROM generate_series(1, $((STORM - 1))) i, account a WHERE a.login = 'bench-signin-00'
	ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled = false"
"${PSQL[@]}" -c "DELETE FROM login_throttle WHERE login LIKE 'bench-signin-%'" 2>/dev/null || true

CURL=(curl -sS --cacert "$CA")
# the pre-session cookie and its CSRF token, shared by every storm request
"${CURL[@]}" -c "$TMP/pre.jar" -o "$TMP/l.html" "$BASE/login"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/l.html" | head -1)
pre=$(awk '$6 == "__Host-tms_pre" { print $7 }' "$TMP/pre.jar" | tail -1)
[ -n "$csrf" ] && [ -n "$pre" ] || { echo "bench: no pre-session cookie or CSRF token" >&2; exit 2; }
code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: __Host-tms_pre=$pre" \
	--data-urlencode "login=bench-signin-00" --data-urlencode "password=$pw" \
	--data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$BASE/login")
[ "$code" = 303 ] || { echo "bench: a storm sign-in answered $code, not 303" >&2; exit 2; }

# the directory reader: the general demo user, signed in once
read -r _ slogin spw < <(awk '$1 == "general"' "$VAR/demo-accounts.txt")
jar=$TMP/jar
"${CURL[@]}" -c "$jar" -b "$jar" -o "$TMP/l.html" "$BASE/login"
code=$("${CURL[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	--data-urlencode "login=$slogin" --data-urlencode "password=$spw" \
	--data-urlencode "csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/l.html" | head -1)" \
	"$BASE/login")
[ "$code" = 303 ] || { echo "bench: directory user sign-in answered $code" >&2; exit 2; }
sid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$jar" | tail -1)
[ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: __Host-tms_sid=$sid" "$BASE/staff")" = 200 ] ||
	{ echo "bench: GET /staff is not 200 for the directory user" >&2; exit 2; }

# ------------------------------------------------ wrk scripts
COUNT='
local threads = {}
function setup(thread) threads[#threads + 1] = thread; thread:set("tid", #threads) end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\n",
		summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
		latency:percentile(50), latency:percentile(99)))
	local agg, keys, parts = {}, {}, {}
	for _, t in ipairs(threads) do
		for s, n in pairs(t:get("counts") or {}) do agg[s] = (agg[s] or 0) + n end
	end
	for s in pairs(agg) do keys[#keys + 1] = s end
	table.sort(keys)
	for _, s in ipairs(keys) do parts[#parts + 1] = s .. ":" .. agg[s] end
	io.write("STATUS " .. table.concat(parts, " ") .. "\n")
end
'
cat > "$TMP/storm.lua" <<EOF
$COUNT
local n, id = 0, 0
function init(args) counts = {}; id = (tid or 0) * 37 end
function request()
	n = n + 1
	local body = string.format("login=bench-signin-%02d&password=$pw&csrf=$csrf&next=%%2F", (n + id) % $STORM)
	return wrk.format("POST", "/login", {
		["Cookie"] = "__Host-tms_pre=$pre",
		["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
EOF
cat > "$TMP/dir.lua" <<EOF
$COUNT
function init(args) counts = {} end
wrk.headers["Cookie"] = "__Host-tms_sid=$sid"
EOF

# run NAME: the directory for SECS s; with a storm unless NAME is alone
run() {
	local name=$1 sp=""
	if [ "$name" != alone ]; then
		wrk -t2 -c"$STORM" -d"$((SECS + 6))s" --timeout 20s -s "$TMP/storm.lua" "$BASE/login" \
			> "$TMP/$name.storm" 2>&1 &
		sp=$!; PIDS+=("$sp")
		sleep 3	# the storm fills the queues first
	fi
	wrk -t1 -c"$DIRCONNS" -d"${SECS}s" --timeout 20s -s "$TMP/dir.lua" "$BASE/staff" > "$TMP/$name.dir" 2>&1
	[ -z "$sp" ] || wait "$sp"
}
# field FILE KEY: a value of the RESULT line
field() { sed -n 's/^RESULT .*\b'"$2"'=\([0-9]*\).*/\1/p' "$1"; }
ms() { awk -v v="$1" 'BEGIN { printf "%.0f ms", v / 1000 }'; }
per_s() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.1f", (d > 0 ? n / (d / 1e6) : 0) }'; }
FAIL=0
declare -A ROW
report() { # report NAME LABEL
	local n=$1 d=$TMP/$1.dir s=$TMP/$1.storm ok="-" busy="-" sp99="-" st="-" dst
	grep -q '^RESULT ' "$d" || { echo "bench: no wrk summary for the directory ($n): $(tail -3 "$d")" >&2; exit 1; }
	dst=$(sed -n 's/^STATUS //p' "$d")
	[ "$(field "$d" errors)" = 0 ] && [ "$dst" = "200:$(field "$d" requests)" ] || FAIL=1
	if [ -f "$s" ]; then
		grep -q '^RESULT ' "$s" || { echo "bench: no wrk summary for the storm ($n): $(tail -3 "$s")" >&2; exit 1; }
		st=$(sed -n 's/^STATUS //p' "$s")
		ok=$(per_s "$(tr ' ' '\n' <<<"$st" | sed -n 's/^303://p' | head -1)" "$(field "$s" duration_us)")
		busy=$(per_s "$(tr ' ' '\n' <<<"$st" | sed -n 's/^503://p' | head -1)" "$(field "$s" duration_us)")
		sp99=$(ms "$(field "$s" p99_us)")
		[ "$(field "$s" errors)" = 0 ] || FAIL=1
		[[ $st =~ ^303:[0-9]+( 503:[0-9]+)?$ ]] || FAIL=1
	fi
	ROW[$n]=$(printf '%-32s %10s %7s %12s %12s %11s %11s  %s' "$2" "$ok" "$busy" "$sp99" \
		"$(per_s "$(field "$d" requests)" "$(field "$d" duration_us)")" \
		"$(ms "$(field "$d" p50_us)")" "$(ms "$(field "$d" p99_us)")" "storm ${st} / directory ${dst}")
}

rate=$(sed -n 's/.*zone=tms_login_post:[^ ]* rate=\([0-9]*\)r\/s.*/\1/p' "$CONF")
printf 'sign-in storm: %s connections posting valid sign-ins; directory (GET /staff) from %s other connections, %s s each\n' \
	"$STORM" "$DIRCONNS" "$SECS"
printf 'host: %s CPUs, load average %s; nginx lets %s sign-ins/s through (bounded run)\n' \
	"$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "${rate:-?}"
run alone; report alone "directory alone"
run bounded; report bounded "storm, bounded (${rate:-?}/s, $slots at once)"
cp "$CONF" "$TMP/nginx.conf"; CHANGED=1
for p in $POOLS_; do cp "$VAR/etc/tms-$p.yaml" "$TMP/tms-$p.yaml"; done
sed -i '/limit_req zone=tms_login_post/d' "$CONF"
nginx -c "$CONF" -p "$VAR/nginx" -s reload
for p in $POOLS_; do sed -i 's/^  concurrent_signins: .*/  concurrent_signins: 256/' "$VAR/etc/tms-$p.yaml"; done
reload_pools
sleep 1
"${PSQL[@]}" -c "DELETE FROM session s USING account a WHERE a.id = s.account_id AND a.login LIKE 'bench-signin-%'"
run unbounded; report unbounded "storm, unbounded (no limit)"
cp "$TMP/nginx.conf" "$CONF"; CHANGED=0
nginx -c "$CONF" -p "$VAR/nginx" -s reload
for p in $POOLS_; do cp "$TMP/tms-$p.yaml" "$VAR/etc/tms-$p.yaml"; done
reload_pools

echo
printf '%-32s %10s %7s %12s %12s %11s %11s  %s\n' run "sign-ins/s" "busy/s" "sign-in p99" "directory/s" "dir p50" "dir p99" statuses
for n in alone bounded unbounded; do echo "${ROW[$n]}"; done
p99=$(field "$TMP/bounded.dir" p99_us)
echo
if [ "$p99" -le $((TARGET_MS * 1000)) ]; then
	echo "target met: the directory's p99 during the storm is $(ms "$p99") (<= $TARGET_MS ms) with the bound"
else
	echo "target NOT met: the directory's p99 during the storm is $(ms "$p99") (> $TARGET_MS ms) with the bound"
fi
"${PSQL[@]}" -c "DELETE FROM session s USING account a WHERE a.id = s.account_id AND a.login LIKE 'bench-signin-%'"
[ "$FAIL" = 0 ] || { echo "FAILED: socket errors or unexpected statuses (see the statuses column)"; exit 1; }
