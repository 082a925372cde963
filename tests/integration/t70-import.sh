#!/bin/bash
# t70-import.sh: bulk CSV import and export. Round trip of every kind
# (export → import changes nothing), CP932 with NEC/IBM extension characters,
# 和暦 boundaries, malformed files (each a clear error, nothing changed),
# validation errors by line/column/value, the bulk-load path (foreign keys
# validated once per table), mappings, --sync previews, the
# import history, the HR upload → preview → commit flow over HTTPS,
# spreadsheet formulas defused on export and undone on import, and exports
# streamed in pieces.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms -v ON_ERROR_STOP=1)
BIN=${TMS_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/build}
ROOT=${TMS_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
CTL=("$BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml")
KINDS="units staff appointments qualifications training evaluations skills duties duty_assignments"

# A checksum of every table an import may change.
sum() {
	"${PSQL[@]}" -c "SELECT md5(string_agg(x, '|' ORDER BY n)) FROM (
		SELECT 1 AS n, md5(string_agg(t::text, ',' ORDER BY id)) AS x FROM staff t UNION ALL
		SELECT 2, md5(string_agg(t::text, ',' ORDER BY id)) FROM appointment t UNION ALL
		SELECT 3, md5(string_agg(t::text, ',' ORDER BY id)) FROM org_unit t UNION ALL
		SELECT 4, md5(string_agg(t::text, ',' ORDER BY id)) FROM org_unit_version t UNION ALL
		SELECT 5, md5(string_agg(t::text, ',' ORDER BY id)) FROM staff_qualification t UNION ALL
		SELECT 6, md5(string_agg(t::text, ',' ORDER BY id)) FROM training_record t UNION ALL
		SELECT 7, md5(string_agg(t::text, ',' ORDER BY id)) FROM evaluation t UNION ALL
		SELECT 8, md5(string_agg(t::text, ',' ORDER BY id)) FROM staff_skill t UNION ALL
		SELECT 9, md5(string_agg(t::text, ',' ORDER BY id)) FROM duty t UNION ALL
		SELECT 10, md5(string_agg(t::text, ',' ORDER BY id)) FROM duty_unit t UNION ALL
		SELECT 11, md5(string_agg(t::text, ',' ORDER BY id)) FROM duty_assignment t) s"
}
imp() { "${CTL[@]}" import "$@" 2>&1; }
counts() { sed -n 's/^\(created [0-9]*, updated [0-9]*, unchanged [0-9]*, deleted [0-9]*, errors [0-9]*\).*/\1/p' <<<"$1"; }

# ---------------------------------------------------------------- round trip
# values other tests stored plain with SQL are sealed first, as `scripts/tms`
# does after migrating: an import seals what it finds plain (sql/064)
"${CTL[@]}" seal >/dev/null || nok "tmsctl seal before the round trip"
before=$(sum)
for k in $KINDS; do
	"${CTL[@]}" export "$k" > "$TMP/$k.csv" 2>/dev/null
	n=$(($(wc -l < "$TMP/$k.csv") - 1))
	out=$(imp "$k" "$TMP/$k.csv")
	eq "round trip $k: export → import reports all $n rows unchanged" "$(counts "$out")" \
		"created 0, updated 0, unchanged $n, deleted 0, errors 0"
done
eq "round trip changed no table" "$(sum)" "$before"
check "export is UTF-8 with BOM and CRLF" bash -c "head -c 3 '$TMP/staff.csv' | od -An -tx1 | grep -q 'ef bb bf' && head -1 '$TMP/staff.csv' | grep -q $'\r$'"
contains "export header is the import format" "$(head -1 "$TMP/appointments.csv")" "職員番号,発令区分,発令日,終了日,所属コード"
eq "the full history has at least 100,000 rows" "$(cat "$TMP"/*.csv | wc -l | awk '{print ($1 >= 100000)}')" 1
contains "import history records the file's SHA-256" \
	"$("${PSQL[@]}" -c "SELECT sha256 FROM import_history WHERE kind = 'skills' ORDER BY id DESC LIMIT 1")" \
	"$(sha256sum "$TMP/skills.csv" | cut -c1-64)"
# The original file is kept in chunks (sql/026), each written as a binary
# parameter and sealed (sql/064: 28 bytes of nonce and tag each); what is
# read back (tmsctl import-file) is byte for byte the file.
stored() { # stored ID: SHA-256, size and chunk count of the stored file
	echo "$("${CTL[@]}" import-file "$1" | sha256sum | cut -c1-64) $("${PSQL[@]}" -c "SELECT
		coalesce(sum(length(data) - 28), 0) || ' ' || count(*) FROM import_file_chunk WHERE import_id = $1")"
}
lastid() { "${PSQL[@]}" -c "SELECT max(id) FROM import_history WHERE kind = '$1'"; }
sz=$(stat -c %s "$TMP/skills.csv")
eq "import history keeps the original bytes (one chunk)" "$(stored "$(lastid skills)")" \
	"$(sha256sum < "$TMP/skills.csv" | cut -c1-64) $sz 1"
eq "history records the file's size" "$("${PSQL[@]}" -c "SELECT file_size FROM import_history WHERE id = $(lastid skills)")" "$sz"
out=$(TMS_IMPORT_CHUNK_BYTES=1000 "${CTL[@]}" import skills "$TMP/skills.csv" 2>&1)
eq "a committed import in 1,000-byte chunks: all unchanged" "$(counts "$out")" \
	"created 0, updated 0, unchanged $(($(wc -l < "$TMP/skills.csv") - 1)), deleted 0, errors 0"
id=$(lastid skills)
eq "its file is read back byte-identical from $(((sz + 999) / 1000)) chunks" "$(stored "$id")" \
	"$(sha256sum < "$TMP/skills.csv" | cut -c1-64) $sz $(((sz + 999) / 1000))"
