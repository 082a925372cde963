#!/bin/bash
# t17-retention.sh: retention periods (tmsctl retention run) and the erasure
# at the end of service (tmsctl purge --everything), issue 15. Runs on a
# private PostgreSQL cluster of its own with a database migrated and loaded
# with the demo city at its smallest scale (1,000 staff), and with key files
# and a photo store of its own: the test stack is left alone.
. "$(dirname "$0")/lib.sh"
ROOT=${TMS_ROOT:?}

private_pg
O() { P -U tms_owner -d t17 "$@"; }
P -U postgres -d postgres -c "CREATE DATABASE t17 OWNER tms_owner ENCODING 'UTF8'" >/dev/null
P -U postgres -d t17 -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION pg_trgm" \
	-c "REVOKE ALL ON SCHEMA public FROM PUBLIC" -c "GRANT USAGE ON SCHEMA public TO tms_app" >/dev/null
# pool a's configuration with this database, keys and photo store
K=$TMP/keys; mkdir -p "$K/photos"
openssl rand 48 > "$K/secret.key"; openssl rand 48 > "$K/audit.key"
echo "1 $(openssl rand -hex 32)" > "$K/wishes.keys"
sed -e "s|^  owner: .*|  owner: \"host=$W/run port=5432 dbname=t17 user=tms_owner\"|" \
    -e "s|^  secret_key: .*|  secret_key: $K/secret.key|" -e "s|^  audit_key: .*|  audit_key: $K/audit.key|" \
    -e "s|^  wish_keys: .*|  wish_keys: $K/wishes.keys|" -e "s|^  photos: .*|  photos: $K/photos|" \
    "$TMS_VAR/etc/tms-a.yaml" > "$TMP/t17.yaml"
echo "city: 試験市" >> "$TMP/t17.yaml"
eq "the test configuration points at the private database and keys" \
	"$(grep -c -e "dbname=t17 user=tms_owner" -e "$K/audit.key" -e "$K/photos" "$TMP/t17.yaml")" 3
ctl() { "$TMS_BIN/cgi/tmsctl" -c "$TMP/t17.yaml" "$@"; }
ctl migrate "$ROOT/sql" >/dev/null 2>&1
O -v scale=1000 -v seed=42 -f "$ROOT/sql/demo/generate.sql" >/dev/null 2>&1
for f in "$ROOT"/sql/demo/[0-9]*.sql; do O -v scale=1000 -v seed=42 -f "$f" >/dev/null 2>&1; done
eq "the demo city is loaded (1,000 staff)" "$(O -c "SELECT count(*) FROM staff")" 1000
echo "t17-pass-$RANDOM$RANDOM" | ctl useradd t17 hr "試験 人事" D0001 >/dev/null

# ---------------------------------------------------------------- retention
# import history: previews 2 days and 1 hour old, committed files 100 and 10
# days old (each with a stored file)
O -c "INSERT INTO import_history (at, actor, kind, file_name, sha256, encoding, status, committed_at, file_size)
      SELECT now() - a, 't17', 'staff', n, repeat('0', 64), 'utf-8', st, CASE WHEN st = 'committed' THEN now() - a END, 3
        FROM (VALUES (interval '2 days', 'old-preview', 'preview'), (interval '1 hour', 'new-preview', 'preview'),
                     (interval '100 days', 'old-commit', 'committed'), (interval '10 days', 'new-commit', 'committed')) v(a, n, st);
      INSERT INTO import_file_chunk (import_id, seq, data) SELECT id, 0, '\x414243' FROM import_history WHERE actor = 't17'"
out=$(ctl retention run 2>&1)
contains "previews older than a day: 1 removed" "$out" "older than 1 days: 1 removed"
contains "files of imports committed over 90 days ago: 1 file, 3 bytes" "$out" "older than 90 days: 1 files, 3 bytes removed"
contains "no audit row is 5 years old" "$out" "older than 5 years: 0 removed"
eq "what is left: the new preview and its file, both committed imports, the newer one's file" \
	"$(O -c "SELECT string_agg(file_name || ':' || (SELECT count(*) FROM import_file_chunk c WHERE c.import_id = h.id), ' ' ORDER BY file_name)
	         FROM import_history h WHERE actor = 't17'")" "new-commit:1 new-preview:1 old-commit:0"
