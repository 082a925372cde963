/* policy.c: loads the field-visibility policy and answers the one question
 * every page, JSON endpoint, search filter, sort key and export asks:
 * what level (none/read/edit) does a viewer with these roles have on this
 * field group of a subject to whom these relations hold? The answer is the
 * highest grant over every (role, relation) pair that applies; anything not
 * granted is none (deny by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"
#include "ymap.h"

const char *const policy_role_names[PR__MAX] = { "general", "hr", "admin" };
const char *const policy_rel_names[REL__MAX] = {
	"self", "supervisor", "same_unit", "colleague" };
const char *const policy_group_names[FG__MAX] = {
	"basic", "contact", "career", "qualifications", "training", "skills",
	"evaluations", "wishes", "sensitive", "photo", "self_intro", "duties" };
const char *const policy_apart_names[AP__MAX] = { "dashboards", "evaluations" };
static const char *const level_names[] = { "none", "read", "edit" };
static const char *const scope_names[] = { "none", "own", "all" };
static const char *const show_names[] = { "hidden", "role", "name" };

static int
lookup(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

enum plevel
policy_level(const struct policy *p, unsigned roles, unsigned rels, enum fgroup g)
{
	int r, l, best = PL_NONE;

	for (r = 0; r < PR__MAX; r++) {
		if (!(roles & ROLEBIT(r)))
			continue;
		for (l = 0; l < REL__MAX; l++)
			if ((rels & RELBIT(l)) && p->grid[r][l][g] > best)
				best = p->grid[r][l][g];
	}
	return (enum plevel)best;
}

/* The relations under which these roles reach at least `min` on group g:
 * used to push the same decision into SQL filters (search, sort, counts). */
unsigned
policy_relmask(const struct policy *p, unsigned roles, enum fgroup g, enum plevel min)
{
	unsigned mask = 0;
	int l;

	for (l = 0; l < REL__MAX; l++)
		if (policy_level(p, roles, RELBIT(l), g) >= min)
			mask |= RELBIT(l);
	return mask;
}

/* The widest unit scope any of these roles has on a part of the analytics. */
enum ascope
policy_analytics(const struct policy *p, unsigned roles, enum apart a)
{
	int r, best = AS_NONE;

	for (r = 0; r < PR__MAX; r++)
		if ((roles & ROLEBIT(r)) && p->ana[a][r] > best)
			best = p->ana[a][r];
	return (enum ascope)best;
}

/* analytics: k: N | PART: ROLE: none|own|all. A part that is listed grants
 * only what it lists; a part (or the whole section) left out keeps the
 * defaults set in policy_load. */
static int
analytics_key(struct policy *p, const char *const *k, int depth, const char *val,
    char *err, size_t errlen)
{
	int a, r, v;
	char *end;
	long n;

	if (depth == 2 && strcmp(k[1], "k") == 0) {
		n = val ? strtol(val, &end, 10) : 0;
		if (val == NULL || *end != '\0' || n < 1 || n > 100) {
			snprintf(err, errlen, "k must be a whole number from 1 to 100, not '%s'", val ? val : "a mapping");
			return -1;
		}
		p->ana_k = (int)n;
		return 0;
	}
	if ((a = lookup(policy_apart_names, AP__MAX, k[1])) < 0) {
		snprintf(err, errlen, "unknown analytics key '%s' (k, dashboards, evaluations)", k[1]);
		return -1;
	}
	if (depth == 2) {
		if (val != NULL) {
			snprintf(err, errlen, "a mapping is expected under '%s', not a value", k[1]);
			return -1;
		}
		memset(p->ana[a], AS_NONE, sizeof(p->ana[a]));
		return 0;
	}
	if (depth > 3 || (r = lookup(policy_role_names, PR__MAX, k[2])) < 0) {
		snprintf(err, errlen, "unknown role '%s' (general, hr, admin)", k[depth - 1]);
		return -1;
	}
	if (val == NULL || (v = lookup(scope_names, 3, val)) < 0) {
		snprintf(err, errlen, "must be none, own or all, not '%s'", val ? val : "a mapping");
		return -1;
	}
	p->ana[a][r] = (unsigned char)v;
	return 0;
}

