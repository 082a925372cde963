/* staff.h: policy-checked reads of staff records (shared by pages and JSON). */
#ifndef TMS_STAFF_H
#define TMS_STAFF_H
#include "app.h"

int		staff_asof(struct ctx *, char [11], const char **);
void		staff_today(char [11]);
void		staff_clock_set(time_t);
unsigned	staff_rel_of(struct ctx *, long);
int		staff_rel_today(struct ctx *, const char *, unsigned *, char [65]);
int		staff_sees_future(const struct ctx *);
void		staff_date(const char *, char *, size_t);
void		staff_set_date(HDF *, const char *, const char *);
enum plevel	staff_level(const struct ctx *, unsigned, enum fgroup);
int		staff_search(struct ctx *, const char *, int);
void		staff_search_options(struct ctx *);
int		staff_profile(struct ctx *, const char *);

#endif
