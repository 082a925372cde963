#!/bin/bash
# t89-ops.sh: operations (issue 14): /metrics (Prometheus text, operators
# only) and nginx's stub_status, maintenance mode, the availability report
# from probe records, the logs export with its SHA-256 manifest.
# 127.0.0.1 is an operators' address on the test stack (admin-networks.conf);
# 127.0.0.2 is loopback too but outside, as in t88-address-limits.sh.
. "$(dirname "$0")/lib.sh"
IN=(--interface 127.0.0.1)
OUT=(--interface 127.0.0.2)
TMS=("$TMS_ROOT/scripts/tms")

# scrape: /metrics from inside until both pools have answered (requests go
# round the pools); leaves pool a's text in $TMP/m.a, pool b's in $TMP/m.b
scrape() {
	local i p
	rm -f "$TMP"/m.a "$TMP"/m.b
	for i in $(seq 1 20); do
		"${C[@]}" "${IN[@]}" -o "$TMP/m" "$TMS_URL/metrics" || return 1
		p=$(sed -n 's/^tms_worker_restarts_total{pool="\([a-z0-9]*\)"}.*/\1/p' "$TMP/m")
		[ -n "$p" ] && cp "$TMP/m" "$TMP/m.$p"
		[ -f "$TMP/m.a" ] && [ -f "$TMP/m.b" ] && return 0
	done
	return 1
}
# value FILE METRIC_WITH_LABELS: the sample's value (0 when absent)
value() { awk -v k="$2" '$1 == k { v = $2 } END { printf "%.0f\n", v }' "$1"; }

# ---- /metrics
st=$(code GET /metrics "${IN[@]}" -D "$TMP/h")
eq "/metrics from 127.0.0.1: 200" "$st" 200
contains "... Prometheus text content type" "$(cat "$TMP/h")" "text/plain; version=0.0.4"
bad=$(grep -v '^#' "$TMP/body" | grep -Ev '^[a-z_]+(\{([a-z_]+="[^"\\]*",?)*\})? -?[0-9.e+]+$' | head -3)
eq "... every sample line is NAME{LABELS} VALUE" "$bad" ""
for n in tms_requests_total tms_request_duration_seconds tms_worker_restarts_total \
	 tms_db_errors_total tms_db_connections tms_data_disk_bytes; do
	contains "... has # TYPE $n" "$(cat "$TMP/body")" "# TYPE $n "
done
st=$(code GET /metrics "${OUT[@]}")
eq "/metrics from 127.0.0.2 (outside the operators' networks): 403" "$st" 403
lacks "... and no counters in the answer" "$(cat "$TMP/body")" '<html lang="ja">' "tms_requests_total"
eq "/nginx_status from 127.0.0.1: 200" "$(code GET /nginx_status "${IN[@]}")" 200
contains "... stub_status counters" "$(cat "$TMP/body")" "Active connections:"
eq "/nginx_status from 127.0.0.2: 403" "$(code GET /nginx_status "${OUT[@]}")" 403

