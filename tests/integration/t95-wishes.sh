#!/bin/bash
# t95-wishes.sh: the career wishes survey (意向調査). hr opens a round for
# 市民課 (with sub-units); D0002 answers with a marker in a question the
# supervisor may read and one in the confidential question (hr only). Then:
# who sees which marker in HTML, JSON, CSV and the profile, per relation and
# role; the raw table holds no plaintext of the confidential marker; a new
# key, a reload and `tmsctl rekey` re-encrypt everything while old values
# stay readable; a sealed value moved to another answer does not open; a
# closed round or one that does not target the person refuses submissions;
# the reminder banner and mail hook; CSV export is audit-logged.
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
# reload_all: SIGHUP both pools and wait until no worker of the old generation is left
reload_all() {
	local old now stale w i
	old=$(pgrep -P "$(cat "$TMS_VAR/run/tms/pool-a.pid")" | sort | tr '\n' ' ')$(pgrep -P "$(cat "$TMS_VAR/run/tms/pool-b.pid")" | sort | tr '\n' ' ')
	kill -HUP "$(cat "$TMS_VAR/run/tms/pool-a.pid")" "$(cat "$TMS_VAR/run/tms/pool-b.pid")"
	for i in $(seq 1 100); do
		now=$(pgrep -P "$(cat "$TMS_VAR/run/tms/pool-a.pid")" | sort | tr '\n' ' ')$(pgrep -P "$(cat "$TMS_VAR/run/tms/pool-b.pid")" | sort | tr '\n' ' ')
		stale=0; for w in $old; do case " $now " in *" $w "*) stale=1 ;; esac; done
		[ $stale = 0 ] && return 0; sleep 0.1
	done
	return 1
}

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
if has "$TMP/body" "href=\"/wishes/$R\""; then nok "no banner for D0006 (not targeted)"; else ok "no banner for D0006 (not targeted)"; fi

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
if has "$TMP/body" "$SUP"; then nok "a draft is not shown to the supervisor"; else ok "a draft is not shown to the supervisor"; fi
eq "D0002 submits" "$(answer staff submit "$SUP" "$CONF")" 303
eq "status is submitted" "$("${PSQL[@]}" -c "SELECT status FROM wish_answer WHERE round_id = $R AND staff_id = $S")" submitted
get staff / >/dev/null
if has "$TMP/body" "href=\"/wishes/$R\""; then nok "no banner once submitted"; else ok "no banner once submitted"; fi
eq "D0005 submits too" "$(answer wsame submit "other" "$CONF5")" 303

# ---- at rest: no plaintext of the confidential answer anywhere in the table
eq "no confidential marker in any plain value" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM wish_value WHERE value LIKE '%CONFMARK%' OR value LIKE '%CONF5MARK%'")" 0
hexmark=$(printf '%s' "$CONF" | od -An -tx1 | tr -d ' \n')
dump=$("${PSQL[@]}" -c "COPY (SELECT v.* FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R) TO STDOUT")
case $dump in *CONFMARK*|*"$hexmark"*) nok "the raw rows hold no plaintext (text or hex) of the marker" ;;
	*) ok "the raw rows hold no plaintext (text or hex) of the marker" ;; esac
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
	get "$who" "/staff/$S" >/dev/null; eq "$who: profile HTML shows supervisor/confidential = $want" "$(sees "$who" html "$TMP/body")" "$want"
	get "$who" "/api/staff/$S" >/dev/null; eq "$who: profile JSON shows = $want" "$(sees "$who" json "$TMP/body")" "$want"
done
for row in "hr:200:yes/yes" "wsup:200:yes/no" "wchief:200:yes/no" "wsame:403:no/no" "wcol:403:no/no" "admin:403:no/no"; do
	IFS=: read -r who st want <<<"$row"
	eq "$who: answer page status" "$(get "$who" "/wishes/$R/staff/$S")" "$st"
	eq "$who: answer page shows = $want" "$(sees "$who" page "$TMP/body")" "$want"
done
get staff "/wishes/$R" >/dev/null
eq "D0002 reads their own answer, confidential included" "$(sees staff own "$TMP/body")" yes/yes
get wsup "/api/staff/$S" >/dev/null
if has "$TMP/body" "circumstances\|家庭・健康上の事情"; then nok "supervisor JSON does not even name the confidential question"; else ok "supervisor JSON does not even name the confidential question"; fi
get wsame "/api/staff/$S" >/dev/null
if has "$TMP/body" '"wishes"'; then nok "same-unit JSON has no wishes key"; else ok "same-unit JSON has no wishes key"; fi

