#!/usr/bin/env bash
# import.sh: bulk import/export figures with tmsctl on the whole demo history
# (every kind but duties and duty assignments, whose files carry database
# IDs and so cannot be loaded into emptied tables; 3,000 staff give about
# 145,000 rows):
#   1. export every kind (UTF-8 CSV, the import format)
#   2. empty the staff data and the organisation, then import every file
#      into the empty tables (the "fresh database" path: all created)
#   3. import the same files again (all unchanged)
#   4. import a changed training file (every 10th row updated)
# Prints rows, seconds and rows/s per step and per kind. The target for step
# 2 is <= 5 s for the 3,000-staff history and <= 5 min for 300,000 staff;
# between the two it is interpolated on a log-log line (about 5.2 s for
# 3,150 staff, 39 s for 30,000), outside them the nearer one applies.
#
#   bash tests/bench/import.sh ROOT VAR BIN [LABEL]
#
# DESTRUCTIVE: step 2 empties the instance's staff data (accounts and the
# audit log go with it). It refuses to run on anything but a stack started
# by `scripts/tms bench` (VAR under /tmp/tms-bench.*) unless
# TMS_BENCH_DESTRUCTIVE=1. Exit 1 when an import reports an error, a count
# differs from what was exported, a kind exported no rows (nothing would be
# measured), or step 2 is over its target.
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: bash tests/bench/import.sh ROOT VAR BIN [LABEL]" >&2; exit 2; }
ROOT=$1 VAR=$2 BIN=$3 LABEL=${4:-}
case $VAR in
	/tmp/tms-bench.*) ;;
	*) [ "${TMS_BENCH_DESTRUCTIVE:-}" = 1 ] ||
		{ echo "bench: refusing to empty $VAR (set TMS_BENCH_DESTRUCTIVE=1)" >&2; exit 2; } ;;
