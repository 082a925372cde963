#!/bin/bash
# t05-migrate.sh: `tmsctl migrate` (cgi/migrate.c) over sql/: schema
# migrations applied once with their checksums recorded and verified, and
# the function files of sql/functions/ applied again whenever they change.
#
# A database built by the main of commit $OLD (the last one whose migrations
# defined functions themselves, applied by its own runner, emulated here),
# with the demo city in it, upgrades without loss to exactly the schema a
# fresh database gets; and that schema holds every object of $OLD's schema
# unchanged (functions, triggers, tables, indexes, grants: pg_dump
# --schema-only, one line per object, sorted). Runs on a private PostgreSQL
# cluster of its own, so the test stack's database is left alone.
. "$(dirname "$0")/lib.sh"
OLD=d2f4710dde8c0ac2d89e3fc12708c061ea37a7b6
O7=${OLD:0:7}
# Objects of $OLD's schema changed on purpose since (an extended regex on
# pg_dump's "Name: ...; Type: ...;" line of each); none yet.
CHANGED=
ROOT=${TMS_ROOT:?}

# ---------------------------------------------------------------- cluster
private_pg

# mkdb NAME: an empty database as scripts/tms makes it, and a tmsctl
# configuration (pool a's) whose owner connection goes to it
mkdb() {
	P -U postgres -d postgres -c "CREATE DATABASE $1 OWNER tms_owner ENCODING 'UTF8'" &&
	P -U postgres -d "$1" -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION pg_trgm" \
		-c "REVOKE ALL ON SCHEMA public FROM PUBLIC" -c "GRANT USAGE ON SCHEMA public TO tms_app" &&
	sed "s|^  owner: .*|  owner: \"host=$W/run port=5432 dbname=$1 user=tms_owner\"|" \
		"$TMS_VAR/etc/tms-a.yaml" > "$TMP/$1.yaml" &&
	grep -q "dbname=$1 user=tms_owner" "$TMP/$1.yaml"
}
ctl() { local db=$1; shift; "$TMS_BIN/cgi/tmsctl" -c "$TMP/$db.yaml" "$@"; }
O() { local db=$1; shift; P -U tms_owner -d "$db" "$@"; }

# oldmigrate DB [LAST]: the runner of $OLD: each file in its own
# transaction, recorded by name only
oldmigrate() {
	local f
	O "$1" -c "SET client_min_messages = warning" -c "CREATE TABLE IF NOT EXISTS schema_migration (
		version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())" || return 1
	for f in "$TMP"/old/sql/[0-9]*.sql; do
		[ -z "$2" ] || [[ ! $(basename "$f") > $2 ]] || break
		O "$1" -1 -c "SET client_min_messages = warning" -f "$f" \
			-c "INSERT INTO schema_migration (version) VALUES ('$(basename "$f")')" >/dev/null || return 1
	done
}