n0=$("${PSQL[@]}" -c "SELECT count(*) FROM audit_log WHERE action = 'export' AND target = 'wishes'")
for row in "hr:yes/yes" "wsup:yes/no" "wsame:no/no"; do
	who=${row%%:*} want=${row##*:}
	eq "$who: CSV export answers" "$(get "$who" "/wishes/$R/export")" 200
	cp "$TMP/body" "$TMP/$who.csv"
	eq "$who: CSV shows = $want" "$(sees "$who" csv "$TMP/$who.csv")" "$want"
done
eq "the CSV starts with a UTF-8 BOM" "$(head -c 3 "$TMP/hr.csv" | od -An -tx1 | tr -d ' ')" efbbbf
if has "$TMP/wsup.csv" "家庭・健康上の事情"; then nok "supervisor CSV has no confidential column"; else ok "supervisor CSV has no confidential column"; fi
contains "hr CSV has the confidential column" "$(cat "$TMP/hr.csv")" "家庭・健康上の事情"
contains "hr CSV names the wished unit" "$(cat "$TMP/hr.csv")" "人事係"
eq "CSV exports are audit-logged" "$("${PSQL[@]}" -c "SELECT count(*) - $n0 FROM audit_log WHERE action = 'export' AND target = 'wishes'")" 3
eq "admin (D0003, heads no unit): export answers" "$(get admin "/wishes/$R/export")" 200
if has "$TMP/body" "$SUP"; then nok "admin's CSV has no row of D0002"; else ok "admin's CSV has no row of D0002"; fi

# ---- hr search and completion
get hr "/admin/wishes/$R?q=$TAG" >/dev/null
contains "hr finds D0002 by a word of the answer" "$(cat "$TMP/body")" "/wishes/$R/staff/$S\""
get hr "/admin/wishes/$R?q=CONFMARK$TAG" >/dev/null
if has "$TMP/body" "/wishes/$R/staff/$S\""; then nok "searching cannot match sealed answers"; else ok "searching cannot match sealed answers"; fi
get hr "/admin/wishes/$R?status=missing" >/dev/null
if has "$TMP/body" ">D0002<"; then nok "D0002 is not among non-respondents"; else ok "D0002 is not among non-respondents"; fi
contains "D0007 (not answered) is among non-respondents" "$(cat "$TMP/body")" ">D0007<"
targets=$("${PSQL[@]}" -c "SELECT count(*) FROM wish_targets($R)")
contains "completion counts the targets of 市民課" "$(get hr "/admin/wishes/$R" >/dev/null; cat "$TMP/body")" "2 / $targets人"

# ---- supervisor comment
eq "the supervisor comments" "$(post wsup "/wishes/$R/staff/$S/comment" "/wishes/$R/staff/$S" --data-urlencode "comment=COMMENT$TAG")" 303
get hr "/wishes/$R/staff/$S" >/dev/null
contains "hr reads the comment" "$(cat "$TMP/body")" "COMMENT$TAG"
get staff "/wishes/$R" >/dev/null
if has "$TMP/body" "COMMENT$TAG"; then nok "the person does not see the comment"; else ok "the person does not see the comment"; fi
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
eq "tmsctl rekey re-encrypts every old value" "$out" "rekey: $old values re-encrypted to key $K2"
eq "nothing is left on an old key" "$("${PSQL[@]}" -c "SELECT count(*) FROM wish_value WHERE key_id <> $K2")" 0
eq "the old key stays in the file" "$(awk -v k="$K" '$1 == k' "$TMS_VAR/wishes.keys" | wc -l)" 1
get hr "/wishes/$R/staff/$S5" >/dev/null
contains "the rekeyed value reads back" "$(cat "$TMP/body")" "$CONF5"
get hr "/wishes/$R/staff/$S" >/dev/null
contains "D0002's confidential answer reads back" "$(cat "$TMP/body")" "$CONF"
eq "rekey again has nothing to do" "$("${CTL[@]}" rekey)" "rekey: 0 values re-encrypted to key $K2"

# ---- a sealed value copied into another answer does not open (AAD)
"${PSQL[@]}" -c "UPDATE wish_value t SET sealed = s.sealed FROM wish_value s
  WHERE s.answer_id = (SELECT id FROM wish_answer WHERE round_id = $R AND staff_id = $S) AND s.question = 'circumstances'
  AND t.answer_id = (SELECT id FROM wish_answer WHERE round_id = $R AND staff_id = $S5) AND t.question = 'circumstances'"
eq "the page still answers" "$(get hr "/wishes/$R/staff/$S5")" 200
if has "$TMP/body" "$CONF"; then nok "D0002's sealed answer does not open as D0005's"; else ok "D0002's sealed answer does not open as D0005's"; fi
"${PSQL[@]}" -c "DELETE FROM wish_answer WHERE round_id = $R AND staff_id = $S5"	# the damaged value

# ---- dates: not targeted, closed, past
eq "D0006 (not targeted) cannot submit" "$(answer wcol submit x y)" 409
contains "and is told why" "$(cat "$TMP/body")" "この調査の対象ではありません"
eq "the mail hook runs for non-respondents" "$(post hr "/admin/wishes/$R/remind" "/admin/wishes/$R")" 303
contains "the demo mail command got the address of a non-respondent" "$(cat "$TMS_VAR/log/mail-demo.log")" "@"
if grep -q "sd0002@" "$TMS_VAR/log/mail-demo.log"; then nok "no mail to D0002 (submitted)"; else ok "no mail to D0002 (submitted)"; fi
eq "hr closes the round" "$(post hr "/admin/wishes/$R/close" "/admin/wishes/$R")" 303
eq "submitting after the close is refused" "$(answer staff submit "LATE$TAG" "$CONF")" 409
contains "with the reason" "$(cat "$TMP/body")" "この調査の受付は終了しています"
eq "the stored answer is unchanged" "$("${PSQL[@]}" -c "SELECT value FROM wish_value v JOIN wish_answer a ON a.id = v.answer_id WHERE a.round_id = $R AND a.staff_id = $S AND question = 'duties'")" "$SUP"
get staff "/wishes/$R" >/dev/null
if has "$TMP/body" 'name="action"'; then nok "a closed round shows no form"; else ok "a closed round shows no form"; fi
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
