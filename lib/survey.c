/* survey.c: strict loader of the survey question set (etc/survey.yaml; see
 * the comments there). Unknown keys, bad values and missing labels are
 * errors naming the file and line, so a wrong file is refused at start and
 * on SIGHUP instead of half-working. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "survey.h"
#include "ymap.h"

struct sctx {
	struct survey	*s;
	const char	*file;
};

static int
valid_key(const char *k, size_t max)
{
	size_t n = strlen(k);

	if (n == 0 || n >= max || !(k[0] >= 'a' && k[0] <= 'z'))
		return 0;
	return strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int
copy(char *dst, size_t len, const char *v, const char *what, char *err, size_t errlen)
{
	if (strlen(v) >= len || *v == '\0') {
		snprintf(err, errlen, "'%s' must have 1 to %zu bytes", what, len - 1);
		return -1;
	}
	snprintf(dst, len, "%s", v);
	return 0;
}

static struct squestion *
question(struct survey *s, const char *key, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < s->nq; i++)
		if (strcmp(s->q[i].key, key) == 0)
			return &s->q[i];
	if (!valid_key(key, sizeof(s->q[0].key))) {
		snprintf(err, errlen, "question key '%s' must be a-z, 0-9 and _ (up to 31), starting with a letter", key);
		return NULL;
	}
	if (s->nq == SURVEY_MAXQ) {
		snprintf(err, errlen, "too many questions (at most %d)", SURVEY_MAXQ);
		return NULL;
	}
	memset(&s->q[s->nq], 0, sizeof(s->q[0]));
	snprintf(s->q[s->nq].key, sizeof(s->q[0].key), "%s", key);
	s->q[s->nq].max = 1000;
	s->q[s->nq].line = ymap_line();
	return &s->q[s->nq++];
}

static int
set_type(struct squestion *q, const char *v, char *err, size_t errlen)
{
	static const char *const names[] = { "text", "longtext", "choice", "transfer" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(v, names[i]) == 0) {
			q->type = (enum qtype)i;
			return 0;
		}
	snprintf(err, errlen, "type must be text, longtext, choice or transfer, not '%s'", v);
	return -1;
}

static int
set_option(struct squestion *q, const char *code, const char *label, char *err, size_t errlen)
{
	if (!valid_key(code, sizeof(q->opt[0].code))) {
		snprintf(err, errlen, "option code '%s' must be a-z, 0-9 and _", code);
		return -1;
	}
	if (q->nopt == SURVEY_MAXOPT) {
		snprintf(err, errlen, "too many options (at most %d)", SURVEY_MAXOPT);
		return -1;
	}
	snprintf(q->opt[q->nopt].code, sizeof(q->opt[0].code), "%s", code);
	return copy(q->opt[q->nopt++].label, sizeof(q->opt[0].label), label, "option label", err, errlen);
}

static int
set_field(struct squestion *q, const char *f, const char *v, char *err, size_t errlen)
{
	char *end;
	long n;

	if (strcmp(f, "label") == 0)
		return copy(q->label, sizeof(q->label), v, "label", err, errlen);
	if (strcmp(f, "help") == 0)
		return copy(q->help, sizeof(q->help), v, "help", err, errlen);
	if (strcmp(f, "type") == 0)
		return set_type(q, v, err, errlen);
	if (strcmp(f, "visibility") == 0) {
		if (strcmp(v, "supervisor") == 0 || strcmp(v, "hr") == 0) {
			q->vis = v[0] == 'h' ? QV_HR : QV_SUPERVISOR;
			return 0;
		}
		snprintf(err, errlen, "visibility must be supervisor or hr, not '%s'", v);
		return -1;
	}
	if (strcmp(f, "required") == 0) {
		if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
			q->required = v[0] == 'y';
			return 0;
		}
		snprintf(err, errlen, "required must be yes or no, not '%s'", v);
		return -1;
	}
	if (strcmp(f, "max") == 0) {
		n = strtol(v, &end, 10);
		if (*end != '\0' || end == v || n < 1 || n > 4000) {
			snprintf(err, errlen, "max must be an integer between 1 and 4000, not '%s'", v);
			return -1;
		}
		q->max = (int)n;
		return 0;
	}
	snprintf(err, errlen, "unknown setting '%s' (label, help, type, visibility, max, required, options)", f);
	return -1;
}

static int
on_key(void *vctx, const char *const *keys, int depth, const char *val, char *err, size_t errlen)
{
	struct sctx *x = vctx;
	struct survey *s = x->s;
	struct squestion *q;

	if (depth == 1 && strcmp(keys[0], "title") == 0 && val)
		return copy(s->title, sizeof(s->title), val, "title", err, errlen);
	if (strcmp(keys[0], "questions") != 0 || (depth == 1 && val)) {
		snprintf(err, errlen, "unknown key '%s' (title, questions)", keys[0]);
		return -1;
	}
	if (depth == 1)
		return 0;
	if (depth == 2 && val) {
		snprintf(err, errlen, "question '%s' must be a mapping of settings", keys[1]);
		return -1;
	}
	if ((q = question(s, keys[1], err, errlen)) == NULL)
		return -1;
	if (depth == 2)
		return 0;
	if (depth == 3 && strcmp(keys[2], "options") == 0)
		return val ? (snprintf(err, errlen, "options must be a mapping CODE: label"), -1) : 0;
	if (depth == 3 && val)
		return set_field(q, keys[2], val, err, errlen);
	if (depth == 4 && strcmp(keys[2], "options") == 0 && val)
		return set_option(q, keys[3], val, err, errlen);
	snprintf(err, errlen, "unexpected nesting under '%s'", keys[2]);
	return -1;
}

static int
check(const char *file, struct survey *s, char *err, size_t errlen)
{
	int i, transfers = 0;

	if (s->nq == 0) {
		snprintf(err, errlen, "%s: no questions", file);
		return -1;
	}
	for (i = 0; i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		const char *why = NULL;
		if (q->label[0] == '\0')
			why = "has no label";
		else if (q->type == Q_CHOICE && q->nopt < 2)
			why = "is a choice with fewer than two options";
		else if (q->type != Q_CHOICE && q->nopt)
			why = "has options but is not a choice";
		else if (q->type == Q_TRANSFER && transfers++)
			why = "is a second transfer question";
		if (why) {
			snprintf(err, errlen, "%s:%d: question '%s' %s", file, q->line, q->key, why);
			return -1;
		}
	}
	if (s->title[0] == '\0')
		snprintf(s->title, sizeof(s->title), "意向調査");
	return 0;
}

int
survey_load(const char *file, struct survey *s, char *err, size_t errlen)
{
	struct sctx x = { s, file };

	memset(s, 0, sizeof(*s));
	if (ymap_walk(file, 5, on_key, &x, err, errlen) != 0)
		return -1;
	return check(file, s, err, errlen);
}

const struct squestion *
survey_find(const struct survey *s, const char *key)
{
	int i;

	for (i = 0; i < s->nq; i++)
		if (strcmp(s->q[i].key, key) == 0)
			return &s->q[i];
	return NULL;
}

const char *
survey_option(const struct squestion *q, const char *code)
{
	int i;

	for (i = 0; i < q->nopt; i++)
		if (strcmp(q->opt[i].code, code) == 0)
			return q->opt[i].label;
	return NULL;
}

void
survey_seal_context(char *out, size_t len, const char *round, const char *staff, const char *q)
{
	snprintf(out, len, "tms-wish:v1:%s:%s:%s", round, staff, q);
}