# schema DB: one line per object of pg_dump --schema-only, sorted (the
# runners' own tables left out)
schema() {
	pg_dump -s -h "$W/run" -p 5432 -U tms_owner -T schema_migration -T schema_function_file "$1" |
		grep -v '^\\\(un\)\?restrict ' |
		awk 'BEGIN { RS = "\n--\n-- " } NR > 1 { gsub(/\n+$/, ""); gsub(/\n/, "\\n"); print }' |
		LC_ALL=C sort
}
# data DB QUERIES: each table's row count and a digest of its rows, over
# the columns it had in $OLD's database (later migrations add columns and
# drop tables on purpose, and tmsctl audits the migrate run: the rows $OLD
# had must come through unchanged).
# digests DB: the queries for data, made once from the old catalogue.
digests() {
	O "$1" <<-'SQL'
	SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(row(%s)::text, chr(10) ORDER BY row(%s)::text), '''')) FROM %I t%s;',
	              c.relname, cols, cols, c.relname,
	              -- the migrate run is itself audited (tmsctl): rows it adds are new
	              CASE WHEN c.relname = 'audit_log'
	                   THEN format(' WHERE t.id <= %s', (SELECT coalesce(max(id), 0) FROM audit_log)) ELSE '' END)
	FROM pg_class c
	CROSS JOIN LATERAL (SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY a.attnum) AS cols
	                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) x
	WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
	  AND c.relname NOT IN ('schema_migration', 'schema_function_file') ORDER BY c.relname
	SQL
}
# tables that later migrations drop on purpose
DROPPED="login_failure"
data() { grep -Ev "^SELECT '($DROPPED)'" "$2" | O "$1"; }
names() { sed 's/\\n.*//' | cut -c1-160 | head -"${1:-5}"; }

# ---------------------------------------------------------------- old main
mkdir -p "$TMP/old"
git -C "$ROOT" archive "$OLD" sql | tar -x -C "$TMP/old" 2>"$TMP/git.err"
nold=$(ls "$TMP"/old/sql/[0-9]*.sql 2>/dev/null | wc -l)
check "the migrations of $O7 come out of git ($nold files)" test "$nold" -gt 20
mkdb old && oldmigrate old && O old -v scale=1000 -v seed=42 -f "$TMP/old/sql/demo/generate.sql" >/dev/null &&
	for f in "$TMP"/old/sql/demo/[0-9]*.sql; do O old -v scale=1000 -v seed=42 -f "$f" >/dev/null || false; done
eq "a database built by $O7's runner holds its demo city" "$(O old -c "SELECT count(*) FROM staff")" 1000
schema old > "$TMP/old.schema"
digests old > "$TMP/digests.sql"
data old "$TMP/digests.sql" > "$TMP/old.data"

# ---------------------------------------------------------------- fresh
mkdb new
ctl new migrate "$ROOT/sql" > "$TMP/new.out" 2> "$TMP/new.err"
eq "a fresh database migrates" "$?" 0
nfun=$(ls "$ROOT"/sql/functions/*.sql | wc -l)
eq "every function file is applied once" "$(grep -c '^applied functions/' "$TMP/new.out")" "$nfun"
# core.sql comes before 002, whose generated columns call tms_search_key()
c=$(grep -n '^applied functions/core.sql' "$TMP/new.out" | cut -d: -f1)
s=$(grep -n '^applied 002_' "$TMP/new.out" | cut -d: -f1)
check "a function file comes before the first migration that needs it (core.sql line $c, 002 line $s)" \
	test -n "$c" -a -n "$s" -a "${c:-0}" -lt "${s:-0}"
schema new > "$TMP/new.schema"

# the migrations $OLD had, as they are now, with today's function files:
# every object of $OLD's schema, unchanged (later migrations left out, so
# that what they change on purpose does not count)
mkdir -p "$TMP/sqlold" && cp -r "$ROOT/sql/functions" "$TMP/sqlold/"
for f in "$TMP"/old/sql/[0-9]*.sql; do cp "$ROOT/sql/$(basename "$f")" "$TMP/sqlold/" || echo "# gone: $f"; done
mkdb cut && ctl cut migrate "$TMP/sqlold" >/dev/null
eq "$O7's migrations as they are now migrate a fresh database" "$?" 0
schema cut > "$TMP/cut.schema"
if [ -n "$CHANGED" ]; then grep -Ev "^Name: ($CHANGED);" "$TMP/old.schema" > "$TMP/old.kept"
else cp "$TMP/old.schema" "$TMP/old.kept"; fi
LC_ALL=C comm -23 "$TMP/old.kept" "$TMP/cut.schema" > "$TMP/lost"
check "they build every object of $O7's schema, unchanged ($(wc -l < "$TMP/old.kept") objects)" \
	test ! -s "$TMP/lost" -a -s "$TMP/old.kept"
[ -s "$TMP/lost" ] && names 10 < "$TMP/lost" | sed 's/^/# differs: /'
LC_ALL=C comm -13 "$TMP/old.schema" "$TMP/cut.schema" > "$TMP/added"
[ -s "$TMP/added" ] && names 10 < "$TMP/added" | sed 's/^/# added since: /'

# ---------------------------------------------------------------- upgrade
ctl old migrate "$ROOT/sql" > "$TMP/up.out" 2> "$TMP/up.err"
eq "$O7's database upgrades" "$?" 0
contains "it adopts the checksums of the migrations it had" "$(cat "$TMP/up.out")" \
	"recorded the checksums of $nold migrations"
eq "no migration of $O7 is left without its checksum" \
	"$(O old -c "SELECT count(*) FROM schema_migration WHERE checksum IS NULL")" 0
schema old > "$TMP/up.schema"
diff "$TMP/new.schema" "$TMP/up.schema" > "$TMP/up.diff"
check "the upgraded schema is the fresh one, object for object" test ! -s "$TMP/up.diff"
[ -s "$TMP/up.diff" ] && grep '^[<>]' "$TMP/up.diff" | names 10 | sed 's/^/# /'
data old "$TMP/digests.sql" > "$TMP/up.data"
LC_ALL=C comm -23 <(LC_ALL=C sort "$TMP/old.data") <(LC_ALL=C sort "$TMP/up.data") > "$TMP/changed"
check "every table keeps its rows through the upgrade ($(wc -l < "$TMP/old.data") tables)" \
	test ! -s "$TMP/changed" -a -s "$TMP/old.data"
[ -s "$TMP/changed" ] && head -5 "$TMP/changed" | sed 's/^/# changed: /'
eq "the upgraded derived tables equal their definitions" "$(O old -c "SELECT count(*) FROM ana_facts_diff()")" 0
check "the upgraded functions answer (org_tree)" \
	test "$(O old -c "SELECT count(*) FROM org_tree(current_date)")" -gt 50

# ---------------------------------------------------------------- again
before=$(O new -c "SELECT string_agg(name || applied_at, ',' ORDER BY name) FROM schema_function_file")
out=$(ctl new migrate "$ROOT/sql" 2>&1)
contains "a second migrate applies nothing" "$out" "(0 applied now, $(ls "$ROOT"/sql/[0-9]*.sql | wc -l) known); function files up to date (0 applied now, $nfun known)"
check "the function files are recorded" test "$(O new -c "SELECT count(*) FROM schema_function_file")" = "$nfun"
eq "unchanged function files are not applied again" \
	"$(O new -c "SELECT string_agg(name || applied_at, ',' ORDER BY name) FROM schema_function_file")" "$before"

# a changed function file is applied again, and only it
cp -r "$ROOT/sql" "$TMP/sql2"
echo "CREATE OR REPLACE FUNCTION t05_probe() RETURNS int LANGUAGE sql AS 'SELECT 5';" >> "$TMP/sql2/functions/masters.sql"
out=$(ctl new migrate "$TMP/sql2" 2>&1)
eq "a changed function file is applied again, alone" "$(grep '^applied ' <<<"$out")" "applied functions/masters.sql"
eq "its new definition runs" "$(O new -c "SELECT t05_probe()")" 5
eq "its new checksum is recorded" "$(O new -c "SELECT checksum FROM schema_function_file WHERE name = 'masters.sql'")" \
	"$(sha256sum < "$TMP/sql2/functions/masters.sql" | cut -d' ' -f1)"

# an applied migration edited: an error naming it, and nothing applied
echo "-- edited after it was applied" >> "$TMP/sql2/002_staff.sql"
sed -i 's/SELECT 5/SELECT 6/' "$TMP/sql2/functions/masters.sql"
ctl new migrate "$TMP/sql2" > "$TMP/ed.out" 2> "$TMP/ed.err"
check "migrate refuses an edited applied migration" test $? -ne 0
contains "the error names the file" "$(cat "$TMP/ed.err")" "002_staff.sql was changed after it was applied"
eq "nothing is applied then" "$(O new -c "SELECT t05_probe()")" 5

# "-- after:" orders a file after another: a view over wishes.sql's
# function and type, though it requires less, comes after wishes.sql
mkdir -p "$TMP/sql3" && cp -r "$ROOT/sql/." "$TMP/sql3/"
printf '%s\n' '-- aa_view.sql: a view over a wishes function' '-- requires: 001' '-- after: wishes.sql' '' \
	'CREATE OR REPLACE VIEW t05_view AS SELECT wish_round_open(NULL::wish_round) AS o;' > "$TMP/sql3/functions/aa_view.sql"
mkdb after && ctl after migrate "$TMP/sql3" > "$TMP/after.out" 2> "$TMP/after.err"
eq "a fresh database migrates with a file ordered by \"after\"" "$?" 0
eq "that file comes right after the one it names" \
	"$(grep -A1 '^applied functions/wishes.sql' "$TMP/after.out" | tail -1)" "applied functions/aa_view.sql"

# a database from before the checksums that misses some of $OLD's migrations
mkdb part && oldmigrate part 045_analytics_suppress.sql
ctl part migrate "$ROOT/sql" > "$TMP/part.out" 2> "$TMP/part.err"
check "a database from before the split lacking migrations is refused" test $? -ne 0
contains "the error names the first one missing" "$(cat "$TMP/part.err")" "lacks 047_skill_history.sql"

# ---------------------------------------------------------------- one definition
# Every function or view is defined once in sql/ (sql/demo/ makes only
# pg_temp helpers of its own session), in sql/functions/, never in a
# migration; each function file says what it requires.
defs() { grep -hoiE 'create( or replace)? +(function|view|materialized view) +[a-z0-9_."]+' "$@" |
	awk '{ print tolower($NF) }' | sed 's/^public\.//; s/"//g'; }
eq "no migration defines a function or a view" "$(defs "$ROOT"/sql/[0-9]*.sql | wc -l)" 0
eq "each function is defined exactly once in sql/functions/" \
	"$(defs "$ROOT"/sql/functions/*.sql | sort | uniq -d | tr '\n' ' ')" ""
eq "every function of the database is defined there" \
	"$(defs "$ROOT"/sql/functions/*.sql | sort -u | wc -l)" \
	"$(O new -c "SELECT count(DISTINCT proname) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
	   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') AND proname NOT LIKE 't05%'")"
eq "each function file has its requires line" \
	"$(grep -L '^-- requires: [0-9][0-9][0-9]' "$ROOT"/sql/functions/*.sql | tr '\n' ' ')" ""
finish