# counters move: 20 sign-in pages and 5 staff pages (not signed in: 303)
check "scrape both pools" scrape
L='tms_requests_total{pool="%s",method="GET",route="/login",status="200"}'
S='tms_requests_total{pool="%s",method="GET",route="/staff/:id",status="303"}'
b_login=$(( $(value "$TMP/m.a" "$(printf "$L" a)") + $(value "$TMP/m.b" "$(printf "$L" b)") ))
b_staff=$(( $(value "$TMP/m.a" "$(printf "$S" a)") + $(value "$TMP/m.b" "$(printf "$S" b)") ))
b_count=$(( $(value "$TMP/m.a" 'tms_request_duration_seconds_count{pool="a"}') + $(value "$TMP/m.b" 'tms_request_duration_seconds_count{pool="b"}') ))
for i in $(seq 1 20); do "${C[@]}" -o /dev/null "$TMS_URL/login"; done
for i in 101 102 103 104 105; do "${C[@]}" -o /dev/null "$TMS_URL/staff/$i"; done
check "scrape both pools again" scrape
a_login=$(( $(value "$TMP/m.a" "$(printf "$L" a)") + $(value "$TMP/m.b" "$(printf "$L" b)") ))
a_staff=$(( $(value "$TMP/m.a" "$(printf "$S" a)") + $(value "$TMP/m.b" "$(printf "$S" b)") ))
a_count=$(( $(value "$TMP/m.a" 'tms_request_duration_seconds_count{pool="a"}') + $(value "$TMP/m.b" 'tms_request_duration_seconds_count{pool="b"}') ))
eq "GET /login 200 counted 20 more times (both pools)" "$((a_login - b_login))" 20
eq "GET /staff/101..105 counted under the route pattern /staff/:id" "$((a_staff - b_staff))" 5
lacks "... never under the raw path" "$(cat "$TMP/m.a" "$TMP/m.b")" "tms_requests_total" 'route="/staff/101"' 'route="/staff/105"'
check "latency histogram counted at least the 25 requests" test "$((a_count - b_count))" -ge 25
mono=$(awk -F'[{} ]' '/^tms_request_duration_seconds_bucket/ { if ($(NF) + 0 < prev) bad = 1; prev = $(NF) + 0 }
	/^tms_request_duration_seconds_count/ { if ($(NF) + 0 != prev) bad = 1 } END { print bad + 0 }' "$TMP/m.a")
eq "... buckets cumulative, +Inf equal to the count" "$mono" 0

# the master's figures: a worker killed is a restart; the backup stamp's age
r0=$(value "$TMP/m.a" 'tms_worker_restarts_total{pool="a"}')
victim=$(pgrep -P "$(cat "$TMS_VAR/run/tms/pool-a.pid")" | head -1)
kill -9 "$victim"
r1=$r0
for i in $(seq 1 30); do
	scrape && r1=$(value "$TMP/m.a" 'tms_worker_restarts_total{pool="a"}')
	[ "$r1" -gt "$r0" ] && break
	sleep 0.5
done
eq "a worker of pool a killed: tms_worker_restarts_total +1" "$((r1 - r0))" 1
check "... and tms_worker_deaths_total counts it" test "$(value "$TMP/m.a" 'tms_worker_deaths_total{pool="a"}')" -ge 1
lacks "no backup stamp yet: no backup age" "$(cat "$TMP/m.a")" "tms_worker_restarts_total" "tms_backup_age_seconds"
touch -d '-2 hours' "$TMS_VAR/backup-last-good"
age=0
for i in $(seq 1 60); do	# the master gathers every 10 s
	scrape && age=$(value "$TMP/m.a" 'tms_backup_age_seconds{pool="a"}')
	[ "$age" -gt 0 ] && break
	sleep 0.5
done
check "backup stamp 2 hours old: tms_backup_age_seconds about 7200 ($age)" test "$age" -ge 7200 -a "$age" -lt 7300
rm -f "$TMS_VAR/backup-last-good"
size=$(value "$TMP/m.a" 'tms_data_disk_bytes{pool="a",kind="size"}')
used=$(value "$TMP/m.a" 'tms_data_disk_bytes{pool="a",kind="used"}')
want=$(df -B1 --output=size "$TMS_VAR" | tail -1 | tr -d ' ')
eq "data directory's file system size as df says" "$size" "$want"
check "... used bytes between 1 and the size" test "$used" -gt 0 -a "$used" -le "$size"
# cost of a scrape: 50 through nginx
t0=$(date +%s%N)
for i in $(seq 1 50); do "${C[@]}" "${IN[@]}" -o /dev/null "$TMS_URL/metrics"; done
t1=$(date +%s%N)
srv=$(cat "$TMS_VAR"/log/tms-*.log | sed -n 's/.* path=\/metrics status=200 ms=\([0-9.]*\).*/\1/p' | sort -n |
	awk '{ a[NR] = $1 } END { printf "median %s ms, p90 %s ms over %d scrapes", a[int(NR / 2) + 1], a[int(NR * 0.9)], NR }')
echo "# scrape cost: in the worker $srv; through nginx with curl's TLS $(( (t1 - t0) / 50000 )) us; $(wc -c < "$TMP/m.a") bytes"

# ---- maintenance
out=$("${TMS[@]}" maintenance on "x" 2>&1); rc=$?
check "maintenance on without --until refused" test "$rc" -ne 0
contains "... saying why" "$out" "--until TIME is required"
out=$("${TMS[@]}" maintenance on "x" --until "2001-01-01 00:00" 2>&1); rc=$?
check "maintenance on with a past --until refused" test "$rc" -ne 0
contains "... saying why" "$out" "is in the past"
end=$(date -d '+2 hours' '+%Y-%m-%d %H:%M')
endja=$(date -d "$end" '+%Y年%-m月%-d日 %H:%M')
check "maintenance on" "${TMS[@]}" maintenance on "<b>人事システム更新</b>のため停止します & 再開後に" --until "$end"
st=""
for i in $(seq 1 50); do st=$(code GET /login "${OUT[@]}"); [ "$st" = 503 ] && break; sleep 0.2; done
eq "from 127.0.0.2 during maintenance: /login 503" "$st" 503
body=$(cat "$TMP/body")
contains "... the Japanese maintenance page" "$body" "ただいまメンテナンス中です"
contains "... with the message, escaped" "$body" "&lt;b&gt;人事システム更新&lt;/b&gt;のため停止します &amp; 再開後に"
contains "... and the planned end" "$body" "$endja"
eq "... /staff/1 from outside 503 too" "$(code GET /staff/1 "${OUT[@]}")" 503
eq "... the page's style sheet still served" "$(code GET /static/app.css "${OUT[@]}")" 200
eq "from 127.0.0.1 (operators): /login 200" "$(code GET /login "${IN[@]}")" 200
eq "from 127.0.0.1: /healthz 200" "$(code GET /healthz "${IN[@]}")" 200
eq "scripts/tms maintenance status" "$("${TMS[@]}" maintenance status)" "on until $end"
eq "the probe records a planned stop" "$(TMS_AVAILABILITY_LOG=$TMP/probe.log "${TMS[@]}" probe)" maint
check "maintenance off" "${TMS[@]}" maintenance off
for i in $(seq 1 50); do st=$(code GET /login "${OUT[@]}"); [ "$st" = 200 ] && break; sleep 0.2; done
eq "after maintenance off: /login from 127.0.0.2 200" "$st" 200
eq "the probe records up" "$(TMS_AVAILABILITY_LOG=$TMP/probe.log "${TMS[@]}" probe)" up
check "... two records in the file" test "$(wc -l < "$TMP/probe.log")" = 2

# ---- availability from synthetic records (November 2026: 30 days)
ep() { date -d "$1" +%s; }
{
	echo "$(ep '2026-10-31 23:59') up 200 -"
	echo "$(ep '2026-11-03 02:00') down 503 db unavailable"
	echo "$(ep '2026-11-03 02:01') down 503 db unavailable"
	echo "$(ep '2026-11-03 02:20') up 200 -"
	echo "$(ep '2026-11-10 01:00') maint 503 -"
	echo "$(ep '2026-11-10 02:00') up 200 -"
	echo "$(ep '2026-11-20 10:00') down 000 curl: (7) Failed to connect"
	echo "$(ep '2026-11-20 10:05') up 200 -"
	echo "$(ep '2026-12-02 00:00') down 000 timeout"
} > "$TMP/avail.log"
out=$("${TMS[@]}" availability --month 2026-11 --file "$TMP/avail.log" --now "$(ep '2026-12-06 00:00')")
# (30 days - 1 h planned - 25 min down) / (30 days - 1 h)
want=$(awk 'BEGIN { t = 30 * 86400 - 3600; printf "%.3f", 100 * (t - 1500) / t }')
contains "November: 稼働率 $want%" "$out" "2026-11 稼働率 $want%"
contains "... first outage with its cause" "$out" "停止 1: 2026-11-03 02:00:00 〜 2026-11-03 02:20:00 (20分0秒) 原因: HTTP 503 db unavailable"
contains "... second outage" "$out" "停止 2: 2026-11-20 10:00:00 〜 2026-11-20 10:05:00 (5分0秒) 原因: curl: (7) Failed to connect"
lacks "... the planned stop is not an outage" "$out" "稼働率" "停止 3"
out=$("${TMS[@]}" availability --month 2026-12 --file "$TMP/avail.log" --now "$(ep '2026-12-02 01:00')")
contains "December, down since the 2nd: an outage still going" "$out" "停止 1: 2026-12-02 00:00:00 〜 継続中 (1時間0分0秒) 原因: timeout"
want=$(awk 'BEGIN { t = 86400 + 3600; printf "%.3f", 100 * 86400 / t }')
contains "... 稼働率 over the month so far ($want%)" "$out" "2026-12 稼働率 $want%"
out=$("${TMS[@]}" availability --month 2026-13 --file "$TMP/avail.log" 2>&1) && rc=0 || rc=$?
check "a bad --month is refused" test "$rc" -ne 0
contains "... saying why" "$out" "is not YYYY-MM"

# ---- logs export
today=$(date +%F)
out=$("${TMS[@]}" logs export --from "$today" --to "$today" --out "$TMP/logs.tar.gz" 2>&1)
check "logs export for today" test -s "$TMP/logs.tar.gz"
contains "... prints the archive's SHA-256" "$out" "sha256 $(sha256sum "$TMP/logs.tar.gz" | cut -d' ' -f1)"
mkdir "$TMP/x" && tar -C "$TMP/x" -xzf "$TMP/logs.tar.gz"
d=$TMP/x/tms-logs-$today-to-$today
check "... manifest verifies (sha256sum -c)" bash -c "cd '$d' && sha256sum --quiet -c SHA256SUMS"
eq "... manifest lists the five files" "$(awk '{ print $2 }' "$d/SHA256SUMS" | sort | tr '\n' ' ')" \
	"audit-log.csv nginx-access.log worker-pool-a.log worker-pool-b.log "
contains "... nginx access log of today" "$(cat "$d/nginx-access.log")" '"GET /metrics" 200'
contains "... worker log of today" "$(cat "$d/worker-pool-a.log" "$d/worker-pool-b.log")" "req method=GET path=/login"
contains "... audit log as CSV with its header" "$(head -1 "$d/audit-log.csv")" "id,at,actor_account_id"
echo tampered >> "$d/nginx-access.log"
check "... a changed file fails the manifest" bash -c "! (cd '$d' && sha256sum --quiet -c SHA256SUMS 2>/dev/null)"
"${TMS[@]}" logs export --from 2001-01-01 --to 2001-01-02 --out "$TMP/old.tar.gz" >/dev/null 2>&1
mkdir "$TMP/y" && tar -C "$TMP/y" -xzf "$TMP/old.tar.gz"
eq "a period without traffic: empty access log" "$(wc -c < "$TMP/y/tms-logs-2001-01-01-to-2001-01-02/nginx-access.log")" 0
out=$("${TMS[@]}" logs export --from 2001-01-03 --to 2001-01-02 2>&1) && rc=0 || rc=$?
check "--from after --to refused" test "$rc" -ne 0
# ---- お知らせ: admin posts one for a period; home shows it during it only
read -r al ap <<<"$(account admin)"
eq "admin signs in" "$(login "$TMP/admin" "$al" "$ap")" 303
eq "GET /admin/announce 200" "$(code GET /admin/announce -b "$TMP/admin")" 200
csrf=$(csrf_from "$TMP/body")
post_announce() { # TITLE STARTS ENDS
	code POST /admin/announce -b "$TMP/admin" --data-urlencode "csrf=$csrf" \
		--data-urlencode "title=$1" --data-urlencode "body=停止中は利用できません。" \
		--data-urlencode "starts=$2" --data-urlencode "ends=$3"
}
yday=$(date -d '-1 day' +%Y-%m-%dT%H:%M); tmrw=$(date -d '+1 day' +%Y-%m-%dT%H:%M)
nweek=$(date -d '+7 days' +%Y-%m-%dT%H:%M)
t1="<計画停止>のお知らせ $$"; t2="来週のバージョンアップ $$"
eq "an announcement for yesterday to tomorrow: 303" "$(post_announce "$t1" "$yday" "$tmrw")" 303
eq "one from tomorrow to next week: 303" "$(post_announce "$t2" "$tmrw" "$nweek")" 303
eq "one ending before it starts: 400" "$(post_announce "x" "$tmrw" "$yday")" 400
contains "... saying why" "$(cat "$TMP/body")" "掲載終了は掲載開始より後にしてください"
eq "one with a bad date: 400" "$(post_announce "x" "2026-13-01T00:00" "$tmrw")" 400
contains "... saying why" "$(cat "$TMP/body")" "掲載開始の日時を入力してください"
read -r sl sp <<<"$(account general)"
eq "staff signs in" "$(login "$TMP/staff" "$sl" "$sp")" 303
eq "staff: home 200" "$(code GET / -b "$TMP/staff")" 200
home=$(cat "$TMP/body")
contains "... shows the current announcement, escaped" "$home" "&lt;計画停止&gt;のお知らせ $$"
lacks "... not the one that starts tomorrow" "$home" "システムのお知らせ" "$t2"
eq "staff cannot post one (403)" "$(code POST /admin/announce -b "$TMP/staff" --data-urlencode "csrf=$csrf" --data-urlencode "title=x")" 403
id=$(q "SELECT id FROM announcement WHERE title = '$t1'")
check "... stored with its period" test -n "$id"
eq "admin deletes it: 303" "$(code POST "/admin/announce/$id/delete" -b "$TMP/admin" --data-urlencode "csrf=$csrf")" 303
code GET / -b "$TMP/staff" >/dev/null
lacks "home no longer shows it" "$(cat "$TMP/body")" "こんにちは" "計画停止&gt;のお知らせ $$"
eq "the deletion is audited" "$(q "SELECT count(*) FROM audit_log WHERE target = 'announcement' AND action = 'delete' AND detail->>'id' = '$id'")" 1
q "DELETE FROM announcement WHERE title LIKE '%$$'" >/dev/null
finish
