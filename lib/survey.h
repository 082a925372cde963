/* survey.h: the question set of the career wishes survey (etc/survey.yaml):
 * keys, labels, types, limits and who may read each answer. */
#ifndef TMS_SURVEY_H
#define TMS_SURVEY_H
#include <stddef.h>

#define SURVEY_MAXQ	16
#define SURVEY_MAXOPT	8
#define SURVEY_UNITS	3	/* wished units of a transfer question */

enum qtype { Q_TEXT, Q_LONGTEXT, Q_CHOICE, Q_TRANSFER };
enum qvis { QV_SUPERVISOR, QV_HR };

struct squestion {
	char		key[32];
	char		label[160];
	char		help[400];
	enum qtype	type;
	enum qvis	vis;
	int		max;		/* characters */
	int		required;
	int		line;		/* where it is defined */
	int		nopt;
	struct {
		char	code[32];
		char	label[120];
	} opt[SURVEY_MAXOPT];
};

struct survey {
	char			title[160];
	int			nq;
	struct squestion	q[SURVEY_MAXQ];
};

/* Returns 0, or -1 with "FILE:LINE: problem" in err. */
int	survey_load(const char *, struct survey *, char *, size_t);
const struct squestion *survey_find(const struct survey *, const char *);
const char *survey_option(const struct squestion *, const char *);
/* The encryption context (AES-GCM associated data) of the sealed answer to
 * question q of staff member staff in round round: the pages seal and open
 * under it and tmsctl rekey re-seals under it, so it is written only here. */
void	survey_seal_context(char *, size_t, const char *round, const char *staff,
	    const char *q);

#endif
