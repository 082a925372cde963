/* ana_grid.c: analytics figures as a grid of rows x columns, loaded from the
 * long shape every sql/040 figure returns, and shown three ways: SVG chart
 * geometry (drawn by templates/analytics/index.cs as <rect>/<text>, so no
 * script and no inline style), an HTML table and a CSV file. Small-cell
 * suppression is decided once here (grid_suppress) and every rendering
 * reads the same cell text, so "<k" can never leak as a number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ana.h"
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
 * people are suppressed. */
void
grid_suppress(struct grid *g, const char *sens, int k)
{
	int i, j;

	g->k = k;
	for (j = 0; j < g->nc; j++) {
		if (!in_list(sens, g->ckey[j]))
			continue;
		for (i = 0; i < g->nr; i++)
			if (g->n[i][j] > 0 && g->n[i][j] < k)
				g->sup[i][j] = 1;
	}
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
		snprintf(out, len, "<%d", g->k);
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

/* RFC 4180, every field quoted; text that a spreadsheet would run as a
 * formula gets a leading apostrophe (numbers, "-3" included, stay numbers). */
static void
csv_field(struct buf *b, const char *s, int first)
{
	const char *p;

	if (!first)
		buf_putc(b, ',');
	buf_putc(b, '"');
	if (strchr("=+@\t\r", s[0]) != NULL && s[0] != '\0')
		buf_putc(b, '\'');
	else if (s[0] == '-' && strspn(s + 1, "0123456789.") != strlen(s + 1))
		buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* UTF-8 with BOM (Excel), CRLF line ends; the first column is the rows. */
void
grid_csv(const struct grid *g, const char *rowhead, struct buf *b)
{
	char v[64];
	int i, j;

	buf_puts(b, "\xEF\xBB\xBF");
	csv_field(b, rowhead, 1);
	for (j = 0; j < g->nc; j++)
		csv_field(b, g->clabel[j], 0);
	buf_puts(b, "\r\n");
	for (i = 0; i < g->nr; i++) {
		csv_field(b, g->rlabel[i], 1);
		for (j = 0; j < g->nc; j++) {
			grid_cell(g, i, j, v, sizeof(v));
			csv_field(b, v, 0);
		}
		buf_puts(b, "\r\n");
	}
}

/* A list (rows of a result) as CSV with the given header; column 0 may be
 * relabelled (codes to words). */
void
grid_csv_rows(PGresult *r, const char *const *head, int ncols, const char *(*label0)(const char *),
    struct buf *b)
{
	int i, j;

	buf_puts(b, "\xEF\xBB\xBF");
	for (j = 0; j < ncols; j++)
		csv_field(b, head[j], j == 0);
	buf_puts(b, "\r\n");
	for (i = 0; i < PQntuples(r); i++) {
		for (j = 0; j < ncols; j++) {
			const char *v = PQgetvalue(r, i, j);
			csv_field(b, j == 0 && label0 ? label0(v) : v, j == 0);
		}
		buf_puts(b, "\r\n");
	}
}
