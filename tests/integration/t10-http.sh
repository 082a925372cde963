#!/bin/bash
# t10-http.sh: HTTP behaviour: redirects, security headers, error pages,
# body limits, invalid input, static files, healthz, TLS profile.
. "$(dirname "$0")/lib.sh"

eq "http:// redirects to https://" \
	"$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$TMS_HTTP_URL/x?y=1")" \
	"301 https://localhost:${TMS_URL##*:}/x?y=1"
eq "the redirect names the configured server, not the client's Host header" \
	"$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: evil.example' "$TMS_HTTP_URL/x?y=1")" \
	"301 https://localhost:${TMS_URL##*:}/x?y=1"

h=$("${C[@]}" -D - -o /dev/null "$TMS_URL/")
contains "no session: / redirects to the login page" "$h" "location: /login?next=/"
contains "CSP without inline script" "$h" "content-security-policy: default-src 'self'; script-src 'self';"
contains "CSP frame-ancestors 'none'" "$h" "frame-ancestors 'none'"
contains "X-Content-Type-Options" "$h" "x-content-type-options: nosniff"
contains "Referrer-Policy" "$h" "referrer-policy: same-origin"
contains "Cache-Control: no-store" "$h" "cache-control: no-store"
contains "HSTS from nginx" "$h" "strict-transport-security: max-age=31536000"

h=$("${C[@]}" -D - -o "$TMP/login.html" "$TMS_URL/login")
contains "login page sets a __Host- pre-session cookie, Secure, HttpOnly, SameSite=Lax" "$h" \
	"set-cookie: __Host-tms_pre="
contains "cookie attributes" "$h" "; Path=/; Secure; HttpOnly; SameSite=Lax"
contains "login page is Japanese" "$(cat "$TMP/login.html")" '<html lang="ja">'

eq "unknown page is 404" "$(code GET /no/such/page)" 404
contains "404 page in the layout, Japanese" "$(cat "$TMP/body")" "ページが見つかりません"
eq "wrong method is 405" "$(code PUT /login)" 405
eq "invalid UTF-8 in the query is 400" "$(code GET '/login?q=%ff%fe')" 400
contains "400 page says why" "$(cat "$TMP/body")" "UTF-8"
eq "bad percent escape is 400" "$(code GET '/login?q=%zz')" 400

# Cookies of other intranet applications on the same host: malformed pairs
# and more than 64 of them are skipped, never a 400; ours are still found.
eq "a cookie without = does not break the sign-in page" "$(code GET /login -H 'Cookie: novalue')" 200
contains "the sign-in form is shown" "$(cat "$TMP/body")" 'name="password"'
junk="novalue; a b=1; c=d e; =x; f=\"g\\\""
many=$(for i in $(seq 1 100); do printf 'app%d=v%d; ' "$i" "$i"; done)
J=$TMP/junk.jar
"${C[@]}" -c "$J" -o "$TMP/login.html" -H "Cookie: $junk; $many" "$TMS_URL/login"
csrf=$(csrf_from "$TMP/login.html")
pre=$(awk '$6 == "__Host-tms_pre" { print $7 }' "$J")
read -r glogin gpw < <(account general)
eq "sign-in works with malformed and 100 other cookies around ours" \
	"$("${C[@]}" -c "$J" -o /dev/null -w '%{http_code}' -H "Cookie: $junk; $many; __Host-tms_pre=$pre" \
	  --data-urlencode "login=$glogin" --data-urlencode "password=$gpw" \
	  --data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$TMS_URL/login")" 303
sid=$(awk '$6 == "__Host-tms_sid" { print $7 }' "$J")
eq "our session cookie after 100 others and malformed ones is found" \
	"$(code GET /staff -H "Cookie: $many; $junk; __Host-tms_sid=$sid")" 200
contains "the page is the signed-in directory" "$(cat "$TMP/body")" "職員名簿"

# Long query strings: 414 with a Japanese page at every length, never a
# silent sign-out (curl stops sending cookies past about 8 KB of request).
q4k=$(head -c 4000 /dev/zero | tr '\0' a)
q8k=$(head -c 7950 /dev/zero | tr '\0' a)
q20k=$(head -c 20000 /dev/zero | tr '\0' a)
eq "a 4 KB query string keeps the session" "$(code GET "/staff?x=$q4k" -b "$J")" 200
contains "... and shows the directory" "$(cat "$TMP/body")" "職員名簿"
eq "a query string near 8 KB is 414 (HTTP/2, cookie jar), not a sign-in redirect" \
	"$(code GET "/staff?x=$q8k" -b "$J")" 414
contains "414 page is Japanese" "$(cat "$TMP/body")" "URLが長すぎます"
eq "the same over HTTP/1.1 with the session cookie is 414" \
	"$(code GET "/staff?x=$q8k" --http1.1 -H "Cookie: __Host-tms_sid=$sid")" 414
contains "414 page is Japanese (HTTP/1.1)" "$(cat "$TMP/body")" "URLが長すぎます"
eq "a 20 KB request line (nginx's own limit) is 414" "$(code GET "/staff?x=$q20k" --http1.1)" 414
contains "nginx's 414 gets the same Japanese page" "$(cat "$TMP/body")" "URLが長すぎます"

eq "/_noop (benchmarks only) does not exist outside a benchmark" "$(code GET /_noop)" 404

head -c 2000000 /dev/zero | tr '\0' a > "$TMP/big"
eq "body over nginx's 1 MB limit is 413" "$(code POST /login --data-binary @"$TMP/big")" 413
head -c 200000 /dev/zero | tr '\0' a > "$TMP/field"
{ printf 'csrf=x&login='; cat "$TMP/field"; } > "$TMP/form"
eq "oversize field is 413 from the worker" \
	"$(code POST /login -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$TMP/form")" 413
contains "413 page says why" "$(cat "$TMP/body")" "送信データが大きすぎます"
eq "unsupported body type is 415" "$(code POST /login -H 'Content-Type: text/plain' --data-binary 'x')" 415

h=$("${C[@]}" -D - -o "$TMP/css" "$TMS_URL/static/app.css")
contains "static files are served by nginx with cache headers" "$h" "cache-control: public"
contains "static files keep nosniff" "$h" "x-content-type-options: nosniff"

eq "/healthz is 200 with the database up" "$(code GET /healthz)" 200
eq "/healthz body" "$(cat "$TMP/body")" "ok"

# TLS profile: TLS 1.0/1.1 refused, TLS 1.2 only with ECDHE+AES-GCM, no X25519.
host=localhost:${TMS_URL##*:}
tls() { echo | timeout 10 openssl s_client -connect "$host" "$@" 2>&1; }
contains "TLS 1.1 refused" "$(tls -tls1_1)" "alert"
r=$(tls -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256)
contains "TLS 1.2 with ECDHE-ECDSA-AES128-GCM-SHA256" "$r" "Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"
r=$(tls -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305)
contains "TLS 1.2 ChaCha20 refused" "$r" "alert"
r=$(tls -tls1_2 -cipher AES128-SHA)
contains "TLS 1.2 without forward secrecy refused" "$r" "alert"
r=$(tls -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256)
contains "TLS 1.3 ChaCha20 refused" "$r" "alert"
r=$(tls -tls1_3 -groups X25519)
contains "X25519 refused" "$r" "alert"
r=$(tls -tls1_3 -groups P-256)
contains "TLS 1.3 with P-256 and AES-GCM" "$r" "TLS_AES_256_GCM_SHA384"
finish
