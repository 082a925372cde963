#!/bin/bash
# t65-cache.sh: the workers' result cache (lib/qcache.c) never shows data
# older than the database: a change committed behind the application's back
# (plain SQL as the schema owner) is on the very next page of every worker,
# for the profile, the directory, the organisation chart and the options.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
read -r slogin spw < <(account general)
S=$TMP/staff.jar
eq "staff logs in" "$(login "$S" "$slogin" "$spw")" 303
get() { "${C[@]}" -b "$S" "$TMS_URL$1"; }
# every worker of both pools: nginx spreads requests, so ask often enough
# that each worker has the old result cached before the change
warm() { local i; for i in $(seq 16); do get "$1" >/dev/null; done; }
all() { # all DESCRIPTION PATH NEEDLE: 16 answers in a row contain NEEDLE
	local i miss=0
	for i in $(seq 16); do case $(get "$2") in *"$3"*) ;; *) miss=$((miss + 1)) ;; esac; done
	eq "$1" "$miss" 0
}

pid=$("${PSQL[@]}" -c "SELECT id FROM staff WHERE staff_no = 'D0005'")
intro=$("${PSQL[@]}" -c "SELECT self_intro FROM staff WHERE id = $pid")
etype=$("${PSQL[@]}" -c "SELECT employment_type FROM staff WHERE id = $pid")
v0=$("${PSQL[@]}" -c "SELECT v FROM data_version")

warm "/staff/$pid"
"${PSQL[@]}" -c "UPDATE staff SET self_intro = 'キャッシュ試験の自己紹介' WHERE id = $pid"
v1=$("${PSQL[@]}" -c "SELECT v FROM data_version")
check "a change moves the data version on ($v0 -> $v1)" [ "$v1" -gt "$v0" ]
all "profile shows the new self-introduction at once, on every worker" "/staff/$pid" "キャッシュ試験の自己紹介"

warm "/api/staff?q=D0005"
"${PSQL[@]}" -c "UPDATE staff SET employment_type = 'reappointed' WHERE id = $pid"
[ "$etype" != reappointed ] || nok "fixture D0005 is not 再任用 already"
all "directory shows the new 職員区分 at once" "/api/staff?q=D0005" '"etype":"再任用"'

warm "/org"
"${PSQL[@]}" -c "UPDATE org_unit_version SET name = '住民記録試験係'
	WHERE unit_id = (SELECT id FROM org_unit WHERE code = '201020') AND valid @> CURRENT_DATE"
all "organisation chart shows a renamed unit at once" "/org" "住民記録試験係"
all "the unit filter options too" "/staff" ">　　住民記録試験係</option>"

# rolled back changes do not move the version
v2=$("${PSQL[@]}" -c "SELECT v FROM data_version")
"${PSQL[@]}" -c "BEGIN; UPDATE staff SET self_intro = 'x' WHERE id = $pid; ROLLBACK"
eq "a rolled back change leaves the version" "$("${PSQL[@]}" -c "SELECT v FROM data_version")" "$v2"

# restore the fixture
"${PSQL[@]}" -c "UPDATE org_unit_version SET name = '住民記録係'
	WHERE unit_id = (SELECT id FROM org_unit WHERE code = '201020') AND valid @> CURRENT_DATE"
echo "UPDATE staff SET self_intro = :'intro', employment_type = :'etype' WHERE id = $pid" |
	"${PSQL[@]}" -v intro="$intro" -v etype="$etype"
all "restored fixture shown again" "/staff/$pid" "温泉めぐり"
finish