eq "chunks are numbered from 0, every one but the last full" \
	"$("${PSQL[@]}" -c "SELECT min(seq) || ' ' || max(seq) || ' ' || count(*) FILTER (WHERE length(data) - 28 <> 1000) FROM import_file_chunk WHERE import_id = $id")" \
	"0 $(((sz + 999) / 1000 - 1)) $((sz % 1000 == 0 ? 0 : 1))"
eq "the SHA-256 recorded for the run is that of the chunks" \
	"$("${PSQL[@]}" -c "SELECT sha256 FROM import_history WHERE id = $id")" "$(stored "$id" | cut -d' ' -f1)"
TMS_IMPORT_CHUNK_BYTES=4096 "${CTL[@]}" import evaluations "$TMP/evaluations.csv" --dry-run >/dev/null 2>&1
sz=$(stat -c %s "$TMP/evaluations.csv")
eq "a preview ($sz bytes, 4,096-byte chunks) keeps its file too" "$(stored "$(lastid evaluations)")" \
	"$(sha256sum < "$TMP/evaluations.csv" | cut -c1-64) $sz $(((sz + 4095) / 4096))"
contains "command-line imports are audited" \
	"$("${PSQL[@]}" -c "SELECT actor_role || ' ' || detail::text FROM audit_log WHERE target = 'import' ORDER BY id DESC LIMIT 1")" \
	'"kind": "skills"'

# ---------------------------------------------------------------- CP932, 和暦, kana
H='職員番号,氏,名,氏フリガナ,名フリガナ,通称,生年月日,性別,雇用形態,採用日'
printf '%s\r\n%s\r\n%s\r\n' "$H" \
	'T7001,髙﨑,彅,ﾀｶｻｷ,ﾂﾖｼ,①㈱,S60.4.1,男性,正規,H31.4.30' \
	'T7002,山田,花子,やまだ,はなこ,,昭和60年4月1日,女,正規,令和元年5月1日' |
	iconv -f UTF-8 -t CP932 > "$TMP/cp932.csv"
out=$(imp staff "$TMP/cp932.csv")
contains "CP932 file detected" "$out" "(CP932,"
eq "CP932 file with ①㈱髙﨑彅 creates two staff" "$(counts "$out")" \
	"created 2, updated 0, unchanged 0, deleted 0, errors 0"
eq "extension characters stored as UTF-8, half-width kana normalised" \
	"$("${PSQL[@]}" -c "SELECT family_name || given_name || ' ' || family_kana || given_kana || ' ' || alias_name || ' ' || hire_date FROM staff WHERE staff_no = 'T7001'")" \
	"髙﨑彅 タカサキツヨシ ①㈱ 2019-04-30"
eq "令和元年5月1日 and hiragana reading" \
	"$("${PSQL[@]}" -c "SELECT hire_date || ' ' || family_kana FROM staff WHERE staff_no = 'T7002'")" "2019-05-01 ヤマダ"
eq "the same CP932 file again: all unchanged" "$(counts "$(imp staff "$TMP/cp932.csv")")" \
	"created 0, updated 0, unchanged 2, deleted 0, errors 0"
"${CTL[@]}" export staff --encoding cp932 > "$TMP/s932.csv" 2>/dev/null
check "CP932 export holds 髙﨑 as CP932 bytes" bash -c "iconv -f CP932 -t UTF-8 < '$TMP/s932.csv' | grep -q '^T7001,髙﨑,彅'"
n=$(($(wc -l < "$TMP/s932.csv") - 1))
eq "CP932 export → import: all unchanged" "$(counts "$(imp staff "$TMP/s932.csv")")" \
	"created 0, updated 0, unchanged $n, deleted 0, errors 0"
printf '%s\n%s\n' "$H" 'T7003,吉田,𠮷子,ヨシダ,ヨシコ,,1990-01-01,女性,正規,2020-04-01' > "$TMP/u8.csv"
eq "UTF-8 file with 𠮷 (outside CP932) imports" "$(counts "$(imp staff "$TMP/u8.csv")")" \
	"created 1, updated 0, unchanged 0, deleted 0, errors 0"
eq "𠮷 survives" "$("${PSQL[@]}" -c "SELECT given_name FROM staff WHERE staff_no = 'T7003'")" "𠮷子"
contains "CP932 export refuses 𠮷 with the line" "$("${CTL[@]}" export staff --encoding cp932 2>&1 >/dev/null)" \
	"CP932（Shift_JIS）で表せない文字があります"

before=$(sum)
printf '%s\n%s\n' "$H" 'T7004,和暦,境界,ワレキ,キョウカイ,,1990-01-01,女性,正規,H31.5.1' > "$TMP/h3151.csv"
out=$(imp staff "$TMP/h3151.csv")
contains "H31.5.1 is refused with line, column and value" "$out" "2行目 列「採用日」 値「H31.5.1」: 元号の期間外の日付です"
contains "refused file: nothing changed" "$out" "refused: 1 error(s), nothing was changed"

