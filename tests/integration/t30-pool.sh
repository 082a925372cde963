#!/bin/bash
# t30-pool.sh: the worker pool under load: graceful reload (SIGHUP), a killed
# worker, recycling, a bad config on reload, one pool stopped behind nginx.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"

master() { cat "$TMS_VAR/run/tms/pool-$1.pid"; }
workers() { pgrep -P "$(master "$1")" | sort | tr '\n' ' '; }
nworkers() { pgrep -P "$(master "$1")" | wc -l; }
served() { grep -c ' req method=' "$TMS_VAR"/log/tms-*.log | awk -F: '{s += $2} END {print s}'; }

# load N [get]: N requests from 8 clients, half GET /login (retriable by
# nginx), half POST /logout without a session (never retried by nginx: a
# failure would show as 502); with "get", GETs only.
load() { # load N [get]
	local n=$1 mode=${2:-mixed} j i
	for j in 1 2 3 4 5 6 7 8; do
		local args=()
		for i in $(seq 1 $((n / 8))); do
			[ ${#args[@]} -gt 0 ] && args+=(--next)
			args+=(-s --cacert "$TMS_CA" -o /dev/null -w '%{http_code}\n')
			if [ $((i % 2)) = 0 ] || [ "$mode" = get ]; then args+=("$TMS_URL/login")
			else args+=(-d csrf=x "$TMS_URL/logout"); fi
		done
		curl "${args[@]}" > "$TMP/codes.$j" 2>/dev/null &
	done
	wait
	cat "$TMP"/codes.? > "$TMP/codes"
}
summary() { sort "$TMP/codes" | uniq -c | awk '{printf "%s×%s ", $2, $1}'; }
expect_codes() { # expect_codes DESCRIPTION N
	local bad; bad=$(grep -cvE '^(200|401)$' "$TMP/codes")
	if [ "$(wc -l < "$TMP/codes")" = "$2" ] && [ "$bad" = 0 ]; then ok "$1 ($(summary))"
	else nok "$1" "status counts: $(summary)"; fi
}
wait_until() { local i; for i in $(seq 1 300); do "$@" && return 0; sleep 0.1; done; return 1; }
served_over() { [ "$(served)" -ge "$1" ]; }
not_member() { case " $1 " in *" $2 "*) return 1 ;; esac; return 0; }
all_new() { local w; for w in $(workers "$1"); do not_member "$2" "$w" || return 1; done; [ "$(nworkers "$1")" -ge 2 ]; }

# --- SIGHUP under load
old_a=$(workers a); old_b=$(workers b)
base=$(served)
load 8000 & lp=$!
wait_until served_over $((base + 200))
kill -HUP "$(master a)" "$(master b)"
check "pool a: a new generation replaced every worker" wait_until all_new a "$old_a"
check "pool b: a new generation replaced every worker" wait_until all_new b "$old_b"
mid_a=$(workers a)
kill -HUP "$(master a)"
check "pool a: second reload under load" wait_until all_new a "$mid_a"
if kill -0 $lp 2>/dev/null; then ok "reloads happened while the load was running"; else nok "reloads happened while the load was running"; fi
wait $lp
expect_codes "SIGHUP under load: no request failed" 8000
contains "reload logged" "$(grep -h 'reload: generation' "$TMS_VAR"/log/tms-a.log | tail -1)" "stopping"
check "workers recycled after max_requests under load" grep -q "recycling after 200 requests" "$TMS_VAR/log/tms-a.log"

# --- a worker killed under load
base=$(served)
load 2000 get & lp=$!
wait_until served_over $((base + 200))
# A worker may be recycling at the moment it is picked; then pick another.
killed=no
for try in 1 2 3; do
	victim=$(pgrep -P "$(master a)" | head -1)
	kill -KILL "$victim"
	if wait_until grep -q "worker $victim killed by signal 9" "$TMS_VAR/log/tms-a.log"; then
		killed=yes; break
	fi
done
eq "a busy worker was killed and the master logged it" "$killed" yes
check "killed worker is replaced" wait_until eval '[ "$(nworkers a)" -ge 2 ] && ! kill -0 '"$victim"' 2>/dev/null'
wait $lp
expect_codes "worker killed under load: requests still succeed" 2000

# --- a bad config on reload is refused and the pool keeps running
cp "$TMS_VAR/etc/tms-b.yaml" "$TMP/b.yaml"
echo "wrokers: 3" >> "$TMS_VAR/etc/tms-b.yaml"
before=$(workers b)
kill -HUP "$(master b)"
check "bad config: reload refused with file and line" wait_until grep -q "reload refused.*tms-b.yaml:[0-9]*: unknown key 'wrokers'" "$TMS_VAR/log/tms-b.log"
eq "bad config: the running workers stay" "$(workers b)" "$before"
cp "$TMP/b.yaml" "$TMS_VAR/etc/tms-b.yaml"
eq "tms-worker -t names the problem" "$(printf 'wrokers: 1\n' | cat "$TMP/b.yaml" - > "$TMP/bad.yaml"; "$TMS_BIN/cgi/tms-worker" -t -c "$TMP/bad.yaml" 2>&1 | sed 's/.*://')" " unknown key 'wrokers'"

# --- one pool stopped: nginx sends GETs to the other pool
kill -TERM "$(master a)"
check "pool a drains and exits on SIGTERM" wait_until eval '[ ! -e "$TMS_VAR/run/tms/pool-a.sock" ]'
: > "$TMP/codes"
for i in $(seq 1 20); do "${C[@]}" -o /dev/null -w '%{http_code}\n' "$TMS_URL/login" >> "$TMP/codes"; done
eq "with pool a down, GETs are served by pool b" "$(sort -u "$TMP/codes")" "200"
setsid "$TMS_BIN/cgi/tms-worker" -c "$TMS_VAR/etc/tms-a.yaml" -l "$TMS_VAR/log/tms-a.log" \
	-p "$TMS_VAR/run/tms/pool-a.pid" </dev/null >/dev/null 2>&1 &
check "pool a restarts" wait_until test -S "$TMS_VAR/run/tms/pool-a.sock"

# --- a pool on TCP, spoken to directly with cgi-fcgi (no nginx)
port=$((20000 + RANDOM % 40000))
sed -e "s|^listen: .*|listen: tcp:127.0.0.1:$port|" -e "s|^workers: .*|workers: 1|" \
	"$TMS_VAR/etc/tms-b.yaml" > "$TMP/tcp.yaml"
setsid "$TMS_BIN/cgi/tms-worker" -c "$TMP/tcp.yaml" -l "$TMS_VAR/log/tms-tcp.log" -p "$TMP/tcp.pid" \
	</dev/null >/dev/null 2>&1 &
check "TCP pool starts" wait_until eval "(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null"
r=$(env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz REMOTE_ADDR=127.0.0.1 \
	cgi-fcgi -bind -connect "127.0.0.1:$port" 2>&1)
contains "TCP pool answers FastCGI directly" "$r" "Status: 200 OK"
kill -TERM "$(cat "$TMP/tcp.pid")"
check "TCP pool stops on SIGTERM" wait_until eval '! kill -0 '"$(cat "$TMP/tcp.pid")"' 2>/dev/null'
finish