esac
. "$VAR/ports"
PSQL=(psql -qAt -h "$VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
CTL=("$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml")
KINDS="units staff appointments qualifications training evaluations skills"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
rc=0

now() { date +%s.%N; }
# CPU seconds used so far by this PostgreSQL cluster (the postmaster, its
# live children and, through cutime/cstime, every backend it has reaped) and
# by the tmsctl runs of this script: the work done, whatever else the machine
# runs meanwhile (wall times on a busy machine overstate it).
PM=$(head -1 "$VAR/pg/postmaster.pid")
TCK=$(getconf CLK_TCK)
CTL_CPU=0
pg_cpu() {
	local t=0 p
	t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PM/stat")
	for p in $(pgrep -P "$PM"); do
		t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$t"
}
cpu() { awk -v p="$(pg_cpu)" -v c="$CTL_CPU" -v k="$TCK" 'BEGIN {printf "%.2f", p / k + c}'; }
# ctl ARGS...: tmsctl with its CPU time added to CTL_CPU; output in $OUT
ctl() {
	local tf; tf=$(mktemp)
	OUT=$(/usr/bin/time -f "%U %S" -o "$tf" "${CTL[@]}" "$@" 2>&1) || true
	CTL_CPU=$(awk -v c="$CTL_CPU" '{printf "%.2f", c + $1 + $2}' "$tf")
	rm -f "$tf"
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}'; }

# import_all STEP EXPECT: import every kind; EXPECT is the count word that
# must equal the exported rows (created / unchanged).
import_all() {
	local step=$1 want=$2 k t0 t1 c0 c1 out got total=0 T0 T1 C0 C1 W=0
	T0=$(now); C0=$(cpu)
	for k in $KINDS; do
		t0=$(now); c0=$(cpu)
		ctl import "$k" "$TMP/$k.csv"; out=$OUT
		t1=$(now); sleep 0.2; c1=$(cpu)
		got=$(sed -n "s/.*$want \([0-9]*\).*/\1/p" <<<"$out" | head -1)
		if [ "$got" != "${ROWS[$k]}" ] || ! grep -q "errors 0" <<<"$out"; then
			echo "bench: $step $k: expected $want ${ROWS[$k]}" >&2
			echo "$out" | head -12 >&2
			rc=1
		fi
		printf '  %-15s %8s rows %7s s %9s rows/s  (CPU %s s)\n' "$k" "${ROWS[$k]}" "$(secs "$t0" "$t1")" \
			"$(rate "${ROWS[$k]}" "$(secs "$t0" "$t1")")" "$(secs "$c0" "$c1")"
		W=$(awk -v w="$W" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", w + b - a}')
		total=$((total + ROWS[$k]))
	done
	C1=$(cpu)
	printf '%-40s %8s rows %7s s %9s rows/s  (CPU %s s)\n' "$step (all kinds)" "$total" "$W" \
		"$(rate "$total" "$W")" "$(secs "$C0" "$C1")"
	LAST=$W
	LASTCPU=$(secs "$C0" "$C1")
}

staffn=$("${PSQL[@]}" -c "SELECT count(*) FROM staff")
echo
echo "bulk import/export with tmsctl, $staffn staff ${LABEL:+($LABEL)}"

# 1. export
declare -A ROWS
T0=$(now); total=0
for k in $KINDS; do
	"${CTL[@]}" export "$k" > "$TMP/$k.csv" 2>/dev/null
	ROWS[$k]=$(($(wc -l < "$TMP/$k.csv") - 1))
	if [ "${ROWS[$k]}" -lt 1 ]; then
		echo "bench: export $k gave no rows: nothing to measure" >&2; rc=1
	fi
	total=$((total + ROWS[$k]))
done
T1=$(now)
printf '%-40s %8s rows %7s s %9s rows/s  (%s MB)\n' "export (all kinds)" "$total" "$(secs "$T0" "$T1")" \
	"$(rate "$total" "$(secs "$T0" "$T1")")" "$(du -cm "$TMP"/*.csv | tail -1 | cut -f1)"

# 2. into empty tables
"${PSQL[@]}" -c "TRUNCATE staff, org_unit, import_history CASCADE" >/dev/null
import_all "import into empty tables" created
fresh=$LAST
# target_secs N: the target for N staff; 5 s at 3,000 and 300 s at 300,000,
# log-log between them (seconds grow as staff^0.89), the nearer one outside
target_secs() {
	awk -v n="$1" 'BEGIN {
		n0 = 3000; t0 = 5; n1 = 300000; t1 = 300
		if (n < n0) n = n0
		if (n > n1) n = n1
		printf "%.1f", exp(log(t0) + (log(n) - log(n0)) / (log(n1) - log(n0)) * (log(t1) - log(t0)))
	}'
}
target=$(target_secs "$staffn")
verdict=$(awk -v s="$fresh" -v t="$target" 'BEGIN {print (s > 0 && s <= t ? "within" : "OVER")}')
[ "$staffn" -gt 0 ] && [ "$total" -gt 0 ] || verdict="NOTHING MEASURED"
echo "  target <= $target s for $staffn staff: $verdict (wall $fresh s, CPU $LASTCPU s, load average $(cut -d' ' -f1 /proc/loadavg))"

# 3. the same files again
import_all "re-import, nothing changed" unchanged

# 4. a changed file: every 10th training row gets another result
awk -F, 'NR > 1 && NR % 10 == 0 { $6 = ($6 == "修了\r") ? "未修了\r" : "修了\r" } 1' OFS=, \
	"$TMP/training.csv" > "$TMP/training2.csv"
want=$(awk 'NR > 1 && NR % 10 == 0' "$TMP/training.csv" | wc -l)
t0=$(now)
out=$("${CTL[@]}" import training "$TMP/training2.csv" 2>&1) || true
t1=$(now)
got=$(sed -n 's/.*updated \([0-9]*\).*/\1/p' <<<"$out" | head -1)
[ "$got" = "$want" ] || { echo "bench: changed training: updated $got, expected $want" >&2; rc=1; }
printf '%-40s %8s rows %7s s %9s rows/s  (%s updated)\n' "re-import training, 10% changed" "${ROWS[training]}" \
	"$(secs "$t0" "$t1")" "$(rate "${ROWS[training]}" "$(secs "$t0" "$t1")")" "$got"
[ "$verdict" = within ] || rc=1
exit $rc
