# ops.sh: operations commands of scripts/tms (sourced by it; uses ROOT, say,
# die, load_ports). The stack's files: VAR (TMS_VAR or var/).
#
#   maintenance on "MESSAGE" --until TIME | off | status
#       nginx answers everyone outside the operators' networks
#       (admin-networks.conf) with a Japanese 503 page giving MESSAGE and the
#       planned end; operators still reach the application. A flag file
#       ETCDIR/maintenance/maintenance.conf, included by nginx; nginx reloads.
#   probe   one /healthz check, appended to log/availability.log as
#           "EPOCH up|down|maint HTTP_CODE CAUSE" (etc/systemd/tms-probe.timer
#           runs it every 60 s)
#   availability [--month YYYY-MM] [--file F]
#           the month's 稼働率 from those records, with each outage
#   logs export --from DATE --to DATE [--out FILE]
#           nginx access log, worker logs and audit log of the period in
#           one tar.gz with a SHA-256 manifest (SHA256SUMS)

ops_var() {
	VAR=$(readlink -f "${TMS_VAR:-$ROOT/var}")
	OPS_ETC=${TMS_ETCDIR:-$VAR/etc}
	AVAIL_LOG=${TMS_AVAILABILITY_LOG:-$VAR/log/availability.log}
}

ops_nginx_reload() {
	local conf=$VAR/nginx/nginx.conf
	[ -f "$conf" ] || return 0
	nginx -t -q -c "$conf" -p "$VAR/nginx" 2>&1 | grep -v '^$' >&2 && return 1
	nginx -c "$conf" -p "$VAR/nginx" -s reload
}

# html TEXT: TEXT with & < > " ' escaped
ops_html() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		-e 's/"/\&quot;/g' -e "s/'/\\&#39;/g"
}

cmd_maintenance() {
	ops_var
	local dir=$OPS_ETC/maintenance what=${1:-status}
	case $what in
	on)
		shift
		local msg=${1:-} until="" end
		[ $# -gt 0 ] && shift
		while [ $# -gt 0 ]; do
			case $1 in
			--until) until=${2:-}; shift 2 || die "--until needs a time" ;;
			*) die "maintenance on: unknown argument '$1'" ;;
			esac
		done
		[ -n "$msg" ] || die "usage: scripts/tms maintenance on \"MESSAGE\" --until TIME"
		[ -n "$until" ] || die "maintenance on: --until TIME is required (the planned end, e.g. '2026-12-06 18:00')"
		end=$(date -d "$until" '+%Y年%-m月%-d日 %H:%M' 2>/dev/null) ||
			die "maintenance on: --until '$until' is not a time (e.g. '2026-12-06 18:00')"
		[ "$(date -d "$until" +%s)" -gt "$(date +%s)" ] || die "maintenance on: --until '$until' is in the past"
		mkdir -p "$dir"
		cat > "$dir/maintenance.html.tmp" <<HTML
<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>メンテナンス中 | 釧路市 タレントマネジメントシステム</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main"><section class="card narrow">
<h1>ただいまメンテナンス中です</h1>
<p class="alert" role="alert">$(ops_html "$msg")</p>
<p>終了予定: <strong>$(ops_html "$end")</strong></p>
<p>ご不便をおかけします。終了後にもう一度アクセスしてください。</p>
<p class="code">エラーコード 503</p>
</section></main></body></html>
HTML
		mv "$dir/maintenance.html.tmp" "$dir/maintenance.html"
		chmod 644 "$dir/maintenance.html"
		printf '%s\n' "$until" > "$dir/until"
		cat > "$dir/maintenance.conf" <<CONF
# written by scripts/tms maintenance on ($(date -u +%FT%TZ)); removed by "off"
set \$tms_maintenance \$tms_network;
if (\$uri ~ "^/(static/|_maintenance\\.html\$)") {
    set \$tms_maintenance inside;
}
if (\$tms_maintenance = outside) {
    return 503;
}
error_page 503 /_maintenance.html;
location = /_maintenance.html {
    internal;
    alias $dir/maintenance.html;
    default_type text/html;
    charset utf-8;
    add_header Cache-Control "no-store" always;
    add_header Retry-After "$(( $(date -d "$until" +%s) - $(date +%s) ))" always;
}
CONF
		if ! ops_nginx_reload; then
			rm -f "$dir/maintenance.conf"
			die "nginx refused the maintenance configuration (left off)"
		fi
		say "maintenance on until $end"
		;;
	off)
		rm -f "$dir/maintenance.conf" "$dir/until"
		ops_nginx_reload || die "nginx reload failed"
		say "maintenance off"
		;;
	status)
		if [ -f "$dir/maintenance.conf" ]; then echo "on until $(cat "$dir/until" 2>/dev/null)"
		else echo off; fi
		;;
	*) die "usage: scripts/tms maintenance on \"MESSAGE\" --until TIME | off | status" ;;
	esac
}

