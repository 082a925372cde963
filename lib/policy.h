/* policy.h: field visibility policy (YAML): which role, by which relation to
 * a staff member, may read or edit which group of that person's fields. */
#ifndef TMS_POLICY_H
#define TMS_POLICY_H
#include <stddef.h>

enum prole { PR_GENERAL, PR_HR, PR_ADMIN, PR__MAX };
enum prel { REL_SELF, REL_SUPERVISOR, REL_SAME_UNIT, REL_COLLEAGUE, REL__MAX };
enum fgroup {
	FG_BASIC, FG_CONTACT, FG_CAREER, FG_QUALIFICATIONS, FG_TRAINING,
	FG_SKILLS, FG_EVALUATIONS, FG_WISHES, FG_SENSITIVE, FG_PHOTO,
	FG_SELF_INTRO, FG_DUTIES, FG__MAX
};
enum plevel { PL_NONE, PL_READ, PL_EDIT };
/* How a viewer appears in "who viewed my profile": not at all, by role, by name. */
enum pshow { PS_HIDDEN, PS_ROLE, PS_NAME };

/* Analytics (分析): for which units a role sees each part of the dashboards:
 * none, own (the units the person heads, with their sub-units), or all. */
enum ascope { AS_NONE, AS_OWN, AS_ALL };
enum apart { AP_DASHBOARDS, AP_EVALUATIONS, AP__MAX };
#define ANA_K_DEFAULT	3

#define RELBIT(r)	(1u << (r))
#define ROLEBIT(r)	(1u << (r))

struct policy {
	unsigned char	grid[PR__MAX][REL__MAX][FG__MAX];	/* enum plevel */
	unsigned char	show_viewer[REL__MAX];			/* enum pshow, by relation */
	unsigned char	show_viewer_hr;				/* enum pshow for hr viewers */
	unsigned char	ana[AP__MAX][PR__MAX];			/* enum ascope */
	int		ana_k;	/* cells of sensitive data from fewer people: "<k" */
};

extern const char *const policy_role_names[PR__MAX];
extern const char *const policy_rel_names[REL__MAX];
extern const char *const policy_group_names[FG__MAX];
extern const char *const policy_apart_names[AP__MAX];

int		policy_load(const char *, struct policy *, char *, size_t);
enum plevel	policy_level(const struct policy *, unsigned, unsigned, enum fgroup);
unsigned	policy_relmask(const struct policy *, unsigned, enum fgroup, enum plevel);
enum ascope	policy_analytics(const struct policy *, unsigned, enum apart);

#endif
