#!/bin/bash
# t16-audit-chain.sh: the audit trail is a hash chain (issue 15,
# sql/065_audit_chain.sql, cgi/auditchain.c). Concurrent audited requests
# keep a valid chain with no gap; then, as the schema owner, a row is
# edited, deleted, moved (two positions swapped), added outside the chain
# and cut from the end: each time `tmsctl audit verify` exits non-zero and
# names the first bad row; after each restore it passes again. The app
# role can only insert. `tmsctl audit export` writes a CSV whose manifest
# checks with sha256sum, and the export is itself in the trail.
. "$(dirname "$0")/lib.sh"

verify() { "${CTL[@]}" audit verify "$@" 2>&1; echo "exit=$?"; }

out=$(verify)
contains "the chain of the test stack verifies" "$out" "audit chain: ok"
contains "... exit 0" "$out" "exit=0"

# concurrent audited requests: 8 sessions x 12 profile views at once
read -r slogin spw < <(account general)
S0=$(q "SELECT seq FROM audit_chain")
for j in 1 2 3 4 5 6 7 8; do login "$TMP/s$j.jar" "$slogin" "$spw" > "$TMP/login$j"; done
eq "the sessions signed in" "$(cat "$TMP"/login? | sort -u)" 303
S1=$(q "SELECT seq FROM audit_chain")
# others' profiles (a view of one's own is not audited)
ids=$(q "SELECT string_agg(id::text, ' ') FROM (SELECT id FROM staff WHERE id IS DISTINCT FROM
         (SELECT staff_id FROM account WHERE login = '$slogin') ORDER BY id LIMIT 12) x")
for j in 1 2 3 4 5 6 7 8; do
	for id in $ids; do
		"${C[@]}" -b "$TMP/s$j.jar" -o /dev/null -w '%{http_code}\n' "$TMS_URL/staff/$id" >> "$TMP/codes" &
	done
done
wait
eq "96 profile requests answered" "$(grep -c . "$TMP/codes")" 96
S2=$(q "SELECT seq FROM audit_chain")
eq "each request added one chained row" "$((S2 - S1))" 96
eq "positions are contiguous, each with its MAC" \
	"$(q "SELECT count(*) || ' ' || count(m.seq) || ' ' || (max(l.seq) - min(l.seq) + 1) FROM audit_log l LEFT JOIN audit_mac m ON m.seq = l.seq WHERE l.seq > $S0")" \
	"$((S2 - S0)) $((S2 - S0)) $((S2 - S0))"
out=$(verify)
contains "the chain verifies after the concurrent inserts" "$out" "audit chain: ok"

# the app role inserts only
deny() { psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -c "SET ROLE tms_app; $1" 2>&1 | grep -c 'permission denied'; }
eq "app role cannot update audit_log" "$(deny "UPDATE audit_log SET result = 'ok' WHERE seq = $S2")" 1
eq "app role cannot delete from audit_log" "$(deny "DELETE FROM audit_log WHERE seq = $S2")" 1
eq "app role cannot change a MAC" "$(deny "UPDATE audit_mac SET mac = mac WHERE seq = $S2")" 1
eq "app role cannot delete a MAC" "$(deny "DELETE FROM audit_mac WHERE seq = $S2")" 1
eq "app role cannot move the genesis" "$(deny "UPDATE audit_chain SET genesis_id = 0")" 1

# tampering as the schema owner; the victims are rows of this test
P=$((S1 + 10)); Q=$((S1 + 20))
PID=$(q "SELECT id FROM audit_log WHERE seq = $P")
q "DROP TABLE IF EXISTS t16_bak, t16_mac;
   CREATE TABLE t16_bak AS SELECT * FROM audit_log WHERE seq IN ($P, $Q);
   CREATE TABLE t16_mac AS SELECT * FROM audit_mac WHERE seq IN ($P, $Q)"
restore() {
	q "DELETE FROM audit_log WHERE seq IN ($P, $Q) OR id IN (SELECT id FROM t16_bak);
	   DELETE FROM audit_mac WHERE seq IN ($P, $Q);
	   INSERT INTO audit_log SELECT * FROM t16_bak; INSERT INTO audit_mac SELECT * FROM t16_mac"
}

