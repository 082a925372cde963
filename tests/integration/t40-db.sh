#!/bin/bash
# t40-db.sh: the workers survive a PostgreSQL restart: they reconnect,
# prepare their statements again and re-send idempotent statements, so no
# GET fails; the database failure of /healthz is visible as 503.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PGBIN=/usr/lib/postgresql/15/bin
read -r alogin apw < <(account admin)
A=$TMP/admin.jar
eq "admin logs in" "$(login "$A" "$alogin" "$apw")" 303
# Make every worker hold a connection with prepared statements.
for i in $(seq 1 12); do code GET /admin/accounts -b "$A" >/dev/null; done

runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMS_VAR/pg" -m fast -w restart >/dev/null
: > "$TMP/codes"
for i in $(seq 1 16); do
	code GET /admin/accounts -b "$A" >> "$TMP/codes"; echo >> "$TMP/codes"
	code GET /healthz >> "$TMP/codes"; echo >> "$TMP/codes"
done
eq "after a PostgreSQL restart every GET succeeds (reconnect + re-prepare + re-send)" \
	"$(sort -u "$TMP/codes" | tr '\n' ' ')" "200 "
check "reconnects were logged" grep -q "connection lost, retrying idempotent" "$TMS_VAR"/log/tms-*.log

runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMS_VAR/pg" -m fast -w stop >/dev/null
eq "/healthz is 503 while the database is down" "$(code GET /healthz)" 503
eq "a page needing the database answers 503, not a crash" "$(code GET /admin/accounts -b "$A")" 503
contains "503 page is Japanese" "$(cat "$TMP/body")" "データベースに接続できません"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMS_VAR/pg" -w -l "$TMS_VAR/pg/server.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$TMS_VAR/run/pg' -p $PGPORT -c max_connections=200" start >/dev/null
eq "/healthz recovers when the database is back" "$(code GET /healthz)" 200
eq "the session survived the outage" "$(code GET /admin/accounts -b "$A")" 200
finish