# ---------------------------------------------------------------- malformed files
printf '%s\n%s\n' "$H" 'T7005,"未終了,花子,ミシュウリョウ,ハナコ,,1990-01-01,女性,正規,2020-04-01' > "$TMP/quote.csv"
contains "unterminated quote: error with its line" "$(imp staff "$TMP/quote.csv")" "2行目: 引用符（\"）が閉じられていません"
printf '%s\n%s\n' "$H" 'T7005,列不足,花子' > "$TMP/cols.csv"
contains "wrong column count: error with line and counts" "$(imp staff "$TMP/cols.csv")" "2行目: 列の数が3個です（見出し行は10列）"
printf '%s\n%s\n' "$H" 'T7005,不正,花子,フセイ,ハナコ,,1990-01-01,女性,正規,2020-04-01' | iconv -f UTF-8 -t CP932 > "$TMP/bytes.csv"
printf '\x81\x7f\xff\n' >> "$TMP/bytes.csv"
contains "invalid CP932 bytes: error with line and byte" "$(imp staff "$TMP/bytes.csv" --encoding cp932)" "3行目（"
printf '%s\n\xe3\x81\n' "$H" > "$TMP/bytes8.csv"
contains "invalid UTF-8 bytes: error with line" "$(imp staff "$TMP/bytes8.csv" --encoding utf-8)" "2行目（"
: > "$TMP/empty.csv"
contains "empty file: clear error" "$(imp staff "$TMP/empty.csv")" "ファイルが空です"
printf '%s\r\n\r\n' "$H" > "$TMP/header.csv"
contains "header only: clear error" "$(imp staff "$TMP/header.csv")" "データ行がありません"
printf '職員番号,氏\nT7005,欠落\n' > "$TMP/missing.csv"
contains "missing required column named" "$(imp staff "$TMP/missing.csv")" "必須の列「生年月日」がありません"
eq "no malformed file changed anything" "$(sum)" "$before"

# ---------------------------------------------------------------- validation in SQL
qcode=$("${PSQL[@]}" -c "SELECT code FROM qualification ORDER BY code LIMIT 1")
printf '職員番号,資格コード,取得日,有効期限,登録番号\nNOSUCH,%s,2020-04-01,,\nT7001,nosuch,2020-04-01,,\nT7001,%s,2020-04-01,,\nT7001,%s,2020-04-01,,\n' \
	"$qcode" "$qcode" "$qcode" > "$TMP/q.csv"
out=$(imp qualifications "$TMP/q.csv")
contains "unknown 職員番号 named" "$out" "2行目 列「職員番号」 値「NOSUCH」: この職員番号の職員は登録されていません"
contains "unknown code named" "$out" "3行目 列「資格コード」 値「nosuch」: この資格コードは登録されていません"
contains "duplicate key within the file" "$out" "5行目 列「職員番号」"
contains "duplicate key names the first line" "$out" "ファイル内で重複しています（4行目と同じ"
unit=$("${PSQL[@]}" -c "SELECT u.code FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id WHERE v.valid @> date '2020-04-01' AND upper_inf(v.valid) ORDER BY u.code LIMIT 1")
printf '職員番号,発令区分,発令日,終了日,所属コード,職位コード,本務兼務\n%s\n%s\n%s\n' \
	"T7001,採用,2020-04-01,,$unit,shuji,本務" "T7001,異動,2021-04-01,,$unit,shuji,本務" \
	"T7001,異動,2022-04-01,,ZZZ,shuji,本務" > "$TMP/a.csv"
out=$(imp appointments "$TMP/a.csv")
contains "overlapping main appointments" "$out" "3行目 列「発令日」 値「2021-04-01」: 2行目の本務の発令と期間が重なっています"
contains "unknown unit code" "$out" "4行目 列「所属コード」 値「ZZZ」: この所属コードは登録されていません"
skill=$("${PSQL[@]}" -c "SELECT code FROM skill WHERE parent_code IS NOT NULL ORDER BY code LIMIT 1")
printf '職員番号,スキルコード,開始日,レベル\nT7001,%s,2024/4/1,９\n' "$skill" > "$TMP/k.csv"
contains "out-of-range value (full-width 9)" "$(imp skills "$TMP/k.csv")" "2行目 列「レベル」 値「9」: レベルは1〜5の整数です"
eq "no invalid file changed anything" "$(sum)" "$before"

# ---------------------------------------------------------------- updates, dry runs, sync
printf '職員番号,発令区分,発令日,終了日,所属コード,職位コード,本務兼務\n%s\n%s\n' \
	"T7001,採用,2020-04-01,2021-03-31,$unit,shuji,本務" "T7001,異動,2021-04-01,,$unit,shuji,本務" > "$TMP/a.csv"
eq "dry run previews two new appointments" "$(counts "$(imp appointments "$TMP/a.csv" --dry-run)")" \
	"created 2, updated 0, unchanged 0, deleted 0, errors 0"
eq "dry run changed nothing" "$(sum)" "$before"
eq "import creates them" "$(counts "$(imp appointments "$TMP/a.csv")")" \
	"created 2, updated 0, unchanged 0, deleted 0, errors 0"
sed -i 's/2020-04-01,2021-03-31/2020-04-01,2020-09-30/' "$TMP/a.csv"
eq "a changed end date is an update" "$(counts "$(imp appointments "$TMP/a.csv")")" \
	"created 0, updated 1, unchanged 1, deleted 0, errors 0"
head -2 "$TMP/a.csv" > "$TMP/a1.csv"
eq "a file without a row deletes nothing" "$(counts "$(imp appointments "$TMP/a1.csv")")" \
	"created 0, updated 0, unchanged 1, deleted 0, errors 0"
eq "--sync previews the deletion" "$(counts "$(imp appointments "$TMP/a1.csv" --sync --dry-run)")" \
	"created 0, updated 0, unchanged 1, deleted 1, errors 0"
eq "T7001 still has both appointments" "$("${PSQL[@]}" -c "SELECT count(*) FROM appointment a JOIN staff s ON s.id = a.staff_id WHERE s.staff_no = 'T7001'")" 2
contains "--sync on staff refuses to delete people referenced by accounts" \
	"$(imp staff "$TMP/u8.csv" --sync --dry-run)" "アカウントまたは監査ログから参照されているため削除できません"