q "UPDATE audit_log SET client_addr = '10.9.9.9' WHERE seq = $P"
out=$(verify)
contains "edited row: named (position $P, id $PID)" "$out" "BROKEN at position $P (id $PID,"
contains "... exit 1" "$out" "exit=1"
restore
out=$(verify)
contains "restored: ok again" "$out" "audit chain: ok"
contains "... exit 0" "$out" "exit=0"

q "UPDATE audit_log SET detail = '{\"x\": 1}' WHERE seq = $Q"
contains "edited detail found by verify --from today (position $Q)" "$(verify --from "$(date +%F)")" "BROKEN at position $Q "
restore

q "DELETE FROM audit_log WHERE seq = $P"
out=$(verify)
contains "deleted row: position $P named as missing" "$out" "BROKEN at position $P: row missing"
contains "... exit 1" "$out" "exit=1"
q "DELETE FROM audit_mac WHERE seq = $P"
contains "deleted with its MAC: still named" "$(verify)" "BROKEN at position $P: row missing"
restore
q "UPDATE audit_mac SET mac = (SELECT m.mac FROM audit_mac m WHERE m.seq = $((P + 1))) WHERE seq = $P"
contains "another row's MAC put in its place: named" "$(verify)" "BROKEN at position $P (id $PID, "
restore
contains "restored: ok again" "$(verify)" "audit chain: ok"

# reorder: two rows swap their positions (and MACs go with them)
q "BEGIN; UPDATE audit_log SET seq = -1 WHERE seq = $P; UPDATE audit_log SET seq = $P WHERE seq = $Q;
   UPDATE audit_log SET seq = $Q WHERE seq = -1; COMMIT"
out=$(verify)
QID=$(q "SELECT id FROM t16_bak WHERE seq = $Q")
contains "swapped rows: the first position named ($P, now id $QID)" "$out" "BROKEN at position $P (id $QID,"
restore
# reorder by time: a row moved to another moment
q "UPDATE audit_log SET at = at - interval '1 hour' WHERE seq = $P"
contains "a row moved in time: named" "$(verify)" "BROKEN at position $P (id $PID,"
restore

# a row added by the owner outside the chain
q "INSERT INTO audit_log (actor_role, action, target, client_addr, result) VALUES ('admin', 'view', 't16-forged', '127.0.0.1', 'ok')"
FID=$(q "SELECT id FROM audit_log WHERE target = 't16-forged'")
out=$(verify)
contains "forged row outside the chain: named (id $FID)" "$out" "the row id $FID "
contains "... exit 1" "$out" "exit=1"
q "DELETE FROM audit_log WHERE id = $FID"

# the tail cut: the last rows and MACs deleted, head left
H=$(q "SELECT seq FROM audit_chain")
q "CREATE TABLE t16_tail AS SELECT * FROM audit_log WHERE seq > $((H - 2));
   CREATE TABLE t16_tailmac AS SELECT * FROM audit_mac WHERE seq > $((H - 2));
   DELETE FROM audit_log WHERE seq > $((H - 2)); DELETE FROM audit_mac WHERE seq > $((H - 2))"
contains "rows cut from the end: named" "$(verify)" "BROKEN at position $((H - 1)): the head says the last row is $H"
q "INSERT INTO audit_log SELECT * FROM t16_tail; INSERT INTO audit_mac SELECT * FROM t16_tailmac;
   DROP TABLE t16_tail, t16_tailmac, t16_bak, t16_mac"
out=$(verify)
contains "all restored: the chain verifies" "$out" "audit chain: ok"
contains "... exit 0" "$out" "exit=0"

