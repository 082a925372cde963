/* ana_grid.c: analytics figures as a grid of rows x columns, loaded from the
 * long shape every sql/040 figure returns, and shown three ways: SVG chart
 * geometry (drawn by templates/analytics/index.cs as <rect>/<text>, so no
 * script and no inline style), an HTML table and a CSV file. Small-cell
 * suppression is decided here, for all the figures of a unit and date at
 * once (grid_suppress, then amodel_build and grid_hide_*), and every
 * rendering reads the same cell text, so a hidden cell can never leak as a
 * number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ana.h"
#include "csv.h"
#include "view.h"

#define SVG_W		360.0
#define NSERIES		6

static int
col_find(const struct grid *g, const char *key)
{
	int j;

	for (j = 0; j < g->nc; j++)
		if (strcmp(g->ckey[j], key) == 0)
			return j;
	return -1;
}

static int
row_find(const struct grid *g, const char *key)
{
	int i;

	for (i = g->nr - 1; i >= 0; i--)
		if (strcmp(g->rkey[i], key) == 0)
			return i;
	return -1;
}

static int
in_list(const char *list, const char *key)
{
	size_t l = strlen(key);
	const char *p = list;

	if (list == NULL)
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	while ((p = strstr(p, key)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[l] == ',' || p[l] == '\0'))
			return 1;
		p += l;
	}
	return 0;
}

/* Columns first (ordered by cord, column 7), then cells; `chart` keeps the
 * rows of one figure (column 8) of a page's result and `only` one column
 * (two figures from one function). Rows keep the SQL order. */
#define SKIP(t)	(chart && strcmp(PQgetvalue(r, t, 8), chart) != 0)
void
grid_load(struct grid *g, PGresult *r, const char *chart, const char *only)
{
	int i, j, t, nt = r ? PQntuples(r) : 0, cord[GRID_MAXC];

	memset(g, 0, sizeof(*g));
	for (t = 0; t < nt; t++) {
		const char *ck = PQgetvalue(r, t, 2);
		int o = atoi(PQgetvalue(r, t, 7));
		if (SKIP(t) || (only && strcmp(ck, only) != 0) || col_find(g, ck) >= 0)
			continue;
		if (g->nc == GRID_MAXC) {
			g->truncated = 1;
			continue;
		}
		for (j = g->nc; j > 0 && cord[j - 1] > o; j--) {
			cord[j] = cord[j - 1];
			memcpy(g->ckey[j], g->ckey[j - 1], sizeof(g->ckey[0]));
			memcpy(g->clabel[j], g->clabel[j - 1], sizeof(g->clabel[0]));
		}
		cord[j] = o;
		snprintf(g->ckey[j], sizeof(g->ckey[0]), "%s", ck);
		snprintf(g->clabel[j], sizeof(g->clabel[0]), "%s", PQgetvalue(r, t, 3));
		g->nc++;
	}
	for (t = 0; t < nt; t++) {
		const char *rk = PQgetvalue(r, t, 0);
		if (SKIP(t) || (j = col_find(g, PQgetvalue(r, t, 2))) < 0)
			continue;
		if ((i = row_find(g, rk)) < 0) {
			if (g->nr == GRID_MAXR) {
				g->truncated = 1;
				continue;
			}
			i = g->nr++;
			snprintf(g->rkey[i], sizeof(g->rkey[0]), "%s", rk);
			snprintf(g->rlabel[i], sizeof(g->rlabel[0]), "%s", PQgetvalue(r, t, 1));
		}
		g->has[i][j] = !PQgetisnull(r, t, 4);
		g->val[i][j] = g->has[i][j] ? strtod(PQgetvalue(r, t, 4), NULL) : 0;
		g->n[i][j] = PQgetisnull(r, t, 5) ? -1 : atol(PQgetvalue(r, t, 5));
		g->base[i][j] = PQgetisnull(r, t, 6) ? -1 : strtod(PQgetvalue(r, t, 6), NULL);
	}
}

/* Cells of sensitive columns (comma list, "*" = all) built from 1..k-1
 * people are suppressed (primary suppression; the cells that protect them
 * come from the functions below). */
void
grid_suppress(struct grid *g, const char *sens, int k)
{
	int i, j;

	for (j = 0; j < g->nc; j++) {
		if (!in_list(sens, g->ckey[j]))
			continue;
		for (i = 0; i < g->nr; i++)
			if (g->n[i][j] > 0 && g->n[i][j] < k)
				g->sup[i][j] = 1;
	}
}

/* ---------------------------------------------------------------- suppression across figures
 *
 * Hiding each small cell alone is not enough: a reader who sees the other
 * cells of its row and the row's total, here or in another figure of the
 * same unit and date, gets it back by subtraction. So suppression is
 * decided for all the figures of a unit and date at once, as one system of
 * cells and of the sums a reader can check ("lines": the cells of a row of
 * a cross-tab add up to the row's total, which is a cell of another figure:
 * the pyramid's age bands are the age totals of every cross-tab by age).
 *
 *  1. Cells of 1..k-1 people are hidden (primary).
 *  2. While a line has exactly one hidden cell, one more of its cells is
 *     hidden (secondary): one that is not 0 if there is one, preferring a
 *     cell that also completes other such lines, then the smallest.
 *  3. An audit then works the hidden cells out as a reader would: bounds
 *     from every line (no cell is below 0; a total shown as a row of a
 *     cross-tab is at least 1; "at most" lines, such as no more graded
 *     people in a bucket than people), then exact elimination. Next to any
 *     hidden cell it can work out one more cell is hidden, and so on until
 *     it works out none.
 *
 * Every hidden cell reads GRID_HIDDEN ("x", as 秘匿 in official tables):
 * a reader cannot tell a small cell from one hidden to protect it, so knows
 * only that it is 0 or more. A 0 is shown as 0 (a structural zero, which
 * the published totals mostly tell anyway) except when a line has no other
 * cell left to hide: then it is hidden like any other.
 *
 * The model has three systems over the same cells: people (COUNT), the sum
 * of their ages (what average ages give away, times the people) and of
 * their days of service. A cell whose people are hidden has its averages
 * hidden too, or average x people would give the people back. */

enum { S_SHOWN, S_HIDDEN, S_PUBLIC };	/* public: shown elsewhere unsuppressed */
#define BIG	1e300			/* no bound */

/* Lines over cells 0..nc-1: each says that its cells, each taken +1 or -1,
 * add up to 0 (a row's cells minus the row's total). */