# ---------------------------------------------------------------- bulk loads
# A large file of new rows imported by the tables' owner (tmsctl) takes the
# bulk path of sql/025: the table's foreign keys are dropped and added back
# around the insert, one validation for the table instead of a check per row.
fk() { "${PSQL[@]}" -c "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname)
	FROM pg_constraint WHERE conrelid = 'staff_qualification'::regclass AND contype = 'f'"; }
fkoids() { "${PSQL[@]}" -c "SELECT string_agg(oid::text, ' ' ORDER BY conname)
	FROM pg_constraint WHERE conrelid = 'staff_qualification'::regclass AND contype = 'f'"; }
qcode=$("${PSQL[@]}" -c "SELECT min(code) FROM qualification")
defs=$(fk); oids=$(fkoids); b0=$(sum)
{ echo '職員番号,資格コード,取得日'; "${PSQL[@]}" -c "SELECT staff_no || ',$qcode,' || d FROM staff,
	unnest(ARRAY['1970-01-01', '1970-01-02', '1970-01-03']) d ORDER BY staff_no, d"; } > "$TMP/bulk.csv"
nb=$(($(wc -l < "$TMP/bulk.csv") - 1))
eq "bulk dry run previews every new row" "$(counts "$(imp qualifications "$TMP/bulk.csv" --dry-run)")" \
	"created $nb, updated 0, unchanged 0, deleted 0, errors 0"
eq "bulk dry run changed nothing, foreign keys as they were" "$(sum) $(fkoids) $(fk)" "$b0 $oids $defs"
awk -F, -v OFS=, 'NR == 500 { $1 = "ZZ9999" } 1' "$TMP/bulk.csv" > "$TMP/bulk-bad.csv"
out=$(imp qualifications "$TMP/bulk-bad.csv")
contains "bulk file: an unknown staff number is reported by line, column and value" "$out" \
	"500行目 列「職員番号」 値「ZZ9999」: この職員番号の職員は登録されていません"
eq "bulk file with an error changed nothing" "$(sum)" "$b0"
eq "bulk import creates every row" "$(counts "$(imp qualifications "$TMP/bulk.csv")")" \
	"created $nb, updated 0, unchanged 0, deleted 0, errors 0"
eq "after a bulk import the foreign keys have their definitions" "$(fk)" "$defs"
check "the bulk import re-created them (validated once for the whole table)" test "$(fkoids)" != "$oids"
check "they refuse a dangling reference" bash -c "! ${PSQL[*]} -c \"INSERT INTO staff_qualification
	(staff_id, qualification_code, acquired_on) VALUES (-1, '$qcode', '1970-01-01')\" 2>/dev/null"
"${PSQL[@]}" -c "DELETE FROM staff_qualification WHERE acquired_on BETWEEN '1970-01-01' AND '1970-01-03'" >/dev/null
eq "bulk rows removed again" "$(sum)" "$b0"

# ---------------------------------------------------------------- mapping
cat > "$TMP/map.yaml" <<'EOF'
evaluations:
  社員CD: staff_no
  評価年度: fiscal_year
  区分: period
  種別: kind
  総合評価: grade
  メモ: "-"
EOF
printf '総合評価,メモ,種別,区分,評価年度,社員CD\nA,無視される列,能力評価,年間,令和6年度,T7001\n' > "$TMP/e.csv"
out=$(imp evaluations "$TMP/e.csv" --mapping "$TMP/map.yaml")
contains "vendor headers in any order via mapping: 年度 '令和6年度' is not a 4-digit year" "$out" "列「評価年度」 値「令和6年度」"
sed -i 's/令和6年度/2024年度/' "$TMP/e.csv"
eq "mapped file imports" "$(counts "$(imp evaluations "$TMP/e.csv" --mapping "$TMP/map.yaml")")" \
	"created 1, updated 0, unchanged 0, deleted 0, errors 0"
n=$(($(wc -l < "$TMP/units.csv") - 1))
eq "the shipped default mapping reads our export" \
	"$(counts "$(imp units "$TMP/units.csv" --mapping "$ROOT/etc/import-mapping.yaml" --dry-run)")" \
	"created 0, updated 0, unchanged $n, deleted 0, errors 0"

# ---------------------------------------------------------------- duties
# The duties screens' CSV format (issue 6): a row with 業務ID is that duty, a
# row without one a new duty (or the stored one of the same name, start and
# starting unit); assignments are matched by 業務ID + 職員番号 + 開始日.
DH='所属コード,所属名,業務ID,業務名,根拠法令,業務内容,区分,業務量（人年）,開始日,終了日,状態'
AH='所属コード,所属名,業務ID,業務名,職員番号,氏名,担当区分,従事割合,開始日,終了日'
contains "duties export has the duties screens' header" "$(head -1 "$TMP/duties.csv")" "$DH"
contains "assignments export has the duties screens' header" "$(head -1 "$TMP/duty_assignments.csv")" "$AH"
eq "exports hold every duty and assignment" \
	"$(($(wc -l < "$TMP/duties.csv") - 1)) $(($(wc -l < "$TMP/duty_assignments.csv") - 1))" \
	"$("${PSQL[@]}" -c "SELECT (SELECT count(*) FROM duty) || ' ' || (SELECT count(*) FROM duty_assignment)")"
b0=$(sum)
printf '%s\n%s\n' "$DH" "$unit,無視される名,,取込テスト業務,地方自治法,説明,自治事務,１.５,R6.4.1,,実施中" > "$TMP/d.csv"
eq "a duty without 業務ID previews as new" "$(counts "$(imp duties "$TMP/d.csv" --dry-run)")" \
	"created 1, updated 0, unchanged 0, deleted 0, errors 0"
eq "and is created" "$(counts "$(imp duties "$TMP/d.csv")")" "created 1, updated 0, unchanged 0, deleted 0, errors 0"
did=$("${PSQL[@]}" -c "SELECT id FROM duty WHERE name = '取込テスト業務'")
eq "in the unit its 所属コード names, from its start date" \
	"$("${PSQL[@]}" -c "SELECT u.code || ' ' || du.valid || ' ' || d.workload || ' ' || d.category FROM duty d JOIN duty_unit du ON du.duty_id = d.id JOIN org_unit u ON u.id = du.unit_id WHERE d.id = ${did:-0}")" \
	"$unit [2024-04-01,) 1.50 自治事務"
eq "the same file again: the stored duty, unchanged" "$(counts "$(imp duties "$TMP/d.csv")")" \
	"created 0, updated 0, unchanged 1, deleted 0, errors 0"
printf '%s\n%s\n' "$DH" "$unit,,$did,取込テスト業務,地方自治法,説明,自治事務,2,2024-04-01,2026-03-31,休止" > "$TMP/d2.csv"
eq "by 業務ID: workload, end and status updated" "$(counts "$(imp duties "$TMP/d2.csv")")" \
	"created 0, updated 1, unchanged 0, deleted 0, errors 0"
eq "the duty and its unit span end together" \
	"$("${PSQL[@]}" -c "SELECT d.workload || ' ' || d.status || ' ' || du.valid FROM duty d JOIN duty_unit du ON du.duty_id = d.id WHERE d.id = $did")" \
	"2.00 休止 [2024-04-01,2026-04-01)"
other=$("${PSQL[@]}" -c "SELECT u.code FROM org_unit u JOIN org_unit_version v ON v.unit_id = u.id WHERE u.code <> '$unit' AND v.valid @> date '2024-04-01' ORDER BY u.code LIMIT 1")
printf '%s\n%s\n%s\n%s\n%s\n' "$DH" "$other,,$did,取込テスト業務,,,自治事務,2,2024-04-01,2026-03-31,休止" \
	",,999999999,名,,,その他,1,2024-04-01,,実施中" "NOPE,,,新,,,雑務,100,2024-04-01,,終了" \
	"$unit,,$did,重複,,,その他,1,2024-04-01,,実施中" > "$TMP/dbad.csv"
out=$(imp duties "$TMP/dbad.csv")
contains "a duty's unit is kept: another 所属コード is refused (transfer on the screen)" "$out" \
	"2行目 列「所属コード」 値「$other」: この業務はこの所属に属したことがありません"
contains "unknown 業務ID" "$out" "3行目 列「業務ID」 値「999999999」: この業務IDの業務は登録されていません"
contains "unknown unit code" "$out" "4行目 列「所属コード」 値「NOPE」: この所属コードは登録されていません"
contains "bad 区分" "$out" "4行目 列「区分」 値「雑務」: 区分は 自治事務・法定受託事務・内部管理事務・その他 のいずれかです"
contains "bad 業務量" "$out" "4行目 列「業務量（人年）」 値「100」: 業務量（人年）は0〜99の数"
contains "bad 状態" "$out" "4行目 列「状態」 値「終了」: 状態は 実施中・休止・廃止 のいずれかです"
contains "the same duty twice" "$out" "5行目 列「業務ID」 値「$did」: ファイル内で重複しています（2行目と同じ業務）"
contains "--sync is refused for duties" "$(imp duties "$TMP/d2.csv" --sync --dry-run)" "同期モード（--sync）に対応していません"

read -r s1 s2 < <("${PSQL[@]}" -c "SELECT string_agg(staff_no, ' ' ORDER BY staff_no) FROM (SELECT staff_no FROM staff
	WHERE hire_date <= '2024-04-01' AND (retire_date IS NULL OR retire_date >= '2026-03-31') ORDER BY staff_no LIMIT 2) x")
printf '%s\n%s\n%s\n' "$AH" ",,$did,,$s1,,主担当,0.5,2024/4/1,2025/3/31" ",,$did,,$s2,,副担当,.25,R6.4.1," > "$TMP/as.csv"
eq "two assignments created" "$(counts "$(imp duty_assignments "$TMP/as.csv")")" \
	"created 2, updated 0, unchanged 0, deleted 0, errors 0"
eq "stored with role, share and period" \
	"$("${PSQL[@]}" -c "SELECT string_agg(s.staff_no || ' ' || a.role || ' ' || a.share || ' ' || a.valid, '; ' ORDER BY s.staff_no) FROM duty_assignment a JOIN staff s ON s.id = a.staff_id WHERE a.duty_id = $did")" \
	"$s1 主担当 0.50 [2024-04-01,2025-04-01); $s2 副担当 0.25 [2024-04-01,)"
eq "the same file again: unchanged" "$(counts "$(imp duty_assignments "$TMP/as.csv")")" \
	"created 0, updated 0, unchanged 2, deleted 0, errors 0"
head -2 "$TMP/as.csv" | sed 's/0\.5,/1,/' > "$TMP/as1.csv"
eq "share changed: updated; the other one kept" "$(counts "$(imp duty_assignments "$TMP/as1.csv")")" \
	"created 0, updated 1, unchanged 0, deleted 0, errors 0"
eq "--sync previews deleting the assignment the file omits" "$(counts "$(imp duty_assignments "$TMP/as1.csv" --sync --dry-run)")" \
	"created 0, updated 0, unchanged 1, deleted 1, errors 0"
printf '%s\n%s\n%s\n%s\n%s\n' "$AH" ",,$did,,$s1,,主担当,1,2024-04-01,2025-03-31" ",,$did,,$s1,,主担当,1,2025-01-01," \
	",,$did,,NOSUCH,,兼務,1.5,2024-04-01," ",,$did,,$s2,,副担当,0.5,2024-06-01," > "$TMP/abad.csv"
out=$(imp duty_assignments "$TMP/abad.csv")
contains "overlap within the file" "$out" "3行目 列「開始日」 値「2025-01-01」: 2行目の同じ職員・業務の割り当てと期間が重なっています"
contains "unknown staff" "$out" "4行目 列「職員番号」 値「NOSUCH」: この職員番号の職員は登録されていません"
contains "bad 担当区分" "$out" "4行目 列「担当区分」 値「兼務」: 担当区分は 主担当・副担当 のいずれかです"
contains "bad 従事割合" "$out" "4行目 列「従事割合」 値「1.5」: 従事割合は0より大きく1以下の数"
contains "overlap with a stored assignment the file does not list" "$out" \
	"5行目 列「開始日」 値「2024-06-01」: 登録済みの同じ職員・業務の割り当て（2024-04-01〜）と期間が重なっています"
"${PSQL[@]}" -c "DELETE FROM duty WHERE id = $did" >/dev/null
eq "duty tests leave the tables as they were" "$(sum)" "$b0"

# ---------------------------------------------------------------- HR screens
read -r hlogin hpw < <(account hr)
read -r slogin spw < <(account general)
HJ=$TMP/hr.jar SJ=$TMP/staff.jar
eq "hr logs in" "$(login "$HJ" "$hlogin" "$hpw")" 303
eq "staff logs in" "$(login "$SJ" "$slogin" "$spw")" 303
eq "staff cannot open the import page" "$(code GET /admin/import -b "$SJ")" 403
eq "staff cannot export" "$(code GET /admin/export/evaluations.csv -b "$SJ")" 403
eq "hr opens the import page" "$(code GET /admin/import -b "$HJ")" 200
csrf=$(csrf_from "$TMP/body")
eq "hr exports staff over HTTPS" "$(code GET /admin/export/staff.csv -b "$HJ")" 200
"${CTL[@]}" export staff > "$TMP/cli-staff.csv" 2>/dev/null
eq "HTTP export is byte for byte the tmsctl export" "$(md5sum < "$TMP/body")" "$(md5sum < "$TMP/cli-staff.csv")"
contains "export is audited" "$("${PSQL[@]}" -c "SELECT detail::text FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1")" '"kind": "staff"'
for k in duties duty_assignments; do
	eq "hr exports $k over HTTPS" "$(code GET "/admin/export/$k.csv" -b "$HJ")" 200
	"${CTL[@]}" export "$k" > "$TMP/cli-$k.csv" 2>/dev/null
	eq "HTTP $k export is byte for byte the tmsctl export" "$(md5sum < "$TMP/body")" "$(md5sum < "$TMP/cli-$k.csv")"
done
eq "staff cannot export duties" "$(code GET /admin/export/duties.csv -b "$SJ")" 403
eq "unknown export kind is 404" "$(code GET /admin/export/nosuch.csv -b "$HJ")" 404

# ---------------------------------------------------------------- spreadsheet formulas (issue 16)
# A general user puts formulas into the evidence of their own skills through
# the edit page; HR's export writes them defused (a leading '), a value that
# really begins with ' gets one more, and the import undoes exactly that:
# the downloaded file imports with every row unchanged, values identical.
sid=$("${PSQL[@]}" -c "SELECT staff_id FROM account WHERE login = '$slogin'")
sno=$("${PSQL[@]}" -c "SELECT staff_no FROM staff WHERE id = ${sid:-0}")
read -r fa fb fc < <("${PSQL[@]}" -c "SELECT string_agg(code, ' ' ORDER BY code) FROM (SELECT code FROM skill
	WHERE parent_code IS NOT NULL AND code NOT IN (SELECT skill_code FROM staff_skill WHERE staff_id = ${sid:-0})
	ORDER BY code LIMIT 3) x")
EVA='=HYPERLINK("http://evil.example/","詳細")' EVB="'引用符で始まる根拠" EVC='-1+2'
eq "staff opens their own edit page" "$(code GET "/staff/$sid/edit" -b "$SJ")" 200
scsrf=$(csrf_from "$TMP/body")
for x in "$fa:$EVA" "$fb:$EVB" "$fc:$EVC"; do
	eq "staff saves skill ${x%%:*} with evidence [${x#*:}]" "$(code POST "/staff/$sid/skills" -b "$SJ" \
		--data-urlencode "csrf=$scsrf" --data-urlencode "skill=${x%%:*}" --data-urlencode level=3 \
		--data-urlencode "evidence=${x#*:}")" 303
done
evid() { "${PSQL[@]}" -c "SELECT string_agg(skill_code || '=' || evidence, '|' ORDER BY skill_code) FROM staff_skill
	WHERE staff_id = ${sid:-0} AND skill_code IN ('$fa', '$fb', '$fc')"; }
eq "the evidence is stored as typed" "$(evid)" "$fa=$EVA|$fb=$EVB|$fc=$EVC"
eq "hr downloads skills.csv" "$(code GET /admin/export/skills.csv -b "$HJ")" 200
cp "$TMP/body" "$TMP/w-skills.csv"
row() { grep -F "$sno,$1," "$TMP/w-skills.csv" | tr -d '\r'; }
r=$(row "$fa"); eq "the formula is defused: a leading apostrophe" "${r#"$sno,$fa,"*,*,3,}" "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"詳細\"\")\""
r=$(row "$fb"); eq "a value that begins with ' gets a second one" "${r#"$sno,$fb,"*,*,3,}" "''引用符で始まる根拠"
r=$(row "$fc"); eq "-1+2 is not a number: defused" "${r#"$sno,$fc,"*,*,3,}" "'-1+2"
eq "no field of the file starts with = + or @" "$(grep -cE '(^|,)"?[=+@]' "$TMP/w-skills.csv")" 0
"${CTL[@]}" export skills > "$TMP/c-skills.csv" 2>/dev/null
eq "tmsctl writes the same defused file" "$(md5sum < "$TMP/c-skills.csv")" "$(md5sum < "$TMP/w-skills.csv")"
n=$(($(wc -l < "$TMP/w-skills.csv") - 1))
eq "the downloaded file imports (dry run) with all $n rows unchanged" \
	"$(counts "$(imp skills "$TMP/w-skills.csv" --dry-run)")" "created 0, updated 0, unchanged $n, deleted 0, errors 0"
b1=$(sum)
eq "committed: all rows unchanged" "$(counts "$(imp skills "$TMP/w-skills.csv")")" \
	"created 0, updated 0, unchanged $n, deleted 0, errors 0"
eq "and the stored evidence is exactly the original" "$(evid)" "$fa=$EVA|$fb=$EVB|$fc=$EVC"
eq "no table changed" "$(sum)" "$b1"
"${PSQL[@]}" -c "DELETE FROM staff_skill WHERE staff_id = ${sid:-0} AND skill_code IN ('$fa', '$fb', '$fc')" >/dev/null

# ---------------------------------------------------------------- streamed exports
# A big export goes out in pieces as the rows come (no Content-Length, the
# same bytes as tmsctl's); a small one whole, with its Content-Length.
"${C[@]}" -b "$HJ" -D "$TMP/h-app" -o "$TMP/w-app.csv" "$TMS_URL/admin/export/appointments.csv"
"${CTL[@]}" export appointments > "$TMP/c-app.csv" 2>/dev/null
check "the appointments export is bigger than one piece (256 KB)" test "$(stat -c %s "$TMP/w-app.csv")" -gt 262144
eq "it is streamed: no Content-Length" "$(grep -ci '^content-length:' "$TMP/h-app")" 0
contains "with its type and file name" "$(tr -d '\r' < "$TMP/h-app")" 'attachment; filename="tms-appointments.csv"'
eq "and is byte for byte the tmsctl export" "$(md5sum < "$TMP/w-app.csv")" "$(md5sum < "$TMP/c-app.csv")"
"${C[@]}" -b "$HJ" -D "$TMP/h-u" -o "$TMP/w-u.csv" "$TMS_URL/admin/export/units.csv?asof=2024-04-01"
eq "a small export has its Content-Length" "$(tr -d '\r' < "$TMP/h-u" | sed -n 's/^content-length: *//Ip')" "$(stat -c %s "$TMP/w-u.csv")"
line=$(grep -n '^T7003,' "$TMP/cli-staff.csv" | cut -d: -f1)
eq "a CP932 export that cannot hold 𠮷 is refused before anything is sent" \
	"$(code GET "/admin/export/staff.csv?encoding=cp932" -b "$HJ")" 422
contains "with the line of the character" "$(cat "$TMP/body")" "${line:-?}行目: CP932（Shift_JIS）で表せない文字があります"

printf '職員番号,スキルコード,開始日,レベル\nT7001,%s,R6.4.1,3\n' "$skill" > "$TMP/web.csv"
st=$(code POST /admin/import -b "$HJ" -F "csrf=$csrf" -F kind=skills -F encoding=auto -F "file=@$TMP/web.csv;type=text/csv")
eq "upload answers with the preview" "$st" 200
contains "preview counts one new row" "$(cat "$TMP/body")" '<td id="c-created">1</td>'
eq "preview changed nothing" "$("${PSQL[@]}" -c "SELECT count(*) FROM staff_skill k JOIN staff s ON s.id = k.staff_id WHERE s.staff_no = 'T7001'")" 0
id=$(sed -n 's|.*action="/admin/import/\([0-9]*\)/commit".*|\1|p' "$TMP/body" | head -1)
check "preview offers a commit of its history id" test -n "$id"
eq "preview keeps the uploaded file server-side" \
	"$("${PSQL[@]}" -c "SELECT status FROM import_history WHERE id = ${id:-0}") $(stored "${id:-0}")" \
	"preview $(sha256sum < "$TMP/web.csv" | cut -c1-64) $(stat -c %s "$TMP/web.csv") 1"
# The commit reads the stored chunks back in order: store this one in
# 7-byte chunks to prove it reassembles a file of many.
# (Stored plain, as before sql/064: the reader takes both forms.)
rechunk() { # rechunk ID SIZE
	"${PSQL[@]}" -v b="$("${CTL[@]}" import-file "$1" | od -An -v -tx1 | tr -d ' \n')" >/dev/null <<-EOF
	BEGIN;
	CREATE TEMP TABLE f AS SELECT decode(:'b', 'hex') AS b;
	DELETE FROM import_file_chunk WHERE import_id = $1;
	INSERT INTO import_file_chunk (import_id, seq, data)
	SELECT $1, g, substring(b FROM g * $2 + 1 FOR $2) FROM f, generate_series(0, (length(b) - 1) / $2) g;
	COMMIT;
	EOF
}
rechunk "${id:-0}" 7
check "the preview is now stored in many chunks" test "$("${PSQL[@]}" -c "SELECT count(*) FROM import_file_chunk WHERE import_id = ${id:-0}")" -gt 5
eq "commit without CSRF is refused" "$(code POST "/admin/import/$id/commit" -b "$HJ")" 403
eq "commit" "$(code POST "/admin/import/$id/commit" -b "$HJ" --data-urlencode "csrf=$csrf")" 200
contains "commit confirms" "$(cat "$TMP/body")" "取込を確定しました"
eq "the previewed row is stored" "$("${PSQL[@]}" -c "SELECT level || ' ' || lower(valid) FROM staff_skill k JOIN staff s ON s.id = k.staff_id WHERE s.staff_no = 'T7001'")" "3 2024-04-01"
eq "a preview commits once" "$(code POST "/admin/import/$id/commit" -b "$HJ" --data-urlencode "csrf=$csrf")" 409
eq "history shows the commit" "$("${PSQL[@]}" -c "SELECT status || ' ' || actor || ' ' || created FROM import_history WHERE id = $id")" "committed $hlogin 1"
code GET /admin/import -b "$HJ" >/dev/null
contains "history list on the page" "$(cat "$TMP/body")" "web.csv"
code POST /admin/import -b "$HJ" -F "csrf=$csrf" -F kind=staff -F encoding=auto -F "file=@$TMP/cp932.csv" >/dev/null
contains "a CP932 upload is detected and previewed" "$(cat "$TMP/body")" "（CP932、データ2行）"
contains "a CP932 upload of stored staff is all unchanged" "$(cat "$TMP/body")" '<td id="c-unchanged">2</td>'
printf '職員番号,スキルコード,開始日,レベル\nT7001,%s,2024-04-01,7\n' "$skill" > "$TMP/web2.csv"
code POST /admin/import -b "$HJ" -F "csrf=$csrf" -F kind=skills -F "file=@$TMP/web2.csv" >/dev/null
contains "web preview lists each error with line, column, value, reason" "$(cat "$TMP/body")" \
	"<td>2</td><td>レベル</td><td>7</td><td>レベルは1〜5の整数です</td>"
lacks "no commit button while errors exist" "$(cat "$TMP/body")" "レベルは1〜5の整数です" "/commit"

# A stored file that no longer matches its recorded SHA-256 is not committed.
printf '職員番号,スキルコード,開始日,レベル\nT7002,%s,R6.4.1,2\n' "$skill" > "$TMP/web3.csv"
code POST /admin/import -b "$HJ" -F "csrf=$csrf" -F kind=skills -F "file=@$TMP/web3.csv" >/dev/null
id=$(sed -n 's|.*action="/admin/import/\([0-9]*\)/commit".*|\1|p' "$TMP/body" | head -1)
"${PSQL[@]}" -c "UPDATE import_file_chunk SET data = overlay(data PLACING '9'::bytea FROM length(data) - 1) WHERE import_id = ${id:-0}" >/dev/null
eq "a stored file altered since the preview is refused" "$(code POST "/admin/import/${id:-0}/commit" -b "$HJ" --data-urlencode "csrf=$csrf")" 409
contains "the refusal says the file does not match its record" "$(cat "$TMP/body")" "一致しません"
eq "and nothing was imported" "$("${PSQL[@]}" -c "SELECT count(*) FROM staff_skill k JOIN staff s ON s.id = k.staff_id WHERE s.staff_no = 'T7002'") $("${PSQL[@]}" -c "SELECT status FROM import_history WHERE id = ${id:-0}")" "0 preview"

# ---------------------------------------------------------------- --sync deletes through a definer function
# tms_app has no DELETE on staff (sql/027): the HR screen's --sync deletes
# exactly the staff its sync pass chose, through import_delete_staff.
# APP: psql as tms_app itself (the OS user tms is mapped to it, as for the workers).
APP=(runuser -u tms -- psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_app tms)
eq "connected as tms_app" "$("${APP[@]}" -c "SELECT current_user")" tms_app
contains "tms_app cannot DELETE FROM staff directly" \
	"$("${APP[@]}" -c "DELETE FROM staff WHERE staff_no = 'T7003'" 2>&1)" "permission denied for table staff"
contains "import_delete_staff refuses staff an account refers to" \
	"$("${APP[@]}" -c "SELECT import_delete_staff(ARRAY(SELECT staff_id FROM account WHERE staff_id IS NOT NULL LIMIT 1))" 2>&1)" \
	"アカウントまたは監査ログから参照されている職員は削除できません"
eq "PUBLIC may not execute it" "$("${PSQL[@]}" -c "SELECT has_function_privilege('public', 'import_delete_staff(bigint[])', 'EXECUTE')")" f
eq "it runs as the schema owner with a fixed search_path" \
	"$("${PSQL[@]}" -c "SELECT prosecdef || ' ' || pg_get_userbyid(proowner) || ' ' || array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'import_delete_staff'")" \
	"true tms_owner search_path=public, pg_temp"
"${CTL[@]}" export staff > "$TMP/all-staff.csv" 2>/dev/null
grep -v '^T7003,' "$TMP/all-staff.csv" > "$TMP/sync-staff.csv"
ns=$(($(wc -l < "$TMP/sync-staff.csv") - 1))
code POST /admin/import -b "$HJ" -F "csrf=$csrf" -F kind=staff -F sync=1 -F "file=@$TMP/sync-staff.csv" >/dev/null
contains "HR --sync preview: the one omitted staff member would be deleted" "$(cat "$TMP/body")" '<td id="c-deleted">1</td>'
id=$(sed -n 's|.*action="/admin/import/\([0-9]*\)/commit".*|\1|p' "$TMP/body" | head -1)
eq "HR --sync commit" "$(code POST "/admin/import/${id:-0}/commit" -b "$HJ" --data-urlencode "csrf=$csrf")" 200
contains "commit confirms" "$(cat "$TMP/body")" "取込を確定しました"
eq "T7003 is deleted, everyone in the file is kept" \
	"$("${PSQL[@]}" -c "SELECT count(*) FILTER (WHERE staff_no = 'T7003') || ' ' || count(*) FROM staff")" "0 $ns"
eq "history records one deletion" "$("${PSQL[@]}" -c "SELECT status || ' ' || deleted FROM import_history WHERE id = ${id:-0}")" "committed 1"

# ---------------------------------------------------------------- clean up
"${PSQL[@]}" -c "DELETE FROM staff WHERE staff_no LIKE 'T700_' AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.subject_staff_id = staff.id)" >/dev/null
finish
