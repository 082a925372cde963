/* view.h: ClearSilver rendering with HTML escaping on by default. */
#ifndef TMS_VIEW_H
#define TMS_VIEW_H
#include <ClearSilver.h>
#include <libpq-fe.h>
#include "buf.h"

int	view_hdf_new(HDF **, const char *);
int	view_render(HDF *, const char *, struct buf *, struct buf *);
void	view_set(HDF *, const char *, const char *);
HDF	*view_node(HDF *, const char *);
void	view_setf(HDF *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	view_set_int(HDF *, const char *, long);

/* Result rows as Prefix.N.Col: one field per name in cols (NULL ends the
 * list; a "" name skips its column). flags, if not NULL, per column:
 * VIEW_FMT sets the value through fmt (a date shown with its 和暦, say),
 * VIEW_ISO also sets ColIso to the raw value (for forms and JSON).
 * view_row sets row `row` of r as number n (for callers that filter rows);
 * view_rows sets every row and returns how many. */
#define VIEW_FMT	0x1
#define VIEW_ISO	0x2
typedef void (*view_fmt_fn)(HDF *, const char *, const char *);
void	view_row(HDF *, const char *, int, const PGresult *, int, const char *const *,
	    const unsigned char *, view_fmt_fn);
int	view_rows(HDF *, const char *, const PGresult *, const char *const *,
	    const unsigned char *, view_fmt_fn);

#endif
