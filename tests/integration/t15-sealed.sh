#!/bin/bash
# t15-sealed.sh: sealed fields (issue 15, sql/064). An evaluation comment
# stored through the web page, an imported file's bytes and a directory
# search's terms are sealed with the wishes key ring: a pg_dump of the whole
# database (as the schema owner) holds none of them, nor any of the demo
# city's comments (sealed by `tmsctl seal` after migrate), while the
# profile, the export, `tmsctl import-file` and hr's 監査ログ read them.
# `tmsctl rekey` after a key rotation moves them to the new key (a damaged
# value is reported and skipped, the rest committed); admin never reads the
# search terms of the audit trail.
. "$(dirname "$0")/lib.sh"

read -r HL HP <<<"$(account hr)"
read -r AL AP <<<"$(account admin)"
H=$TMP/h.jar A=$TMP/a.jar
eq "hr signs in" "$(login "$H" "$HL" "$HP")" 303
eq "admin signs in" "$(login "$A" "$AL" "$AP")" 303
SID=$(q "SELECT id FROM staff WHERE staff_no = 'D0002'")
TAG="t15seal$$x$RANDOM"
COMMENT="窓口改善を主導した${TAG}"
q "DELETE FROM evaluation WHERE staff_id = $SID AND fiscal_year IN (2017, 2018, 2019)" >/dev/null

