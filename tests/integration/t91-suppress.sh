#!/bin/bash
# t91-suppress.sh: small-cell suppression against an attacker. As hr (the
# policy's k applies to every viewer), for several units and dates of the
# demo city, download every analytics CSV of that unit and date (every
# figure, every cross-tab of two dimensions in each measure, the comparison
# with another date) and treat every number shown as a linear constraint:
# the cells of a cross-tab's row add up to that value's total, shown as the
# diagonal of the cross-tab of the dimension with itself, on the headcount
# figures (所属, 職員区分, 職位) and as the age pyramid's bands; every total
# of a dimension adds up to the whole; the pyramid's columns are the
# cross-tab's genders (その他・未回答 = その他 + 未回答); the grades of the
# buckets add up to the year's 能力評価 when it is the date's year; no
# bucket has more graded people than people, no year of the date more than
# the whole, the retirement forecast no more than the regular staff. Hidden
# cells are unknowns of 0 or more (a total shown as a row, 1 or more; a
# "<k" of the old display, 1..k-1). The
# attacker then works out what it can: lines with one unknown, bounds from
# every line (whole numbers), and exact elimination. It must work out no
# hidden cell: of people, and (by elimination) of the sums of ages and of
# service that the average figures give.
. "$(dirname "$0")/lib.sh"
. "$TMS_VAR/ports"
PSQL=(psql -qAt -X -h "$TMS_VAR/run/pg" -p "$PGPORT" -U tms_owner tms)
read -r hlogin hpw < <(account hr)
H=$TMP/hr.jar
eq "hr logs in" "$(login "$H" "$hlogin" "$hpw")" 303
k=$(sed -n 's/^  k: *\([0-9]*\)$/\1/p' "$TMS_VAR/etc/policy.yaml" | head -1)
check "the policy has k >= 2 (there is something to suppress)" test "${k:-0}" -ge 2

