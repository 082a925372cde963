#!/bin/bash
# t90-analytics.sh: the analytics figures (/analytics, CSV) against an
# oracle: for several dates and units, each figure equals an independent SQL
# query written here (its own recursive walk of the organisation as of the
# date, its own age bands, retirement ages and suppression), not the
# functions of sql/040. Also: small cells hidden ("x") in HTML, SVG and CSV
# alike, with k from the policy (that nothing hidden can be worked out from
# the rest is t91's); as-of reads across the renames and mergers of the
# demo city; who may see which units and the evaluation figures.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
read -r hlogin hpw < <(account hr)
read -r slogin spw < <(account general)
H=$TMP/hr.jar S=$TMP/staff.jar M=$TMP/head.jar
eq "hr logs in" "$(login "$H" "$hlogin" "$hpw")" 303
eq "staff logs in" "$(login "$S" "$slogin" "$spw")" 303

# csv JAR NAME QUERY: the CSV as "a|b|c" lines (BOM, quotes and header gone)
csv() {
	"${C[@]}" -b "$1" "$TMS_URL/analytics/$2.csv?$3" | sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' |
		tail -n +2 | sed -e 's/^"//' -e 's/"$//' -e 's/","/|/g'
}

# The oracle's people: in service on :D with a main appointment in a unit
# under :U ('' = the whole city) as the organisation stood on :D, each with
# the top unit it is counted under (a direct sub-unit of :U, :U itself for
# its own staff, or a top-level unit for the city) and that unit's label.
scope() { # scope DATE UNIT -> SQL defining CTEs tops(top, label) and mem(staff_id, top)
	cat <<SQL
WITH RECURSIVE r AS (SELECT id FROM org_unit WHERE code = NULLIF('$2', '')),
t AS (
  SELECT v.unit_id, v.unit_id AS top FROM org_unit_version v
   WHERE v.valid @> date '$1' AND CASE WHEN (SELECT id FROM r) IS NULL THEN v.parent_id IS NULL
                                      ELSE v.parent_id = (SELECT id FROM r) END
  UNION ALL SELECT id, id FROM r
  UNION ALL
  SELECT v.unit_id, t.top FROM org_unit_version v JOIN t ON v.parent_id = t.unit_id
   WHERE v.valid @> date '$1' AND t.unit_id IS DISTINCT FROM (SELECT id FROM r)
),
tops AS (SELECT DISTINCT t.top, v.name || CASE WHEN t.top = (SELECT id FROM r) THEN '（直属）' ELSE '' END AS label
         FROM t JOIN org_unit_version v ON v.unit_id = t.top AND v.valid @> date '$1'),
mem AS (SELECT a.staff_id, t.top FROM appointment a JOIN t ON t.unit_id = a.unit_id
        JOIN staff s ON s.id = a.staff_id
        WHERE a.is_main AND a.valid @> date '$1' AND s.hire_date <= date '$1'
          AND (s.retire_date IS NULL OR s.retire_date >= date '$1')),
-- suppression as the policy's k says (default 3): 1..k-1 people -> "<k"
k AS (SELECT ${K:-3} AS k)
SQL
}
q() { "${PSQL[@]}" -c "$1"; }
srt() { LC_ALL=C sort; }
sup() { echo "CASE WHEN $1 BETWEEN 1 AND (SELECT k FROM k) - 1 THEN 'x' ELSE $2 END"; }
# masked DESCRIPTION GOT WANT FIELDS: GOT is WANT ("a|b|c" lines) except
# that cells of the sensitive FIELDS ("2,3") may be hidden ("x") beyond
# those WANT hides: secondary suppression, which protects the small ones
# (t91 checks that it does).
masked() {
	local why
	why=$(awk -F'|' -v may=",$4," 'NR == FNR { g[FNR] = $0; n = FNR; next }
		{ m = split(g[FNR], a, "|")
		  if (m != NF) { print "line " FNR ": " g[FNR] " for " $0; exit }
		  for (i = 1; i <= NF; i++)
			if (a[i] != $i && !(a[i] == "x" && index(may, "," i ","))) { print "line " FNR ": " g[FNR] " for " $0; exit } }
		END { if (FNR != n) print n " lines for " FNR }' <(echo "$2") <(echo "$3"))
	if [ -z "$why" ]; then ok "$1"; else nok "$1" "$why" "got:  $2" "want: $3"; fi
}
num() { echo "regexp_replace(($1)::text, '\\.0\$', '')"; }

oracle_units() { q "$(scope "$1" "$2") SELECT tops.label || '|' || count(mem.staff_id) FROM tops LEFT JOIN mem ON mem.top = tops.top GROUP BY tops.label ORDER BY 1"; }
oracle_etype() { q "$(scope "$1" "$2") SELECT e.name || '|' || count(*) FROM mem JOIN staff s ON s.id = mem.staff_id
	JOIN employment_type e ON e.code = s.employment_type GROUP BY e.name ORDER BY 1"; }
oracle_age() { q "$(scope "$1" "$2"), b AS (SELECT date_part('year', age(date '$1', s.birth_date))::int AS y, s.gender
	FROM mem JOIN staff s ON s.id = mem.staff_id),
	band AS (SELECT g AS lo, CASE WHEN g = 15 THEN '〜19歳' WHEN g = 65 THEN '65歳〜' ELSE g || '〜' || (g + 4) || '歳' END AS label
	         FROM generate_series(15, 65, 5) g),
	c AS (SELECT band.lo, band.label, count(*) FILTER (WHERE b.gender = 'male') AS m, count(*) FILTER (WHERE b.gender = 'female') AS f,
	             count(*) FILTER (WHERE b.gender IN ('other', 'unspecified')) AS o
	      FROM band LEFT JOIN b ON CASE WHEN b.y < 20 THEN 15 WHEN b.y >= 65 THEN 65 ELSE b.y - b.y % 5 END = band.lo GROUP BY 1, 2)
	SELECT label || '|' || $(sup m m::text) || '|' || $(sup f f::text) || '|' || $(sup o o::text) FROM c ORDER BY lo"; }
oracle_average() { q "$(scope "$1" "$2"), a AS (SELECT mem.top, date_part('year', age(date '$1', s.birth_date))::numeric AS y, (date '$1' - s.hire_date) / 365.25 AS svc
	FROM mem JOIN staff s ON s.id = mem.staff_id),
	g AS (SELECT '全体' AS label, count(*) AS n, avg(y) AS y, avg(svc) AS svc FROM a
	      UNION ALL SELECT tops.label, count(a.top), avg(a.y), avg(a.svc) FROM tops LEFT JOIN a ON a.top = tops.top GROUP BY tops.label)
	SELECT label || '|' || $(sup n "coalesce($(num 'round(y::numeric, 1)'), '')") || '|' || coalesce($(num 'round(svc, 1)'), '') FROM g ORDER BY 1"; }
oracle_retire() { q "$(scope "$1" "$2"), f AS (SELECT extract(year FROM date '$1' - interval '3 months')::int AS f0),
	p AS (SELECT extract(year FROM (s.birth_date - 1) - interval '3 months')::int AS bfy FROM mem JOIN staff s ON s.id = mem.staff_id
	      WHERE s.employment_type = 'regular'),
	age AS (SELECT y, CASE WHEN y <= 2022 THEN 60 WHEN y >= 2031 THEN 65 ELSE 61 + (y - 2023) / 2 END AS a FROM generate_series(2000, 2100) y),
	ret AS (SELECT (SELECT min(y) FROM age WHERE y - p.bfy >= age.a) AS y FROM p),
	yrs AS (SELECT y FROM f, generate_series(f0, f0 + 9) y)
	SELECT yrs.y || '年度（定年' || (SELECT a FROM age WHERE age.y = yrs.y) || '歳）|' || $(sup 'count(r.y)' 'count(r.y)::text')
	FROM yrs LEFT JOIN ret r ON r.y = yrs.y GROUP BY yrs.y ORDER BY yrs.y"; }
oracle_tenure() { # service bands then years in post (islands of one unit in the main appointments)
	q "$(scope "$1" "$2"), sv AS (SELECT date_part('year', age(date '$1', s.hire_date))::int AS y FROM mem JOIN staff s ON s.id = mem.staff_id),
	isl AS (SELECT a.staff_id, a.unit_id, lower(a.valid) AS lo,
	        lag(a.unit_id) OVER (PARTITION BY a.staff_id ORDER BY lower(a.valid)) AS prev
	        FROM appointment a JOIN mem ON mem.staff_id = a.staff_id WHERE a.is_main AND lower(a.valid) <= date '$1'),
	po AS (SELECT date_part('year', age(date '$1', max(lo)))::int AS y FROM isl WHERE prev IS DISTINCT FROM unit_id GROUP BY staff_id),
	b1 AS (SELECT g, CASE WHEN g = 35 THEN '35年以上' ELSE g || '〜' || (g + 4) || '年' END AS l FROM generate_series(0, 35, 5) g),
	b2 AS (SELECT * FROM (VALUES (0, 0, 0, '1年未満'), (1, 1, 1, '1年'), (2, 2, 2, '2年'), (3, 3, 3, '3年'), (4, 4, 4, '4年'),
	       (5, 5, 9, '5〜9年'), (6, 10, 99, '10年以上')) v(o, lo, hi, l))
	SELECT l || '|' || n FROM (
	  SELECT 0 AS part, g AS o, l, (SELECT count(*) FROM sv WHERE CASE WHEN y >= 35 THEN 35 ELSE y - y % 5 END = g) AS n FROM b1
	  UNION ALL SELECT 1, o, l, (SELECT count(*) FROM po WHERE po.y BETWEEN b2.lo AND b2.hi) FROM b2) z ORDER BY part, o"; }
oracle_evalunit() { q "$(scope "$1" "$2"), y AS (SELECT max(fiscal_year) AS f FROM evaluation
	WHERE fiscal_year <= extract(year FROM date '$1' - interval '3 months')),
	e AS (SELECT DISTINCT ON (e.staff_id) e.staff_id, e.grade FROM evaluation e, y WHERE e.fiscal_year = y.f AND e.kind = '能力評価'
	      ORDER BY e.staff_id, array_position(ARRAY['年間', '下期', '上期'], e.period)),
	c AS (SELECT tops.label, g.g, count(e.grade) AS n FROM tops CROSS JOIN unnest(ARRAY['S', 'A', 'B', 'C', 'D']) g(g)
	      LEFT JOIN mem ON mem.top = tops.top LEFT JOIN e ON e.staff_id = mem.staff_id AND e.grade = g.g GROUP BY 1, 2)
	SELECT c.label || '（' || (SELECT f FROM y) || '年度）|' || string_agg($(sup n n::text), '|' ORDER BY array_position(ARRAY['S', 'A', 'B', 'C', 'D'], c.g))
	FROM c GROUP BY c.label ORDER BY 1"; }
oracle_quals() { q "$(scope "$1" "$2") SELECT qn.name || '|' || count(DISTINCT q.staff_id) || '|' ||
	count(DISTINCT q.staff_id) FILTER (WHERE q.expires_on <= date '$1' + 180)
	FROM mem JOIN staff_qualification q ON q.staff_id = mem.staff_id JOIN qualification qn ON qn.code = q.qualification_code
	WHERE q.acquired_on <= date '$1' AND (q.expires_on IS NULL OR q.expires_on >= date '$1') GROUP BY qn.name ORDER BY 1"; }
oracle_training() { # per top unit: participants, staff, rate %, hours, hours per person (fiscal year to date)
	q "$(scope "$1" "$2"), tr AS (SELECT mem.top, r.staff_id, sum(r.hours) AS h FROM mem JOIN training_record r ON r.staff_id = mem.staff_id
	  WHERE r.start_date BETWEEN make_date(extract(year FROM date '$1' - interval '3 months')::int, 4, 1) AND date '$1' GROUP BY 1, 2),
	c AS (SELECT tops.label, (SELECT count(*) FROM mem WHERE mem.top = tops.top) AS staff, count(tr.staff_id) AS part,
	      coalesce(sum(tr.h), 0) AS hours FROM tops LEFT JOIN tr ON tr.top = tops.top GROUP BY tops.top, tops.label)
	SELECT label || '|' || part || '|' || staff || '|' || coalesce($(num 'round(100.0 * part / NULLIF(staff, 0), 1)'), '') || '|'
	  || $(num hours) || '|' || coalesce($(num 'round(hours / NULLIF(staff, 0), 1)'), '') FROM c ORDER BY 1"; }
oracle_skills() { # per top unit: people holding a level-3 skill of each top-level area on the date
	q "$(scope "$1" "$2"), h AS (SELECT DISTINCT mem.top, ss.staff_id, coalesce(k.parent_code, k.code) AS area
	  FROM mem JOIN staff_skill ss ON ss.staff_id = mem.staff_id JOIN skill k ON k.code = ss.skill_code
	  WHERE ss.valid @> date '$1' AND ss.level >= 3),
	a AS (SELECT code, row_number() OVER (ORDER BY sort_order, code) AS o FROM skill WHERE parent_code IS NULL)
	SELECT tops.label || '|' || string_agg((SELECT count(*) FROM h WHERE h.top = tops.top AND h.area = a.code)::text, '|' ORDER BY a.o)
	FROM tops CROSS JOIN a GROUP BY tops.top, tops.label ORDER BY 1"; }
oracle_crosstab() { # position x employment type, people (non-zero cells as row|col|n)
	q "$(scope "$1" "$2") SELECT p.name || '|' || e.name || '|' || count(*) FROM mem JOIN appointment a ON a.staff_id = mem.staff_id
	AND a.is_main AND a.valid @> date '$1' JOIN position p ON p.code = a.position_code
	JOIN staff s ON s.id = mem.staff_id JOIN employment_type e ON e.code = s.employment_type GROUP BY p.name, e.name ORDER BY 1"; }
# a cross-tab CSV as non-zero row|col|n triples
triples() { awk -F'|' 'NR == 1 { n = split($0, h, "|"); next } { for (i = 2; i <= NF; i++) if ($i != "0") print $1 "|" h[i] "|" $i }' | srt; }

# ---------------------------------------------------------------- oracle
for du in "2019-04-01:" "2020-04-01:10" "2021-04-01:10" "2024-04-01:2010" "2026-11-28:20" "2026-11-28:"; do
	d=${du%%:*} u=${du#*:} w="date=$d&unit=$u"
	eq "units $d ${u:-city}" "$(csv "$H" units "$w" | srt)" "$(oracle_units "$d" "$u" | srt)"
	eq "etype $d ${u:-city}" "$(csv "$H" etype "$w" | srt)" "$(oracle_etype "$d" "$u" | srt)"
	masked "age pyramid $d ${u:-city}" "$(csv "$H" age "$w")" "$(oracle_age "$d" "$u")" 2,3,4
	masked "average age and service $d ${u:-city}" "$(csv "$H" average "$w" | srt)" "$(oracle_average "$d" "$u" | srt)" 2
	eq "retirement forecast $d ${u:-city}" "$(csv "$H" retire "$w")" "$(oracle_retire "$d" "$u")"
	eq "years of service and in post $d ${u:-city}" "$(csv "$H" service "$w"; csv "$H" post "$w")" "$(oracle_tenure "$d" "$u")"
done
for du in "2026-11-28:20" "2024-04-01:" "2021-04-01:10"; do
	d=${du%%:*} u=${du#*:} w="date=$d&unit=$u"
	masked "evaluation grades by unit $d ${u:-city}" "$(csv "$H" evalunit "$w" | srt)" "$(oracle_evalunit "$d" "$u" | srt)" 2,3,4,5,6
	eq "qualification holders $d ${u:-city}" "$(csv "$H" quals "$w" | srt)" "$(oracle_quals "$d" "$u" | srt)"
	eq "training $d ${u:-city}" "$(csv "$H" training "$w" | srt)" "$(oracle_training "$d" "$u" | srt)"
	eq "skill areas $d ${u:-city}" "$(csv "$H" skills "$w" | srt)" "$(oracle_skills "$d" "$u" | srt)"
	got=$("${C[@]}" -b "$H" "$TMS_URL/analytics/crosstab.csv?$w&r=position&c=etype&m=count" |
		sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' -e 's/^"//' -e 's/"$//' -e 's/","/|/g' | triples)
	eq "cross-tab position x 職員区分 $d ${u:-city}" "$got" "$(oracle_crosstab "$d" "$u" | srt)"
done

# hires and separations per fiscal year (city), up to the date
d=2026-11-28
want=$(q "SELECT f || '年度|' || (SELECT count(*) FROM staff WHERE hire_date BETWEEN make_date(f, 4, 1) AND least(make_date(f + 1, 3, 31), date '$d'))
	|| '|' || (SELECT count(*) FROM staff WHERE retire_date BETWEEN make_date(f, 4, 1) AND least(make_date(f + 1, 3, 31), date '$d'))
	FROM generate_series(2017, 2026) f ORDER BY f")
eq "hires and separations per fiscal year" "$(csv "$H" flow "date=$d" | cut -d'|' -f1,3,4)" "$want"
want=$(q "SELECT count(*) FROM appointment a JOIN staff s ON s.id = a.staff_id WHERE a.is_main AND a.valid @> date '2025-04-01'
	AND s.hire_date <= date '2025-04-01' AND (s.retire_date IS NULL OR s.retire_date >= date '2025-04-01')")
eq "headcount on 4/1 of FY2025" "$(csv "$H" flow "date=$d" | awk -F'|' '$1 == "2025年度" { print $2 }')" "$want"

# ---------------------------------------------------------------- as of
u10() { csv "$H" units "date=$1&unit=10" | cut -d'|' -f1; }
contains "2020: 総務部 has 市民税課" "$(u10 2020-04-01)" "市民税課"
contains "2020: and 資産税課" "$(u10 2020-04-01)" "資産税課"
lacks "2020: no 税務課 yet" "$(u10 2020-04-01)" "市民税課" "税務課"
contains "2021: 税務課 after the merger" "$(u10 2021-04-01)" "税務課"
lacks "2021: merged units gone" "$(u10 2021-04-01)" "税務課" "市民税課" "資産税課"
contains "2019: 企画課" "$(csv "$H" units "date=2019-04-01&unit=15")" "企画課|"
contains "2020: renamed 政策推進課" "$(csv "$H" units "date=2020-04-01&unit=15")" "政策推進課|"
contains "hr sees the planned 2027 merger (環境政策課)" "$(csv "$H" units "date=2027-04-01&unit=20")" "環境政策課|"
lacks "not before its date" "$(csv "$H" units "date=2026-11-28&unit=20")" "環境保全課" "環境政策課"
page=$("${C[@]}" -b "$H" "$TMS_URL/analytics/compare?from=2020-04-01&date=2021-04-01&unit=10")
contains "comparison names the merger" "$page" "<td>統合</td><td>1060</td><td>市民税課</td><td>税務課</td>"
contains "comparison names the new unit" "$page" "<td>新設</td><td>1080</td><td></td><td>税務課</td>"
n21=$(oracle_units 2021-04-01 10 | awk -F'|' '$1 == "税務課" { print $2 }')
eq "comparison: 税務課 from 0 to its people" "$(csv "$H" compare "from=2020-04-01&date=2021-04-01&unit=10" | awk -F'|' '$1 == "税務課" { print $2 "|" $3 "|" $4 }')" "0|$n21|$n21"
mv=$(csv "$H" moves "from=2020-04-01&date=2021-04-01&unit=10")
want=$(q "SELECT count(*) FROM ((SELECT a.staff_id, a.unit_id FROM appointment a JOIN staff s ON s.id = a.staff_id
	WHERE a.is_main AND a.valid @> date '2020-04-01' AND s.hire_date <= date '2020-04-01' AND (s.retire_date IS NULL OR s.retire_date >= date '2020-04-01')
	AND a.unit_id IN (WITH RECURSIVE t AS (SELECT id AS unit_id FROM org_unit WHERE code = '10' UNION ALL SELECT v.unit_id FROM org_unit_version v
	  JOIN t ON v.parent_id = t.unit_id WHERE v.valid @> date '2020-04-01') SELECT unit_id FROM t))
	EXCEPT (SELECT a.staff_id, a.unit_id FROM appointment a JOIN staff s ON s.id = a.staff_id
	WHERE a.is_main AND a.valid @> date '2021-04-01' AND s.hire_date <= date '2021-04-01' AND (s.retire_date IS NULL OR s.retire_date >= date '2021-04-01')
	AND a.unit_id IN (WITH RECURSIVE t AS (SELECT id AS unit_id FROM org_unit WHERE code = '10' UNION ALL SELECT v.unit_id FROM org_unit_version v
	  JOIN t ON v.parent_id = t.unit_id WHERE v.valid @> date '2021-04-01') SELECT unit_id FROM t))) x")
eq "moves CSV: everyone whose unit on the first date is not theirs on the second" "$(echo "$mv" | grep -vc '^\(採用\|転入\)|')" "$want"
contains "moves CSV: 市民税課 → 税務課 moves listed" "$mv" "|市民税課|税務課"
contains "comparison keeps the abolished unit, as of the first date" "$(csv "$H" compare "from=2020-04-01&date=2021-04-01&unit=10")" "市民税課（2020-04-01時点）|"

# ---------------------------------------------------------------- small cells
small=$(q "SELECT u.code FROM org_unit u JOIN appointment a ON a.unit_id = u.id AND a.is_main AND a.valid @> date '2026-11-28'
	JOIN staff s ON s.id = a.staff_id AND s.retire_date IS NULL
	WHERE NOT EXISTS (SELECT 1 FROM org_unit_version v WHERE v.parent_id = u.id) GROUP BY u.code HAVING count(*) BETWEEN 5 AND 12
	ORDER BY u.code LIMIT 1")
ac=$(csv "$H" age "date=2026-11-28&unit=$small")
contains "small unit $small: CSV shows x" "$ac" "|x"
lacks "no 1 or 2 in the CSV's sensitive cells" "|$(echo "$ac" | cut -d'|' -f2- | tr '\n' '|')" "|x|" "|1|" "|2|"
html=$("${C[@]}" -b "$H" "$TMS_URL/analytics?date=2026-11-28&unit=$small" | sed -n '/aria-labelledby="h-age"/,/<\/section>/p')
contains "HTML table shows x" "$html" '<td class="num">x</td>'
lacks "no 1 or 2 in the HTML table" "$html" '<td class="num">x</td>' '<td class="num">1</td>' '<td class="num">2</td>'
lacks "no 1 or 2 in the SVG" "$html" 'class="val">x</text>' 'class="val">1</text>' 'class="val">2</text>'
contains "SVG labels the cell x" "$html" 'class="val">x</text>'
# the table and the chart hide what the CSV hides: the table row by row,
# the chart's labels (band, men, women) from the oldest band down
eq "HTML table = CSV" "$(echo "$html" | grep -o '<td class="num">[^<]*</td>' | sed 's/<[^>]*>//g' | paste -sd'|')" \
	"$(echo "$ac" | cut -d'|' -f2- | paste -sd'|')"
eq "SVG labels = CSV" "$(echo "$html" | grep -o 'class="val">[^<]*</text>' | sed 's/.*">//; s/<.*//' | paste -sd'|')" \
	"$(echo "$ac" | tac | cut -d'|' -f1-3 | paste -sd'|')"

# k comes from the policy: k = 5 after a reload
cp "$TMS_VAR/etc/policy.yaml" "$TMP/policy.yaml"
if grep -q '^  k: 3$' "$TMS_VAR/etc/policy.yaml"; then
	sed -i 's/^  k: 3$/  k: 5/' "$TMS_VAR/etc/policy.yaml"
	check "policy with k = 5 loaded" reload_all
	K=5 masked "k = 5: the pyramid hides 1..4" "$(csv "$H" age "date=2026-11-28&unit=$small")" "$(K=5 oracle_age 2026-11-28 "$small")" 2,3,4
	check "k = 5: the unit has a cell of 3 or 4 (shown with k = 3)" test "$(oracle_age 2026-11-28 "$small")" != "$(K=5 oracle_age 2026-11-28 "$small")"
	cp "$TMP/policy.yaml" "$TMS_VAR/etc/policy.yaml"
	check "default policy back" reload_all
else
	ok "k = 5 # SKIP the operator's policy has no 'k: 3' line"
fi

# ---------------------------------------------------------------- who sees what
eq "staff (not a head): dashboards refused" "$(code GET /analytics -b "$S")" 403
eq "staff: evaluation page refused" "$(code GET /analytics/eval -b "$S")" 403
eq "staff: evaluation CSV refused" "$(code GET "/analytics/evalyear.csv" -b "$S")" 403
lacks "no grades in the refusal" "$(cat "$TMP/body")" "エラーコード 403" '"S"'
lacks "staff menu has no 分析" "$("${C[@]}" -b "$S" "$TMS_URL/")" "さん、こんにちは" 'href="/analytics"'
contains "hr menu has 分析" "$("${C[@]}" -b "$H" "$TMS_URL/")" 'href="/analytics"'
# D0004 may already have an account (t50's): lend the link to ours, give it back at the end
d4=$(q "SELECT id FROM staff WHERE staff_no = 'D0004'")
prev=$(q "SELECT login FROM account WHERE staff_id = $d4 AND login <> 'anahead'")
[ -z "$prev" ] || q "UPDATE account SET staff_id = NULL WHERE login = '$prev'" >/dev/null
echo "analytics-head-password" | "$TMS_BIN/cgi/tmsctl" -c "$TMS_VAR/etc/tms-a.yaml" useradd anahead general "試験 所属長" D0004 >/dev/null
eq "unit head (D0004, 市民課) logs in" "$(login "$M" anahead analytics-head-password)" 303
eq "head: dashboards open" "$(code GET /analytics -b "$M")" 200
contains "head: on the unit they head" "$(cat "$TMP/body")" "市民課"
lacks "head: no whole-city choice" "$(cat "$TMP/body")" "市民課" '<option value="">市全体</option>'
eq "head: figures of the unit they head match the oracle" "$(csv "$M" units "unit=2010&date=2026-11-28" | srt)" "$(oracle_units 2026-11-28 2010 | srt)"
eq "head: another unit refused" "$(code GET "/analytics?unit=10" -b "$M")" 403
eq "head: another unit's CSV refused" "$(code GET "/analytics/units.csv?unit=10" -b "$M")" 403
eq "head: no unit given means their own unit" "$(code GET "/analytics/units.csv?unit=" -b "$M")" 200
lacks "head: an empty unit means their own, not the city" "$(cat "$TMP/body")" "住民記録係" "総務部"
eq "head: evaluation figures of their unit (policy: general own)" "$(code GET "/analytics/eval?unit=2010" -b "$M")" 200
eq "head: no planned (future) dates" "$(code GET "/analytics?date=2027-04-01" -b "$M")" 400
"${PSQL[@]}" -c "DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE login = 'anahead');
	UPDATE account SET disabled = true, staff_id = NULL WHERE login = 'anahead'" >/dev/null
[ -z "$prev" ] || q "UPDATE account SET staff_id = $d4 WHERE login = '$prev'" >/dev/null

# ---------------------------------------------------------------- audit, CSV form
n=$(q "SELECT count(*) FROM audit_log WHERE target = 'analytics/units.csv' AND action = 'export' AND result = 'ok'")
check "CSV downloads are audited as exports" test "$n" -gt 0
n=$(q "SELECT count(*) FROM audit_log WHERE target LIKE 'analytics%' AND action = 'deny'")
check "refusals are audited" test "$n" -gt 0
"${C[@]}" -b "$H" -D "$TMP/h" -o "$TMP/c.csv" "$TMS_URL/analytics/units.csv"
contains "CSV content type" "$(cat "$TMP/h")" "text/csv; charset=utf-8"
contains "CSV as an attachment" "$(cat "$TMP/h")" "attachment; filename=\"analytics-units-"
eq "CSV starts with the UTF-8 BOM" "$(head -c 3 "$TMP/c.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
eq "CSV lines end in CRLF" "$(head -1 "$TMP/c.csv" | od -An -c | tr -s ' ' | grep -o '\\r \\n' | head -1)" '\r \n'
eq "unknown figure: 404" "$(code GET /analytics/nothing.csv -b "$H")" 404
eq "bad date: 400" "$(code GET "/analytics?date=H31.5.1" -b "$H")" 400
eq "unknown unit: 404" "$(code GET "/analytics?unit=NOPE" -b "$H")" 404
finish
