#!/bin/bash
# t32-seccomp.sh: workers run confined by their seccomp filter (cgi/sandbox.c).
# GET /_test/forbidden (a test-hook route of the suite's build) makes a call
# the filter refuses: the worker dies of SIGSYS, the master logs it with the
# request and replaces it, and the pool serves on. Reading a file fails with
# EACCES instead. With security.seccomp: false the same calls do not kill.
. "$(dirname "$0")/lib.sh"

master() { cat "$TMS_VAR/run/tms/pool-$1.pid"; }
workers() { pgrep -P "$(master "$1")" | sort | tr '\n' ' '; }
nworkers() { pgrep -P "$(master "$1")" | wc -l; }
wait_until() { local i; for i in $(seq 1 300); do "$@" && return 0; sleep 0.1; done; return 1; }
full() { [ "$(nworkers "$1")" -ge "$2" ]; }
sock() { echo "$TMS_VAR/run/tms/pool-$1.sock"; }
# fcgi SOCKET PATH [QUERY]: one FastCGI request straight to a pool, no nginx
fcgi() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI="$2" QUERY_STRING="${3:-}" REMOTE_ADDR=127.0.0.1 \
		cgi-fcgi -bind -connect "$1" 2>&1
}
sigsys_lines() { grep -c "killed by signal 31 (Bad system call) while serving GET /_test/forbidden" "$1"; }
loga=$TMS_VAR/log/tms-a.log
full=$(sed -n "s/^workers: *//p" "$TMS_VAR/etc/tms-a.yaml")

# --- the masters say the workers are confined
check "pool a: the master logs that workers are confined" grep -q "workers confined: seccomp filter" "$loga"
check "pool b: the master logs that workers are confined" \
	grep -q "workers confined: seccomp filter" "$TMS_VAR/log/tms-b.log"

# --- pages work under the filter (the whole suite relies on it)
eq "the login page is served by confined workers" "$(code GET /login)" 200
jar=$TMP/jar
read -r l p <<<"$(account general)"
eq "a sign-in works under the filter" "$(login "$jar" "$l" "$p")" 303

# --- reading a file: refused with EACCES, the worker lives
n0=$(grep -c "killed by signal" "$loga")
r=$(fcgi "$(sock a)" /_test/forbidden call=open)
contains "open(/etc/passwd) for reading fails with EACCES, and the worker answers" "$r" "open: Permission denied"
eq "reading did not cost a worker" "$(grep -c "killed by signal" "$loga")" "$n0"

# --- execve: the worker is killed, logged and replaced
n0=$(sigsys_lines "$loga")
r=$(fcgi "$(sock a)" /_test/forbidden call=exec)
case $r in *"exec:"*) nok "execve: no answer from the killed worker" "$r" ;;
	*) ok "execve: no answer from the killed worker" ;; esac
check "execve: the master logs the SIGSYS death with the request" \
	wait_until eval '[ "$(sigsys_lines "$loga")" -gt '"$n0"' ]'
line=$(grep "killed by signal 31" "$loga" | tail -1)
dead=$(sed -n 's/.*worker \([0-9]*\) killed by signal 31.*/\1/p' <<<"$line")
check "pool a's master names the dead worker ($dead)" eval '[ -n "$dead" ]'
check "the dead worker is gone" wait_until eval '! kill -0 '"${dead:-1}"' 2>/dev/null'
check "pool a is back to $full workers" wait_until full a "$full"
check "the replacement is logged" wait_until grep -q "started, replacing $dead\$" "$loga"
after=$(workers a)
case " $after " in *" $dead "*) nok "the dead pid is no longer listed" "$after" ;;
	*) ok "the dead pid is no longer listed ($after)" ;; esac

# --- creating a file: killed too
n0=$(sigsys_lines "$loga")
r=$(fcgi "$(sock a)" /_test/forbidden call=create)
check "creating a file in /tmp kills the worker" wait_until eval '[ "$(sigsys_lines "$loga")" -gt '"$n0"' ]'
check "no file was created" eval '! ls /tmp/tms-forbidden.* >/dev/null 2>&1'
check "pool a is back to $full workers again" wait_until full a "$full"

# --- through nginx: the user gets an error page, not a hang; pages still work
n0=$(( $(sigsys_lines "$loga") + $(sigsys_lines "$TMS_VAR/log/tms-b.log") ))
st=$(code GET /_test/forbidden)
eq "through nginx the forbidden call ends in 502" "$st" 502
check "every attempt nginx made was logged as a SIGSYS death" wait_until eval \
	'[ $(( $(sigsys_lines "$loga") + $(sigsys_lines "$TMS_VAR/log/tms-b.log") )) -gt '"$n0"' ]'