# ---- an evaluation comment through the edit page
code GET "/staff/$SID/edit" -b "$H" >/dev/null
csrf=$(csrf_from "$TMP/body")
save() { # save FY PERIOD COMMENT: hr stores an evaluation of D0002
	code POST "/staff/$SID/records/evals" -b "$H" --data-urlencode "csrf=$csrf" \
		--data-urlencode "fiscal_year=$1" --data-urlencode "period=$2" --data-urlencode "kind=能力評価" \
		--data-urlencode "grade=A" --data-urlencode "score=80" --data-urlencode "comment=$3"
}
eq "hr stores an evaluation comment on the edit page" "$(save 2019 年間 "$COMMENT")" 303
K=$(awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { print m }' "$TMS_VAR/wishes.keys")
eq "it is stored sealed under key $K, nothing in the plain column" \
	"$(q "SELECT comment_key || ' ' || (evaluator_comment IS NULL) || ' ' || (length(comment_sealed) > 28)
	      || ' ' || (position(convert_to('$TAG', 'UTF8') IN comment_sealed) = 0)
	      FROM evaluation WHERE staff_id = $SID AND fiscal_year = 2019")" "$K true true true"
code GET "/staff/$SID" -b "$H" >/dev/null
contains "the profile shows the comment" "$(cat "$TMP/body")" "$COMMENT"
eq "the demo city's comments were sealed after migrate: none is left plain" \
	"$(q "SELECT count(*) FILTER (WHERE evaluator_comment IS NOT NULL) || ' ' || (count(*) FILTER (WHERE comment_key IS NOT NULL) > 1000) FROM evaluation")" "0 true"

# ---- an import file: its bytes sealed, the import's comments too
ITAG="t15imp$$y$RANDOM"
printf '職員番号,年度,期間,評価区分,評語,点数,評価者コメント\r\nD0002,2018,年間,能力評価,B,70,取込のコメント%s\r\n' "$ITAG" > "$TMP/e.csv"
contains "tmsctl imports an evaluation with a comment" "$("${CTL[@]}" import evaluations "$TMP/e.csv" 2>&1)" "created 1, updated 0"
IID=$(q "SELECT max(id) FROM import_history WHERE kind = 'evaluations'")
eq "the stored file's chunks are sealed under key $K" "$(q "SELECT string_agg(DISTINCT coalesce(key_id, 0)::text, ',') FROM import_file_chunk WHERE import_id = $IID")" "$K"
eq "tmsctl import-file opens it byte for byte" "$("${CTL[@]}" import-file "$IID" | sha256sum)" "$(sha256sum < "$TMP/e.csv")"
eq "the imported comment is sealed" "$(q "SELECT (evaluator_comment IS NULL) || ' ' || comment_key FROM evaluation WHERE staff_id = $SID AND fiscal_year = 2018")" "true $K"
contains "the same file again: unchanged (the import compares with the opened comment)" \
	"$("${CTL[@]}" import evaluations "$TMP/e.csv" 2>&1)" "created 0, updated 0, unchanged 1"
"${CTL[@]}" export evaluations > "$TMP/all.csv" 2>/dev/null
contains "the export holds the web page's comment" "$(grep "$TAG" "$TMP/all.csv")" "D0002,2019,年間,能力評価,A,80.0,$COMMENT"
contains "and the imported one" "$(grep "$ITAG" "$TMP/all.csv")" "D0002,2018,年間,能力評価,B,70.0,取込のコメント$ITAG"

# ---- search terms: sealed in the audit trail, readable by hr only
STAG="t15find$$z$RANDOM"
eq "admin searches the directory" "$(code GET "/staff?q=$STAG" -b "$A")" 200
eq "the audit row holds the terms sealed" \
	"$(q "SELECT (target LIKE 'sealed:$K:%') || ' ' || (position('$STAG' IN target) = 0) FROM audit_log WHERE action = 'search' ORDER BY id DESC LIMIT 1")" "true true"
eq "hr opens the audit log of searches" "$(code GET "/admin/audit?action=search" -b "$H")" 200
contains "hr reads the search terms" "$(cat "$TMP/body")" "q=$STAG"
eq "admin opens the audit log of searches" "$(code GET "/admin/audit?action=search" -b "$A")" 200
lacks "admin does not read the search terms, and is told why" "$(cat "$TMP/body")" \
	"（検索語は人事担当のみ閲覧できます）" "$STAG"

# ---- the whole database, dumped as its owner
pg_dump -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms > "$TMP/dump.sql"
check "pg_dump ran" test -s "$TMP/dump.sql"
check "the dump holds the evaluations table" grep -q "COPY public.evaluation " "$TMP/dump.sql"
eq "the dump holds neither the web comment, nor the imported file or comment, nor the search" \
	"$(grep -c -e "$TAG" -e "$ITAG" -e "$STAG" "$TMP/dump.sql")" 0
check "nor the demo city's comments" bash -c "! grep -q -e '担当業務をおおむね期待どおりに遂行した' -e '市民対応が丁寧で' '$TMP/dump.sql'"

# ---- key rotation: keygen, reload, rekey; a damaged value is skipped
eq "save a second comment (to be damaged)" "$(save 2017 年間 "damaged$TAG")" 303
BAD=$(q "SELECT id FROM evaluation WHERE staff_id = $SID AND fiscal_year = 2017")
K2=$((K + 1))
eq "tmsctl keygen adds key $K2" "$("${CTL[@]}" keygen)" "key $K2 added to $TMS_VAR/wishes.keys"
check "both pools reload (new workers read the key file)" reload_all
q "UPDATE evaluation SET comment_sealed = set_byte(comment_sealed, 20, (get_byte(comment_sealed, 20) + 1) % 256) WHERE id = $BAD" >/dev/null
"${CTL[@]}" rekey > "$TMP/rk.out" 2> "$TMP/rk.err"; rc=$?
eq "rekey exits 1 with a value that does not open" "$rc" 1
contains "and names it" "$(cat "$TMP/rk.err")" "the comment of evaluation $BAD (key $K) does not open"
contains "rekey reports the sealed fields on the new key" "$(cat "$TMP/rk.out")" "sealed fields (evaluation comments, import file chunks) on key $K2"
eq "every other comment and chunk is on key $K2 (committed in spite of the damaged one)" \
	"$(q "SELECT (SELECT count(*) FROM evaluation WHERE comment_key <> $K2) || ' ' || (SELECT count(*) FROM import_file_chunk WHERE key_id IS DISTINCT FROM $K2)")" "1 0"
eq "the damaged one stays as it was" "$(q "SELECT comment_key FROM evaluation WHERE id = $BAD")" "$K"
q "DELETE FROM evaluation WHERE id = $BAD" >/dev/null
code GET "/staff/$SID" -b "$H" >/dev/null
contains "the rekeyed comment reads back on the profile" "$(cat "$TMP/body")" "$COMMENT"
eq "the rekeyed file opens byte for byte" "$("${CTL[@]}" import-file "$IID" | sha256sum)" "$(sha256sum < "$TMP/e.csv")"
code GET "/admin/audit?action=search" -b "$H" >/dev/null
contains "hr still reads the search terms (their key stays in the ring)" "$(cat "$TMP/body")" "q=$STAG"
eq "rekey again: nothing left to move" "$("${CTL[@]}" rekey 2>&1 | tail -1)" \
	"rekey: 0 sealed fields (evaluation comments, import file chunks) on key $K2"

q "DELETE FROM evaluation WHERE staff_id = $SID AND fiscal_year IN (2017, 2018, 2019)" >/dev/null
finish
