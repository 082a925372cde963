#!/bin/bash
# t88-address-limits.sh: HR and admin screens only from the networks of
# etc/admin-networks.conf (nginx `geo`, nginx/tms.conf.in). The stack's copy
# lets 127.0.0.1 in; 127.0.0.2 is loopback too but another address to nginx,
# so it stands for a phone on the internet. Staff screens stay reachable
# from both.
. "$(dirname "$0")/lib.sh"
IN=(--interface 127.0.0.1)
OUT=(--interface 127.0.0.2)
WHY="庁内ネットワークからご利用ください"

# the routes whose roles leave out general (cgi/dispatch.c), with sample
# values for their parameters: "METHOD PATH" lines
hr_routes() {
	awk -F, '/^\t\{ "(GET|POST)", *"\// {
		role = $5; gsub(/[ \t]/, "", role)
		if (role ~ /ROLE_GENERAL/ || role == "ALL") next
		match($1, /GET|POST/); m = substr($1, RSTART, RLENGTH)
		p = $2; gsub(/[ \t"]/, "", p)
		gsub(/:(id|rid|aid|sid)/, "1", p); gsub(/:code/, "X1", p); gsub(/:master/, "positions", p)
		gsub(/:export/, "staff", p)
		print m, p
	}' "$TMS_ROOT/cgi/dispatch.c"
}
mapfile -t routes < <(hr_routes)
if [ "${#routes[@]}" -ge 20 ]; then ok "cgi/dispatch.c: ${#routes[@]} routes for hr or admin only"
else nok "cgi/dispatch.c: at least 20 routes for hr or admin only" "found: ${routes[*]}"; fi

# 1. from outside, every one of them: nginx's 403 page saying why, before
# any worker (a worker would send an unsigned-in visitor to /login)
bad=()
for r in "${routes[@]}"; do
	read -r m p <<<"$r"
	st=$(code "$m" "$p" "${OUT[@]}")
	if [ "$st" != 403 ] || ! grep -qF "$WHY" "$TMP/body"; then bad+=("$m $p: $st"); fi
done
eq "from 127.0.0.2 every hr/admin route is refused with the Japanese network page" "${bad[*]}" ""
st=$(code GET /admin/accounts "${OUT[@]}")
eq "from 127.0.0.2: /admin/accounts 403" "$st" 403
contains "... the page says why (接続元のネットワーク)" "$(cat "$TMP/body")" "接続元のネットワークが許可されていません"
contains "... in Japanese, as a page" "$(cat "$TMP/body")" '<html lang="ja">'
st=$(code GET "/admin%2Faccounts" "${OUT[@]}")
eq "from 127.0.0.2: /admin%2Faccounts (an encoded slash) refused too" "$st" 403
st=$(code GET "/static/../admin/accounts" "${OUT[@]}" --path-as-is)
eq "from 127.0.0.2: /static/../admin/accounts refused too" "$st" 403

# 2. from outside, the staff side: sign-in, home, health, static files
eq "from 127.0.0.2: /login 200" "$(code GET /login "${OUT[@]}")" 200
eq "from 127.0.0.2: /healthz 200" "$(code GET /healthz "${OUT[@]}")" 200
eq "from 127.0.0.2: / sends to sign-in (303), no 403" "$(code GET / "${OUT[@]}")" 303
eq "from 127.0.0.2: /static/app.css 200" "$(code GET /static/app.css "${OUT[@]}")" 200

# 3. from inside, the same routes reach the workers (not signed in: 303)
eq "from 127.0.0.1: /admin/accounts reaches a worker (303 to sign-in)" "$(code GET /admin/accounts "${IN[@]}")" 303
eq "from 127.0.0.1: /staff/new reaches a worker (303)" "$(code GET /staff/new "${IN[@]}")" 303
eq "from 127.0.0.1: /wishes/summary reaches a worker (303)" "$(code GET /wishes/summary "${IN[@]}")" 303

# 4. hr signed in inside: the screen opens inside, and the same session
# is refused outside
C0=("${C[@]}")
C=("${C0[@]}" "${IN[@]}")
read -r hl hp <<<"$(account hr)"
eq "hr signs in from 127.0.0.1" "$(login "$TMP/hr" "$hl" "$hp")" 303
eq "hr from 127.0.0.1: /admin/masters 200" "$(code GET /admin/masters -b "$TMP/hr" "${IN[@]}")" 200
st=$(code GET /admin/masters -b "$TMP/hr" "${OUT[@]}")
eq "hr's session from 127.0.0.2: /admin/masters 403" "$st" 403
contains "... with the network page" "$(cat "$TMP/body")" "$WHY"
eq "hr's session from 127.0.0.2: the home page still 200" "$(code GET / -b "$TMP/hr" "${OUT[@]}")" 200

# 5. a general account signs in and works from outside
C=("${C0[@]}" "${OUT[@]}")
read -r sl sp <<<"$(account general)"
eq "staff signs in from 127.0.0.2" "$(login "$TMP/staff" "$sl" "$sp")" 303
eq "staff from 127.0.0.2: home 200" "$(code GET / -b "$TMP/staff" "${OUT[@]}")" 200
eq "staff from 127.0.0.2: the staff directory 200" "$(code GET "/staff?q=" -b "$TMP/staff" "${OUT[@]}")" 200
C=("${C0[@]}")
finish