# probe: one record. Maintenance (the flag file) counts as a planned stop.
cmd_probe() {
	ops_var
	load_ports || die "not set up (run scripts/tms up)"
	local url=${TMS_PROBE_URL:-https://localhost:$HTTPS_PORT/healthz} out code state cause
	out=$(mktemp)
	code=$(curl -sS --max-time 10 --cacert "$VAR/tls/server.crt" -o "$out" -w '%{http_code}' "$url" 2>"$out.err") || true
	if [ "$code" = 200 ]; then state=up; cause=-
	else
		state=down
		cause=$(head -c 200 "$out.err" "$out" 2>/dev/null | tr -s '\n\t ' ' ' | sed 's/^ //; s/ $//')
		[ -n "$cause" ] || cause="HTTP $code"
	fi
	[ -f "$OPS_ETC/maintenance/maintenance.conf" ] && state=maint
	rm -f "$out" "$out.err"
	mkdir -p "$(dirname "$AVAIL_LOG")"
	printf '%s %s %s %s\n' "$(date +%s)" "$state" "${code:-000}" "$cause" >> "$AVAIL_LOG"
	echo "$state"
}

# availability [--month YYYY-MM] [--file F] [--now EPOCH]: the month's
# 稼働率. Each record stands until the next one; an outage runs from its
# first "down" record to the next "up" (or now, still going), its cause the
# first down record's. Planned stops ("maint") are left out of the period,
# as the contract excludes them; time before the first record of the month
# (no probe yet) too.
cmd_availability() {
	ops_var
	local month file=$AVAIL_LOG now
	month=$(date +%Y-%m); now=$(date +%s)
	while [ $# -gt 0 ]; do
		case $1 in
		--month) month=${2:-}; shift 2 || die "--month needs YYYY-MM" ;;
		--file) file=${2:-}; shift 2 || die "--file needs a path" ;;
		--now) now=${2:-}; shift 2 || die "--now needs seconds" ;;
		*) die "availability: unknown argument '$1' (--month YYYY-MM)" ;;
		esac
	done
	[[ $month =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] || die "availability: --month '$month' is not YYYY-MM"
	[ -f "$file" ] || die "availability: no probe records ($file)"
	local from to
	from=$(date -d "$month-01 00:00" +%s)
	to=$(date -d "$month-01 00:00 +1 month" +%s)
	[ "$now" -lt "$to" ] && to=$now
	sort -n -k1,1 "$file" | awk -v from="$from" -v to="$to" -v month="$month" '
	function hms(s,   h, m) { h = int(s / 3600); m = int((s % 3600) / 60)
		return (h ? h "時間" : "") m "分" (s % 60) "秒" }
	function ts(t) { return strftime("%Y-%m-%d %H:%M:%S", t) }
	function close_span(t) {
		if (state == "") return
		if (state == "down") { down += t - since; n++; os[n] = since; oe[n] = t; oc[n] = cause }
		else if (state == "maint") maint += t - since
		else up += t - since
	}
	$1 !~ /^[0-9]+$/ { bad++; next }
	$1 < from { last = $2; lastcause = ($3 ~ /^[1-9][0-9][0-9]$/ && $3 != "200") ? "HTTP " $3 : ""
		for (i = 4; i <= NF; i++) if ($i != "-") lastcause = lastcause (lastcause != "" ? " " : "") $i; next }
	$1 >= to { exit }
	{
		c = ($3 ~ /^[1-9][0-9][0-9]$/ && $3 != "200") ? "HTTP " $3 : ""
		for (i = 4; i <= NF; i++) if ($i != "-") c = c (c != "" ? " " : "") $i
		if (state == "" && last != "") { state = last; since = from; cause = lastcause }
		if ($2 == state) next
		close_span($1)
		state = $2; since = $1; cause = c
	}
	END {
		if (state == "" && last != "") { state = last; since = from; cause = lastcause }
		if (state == "") { print month ": 記録がありません"; exit 1 }
		ongoing = state == "down"
		close_span(to)
		total = up + down
		printf "%s 稼働率 %.3f%% (対象 %s、停止 %s、計画停止 %s を除く)\n", month,
		    total ? 100 * up / total : 0, hms(total), hms(down), hms(maint)
		for (i = 1; i <= n; i++)
			printf "停止 %d: %s 〜 %s (%s) 原因: %s\n", i, ts(os[i]),
			    (i == n && ongoing) ? "継続中" : ts(oe[i]), hms(oe[i] - os[i]),
			    oc[i] == "" ? "不明" : oc[i]
		if (n == 0) print "停止なし"
	}'
}

