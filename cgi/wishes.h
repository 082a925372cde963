/* wishes.h: reading, sealing and showing answers of the career wishes
 * survey, shared by the wishes pages, the profile, JSON and CSV. */
#ifndef TMS_WISHES_H
#define TMS_WISHES_H
#include "app.h"

#define WISH_MAXV	64

/* The values of one answer, confidential ones opened only when allowed. */
struct wvals {
	int	n;
	struct {
		char	 q[48];
		char	*v;
		int	 conf;	/* the question is confidential (hr only) */
	} a[WISH_MAXV];
	int	sealed_hidden;	/* confidential values left closed */
	int	broken;		/* values that would not open */
};

int		 wish_may_read(const struct ctx *, unsigned);
int		 wish_may_conf(const struct ctx *, unsigned);
int		 wish_load(struct ctx *, const char *, const char *, const char *, int, struct wvals *);
void		 wish_free(struct wvals *);
const char	*wish_get(const struct wvals *, const char *);
int		 wish_seal_hex(struct ctx *, const char *, const char *, const char *, const char *,
		    char **, int *);
void		 wish_fill(struct ctx *, const char *, const struct wvals *, int);
const char	*wish_unit_name(struct ctx *, const char *);
void		 wish_banner(struct ctx *);
void		 wish_profile(struct ctx *, const char *, unsigned);
const char	*wish_choice_label(const char *);

#endif