eq "the run is in the audit trail with its counts" \
	"$(O -c "SELECT detail->>'import_previews' || ' ' || (detail->>'import_files') FROM audit_log WHERE target = 'retention'")" "1 1"
out=$(ctl retention run 2>&1)
contains "a second run removes nothing more" "$out" "older than 1 days: 0 removed"
# audit rows: a run as of 5 years and a day from now removes all but its own
n=$(O -c "SELECT count(*) FROM audit_log")
out=$(ctl retention run --as-of "$(date -d '+5 years +1 day' +%F)" 2>&1)
contains "audit rows older than 5 years (as of then): all $n removed" "$out" "older than 5 years: $n removed, the chain now starts at position"
eq "one audit row left: the run's own" "$(O -c "SELECT count(*) || ' ' || min(target) FROM audit_log")" "1 retention"
out=$(ctl audit verify 2>&1)
contains "the chain still verifies from its new start" "$out" "audit chain: ok: 1 rows checked"
O -c "UPDATE audit_chain SET base_seq = base_seq + 1"
contains "a base moved by hand is caught" "$(ctl audit verify 2>&1)" "BROKEN"
O -c "UPDATE audit_chain SET base_seq = base_seq - 1"

# ---------------------------------------------------------------- erasure
O -c "SELECT staff_no FROM staff" > "$TMP/nos"
O -c "SELECT family_name || E'\t' || given_name FROM staff WHERE length(family_name) > 1 AND length(given_name) > 1
      ORDER BY id LIMIT 200" > "$TMP/names"
head -c 2000 /dev/urandom > "$K/photos/0123abcd.jpg"
"$PGBIN/pg_dump" -h "$W/run" -p 5432 -U tms_owner t17 > "$TMP/before.sql"
check "control: the dump before holds the staff numbers" grep -qwF -f "$TMP/nos" "$TMP/before.sql"
check "control: ... and the names" grep -qF -f "$TMP/names" "$TMP/before.sql"
out=$(ctl purge --everything --confirm 釧路市 --report "$TMP/report.txt" 2>&1); st=$?
eq "purge with the wrong city is refused (exit 2)" "$st" 2
eq "... and removes nothing" "$(O -c "SELECT count(*) FROM staff")" 1000
out=$(ctl purge --everything --confirm 試験市 --report "$TMP/report.txt" 2>&1); st=$?
eq "purge with the city's name: exit 0" "$st" 0
check "the deletion report and its SHA-256 check (sha256sum -c)" sh -c "cd '$TMP' && sha256sum -c --status report.txt.sha256"
contains "the report: staff before" "$(cat "$TMP/report.txt")" "staff                            1000"
contains "the report: staff after" "$(sed -n '/after/,$p' "$TMP/report.txt")" "staff                            0"
contains "the report: the operator" "$(cat "$TMP/report.txt")" "operator: cli:"
contains "the report: the photos" "$(cat "$TMP/report.txt")" "photos removed from $K/photos: 1"
contains "the report: complete" "$(cat "$TMP/report.txt")" "result: complete"
contains "the command prints the hash" "$out" "sha256: $(cut -d' ' -f1 "$TMP/report.txt.sha256")"
eq "no person, account, session, audit row or stored file is left" \
	"$(O -c "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM account) + (SELECT count(*) FROM session)
	        + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM import_file_chunk) + (SELECT count(*) FROM evaluation)
	        + (SELECT count(*) FROM wish_answer) + (SELECT count(*) FROM ana_span)")" 0
"$PGBIN/pg_dump" -h "$W/run" -p 5432 -U tms_owner t17 > "$TMP/after.sql"
check "the dump after has the schema" grep -q "CREATE TABLE public.staff" "$TMP/after.sql"
eq "no staff number survives in pg_dump" "$(grep -cwF -f "$TMP/nos" "$TMP/after.sql")" 0
eq "no name survives in pg_dump" "$(grep -cF -f "$TMP/names" "$TMP/after.sql")" 0
eq "the photo store is empty" "$(find "$K/photos" -type f | wc -l)" 0
eq "the key files are gone" "$(ls "$K"/secret.key "$K"/audit.key "$K"/wishes.keys 2>/dev/null | wc -l)" 0
finish