check "pool a full after the nginx request" wait_until full a "$full"
check "pool b full after the nginx request" wait_until full b "$full"
eq "ordinary pages still work afterwards" "$(code GET / -b "$jar")" 200
r=$(fcgi "$(sock a)" /healthz)
contains "a replacement worker answers directly" "$r" "Status: 200 OK"

# --- a photo upload: the one file a confined worker writes (new file in the
# photo directory opened at start, linked to its name, never replacing one)
S=$("${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = 'D0002'")
python3 - "$TMP/face.png" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + b"".join(bytes((x * 2, y * 2, 128)) for x in range(96)) for y in range(96))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 96, 96, 8, 2, 0, 0, 0)) \
	+ chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
photo_up() {
	"${C[@]}" -b "$jar" -o "$TMP/edit.html" "$TMS_URL/staff/$S/edit"
	code POST "/staff/$S/photo" -b "$jar" -F "csrf=$(csrf_from "$TMP/edit.html")" \
		-F "photo=@$TMP/face.png;type=image/png"
}
n0=$(grep -c "killed by signal" "$loga" "$TMS_VAR/log/tms-b.log" | awk -F: '{s += $2} END {print s}')
eq "a photo upload under the filter (303)" "$(photo_up)" 303
sha=$("${PSQL[@]}" -c "SELECT photo_sha256 FROM staff WHERE id = $S")
check "the photo file is stored under its hash" test -s "$TMS_VAR/photos/$sha.jpg"
eq "the same photo again: already there, still 303" "$(photo_up)" 303
eq "no temporary file is left" "$(find "$TMS_VAR/photos" -name '.*.tmp' | wc -l)" 0
eq "the photo is served (X-Accel-Redirect)" "$(code GET "/photos/$S" -b "$jar")" 200
eq "no worker died for the uploads" \
	"$(grep -c "killed by signal" "$loga" "$TMS_VAR/log/tms-b.log" | awk -F: '{s += $2} END {print s}')" "$n0"
"${PSQL[@]}" -c "UPDATE staff SET photo_sha256 = NULL WHERE id = $S" >/dev/null
rm -f "$TMS_VAR/photos/$sha.jpg"

# --- nothing else killed a worker since the stack started (the suite's
# earlier scripts ran on confined workers too)
eq "no SIGSYS death except the forbidden calls" \
	"$(cat "$loga" "$TMS_VAR/log/tms-b.log" | grep "killed by signal 31" | grep -vc "GET /_test/forbidden")" 0

# --- security.seccomp: false: a pool on TCP whose workers are not confined
port=$((20000 + RANDOM % 40000))
sed -e "s|^listen: .*|listen: tcp:127.0.0.1:$port|" -e "s|^workers: .*|workers: 1|" \
	"$TMS_VAR/etc/tms-b.yaml" > "$TMP/off.yaml"
printf 'security:\n  seccomp: false\n' >> "$TMP/off.yaml"
setsid "$TMS_BIN/cgi/tms-worker" -c "$TMP/off.yaml" -l "$TMS_VAR/log/tms-off.log" -p "$TMP/off.pid" \
	</dev/null >/dev/null 2>&1 &
check "unconfined pool starts" wait_until eval "(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null"
check "its master logs that workers are NOT confined" \
	grep -q "workers NOT confined: security.seccomp is false" "$TMS_VAR/log/tms-off.log"
r=$(fcgi "127.0.0.1:$port" /_test/forbidden call=exec)
contains "unconfined: execve runs (and fails on the missing program)" "$r" "exec: No such file or directory"
r=$(fcgi "127.0.0.1:$port" /_test/forbidden call=open)
contains "unconfined: /etc/passwd can be opened" "$r" "open: ok"
check "unconfined: no worker died" eval '! grep -q "killed by signal" "$TMS_VAR/log/tms-off.log"'
kill -TERM "$(cat "$TMP/off.pid")"
check "unconfined pool stops" wait_until eval '! kill -0 '"$(cat "$TMP/off.pid")"' 2>/dev/null'

# --- the installed build has no such route
inst=$TMS_ROOT/build${TMS_BUILD_SUFFIX:-}/cgi/tms-worker
check "the forbidden call is only compiled into the test build" \
	eval '[ -x "$inst" ] && grep -q "/nonexistent/tms-forbidden" "$TMS_BIN/cgi/tms-worker" && ! grep -q "/nonexistent/tms-forbidden" "$inst"'
finish
