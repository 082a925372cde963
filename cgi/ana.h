/* ana.h: analytics figures as grids (rows x columns) and their three
 * renderings: inline SVG geometry, an HTML table and CSV (ana_grid.c). */
#ifndef TMS_ANA_H
#define TMS_ANA_H
#include <libpq-fe.h>
#include <ClearSilver.h>
#include "buf.h"

#define GRID_MAXR	80
#define GRID_MAXC	40
#define GRID_HIDDEN	"x"	/* a suppressed cell, small or hidden to protect one */

enum ckind { K_BARS, K_STACK, K_PYRAMID, K_HEAT, K_TABLE };

struct grid {
	int		 nr, nc, truncated;
	char		 rkey[GRID_MAXR][48];
	char		 rlabel[GRID_MAXR][160];
	char		 ckey[GRID_MAXC][48];
	char		 clabel[GRID_MAXC][96];
	double		 val[GRID_MAXR][GRID_MAXC];
	long		 n[GRID_MAXR][GRID_MAXC];
	double		 base[GRID_MAXR][GRID_MAXC];
	unsigned char	 has[GRID_MAXR][GRID_MAXC];	/* a value, not NULL */
	unsigned char	 sup[GRID_MAXR][GRID_MAXC];	/* suppressed: shown as GRID_HIDDEN */
};

/* Dimensions of the cross-tab and of the suppression model, in the order of
 * the cross-tab's choices; measures likewise. */
enum adim { AD_UNIT, AD_POSITION, AD_ETYPE, AD_AGE, AD_GENDER, AD_GRADE, AD_N };
enum ameas { AM_COUNT, AM_AGE, AM_SERVICE, AM_N };

/* Small-cell suppression across every figure of one unit and date
 * (ana_grid.c): built from the rows of STMT_ANA_CUBE. */
struct amodel;

void	grid_load(struct grid *, PGresult *, const char *, const char *);
void	grid_suppress(struct grid *, const char *, int);
struct amodel *amodel_build(PGresult *, int);
void	amodel_free(struct amodel *);
void	grid_hide_crosstab(struct grid *, const struct amodel *, enum ameas, enum adim, enum adim);
void	grid_hide_pyramid(struct grid *, const struct amodel *);
void	grid_hide_units(struct grid *, const struct amodel *, const char *);
void	grid_hide_eval(struct grid *, struct grid *, const struct amodel *);
void	grid_cell(const struct grid *, int, int, char *, size_t);
void	grid_hdf(const struct grid *, HDF *, const char *);
void	grid_svg(const struct grid *, HDF *, const char *, enum ckind, const char *);
void	grid_csv(const struct grid *, const char *, struct buf *);
void	grid_csv_rows(PGresult *, const char *const *, int, const char *(*)(const char *), struct buf *);

#endif
