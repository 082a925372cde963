# ha.sh: the replicated cluster of `scripts/tms up --ha` (sourced by scripts/tms).
#
# On loopback ports of this machine: etcd with 3 members, Patroni with 2
# PostgreSQL 15 nodes (synchronous_mode, pg_rewind), pgBackRest with an
# encrypted repository (aes-256-cbc, key generated into VAR/ha, 0600) and
# continuous WAL archiving. Everything lives under VAR/ha:
#   ports               the cluster's ports (ETCD_CLIENT1..3, ETCD_PEER1..3,
#                       PG1 PG2, REST1 REST2)
#   etcd1..3/           etcd data; pg1, pg2: the PostgreSQL data directories
#   patroni1.yaml ...   Patroni configuration; pgbackrest.conf (0600, postgres)
#   repo/               the pgBackRest repository (encrypted)
#   log/                etcd, Patroni and pgBackRest logs
# Both PostgreSQL nodes put their socket in VAR/run/pg (one name per port),
# so the workers and tmsctl keep peer authentication and need no password:
# their conninfo lists both nodes (host=DIR,DIR port=PG1,PG2), rw with
# target_session_attrs=read-write, ro with prefer-standby (libpq 15 has no
# load_balance_hosts). Replication and pg_rewind use 127.0.0.1 with
# scram-sha-256 passwords generated into VAR/ha (0600).

HA_PKGS="etcd-server patroni pgbackrest"

ha_load() { [ -f "$VAR/ha/ports" ] && . "$VAR/ha/ports"; }

# ha_ports: choose the cluster's ports once (kept in VAR/ha/ports)
ha_ports() {
	mkdir -p "$VAR/ha"
	ha_load && return 0
	local i p names="ETCD_CLIENT1 ETCD_PEER1 ETCD_CLIENT2 ETCD_PEER2 ETCD_CLIENT3 ETCD_PEER3 PG1 REST1 PG2 REST2" used=" "
	for i in $names; do	# ten distinct ports
		p=$(free_port); while [[ $used == *" $p "* ]]; do p=$(free_port); done
		used+="$p "; echo "$i=$p"
	done > "$VAR/ha/ports.new"
	mv "$VAR/ha/ports.new" "$VAR/ha/ports"
	ha_load
}

ha_secret() { # ha_secret NAME: a generated password, kept in VAR/ha/NAME (0600)
	[ -s "$VAR/ha/$1" ] || (umask 077; openssl rand -hex 24 > "$VAR/ha/$1")
	chown postgres:postgres "$VAR/ha/$1"; chmod 600 "$VAR/ha/$1"
	cat "$VAR/ha/$1"
}

# ha_wait SECONDS COMMAND...: poll COMMAND every 0.2 s; false if it never held
ha_wait() {
	local end=$((SECONDS + $1)); shift
	while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
	return 1
}