# logs export --from DATE --to DATE [--out FILE]: the period's lines
# (both dates included, local time) of nginx's access log, the pools' logs
# (rotated copies too, gzip or not) and the audit log (CSV from the
# database), in one tar.gz with SHA256SUMS; prints the archive's path and
# its own SHA-256.
cmd_logs() {
	ops_var
	[ "${1:-}" = export ] || die "usage: scripts/tms logs export --from DATE --to DATE [--out FILE]"
	shift
	local from="" to="" out=""
	while [ $# -gt 0 ]; do
		case $1 in
		--from) from=${2:-}; shift 2 || die "--from needs a date" ;;
		--to) to=${2:-}; shift 2 || die "--to needs a date" ;;
		--out) out=${2:-}; shift 2 || die "--out needs a file" ;;
		*) die "logs export: unknown argument '$1'" ;;
		esac
	done
	[ -n "$from" ] && [ -n "$to" ] || die "usage: scripts/tms logs export --from DATE --to DATE"
	local f0 t0
	f0=$(date -d "$from" +%F 2>/dev/null) || die "logs export: --from '$from' is not a date (YYYY-MM-DD)"
	t0=$(date -d "$to +1 day" +%F 2>/dev/null) || die "logs export: --to '$to' is not a date (YYYY-MM-DD)"
	[[ "$f0" < "$t0" ]] || die "logs export: --from is after --to"
	load_ports || die "not set up (run scripts/tms up)"
	local name="tms-logs-$f0-to-$(date -d "$to" +%F)" work
	out=${out:-$PWD/$name.tar.gz}
	work=$(mktemp -d); mkdir "$work/$name"
	# lines of each log whose first field (an ISO time) is in [f0, t0)
	period() { awk -v a="${f0}T00:00:00" -v b="${t0}T00:00:00" 'substr($1, 1, 19) >= a && substr($1, 1, 19) < b'; }
	cat_logs() { local f; for f in "$@"; do [ -f "$f" ] || continue; case $f in *.gz) zcat "$f" ;; *) cat "$f" ;; esac; done; }
	# shellcheck disable=SC2046
	cat_logs $(ls -tr "$VAR"/log/nginx-access.log* 2>/dev/null) | period > "$work/$name/nginx-access.log"
	local p
	for p in ${POOLS:-a b}; do
		# shellcheck disable=SC2046
		cat_logs $(ls -tr "$VAR"/log/tms-"$p".log* 2>/dev/null) | period > "$work/$name/worker-pool-$p.log"
	done
	psql -qAt -X -h "$VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1 \
		-v f="$f0" -v t="$t0" > "$work/$name/audit-log.csv" <<'SQL' || { rm -rf "$work"; die "logs export: cannot read the audit log"; }
COPY (SELECT id, at, actor_account_id, actor_staff_id, actor_role, action, subject_staff_id,
             target, detail, client_addr, result
        FROM audit_log WHERE at >= :'f'::date AND at < :'t'::date ORDER BY id)
  TO STDOUT WITH (FORMAT csv, HEADER true)
SQL
	(cd "$work/$name" && sha256sum nginx-access.log worker-pool-*.log audit-log.csv > SHA256SUMS)
	tar -C "$work" -czf "$out" "$name"
	rm -rf "$work"
	echo "$out"
	sha256sum "$out" | awk '{ print "sha256 " $1 }'
}