# units: a leaf unit of a few people, small units with sub-units, the city
d1=2026-11-28 d0=2024-04-01
leaf=$("${PSQL[@]}" -c "SELECT u.code FROM org_unit u JOIN appointment a ON a.unit_id = u.id AND a.is_main AND a.valid @> date '$d1'
	JOIN staff s ON s.id = a.staff_id AND s.retire_date IS NULL
	WHERE NOT EXISTS (SELECT 1 FROM org_unit_version v WHERE v.parent_id = u.id) GROUP BY u.code HAVING count(*) BETWEEN 5 AND 12
	ORDER BY u.code LIMIT 1")
parents=$("${PSQL[@]}" -c "SELECT t.code FROM org_tree(date '$d1') t
	WHERE EXISTS (SELECT 1 FROM org_unit_version w WHERE w.parent_id = t.unit_id AND w.valid @> date '$d1')
	AND EXISTS (SELECT 1 FROM org_tree(date '$d0') t0 WHERE t0.code = t.code)
	AND (SELECT count(*) FROM ana_people(date '$d1', t.code)) BETWEEN 10 AND 30 ORDER BY t.code LIMIT 2")
check "a leaf unit of 5 to 12 people" test -n "$leaf"
check "two units of 10 to 30 people with sub-units" test "$(echo "$parents" | wc -w)" = 2
p1=${parents%%$'\n'*} p2=${parents##*$'\n'}

# fetch DIR UNIT DATE [FROM]: every CSV of the unit and date into DIR, and
# the dashboard pages (their tables and charts must hide what the CSVs hide)
fetch() {
	local dir=$1 u=$2 d=$3 from=${4:-} q="date=$3&unit=$2" f r c m bad=0
	mkdir -p "$dir"
	for f in units etype position jobtype age average service post flow retire evalyear evalunit training quals skills; do
		[ "$("${C[@]}" -b "$H" -o "$dir/$f.csv" -w '%{http_code}' "$TMS_URL/analytics/$f.csv?$q")" = 200 ] || bad=1
	done
	for f in "" flow eval dev; do
		[ "$("${C[@]}" -b "$H" -o "$dir/page-${f:-overview}.html" -w '%{http_code}' "$TMS_URL/analytics${f:+/$f}?$q")" = 200 ] || bad=1
	done
	for r in unit position etype age gender grade; do
		for c in unit position etype age gender grade; do
			for m in count age service; do
				[ "$("${C[@]}" -b "$H" -o "$dir/cx-$r-$c-$m.csv" -w '%{http_code}' \
					"$TMS_URL/analytics/crosstab.csv?$q&r=$r&c=$c&m=$m")" = 200 ] || bad=1
			done
		done
	done
	if [ -n "$from" ]; then
		[ "$("${C[@]}" -b "$H" -o "$dir/compare.csv" -w '%{http_code}' "$TMS_URL/analytics/compare.csv?$q&from=$from")" = 200 ] || bad=1
		[ "$("${C[@]}" -b "$H" -o "$dir/page-compare.html" -w '%{http_code}' "$TMS_URL/analytics/compare?$q&from=$from")" = 200 ] || bad=1
	fi
	echo "$d" > "$dir/date"
	return $bad
}

# The attacker: reads one directory (and, for the comparison, the one of
# the other date), prints "ok|what" or "nok|what|detail" lines.
attack() {
	python3 - "$@" <<'PY'
import csv, html, os, re, sys
from fractions import Fraction

DIMS = ['unit', 'position', 'etype', 'age', 'gender', 'grade']
P = 2147483647
out = []

def res(good, what, detail=''):
    out.append(('ok|' if good else 'nok|') + what + ('|' + detail if detail and not good else ''))

def table(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]

class Hidden:
    """A hidden cell and what its mark tells: "<k" is 1..k-1, anything
    else (x) only that it is 0 or more."""
    def __init__(self, mark):
        m = re.fullmatch(r'<(\d+)', mark)
        self.lo, self.hi = (1, int(m.group(1)) - 1) if m else (0, None)

def cell(s):
    """A shown number, a Hidden, or 0 for an empty cell (no one)."""
    if s == '':
        return Fraction(0)
    try:
        return Fraction(s)
    except ValueError:
        return Hidden(s)

class System:
    def __init__(self, name):
        self.name, self.obs, self.lines, self.lo, self.bad = name, {}, [], {}, []
        self.shown, self.hid, self.hi, self.aux = {}, set(), {}, set()
    def see(self, var, v, lo=0):
        """var as a figure shows it: a number, or a Hidden."""
        h = isinstance(v, Hidden)
        if var in self.shown and not h and self.shown[var] != v:
            self.bad.append('%s shown as %s and as %s' % (var, self.shown[var], v))
        if (var in self.shown and h) or (var in self.hid and not h):
            self.bad.append('%s hidden in one figure, shown in another: %s' % (var, self.shown.get(var, v)))
        if h:
            self.hid.add(var)
            self.obs.setdefault(var, None)
            self.lo[var] = max(self.lo.get(var, 0), lo, v.lo)
            if v.hi is not None:
                self.hi[var] = min(self.hi.get(var, v.hi), v.hi)
        else:
            self.shown[var] = self.obs[var] = v
    def unknown(self, var):
        """var is in the lines, whether or not a figure shows it."""
        self.obs.setdefault(var, None)
    def most(self, terms, total):
        """The cells of terms add up to at most total (a slack of 0 or more)."""
        slack = ('slack', len(self.aux))
        self.aux.add(slack)
        self.unknown(slack)
        self.line(terms + [(slack, 1), (total, -1)])
    def line(self, terms):
        self.lines.append([(v, c) for v, c in terms if v in self.obs])

def C(d1, l1, d2, l2):
    return ('C', d1, l1, d2, l2) if DIMS.index(d1) < DIMS.index(d2) else ('C', d2, l2, d1, l1)

def build(dir, meas, sysname):
    """The cross-tabs of one measure and their lines; present values."""
    s = System(sysname)
    vals = {}
    for d in DIMS:
        h, rows = table(os.path.join(dir, 'cx-%s-%s-%s.csv' % (d, d, meas)))
        vals[d] = [r[0] for r in rows]
        for i, r in enumerate(rows):
            s.see(('M', d, r[0]), cell(r[1 + i]), 1 if meas == 'count' else 0)
    for a in DIMS:
        for b in DIMS:
            if a == b:
                continue
            h, rows = table(os.path.join(dir, 'cx-%s-%s-%s.csv' % (a, b, meas)))
            for r in rows:
                for j, lab in enumerate(h[1:]):
                    s.see(C(a, r[0], b, lab), cell(r[1 + j]))
    s.unknown(('T',))
    for d in DIMS:
        s.line([(('M', d, v), 1) for v in vals[d]] + [(('T',), -1)])
    for i, a in enumerate(DIMS):
        for b in DIMS[i + 1:]:
            for va in vals[a]:
                s.line([(C(a, va, b, vb), 1) for vb in vals[b]] + [(('M', a, va), -1)])
            for vb in vals[b]:
                s.line([(C(a, va, b, vb), 1) for va in vals[a]] + [(('M', b, vb), -1)])
    return s, vals

def headcounts(dir, s):
    for f, d in (('units', 'unit'), ('etype', 'etype'), ('position', 'position')):
        h, rows = table(os.path.join(dir, f + '.csv'))
        for r in rows:
            if cell(r[1]) != 0 or ('M', d, r[0]) in s.obs:
                s.see(('M', d, r[0]), cell(r[1]), 1)
        if d == 'unit':
            tot = [cell(r[1]) for r in rows]
            s.see(('T',), Hidden('x') if any(isinstance(x, Hidden) for x in tot) else sum(tot))

def wholes(dir, s):
    """Figures whose rows add up to everyone: more lines with the whole;
    the training figure's staff are the buckets' people."""
    for f in ('jobtype', 'service', 'post'):
        h, rows = table(os.path.join(dir, f + '.csv'))
        for r in rows:
            s.see(('W', f, r[0]), cell(r[1]))
        s.line([(('W', f, r[0]), 1) for r in rows] + [(('T',), -1)])
    h, rows = table(os.path.join(dir, 'training.csv'))
    j = h.index('在籍者数')
    for r in rows:
        if ('M', 'unit', r[0]) in s.obs or cell(r[j]) != 0:
            s.see(('M', 'unit', r[0]), cell(r[j]), 1)

def pages(dir, what):
    """Each chart's table on the dashboard pages shows the CSV's cells, and
    no tooltip of its chart gives a number for a cell the CSV hides."""
    bad = []
    n = 0
    for f in sorted(os.listdir(dir)):
        if not f.startswith('page-'):
            continue
        doc = open(os.path.join(dir, f), encoding='utf-8').read()
        for key, sec in re.findall(r'<section class="card chart-card" aria-labelledby="h-([a-z]+)">(.*?)</section>', doc, re.S):
            csvf = os.path.join(dir, key + '.csv')
            if not os.path.exists(csvf):
                continue
            h, rows = table(csvf)
            want = [c if c != '' else '—' for r in rows for c in r[1:]]
            got = [html.unescape(c) for c in re.findall(r'<td class="num">([^<]*)</td>', sec)]
            n += 1
            if got != want:
                bad.append('%s %s: table %s, CSV %s' % (f, key, got[:12], want[:12]))
            tips = [html.unescape(t) for t in re.findall(r'<rect [^>]*><title>([^<]*)</title>', sec)]
            for r in rows:
                for j, lab in enumerate(h[1:]):
                    if isinstance(cell(r[1 + j]), Hidden):
                        pre = '%s %s: ' % (r[0], lab)
                        bad += ['%s %s: tooltip %s' % (f, key, t) for t in tips if t.startswith(pre) and re.match(r'\d', t[len(pre):])]
    res(n > 0 and not bad, '%s: the pages\' %d tables show what the CSVs show, the charts no hidden number' % (what, n),
        '; '.join(bad[:4]))

def pyramid(dir, s, vals):
    h, rows = table(os.path.join(dir, 'age.csv'))
    g = {'男性': '男性', '女性': '女性'}
    others = [v for v in ('その他', '未回答') if v in vals['gender']]
    for r in rows:
        band = r[0]
        for j, lab in enumerate(h[1:]):
            v = cell(r[1 + j])
            if band not in vals['age'] or (lab in g and g[lab] not in vals['gender']) or (lab not in g and not others):
                if v != 0:
                    s.bad.append('pyramid %s %s is %s where nobody is' % (band, lab, v))
                continue
            s.see(C('age', band, 'gender', g[lab]) if lab in g else ('P', band), v)
    if others:
        for band in vals['age']:
            s.line([(('P', band), 1)] + [(C('age', band, 'gender', o), -1) for o in others])
            s.line([(C('age', band, 'gender', x), 1) for x in ('男性', '女性') if x in vals['gender']]
                   + [(('P', band), 1), (('M', 'age', band), -1)])
        s.line([(('P', b), 1) for b in vals['age']] + [(('M', 'gender', o), -1) for o in others])

def evals(dir, s, date):
    hy, ry = table(os.path.join(dir, 'evalyear.csv'))
    hu, ru = table(os.path.join(dir, 'evalunit.csv'))
    for r in ry:
        for j, lab in enumerate(hy[1:]):
            s.see(('EY', r[0], lab), cell(r[1 + j]))
    for r in ru:
        for j, lab in enumerate(hu[1:]):
            s.see(('EU', r[0], lab), cell(r[1 + j]))
    y, m = int(date[:4]), int(date[5:7])
    fy = y if m >= 4 else y - 1
    if ru and all(r[0].endswith('（%d年度）' % fy) for r in ru):
        for lab in hu[1:]:
            s.line([(('EU', r[0], lab), 1) for r in ru] + [(('EY', '%d年度 能力評価' % fy, lab), -1)])
    # no more graded people than people: in a bucket, and this year's in all
    for r in ru:
        b = ('M', 'unit', re.sub(r'（\d+年度）$', '', r[0]))
        s.unknown(b) if b in s.obs else s.see(b, Fraction(0))
        s.most([(('EU', r[0], lab), 1) for lab in hu[1:]], b)
    for r in ry:
        if r[0].startswith('%d年度 ' % fy):
            s.most([(('EY', r[0], lab), 1) for lab in hy[1:]], ('T',))
    # the retirement forecast counts regular staff
    h, rows = table(os.path.join(dir, 'retire.csv'))
    for r in rows:
        s.see(('R', r[0]), cell(r[1]))
    reg = ('M', 'etype', '正規')
    s.unknown(reg) if reg in s.obs else s.see(reg, Fraction(0))
    s.most([(('R', r[0]), 1) for r in rows], reg)

def attack(s, structural):
    """Cells of s the lines give away, with their values where worked out.
    structural: the values are averages, not sums: elimination only."""
    known = {v: x for v, x in s.obs.items() if x is not None}
    hidden = [v for v, x in s.obs.items() if x is None]
    shown = [v for v in hidden if v not in s.aux]
    found = {}
    lines = s.lines
    # the lines that hold on what is shown
    if not structural:
        for ln in lines:
            if all(v in known for v, c in ln) and sum(known[v] * c for v, c in ln) != 0:
                s.bad.append('a line does not add up: %s' % [(v, known[v], c) for v, c in ln])
        lo = {v: Fraction(s.lo.get(v, 0)) for v in hidden}
        hi = {v: (Fraction(s.hi[v]) if v in s.hi else None) for v in hidden}
        for _ in range(60):
            changed = False
            for ln in lines:
                unk = [(v, c) for v, c in ln if v not in known]
                if not unk:
                    continue
                rest = -sum(known[v] * c for v, c in ln if v in known)
                for v, c in unk:
                    # c*v = rest - sum(others)
                    omin, omax = Fraction(0), Fraction(0)
                    for w, cw in unk:
                        if w == v:
                            continue
                        a, b = (lo[w], hi[w]) if cw > 0 else ((-hi[w] if hi[w] is not None else None), -lo[w])
                        omin = None if omin is None or a is None else omin + a
                        omax = None if omax is None or b is None else omax + b
                    if c > 0:
                        nlo = None if omax is None else rest - omax
                        nhi = None if omin is None else rest - omin
                    else:
                        nlo = None if omin is None else omin - rest
                        nhi = None if omax is None else omax - rest
                    if nlo is not None:
                        nlo = -((-nlo.numerator) // nlo.denominator)
                        if nlo > lo[v]:
                            lo[v], changed = Fraction(nlo), True
                    if nhi is not None:
                        nhi = nhi.numerator // nhi.denominator
                        if hi[v] is None or nhi < hi[v]:
                            hi[v], changed = Fraction(nhi), True
            if not changed:
                break
        for v in shown:
            if hi[v] is not None and lo[v] >= hi[v]:
                found[v] = lo[v]
    # exact elimination (modulo a large prime): e_v in the span of the lines
    idx = {v: i for i, v in enumerate(hidden)}
    par = list(range(len(hidden)))
    def root(x):
        while par[x] != x:
            par[x] = par[par[x]]
            x = par[x]
        return x
    rows = []
    for ln in lines:
        r = {}
        for v, c in ln:
            if v in idx:
                r[idx[v]] = (r.get(idx[v], 0) + c) % P
        r = {k: x for k, x in r.items() if x}
        if r:
            ks = list(r)
            for k in ks[1:]:
                par[root(k)] = root(ks[0])
            rows.append(r)
    groups = {}
    for r in rows:
        groups.setdefault(root(next(iter(r))), []).append(r)
    for g in groups.values():
        piv = {}                      # column -> reduced row
        for r in g:
            r = dict(r)
            for col in sorted(r):
                if col in r and col in piv:
                    f = r[col]
                    for k, x in piv[col].items():
                        r[k] = (r.get(k, 0) - f * x) % P
                        if r[k] == 0:
                            del r[k]
            if not r:
                continue
            col = min(r)
            inv = pow(r[col], P - 2, P)
            r = {k: x * inv % P for k, x in r.items()}
            for c2, pr in piv.items():
                if col in pr:
                    f = pr[col]
                    for k, x in r.items():
                        pr[k] = (pr.get(k, 0) - f * x) % P
                        if pr[k] == 0:
                            del pr[k]
            piv[col] = r
        for col, r in piv.items():
            if len(r) == 1 and hidden[col] not in found and hidden[col] not in s.aux:
                found[hidden[col]] = 'by elimination'
    return found

def report(s, what, structural=False):
    found = attack(s, structural)
    res(not s.bad, what + ': the figures agree with each other', '; '.join(map(str, s.bad[:5])))
    res(not found, what + ': no hidden cell can be worked out',
        '; '.join('%s = %s' % (v, x) for v, x in list(found.items())[:8]) + (' (%d in all)' % len(found)))
    return found

dir = sys.argv[1]
date = open(os.path.join(dir, 'date')).read().strip()
tag = sys.argv[2]
cnt, vals = build(dir, 'count', 'people')
headcounts(dir, cnt)
wholes(dir, cnt)
pyramid(dir, cnt, vals)
evals(dir, cnt, date)
nh = sum(1 for v, x in cnt.obs.items() if x is None and v not in cnt.aux)
res(nh > 0, '%s: some cells of people are hidden (%d)' % (tag, nh))
report(cnt, tag + ' people')
pages(dir, tag)


for meas, col, name in (('age', '平均年齢（歳）', 'ages'), ('service', '平均勤続年数（年）', 'service')):
    s, _ = build(dir, meas, name)
    h, rows = table(os.path.join(dir, 'average.csv'))
    j = h.index(col)
    for r in rows:
        var = ('T',) if r[0] == '全体' else ('M', 'unit', r[0])
        if var in s.obs or r[j] != '':
            s.see(var, cell(r[j]))
    if meas == 'age' and os.path.exists(os.path.join(dir, 'compare.csv')):
        h, rows = table(os.path.join(dir, 'compare.csv'))
        j = h.index('平均年齢（%s）' % date)
        for r in rows:
            var = ('T',) if r[0] == '全体' else ('M', 'unit', r[0])
            if var in s.obs or r[j] != '':
                s.see(var, cell(r[j]))
    leaked = [v for v in cnt.hid if v in s.shown]
    res(not leaked, '%s %s: every hidden count has its average hidden' % (tag, name), str(leaked[:5]))
    report(s, '%s %s (sums)' % (tag, name), True)

for line in out:
    print(line)
PY
}

n=0
for ud in "$leaf:$d1" "$p1:$d1" "$p2:$d1:$d0" "$p2:$d0" ":$d1"; do
	IFS=: read -r u d from <<<"$ud"
	dir=$TMP/a$n; n=$((n + 1))
	check "all CSVs of ${u:-city} on $d" fetch "$dir" "$u" "$d" "$from"
	while IFS='|' read -r st what detail; do
		if [ "$st" = ok ]; then ok "$what"; else nok "$what" "$detail"; fi
	done < <(attack "$dir" "${u:-city} $d")
done
finish
