#!/bin/bash
# drill.sh: the worker drills, through nginx, against a running stack
# (scripts/tms drill workers / soak, and tests/integration/t97, t98).
#
#   bash tests/drill/drill.sh workers VAR BIN [PHASES]   PHASES: "2:60 0.5:20"
#        kill -9 a random worker every 2 s for 60 s, then every 0.5 s for 20 s
#   bash tests/drill/drill.sh soak VAR BIN SECONDS       two SIGHUP reloads
#
# Environment: TMS_DRILL_CONNS (drill 64, soak 200), TMS_POOLS ("a b").
# The drill accounts (6 hr, 2 admin, 24 general, each a staff member with a
# current duty, never a fixture D00nn) are made once per stack (VAR/drill/accounts.tsv); every
# connection gets its own tasks, deleted again at the end with the tasks
# the load created (titles "drill-…"; their audit rows stay, as all do).
# The last line of the output is the figures (tests/drill/load.js).
set -euo pipefail

mode=${1:?usage: drill.sh workers|soak VAR BIN [PHASES|SECONDS]} VAR=${2:?} BIN=${3:?}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC1091
. "$VAR/ports"
PSQL=(psql -h "$VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
q() { "${PSQL[@]}" -qAtX -v ON_ERROR_STOP=1 "$@"; }
D=$VAR/drill
mkdir -p "$D"
run=$(date +%s)

case $mode in
	workers) phases=${4:-"2:60 0.5:20"}; conns=${TMS_DRILL_CONNS:-64}; secs=0
		for p in $phases; do secs=$(awk -v a="$secs" -v b="${p#*:}" 'BEGIN { print a + b }'); done ;;
	soak) secs=${4:-1800}; phases="0:$secs"; conns=${TMS_DRILL_CONNS:-200} ;;
	*) echo "drill.sh: unknown mode $mode" >&2; exit 2 ;;
esac

# ---- accounts: role login password duty (staff with a duty today)
if [ ! -s "$D/accounts.tsv" ]; then
	q > "$D/staff.tsv" <<-'EOF'
	SELECT s.staff_no, min(a.duty_id)
	  FROM staff s JOIN duty_assignment a ON a.staff_id = s.id AND a.valid @> CURRENT_DATE
	  JOIN duty d ON d.id = a.duty_id AND d.status = '実施中' AND d.start_date <= CURRENT_DATE
	   AND (d.end_date IS NULL OR d.end_date >= CURRENT_DATE)
	 WHERE s.staff_no NOT LIKE 'D%'	-- the fixtures (D0001...) belong to other tests
	   AND NOT EXISTS (SELECT 1 FROM account x WHERE x.staff_id = s.id)
	 GROUP BY s.staff_no ORDER BY md5(s.staff_no) LIMIT 32;
	EOF
	[ "$(wc -l < "$D/staff.tsv")" = 32 ] || { echo "drill.sh: not enough staff with duties" >&2; exit 2; }
	: > "$D/accounts.new"
	i=0
	while IFS='|' read -r no duty; do
		i=$((i + 1))
		if [ $i -le 6 ]; then role=hr; elif [ $i -le 8 ]; then role=admin; else role=general; fi
		login=$(printf 'drill-%s-%02d' "$role" "$i")
		pw=$(openssl rand -hex 12)
		echo "$pw" | "$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" useradd "$login" "$role" "訓練 $i" "$no" >/dev/null &
		[ $((i % 2)) = 0 ] && wait
		printf '%s\t%s\t%s\t%s\n' "$role" "$login" "$pw" "$duty" >> "$D/accounts.new"
	done < "$D/staff.tsv"
	wait
	mv "$D/accounts.new" "$D/accounts.tsv"
fi
# hr and admin sign in with a second factor: a TOTP key each (5th column),
# set again every run (a file of an older version has none)
awk -F'\t' -v OFS='\t' -v cmd="openssl rand 20 | base32" '$1 != "general" && NF == 4 {
	cmd | getline k; close(cmd); $5 = k } { print }' "$D/accounts.tsv" > "$D/accounts.new"
mv "$D/accounts.new" "$D/accounts.tsv"
awk -F'\t' '$5 != "" { print $2, $5 }' "$D/accounts.tsv" | while read -r login key; do
	"$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" totp-set "$login" "$key" >/dev/null
done

# ---- tasks: two per writing connection, assigned to its account's staff
awk -F'\t' -v n="$conns" '{ a[NR - 1] = $0 } END {
	for (c = 0; c < n; c++) { split(a[c % NR], f, "\t"); if (f[1] != "admin") print c "\t" f[2] "\t" f[4] } }' \
	"$D/accounts.tsv" > "$D/writers.tsv"
values=$(awk -F'\t' '{ printf "%s(%d, %s, %d)", (NR > 1 ? "," : ""), $1, "(SELECT s.staff_no FROM account x JOIN staff s ON s.id = x.staff_id WHERE x.login = '\''" $2 "'\'')", $3 }' "$D/writers.tsv")
q > "$D/tasks.tsv" <<-EOF
SELECT c, duty_task_save(0, duty, format('drill-$run-c%s-%s', c, j), '2026-04-01', '2027-03-31', 0, '未着手', '',
       ARRAY[staff_no]) FROM (VALUES $values) v(c, staff_no, duty), generate_series(1, 2) j ORDER BY c, j;
EOF
cleanup() { q -c "DELETE FROM duty_task WHERE title LIKE 'drill-%'" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# ---- the load
{
	printf '{"url": "https://localhost:%s", "ca": "%s", "var": "%s", "out": "%s", "run": "%s",\n' \
		"$HTTPS_PORT" "$VAR/tls/server.crt" "$VAR" "$D" "$run"
	printf ' "pools": [%s], "mode": "%s", "conns": %d, "seconds": %s, "reloads": %d,\n' \
		"$(for p in ${TMS_POOLS:-a b}; do printf '"%s",' "$p"; done | sed 's/,$//')" \
		"$([ "$mode" = workers ] && echo drill || echo soak)" "$conns" "$secs" "$([ "$mode" = soak ] && echo 2 || echo 0)"
	printf ' "psql": ["psql", "-h", "%s", "-p", "%s", "-U", "tms_owner", "tms"],\n' "$VAR/run/pg" "$PGPORT"
	printf ' "psqlSuper": ["runuser", "-u", "postgres", "--", "psql", "-h", "%s", "-p", "%s", "-d", "tms"],\n' "$VAR/run/pg" "$PGPORT"
	printf ' "staff": [%s],\n "phases": [%s],\n' "$(q -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM staff")" \
		"$(for p in $phases; do printf '[%s, %s],' "${p%%:*}" "${p#*:}"; done | sed 's/,$//')"
	printf ' "accounts": [%s],\n' "$(awk -F'\t' '{ printf "%s{\"role\": \"%s\", \"login\": \"%s\", \"password\": \"%s\", \"duty\": %s, \"totp\": \"%s\"}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5 }' "$D/accounts.tsv")"
	printf ' "tasks": {%s}}\n' "$(awk -F'|' '{ t[$1] = t[$1] (t[$1] == "" ? "" : ",") $2 } END { s = ""; for (c in t) { printf "%s\"%s\": [%s]", s, c, t[c]; s = "," } }' "$D/tasks.tsv")"
} > "$D/config.json"
node "$ROOT/tests/drill/load.js" "$D/config.json"
