# scripts/tms.d/segments.sh: `scripts/tms drill segments` (issue 24), sourced
# by scripts/tms. nginx, the worker pool and PostgreSQL each in a network
# namespace of its own, as on three hosts of three segments:
#
#   outside 10.88.0.2 ─┐
#   dmz     10.88.1.2 ─┤ fw (router: 10.88.N.1, nftables forward policy)
#   app     10.88.2.2 ─┤
#   db      10.88.3.2 ─┘
#
# fw forwards only outside→dmz:443, dmz→app:9000 (the workers' FastCGI over
# TCP, `listen: tcp:10.88.2.2:9000`) and app→db:5432 (PostgreSQL, `hostssl`
# only, client certificate, TLS 1.2/1.3 with the AES-GCM suites of nginx's
# profile), and answers anything else with a reject. Each service listens on
# its segment's address only. The drill prints the reachability matrix (a
# real listener behind every column: the namespace itself reaches its own),
# checks it against the expected one, signs in through the whole chain, and
# checks PostgreSQL's side: TLS on every worker connection, no plain or
# certificate-less connection, no ChaCha20 or TLS 1.1. Output: TAP
# (tests/integration/t87-segments.sh runs it); exit status 1 on a mismatch.

SEG_PFX=10.88
SEG_NS="outside dmz app db"

seg() { ip netns exec "$@"; }

# seg_probe NS IP PORT: "open" when a TCP connection is accepted
seg_probe() {
	if seg "$1" timeout 3 bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null; then echo open; else echo closed; fi
}