struct lines {
	int		 nc, nl, ni, capl, capi;
	int		*ls;		/* line l is it[ls[l]] .. it[ls[l + 1] - 1] */
	int		*it;		/* cells */
	signed char	*co;		/* their signs */
	int		*cs, *cl;	/* lines of cell c: cl[cs[c]] .. cl[cs[c + 1] - 1], in order */
};

static void
lines_init(struct lines *L, int nc)
{
	memset(L, 0, sizeof(*L));
	L->nc = nc;
	L->capl = 64;
	L->capi = 512;
	L->ls = xcalloc(L->capl + 1, sizeof(int));
	L->it = xcalloc(L->capi, sizeof(int));
	L->co = xcalloc(L->capi, 1);
}

static void
lines_free(struct lines *L)
{
	free(L->ls);
	free(L->it);
	free(L->co);
	free(L->cs);
	free(L->cl);
}

/* A cell of the line being built (c < 0: none, skipped). */
static void
line_add(struct lines *L, int c, int co)
{
	if (c < 0)
		return;
	if (L->ni == L->capi) {
		L->capi *= 2;
		L->it = xrealloc(L->it, (size_t)L->capi * sizeof(int));
		L->co = xrealloc(L->co, (size_t)L->capi);
	}
	L->it[L->ni] = c;
	L->co[L->ni++] = (signed char)co;
}

/* Close the line being built; one of a single cell says nothing to keep. */
static void
line_end(struct lines *L)
{
	if (L->ni - L->ls[L->nl] < 2) {
		L->ni = L->ls[L->nl];
		return;
	}
	if (L->nl + 1 == L->capl) {
		L->capl *= 2;
		L->ls = xrealloc(L->ls, (size_t)(L->capl + 1) * sizeof(int));
	}
	L->ls[++L->nl] = L->ni;
}

static void
lines_index(struct lines *L)
{
	int c, l, i, *fill = xcalloc(L->nc, sizeof(int));

	L->cs = xcalloc(L->nc + 1, sizeof(int));
	L->cl = xcalloc(L->ni, sizeof(int));
	for (i = 0; i < L->ni; i++)
		L->cs[L->it[i] + 1]++;
	for (c = 0; c < L->nc; c++)
		L->cs[c + 1] += L->cs[c];
	for (l = 0; l < L->nl; l++)
		for (i = L->ls[l]; i < L->ls[l + 1]; i++) {
			c = L->it[i];
			L->cl[L->cs[c] + fill[c]++] = l;
		}
	free(fill);
}

/* One system: the values of the cells, what is hidden, and which lines hold
 * (the first nl of L). Cells from nreal on are slacks: "at most" lines are
 * lines with a slack, an unknown of 0 or more that no figure shows. */
struct ssys {
	const struct lines *L;
	int		 nl, nreal;
	long		*n;		/* people in the cell */
	double		*v;		/* the value the lines add up */
	unsigned char	*st;		/* S_* */
	unsigned char	*lo;		/* a reader knows the cell is at least this */
};

static void
ssys_init(struct ssys *s, const struct lines *L, int nl)
{
	s->L = L;
	s->nl = nl;
	s->nreal = L->nc;
	s->n = xcalloc(L->nc, sizeof(long));
	s->v = xcalloc(L->nc, sizeof(double));
	s->st = xcalloc(L->nc, 1);
	s->lo = xcalloc(L->nc, 1);
}

static void
ssys_free(struct ssys *s)
{
	free(s->n);
	free(s->v);
	free(s->st);
	free(s->lo);
}

#define LINES_OF(s, c, j) \
	for (j = (s)->L->cs[c]; j < (s)->L->cs[(c) + 1] && (s)->L->cl[j] < (s)->nl; j++)

/* The hidden cells of line l; -1 for an "at most" line (the audit's). */
static int
hidden_in(const struct ssys *s, int l)
{
	int i, h = 0;

	for (i = s->L->ls[l]; i < s->L->ls[l + 1]; i++) {
		if (s->L->it[i] >= s->nreal)
			return -1;
		h += s->st[s->L->it[i]] == S_HIDDEN;
	}
	return h;
}

/* A cell that could be hidden next: how many other lines with a single
 * hidden cell it completes, and how far it is in its line from a hidden
 * cell (a 0 next to the hidden cell is the likelier value for a reader). */
struct cand {
	int	 c, help, dist;
};

static int
better(const struct ssys *s, const struct cand *a, const struct cand *b)
{
	if (b->c < 0)
		return 1;
	if ((s->n[a->c] > 0) != (s->n[b->c] > 0))
		return s->n[a->c] > 0;
	if (a->help != b->help)
		return a->help > b->help;
	if (s->n[a->c] != s->n[b->c])
		return s->n[a->c] < s->n[b->c];
	if (a->dist != b->dist)
		return a->dist < b->dist;
	return a->c < b->c;
}

/* The cell of line l to hide next (c = -1: none). */
static struct cand
pick(const struct ssys *s, int l)
{
	const struct lines *L = s->L;
	struct cand best = { -1, 0, 0 }, x;
	int i, j;

	for (i = L->ls[l]; i < L->ls[l + 1]; i++) {
		x.c = L->it[i];
		if (s->st[x.c] != S_SHOWN)
			continue;
		x.help = 0;
		LINES_OF(s, x.c, j)
			x.help += L->cl[j] != l && hidden_in(s, L->cl[j]) == 1;
		x.dist = L->ls[l + 1] - L->ls[l];
		for (j = L->ls[l]; j < L->ls[l + 1]; j++)
			if (s->st[L->it[j]] == S_HIDDEN && abs(j - i) < x.dist)
				x.dist = abs(j - i);
		if (better(s, &x, &best))
			best = x;
	}
	return best;
}

/* Step 2: no line with exactly one hidden cell, where that can be helped. */
static void
complete(struct ssys *s)
{
	int l, c, again;

	do {
		again = 0;
		for (l = 0; l < s->nl; l++)
			if (hidden_in(s, l) == 1 && (c = pick(s, l).c) >= 0) {
				s->st[c] = S_HIDDEN;
				again = 1;
			}
	} while (again);
}

static double
up(double x)		/* the least whole number >= x (to a millionth) */
{
	long long t;

	if (x <= -1e15 || x >= 1e15)
		return x;
	x -= 1e-6;
	t = (long long)x;
	return (double)t < x ? (double)(t + 1) : (double)t;
}

static double
down(double x)		/* the greatest whole number <= x (to a millionth) */
{
	long long t;

	if (x <= -1e15 || x >= 1e15)
		return x;
	x += 1e-6;
	t = (long long)x;
	return (double)t > x ? (double)(t - 1) : (double)t;
}

/* Bounds a reader gets from the lines (the values are whole numbers): a
 * hidden cell they pin to one value, or -1. */
