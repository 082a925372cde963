#!/bin/bash
# t12-routes.sh: typed route captures (cgi/dispatch.c types[], lib/route.c).
# A capture that does not hold what the route says (digits for :id, a code
# for :code, a known name for :master, :page, :chart, :export, one of the
# listed words for :kind(...)) is no route at all: the Japanese 404 of an
# unknown path, before the session or the CSRF check is asked (so even
# without a session, and a POST without a token); valid ones still work.
. "$(dirname "$0")/lib.sh"

read -r hlogin hpw < <(account hr)
H=$TMP/hr.jar
eq "hr logs in" "$(login "$H" "$hlogin" "$hpw")" 303

SID=$(q "SELECT min(id) FROM staff")
UNIT=$(q "SELECT min(code) FROM org_unit")
POS=$(q "SELECT min(code) FROM position")
DUTY=$(q "SELECT coalesce(min(id), 0) FROM duty")
NF="お探しのページは見つかりませんでした"

# is404 DESCRIPTION METHOD PATH [curl args...]: 404 with the unknown-path page
is404() {
	local d=$1 st; shift
	st=$(code "$@")
	if [ "$st" = 404 ] && grep -q "$NF" "$TMP/body"; then ok "$d"
	else nok "$d" "status $st" "$(head -c 300 "$TMP/body")"; fi
}
hget() { code GET "$1" -b "$H"; }

# ---- captures that are not what the route says: 404 like an unknown path
is404 "/staff/12x" GET /staff/12x -b "$H"
is404 "/staff/-1" GET /staff/-1 -b "$H"
is404 "/staff/ 19 digits" GET /staff/1234567890123456789 -b "$H"
is404 "/staff/1e3" GET /staff/1e3 -b "$H"
is404 "/staff/12x/edit" GET /staff/12x/edit -b "$H"
is404 "/api/staff/abc" GET /api/staff/abc -b "$H"
is404 "/photos/x" GET /photos/x -b "$H"
is404 "/admin/masters/bogus-kind" GET /admin/masters/bogus-kind -b "$H"
is404 "/admin/masters/positions/a.b (not a code)" GET /admin/masters/positions/a.b -b "$H"
is404 "/admin/masters/positions/<21 bytes>" GET /admin/masters/positions/abcdefghijklmnopqrstu -b "$H"
is404 "/admin/org/a.b (not a code)" GET /admin/org/a.b -b "$H"
is404 "/analytics/nope" GET /analytics/nope -b "$H"
is404 "/analytics/nope.csv" GET /analytics/nope.csv -b "$H"
is404 "/analytics/flow.txt" GET /analytics/flow.txt -b "$H"
is404 "/admin/export/staff (no .csv)" GET /admin/export/staff -b "$H"
is404 "/admin/export/bogus.csv" GET /admin/export/bogus.csv -b "$H"
is404 "/duties/abc" GET /duties/abc -b "$H"
is404 "/wishes/abc" GET /wishes/abc -b "$H"
is404 "/wishes/1/staff/x" GET /wishes/1/staff/x -b "$H"
# before the CSRF check: a POST without a token to a path that is no route
is404 "POST /staff/ID/records/bogus" POST "/staff/$SID/records/bogus" -b "$H" -d x=1
is404 "POST /staff/ID/records/quals/x/delete" POST "/staff/$SID/records/quals/x/delete" -b "$H" -d x=1
is404 "POST /tasks/x" POST /tasks/x -b "$H" -d x=1
is404 "POST /admin/import/x/commit" POST /admin/import/x/commit -b "$H" -d x=1
is404 "POST /duties/1/assign/x/end" POST /duties/1/assign/x/end -b "$H" -d x=1
# before the session: no login redirect for a path that is no route
is404 "no session: /staff/12x is 404, not a login redirect" GET /staff/12x
eq "no session: /staff/ID still redirects to the login page" "$(code GET "/staff/$SID")" 303
# a valid path with the wrong method is still 405, an invalid one 404
eq "GET /staff/ID/retire is 405" "$(hget "/staff/$SID/retire")" 405
is404 "GET /staff/x/retire is 404" GET /staff/x/retire -b "$H"

# ---- valid captures still reach their handlers
eq "/staff/ID" "$(hget "/staff/$SID")" 200
eq "/staff/ID/edit" "$(hget "/staff/$SID/edit")" 200
eq "/staff/new is not taken for an :id" "$(hget /staff/new)" 200
eq "/api/staff/ID" "$(hget "/api/staff/$SID")" 200
eq "/staff/<18 digits> reaches the handler (no such person)" "$(hget /staff/123456789012345678)" 404
contains "  ... whose 404 is its own" "$(cat "$TMP/body")" "職員が見つかりません"
eq "/admin/masters/positions" "$(hget /admin/masters/positions)" 200
eq "/admin/masters/positions/CODE" "$(hget "/admin/masters/positions/$POS")" 200
eq "/admin/masters/job-types" "$(hget /admin/masters/job-types)" 200
eq "/admin/org/CODE" "$(hget "/admin/org/$UNIT")" 200
eq "/analytics/flow" "$(hget /analytics/flow)" 200
eq "/analytics/crosstab" "$(hget /analytics/crosstab)" 200
eq "/analytics/compare" "$(hget /analytics/compare)" 200
eq "/analytics/age.csv" "$(hget /analytics/age.csv)" 200
eq "/analytics/crosstab.csv" "$(hget /analytics/crosstab.csv)" 200
eq "/admin/export/units.csv" "$(hget /admin/export/units.csv)" 200
contains "  ... is the units CSV" "$(head -c 200 "$TMP/body")" "所属コード,所属名"
eq "/wishes/team" "$(hget /wishes/team)" 200
if [ "$DUTY" != 0 ]; then
	eq "/duties/ID" "$(hget "/duties/$DUTY")" 200
else
	nok "the demo city has duties" "no duty row"
fi
eq "POST /staff/ID/records/quals without a token: past the route, refused by CSRF" \
	"$(code POST "/staff/$SID/records/quals" -b "$H" -d x=1)" 403

finish
