#!/bin/bash
# t52-asof-grants.sh: who may see what comes from the relations of today; a
# past as-of date only chooses the data shown. A former unit-mate or former
# head of a person, looking at a date when they were related, gets neither
# today's e-mail and extension nor the person's 意向 answers or evaluations,
# nor the former head's rights on the unit's duties and analytics; people
# related today keep what the policy gives them, whatever the date.
. "$(dirname "$0")/lib.sh"
pw="asof-grants-password-1"
D=2023-06-01

# X: a person with an e-mail, an extension, evaluations and submitted 意向
# answers. H headed X's unit UD on D, is no relation of X today and no
# longer heads UD; M was in UD on D (not as head) and is no relation today;
# M2 is in X's unit today (not as head); H2 heads X's unit U2 today (U2
# existed on D). Nobody here is a fixture (D…, T…) or has an account of
# another test.
read -r X H UD M M2 H2 U2 < <(q "
WITH free AS (SELECT s.id FROM staff s WHERE staff_active(s, CURRENT_DATE) AND s.staff_no !~ '^[DT]'
  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id AND a.login !~ '^t52')),
x AS (SELECT s.id FROM staff s JOIN free USING (id) WHERE s.email IS NOT NULL AND s.phone_ext IS NOT NULL
  AND EXISTS (SELECT 1 FROM wish_answer w WHERE w.staff_id = s.id AND w.status = 'submitted')
  AND EXISTS (SELECT 1 FROM evaluation e WHERE e.staff_id = s.id)),
hd AS (SELECT a.staff_id AS h, a.unit_id AS ud FROM appointment a JOIN free ON free.id = a.staff_id
  JOIN position p ON p.code = a.position_code AND p.is_head WHERE a.is_main AND a.valid @> date '$D'),
hx AS (SELECT hd.h, r.staff_id AS x, hd.ud FROM hd CROSS JOIN LATERAL staff_relations(hd.h, date '$D') r
  WHERE r.rel & 2 <> 0 AND r.staff_id IN (SELECT id FROM x) AND r.staff_id <> hd.h
  AND EXISTS (SELECT 1 FROM appointment a WHERE a.staff_id = r.staff_id AND a.unit_id = hd.ud AND a.valid @> date '$D')
  AND NOT EXISTS (SELECT 1 FROM staff_relations(hd.h, CURRENT_DATE) t WHERE t.staff_id = r.staff_id)
  AND hd.ud <> ALL ((viewer_scope(hd.h, CURRENT_DATE)).supervised))
SELECT hx.x, hx.h, (SELECT code FROM org_unit WHERE id = hx.ud), m.id, m2.id, h2.id, h2.code FROM hx
CROSS JOIN LATERAL (SELECT a.staff_id AS id FROM appointment a JOIN free ON free.id = a.staff_id
  WHERE a.valid @> date '$D' AND a.unit_id = hx.ud AND a.staff_id <> hx.x
  AND staff_rel(hx.x, a.staff_id, date '$D') = 12 AND staff_rel(hx.x, a.staff_id, CURRENT_DATE) = 8
  ORDER BY 1 LIMIT 1) m
CROSS JOIN LATERAL (SELECT a.staff_id AS id FROM appointment a JOIN free ON free.id = a.staff_id
  WHERE a.valid @> CURRENT_DATE AND a.unit_id IN (SELECT unit_id FROM appointment WHERE staff_id = hx.x AND valid @> CURRENT_DATE)
  AND a.staff_id <> hx.x AND staff_rel(hx.x, a.staff_id, CURRENT_DATE) = 12 ORDER BY 1 LIMIT 1) m2
CROSS JOIN LATERAL (SELECT a.staff_id AS id, u.code FROM appointment a JOIN free ON free.id = a.staff_id
  JOIN position p ON p.code = a.position_code AND p.is_head JOIN org_unit u ON u.id = a.unit_id
  WHERE a.valid @> CURRENT_DATE AND a.is_main AND a.staff_id <> hx.x AND a.unit_id IN (SELECT unit_id FROM appointment
    WHERE staff_id = hx.x AND is_main AND valid @> CURRENT_DATE) AND staff_rel(hx.x, a.staff_id, CURRENT_DATE) & 2 <> 0
  AND EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = a.unit_id AND v.valid @> date '$D')
  ORDER BY 1 LIMIT 1) h2
ORDER BY hx.h, hx.x LIMIT 1" | tr '|' ' ')
check "fixture: person $X, former head $H (unit $UD), former mate $M, mate $M2, head $H2 (unit $U2)" \
	test -n "$X" -a -n "$H" -a -n "$UD" -a -n "$M" -a -n "$M2" -a -n "$H2" -a -n "$U2"
