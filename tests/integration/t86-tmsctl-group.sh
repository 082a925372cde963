#!/bin/bash
# Issue 24, least privilege for operators: tmsctl commands that change data
# or keys are for root and members of the tms-admin group only, and each run
# is in the audit trail with the operating system user. Two OS users get the
# same database access (a pg_ident line each mapping them to the schema
# owner), so only the group makes the difference.
. "$(dirname "$0")/lib.sh"

IN=tmsop-in-sg OUT=tmsop-out-sg
HBA_DIR=$TMS_VAR/pg
cleanup() {
	for u in "$IN" "$OUT"; do userdel "$u" >/dev/null 2>&1 || true; done
	[ ! -f "$TMP/ident.orig" ] || { cp "$TMP/ident.orig" "$HBA_DIR/pg_ident.conf"
		runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$HBA_DIR" reload >/dev/null; }
	rm -rf "$TMP"
}
trap cleanup EXIT

check "the tms-admin group exists (scripts/tms made it)" sh -c 'getent group tms-admin >/dev/null'
for u in "$IN" "$OUT"; do
	userdel "$u" >/dev/null 2>&1 || true
	useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$u"
done
usermod -a -G tms-admin "$IN"
cp "$HBA_DIR/pg_ident.conf" "$TMP/ident.orig"
printf 'tms %s tms_owner\ntms %s tms_owner\n' "$IN" "$OUT" >> "$HBA_DIR/pg_ident.conf"
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$HBA_DIR" reload >/dev/null
for i in $(seq 50); do
	setpriv --reuid="$OUT" --regid="$OUT" --init-groups \
		psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -c 'select 1' >/dev/null 2>&1 && break
	sleep 0.2
done
eq "$OUT reaches the database as the schema owner (so only the group stops it)" \
	"$(setpriv --reuid="$OUT" --regid="$OUT" --init-groups \
		psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -c 'select 1' 2>&1)" 1

as() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups "${CTL[@]}" "$@"; }
n0=$(q "select count(*) from audit_log where actor_role like 'cli:tmsop-%'")

# a non-member: a clear refusal, nothing changed
st=0; out=$(echo 'a-long-password-1234' | as "$OUT" useradd opout-sg general "外 部" 2>&1) || st=$?
eq "non-member: useradd exits 77" "$st" 77
contains "non-member: the refusal names the user and the group" "$out" \
	"refused: user $OUT is not in the group tms-admin"
eq "non-member: no account was made" "$(q "select count(*) from account where login = 'opout-sg'")" 0
st=0; out=$(as "$OUT" keygen 2>&1) || st=$?
eq "non-member: keygen refused too" "$st" 77
st=0; out=$(as "$OUT" export staff 2>&1 >/dev/null) || st=$?
eq "non-member: export refused too" "$st" 77
st=0; out=$(as "$OUT" check-config 2>&1) || st=$?
eq "non-member: check-config (changes nothing) still runs" "$st" 0

# a member works; the audit row names the OS user
st=0; out=$(echo 'a-long-password-1234' | as "$IN" useradd opin-sg general "内 部" 2>&1) || st=$?
eq "member: useradd exits 0 ($out)" "$st" 0
eq "member: the account exists" "$(q "select count(*) from account where login = 'opin-sg'")" 1
eq "member: the audit row names the OS user and the command" \
	"$(q "select actor_role, action, target, detail->>'command', result from audit_log
	      where actor_role like 'cli:tmsop-%' order by id desc limit 1")" \
	"cli:$IN|update|tmsctl|useradd|ok"
eq "one audit row for the member's run, none for the refused ones" \
	"$(q "select count(*) from audit_log where actor_role like 'cli:tmsop-%'")" $((n0 + 1))

# root is allowed, and its run is audited as root
st=0; out=$(echo 'a-long-password-1234' | "${CTL[@]}" useradd opin-sg general "内 部" 2>&1) || st=$?
eq "root: useradd exits 0" "$st" 0
eq "root: the audit row names root" \
	"$(q "select actor_role || ' ' || (detail->>'command') from audit_log where target = 'tmsctl' order by id desc limit 1")" \
	"cli:root useradd"

q "delete from account where login in ('opin-sg', 'opout-sg')" >/dev/null 2>&1 || true
finish
