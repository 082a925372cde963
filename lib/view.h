/* view.h: ClearSilver rendering with HTML escaping on by default. */
#ifndef TMS_VIEW_H
#define TMS_VIEW_H
#include <ClearSilver.h>
#include "buf.h"

int	view_hdf_new(HDF **, const char *);
int	view_render(HDF *, const char *, struct buf *, struct buf *);
void	view_set(HDF *, const char *, const char *);
HDF	*view_node(HDF *, const char *);
void	view_setf(HDF *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	view_set_int(HDF *, const char *, long);

#endif
