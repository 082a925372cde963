#!/bin/bash
# t96-ha.sh: the replicated cluster (scripts/tms.d/ha.sh), each drill on its
# own cluster and stack on free ports (etcd 3 members, Patroni 2 nodes in
# synchronous mode, pgBackRest with an encrypted repository):
# - failover: kill -9 the leader's postmaster, then stop the leader's
#   Patroni, under a load of POSTs (unique markers) and GETs through nginx:
#   acknowledged_lost=0, write outage <= 20 s, read errors <= 1 % of the
#   reads, the old leader back as a synchronous standby;
# - restore: PITR to a time T between two sets of markers: those before T
#   there, those after T absent; the figures printed.
# Not in scripts/tms test's default run: TMS_ONLY=t96 (see README.md).
. "$(dirname "$0")/lib.sh"
kv() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }

TMS_BUILD_SUFFIX=${TMS_BUILD_SUFFIX:-} "$TMS_ROOT/scripts/tms" drill failover > "$TMP/fo.out" 2> "$TMP/fo.err" || true
sed 's/^/# /' "$TMP/fo.err" | grep -v '^# $' | tail -12
grep '^#' "$TMP/fo.out" || true
last=$(tail -1 "$TMP/fo.out")
fig=$(grep '^# writes=' "$TMP/fo.out" | tail -1)
contains "failover: the figures are printed" "$last" "acknowledged_lost="
eq "failover: acknowledged_lost=0 ($last)" "$(kv acknowledged_lost "$last")" 0
check "failover: write outage $(kv write_outage_s "$last") s <= 20 s" le "$(kv write_outage_s "$last")" 20
reads=$(kv reads "$fig"); rerr=$(kv read_errors "$last")
check "failover: read errors ${rerr:-?} of ${reads:-?} reads <= 1 %" le "$((${rerr:-999999} * 100))" "${reads:-0}"
check "failover: writes were acknowledged before and after ($(kv acked "$fig") of $(kv writes "$fig"))" \
	test "$(kv acked "$fig")" -gt 0
members=$(grep -h '^# members:' "$TMP/fo.out" "$TMP/fo.err" | tail -1)
contains "failover: a leader at the end ($members)" "$members" "=leader/running"
contains "failover: the old leader rejoined as the synchronous standby" "$members" "=sync_standby/"
contains "failover: the first round (kill -9 of the postmaster) healed" "$(cat "$TMP/fo.err")" "# round kill-postmaster"
contains "failover: the second round (Patroni stopped) healed" "$(cat "$TMP/fo.err")" "# round stop-patroni"

TMS_BUILD_SUFFIX=${TMS_BUILD_SUFFIX:-} "$TMS_ROOT/scripts/tms" drill restore > "$TMP/rs.out" 2> "$TMP/rs.err" || true
sed 's/^/# /' "$TMP/rs.err" | grep -v '^# $' | tail -12
last=$(tail -1 "$TMP/rs.out")
contains "restore: markers before T there, after T absent ($last)" "$last" "restore ok rto_s="
check "restore: rpo_s printed ($(kv rpo_s "$last"))" le 0 "$(kv rpo_s "$last")"
finish