ha_pid_alive() { local p; p=$(cat "$1" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

ha_etcd_start() {
	local i cluster="" 
	for i in 1 2 3; do
		local peer=ETCD_PEER$i
		cluster+="${cluster:+,}etcd$i=http://127.0.0.1:${!peer}"
	done
	for i in 1 2 3; do
		local cp=ETCD_CLIENT$i pp=ETCD_PEER$i state=new
		ha_pid_alive "$VAR/ha/etcd$i.pid" && continue
		[ -d "$VAR/ha/etcd$i/member" ] && state=existing
		mkdir -p "$VAR/ha/etcd$i"; chown postgres:postgres "$VAR/ha/etcd$i"; chmod 700 "$VAR/ha/etcd$i"
		runuser -u postgres -- setsid etcd --name "etcd$i" --data-dir "$VAR/ha/etcd$i" \
			--listen-client-urls "http://127.0.0.1:${!cp}" --advertise-client-urls "http://127.0.0.1:${!cp}" \
			--listen-peer-urls "http://127.0.0.1:${!pp}" --initial-advertise-peer-urls "http://127.0.0.1:${!pp}" \
			--initial-cluster "$cluster" --initial-cluster-state "$state" --initial-cluster-token tms-ha \
			</dev/null >>"$VAR/ha/log/etcd$i.log" 2>&1 &
		echo $! > "$VAR/ha/etcd$i.pid"
	done
	wait_for "etcd" curl -fsS "http://127.0.0.1:$ETCD_CLIENT1/health"
}

ha_config() {
	local i su rp
	su=$(ha_secret superuser.pw); rp=$(ha_secret replication.pw)
	# the repository key: generated once, never printed; the operator keeps a
	# copy apart from the backups (README.md, High availability)
	ha_secret backup.key >/dev/null
	mkdir -p "$VAR/ha/repo" "$VAR/ha/log" "$VAR/ha/spool"
	chown postgres:postgres "$VAR/ha/repo" "$VAR/ha/log" "$VAR/ha/spool"; chmod 700 "$VAR/ha/repo"
	(umask 077; cat > "$VAR/ha/pgbackrest.conf" <<-EOF
	[global]
	repo1-path=$VAR/ha/repo
	repo1-cipher-type=aes-256-cbc
	repo1-cipher-pass=$(cat "$VAR/ha/backup.key")
	repo1-retention-full=2
	repo1-retention-diff=7
	log-path=$VAR/ha/log
	lock-path=$VAR/ha/spool
	spool-path=$VAR/ha/spool
	log-level-console=warn
	log-level-file=info
	start-fast=y
	compress-type=lz4
	process-max=2

	[tms]
	pg1-path=$VAR/ha/pg1
	pg1-port=$PG1
	pg1-socket-path=$VAR/run/pg
	pg2-path=$VAR/ha/pg2
	pg2-port=$PG2
	pg2-socket-path=$VAR/run/pg
	EOF
	)
	chown postgres:postgres "$VAR/ha/pgbackrest.conf"
	for i in 1 2; do
		local pg=PG$i rest=REST$i
		(umask 077; sed -e "s|@VAR@|$VAR|g" -e "s|@NODE@|$i|g" -e "s|@PGPORT@|${!pg}|g" \
			-e "s|@RESTPORT@|${!rest}|g" -e "s|@PGBIN@|$PGBIN|g" \
			-e "s|@ETCD_HOSTS@|127.0.0.1:$ETCD_CLIENT1,127.0.0.1:$ETCD_CLIENT2,127.0.0.1:$ETCD_CLIENT3|g" \
			-e "s|@SUPERUSER_PW@|$su|g" -e "s|@REPLICATION_PW@|$rp|g" \
			"$ROOT/etc/ha/patroni.yaml.in" > "$VAR/ha/patroni$i.yaml")
		chown postgres:postgres "$VAR/ha/patroni$i.yaml"
	done
}

ha_patroni_start() { # ha_patroni_start NODE
	ha_pid_alive "$VAR/ha/patroni$1.pid" && return 0
	# not the stack scripts' PGTARGETSESSIONATTRS: Patroni talks to standbys too
	env -u PGTARGETSESSIONATTRS runuser -u postgres -- setsid patroni "$VAR/ha/patroni$1.yaml" \
		</dev/null >>"$VAR/ha/log/patroni$1.log" 2>&1 &
	echo $! > "$VAR/ha/patroni$1.pid"
}

# ha_rest NODE PATH: Patroni's REST API of NODE (1 or 2)
ha_rest() { local r=REST$1; curl -fsS -m 3 "http://127.0.0.1:${!r}$2"; }

# ha_leader: the node (1 or 2) that is the primary now, or nothing
ha_leader() { local i; for i in 1 2; do ha_rest "$i" /primary >/dev/null 2>&1 && { echo "$i"; return 0; }; done; return 1; }

# ha_healthy: a leader and a streaming synchronous standby
ha_healthy() {
	local l s
	l=$(ha_leader) || return 1
	s=$((3 - l))
	# the standby is the synchronous one: in PostgreSQL (streaming, sync)...
	local pg=PG$l
	[ "$(as_pg psql -h "$VAR/run/pg" -p "${!pg}" -qAtX -d postgres -c "SELECT count(*) FROM pg_stat_replication
		WHERE application_name = 'node$s' AND state = 'streaming' AND sync_state = 'sync'")" = 1 ] || return 1
	# ... and in the DCS, running, less than 1 MB behind
	ha_rest "$s" /sync >/dev/null 2>&1 || return 1
	ha_rest "$l" /cluster | python3 -c '
import json, sys
m = [m for m in json.load(sys.stdin)["members"] if m["role"] == "sync_standby"]
sys.exit(0 if len(m) == 1 and m[0]["state"] in ("running", "streaming") and isinstance(m[0].get("lag"), int) and m[0]["lag"] < 1048576 else 1)'
}

ha_cluster_up() {
	install_pkgs $HA_PKGS
	mkdir -p "$VAR/ha/log" "$VAR/run/pg"; chown postgres:postgres "$VAR/ha" "$VAR/ha/log" "$VAR/run/pg"
	chmod 755 "$VAR/ha"
	ha_ports
	ha_config
	ha_etcd_start
	ha_patroni_start 1
	ha_wait 90 ha_leader || die "no Patroni leader (see $VAR/ha/log/patroni1.log)"
	ha_patroni_start 2
	local l; l=$(ha_leader)
	local pg=PG$l
	# roles, database, extensions: the single-node stack's etc/database.sql
	as_pg psql -qAt -h "$VAR/run/pg" -p "${!pg}" -d postgres -v ON_ERROR_STOP=1 >/dev/null \
		< "$ROOT/etc/database.sql" || die "etc/database.sql failed"
	as_pg pgbackrest --config="$VAR/ha/pgbackrest.conf" --stanza=tms stanza-create >/dev/null 2>&1 ||
		as_pg pgbackrest --config="$VAR/ha/pgbackrest.conf" --stanza=tms stanza-upgrade >/dev/null ||
		die "pgbackrest stanza-create failed (see $VAR/ha/log)"
	ha_wait 120 ha_healthy || die "the cluster has no synchronous standby (see $VAR/ha/log)"
	# the stack's scripts (demo data, drills) use the leader of now; the
	# workers and tmsctl both nodes (ha_conninfo)
	PGPORT=${!pg}
}

# ha_conninfo: the rendered pool configurations list both nodes; reads may
# go to the standby, tmsctl (owner) writes
ha_conninfo() {
	local f
	for f in "$VAR"/etc/tms-*.yaml; do
		sed -i -e "/^  \(rw\|ro\|owner\): /s|host=$VAR/run/pg port=$PGPORT |host=$VAR/run/pg,$VAR/run/pg port=$PG1,$PG2 |" \
		       -e '/^  ro: /s/ connect_timeout=/ target_session_attrs=prefer-standby connect_timeout=/' \
		       -e '/^  owner: /s/"$/ target_session_attrs=read-write connect_timeout=3"/' "$f"
	done
}

ha_stack_up() {
	ensure_users
	ha_cluster_up
	# psql (demo_city, drills) and tmsctl pick the primary by themselves
	export PGTARGETSESSIONATTRS=read-write
	write_config
	ha_conninfo
	migrate
	demo_city
	pools_start
	mail_sender_start
	nginx_start
	wait_for "https://localhost:$HTTPS_PORT/healthz" healthy
}

ha_cluster_down() {
	local i pid
	for i in 2 1; do
		pid=$(cat "$VAR/ha/patroni$i.pid" 2>/dev/null || true)
		[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
	done
	for i in 1 2; do
		pid=$(cat "$VAR/ha/patroni$i.pid" 2>/dev/null || true)
		[ -n "$pid" ] || continue
		local n; for n in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
	for i in 1 2 3; do
		pid=$(cat "$VAR/ha/etcd$i.pid" 2>/dev/null || true)
		[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
	done
	for i in 1 2; do	# a postmaster Patroni left behind
		[ -f "$VAR/ha/pg$i/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$VAR/ha/pg$i" -m fast -w stop >/dev/null 2>&1 || true
	done
}

ha_stack_down() {
	local pool pid i
	if [ -f "$VAR/run/nginx.pid" ]; then
		pid=$(cat "$VAR/run/nginx.pid")
		kill -QUIT "$pid" 2>/dev/null || true
		for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	for pool in $POOLS; do
		pid=$(pool_pid "$pool")
		[ -n "$pid" ] || continue
		kill -TERM "$pid" 2>/dev/null || true
		for i in $(seq 1 350); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
	mail_sender_stop
	ha_cluster_down
}

ha_var() {
	VAR=${TMS_VAR:-$ROOT/var-ha}
	if [ -z "${TMS_VAR:-}" ] && [ ! -e "$VAR" ] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
		local alt
		alt=/var/lib/tms/$(printf %s "$ROOT" | sha256sum | cut -c1-12)-ha
		mkdir -p "$alt"; chmod 755 /var/lib/tms "$alt"
		ln -s "$alt" "$VAR"
	fi
	mkdir -p "$VAR"; chmod 755 "$VAR"
	VAR=$(readlink -f "$VAR")
}

cmd_up_ha() {
	need_root
	install_pkgs $BUILD_PKGS $RUN_PKGS $HA_PKGS
	ha_var
	BIN=$ROOT/build${TMS_BUILD_SUFFIX:-} WORKERS=${TMS_WORKERS:-2} MAX_REQUESTS=10000
	if [ -f "$VAR/ports" ]; then . "$VAR/ports"; else
		HTTPS_PORT=${TMS_HTTPS_PORT:-8443}; port_free "$HTTPS_PORT" || HTTPS_PORT=$(free_port)
		HTTP_PORT=${TMS_HTTP_PORT:-8080}; port_free "$HTTP_PORT" || HTTP_PORT=$(free_port)
	fi
	say "building..."
	build "$BIN"
	ha_stack_up
	demo_accounts
	say "tms (--ha) is running: https://localhost:$HTTPS_PORT/  state in $VAR"
	say "accounts: $VAR/demo-accounts.txt   cluster: scripts/tms status --ha   stop: scripts/tms down --ha"
}

cmd_down_ha() {
	need_root
	ha_var
	ha_load || { say "nothing to stop"; return 0; }
	load_ports || true
	ha_stack_down
	say "stopped"
}

cmd_status_ha() {
	ha_var
	ha_load || { say "not set up (run scripts/tms up --ha)"; return 1; }
	local i; for i in 1 2; do ha_rest "$i" /cluster && break; done | python3 -c '
import json, sys
c = json.load(sys.stdin)
for m in c["members"]:
    print("%-6s %-13s %-9s timeline %s lag %s" % (m["name"], m["role"], m["state"], m.get("timeline", "-"), m.get("lag", "-")))'
	ha_healthy && echo "cluster     healthy (leader and synchronous standby)"
}

# ---------------------------------------------------------------- drills
# ha_drill_stack: an own throw-away cluster and stack on free ports (like
# drill_stack), stopped and removed at exit
ha_drill_stack() {
	need_root
	install_pkgs $BUILD_PKGS $RUN_PKGS $HA_PKGS
	command -v node >/dev/null || install_pkgs nodejs
	VAR=$(mktemp -d /tmp/tms-ha-drill.XXXXXX); chmod 755 "$VAR"
	BIN=$ROOT/build${TMS_BUILD_SUFFIX:-} WORKERS=${TMS_WORKERS:-2} MAX_REQUESTS=10000
	build "$BIN"
	HTTPS_PORT=$(free_port); HTTP_PORT=$(free_port)
	trap 'ha_stack_down >/dev/null 2>&1; [ -n "${TMS_KEEP:-}" ] || rm -rf "$VAR"' EXIT
	ha_stack_up
}

# ha_q SQL...: psql on the leader of now, as the schema owner
ha_q() { psql -h "$VAR/run/pg,$VAR/run/pg" -p "$PG1,$PG2" -U tms_owner -qAtX -v ON_ERROR_STOP=1 tms "$@"; }

# ha_drill_accounts N: N hr accounts (with TOTP), each a staff member with a
# duty of now, as "login<TAB>password<TAB>totp<TAB>duty" in VAR/drill/accounts.tsv
ha_drill_accounts() {
	local D=$VAR/drill i=0 no duty login pw key
	mkdir -p "$D"; : > "$D/accounts.tsv"
	ha_q > "$D/staff.tsv" <<-EOF
	SELECT s.staff_no, min(a.duty_id)
	  FROM staff s JOIN duty_assignment a ON a.staff_id = s.id AND a.valid @> CURRENT_DATE
	  JOIN duty d ON d.id = a.duty_id AND d.status = '実施中' AND d.start_date <= CURRENT_DATE
	   AND (d.end_date IS NULL OR d.end_date >= CURRENT_DATE)
	 WHERE s.staff_no NOT LIKE 'D%'
	   AND NOT EXISTS (SELECT 1 FROM account x WHERE x.staff_id = s.id)
	 GROUP BY s.staff_no ORDER BY md5(s.staff_no) LIMIT $1;
	EOF
	while IFS='|' read -r no duty; do
		i=$((i + 1)); login=$(printf 'fo-hr-%02d' "$i"); pw=$(openssl rand -hex 12)
		key=$(openssl rand 20 | base32)
		echo "$pw" | "$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" useradd "$login" hr "訓練 $i" "$no" >/dev/null
		"$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" totp-set "$login" "$key" >/dev/null
		printf '%s\t%s\t%s\t%s\n' "$login" "$pw" "$key" "$duty" >> "$D/accounts.tsv"
	done < "$D/staff.tsv"
	[ "$i" = "$1" ] || die "drill: not enough staff with duties ($i)"
}

ha_postmaster() { head -1 "$VAR/ha/pg$1/postmaster.pid" 2>/dev/null; }

# ha_round WHAT: one fault on the leader of now, then wait until the
# cluster has a leader and a synchronous standby again (the old leader
# rejoined); prints what happened with the seconds it took
ha_round() {
	local l t0 t1 pid
	l=$(ha_leader) || die "drill: no leader before the round"
	t0=$(date +%s.%N)
	case $1 in
		kill-postmaster) pid=$(ha_postmaster "$l"); kill -KILL "$pid"
			# Patroni restarts it (or the standby takes over): a new postmaster somewhere
			ha_wait 90 eval "{ p=\$(ha_postmaster $l); [ -n \"\$p\" ] && [ \"\$p\" != $pid ] && ha_leader; } || [ \"\$(ha_leader)\" = $((3 - l)) ]" ||
				die "drill: nothing replaced the killed postmaster of node$l" ;;
		stop-patroni)
			kill -TERM "$(cat "$VAR/ha/patroni$l.pid")"
			ha_wait 90 eval "[ \"\$(ha_leader)\" = $((3 - l)) ]" || die "drill: no new leader after stopping node$l"
			# its Patroni comes back (the operator's restart): it must rejoin as a standby
			local n; for n in $(seq 1 300); do kill -0 "$(cat "$VAR/ha/patroni$l.pid")" 2>/dev/null || break; sleep 0.1; done
			ha_patroni_start "$l" ;;
	esac
	ha_wait 180 ha_healthy || die "drill: the cluster did not become healthy after $1"
	t1=$(date +%s.%N)
	say "# round $1: node$l was leader; leader now node$(ha_leader); healthy again after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
}

# cmd_drill_failover: the last line is
# "acknowledged_lost=N write_outage_s=S read_errors=R" (R: failed reads, of reads=N on the line before)
cmd_drill_failover() {
	ha_drill_stack
	local D=$VAR/drill run
	ha_drill_accounts 8
	run=$(date +%s)
	rm -f "$D/stop" "$D/ready"
	{
		printf '{"url": "https://localhost:%s", "ca": "%s", "out": "%s", "stop": "%s", "run": "%s",\n' \
			"$HTTPS_PORT" "$VAR/tls/server.crt" "$D" "$D/stop" "$run"
		printf ' "staff": [%s],\n' "$(ha_q -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM staff")"
		printf ' "writers": [%s],\n' "$(head -4 "$D/accounts.tsv" | awk -F'\t' '{ printf "%s{\"login\": \"%s\", \"password\": \"%s\", \"totp\": \"%s\", \"duty\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4 }')"
		printf ' "readers": [%s]}\n' "$(tail -4 "$D/accounts.tsv" | awk -F'\t' '{ printf "%s{\"login\": \"%s\", \"password\": \"%s\", \"totp\": \"%s\", \"duty\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4 }')"
	} > "$D/config.json"
	node "$ROOT/tests/drill/failover.js" "$D/config.json" > "$D/load.out" &
	local load=$!
	ha_wait 120 test -e "$D/ready" || die "drill: the load did not start"
	sleep 10	# the load before any fault
	ha_round kill-postmaster
	sleep 10
	ha_round stop-patroni
	sleep 10
	touch "$D/stop"
	wait "$load" || die "drill: the load failed: $(cat "$D/load.out")"
	# every acknowledged marker must be on the new leader
	awk -F'\t' '$2 == 303 { print $1 }' "$D/writes.tsv" | sort > "$D/acked.txt"
	ha_q -c "SELECT title FROM duty_task WHERE title LIKE 'fo-$run-%'" | sort > "$D/present.txt"
	local lost failed_present
	lost=$(comm -23 "$D/acked.txt" "$D/present.txt" | wc -l)
	# a write answered otherwise may be there (committed, answer lost) or
	# not; the audit row must agree with the task row (never half applied)
	failed_present=$(awk -F'\t' '$2 != 303 { print $1 }' "$D/writes.tsv" | sort | comm -12 - "$D/present.txt" | wc -l)
	say "# members: $(ha_rest "$(ha_leader)" /cluster | python3 -c 'import json,sys; print(" ".join(m["name"]+"="+m["role"]+"/"+m["state"] for m in json.load(sys.stdin)["members"]))')"
	say "# failed writes present anyway: $failed_present"
	ha_q -c "DELETE FROM duty_task WHERE title LIKE 'fo-$run-%'" >/dev/null || true
	grep '^#' "$D/load.out" || true
	local fig; fig=$(tail -1 "$D/load.out")
	echo "# $fig"
	echo "acknowledged_lost=$lost $(echo "$fig" | grep -o 'write_outage_s=[0-9.]*') $(echo "$fig" | grep -o 'read_errors=[0-9]*')"
}

# ---------------------------------------------------------------- backup, restore
ha_backrest() { env -u PGTARGETSESSIONATTRS runuser -u postgres -- pgbackrest --config="$VAR/ha/pgbackrest.conf" --stanza=tms "$@"; }

# ha_backup [full|diff|incr]: a backup from the leader (the timers' command)
ha_backup() { ha_backrest --type="${1:-full}" backup; }

# ha_dcs_forget: remove the cluster's keys from etcd (its v3 JSON gateway),
# so that the next Patroni takes the data directory it finds as the leader
ha_dcs_forget() {
	local k e
	k=$(printf /tms/tms/ | base64); e=$(printf /tms/tms0 | base64)
	curl -fsS -X POST "http://127.0.0.1:$ETCD_CLIENT1/v3/kv/deleterange" \
		-d "{\"key\": \"$k\", \"range_end\": \"$e\"}" >/dev/null
}

# ha_restore_to TIME: point-in-time recovery of the whole cluster into fresh
# data directories (the old ones kept as pgN.before-restore.EPOCH): Patroni
# stopped, the DCS state removed, node 1 restored by pgBackRest to TIME and
# promoted, then node 1's Patroni leads and node 2 is cloned from it anew.
# The worker pools keep running: they find the restored leader by themselves.
ha_restore_to() {
	local target=$1 i pid stamp
	stamp=$(date +%s)
	for i in 1 2; do
		pid=$(cat "$VAR/ha/patroni$i.pid" 2>/dev/null || true)
		[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
	done
	for i in 1 2; do
		pid=$(cat "$VAR/ha/patroni$i.pid" 2>/dev/null || true)
		[ -n "$pid" ] || continue
		local n; for n in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		[ -f "$VAR/ha/pg$i/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$VAR/ha/pg$i" -m fast -w stop >/dev/null 2>&1 || true
		[ -d "$VAR/ha/pg$i" ] && mv "$VAR/ha/pg$i" "$VAR/ha/pg$i.before-restore.$stamp"
	done
	ha_dcs_forget
	mkdir -p "$VAR/ha/pg1"; chown postgres:postgres "$VAR/ha/pg1"; chmod 700 "$VAR/ha/pg1"
	ha_backrest --type=time --target="$target" --target-action=promote --pg1-path="$VAR/ha/pg1" restore ||
		die "pgbackrest restore failed (see $VAR/ha/log)"
	# recovery to TIME by PostgreSQL alone, then Patroni takes the result
	as_pg "$PGBIN/pg_ctl" -D "$VAR/ha/pg1" -w -t 600 -l "$VAR/ha/log/restore.log" \
		-o "-c config_file=$VAR/ha/pg1/postgresql.conf -c port=$PG1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$VAR/run/pg" \
		start >/dev/null || die "the restored node did not start (see $VAR/ha/log/restore.log)"
	ha_wait 600 eval "[ \"\$(as_pg psql -h '$VAR/run/pg' -p $PG1 -qAtX -d postgres -c 'SELECT pg_is_in_recovery()')\" = f ]" ||
		die "the restored node did not reach $target (see $VAR/ha/log/restore.log)"
	as_pg "$PGBIN/pg_ctl" -D "$VAR/ha/pg1" -m fast -w stop >/dev/null
	ha_patroni_start 1
	ha_wait 120 ha_leader || die "no Patroni leader after the restore (see $VAR/ha/log/patroni1.log)"
	ha_patroni_start 2
	ha_wait 180 ha_healthy || die "no synchronous standby after the restore (see $VAR/ha/log/patroni2.log)"
	# a new timeline: a full backup of it, so that later restores start there
	ha_backup full >/dev/null || say "warning: the backup after the restore failed"
}

# scripts/tms restore --to TIME: on the stack of `scripts/tms up --ha`
cmd_restore() {
	need_root
	[ "${1:-}" = --to ] && [ -n "${2:-}" ] || die "usage: scripts/tms restore --to 'YYYY-MM-DD HH:MM:SS+TZ'"
	date -d "$2" >/dev/null 2>&1 || die "restore: '$2' is not a time"
	ha_var
	ha_load || die "no cluster here (run scripts/tms up --ha)"
	load_ports || true
	# pgBackRest's form: YYYY-MM-DD HH:MM:SS+HHMM
	local t; t=$(date -d "$2" '+%Y-%m-%d %H:%M:%S%z')
	ha_restore_to "$t"
	say "restored to $t; the old data directories are in $VAR/ha/pg*.before-restore.*"
}

# cmd_drill_restore: markers, time T, more markers, restore to T, check.
# The last line is "restore ok rto_s=S rpo_s=S": rto_s from the start of
# the restore until the application answers from the restored data, rpo_s
# the time between T and the newest marker the restore kept
cmd_drill_restore() {
	ha_drill_stack
	local duty t0 t1 T before after n_before n_after newest b0 b1
	duty=$(ha_q -c "SELECT min(id) FROM duty")
	b0=$(date +%s.%N)
	ha_backup full >/dev/null || die "drill: the full backup failed"
	b1=$(date +%s.%N)
	say "# full backup ($(ha_q -c "SELECT count(*) FROM staff") staff, $(ha_q -c "SELECT pg_size_pretty(pg_database_size('tms'))")): $(awk -v a="$b0" -v b="$b1" 'BEGIN { printf "%.1f", b - a }') s"
	local i run; run=$(date +%s)
	for i in $(seq 1 20); do
		ha_q -c "SELECT duty_task_save(0, $duty, 'rs-$run-before-$i', '2026-04-01', '2027-03-31', 0, '未着手', '', ARRAY[]::text[])" >/dev/null
		sleep 0.1
	done
	T=$(ha_q -c "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.MSOF')")
	sleep 1
	for i in $(seq 1 20); do
		ha_q -c "SELECT duty_task_save(0, $duty, 'rs-$run-after-$i', '2026-04-01', '2027-03-31', 0, '未着手', '', ARRAY[]::text[])" >/dev/null
	done
	ha_backrest check >/dev/null || die "drill: pgbackrest check failed (WAL archiving)"
	t0=$(date +%s.%N)
	ha_restore_to "$T" 2>&1 | sed 's/^/# /' >&2
	wait_for "the application on the restored cluster" healthy
	n_before=$(ha_q -c "SELECT count(*) FROM duty_task WHERE title LIKE 'rs-$run-before-%'")
	n_after=$(ha_q -c "SELECT count(*) FROM duty_task WHERE title LIKE 'rs-$run-after-%'")
	t1=$(date +%s.%N)
	newest=$(ha_q -c "SELECT extract(epoch FROM '$T'::timestamptz - max(updated_at))::numeric(10,1) FROM duty_task WHERE title LIKE 'rs-$run-before-%'" 2>/dev/null || echo "?")
	say "# markers before T: $n_before of 20; after T: $n_after of 20"
	[ "$n_before" = 20 ] && [ "$n_after" = 0 ] || { echo "restore failed before=$n_before after=$n_after"; return 1; }
	echo "restore ok rto_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') rpo_s=$newest"
}