/*
 * File format:
 *   roles:
 *     ROLE:
 *       RELATION:
 *         GROUP: none|read|edit
 *   show_viewers:
 *     RELATION|hr: hidden|role|name
 *   analytics:
 *     k: N
 *     dashboards|evaluations:
 *       ROLE: none|own|all
 * Every name must be known; errors name the file and line.
 */
static int
policy_key(void *ctx, const char *const *k, int depth, const char *val,
    char *err, size_t errlen)
{
	struct policy *p = ctx;
	int roles = strcmp(k[0], "roles") == 0, r, l, g, v;

	if (!roles && strcmp(k[0], "show_viewers") != 0 && strcmp(k[0], "analytics") != 0) {
		snprintf(err, errlen, "unknown section '%s' (roles, show_viewers, analytics)", k[0]);
		return -1;
	}
	if (depth == 1) {
		if (val == NULL)
			return 0;
		snprintf(err, errlen, "a mapping is expected under '%s', not a value", k[0]);
		return -1;
	}
	if (strcmp(k[0], "analytics") == 0)
		return analytics_key(p, k, depth, val, err, errlen);
	if (!roles) {	/* show_viewers: RELATION|hr: hidden|role|name */
		if (strcmp(k[1], "hr") && lookup(policy_rel_names, REL__MAX, k[1]) < 0) {
			snprintf(err, errlen, "unknown relation '%s' (self, supervisor, same_unit, colleague, hr)", k[1]);
			return -1;
		}
		if (val == NULL || depth > 2 || (v = lookup(show_names, 3, val)) < 0) {
			snprintf(err, errlen, "must be hidden, role or name, not '%s'", val ? val : "a mapping");
			return -1;
		}
		if (strcmp(k[1], "hr") == 0)
			p->show_viewer_hr = (unsigned char)v;
		else
			p->show_viewer[lookup(policy_rel_names, REL__MAX, k[1])] = (unsigned char)v;
		return 0;
	}
	if ((r = lookup(policy_role_names, PR__MAX, k[1])) < 0) {
		snprintf(err, errlen, "unknown role '%s' (general, hr, admin)", k[1]);
		return -1;
	}
	if (depth >= 3 && (l = lookup(policy_rel_names, REL__MAX, k[2])) < 0) {
		snprintf(err, errlen, "unknown relation '%s' (self, supervisor, same_unit, colleague)", k[2]);
		return -1;
	}
	if (depth < 4) {
		if (val != NULL) {
			snprintf(err, errlen, "a mapping is expected under '%s', not a value", k[depth - 1]);
			return -1;
		}
		return 0;
	}
	if ((g = lookup(policy_group_names, FG__MAX, k[3])) < 0) {
		snprintf(err, errlen, "unknown field group '%s'", k[3]);
		return -1;
	}
	if (val == NULL || (v = lookup(level_names, 3, val)) < 0) {
		snprintf(err, errlen, "level must be none, read or edit, not '%s'", val ? val : "a mapping");
		return -1;
	}
	p->grid[r][l][g] = (unsigned char)v;
	return 0;
}

int
policy_load(const char *file, struct policy *out, char *err, size_t errlen)
{
	struct policy p;

	memset(&p, 0, sizeof(p));
	/* analytics defaults, for policy files written before the section existed */
	p.ana_k = ANA_K_DEFAULT;
	p.ana[AP_DASHBOARDS][PR_HR] = p.ana[AP_EVALUATIONS][PR_HR] = AS_ALL;
	p.ana[AP_DASHBOARDS][PR_GENERAL] = p.ana[AP_EVALUATIONS][PR_GENERAL] = AS_OWN;
	if (ymap_walk(file, 4, policy_key, &p, err, errlen) != 0)
		return -1;
	*out = p;
	return 0;
}