read -r mail ext < <(q "SELECT email, phone_ext FROM staff WHERE id = $X" | tr '|' ' ')
no() { q "SELECT staff_no FROM staff WHERE id = $1"; }
for v in formerhead:$H formermate:$M mate:$M2 head:$H2; do
	echo "$pw" | "${CTL[@]}" useradd "t52${v%%:*}" general "試験 ${v%%:*}" "$(no "${v##*:}")" >/dev/null
	eq "${v%%:*} logs in" "$(login "$TMP/${v%%:*}.jar" "t52${v%%:*}" "$pw")" 303
done
jm=${mail//\//\\\/}	# json-c escapes '/'

# profile(VIEWER FORMAT): the profile of X as of D
profile() {
	local p=/staff/$X; [ "$2" = json ] && p=/api/staff/$X
	"${C[@]}" -b "$TMP/$1.jar" -o "$TMP/$1.$2" -w '%{http_code}' "$TMS_URL$p?asof=$D"
}
shows() { grep -qF -- "$2" "$TMP/$1" && echo Y || echo N; }

# the former unit-mate: a colleague like anyone else
eq "former mate: profile as of $D (JSON)" "$(profile formermate json)" 200
eq "former mate: it is the profile as of then" "$(shows formermate.json "\"asof\":\"$D\"")" Y
eq "former mate: no e-mail" "$(shows formermate.json "$jm")" N
eq "former mate: no extension" "$(shows formermate.json '"phoneExt"')" N
eq "former mate: profile as of $D (HTML)" "$(profile formermate html)" 200
eq "former mate: no e-mail in the page" "$(shows formermate.html "$mail")" N
eq "former mate: no contact section in the page" "$(shows formermate.html '<dt>内線</dt>')" N

# the former head: no contact, no evaluations, no 意向
eq "former head: profile as of $D (JSON)" "$(profile formerhead json)" 200
eq "former head: it is the profile as of then" "$(shows formerhead.json "\"asof\":\"$D\"")" Y
eq "former head: no e-mail" "$(shows formerhead.json "$jm")" N
eq "former head: no 意向 answers" "$(shows formerhead.json '"wishes"')" N
eq "former head: no evaluations" "$(shows formerhead.json '"evaluations"')" N
eq "former head: profile as of $D (HTML)" "$(profile formerhead html)" 200
eq "former head: no e-mail in the page" "$(shows formerhead.html "$mail")" N
eq "former head: no 意向 section in the page" "$(shows formerhead.html 'id="h-wishes"')" N
eq "former head: no evaluations in the page" "$(shows formerhead.html 'id="h-evals"')" N

# related today: what the policy gives, also for a past date
eq "mate today: profile as of $D (JSON)" "$(profile mate json)" 200
eq "mate today: e-mail" "$(shows mate.json "$jm")" Y
eq "mate today: extension" "$(shows mate.json "\"phoneExt\":\"$ext\"")" Y
eq "mate today: profile as of $D (HTML)" "$(profile mate html)" 200
eq "mate today: e-mail in the page" "$(shows mate.html "$mail")" Y
eq "mate today: no 意向 answers (not a supervisor)" "$(shows mate.json '"wishes"')" N
eq "head today: profile as of $D (JSON)" "$(profile head json)" 200
eq "head today: e-mail" "$(shows head.json "$jm")" Y
eq "head today: 意向 answers" "$(shows head.json '"wishes":[{')" Y
eq "head today: evaluations" "$(shows head.json '"evaluations":[{')" Y
eq "head today: profile as of $D (HTML)" "$(profile head html)" 200
eq "head today: 意向 section in the page" "$(shows head.html 'id="h-wishes"')" Y

# Unit rights follow today's headship too: duties and analytics
eq "former head: the duty register of their former unit as of $D" \
	"$(code GET "/duties?unit=$UD&asof=$D" -b "$TMP/formerhead.jar")" 200
eq "former head: may not register duties there" "$(shows body '業務を登録')" N
eq "head today: the duty register of their unit as of $D" "$(code GET "/duties?unit=$U2&asof=$D" -b "$TMP/head.jar")" 200
eq "head today: may register duties there" "$(shows body '業務を登録')" Y
eq "former head: no analytics of their former unit as of $D" \
	"$(code GET "/analytics?unit=$UD&date=$D" -b "$TMP/formerhead.jar")" 403
eq "head today: analytics of their unit as of $D" "$(code GET "/analytics?unit=$U2&date=$D" -b "$TMP/head.jar")" 200

# the accounts go (their people stay as they were)
q "DELETE FROM session WHERE account_id IN (SELECT id FROM account WHERE login LIKE 't52%');
	UPDATE account SET disabled = true, staff_id = NULL WHERE login LIKE 't52%'" >/dev/null
finish