static int
audit_bounds(const struct ssys *s)
{
	const struct lines *L = s->L;
	double *lo = xcalloc(L->nc, sizeof(double)), *hi = xcalloc(L->nc, sizeof(double));
	int c, l, i, round, changed, found = -1;

	for (c = 0; c < L->nc; c++) {
		lo[c] = s->st[c] == S_HIDDEN ? s->lo[c] : s->v[c];
		hi[c] = s->st[c] == S_HIDDEN ? BIG : s->v[c];
	}
	for (round = 0, changed = 1; changed && round < 64; round++) {
		changed = 0;
		for (l = 0; l < s->nl; l++) {
			/* least and greatest sum of the signed cells: finite
			 * parts, and how many parts are unbounded */
			double fmin = 0, fmax = 0;
			int umin = 0, umax = 0;
			for (i = L->ls[l]; i < L->ls[l + 1]; i++) {
				c = L->it[i];
				if (L->co[i] > 0) {
					fmin += lo[c];
					if (hi[c] >= BIG)
						umax++;
					else
						fmax += hi[c];
				} else {
					fmax -= lo[c];
					if (hi[c] >= BIG)
						umin++;
					else
						fmin -= hi[c];
				}
			}
			for (i = L->ls[l]; i < L->ls[l + 1]; i++) {
				double omin, omax, nlo, nhi;
				int oumin = umin, oumax = umax;
				c = L->it[i];
				if (s->st[c] != S_HIDDEN)
					continue;
				/* the others' least and greatest sum */
				if (L->co[i] > 0) {
					omin = fmin - lo[c];
					if (hi[c] >= BIG)
						oumax--, omax = fmax;
					else
						omax = fmax - hi[c];
				} else {
					omax = fmax + lo[c];
					if (hi[c] >= BIG)
						oumin--, omin = fmin;
					else
						omin = fmin + hi[c];
				}
				/* co * cell = -(others) */
				if (L->co[i] > 0) {
					nlo = oumax ? -BIG : up(-omax);
					nhi = oumin ? BIG : down(-omin);
				} else {
					nlo = oumin ? -BIG : up(omin);
					nhi = oumax ? BIG : down(omax);
				}
				if (nlo > lo[c]) {
					lo[c] = nlo;
					changed = 1;
				}
				if (nhi < hi[c]) {
					hi[c] = nhi;
					changed = 1;
				}
			}
		}
	}
	for (c = 0; c < s->nreal && found < 0; c++)
		if (s->st[c] == S_HIDDEN && hi[c] <= lo[c])
			found = c;
	free(lo);
	free(hi);
	return found;
}

/* Exact elimination: a hidden cell that some combination of lines gives
 * alone, or -1. Computed modulo a large prime, which agrees with the
 * rationals unless the prime divides a number the elimination meets (lines
 * of +-1 over a few hundred cells stay far below it). Hidden cells are split
 * into groups that share lines; each group is solved on its own. */
#define PRIME	2147483647ULL

static unsigned
mulmod(unsigned a, unsigned b)
{
	return (unsigned)((unsigned long long)a * b % PRIME);
}

static unsigned
invmod(unsigned a)
{
	unsigned long long r = 1, b = a, e = PRIME - 2;

	for (; e; e >>= 1, b = b * b % PRIME)
		if (e & 1)
			r = r * b % PRIME;
	return (unsigned)r;
}

