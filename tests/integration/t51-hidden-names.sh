#!/bin/bash
# t51-hidden-names.sh: no search, filter or sort uses a field the viewer may
# not read. Behind a 旧姓 or 通称 the legal name and its reading are
# sensitive (self and hr by default). For every person of the demo city
# shown by a 旧姓 or 通称 (and a few made here), each hidden value (unless
# the same text is visible anyway) is searched as each demo role (general
# staff, admin, hr) in /api/staff?q= and /staff?q=: the full legal name and
# reading alone, each legal family or given name and reading with the
# person's unit as filter (the one-unit oracle); and as a unit head in
# /wishes/team?q=, alone and with the unit. Only a viewer who may read
# sensitive for the person (hr; the person themself) finds them. The 50音
# order of a unit follows the reading shown (else the name shown), never
# the hidden legal reading.
. "$(dirname "$0")/lib.sh"
pw="hidden-names-password-1"
mkdir -p "$TMP/f"

# fetch JAR LIST: LIST has "key<TAB>path" lines; each answer goes to
# $TMP/f/key (one curl, one connection for the whole list)
fetch() {
	rm -rf "$TMP/f"; mkdir -p "$TMP/f"
	awk -F'\t' -v url="$TMS_URL" -v dir="$TMP/f" \
		'{ printf "url = \"%s%s\"\noutput = \"%s/%s\"\n", url, $2, dir, $1 }' "$2" > "$TMP/curl.cfg"
	"${C[@]}" --no-progress-meter -Z --parallel-max 4 -b "$1" -K "$TMP/curl.cfg"
}
# ids in an answer: JSON items, or profile links of the HTML directory
ids_of() {
	case $1 in
		*.json) grep -o '"id":"[0-9]*"' "$1" | tr -dc '0-9\n' ;;
		*) grep -o 'href="/staff/[0-9]*?asof' "$1" | tr -dc '0-9\n' ;;
	esac
}
# staff numbers listed on a /wishes/team page
nos_of() { grep -o '<span class="note">[^<]*</span>' "$1" | sed 's/<[^>]*>//g'; }
# judge CHECKS: CHECKS has "key<TAB>who<TAB>want<TAB>label" lines, the answer
# to each key in $TMP/f/key: a directory (key *.json: items; *.html: links,
# with the total of the same search in JSON) or a survey list (*.team:
# staff numbers). Prints one line per check that fails: not answered, more
# matches than one page shows, or found (Y/N) other than wanted.
judge() {
	awk -F'\t' -v dir="$TMP/f" '
	function load(k,   f, line, m, kind) {
		if (k in seen) return seen[k]
		f = dir "/" k; kind = k; sub(/.*\./, "", kind); seen[k] = 0; total[k] = -1
		while ((getline line < f) > 0) {
			if (kind == "json") {
				if (line ~ /"items"/) seen[k] = 1
				if (match(line, /"total":[0-9]+/)) total[k] = substr(line, RSTART + 8, RLENGTH - 8) + 0
				while (match(line, /"id":"[0-9]+"/)) { has[k, substr(line, RSTART + 6, RLENGTH - 7)] = 1; line = substr(line, RSTART + RLENGTH) }
			} else if (kind == "html") {
				if (line ~ /職員名簿/) seen[k] = 1
				while (match(line, /href="\/staff\/[0-9]+\?asof/)) { has[k, substr(line, RSTART + 13, RLENGTH - 18)] = 1; line = substr(line, RSTART + RLENGTH) }
			} else {
				if (line ~ /回答の一覧/) seen[k] = 1
				if (match(line, /role="status">[0-9]+人/)) total[k] = substr(line, RSTART + 14, RLENGTH - 15) + 0
				while (match(line, /<span class="note">[^<]*<\/span>/)) { has[k, substr(line, RSTART + 19, RLENGTH - 26)] = 1; line = substr(line, RSTART + RLENGTH) }
			}
		}
		close(f)
		return seen[k]
	}
	{
		k = $1; if (!load(k)) { print "no answer to " $4; next }
		t = k; if (k ~ /\.html$/) { t = k; sub(/\.html$/, ".json", t); load(t) }
		lim = k ~ /\.team$/ ? 50 : 48
		if ($3 == "N" && total[t] >= lim) { print "more than a page: " $4; next }
		got = ((k, $2) in has) ? "Y" : "N"
		if (got != $3) print $4 ": found=" got
	}' "$1"
}
# verdict DESCRIPTION CHECKS: ok when every check of the file holds
verdict() {
	local bad=()
	mapfile -t bad < <(judge "$2")
	if [ ${#bad[@]} -eq 0 ]; then ok "$1 ($(wc -l < "$2") searches)"
	else nok "$1" "${bad[@]:0:10}" "(${#bad[@]} of $(wc -l < "$2") failed)"; fi
}

# enc EXPR: SQL for EXPR percent-encoded (every byte), for a query string
enc() { echo "(SELECT string_agg('%' || lpad(to_hex(get_byte(b, i)), 2, '0'), '' ORDER BY i)
	FROM (SELECT convert_to($1, 'UTF8') AS b) x, generate_series(0, octet_length(b) - 1) i)"; }

# ---------------------------------------------------------------- people
# The unit head whose scope holds the most people shown by 旧姓 or 通称
# (a unit head of the demo city with no account yet), and a unit of theirs
# without sub-units where this test adds people whose legal reading would
# sort them elsewhere than the reading shown.
read -r H U < <(q "
WITH hid AS (SELECT s.id FROM staff s WHERE s.name_display <> 'legal' AND staff_active(s, CURRENT_DATE)),
heads AS (SELECT DISTINCT a.staff_id FROM appointment a JOIN position p ON p.code = a.position_code AND p.is_head
  JOIN staff s ON s.id = a.staff_id WHERE a.valid @> CURRENT_DATE AND a.is_main AND s.staff_no !~ '^[DT]'
  AND NOT EXISTS (SELECT 1 FROM account x WHERE x.staff_id = s.id AND x.login <> 't51head')),
h AS (SELECT h.staff_id, count(*) AS n FROM heads h CROSS JOIN LATERAL staff_relations(h.staff_id, CURRENT_DATE) r
  JOIN hid ON hid.id = r.staff_id WHERE r.rel & 2 <> 0 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1)
SELECT h.staff_id, t.code FROM h CROSS JOIN LATERAL viewer_scope(h.staff_id, CURRENT_DATE) vs
JOIN org_tree(CURRENT_DATE) t ON t.unit_id = ANY (vs.supervised)
WHERE NOT EXISTS (SELECT 1 FROM org_tree(CURRENT_DATE) c WHERE c.parent_id = t.unit_id)
ORDER BY t.path LIMIT 1" | tr '|' ' ')
check "a unit head ($H) and a unit of theirs ($U) found" test -n "$H" -a -n "$U"
Hno=$(q "SELECT staff_no FROM staff WHERE id = $H")

# Made here (idempotent): legal readings starting アアア sort first, the
# reading shown sorts elsewhere. T51A 通称; T51B 旧姓 without a recorded
# reading (none is shown); T51C 旧姓 with its reading; T51S 通称, with an
# account: the person may search their own legal name.
# They join on the day the unit's present version began (so the unit
# exists for all their history).
d0=$(q "SELECT lower(v.valid) FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id
	WHERE u.code = '$U' AND v.valid @> CURRENT_DATE")
q "
INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana, former_family_name,
  former_family_kana, alias_name, name_display, birth_date, gender, employment_type, hire_date, email)
SELECT x.*, date '$d0', NULL FROM (VALUES
  ('T51A', '獏間', '澪生', 'アアアバクマ', 'レイキ', NULL, NULL, 'ワカバ ケン', 'alias', date '1990-01-01', 'male', 'regular'),
  ('T51B', '鵺沢', '朔良', 'アアアヌエザワ', 'サクラ', '蓮華', NULL, NULL, 'former', date '1988-02-02', 'female', 'regular'),
  ('T51C', '鶚田', '灯', 'アアアミサゴダ', 'アカリ', '蔦屋', 'ツタヤ', NULL, 'former', date '1985-03-03', 'female', 'regular'),
  ('T51S', '鵙原', '雫', 'アアアモズハラ', 'シズク', NULL, NULL, 'モズ サラ', 'alias', date '1992-04-04', 'female', 'regular')) x
ON CONFLICT (staff_no) DO NOTHING;
INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, is_main)
SELECT s.id, '採用', daterange(s.hire_date, NULL), u.id, 'shuji', true
FROM staff s, org_unit u WHERE s.staff_no IN ('T51A', 'T51B', 'T51C', 'T51S') AND u.code = '$U'
AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.staff_id = s.id);" >/dev/null
check "test people made in unit $U" test "$(q "SELECT count(*) FROM staff s JOIN appointment a ON a.staff_id = s.id
	JOIN org_unit u ON u.id = a.unit_id AND u.code = '$U' WHERE s.staff_no LIKE 'T51_' AND a.valid @> CURRENT_DATE")" = 4

# accounts: the demo roles, the unit head, the person T51S
echo "$pw" | "${CTL[@]}" useradd t51head general "試験 所属長" "$Hno" >/dev/null
echo "$pw" | "${CTL[@]}" useradd t51self general "試験 通称" T51S >/dev/null
read -r slogin spw < <(account general)
read -r hlogin hpw < <(account hr)
read -r alogin apw < <(account admin)
for j in staff:$slogin:$spw hr:$hlogin:$hpw admin:$alogin:$apw head:t51head:$pw self:t51self:$pw; do
	IFS=: read -r name l p <<<"$j"
	eq "$name logs in" "$(login "$TMP/$name.jar" "$l" "$p")" 303
done

# the menu follows the analytics policy: a unit head (general, analytics
# `own`) finds 分析; a general user who heads nothing does not; hr does
code GET / -b "$TMP/head.jar" >/dev/null; menu_head=$(sed -n '/メインメニュー/,/<\/nav>/p' "$TMP/body")
contains "menu: the unit head finds 分析" "$menu_head" 'href="/analytics"'
eq "and may open it" "$(code GET /analytics -b "$TMP/head.jar")" 200
code GET / -b "$TMP/self.jar" >/dev/null
lacks "menu: a general user heading nothing has no 分析" "$(sed -n '/メインメニュー/,/<\/nav>/p' "$TMP/body")" 'href="/staff"' 'href="/analytics"'
code GET / -b "$TMP/hr.jar" >/dev/null
contains "menu: hr finds 分析" "$(sed -n '/メインメニュー/,/<\/nav>/p' "$TMP/body")" 'href="/analytics"'

# ---------------------------------------------------------------- hidden values
# Every active person shown by 旧姓 or 通称, their main unit today, and each
# legal value whose search key is not part of what anyone who reads basic
# sees of them (the name and reading shown, 通称, 旧姓 and its reading): kind
# "full" (the full legal name or reading) or "part" (one field).
q "
WITH p AS (SELECT s.*, u.code AS unit,
    CASE s.name_display WHEN 'former' THEN s.former_family_name || s.given_name
      || coalesce(s.former_family_kana || s.given_kana, '') ELSE s.alias_name END
    || ' ' || coalesce(s.alias_name, '') || ' ' || coalesce(s.former_family_name, '')
    || coalesce(s.former_family_kana, '') AS shown
  FROM staff s JOIN appointment a ON a.staff_id = s.id AND a.is_main AND a.valid @> CURRENT_DATE
  JOIN org_unit u ON u.id = a.unit_id
  WHERE s.name_display <> 'legal' AND staff_active(s, CURRENT_DATE)),
v AS (SELECT p.id, p.unit, p.shown, x.kind, x.val FROM p CROSS JOIN LATERAL (VALUES
    ('full', p.family_name || p.given_name), ('full', p.family_kana || p.given_kana),
    ('part', p.family_name), ('part', p.given_name), ('part', p.family_kana), ('part', p.given_kana)) x(kind, val))
SELECT DISTINCT id, unit, kind, val, $(enc val) FROM v
WHERE strpos(tms_search_key(shown), tms_search_key(val)) = 0 ORDER BY 1, 3, 4" | tr '|' '\t' > "$TMP/hidden"
n=$(wc -l < "$TMP/hidden")
np=$(cut -f1 "$TMP/hidden" | sort -u | wc -l)
check "hidden values to search: $n of $np people" test "$np" -ge 80
sid() { q "SELECT id FROM staff WHERE staff_no = '$1'"; }
SA=$(sid T51A) SB=$(sid T51B) SC=$(sid T51C) SS=$(sid T51S)
for s in $SA $SB $SC $SS; do
	check "person $s has hidden values" grep -q "^$s	" "$TMP/hidden"
done

# Searches: each full value alone, each single field with the person's
# unit (this unit only) as filter, in JSON and HTML; one request per
# distinct search.
awk -F'\t' -v lst="$TMP/list" -v chk="$TMP/checks" '
	function req(qs, id, label) {
		if (!(qs in no)) {
			no[qs] = ++nreq
			print nreq ".json\t/api/staff?" qs > lst; print nreq ".html\t/staff?" qs > lst
		}
		print no[qs] ".json\t" id "\tW\t" label " (JSON)" > chk
		print no[qs] ".html\t" id "\tW\t" label " (HTML)" > chk
	}
	$3 == "full" { req("q=" $5, $1, "person " $1 " by q=" $4) }
	$3 == "part" { req("q=" $5 "&unit=" $2 "&f=1", $1, "person " $1 " by q=" $4 " in unit " $2) }' "$TMP/hidden"
for v in staff:N admin:N hr:Y; do
	fetch "$TMP/${v%%:*}.jar" "$TMP/list"
	sed "s/\tW\t/\t${v##*:}\t/" "$TMP/checks" > "$TMP/checks.$v"
	if [ "${v##*:}" = N ]; then d="finds nobody by a hidden legal name, alone or in a unit"
	else d="finds each person by their legal name (may read sensitive)"; fi
	verdict "${v%%:*}: /api/staff?q= and /staff?q= $d" "$TMP/checks.$v"
done

# the person themself may read their own legal name
grep "^$SS	" "$TMP/hidden" | awk -F'\t' '{ print NR ".json\t/api/staff?q=" $5 "&unit=" $2 "&f=1" }' > "$TMP/self"
fetch "$TMP/self.jar" "$TMP/self"
awk -F'\t' -v s="$SS" '{ print $1 "\t" s "\tY\tself by a hidden value " NR }' "$TMP/self" > "$TMP/checks.self"
verdict "self: finds themself by each of their own hidden legal values" "$TMP/checks.self"

# ---------------------------------------------------------------- /wishes/team
# the unit head: the people they supervise by their shown names, never by
# the hidden ones (nor with the unit as filter); hr's round list does find.
R=$(q "SELECT id FROM wish_round r WHERE wish_round_open(r) AND target_kind = 'all' ORDER BY id DESC LIMIT 1")
check "an open survey round for everyone ($R)" test -n "$R"
q "SELECT s.id, s.staff_no, u.code, $(enc "staff_display_name(s)") FROM staff s JOIN appointment a
	ON a.staff_id = s.id AND a.is_main AND a.valid @> CURRENT_DATE JOIN org_unit u ON u.id = a.unit_id
	JOIN staff_relations($H, CURRENT_DATE) r ON r.staff_id = s.id AND r.rel & 2 <> 0
	WHERE s.name_display <> 'legal'" | tr '|' '\t' > "$TMP/team"
check "the head supervises people shown by 旧姓 or 通称 ($(wc -l < "$TMP/team"))" test "$(wc -l < "$TMP/team")" -ge 4
# checks: "key<TAB>staff no<TAB>want for the head<TAB>want for hr<TAB>label"
awk -F'\t' -v lst="$TMP/tlist" -v chk="$TMP/tchecks" -v r="$R" '
	function req(path, no, wh, wr, label) {
		if (!(path in n)) { n[path] = ++nreq; print nreq ".team\t" path > lst }
		print n[path] ".team\t" no "\t" wh "\t" wr "\t" label > chk
	}
	FILENAME == ARGV[1] { unit[$1] = $3; no[$1] = $2; req("?round=" r "&q=" $4, $2, "Y", "Y", $2 " by the name shown"); next }
	($1 in no) {
		req("?round=" r "&q=" $5, no[$1], "N", "-", no[$1] " by " $4)
		req("?round=" r "&q=" $5 "&unit=" unit[$1], no[$1], "N", "Y", no[$1] " by " $4 " in unit " unit[$1])
	}' "$TMP/team" "$TMP/hidden"
sed 's|\t?|\t/wishes/team?|' "$TMP/tlist" > "$TMP/tlist.head"
fetch "$TMP/head.jar" "$TMP/tlist.head"
awk -F'\t' '$3 == "Y" { print $1 "\t" $2 "\t" $3 "\t" $5 }' "$TMP/tchecks" > "$TMP/checks.head.shown"
verdict "head: /wishes/team?q= finds each person by the name shown" "$TMP/checks.head.shown"
awk -F'\t' '$3 == "N" { print $1 "\t" $2 "\t" $3 "\t" $5 }' "$TMP/tchecks" > "$TMP/checks.head"
verdict "head: /wishes/team?q= finds nobody by a hidden legal name, alone or in a unit" "$TMP/checks.head"
# hr reads sensitive: the round's list finds by legal names too (in a unit:
# one page holds every match)
sed "s|\t?|\t/admin/wishes/$R?|" "$TMP/tlist" > "$TMP/tlist.hr"
fetch "$TMP/hr.jar" "$TMP/tlist.hr"
awk -F'\t' '$4 != "-" { print $1 "\t" $2 "\t" $4 "\t" $5 }' "$TMP/tchecks" > "$TMP/checks.hr"
verdict "hr: the round's list finds by the names shown and by legal names" "$TMP/checks.hr"

# ---------------------------------------------------------------- 50音 order
# A unit listed in 50音 order must be in the order of what each viewer sees
# on it: the reading shown, else the name shown (ICU Japanese collation).
order_check() { # VIEWER
	local f=$TMP/order.json got want vals
	"${C[@]}" -b "$TMP/$1.jar" -o "$f" "$TMS_URL/api/staff?unit=$U&f=1&sort=kana"
	got=$(ids_of "$f" | tr '\n' ' ')
	vals=$(grep -o '{"id":"[0-9]*"[^}]*}' "$f" | sed 's/.*"id":"\([0-9]*\)".*"name":"\([^"]*\)".*"kana":"\([^"]*\)".*/(\1, $$\2$$, $$\3$$)/' | paste -sd,)
	want=$(q "SELECT id FROM (VALUES $vals) v(id, name, kana)
		ORDER BY coalesce(nullif(kana, ''), name) COLLATE \"ja-x-icu\", id" | tr '\n' ' ')
	check "$1: unit $U in the order of the readings shown ($(echo "$got" | wc -w) people)" test -n "$got" -a "$got" = "$want"
	contains "$1: the test people are listed" "$got" "$SA "
}
order_check staff
order_check admin
order_check hr
# a 旧姓 without a recorded reading shows no reading (not the legal one)
"${C[@]}" -b "$TMP/staff.jar" -o "$TMP/b.json" "$TMS_URL/api/staff/$SB"
case $(cat "$TMP/b.json") in *"蓮華"*) ok "T51B is shown by the 旧姓" ;; *) nok "T51B is shown by the 旧姓" "$(head -c 300 "$TMP/b.json")" ;; esac
case $(cat "$TMP/b.json") in *"アアアヌエザワ"*|*"ヌエザワ"*|*"鵺沢"*) nok "T51B: no legal family name or reading shown" ;; *) ok "T51B: no legal family name or reading shown" ;; esac
# the head's team list follows the same order as the directory
"${C[@]}" -b "$TMP/head.jar" -o "$TMP/team.html" "$TMS_URL/wishes/team?round=$R&unit=$U"
got=$(nos_of "$TMP/team.html" | tr '\n' ' ')
want=$("${C[@]}" -b "$TMP/head.jar" "$TMS_URL/api/staff?unit=$U&f=1&sort=kana" | grep -o '"no":"[^"]*"' | cut -d'"' -f4 |
	grep -vx "$Hno" | tr '\n' ' ')
check "head: team list of unit $U in the directory's order" test -n "$got" -a "$got" = "$want"

# the accounts go (the people made here stay, for a run on the same data)
q "DELETE FROM session WHERE account_id IN (SELECT id FROM account WHERE login IN ('t51head', 't51self'));
	UPDATE account SET disabled = true, staff_id = NULL WHERE login IN ('t51head', 't51self')" >/dev/null
finish
