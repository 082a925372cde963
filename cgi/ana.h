/* ana.h: analytics figures as grids (rows x columns) and their three
 * renderings: inline SVG geometry, an HTML table and CSV (ana_grid.c). */
#ifndef TMS_ANA_H
#define TMS_ANA_H
#include <libpq-fe.h>
#include <ClearSilver.h>
#include "buf.h"

#define GRID_MAXR	80
#define GRID_MAXC	40

enum ckind { K_BARS, K_STACK, K_PYRAMID, K_HEAT, K_TABLE };

struct grid {
	int		 nr, nc, k, truncated;
	char		 rkey[GRID_MAXR][48];
	char		 rlabel[GRID_MAXR][160];
	char		 ckey[GRID_MAXC][48];
	char		 clabel[GRID_MAXC][96];
	double		 val[GRID_MAXR][GRID_MAXC];
	long		 n[GRID_MAXR][GRID_MAXC];
	double		 base[GRID_MAXR][GRID_MAXC];
	unsigned char	 has[GRID_MAXR][GRID_MAXC];	/* a value, not NULL */
	unsigned char	 sup[GRID_MAXR][GRID_MAXC];	/* suppressed: shown as "<k" */
};

void	grid_load(struct grid *, PGresult *, const char *, const char *);
void	grid_suppress(struct grid *, const char *, int);
void	grid_cell(const struct grid *, int, int, char *, size_t);
void	grid_hdf(const struct grid *, HDF *, const char *);
void	grid_svg(const struct grid *, HDF *, const char *, enum ckind, const char *);
void	grid_csv(const struct grid *, const char *, struct buf *);
void	grid_csv_rows(PGresult *, const char *const *, int, const char *(*)(const char *), struct buf *);

#endif