static int
uf_root(int *p, int x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

/* Row-reduce an nr x nc matrix; a column whose pivot row has nothing in
 * any other column left over is a value that the rows fix: its index (the
 * first not in skip), or -1. */
static int
fixed_column(unsigned *m, int nr, int nc, const unsigned char *skip)
{
	int r = 0, i, j, x, *piv = xcalloc(nr, sizeof(int)), *nz = xcalloc(nc, sizeof(int)), nnz, found = -1;

	for (j = 0; j < nc && r < nr; j++) {
		unsigned inv, f;
		for (i = r; i < nr && m[(size_t)i * nc + j] == 0; i++)
			;
		if (i == nr)
			continue;
		if (i != r)
			for (x = 0; x < nc; x++) {
				unsigned t = m[(size_t)i * nc + x];
				m[(size_t)i * nc + x] = m[(size_t)r * nc + x];
				m[(size_t)r * nc + x] = t;
			}
		inv = invmod(m[(size_t)r * nc + j]);
		for (nnz = 0, x = j; x < nc; x++)
			if (m[(size_t)r * nc + x]) {
				m[(size_t)r * nc + x] = mulmod(m[(size_t)r * nc + x], inv);
				nz[nnz++] = x;
			}
		for (i = 0; i < nr; i++) {
			if (i == r || (f = m[(size_t)i * nc + j]) == 0)
				continue;
			for (x = 0; x < nnz; x++) {
				unsigned *a = &m[(size_t)i * nc + nz[x]];
				*a = (unsigned)((*a + PRIME - mulmod(f, m[(size_t)r * nc + nz[x]])) % PRIME);
			}
		}
		piv[r++] = j;
	}
	for (i = 0; i < r && found < 0; i++) {
		for (x = piv[i] + 1; x < nc && m[(size_t)i * nc + x] == 0; x++)
			;
		if (x == nc && !skip[piv[i]])
			found = piv[i];
	}
	free(piv);
	free(nz);
	return found;
}

static int
audit_exact(const struct ssys *s)
{
	const struct lines *L = s->L;
	int nc = L->nc, nh = 0, ng = 0, c, l, i, j, g, found = -1;
	int *col = xcalloc(nc, sizeof(int)), *cell = xcalloc(nc, sizeof(int));
	int *par, *gid, *grp, *place, *gfirst, *gcols, *lgrp, *rows;
	unsigned char *skip;

	for (c = 0; c < nc; c++)
		col[c] = s->st[c] == S_HIDDEN ? (cell[nh] = c, nh++) : -1;
	par = xcalloc(nh, sizeof(int));
	gid = xcalloc(nh, sizeof(int));
	grp = xcalloc(nh, sizeof(int));
	place = xcalloc(nh, sizeof(int));
	gcols = xcalloc(nh, sizeof(int));
	gfirst = xcalloc(nh + 1, sizeof(int));
	lgrp = xcalloc(s->nl, sizeof(int));
	rows = xcalloc(s->nl, sizeof(int));
	for (i = 0; i < nh; i++)
		par[i] = i, gid[i] = -1;
	for (l = 0; l < s->nl; l++) {
		int first = -1;
		for (i = L->ls[l]; i < L->ls[l + 1]; i++)
			if ((c = col[L->it[i]]) >= 0) {
				if (first < 0)
					first = c;
				else
					par[uf_root(par, c)] = uf_root(par, first);
			}
		lgrp[l] = first;	/* one of the line's hidden cells, for now */
	}
	/* groups 0..ng-1, and each hidden cell's place in its group */
	for (i = 0; i < nh; i++) {
		int r = uf_root(par, i);
		if (gid[r] < 0)
			gid[r] = ng++;
		grp[i] = gid[r];
		gfirst[grp[i] + 1]++;
	}
	for (g = 0; g < ng; g++)
		gfirst[g + 1] += gfirst[g];	/* group g: gcols[gfirst[g]] .. */
	for (i = 0; i < nh; i++)
		par[i] = 0;			/* now: how many placed per group */
	for (i = 0; i < nh; i++) {
		place[i] = par[grp[i]]++;
		gcols[gfirst[grp[i]] + place[i]] = i;
	}
	for (l = 0; l < s->nl; l++)
		lgrp[l] = lgrp[l] < 0 ? -1 : grp[lgrp[l]];
	for (g = 0; g < ng && found < 0; g++) {
		int ncol = gfirst[g + 1] - gfirst[g], nrow = 0;
		unsigned *m;
		for (l = 0; l < s->nl; l++)
			if (lgrp[l] == g)
				rows[nrow++] = l;
		m = xcalloc((size_t)nrow * ncol, sizeof(unsigned));
		skip = xcalloc(ncol, 1);
		for (j = 0; j < ncol; j++)
			skip[j] = cell[gcols[gfirst[g] + j]] >= s->nreal;
		for (j = 0; j < nrow; j++)
			for (i = L->ls[rows[j]]; i < L->ls[rows[j] + 1]; i++)
				if ((c = col[L->it[i]]) >= 0)
					m[(size_t)j * ncol + place[c]] = L->co[i] > 0 ? 1 : (unsigned)(PRIME - 1);
		if ((j = fixed_column(m, nrow, ncol, skip)) >= 0)
			found = cell[gcols[gfirst[g] + j]];
		free(m);
		free(skip);
	}
	free(col);
	free(cell);
	free(par);
	free(gid);
	free(grp);
	free(place);
	free(gcols);
	free(gfirst);
	free(lgrp);
	free(rows);
	return found;
}

/* Hide one more cell on a line of hidden cell c, the best of them; failing
 * that, on the nearest line (through lines of hidden cells) that has one.
 * 0 if there is none. */
static int
hide_near(struct ssys *s, int c)
{
	const struct lines *L = s->L;
	int *queue = xcalloc(L->nc, sizeof(int)), *seen = xcalloc(L->nc, sizeof(int));
	int head = 0, tail = 0, i, j, l, x;
	struct cand best = { -1, 0, 0 }, y;

	queue[tail++] = c;
	seen[c] = 1;
	while (head < tail && best.c < 0) {
		int lim = tail;	/* one ring at a time: the best within it */
		for (; head < lim; head++)
			LINES_OF(s, queue[head], j) {
				l = L->cl[j];
				if ((y = pick(s, l)).c >= 0 && better(s, &y, &best))
					best = y;
				for (i = L->ls[l]; i < L->ls[l + 1]; i++)
					if (s->st[x = L->it[i]] == S_HIDDEN && !seen[x]) {
						seen[x] = 1;
						queue[tail++] = x;
					}
			}
	}
	free(queue);
	free(seen);
	if (best.c < 0)
		return 0;
	s->st[best.c] = S_HIDDEN;
	return 1;
}

/* Steps 2 and 3 (step 1 is the caller's). */
static void
protect(struct ssys *s)
{
	int c, guard;

	for (guard = 0; guard <= s->L->nc; guard++) {
		complete(s);
		if ((c = audit_bounds(s)) < 0 && (c = audit_exact(s)) < 0)
			return;
		if (!hide_near(s, c))
			return;
	}
}

/* ---------------------------------------------------------------- the model of a unit and date */

/* Cells: the whole (0); each dimension's totals; each cross-tab of two
 * dimensions d1 < d2; and, for the age pyramid, "other or unspecified"
 * per age band (the pyramid's third column is two of the cross-tab's). */
struct amodel {
	int		 nv[AD_N];
	char		**key[AD_N];		/* the values present, sorted */
	int		 om[AD_N];		/* cell of the first value's total */
	int		 oc[AD_N][AD_N];	/* cell [0][0] of d1 x d2, d1 < d2 */
	int		 op;			/* pyramid: first age band's other cell, or -1 */
	struct lines	 L;
	struct ssys	 sys[AM_N];
};

static int
keycmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
key_find(const struct amodel *m, int d, const char *k)
{
	char **p;

	if (m->nv[d] == 0)
		return -1;
	p = bsearch(&k, m->key[d], m->nv[d], sizeof(char *), keycmp);
	return p ? (int)(p - m->key[d]) : -1;
}

/* The cell of (d1 = k1, d2 = k2): d2 < 0 or d2 = d1 is d1's total, d1 < 0
 * the whole; -1 if the model has none (nobody there). */
static int
model_cell(const struct amodel *m, int d1, const char *k1, int d2, const char *k2)
{
	int a, b;

	if (d1 < 0)
		return 0;
	if ((a = key_find(m, d1, k1)) < 0)
		return -1;
	if (d2 < 0 || d2 == d1)
		return d2 < 0 || strcmp(k1, k2) == 0 ? m->om[d1] + a : -1;
	if ((b = key_find(m, d2, k2)) < 0)
		return -1;
	return d1 < d2 ? m->oc[d1][d2] + a * m->nv[d2] + b : m->oc[d2][d1] + b * m->nv[d1] + a;
}

/* The dimensions a row of STMT_ANA_CUBE is for (its GROUPING bits). */
static int
row_dims(PGresult *r, int t, int *d)
{
	int gs = atoi(PQgetvalue(r, t, 0)), x, n = 0;

	for (x = 0; x < AD_N; x++)
		if (!(gs & (1 << (AD_N - 1 - x))) && n < 2)
			d[n++] = x;
	return n;
}

static int
sensitive(int d)
{
	return d == AD_AGE || d == AD_GENDER;
}

struct amodel *
amodel_build(PGresult *r, int k)
{
	struct amodel *m = xcalloc(1, sizeof(*m));
	int nt = PQntuples(r), t, d, e, a, c, nc, d2[2], nl, ms, mo, mu, mf;
	unsigned char *sens;

	/* the values of each dimension */
	for (t = 0; t < nt; t++)
		if (row_dims(r, t, d2) == 1)
			m->nv[d2[0]]++;
	for (d = 0; d < AD_N; d++) {
		m->key[d] = xcalloc(m->nv[d], sizeof(char *));
		m->nv[d] = 0;
	}
	for (t = 0; t < nt; t++)
		if (row_dims(r, t, d2) == 1)
			m->key[d2[0]][m->nv[d2[0]]++] = xstrdup(PQgetvalue(r, t, 1 + d2[0]));
	for (d = 0; d < AD_N; d++)
		qsort(m->key[d], m->nv[d], sizeof(char *), keycmp);
	/* the cells */
	nc = 1;
	for (d = 0; d < AD_N; d++) {
		m->om[d] = nc;
		nc += m->nv[d];
	}
	for (d = 0; d < AD_N; d++)
		for (e = d + 1; e < AD_N; e++) {
			m->oc[d][e] = nc;
			nc += m->nv[d] * m->nv[e];
		}
	mo = key_find(m, AD_GENDER, "other");
	mu = key_find(m, AD_GENDER, "unspecified");
	m->op = mo >= 0 || mu >= 0 ? nc : -1;
	if (m->op >= 0)
		nc += m->nv[AD_AGE];
	sens = xcalloc(nc, 1);
	for (d = 0; d < AD_N; d++)
		for (a = 0; a < m->nv[d]; a++)
			sens[m->om[d] + a] = sensitive(d);
	for (d = 0; d < AD_N; d++)
		for (e = d + 1; e < AD_N; e++)
			memset(sens + m->oc[d][e], sensitive(d) || sensitive(e), m->nv[d] * m->nv[e]);
	if (m->op >= 0)
		memset(sens + m->op, 1, m->nv[AD_AGE]);

	/* the lines: each dimension's totals add up to the whole; each
	 * cross-tab's rows and columns to those totals */
	lines_init(&m->L, nc);
	for (d = 0; d < AD_N; d++) {
		for (a = 0; a < m->nv[d]; a++)
			line_add(&m->L, m->om[d] + a, 1);
		line_add(&m->L, 0, -1);
		line_end(&m->L);
	}
	for (d = 0; d < AD_N; d++)
		for (e = d + 1; e < AD_N; e++) {
			int i, j;
			for (i = 0; i < m->nv[d]; i++) {
				for (j = 0; j < m->nv[e]; j++)
					line_add(&m->L, m->oc[d][e] + i * m->nv[e] + j, 1);
				line_add(&m->L, m->om[d] + i, -1);
				line_end(&m->L);
			}
			for (j = 0; j < m->nv[e]; j++) {
				for (i = 0; i < m->nv[d]; i++)
					line_add(&m->L, m->oc[d][e] + i * m->nv[e] + j, 1);
				line_add(&m->L, m->om[e] + j, -1);
				line_end(&m->L);
			}
		}
	nl = m->L.nl;
	/* the pyramid (people only): other = the cross-tab's other +
	 * unspecified; each band's three columns add up to the band; the
	 * third column to the totals of other and unspecified */
	mf = key_find(m, AD_GENDER, "female");
	ms = key_find(m, AD_GENDER, "male");
#define AG(a, g) ((g) < 0 ? -1 : m->oc[AD_AGE][AD_GENDER] + (a) * m->nv[AD_GENDER] + (g))
	for (a = 0; m->op >= 0 && a < m->nv[AD_AGE]; a++) {
		line_add(&m->L, m->op + a, 1);
		line_add(&m->L, AG(a, mo), -1);
		line_add(&m->L, AG(a, mu), -1);
		line_end(&m->L);
		line_add(&m->L, AG(a, ms), 1);
		line_add(&m->L, AG(a, mf), 1);
		line_add(&m->L, m->op + a, 1);
		line_add(&m->L, m->om[AD_AGE] + a, -1);
		line_end(&m->L);
	}
	if (m->op >= 0) {
		for (a = 0; a < m->nv[AD_AGE]; a++)
			line_add(&m->L, m->op + a, 1);
		line_add(&m->L, mo < 0 ? -1 : m->om[AD_GENDER] + mo, -1);
		line_add(&m->L, mu < 0 ? -1 : m->om[AD_GENDER] + mu, -1);
		line_end(&m->L);
	}
	lines_index(&m->L);

	/* the values */
	for (e = 0; e < AM_N; e++)
		ssys_init(&m->sys[e], &m->L, e == AM_COUNT ? m->L.nl : nl);
	for (t = 0; t < nt; t++) {
		int nd = row_dims(r, t, d2);
		c = nd == 0 ? 0 : nd == 1 ? model_cell(m, d2[0], PQgetvalue(r, t, 1 + d2[0]), -1, NULL) :
		    model_cell(m, d2[0], PQgetvalue(r, t, 1 + d2[0]), d2[1], PQgetvalue(r, t, 1 + d2[1]));
		if (c < 0)
			continue;
		for (e = 0; e < AM_N; e++) {
			m->sys[e].n[c] = atol(PQgetvalue(r, t, 7));
			m->sys[e].v[c] = strtod(PQgetvalue(r, t, e == AM_COUNT ? 7 : e == AM_AGE ? 8 : 9), NULL);
		}
	}
	for (a = 0; m->op >= 0 && a < m->nv[AD_AGE]; a++) {
		struct ssys *s = &m->sys[AM_COUNT];
		c = m->op + a;
		s->n[c] = (mo >= 0 ? s->n[AG(a, mo)] : 0) + (mu >= 0 ? s->n[AG(a, mu)] : 0);
		s->v[c] = (double)s->n[c];
	}
#undef AG
	/* people: sensitive cells of 1..k-1 hidden, the others shown
	 * elsewhere anyway; a dimension's totals shown as rows are >= 1 */
	{
		struct ssys *s = &m->sys[AM_COUNT];
		for (c = 0; c < nc; c++) {
			s->st[c] = !sens[c] ? S_PUBLIC : s->n[c] > 0 && s->n[c] < k ? S_HIDDEN : S_SHOWN;
			s->lo[c] = c >= m->om[0] && c < m->oc[0][1];
		}
		protect(s);
	}
	/* ages: every average is sensitive; services: as people. Both hide
	 * at least what is hidden of people. The pyramid has neither. */
	for (e = AM_AGE; e < AM_N; e++) {
		struct ssys *s = &m->sys[e];
		for (c = 0; c < nc; c++) {
			int se = (m->op < 0 || c < m->op) && (e == AM_AGE || sens[c]);
			s->st[c] = !se ? S_PUBLIC : (s->n[c] > 0 && s->n[c] < k) ||
			    m->sys[AM_COUNT].st[c] == S_HIDDEN ? S_HIDDEN : S_SHOWN;
		}
		protect(s);
	}
	free(sens);
	return m;
}

void
amodel_free(struct amodel *m)
{
	int d, a;

	if (m == NULL)
		return;
	for (d = 0; d < AD_N; d++) {
		for (a = 0; a < m->nv[d]; a++)
			free(m->key[d][a]);
		free(m->key[d]);
	}
	for (d = 0; d < AM_N; d++)
		ssys_free(&m->sys[d]);
	lines_free(&m->L);
	free(m);
}

static void
hide_if(struct grid *g, int i, int j, const struct amodel *m, enum ameas e, int c)
{
	if (c >= 0 && m->sys[e].st[c] == S_HIDDEN)
		g->sup[i][j] = 1;
}

/* A cross-tab of rd x cd (keys as the model's) of measure e. */
void
grid_hide_crosstab(struct grid *g, const struct amodel *m, enum ameas e, enum adim rd, enum adim cd)
{
	int i, j;

	for (i = 0; i < g->nr; i++)
		for (j = 0; j < g->nc; j++)
			hide_if(g, i, j, m, e, model_cell(m, (int)rd, g->rkey[i], (int)cd, g->ckey[j]));
}

/* The age pyramid: age bands x male, female, other (other or unspecified). */
void
grid_hide_pyramid(struct grid *g, const struct amodel *m)
{
	int i, j, a;

	for (i = 0; i < g->nr; i++)
		for (j = 0; j < g->nc; j++) {
			if (strcmp(g->ckey[j], "other") != 0)
				hide_if(g, i, j, m, AM_COUNT, model_cell(m, AD_AGE, g->rkey[i], AD_GENDER, g->ckey[j]));
			else if (m->op >= 0 && (a = key_find(m, AD_AGE, g->rkey[i])) >= 0)
				hide_if(g, i, j, m, AM_COUNT, m->op + a);
		}
}

/* Average ages by bucket (row key: its code; '' the whole) in column col. */
void
grid_hide_units(struct grid *g, const struct amodel *m, const char *col)
{
	int i, j = col_find(g, col);

	for (i = 0; j >= 0 && i < g->nr; i++)
		hide_if(g, i, j, m, AM_AGE, g->rkey[i][0] ? model_cell(m, AD_UNIT, g->rkey[i], -1, NULL) : 0);
}

/* Grades by year and kind (ey) and by bucket (eu), after grid_suppress,
 * with the headcounts of the model m. Where the buckets' grades add up to a
 * year's 能力評価 (the year of the date: the same people), each grade is a
 * line of the two; and no bucket has more graded people than people, no
 * year more than the whole (where that holds: the year of the date). */
void
grid_hide_eval(struct grid *ey, struct grid *eu, const struct amodel *m)
{
	const struct ssys *people = &m->sys[AM_COUNT];
	struct lines L;
	struct ssys s;
	int i, j, b, x, c, ou = ey->nr * ey->nc, ot = ou + eu->nr * eu->nc;
	int nreal = ot + 1 + eu->nr, nc = nreal + ey->nr + eu->nr, slack = nreal;
	static const char kind[] = "-能力評価";

	/* cells: ey's, eu's, the whole (ot), eu's buckets' people, slacks */
	lines_init(&L, nc);
	for (i = 0; i < ey->nr; i++) {
		size_t kl = strlen(ey->rkey[i]);
		long sum = 0, all = 0;
		int same = kl >= sizeof(kind) && strcmp(ey->rkey[i] + kl - (sizeof(kind) - 1), kind) == 0;
		for (j = 0; j < ey->nc; j++) {
			long t = 0;
			if ((x = col_find(eu, ey->ckey[j])) < 0)
				same = 0;
			for (b = 0; x >= 0 && b < eu->nr; b++)
				t += eu->n[b][x] > 0 ? eu->n[b][x] : 0;
			same = same && t == (ey->n[i][j] > 0 ? ey->n[i][j] : 0);
			sum += t;
			all += ey->n[i][j] > 0 ? ey->n[i][j] : 0;
		}
		for (j = 0; j < ey->nc && same && sum > 0; j++) {
			x = col_find(eu, ey->ckey[j]);
			for (b = 0; b < eu->nr; b++)
				line_add(&L, ou + b * eu->nc + x, 1);
			line_add(&L, i * ey->nc + j, -1);
			line_end(&L);
		}
		if (all <= people->n[0]) {
			for (j = 0; j < ey->nc; j++)
				line_add(&L, i * ey->nc + j, 1);
			line_add(&L, slack++, 1);
			line_add(&L, ot, -1);
			line_end(&L);
		}
	}
	for (b = 0; b < eu->nr; b++) {
		for (j = 0; j < eu->nc; j++)
			line_add(&L, ou + b * eu->nc + j, 1);
		line_add(&L, slack++, 1);
		line_add(&L, ot + 1 + b, -1);
		line_end(&L);
	}
	lines_index(&L);
	ssys_init(&s, &L, L.nl);
	s.nreal = nreal;
	for (x = 0; x < 2; x++) {
		struct grid *g = x ? eu : ey;
		for (i = 0; i < g->nr; i++)
			for (j = 0; j < g->nc; j++) {
				c = (x ? ou : 0) + i * g->nc + j;
				s.n[c] = g->n[i][j] > 0 ? g->n[i][j] : 0;
				s.v[c] = (double)s.n[c];
				s.st[c] = g->sup[i][j] ? S_HIDDEN : S_SHOWN;
			}
	}
	for (c = ot; c < nreal; c++) {
		int u = c == ot ? 0 : model_cell(m, AD_UNIT, eu->rkey[c - ot - 1], -1, NULL);
		s.n[c] = u < 0 ? 0 : people->n[u];
		s.v[c] = (double)s.n[c];
		s.st[c] = S_PUBLIC;
	}
	for (c = nreal; c < nc; c++)
		s.st[c] = S_HIDDEN;
	protect(&s);
	for (x = 0; x < 2; x++) {
		struct grid *g = x ? eu : ey;
		for (i = 0; i < g->nr; i++)
			for (j = 0; j < g->nc; j++)
				if (s.st[(x ? ou : 0) + i * g->nc + j] == S_HIDDEN)
					g->sup[i][j] = 1;
	}
	ssys_free(&s);
	lines_free(&L);
}

static void
num(double v, char *out, size_t len)
{
	if (v == (double)(long long)v)
		snprintf(out, len, "%lld", (long long)v);
	else
		snprintf(out, len, "%.1f", v);
}

/* The text of a cell, the same for the table, the chart labels and CSV. */
void
grid_cell(const struct grid *g, int i, int j, char *out, size_t len)
{
	if (g->sup[i][j])
		snprintf(out, len, "%s", GRID_HIDDEN);
	else if (!g->has[i][j])
		snprintf(out, len, "%s", "");
	else
		num(g->val[i][j], out, len);
}

/* PREFIX.Cols.j.L, PREFIX.Rows.i.{Key,L,Cells.j.V} */
void
grid_hdf(const struct grid *g, HDF *hdf, const char *prefix)
{
	char key[160], v[64];
	int i, j;

	for (j = 0; j < g->nc; j++) {
		snprintf(key, sizeof(key), "%s.Cols.%d.L", prefix, j);
		view_set(hdf, key, g->clabel[j]);
	}
	for (i = 0; i < g->nr; i++) {
		snprintf(key, sizeof(key), "%s.Rows.%d.Key", prefix, i);
		view_set(hdf, key, g->rkey[i]);
		snprintf(key, sizeof(key), "%s.Rows.%d.L", prefix, i);
		view_set(hdf, key, g->rlabel[i]);
		for (j = 0; j < g->nc; j++) {
			grid_cell(g, i, j, v, sizeof(v));
			snprintf(key, sizeof(key), "%s.Rows.%d.Cells.%d.V", prefix, i, j);
			view_set(hdf, key, v[0] ? v : "—");
		}
	}
	if (g->truncated) {
		snprintf(key, sizeof(key), "%s.Truncated", prefix);
		view_set(hdf, key, "1");
	}
}

/* ---------------------------------------------------------------- SVG */

struct svg {
	HDF	*hdf;
	const char *prefix;
	int	 nrect, ntext;
	double	 h;
};

static void
rect(struct svg *s, double x, double y, double w, double h, const char *cls, const char *tip)
{
	char key[160];

	snprintf(key, sizeof(key), "%s.Svg.Rects.%d", s->prefix, s->nrect++);
#define R(f, ...) do { char k2[200]; snprintf(k2, sizeof(k2), "%s." f, key); view_setf(s->hdf, k2, __VA_ARGS__); } while (0)
	R("X", "%.1f", x);
	R("Y", "%.1f", y);
	R("W", "%.1f", w < 0 ? 0 : w);
	R("H", "%.1f", h);
	R("C", "%s", cls);
	if (tip)
		R("T", "%s", tip);
#undef R
}

static void
text(struct svg *s, double x, double y, const char *anchor, const char *cls, const char *txt, int rot)
{
	char key[160], k2[200];

	snprintf(key, sizeof(key), "%s.Svg.Texts.%d", s->prefix, s->ntext++);
#define T(f, ...) do { snprintf(k2, sizeof(k2), "%s." f, key); view_setf(s->hdf, k2, __VA_ARGS__); } while (0)
	T("X", "%.1f", x);
	T("Y", "%.1f", y);
	T("A", "%s", anchor);
	T("C", "%s", cls);
	T("S", "%s", txt);
	if (rot)
		T("R", "rotate(-90 %.1f %.1f)", x, y);
#undef T
}

static void
legend(struct svg *s, const struct grid *g, const int *cols, int ncols, const char *pfx)
{
	double x = 0;
	char cls[16];
	int k;

	for (k = 0; k < ncols; k++) {
		double w = 14 + 13.0 * (double)strlen(g->clabel[cols[k]]) / 3.0 + 10;
		if (x + w > SVG_W) {
			x = 0;
			s->h += 18;
		}
		snprintf(cls, sizeof(cls), "%s%d", pfx, k);
		rect(s, x, s->h + 2, 10, 10, cls, NULL);
		text(s, x + 14, s->h + 11, "start", "leg", g->clabel[cols[k]], 0);
		x += w;
	}
	s->h += 22;
}

/* Horizontal bars: one line with the row label, then one bar per series. */
static void
svg_bars(struct svg *s, const struct grid *g, const char *bars)
{
	int cols[NSERIES], nsr = 0, i, j, k;
	double max = 0, bw = 290;
	char v[64], tip[320], cls[8];

	for (j = 0; j < g->nc && nsr < NSERIES; j++)
		if (bars == NULL || in_list(bars, g->ckey[j]))
			cols[nsr++] = j;
	for (i = 0; i < g->nr; i++)
		for (k = 0; k < nsr; k++)
			if (g->has[i][cols[k]] && !g->sup[i][cols[k]] && g->val[i][cols[k]] > max)
				max = g->val[i][cols[k]];
	if (nsr > 1)
		legend(s, g, cols, nsr, "s");
	for (i = 0; i < g->nr; i++) {
		text(s, 0, s->h + 13, "start", "lbl", g->rlabel[i], 0);
		s->h += 17;
		for (k = 0; k < nsr; k++) {
			j = cols[k];
			grid_cell(g, i, j, v, sizeof(v));
			if (g->has[i][j] && !g->sup[i][j]) {
				double w = max > 0 ? bw * g->val[i][j] / max : 0;
				snprintf(tip, sizeof(tip), "%s %s: %s", g->rlabel[i], g->clabel[j], v);
				snprintf(cls, sizeof(cls), "s%d", k);
				rect(s, 0, s->h, w, 11, cls, tip);
				text(s, w + 4, s->h + 10, "start", "val", v, 0);
			} else
				text(s, 0, s->h + 10, "start", "val", v[0] ? v : "—", 0);
			s->h += 14;
		}
		s->h += 6;
	}
}

/* 100% stacked bars per row. A suppressed cell is left out of the bar (its
 * width would give the number away): the row then shows the distribution
 * of the cells that may be shown, and says so. */
static void
svg_stack(struct svg *s, const struct grid *g)
{
	int cols[GRID_MAXC], i, j;
	double sum, x;
	char v[64], tip[320], cls[8], lab[200];

	for (j = 0; j < g->nc; j++)
		cols[j] = j;
	legend(s, g, cols, g->nc < NSERIES ? g->nc : NSERIES, "g");
	for (i = 0; i < g->nr; i++) {
		int hidden = 0;
		for (sum = 0, j = 0; j < g->nc; j++) {
			if (g->sup[i][j])
				hidden = 1;
			else if (g->has[i][j])
				sum += g->val[i][j];
		}
		snprintf(lab, sizeof(lab), "%s%s", g->rlabel[i], hidden ? "（一部非表示）" : "");
		text(s, 0, s->h + 13, "start", "lbl", lab, 0);
		s->h += 17;
		for (x = 0, j = 0; j < g->nc && sum > 0; j++) {
			double w;
			if (g->sup[i][j] || !g->has[i][j] || g->val[i][j] <= 0)
				continue;
			w = (SVG_W - 2) * g->val[i][j] / sum;
			grid_cell(g, i, j, v, sizeof(v));
			snprintf(tip, sizeof(tip), "%s %s: %s（%.0f%%）", g->rlabel[i], g->clabel[j], v,
			    100.0 * g->val[i][j] / sum);
			snprintf(cls, sizeof(cls), "g%d", j % NSERIES);
			rect(s, x, s->h, w, 16, cls, tip);
			if (w >= 24) {
				snprintf(tip, sizeof(tip), "%.0f%%", 100.0 * g->val[i][j] / sum);
				text(s, x + w / 2, s->h + 12, "middle", j < 2 || j == 4 ? "in inl" : "in", tip, 0);
			}
			x += w;
		}
		if (sum <= 0)
			text(s, 0, s->h + 12, "start", "val", hidden ? "非表示" : "データなし", 0);
		s->h += 24;
	}
}

/* Age pyramid: the oldest band on top, men to the left, women to the right. */
static void
svg_pyramid(struct svg *s, const struct grid *g)
{
	int m = col_find(g, "male"), f = col_find(g, "female"), i, k;
	double max = 0, half = 110, cx = 180, lw = 34;
	char v[64], tip[320];

	if (m < 0 || f < 0)
		return;
	for (i = 0; i < g->nr; i++)
		for (k = 0; k < 2; k++) {
			int j = k ? f : m;
			if (!g->sup[i][j] && g->val[i][j] > max)
				max = g->val[i][j];
		}
	text(s, cx - lw - 4, s->h + 13, "end", "lbl", g->clabel[m], 0);
	text(s, cx + lw + 4, s->h + 13, "start", "lbl", g->clabel[f], 0);
	s->h += 20;
	for (i = g->nr - 1; i >= 0; i--) {
		text(s, cx, s->h + 11, "middle", "val", g->rlabel[i], 0);
		for (k = 0; k < 2; k++) {
			int j = k ? f : m;
			double w = (!g->sup[i][j] && max > 0) ? half * g->val[i][j] / max : 0;
			double x0 = k ? cx + lw : cx - lw - w;
			grid_cell(g, i, j, v, sizeof(v));
			snprintf(tip, sizeof(tip), "%s %s: %s", g->rlabel[i], g->clabel[j], v);
			rect(s, x0, s->h, w, 14, k ? "s1" : "s0", tip);
			if (k)
				text(s, x0 + w + 3, s->h + 11, "start", "val", v, 0);
			else
				text(s, x0 - 3, s->h + 11, "end", "val", v, 0);
		}
		s->h += 18;
	}
}

/* Heat map: rows x columns, the shade from the share of the row's base. */
static void
svg_heat(struct svg *s, const struct grid *g)
{
	double lw = 118, cw, top = s->h;
	int i, j;
	char v[64], tip[320], cls[8];

	if (g->nc == 0)
		return;
	cw = (SVG_W - lw) / g->nc;
	s->h += 96;
	for (j = 0; j < g->nc; j++)
		text(s, lw + cw * j + cw / 2 + 4, top + 92, "start", "leg", g->clabel[j], 1);
	for (i = 0; i < g->nr; i++) {
		text(s, lw - 4, s->h + 14, "end", "hl", g->rlabel[i], 0);
		for (j = 0; j < g->nc; j++) {
			double share = g->base[i][j] > 0 ? g->val[i][j] / g->base[i][j] : 0;
			int lv = g->sup[i][j] ? 0 : share <= 0 ? 0 : share < .1 ? 1 : share < .2 ? 2 :
			    share < .35 ? 3 : share < .5 ? 4 : 5;
			grid_cell(g, i, j, v, sizeof(v));
			if (g->sup[i][j])	/* the share would give the number away */
				snprintf(tip, sizeof(tip), "%s %s: %s", g->rlabel[i], g->clabel[j], v);
			else
				snprintf(tip, sizeof(tip), "%s %s: %s人（%.0f%%）", g->rlabel[i], g->clabel[j], v, 100 * share);
			snprintf(cls, sizeof(cls), "h%d", lv);
			rect(s, lw + cw * j, s->h, cw - 1, 19, cls, tip);
			text(s, lw + cw * j + cw / 2, s->h + 13, "middle", lv >= 4 ? "in inl" : "in", v, 0);
		}
		s->h += 20;
	}
}

void
grid_svg(const struct grid *g, HDF *hdf, const char *prefix, enum ckind kind, const char *bars)
{
	struct svg s = { hdf, prefix, 0, 0, 0 };
	char key[160];

	switch (kind) {
	case K_BARS: svg_bars(&s, g, bars); break;
	case K_STACK: svg_stack(&s, g); break;
	case K_PYRAMID: svg_pyramid(&s, g); break;
	case K_HEAT: svg_heat(&s, g); break;
	case K_TABLE: return;
	}
	snprintf(key, sizeof(key), "%s.Svg.H", prefix);
	view_setf(hdf, key, "%.0f", s.h + 4);
}

/* ---------------------------------------------------------------- CSV */

/* UTF-8 with BOM (Excel), CRLF line ends, every field quoted, through the
 * one CSV writer (lib/csv.h: formulas defused, numbers kept as numbers);
 * the first column is the rows. */
void
grid_csv(const struct grid *g, const char *rowhead, struct buf *b)
{
	struct csv_w w;
	char v[64];
	int i, j;

	buf_puts(b, "\xEF\xBB\xBF");
	csv_w_init(&w, b, CSV_QUOTE_ALL);
	csv_put(&w, rowhead);
	for (j = 0; j < g->nc; j++)
		csv_put(&w, g->clabel[j]);
	csv_end(&w);
	for (i = 0; i < g->nr; i++) {
		csv_put(&w, g->rlabel[i]);
		for (j = 0; j < g->nc; j++) {
			grid_cell(g, i, j, v, sizeof(v));
			csv_put(&w, v);
		}
		csv_end(&w);
	}
}

/* A list (rows of a result) as CSV with the given header; column 0 may be
 * relabelled (codes to words). */
void
grid_csv_rows(PGresult *r, const char *const *head, int ncols, const char *(*label0)(const char *),
    struct buf *b)
{
	struct csv_w w;
	int i, j;

	buf_puts(b, "\xEF\xBB\xBF");
	csv_w_init(&w, b, CSV_QUOTE_ALL);
	for (j = 0; j < ncols; j++)
		csv_put(&w, head[j]);
	csv_end(&w);
	for (i = 0; i < PQntuples(r); i++) {
		for (j = 0; j < ncols; j++) {
			const char *v = PQgetvalue(r, i, j);
			csv_put(&w, j == 0 && label0 ? label0(v) : v);
		}
		csv_end(&w);
	}
}
