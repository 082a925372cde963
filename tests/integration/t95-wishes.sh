#!/bin/bash
# t95-wishes.sh: the career wishes survey (意向調査). hr opens a round for
# 市民課 (with sub-units); D0002 answers with a marker in a question the
# supervisor may read and one in the confidential question (hr only). Then:
# who sees which marker in HTML, JSON, CSV and the profile, per relation and
# role; the raw table holds no plaintext of the confidential marker; a new
# key, a reload and `tmsctl rekey` re-encrypt everything while old values
# stay readable; a sealed value moved to another answer does not open; a
# closed round or one that does not target the person refuses submissions;
# the reminder banner; reminder mail goes through a queue and a sender
# (addresses that would be options refused, timeouts); CSV export is audit-logged.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
CTL=("$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml")
sid() { "${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = '$1'"; }
S=$(sid D0002); S5=$(sid D0005)
TAG="T95-$$-$RANDOM"
SUP="SUPMARK${TAG}業務"		# duties: supervisors may read
CONF="CONFMARK${TAG}介護"		# circumstances: hr only, sealed
CONF5="CONF5MARK${TAG}通院"

# the current key (the highest id in the key file; earlier runs may have added keys)
K=$(awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { print m }' "$TMS_VAR/wishes.keys")
K2=$((K + 1))
# One account per staff member: the same logins and password as t50, so
# the tests run in either order.
pw="policy-test-password-1"
for v in sup:D0004 chief:D0007 same:D0005 col:D0006; do
	echo "$pw" | "${CTL[@]}" useradd "${v%%:*}" general "試験 ${v%%:*}" "${v##*:}" >/dev/null
done
read -r slogin spw < <(account general)
read -r hlogin hpw < <(account hr)
read -r alogin apw < <(account admin)
for j in staff:$slogin:$spw hr:$hlogin:$hpw admin:$alogin:$apw wsup:sup:$pw wchief:chief:$pw \
    wsame:same:$pw wcol:col:$pw; do
	IFS=: read -r name l p <<<"$j"
	eq "login $name" "$(login "$TMP/$name.jar" "$l" "$p")" 303
done
get() { code GET "$2" -b "$TMP/$1.jar"; }
# post JAR PATH FORMPAGE [curl args]: POST with the csrf token of FORMPAGE
post() {
	local jar=$1 path=$2 page=$3; shift 3
	get "$jar" "$page" >/dev/null
	local t; t=$(csrf_from "$TMP/body")
	code POST "$path" -b "$TMP/$jar.jar" --data-urlencode "csrf=$t" "$@"
}
has() { grep -q -- "$2" "$1"; }

# ---- hr opens a round for 市民課 (2010) and its 係
today=$(date +%F); later=$(date -d '+10 days' +%F)
eq "a round ending before it begins is refused" \
	"$(post hr /admin/wishes /admin/wishes --data-urlencode fiscal_year=2026 \
	--data-urlencode "title=$TAG" --data-urlencode "opens_on=$later" \
	--data-urlencode "closes_on=$today" --data-urlencode target=all)" 400
contains "the error names the field" "$(cat "$TMP/body")" "締切日: 受付開始日以降の日付にしてください"
eq "hr opens a round for 市民課 (和暦 date accepted)" \
	"$(post hr /admin/wishes /admin/wishes --data-urlencode fiscal_year=2026 \
	--data-urlencode "title=$TAG" --data-urlencode "opens_on=$today" \
	--data-urlencode "closes_on=$later" --data-urlencode target=unit --data-urlencode unit=2010)" 303
R=$("${PSQL[@]}" -c "SELECT id FROM wish_round WHERE title = '$TAG'")
check "the round exists" test -n "$R"
eq "general staff may not open rounds" "$(post staff /admin/wishes /wishes --data-urlencode title=x)" 403

# ---- reminder banner before answering
get staff / >/dev/null
contains "the banner reminds D0002 of the open round" "$(cat "$TMP/body")" "href=\"/wishes/$R\""
get wcol / >/dev/null
lacks "no banner for D0006 (not targeted)" "$(cat "$TMP/body")" "さん、こんにちは" "href=\"/wishes/$R\""

# ---- D0002 saves a draft, then submits
answer() { # answer JAR ACTION DUTIES CIRCUMSTANCES
	post "$1" "/wishes/$R" "/wishes/$R" --data-urlencode "action=$2" \
		--data-urlencode w_transfer_choice=units --data-urlencode w_transfer_unit1=102010 \
		--data-urlencode "w_transfer_reason1=理由${TAG}" --data-urlencode w_posting=maybe \
		--data-urlencode "w_duties=$3" --data-urlencode "w_circumstances=$4"
}
eq "submitting without the required transfer choice is refused" \
	"$(post staff "/wishes/$R" "/wishes/$R" --data-urlencode action=submit --data-urlencode w_posting=no)" 400
contains "the error names the question" "$(cat "$TMP/body")" "異動の希望: 選んでください"
eq "D0002 saves a draft" "$(answer staff draft "$SUP" "$CONF")" 303
eq "the supervisor's page answers" "$(get wsup "/wishes/$R/staff/$S")" 200
lacks "a draft is not shown to the supervisor" "$(cat "$TMP/body")" "職員番号 D0002" "$SUP"
eq "D0002 submits" "$(answer staff submit "$SUP" "$CONF")" 303
eq "status is submitted" "$("${PSQL[@]}" -c "SELECT status FROM wish_answer WHERE round_id = $R AND staff_id = $S")" submitted
get staff / >/dev/null
lacks "no banner once submitted" "$(cat "$TMP/body")" "さん、こんにちは" "href=\"/wishes/$R\""
eq "D0005 submits too" "$(answer wsame submit "other" "$CONF5")" 303

# ---- at rest: no plaintext of the confidential answer anywhere in the table
eq "no confidential marker in any plain value" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM wish_value WHERE value LIKE '%CONFMARK%' OR value LIKE '%CONF5MARK%'")" 0
hexmark=$(printf '%s' "$CONF" | od -An -tx1 | tr -d ' \n')
dump=$("${PSQL[@]}" -c "COPY (SELECT v.* FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R) TO STDOUT")
lacks "the raw rows hold no plaintext (text or hex) of the marker" "$dump" "$SUP" CONFMARK "$hexmark"
eq "the confidential answer is sealed with the current key $K, AES-GCM overhead 28 bytes" \
	"$("${PSQL[@]}" -c "SELECT key_id, length(sealed) - octet_length('$CONF') FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R AND a.staff_id = $S AND question = 'circumstances'")" "$K|28"
contains "the supervisor-visible answer is plain (searchable)" "$dump" "$SUP"

# ---- visibility per relation and role: HTML, JSON, profile, CSV
sees() { # sees WHO WHERE FILE: SUP yes/no, CONF yes/no
	local s=no c=no
	has "$3" "$SUP" && s=yes
	has "$3" "$CONF" && c=yes
	echo "$s/$c"
}
for row in "staff:yes/yes" "hr:yes/yes" "wsup:yes/no" "wchief:yes/no" "wsame:no/no" "wcol:no/no" "admin:no/no"; do
	who=${row%%:*} want=${row##*:}
	eq "$who: profile HTML answers, shows supervisor/confidential = $want" "$(get "$who" "/staff/$S") $(sees "$who" html "$TMP/body")" "200 $want"
	eq "$who: profile JSON answers, shows = $want" "$(get "$who" "/api/staff/$S") $(sees "$who" json "$TMP/body")" "200 $want"
done
for row in "hr:200:yes/yes" "wsup:200:yes/no" "wchief:200:yes/no" "wsame:403:no/no" "wcol:403:no/no" "admin:403:no/no"; do
	IFS=: read -r who st want <<<"$row"
	eq "$who: answer page status" "$(get "$who" "/wishes/$R/staff/$S")" "$st"
	eq "$who: answer page shows = $want" "$(sees "$who" page "$TMP/body")" "$want"
done
get staff "/wishes/$R" >/dev/null
eq "D0002 reads their own answer, confidential included" "$(sees staff own "$TMP/body")" yes/yes
get wsup "/api/staff/$S" >/dev/null
lacks "supervisor JSON does not even name the confidential question" "$(cat "$TMP/body")" "$SUP" "circumstances" "家庭・健康上の事情"
get wsame "/api/staff/$S" >/dev/null
lacks "same-unit JSON has no wishes key" "$(cat "$TMP/body")" '"no":"D0002"' '"wishes"'

n0=$("${PSQL[@]}" -c "SELECT count(*) FROM audit_log WHERE action = 'export' AND target = 'wishes'")
for row in "hr:yes/yes" "wsup:yes/no" "wsame:no/no"; do
	who=${row%%:*} want=${row##*:}
	eq "$who: CSV export answers" "$(get "$who" "/wishes/$R/export")" 200
	cp "$TMP/body" "$TMP/$who.csv"
	eq "$who: CSV shows = $want" "$(sees "$who" csv "$TMP/$who.csv")" "$want"
done
eq "the CSV starts with a UTF-8 BOM" "$(head -c 3 "$TMP/hr.csv" | od -An -tx1 | tr -d ' ')" efbbbf
lacks "supervisor CSV has no confidential column" "$(cat "$TMP/wsup.csv")" "$SUP" "家庭・健康上の事情"
contains "hr CSV has the confidential column" "$(cat "$TMP/hr.csv")" "家庭・健康上の事情"
contains "hr CSV names the wished unit" "$(cat "$TMP/hr.csv")" "人事係"
eq "CSV exports are audit-logged" "$("${PSQL[@]}" -c "SELECT count(*) - $n0 FROM audit_log WHERE action = 'export' AND target = 'wishes'")" 3
eq "admin (D0003, heads no unit): export answers" "$(get admin "/wishes/$R/export")" 200
lacks "admin's CSV has no row of D0002" "$(cat "$TMP/body")" "職員番号" "$SUP"

# ---- hr search and completion
get hr "/admin/wishes/$R?q=$TAG" >/dev/null
contains "hr finds D0002 by a word of the answer" "$(cat "$TMP/body")" "/wishes/$R/staff/$S\""
get hr "/admin/wishes/$R?q=CONFMARK$TAG" >/dev/null
lacks "searching cannot match sealed answers" "$(cat "$TMP/body")" "value=\"CONFMARK$TAG\"" "/wishes/$R/staff/$S\""
get hr "/admin/wishes/$R?status=missing" >/dev/null
lacks "D0002 is not among non-respondents" "$(cat "$TMP/body")" ">D0007<" ">D0002<"
contains "D0007 (not answered) is among non-respondents" "$(cat "$TMP/body")" ">D0007<"
targets=$("${PSQL[@]}" -c "SELECT count(*) FROM wish_targets($R)")
contains "completion counts the targets of 市民課" "$(get hr "/admin/wishes/$R" >/dev/null; cat "$TMP/body")" "2 / $targets人"

# ---- supervisor comment
eq "the supervisor comments" "$(post wsup "/wishes/$R/staff/$S/comment" "/wishes/$R/staff/$S" --data-urlencode "comment=COMMENT$TAG")" 303
get hr "/wishes/$R/staff/$S" >/dev/null
contains "hr reads the comment" "$(cat "$TMP/body")" "COMMENT$TAG"
get staff "/wishes/$R" >/dev/null
lacks "the person does not see the comment" "$(cat "$TMP/body")" "$SUP" "COMMENT$TAG"
eq "a same-unit colleague may not comment" "$(post wsame "/wishes/$R/staff/$S/comment" "/wishes/$R" --data-urlencode comment=x)" 403

# ---- key rotation: new key, reload, new values on it, rekey, old still readable
eq "tmsctl keygen adds key $K2" "$("${CTL[@]}" keygen)" "key $K2 added to $TMS_VAR/wishes.keys"
eq "the key file stays 0600, owned by the worker user" "$(stat -c '%a %U' "$TMS_VAR/wishes.keys")" "600 tms"
check "both pools reload (new workers read the key file)" reload_all
get hr "/wishes/$R/staff/$S5" >/dev/null
contains "a value under the old key stays readable after the reload" "$(cat "$TMP/body")" "$CONF5"
eq "D0002 revises (after the reload)" "$(answer staff submit "$SUP" "$CONF")" 303
eq "the revision is sealed with key $K2; D0005's value is still on key $K" \
	"$("${PSQL[@]}" -c "SELECT string_agg(a.staff_id::text || ':' || v.key_id, ',' ORDER BY a.staff_id = $S5) FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R AND v.question = 'circumstances'")" "$S:$K2,$S5:$K"
old=$("${PSQL[@]}" -c "SELECT count(*) FROM wish_value WHERE key_id <> $K2")
out=$("${CTL[@]}" rekey)
eq "tmsctl rekey re-encrypts every old value" "$(head -1 <<<"$out")" "rekey: $old values re-encrypted to key $K2"
eq "nothing is left on an old key" "$("${PSQL[@]}" -c "SELECT count(*) FROM wish_value WHERE key_id <> $K2")" 0
eq "the old key stays in the file" "$(awk -v k="$K" '$1 == k' "$TMS_VAR/wishes.keys" | wc -l)" 1
get hr "/wishes/$R/staff/$S5" >/dev/null
contains "the rekeyed value reads back" "$(cat "$TMP/body")" "$CONF5"
get hr "/wishes/$R/staff/$S" >/dev/null
contains "D0002's confidential answer reads back" "$(cat "$TMP/body")" "$CONF"
eq "rekey again has nothing to do" "$("${CTL[@]}" rekey | head -1)" "rekey: 0 values re-encrypted to key $K2"

# ---- a sealed value copied into another answer does not open (AAD)
"${PSQL[@]}" -c "UPDATE wish_value t SET sealed = s.sealed FROM wish_value s
  WHERE s.answer_id = (SELECT id FROM wish_answer WHERE round_id = $R AND staff_id = $S) AND s.question = 'circumstances'
  AND t.answer_id = (SELECT id FROM wish_answer WHERE round_id = $R AND staff_id = $S5) AND t.question = 'circumstances'"
eq "the page still answers" "$(get hr "/wishes/$R/staff/$S5")" 200
lacks "D0002's sealed answer does not open as D0005's" "$(cat "$TMP/body")" "職員番号 D0005" "$CONF"
"${PSQL[@]}" -c "DELETE FROM wish_answer WHERE round_id = $R AND staff_id = $S5"	# the damaged value

# ---- dates: not targeted, closed, past
eq "D0006 (not targeted) cannot submit" "$(answer wcol submit x y)" 409
contains "and is told why" "$(cat "$TMP/body")" "この調査の対象ではありません"
# ---- reminder mail (issue 16.6). An address starting with "-" would become
# an option of the mail command: it is refused when saved and, put into the
# database directly, never handed to the command. The request only queues
# (mail_queue: one row per non-respondent, at once); the sender beside the
# pools (`tmsctl mail-send --loop`) runs `COMMAND -- ADDRESS` for each; a
# mail command that hangs is killed after the timeout and its row fails.
DASH="-X${TAG}@example.jp"
get staff "/staff/$S/edit" >/dev/null
ver=$(sed -n 's/.*name="version" value="\([^"]*\)".*/\1/p' "$TMP/body" | head -1)
mail0=$("${PSQL[@]}" -c "SELECT coalesce(email, '') FROM staff WHERE id = $S")
eq "D0002 cannot save an address starting with '-'" \
	"$(post staff "/staff/$S/edit" "/staff/$S/edit" --data-urlencode "email=$DASH" --data-urlencode "version=$ver")" 400
contains "and is told why" "$(cat "$TMP/body")" "メールアドレス: 「-」で始まるアドレスは使えません"
eq "hr cannot save one either (leading blanks do not hide it)" \
	"$(post hr "/staff/$S/edit" "/staff/$S/edit" --data-urlencode "email=  $DASH" --data-urlencode "version=$ver")" 400
contains "with the same reason" "$(cat "$TMP/body")" "「-」で始まるアドレスは使えません"
eq "the stored address is unchanged" "$("${PSQL[@]}" -c "SELECT coalesce(email, '') FROM staff WHERE id = $S")" "$mail0"

# non-respondents with an address; one of them gets a "-" address behind the application's back
NR="FROM wish_targets($R) w JOIN staff s ON s.id = w.staff_id WHERE s.email IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM wish_answer a WHERE a.round_id = $R AND a.staff_id = s.id AND a.status = 'submitted')"
V=$("${PSQL[@]}" -c "SELECT s.id $NR ORDER BY s.id DESC LIMIT 1")
vmail=$("${PSQL[@]}" -c "SELECT email FROM staff WHERE id = $V")
"${PSQL[@]}" -c "UPDATE staff SET email = '$DASH' WHERE id = $V"
want=$("${PSQL[@]}" -c "SELECT string_agg(s.id::text, ' ' ORDER BY s.id) $NR")
nwant=$(wc -w <<<"$want")
check "there are several non-respondents to remind ($nwant)" test "$nwant" -gt 5

# While the request runs, each mail takes a second: it must not wait for them.
D=$TMS_VAR/bin/tms-mail-demo
cp -p "$D" "$D.orig"
printf '#!/bin/sh\nsleep 1\nexec %s "$@"\n' "$D.orig" > "$D.slow"; chmod 755 "$D.slow"; mv "$D.slow" "$D"
get hr "/admin/wishes/$R" >/dev/null
t=$(csrf_from "$TMP/body")
q0=$("${PSQL[@]}" -c "SELECT coalesce(max(id), 0) FROM mail_queue")
lines0=$(wc -l < "$TMS_VAR/log/mail-demo.log")
read -r st secs loc < <("${C[@]}" -o "$TMP/body" -w '%{http_code} %{time_total} %{redirect_url}\n' \
	-b "$TMP/hr.jar" --data-urlencode "csrf=$t" "$TMS_URL/admin/wishes/$R/remind")
cp -p "$D.orig" "$D.new"; mv "$D.new" "$D"	# fast again (a slow one in flight still finds .orig)
eq "hr's reminder is accepted" "$st" 303
check "and answered at once, not after one slow mail per person (${secs} s)" awk -v s="$secs" 'BEGIN { exit !(s < 3) }'
contains "the answer reports the count queued" "$loc" "saved=queued&n=$nwant&"
eq "one row queued per non-respondent with an address" \
	"$("${PSQL[@]}" -c "SELECT string_agg(staff_id::text, ' ' ORDER BY staff_id) FROM mail_queue WHERE id > $q0")" "$want"
eq "queued by hr as reminders of this round" "$("${PSQL[@]}" -c "SELECT count(*) FROM mail_queue q JOIN account a
  ON a.id = q.queued_by WHERE q.id > $q0 AND a.login = '$hlogin' AND q.round_id = $R AND q.template = 'wish_reminder'")" "$nwant"
eq "the queuing is audited with its count" "$("${PSQL[@]}" -c "SELECT detail->>'remind_queued' FROM audit_log
  WHERE target = 'wishes' AND detail ? 'remind_queued' ORDER BY id DESC LIMIT 1")" "$nwant"

# the sender delivers them: wait for the queue to drain (deadline 60 s)
drained=0
for i in $(seq 1 600); do
	[ "$("${PSQL[@]}" -c "SELECT count(*) FROM mail_queue WHERE id > $q0 AND status = 'queued'")" = 0 ] && { drained=1; break; }
	sleep 0.1
done
check "the sender drains the queue" test "$drained" = 1
rm -f "$D.orig"
eq "every valid address is sent" "$("${PSQL[@]}" -c "SELECT count(*) FROM mail_queue WHERE id > $q0 AND status = 'sent'")" "$((nwant - 1))"
"${PSQL[@]}" -c "SELECT address FROM mail_queue WHERE id > $q0 AND status = 'sent' ORDER BY address COLLATE \"C\"" > "$TMP/sent.txt"
tail -n +"$((lines0 + 1))" "$TMS_VAR/log/mail-demo.log" | awk '{ print $2 }' | LC_ALL=C sort > "$TMP/logged.txt"
eq "the mail log shows each address exactly once, and nothing else" "$(cat "$TMP/logged.txt")" "$(cat "$TMP/sent.txt")"
eq "the '-' address failed with the reason, not to be retried" "$("${PSQL[@]}" -c "SELECT status, attempts, next_at IS NULL,
  last_error FROM mail_queue WHERE id > $q0 AND staff_id = $V")" "failed|1|t|宛先アドレスが不正なため送信しません（「-」で始まるアドレスは使えません）"
eq "it never reached the mail command" "$(grep -cF -- "$DASH" "$TMS_VAR/log/mail-demo.log")" 0
case " $want " in *" $S "*) nok "no mail to D0002 (submitted)" ;; *) ok "no mail to D0002 (submitted)" ;; esac
eq "hr's reminder screen answers" "$(get hr "/admin/wishes/$R")" 200
contains "it shows the count sent" "$(cat "$TMP/body")" "送信済み: <strong>$((nwant - 1))件</strong>"
contains "and the failure with its reason" "$(cat "$TMP/body")" "<td>$DASH</td><td>1</td><td>宛先アドレスが不正なため送信しません（「-」で始まるアドレスは使えません）</td><td>送信を中止しました</td>"
"${PSQL[@]}" -c "UPDATE staff SET email = '$vmail' WHERE id = $V"

# A hanging mail command (a test script, run through mail-send --once with
# --command and a 2 s timeout while the stack's sender is paused).
HANG=$TMS_VAR/bin/t95-mail-hang HLOG=$TMS_VAR/log/t95-mail-hang.log
: > "$HLOG"; chown tms "$HLOG"
printf '#!/bin/sh\necho "$$ $(id -un) $*" >> %s\nexec sleep 300\n' "$HLOG" > "$HANG"; chmod 755 "$HANG"
SPID=$(cat "$TMS_VAR/run/tms/mail-send.pid")
check "the stack's sender runs (pid file in run/tms)" kill -0 "$SPID"
kill -STOP "$SPID"
trap 'kill -CONT "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
read -r H DR < <("${PSQL[@]}" -c "INSERT INTO mail_queue (address, template, subject, body)
  VALUES ('hang-$TAG@example.jp', 'test', '件名', '本文'), ('$DASH', 'test', '件名', '本文') RETURNING id" | tr '\n' ' ')
t0=$(date +%s%N)
"${CTL[@]}" mail-send --once --command "$HANG" --timeout 2 --attempts 2 > "$TMP/once.out" 2>&1
el=$((($(date +%s%N) - t0) / 1000000))
check "mail-send --once returns soon after the 2 s timeout (${el} ms)" test "$el" -ge 2000 -a "$el" -lt 8000
eq "the command ran once, as the worker user, with -- before the address" "$(cut -d' ' -f2- "$HLOG")" "tms -- hang-$TAG@example.jp"
hp=$(cut -d' ' -f1 "$HLOG")
gone() { ! kill -0 "$1" 2>/dev/null; }
check "the hanging command was killed" gone "$hp"
eq "its row failed with the reason, to be retried in a minute" "$("${PSQL[@]}" -c "SELECT status, attempts,
  next_at - now() BETWEEN interval '50 s' AND interval '61 s', last_error FROM mail_queue WHERE id = $H")" \
	"failed|1|t|送信コマンドが2秒以内に終わらなかったため強制終了しました"
eq "a '-' address put into the queue directly fails without running the command" \
	"$("${PSQL[@]}" -c "SELECT status, next_at IS NULL FROM mail_queue WHERE id = $DR"):$(grep -cF -- "$DASH" "$HLOG")" "failed|t:0"
"${PSQL[@]}" -c "UPDATE mail_queue SET next_at = now() WHERE id = $H"	# the back-off has passed
"${CTL[@]}" mail-send --once --command "$HANG" --timeout 1 --attempts 2 > "$TMP/once.out" 2>&1
eq "the retry fails too and, its 2 attempts used, it is given up" \
	"$("${PSQL[@]}" -c "SELECT status, attempts, next_at IS NULL FROM mail_queue WHERE id = $H")" "failed|2|t"
eq "the command ran once per attempt" "$(wc -l < "$HLOG")" 2
eq "a given-up message is not tried again" "$("${CTL[@]}" mail-send --once --command "$HANG" --timeout 1 2>&1)" "mail-send: 0 sent, 0 failed"
kill -CONT "$SPID"
# the running sender is woken by the insert's NOTIFY (its poll interval is 60 s)
N1=$("${PSQL[@]}" -c "INSERT INTO mail_queue (address, template, subject, body) VALUES ('notify-$TAG@example.jp', 'test', '件名', '本文') RETURNING id")
sent=0
for i in $(seq 1 150); do
	[ "$("${PSQL[@]}" -c "SELECT status FROM mail_queue WHERE id = $N1")" = sent ] && { sent=1; break; }
	sleep 0.1
done
check "the stack's sender sends a newly queued message within 15 s" test "$sent" = 1
eq "and the mail log shows it once" "$(grep -c " notify-$TAG@example.jp\$" "$TMS_VAR/log/mail-demo.log")" 1
eq "hr closes the round" "$(post hr "/admin/wishes/$R/close" "/admin/wishes/$R")" 303
eq "submitting after the close is refused" "$(answer staff submit "LATE$TAG" "$CONF")" 409
contains "with the reason" "$(cat "$TMP/body")" "この調査の受付は終了しています"
eq "the stored answer is unchanged" "$("${PSQL[@]}" -c "SELECT value FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R AND a.staff_id = $S AND question = 'duties'")" "$SUP"
get staff "/wishes/$R" >/dev/null
lacks "a closed round shows no form" "$(cat "$TMP/body")" "この調査は締め切られました。" 'name="action"'
"${PSQL[@]}" -c "UPDATE wish_round SET closed_at = NULL, opens_on = current_date - 20, closes_on = current_date - 1 WHERE id = $R"
eq "past the closing date (not closed by hand) is refused too" "$(answer staff submit "LATE$TAG" "$CONF")" 409
"${PSQL[@]}" -c "UPDATE wish_round SET closes_on = current_date WHERE id = $R"
eq "on the closing day itself a revision is accepted" "$(answer staff submit "$SUP" "$CONF")" 303

# ---- analytics page (hr only)
eq "hr: summary" "$(get hr "/wishes/summary?round=$R&depth=1")" 200
contains "the summary lists 市民課" "$(cat "$TMP/body")" "市民課"
eq "general staff: summary refused" "$(get staff /wishes/summary)" 403

# ---- a bad survey file is refused on reload with file and line
cp "$TMS_VAR/etc/survey.yaml" "$TMP/survey.yaml"
printf 'questions:\n  bad:\n    label: x\n    visibility: everyone\n' > "$TMS_VAR/etc/survey.yaml"
kill -HUP "$(cat "$TMS_VAR/run/tms/pool-a.pid")"
refused=0
for i in $(seq 1 50); do
	grep -q "reload refused, keeping the running survey: $TMS_VAR/etc/survey.yaml:4: visibility must be supervisor or hr" "$TMS_VAR/log/tms-a.log" && { refused=1; break; }
	sleep 0.1
done
cp "$TMP/survey.yaml" "$TMS_VAR/etc/survey.yaml"
check "a bad survey.yaml is refused on SIGHUP, naming file and line" test "$refused" = 1
eq "the running survey still serves" "$(get staff /wishes)" 200
finish
