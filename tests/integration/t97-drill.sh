#!/bin/bash
# t97-drill.sh: workers that die cost at most the request they served.
# - The master, when it cannot fork, backs off, goes on reaping and starts
#   the workers again once it can (no spinning, no zombie).
# - The watchdog kills a worker whose one request runs over the limit.
# - A POST whose worker dies in the middle of its transaction: 502 with the
#   Japanese "send it again" page, nothing of it in the database, and the
#   master's log names the request (method, path, user) and the signal.
# - The drill (tests/drill/drill.sh, 60 s): kill -9 a random worker every
#   2 s, then every 0.5 s, under a read-and-write load through nginx:
#   failed_get=0, half_applied=0, failed POSTs no more than the kills, each
#   worker replaced within 100 ms and each death logged.
# Leaves every pool with its workers and the original configuration.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAtX -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
q() { "${PSQL[@]}" -c "$1"; }
qs() { runuser -u postgres -- psql -qAtX -h "$TMS_VAR/run/pg" -p "$PGPORT" -d tms -c "$1"; }
master() { cat "$TMS_VAR/run/tms/pool-$1.pid"; }
nworkers() { pgrep -P "$(master "$1")" | wc -l; }
wait_until() { local i; for i in $(seq 1 ${WAIT_TENTHS:-300}); do "$@" && return 0; sleep 0.1; done; return 1; }
full() { [ "$(nworkers a)" -ge 2 ] && [ "$(nworkers b)" -ge 2 ]; }
logs() { cat "$TMS_VAR"/log/tms-a.log "$TMS_VAR"/log/tms-b.log; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
mark() { L0=$(wc -l < "$TMS_VAR/log/tms-a.log"); }	# new_a: pool a's log since
new_a() { tail -n +$((L0 + 1)) "$TMS_VAR/log/tms-a.log"; }
has_a() { new_a | grep -q "$1"; }
reloaded_a() { new_a | grep -q "reload: generation"; }

# ---------------------------------------------------------------- fork fails
m=$(master a)
mark
# as the pool's user: root here may lack CAP_SYS_RESOURCE (containers)
limit() { runuser -u tms -- prlimit --pid "$m" "$@"; }
read -r soft hard < <(limit --nproc -o SOFT,HARD --noheadings)
victim=$(pgrep -P "$m" | head -1)
survivor=$(pgrep -P "$m" | grep -vx "$victim" | head -1)
limit --nproc="1:$hard"	# any fork of the pool's user fails
kill -KILL "$victim"
check "fork refused: the master says so and backs off" \
	wait_until has_a "cannot start a worker: fork: .*; next attempt to start workers in [0-9]* ms"
t0=$(ticks "$m"); sleep 1; t1=$(ticks "$m")
check "fork refused: the master does not spin ($((t1 - t0)) ticks of CPU in 1 s)" test $((t1 - t0)) -lt 20
check "fork refused: the dead worker is reaped (no zombie)" eval "! ps -o stat= -p $victim | grep -q Z"
kill -HUP "$m"
check "fork refused: the master still answers SIGHUP" wait_until reloaded_a
contains "fork refused: the old generation keeps serving until the new one is complete" \
	"$(new_a | grep 'reload: generation')" "stopping once the new one is complete"
eq "fork refused: the worker left is still there" "$(nworkers a)" 1
limit --nproc="$soft:$hard"
check "fork allowed again: the pool is complete within the back-off" wait_until full
check "fork allowed again: then the old generation stops" \
	wait_until eval '! kill -0 '"$survivor"' 2>/dev/null && [ "$(nworkers a)" = 2 ]'


# ---------------------------------------------------------------- watchdog
read -r hlogin hpw < <(account hr)
eq "hr logs in" "$(login "$TMP/hr.jar" "$hlogin" "$hpw")" 303
sid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$TMP/hr.jar" | tail -1)
cp "$TMS_VAR/etc/tms-a.yaml" "$TMP/a.yaml"
sed -i 's/^  request_seconds: .*/  request_seconds: 2/' "$TMS_VAR/etc/tms-a.yaml"
mark; kill -HUP "$(master a)"; wait_until reloaded_a; wait_until full
# both workers of pool a ready (connected, statements prepared)
for i in 1 2 3 4 5 6; do
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz REMOTE_ADDR=127.0.0.1 \
		timeout 20 cgi-fcgi -bind -connect "$TMS_VAR/run/tms/pool-a.sock" >/dev/null 2>&1 || true
done
mark
# the session table locked: the request waits in its first query
coproc LOCKER { "${PSQL[@]}"; }
echo "BEGIN; LOCK TABLE session IN ACCESS EXCLUSIVE MODE; SELECT 'locked';" >&"${LOCKER[1]}"
read -r -t 10 locked <&"${LOCKER[0]}" || true
eq "session table locked" "$locked" locked
start=$(date +%s)
env -i REQUEST_METHOD=GET DOCUMENT_URI=/staff REMOTE_ADDR=127.0.0.1 HTTP_COOKIE="__Host-tms_sid=$sid" \
	timeout 30 cgi-fcgi -bind -connect "$TMS_VAR/run/tms/pool-a.sock" > "$TMP/wd.out" 2>&1 || true
took=$(($(date +%s) - start))
echo "ROLLBACK;" >&"${LOCKER[1]}"; exec {LOCKER[1]}>&-; wait "$LOCKER_PID" 2>/dev/null || true
check "watchdog: a request over the limit (2 s) ends in ${took} s, before the statement timeout" test "$took" -lt 5
contains "watchdog: logged with the request" "$(new_a | grep 'watchdog: worker')" \
	"over the limit of 2 s while serving GET /staff uid="
contains "watchdog: the worker's death logged" "$(new_a | grep 'by the watchdog')" \
	"killed by signal 9 (Killed) by the watchdog while serving GET /staff"
cp "$TMP/a.yaml" "$TMS_VAR/etc/tms-a.yaml"
mark; kill -HUP "$(master a)"; wait_until reloaded_a; wait_until full

# ---------------------------------------------------------------- a POST dies
# hr updates a task's progress; its audit row waits on a lock, after the
# task row is written; then its worker is killed.
read -r task notes0 < <(q "SELECT id, md5(notes) FROM duty_task ORDER BY id LIMIT 1" | tr '|' ' ')
uid=$(q "SELECT id FROM account WHERE login = '$hlogin'")
mark="t97-$RANDOM$RANDOM"
since=$(q "SELECT now()")
"${C[@]}" -b "$TMP/hr.jar" -o "$TMP/f.html" "$TMS_URL/tasks"
csrf=$(csrf_from "$TMP/f.html")
coproc LOCKER { "${PSQL[@]}"; }
echo "BEGIN; LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE; SELECT 'locked';" >&"${LOCKER[1]}"
read -r -t 10 locked <&"${LOCKER[0]}" || true
eq "audit_log locked" "$locked" locked
( code POST "/tasks/$task" -b "$TMP/hr.jar" --data-urlencode "csrf=$csrf" --data-urlencode "progress=37" \
	--data-urlencode "status=進行中" --data-urlencode "notes=$mark" > "$TMP/post.code"; cp "$TMP/body" "$TMP/post.html" ) &
post=$!
waiting() { [ "$(qs "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
	AND application_name LIKE 'tms-%' AND query LIKE '%INSERT INTO audit_log%'")" = 1 ]; }
check "the POST wrote its task row and waits to write its audit row" wait_until waiting
for p in a b; do kill -KILL $(pgrep -P "$(master "$p")"); done
wait $post
eq "the POST in flight: 502" "$(cat "$TMP/post.code")" 502
contains "the POST in flight: the page says it may not be saved, never half" "$(cat "$TMP/post.html")" \
	"一部だけが保存されることはありません"
contains "the POST in flight: the page says to send it again" "$(cat "$TMP/post.html")" "もう一度送信してください"
eq "the POST in flight: its task row is not in the database" "$(q "SELECT md5(notes) FROM duty_task WHERE id = $task")" "$notes0"
echo "ROLLBACK;" >&"${LOCKER[1]}"; exec {LOCKER[1]}>&-; wait "$LOCKER_PID" 2>/dev/null || true
gone() { [ "$(qs "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'tms-%'
	AND (state = 'idle in transaction' OR query LIKE '%INSERT INTO audit_log%' AND state = 'active')")" = 0 ]; }
wait_until gone
eq "the POST in flight: after its connection is gone, neither its task row nor its audit row" \
	"$(q "SELECT (SELECT md5(notes) FROM duty_task WHERE id = $task) = '$notes0',
	   (SELECT count(*) FROM audit_log WHERE at >= '$since' AND detail->>'task' = '$task' AND detail->>'progress' = '37')")" "t|0"
contains "the master logs the signal and the request (method, path, user)" "$(logs)" \
	"killed by signal 9 (Killed) while serving POST /tasks/$task uid=$uid (for "
check "every worker is replaced" wait_until full
eq "the same POST sent again is saved" "$(code POST "/tasks/$task" -b "$TMP/hr.jar" --data-urlencode "csrf=$csrf" \
	--data-urlencode "progress=37" --data-urlencode "status=進行中" --data-urlencode "notes=$mark")" 303
eq "... with its audit row" "$(q "SELECT count(*) FROM duty_task t JOIN audit_log l ON l.detail->>'task' = t.id::text
	AND l.detail->>'progress' = '37' AND l.at >= '$since' WHERE t.id = $task AND t.notes = '$mark'")" 1

# ---------------------------------------------------------------- the drill
TMS_DRILL_CONNS=32 bash "$TMS_ROOT/tests/drill/drill.sh" workers "$TMS_VAR" "$TMS_BIN" "2:40 0.5:20" \
	> "$TMP/drill.out" 2> "$TMP/drill.err" || true
sed 's/^/# /' "$TMP/drill.err" | tail -20
grep '^#' "$TMP/drill.out" || true
last=$(tail -1 "$TMP/drill.out")
kv() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
kills=$(grep '^kills=' "$TMP/drill.out" | tail -1)
contains "drill: the figures are printed" "$last" "requests="
n=$(kv kills "$kills")
check "drill: workers were killed ($n)" test "${n:-0}" -ge 50
eq "drill: failed_get=0 ($last)" "$(kv failed_get "$last")" 0
eq "drill: half_applied=0" "$(kv half_applied "$last")" 0
check "drill: failed POSTs ($(kv failed_post "$last")) no more than the kills ($n)" test "$(kv failed_post "$last")" -le "${n:-0}"
eq "drill: every killed worker replaced" "$(kv replaced "$kills")" "$n"
# from the death the master notices to the replacement: the master's part;
# from the kill: also the dying worker's exit and the scheduler (ASan
# workers unmap hundreds of MB; this machine may be shared)
check "drill: each replacement started within 100 ms of the death (at most $(kv master_max_ms "$kills") ms)" \
	test "$(kv master_max_ms "$kills")" -le 100
check "drill: from the kill, within 100 ms (median $(kv respawn_p50_ms "$kills") ms, at most $(kv respawn_max_ms "$kills") ms)" \
	test "$(kv respawn_p50_ms "$kills")" -le 100 -a "$(kv respawn_max_ms "$kills")" -le 250
eq "drill: every death logged (or the worker was leaving: recycled)" \
	"$(kv accounted "$kills")" "$n"
check "drill: the log names what the dead were serving ($(kv logged_serving "$kills") of $(kv logged "$kills"))" \
	test "$(kv logged_serving "$kills")" -ge 1
check "after the drill: every pool complete and healthy" wait_until eval 'full && "${C[@]}" -fso /dev/null "$TMS_URL/healthz"'
finish
