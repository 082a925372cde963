#!/bin/bash
# t98-soak.sh: a 60-second soak (tests/drill/drill.sh soak): 200 keep-alive
# connections of the drill's read-and-write mix through nginx, two SIGHUP
# reloads of every pool and the recycling of workers (MAX_REQUESTS) on the
# way: no request fails, every POST is in the database as answered, worker
# RSS and open descriptors stay flat (±10 %), PostgreSQL backends stable,
# no sanitizer report (the test stack runs ASan workers).
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"

TMS_DRILL_CONNS=200 bash "$TMS_ROOT/tests/drill/drill.sh" soak "$TMS_VAR" "$TMS_BIN" 60 \
	> "$TMP/soak.out" 2> "$TMP/soak.err" || true
sed 's/^/# /' "$TMP/soak.err" | tail -20
grep '^#' "$TMP/soak.out" || true
last=$(tail -1 "$TMP/soak.out")
kv() { printf '%s\n' "$last" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
within() { awk -v x="$1" -v l="$2" 'BEGIN { exit !(x >= -l && x <= l) }'; }

contains "soak: the figures are printed" "$last" "requests="
check "soak: requests were made ($(kv requests))" test "$(kv requests)" -ge 1000
eq "soak: errors=0" "$(kv errors)" 0
eq "soak: half_applied=0" "$(kv half_applied)" 0
eq "soak: two reloads" "$(kv reloads)" 2
eq "soak: no request failed around the reloads" "$(kv reload_errors)" 0
check "soak: workers were recycled on the way ($(kv recycles))" test "$(kv recycles)" -ge 1
check "soak: worker RSS flat ($(kv rss_start_mb) → $(kv rss_end_mb) MB, $(kv rss_change_pct) %)" within "$(kv rss_change_pct)" 10
check "soak: open descriptors flat ($(kv fds_start) → $(kv fds_end), $(kv fds_change_pct) %)" within "$(kv fds_change_pct)" 10
check "soak: PostgreSQL backends stable ($(kv pg_backends_start) → $(kv pg_backends_end))" \
	awk -v s="$(kv pg_backends_start)" -v e="$(kv pg_backends_end)" 'BEGIN { exit !(s > 0 && e <= s * 1.1 + 2) }'
eq "soak: no sanitizer report" "$(kv sanitizer_reports)" 0
wait_until() { local i; for i in $(seq 1 300); do "$@" && return 0; sleep 0.1; done; return 1; }
check "after the soak: healthy" wait_until "${C[@]}" -fso /dev/null "$TMS_URL/healthz"
finish
