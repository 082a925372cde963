#!/usr/bin/env bash
# accounts.sh: how long the bulk issue of accounts takes (issue 13), with
# `tmsctl account issue --all` (the engine the page uses, cgi/accounts.c:
# candidates in one query, codes made and HMACed in C, accounts and codes
# inserted 5,000 per statement, one transaction):
#   1. the demo city: everyone in service without an account (about 3,000)
#   2. 300,000 more staff generated into the same throw-away database
#      (plain INSERT ... SELECT generate_series: staff rows only, no
#      appointments, which `--all` does not need), then --all again
# Prints accounts, seconds and accounts/s for each. Targets: 3,000 in
# <= 10 s (up to 3,500), more (up to 300,000) in <= 5 min (exit 1 when over, or when a count is not
# what the database says it should be).
#
#   bash tests/bench/accounts.sh ROOT VAR BIN [LABEL]
#
# DESTRUCTIVE: it fills the instance with accounts and 300,000 made-up
# staff. It refuses to run on anything but a stack started by `scripts/tms
# bench` (VAR under /tmp/tms-bench.*) unless TMS_BENCH_DESTRUCTIVE=1.
# TMS_BENCH_ACCOUNTS=N generates N instead of 300,000 in step 2.
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: bash tests/bench/accounts.sh ROOT VAR BIN [LABEL]" >&2; exit 2; }
ROOT=$1 VAR=$2 BIN=$3 LABEL=${4:-}
case $VAR in
	/tmp/tms-bench.*) ;;
	*) [ "${TMS_BENCH_DESTRUCTIVE:-}" = 1 ] ||
		{ echo "accounts.sh: refusing to fill $VAR (not a scripts/tms bench stack; TMS_BENCH_DESTRUCTIVE=1 overrides)" >&2; exit 2; } ;;
esac
. "$VAR/ports"
PSQL=(psql -qAt -X -v ON_ERROR_STOP=1 -h "$VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
CTL=("$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml")
BIG=${TMS_BENCH_ACCOUNTS:-300000}
rc=0

pending() {
	"${PSQL[@]}" -c "SELECT count(*) FROM staff s WHERE s.hire_date <= current_date
	  AND (s.retire_date IS NULL OR s.retire_date >= current_date)
	  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)"
}

# issue NAME: --all, timed; checks the count. Target: 10 s up to 3,500
# accounts (the 3,000-staff city), else 5 min (up to 300,000)
issue() {
	local want got t0 t1 secs target
	want=$(pending)
	target=$([ "$want" -le 3500 ] && echo 10 || echo 300)
	t0=$(date +%s%N)
	got=$("${CTL[@]}" account issue --all 2>/dev/null | wc -l) || true
	t1=$(date +%s%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	printf 'accounts %-28s %7d accounts %7.2f s %9.0f accounts/s (target <= %d s)%s\n' \
		"$1" "$got" "$secs" "$(awk -v n="$got" -v s="$secs" 'BEGIN { print n / (s + 0.0001) }')" "$target" "${LABEL:+  [$LABEL]}"
	if [ "$got" != "$want" ]; then
		echo "accounts.sh: $1: issued $got, the database had $want people without an account" >&2
		rc=1
	fi
	if awk -v s="$secs" -v t="$target" 'BEGIN { exit !(s > t) }'; then
		echo "accounts.sh: $1 took ${secs} s, over its target of $target s" >&2
		rc=1
	fi
	[ "$(pending)" = 0 ] || { echo "accounts.sh: $1: people left without an account" >&2; rc=1; }
}

echo "== bulk issue of accounts (tmsctl account issue --all)"
issue "demo city"
t0=$(date +%s)
"${PSQL[@]}" -c "INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana,
    birth_date, gender, employment_type, hire_date)
  SELECT 'K' || lpad(i::text, 7, '0'), '試験', '職員' || i, 'シケン', 'ショクイン',
    date '1960-01-01' + (i % 15000), CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END,
    'regular', date '2000-04-01' + (i % 8000)
  FROM generate_series(1, $BIG) i" >/dev/null
echo "(generated $("${PSQL[@]}" -c "SELECT count(*) FROM staff WHERE staff_no LIKE 'K%'") staff in $(( $(date +%s) - t0 )) s)"
issue "$BIG generated staff"
exit $rc
