/* duties.h: shared pieces of the duty register (事務分掌) handlers
 * (h_duties.c: register, duty pages and forms; h_duties_views.c: my tasks,
 * timeline, workload, risks, CSV export) and the profile's duty history. */
#ifndef TMS_DUTIES_H
#define TMS_DUTIES_H
#include "app.h"

/* A unit as of a date and the viewer's relation to it (duty_unit_rel). */
struct dunit {
	char		id[24];
	char		code[24];
	char		name[256];
	char		path[512];
	unsigned	rel;
};

enum plevel	duties_level(const struct ctx *, unsigned);
int		duties_deny(struct ctx *, const char *, const char *);
void		duties_viewer(const struct ctx *, char [24]);
void		duties_setk(HDF *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
int		duties_unit(struct ctx *, const char *, const char *, struct dunit *);
int		duties_unit_param(struct ctx *, const char *, struct dunit *);
int		duties_unit_readable(struct ctx *, const char *, struct dunit *, const char *);
void		duties_unit_options(struct ctx *, const char *);
void		duties_set_unit(struct ctx *, const struct dunit *, const char *);
void		duties_history(struct ctx *, const char *, const char *, unsigned);

#endif