seg_down() {
	local f p
	for f in "$VAR"/run/nginx.pid "$VAR"/run/tms/pool-a.pid; do
		p=$(cat "$f" 2>/dev/null) || continue
		[ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
	done
	[ ! -f "$VAR/pg/postmaster.pid" ] ||
		as_pg "$PGBIN/pg_ctl" -D "$VAR/pg" -m fast -w stop >/dev/null 2>&1 || true
	for p in $(cat "$VAR"/run/nginx.pid "$VAR"/run/tms/pool-a.pid 2>/dev/null); do
		for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
	done
	for p in $SEG_NS fw; do ip netns del "$p" 2>/dev/null || true; done
}

# seg_net: the five namespaces, the veth legs and fw's rules
seg_net() {
	local ns i=0
	for ns in $SEG_NS fw; do
		! ip netns list | grep -qw "^$ns" || die "network namespace $ns exists already (another drill?)"
	done
	ip netns add fw
	seg fw ip link set lo up
	seg fw sysctl -qw net.ipv4.ip_forward=1
	for ns in $SEG_NS; do
		ip netns add "$ns"
		ip link add "s-$ns" type veth peer name "f-$ns"
		ip link set "s-$ns" netns "$ns"
		ip link set "f-$ns" netns fw
		seg fw ip addr add "$SEG_PFX.$i.1/24" dev "f-$ns"
		seg fw ip link set "f-$ns" up
		seg "$ns" ip link set lo up
		seg "$ns" ip addr add "$SEG_PFX.$i.2/24" dev "s-$ns"
		seg "$ns" ip link set "s-$ns" up
		seg "$ns" ip route add default via "$SEG_PFX.$i.1"
		i=$((i + 1))
	done
	seg fw nft -f - <<-EOF
	table inet tms_segments {
		chain forward {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			iifname "f-outside" oifname "f-dmz" ip daddr $SEG_PFX.1.2 tcp dport 443 accept
			iifname "f-dmz" oifname "f-app" ip saddr $SEG_PFX.1.2 ip daddr $SEG_PFX.2.2 tcp dport 9000 accept
			iifname "f-app" oifname "f-db" ip saddr $SEG_PFX.2.2 ip daddr $SEG_PFX.3.2 tcp dport 5432 accept
			counter reject with icmpx type admin-prohibited
		}
		chain input {
			type filter hook input priority 0; policy drop;
			iifname "lo" accept
			ct state established,related accept
			counter reject with icmpx type admin-prohibited
		}
	}
	EOF
}

# seg_tls: a CA of the drill, PostgreSQL's certificate for its address,
# tms_app's client certificate (its CN is the role), nginx's for dmz
seg_tls() {
	local d=$VAR/seg n
	mkdir -p "$d"
	(umask 077; cd "$d"
	 openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -days 2 \
		-subj "/CN=tms drill CA" -keyout ca.key -out ca.crt 2>/dev/null
	 for n in "db:/CN=$SEG_PFX.3.2:IP:$SEG_PFX.3.2" "app:/CN=tms_app:" "dmz:/CN=$SEG_PFX.1.2:IP:$SEG_PFX.1.2"; do
		IFS=: read -r f subj ip1 ip2 <<<"$n"
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -subj "$subj" \
			-keyout "$f.key" -out "$f.csr" 2>/dev/null
		if [ -n "$ip1" ]; then echo "subjectAltName=IP:$ip2" > "$f.ext"; else : > "$f.ext"; fi
		openssl x509 -req -in "$f.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 \
			-extfile "$f.ext" -out "$f.crt" 2>/dev/null
	 done)
	chmod 755 "$d"; chmod 644 "$d"/*.crt
	chown postgres "$d/db.key"; chown tms "$d/app.key"
}

# seg_pg: PostgreSQL in db, on its address only, TLS only, the workers'
# address only (client certificate); the owner's migrations over the unix
# socket on the database host itself
seg_pg() {
	local pgdata=$VAR/pg d=$VAR/seg
	mkdir -p "$pgdata" "$VAR/run/pg"; chown postgres:postgres "$pgdata" "$VAR/run/pg"; chmod 700 "$pgdata"
	as_pg "$PGBIN/initdb" -D "$pgdata" -E UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=reject \
		-U postgres >/dev/null
	cat > "$pgdata/pg_hba.conf" <<-EOF
	local all postgres peer
	local tms tms_owner peer map=tms
	hostssl tms tms_app $SEG_PFX.2.2/32 cert
	host all all 0.0.0.0/0 reject
	EOF
	echo "tms root tms_owner" > "$pgdata/pg_ident.conf"
	# TLS 1.3 suites: PostgreSQL's ssl_ciphers covers TLS 1.2 only
	cat > "$d/pg-openssl.cnf" <<-EOF
	openssl_conf = openssl_init
	[openssl_init]
	ssl_conf = ssl_sect
	[ssl_sect]
	system_default = system_default_sect
	[system_default_sect]
	MinProtocol = TLSv1.2
	Ciphersuites = TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256
	EOF
	cat >> "$pgdata/postgresql.conf" <<-EOF
	listen_addresses = '$SEG_PFX.3.2'
	port = 5432
	unix_socket_directories = '$VAR/run/pg'
	ssl = on
	ssl_cert_file = '$d/db.crt'
	ssl_key_file = '$d/db.key'
	ssl_ca_file = '$d/ca.crt'
	ssl_min_protocol_version = 'TLSv1.2'
	ssl_ciphers = 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256'
	ssl_ecdh_curve = 'prime256v1'
	EOF
	seg_pg_start
	as_pg psql -qAt -h "$VAR/run/pg" -p 5432 -d postgres -v ON_ERROR_STOP=1 >/dev/null \
		< "$ROOT/etc/database.sql" || die "etc/database.sql failed"
}

seg_pg_start() {
	seg db runuser -u postgres -- env OPENSSL_CONF="$VAR/seg/pg-openssl.cnf" "$PGBIN/pg_ctl" -D "$VAR/pg" \
		-w -t 60 -l "$VAR/pg/server.log" start >/dev/null ||
		{ cat "$VAR/pg/server.log" >&2; die "PostgreSQL did not start"; }
}

cmd_drill_segments() {
	need_root
	install_pkgs $BUILD_PKGS $RUN_PKGS nftables
	ensure_users
	BIN=${TMS_SEG_BIN:-$ROOT/build${TMS_BUILD_SUFFIX:-}}
	[ -n "${TMS_SEG_BIN:-}" ] || build "$BIN"
	VAR=$(mktemp -d /tmp/tms-segments.XXXXXX); chmod 755 "$VAR"
	trap 'seg_down; rm -rf "$VAR"' EXIT
	local N=0 FAILED=0 d=$VAR/seg
	t_ok() { N=$((N + 1)); echo "ok $N - $1"; }
	t_nok() { N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $1"; shift; printf '%s\n' "$@" | sed 's/^/# /'; }
	t_eq() { if [ "$2" = "$3" ]; then t_ok "$1"; else t_nok "$1" "got:  $2" "want: $3"; fi; }
	t_has() { if grep -q -- "$3" <<<"$2"; then t_ok "$1"; else t_nok "$1" "no /$3/ in:" "$2"; fi; }
	# tls_cipher ARGS...: the cipher s_client agreed on with PostgreSQL, or none
	tls_cipher() {
		seg app openssl s_client -starttls postgres -connect "$SEG_PFX.3.2:5432" "$@" </dev/null 2>&1 |
			sed -n 's/.*Cipher is \([A-Z][A-Z0-9_-]*\).*/\1/p' | head -1 | grep . || echo none
	}

	seg_net
	seg_tls
	seg_pg
	# the pool and nginx: the stack's files, then the segments' addresses
	POOLS=a WORKERS=2 MAX_REQUESTS=1000 PGPORT=5432 HTTPS_PORT=443 HTTP_PORT=80
	LISTEN_HTTPS=$SEG_PFX.1.2:443 LISTEN_HTTP=$SEG_PFX.1.2:80 SERVER_NAME=$SEG_PFX.1.2
	TLS_CERT=$d/dmz.crt TLS_KEY=$d/dmz.key
	write_config
	local tcp="host=$SEG_PFX.3.2 port=5432 sslmode=verify-full sslrootcert=$d/ca.crt sslcert=$d/app.crt sslkey=$d/app.key"
	sed -i -e "s|^listen: .*|listen: tcp:$SEG_PFX.2.2:9000\nlisten_allow: $SEG_PFX.1.2|" \
	       -e "/^  \(rw\|ro\):/s|host=[^ ]* port=[0-9]*|$tcp|" "$VAR/etc/tms-a.yaml"
	sed -i "s|server unix:$VAR/run/tms/pool-a.sock|server $SEG_PFX.2.2:9000|" "$VAR/nginx/nginx.conf"
	grep -q "server $SEG_PFX.2.2:9000" "$VAR/nginx/nginx.conf" || die "no upstream on the app segment"
	migrate
	demo_accounts_min
	seg app "$BIN/cgi/tms-worker" -t -c "$VAR/etc/tms-a.yaml" >/dev/null || die "bad config $VAR/etc/tms-a.yaml"
	seg app setsid "$BIN/cgi/tms-worker" -c "$VAR/etc/tms-a.yaml" -l "$VAR/log/tms-a.log" \
		-p "$VAR/run/tms/pool-a.pid" </dev/null >>"$VAR/log/tms-a.log" 2>&1 &
	wait_for "the worker pool on $SEG_PFX.2.2:9000" seg app bash -c "exec 3<>/dev/tcp/$SEG_PFX.2.2/9000"
	seg dmz nginx -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx" || die "nginx did not start"
	wait_for "nginx on $SEG_PFX.1.2:443" seg dmz bash -c "exec 3<>/dev/tcp/$SEG_PFX.1.2/443"

	# the reachability matrix
	local targets="dmz:$SEG_PFX.1.2:443 dmz:$SEG_PFX.1.2:80 app:$SEG_PFX.2.2:9000 db:$SEG_PFX.3.2:5432"
	local want="outside:dmz:443=open dmz:dmz:443=open dmz:dmz:80=open dmz:app:9000=open
		app:app:9000=open app:db:5432=open db:db:5432=open"
	local src t host ip port got line bad=""
	printf '# %-10s' "from \\ to"
	for t in $targets; do IFS=: read -r host ip port <<<"$t"; printf ' %-14s' "$host:$port"; done; echo
	for src in $SEG_NS; do
		line=$(printf '%-10s' "$src")
		for t in $targets; do
			IFS=: read -r host ip port <<<"$t"
			got=$(seg_probe "$src" "$ip" "$port")
			[[ " $(echo $want) " == *" $src:$host:$port=open "* ]] && w=open || w=closed
			[ "$got" = "$w" ] || bad+=" $src→$host:$port=$got(want $w)"
			line+=$(printf ' %-14s' "$got$([ "$got" = "$w" ] || echo '!')")
		done
		echo "# $line"
	done
	t_eq "reachability: outside only dmz:443, dmz only app:9000, app only db:5432 (each its own)" "${bad:-none}" none

	# the whole chain: outside → nginx → worker over TCP → PostgreSQL over TLS
	local C=(seg outside curl -sS --cacert "$d/ca.crt" -m 20)
	t_eq "outside: /healthz through nginx, the pool and PostgreSQL" \
		"$("${C[@]}" -o /dev/null -w '%{http_code}' "https://$SEG_PFX.1.2/healthz")" 200
	local login pw body
	read -r login pw < <(awk '$1 == "general" { print $2, $3 }' "$VAR/demo-accounts.txt")
	"${C[@]}" -c "$VAR/jar" -o "$VAR/login.html" "https://$SEG_PFX.1.2/login" || true
	local csrf
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$VAR/login.html" | head -1)
	t_eq "outside: sign in as $login (303)" "$("${C[@]}" -b "$VAR/jar" -c "$VAR/jar" -o /dev/null -w '%{http_code}' \
		--data-urlencode "login=$login" --data-urlencode "password=$pw" --data-urlencode "csrf=$csrf" \
		"https://$SEG_PFX.1.2/login")" 303
	t_eq "outside: http:// (port 80) is not reachable either" "$(seg_probe outside "$SEG_PFX.1.2" 80)" closed
	# FastCGI itself: the pool answers nginx's address only (listen_allow),
	# even to a client inside the app segment
	local fcgi=(env SCRIPT_NAME=/healthz REQUEST_METHOD=GET REQUEST_URI=/healthz SERVER_NAME=x
		SERVER_PORT=443 REMOTE_ADDR=10.0.0.9 timeout 10 cgi-fcgi -bind -connect "$SEG_PFX.2.2:9000")
	t_has "dmz: a FastCGI request straight to the pool is answered" "$(seg dmz "${fcgi[@]}" 2>&1)" '^Status: [1-5][0-9][0-9]'
	t_eq "app: the same request from another address gets nothing (listen_allow)" \
		"$(seg app "${fcgi[@]}" 2>/dev/null | head -c 200)" ""

	# PostgreSQL's side
	body=$(as_pg psql -qAtX -h "$VAR/run/pg" -p 5432 tms -c "select a.application_name, a.client_addr, s.ssl, s.version, s.cipher
		from pg_stat_activity a join pg_stat_ssl s using (pid) where a.usename = 'tms_app' order by 1")
	t_has "the workers are connected (pg_stat_activity)" "$body" "^tms-a|"
	t_eq "every worker connection is TLS 1.3 AES-GCM from $SEG_PFX.2.2" \
		"$(grep -v "|$SEG_PFX.2.2|t|TLSv1.3|TLS_AES_[0-9]*_GCM_SHA[0-9]*$" <<<"$body")" ""
	body=$(seg app psql -qAtX "host=$SEG_PFX.3.2 dbname=tms user=tms_app sslmode=disable connect_timeout=5" -c 'select 1' 2>&1 || true)
	t_has "app: without TLS, refused (hostssl only)" "$body" 'rejects connection for host "'$SEG_PFX.2.2'", user "tms_app", database "tms", no encryption'
	body=$(seg app psql -qAtX "host=$SEG_PFX.3.2 dbname=tms user=tms_app sslmode=verify-full sslrootcert=$d/ca.crt connect_timeout=5" -c 'select 1' 2>&1 || true)
	t_has "app: TLS without the client certificate, refused" "$body" 'certificate'
	body=$(seg app psql -qAtX "host=$SEG_PFX.3.2 dbname=tms user=tms_owner sslmode=verify-full sslrootcert=$d/ca.crt sslcert=$d/app.crt sslkey=$d/app.key connect_timeout=5" -c 'select 1' 2>&1 || true)
	t_has "app: the workers' certificate does not open the owner's role" "$body" 'rejects connection for host "'$SEG_PFX.2.2'", user "tms_owner"'
	t_eq "PostgreSQL: TLS 1.3 with TLS_AES_256_GCM_SHA384 (the control)" \
		"$(tls_cipher -tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384)" TLS_AES_256_GCM_SHA384
	t_eq "PostgreSQL: TLS 1.2 with ECDHE-ECDSA-AES128-GCM-SHA256 (the control)" \
		"$(tls_cipher -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256)" ECDHE-ECDSA-AES128-GCM-SHA256
	t_eq "PostgreSQL refuses TLS_CHACHA20_POLY1305_SHA256" \
		"$(tls_cipher -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256)" none
	t_eq "PostgreSQL refuses TLS 1.2 CBC and ChaCha20 suites" \
		"$(tls_cipher -tls1_2 -cipher ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-CHACHA20-POLY1305)" none
	t_eq "PostgreSQL refuses TLS 1.1" "$(tls_cipher -tls1_1 -cipher 'ALL:@SECLEVEL=0')" none

	# restart PostgreSQL and ask again: libpq reads sslrootcert, sslcert and
	# sslkey at every connection, which a confined worker cannot open
	# (cgi/sandbox.c); a worker whose connection is lost leaves after its
	# request, and the master's next one connects before its confinement
	as_pg "$PGBIN/pg_ctl" -D "$VAR/pg" -m fast -w stop >/dev/null
	seg_pg_start
	local st i
	for i in $(seq 1 40); do
		st=$("${C[@]}" -o /dev/null -w '%{http_code}' "https://$SEG_PFX.1.2/healthz" || true)
		[ "$st" = 200 ] && break
		sleep 0.5
	done
	t_eq "after a PostgreSQL restart the pool answers /healthz again over TLS" "$st" 200
	if grep -q "reconnect reads files: leaving to a fresh worker" "$VAR/log/tms-a.log"; then
		t_ok "the worker that lost its connection left for a fresh one"
	else
		t_nok "the worker that lost its connection left for a fresh one" "no such line in the pool's log"
	fi
	# a reload also starts workers that connect before confinement
	kill -HUP "$(cat "$VAR/run/tms/pool-a.pid")"
	for i in $(seq 1 40); do
		st=$("${C[@]}" -o /dev/null -w '%{http_code}' "https://$SEG_PFX.1.2/healthz" || true)
		[ "$st" = 200 ] && break
		sleep 0.5
	done
	t_eq "after a reload (SIGHUP) the pool answers /healthz again" "$st" 200
	grep -i "ssl\|certificate\|reconnect\|SIGSYS" "$VAR/log/tms-a.log" | tail -5 | sed 's/^/# pool log: /'
	echo "1..$N"
	[ "$FAILED" = 0 ]
}

# demo_accounts_min: the three demo accounts (no demo city): scripts/tms's
# demo_accounts wants the stack's https://localhost; here only the general
# account is used, with a password of its own.
demo_accounts_min() {
	local pw
	pw=$(openssl rand -base64 12 | tr -d '/+=' | cut -c1-16)
	echo "$pw" | "$BIN/cgi/tmsctl" -c "$VAR/etc/tms-a.yaml" useradd segstaff general "区画 試験" >/dev/null ||
		die "useradd failed"
	echo "general segstaff $pw" > "$VAR/demo-accounts.txt"
}