# export: CSV + SHA-256 manifest, audited
E0=$(q "SELECT seq FROM audit_chain")
rm -f "$TMP/a.csv" "$TMP/a.csv.sha256"
out=$("${CTL[@]}" audit export --out "$TMP/a.csv" --from "$(date +%F)" --actor "$slogin" --action view 2>&1)
check "export wrote the CSV and its manifest" test -s "$TMP/a.csv" -a -s "$TMP/a.csv.sha256"
check "the manifest checks (sha256sum -c)" sh -c "cd '$TMP' && sha256sum -c --status a.csv.sha256"
n=$(q "SELECT count(*) FROM audit_log l JOIN account a ON a.id = l.actor_account_id
       WHERE a.login = '$slogin' AND l.action = 'view' AND l.at >= current_date")
eq "the CSV holds the filtered rows (header + $n)" "$(grep -c $'\r$' "$TMP/a.csv")" "$((n + 1))"
contains "the command reports the rows" "$out" "$n rows"
eq "the export is in the trail with its hash" \
	"$(q "SELECT detail->>'sha256' FROM audit_log WHERE seq > $E0 AND action = 'export' AND target = 'audit_log'")" \
	"$(cut -d' ' -f1 "$TMP/a.csv.sha256")"
contains "the chain verifies after the export" "$(verify)" "audit chain: ok"

# the same export from the 監査ログ page (hr), behind a fresh check
read -r hlogin hpw < <(account hr)
eq "hr signs in (password and code)" "$(login "$TMP/h.jar" "$hlogin" "$hpw")" 303
E1=$(q "SELECT seq FROM audit_chain")
eq "hr downloads the filtered trail as CSV" "$("${C[@]}" -b "$TMP/h.jar" -o "$TMP/w.csv" -w '%{http_code}' \
	"$TMS_URL/admin/audit.csv?action=view&actor=$slogin&from=$(date +%F)")" 200
check "the page's CSV is the one tmsctl wrote (same filter)" cmp -s "$TMP/a.csv" "$TMP/w.csv"
eq "its SHA-256 is in the export's own audit row (the manifest)" \
	"$(q "SELECT detail->>'sha256' || ' ' || (detail->>'rows') FROM audit_log l JOIN account a ON a.id = l.actor_account_id
	      WHERE l.seq > $E1 AND l.action = 'export' AND l.target = 'audit_log' AND a.login = '$hlogin'")" \
	"$(sha256sum < "$TMP/w.csv" | cut -d' ' -f1) $n"
hsid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$TMP/h.jar" | tail -1)
V=$(q "SELECT extract(epoch FROM verified_at)::bigint FROM session WHERE token_hash = '$(printf %s "$hsid" | sha256sum | cut -d' ' -f1)'")
eq "11 minutes after the last check: sent to the check first" \
	"$(code GET "/admin/audit.csv?action=view" -b "$TMP/h.jar" -H "X-Tms-Test-Now: $((V + 660))")" 303
eq "general staff cannot export it" "$(code GET "/admin/audit.csv" -b "$TMP/s1.jar")" 403
contains "the chain verifies after the web export" "$(verify)" "audit chain: ok"

# cost per insert (diagnostic): the two chained statements vs a plain insert
diag=$(q "DO \$\$ DECLARE t0 timestamptz; t1 timestamptz; t2 timestamptz; i int; s bigint; BEGIN
  t0 := clock_timestamp();
  FOR i IN 1..500 LOOP
    INSERT INTO audit_log (actor_role, action, target, client_addr, result) VALUES ('admin', 'view', 't16-bench', 'x', 'ok');
  END LOOP;
  t1 := clock_timestamp();
  FOR i IN 1..500 LOOP
    UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO s;
    INSERT INTO audit_log (seq, actor_role, action, target, client_addr, result) VALUES (s, 'admin', 'view', 't16-bench', 'x', 'ok');
    UPDATE audit_chain SET mac = decode(repeat('00', 32), 'hex') WHERE id = 1;
    INSERT INTO audit_mac VALUES (s, decode(repeat('00', 32), 'hex'));
  END LOOP;
  t2 := clock_timestamp();
  RAISE NOTICE 'plain % us, chained % us per insert', round(extract(epoch FROM t1 - t0) * 2000, 1), round(extract(epoch FROM t2 - t1) * 2000, 1);
  RAISE EXCEPTION 'rollback';
END \$\$" 2>&1 | sed -n 's/.*NOTICE: *//p')
echo "# SQL cost (one transaction, no commit): $diag"
contains "the bench ran (and was rolled back)" "$diag" "chained"
contains "the chain verifies after the rolled-back bench" "$(verify)" "audit chain: ok"

finish
