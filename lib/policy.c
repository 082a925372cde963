/* policy.c: loads the field-visibility policy and answers the one question
 * every page, JSON endpoint, search filter, sort key and export asks:
 * what level (none/read/edit) does a viewer with these roles have on this
 * field group of a subject to whom these relations hold? The answer is the
 * highest grant over every (role, relation) pair that applies; anything not
 * granted is none (deny by default). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>
#include "policy.h"

const char *const policy_role_names[PR__MAX] = { "general", "hr", "admin" };
const char *const policy_rel_names[REL__MAX] = {
	"self", "supervisor", "same_unit", "colleague" };
const char *const policy_group_names[FG__MAX] = {
	"basic", "contact", "career", "qualifications", "training", "skills",
	"evaluations", "wishes", "sensitive", "photo", "self_intro" };
static const char *const level_names[] = { "none", "read", "edit" };
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

/*
 * File format:
 *   roles:
 *     ROLE:
 *       RELATION:
 *         GROUP: none|read|edit
 *   show_viewers:
 *     RELATION|hr: hidden|role|name
 * Every name must be known; errors name the file and line.
 */
int
policy_load(const char *file, struct policy *out, char *err, size_t errlen)
{
	yaml_parser_t yp;
	yaml_event_t ev;
	FILE *fp;
	struct policy p;
	char keys[5][64];
	int depth = 0, want_key[6] = { 0 }, rc = -1, done = 0;

	memset(&p, 0, sizeof(p));
	if ((fp = fopen(file, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	yaml_parser_initialize(&yp);
	yaml_parser_set_input_file(&yp, fp);
	while (!done) {
		int line;

		if (!yaml_parser_parse(&yp, &ev)) {
			snprintf(err, errlen, "%s:%lu: YAML syntax error: %s", file,
			    (unsigned long)yp.problem_mark.line + 1,
			    yp.problem ? yp.problem : "unknown");
			goto out;
		}
		line = (int)ev.start_mark.line + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth >= 4) {
				snprintf(err, errlen, "%s:%d: nesting too deep", file, line);
				goto fail;
			}
			want_key[++depth] = 1;
			break;
		case YAML_MAPPING_END_EVENT:
			if (--depth > 0)
				want_key[depth] = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			snprintf(err, errlen, "%s:%d: lists and aliases are not allowed", file, line);
			goto fail;
		case YAML_SCALAR_EVENT: {
			const char *s = (const char *)ev.data.scalar.value;
			if (depth == 0)
				break;
			if (want_key[depth]) {
				snprintf(keys[depth], sizeof(keys[0]), "%s", s);
				want_key[depth] = 0;
				/* validate keys as soon as they are read */
				if (depth == 1 && strcmp(s, "roles") && strcmp(s, "show_viewers")) {
					snprintf(err, errlen, "%s:%d: unknown section '%s' (roles, show_viewers)", file, line, s);
					goto fail;
				}
				if (depth == 2 && strcmp(keys[1], "roles") == 0 &&
				    lookup(policy_role_names, PR__MAX, s) < 0) {
					snprintf(err, errlen, "%s:%d: unknown role '%s' (general, hr, admin)", file, line, s);
					goto fail;
				}
				if (((depth == 3 && strcmp(keys[1], "roles") == 0) ||
				    (depth == 2 && strcmp(keys[1], "show_viewers") == 0 && strcmp(s, "hr"))) &&
				    lookup(policy_rel_names, REL__MAX, s) < 0) {
					snprintf(err, errlen, "%s:%d: unknown relation '%s' (self, supervisor, same_unit, colleague)", file, line, s);
					goto fail;
				}
				if (depth == 4 && lookup(policy_group_names, FG__MAX, s) < 0) {
					snprintf(err, errlen, "%s:%d: unknown field group '%s'", file, line, s);
					goto fail;
				}
				break;
			}
			if (strcmp(keys[1], "roles") == 0 && depth == 4) {
				int r = lookup(policy_role_names, PR__MAX, keys[2]);
				int l = lookup(policy_rel_names, REL__MAX, keys[3]);
				int g = lookup(policy_group_names, FG__MAX, keys[4]);
				int v = lookup(level_names, 3, s);
				if (v < 0) {
					snprintf(err, errlen, "%s:%d: level must be none, read or edit, not '%s'", file, line, s);
					goto fail;
				}
				p.grid[r][l][g] = (unsigned char)v;
			} else if (strcmp(keys[1], "show_viewers") == 0 && depth == 2) {
				int v = lookup(show_names, 3, s);
				if (v < 0) {
					snprintf(err, errlen, "%s:%d: must be hidden, role or name, not '%s'", file, line, s);
					goto fail;
				}
				if (strcmp(keys[2], "hr") == 0)
					p.show_viewer_hr = (unsigned char)v;
				else
					p.show_viewer[lookup(policy_rel_names, REL__MAX, keys[2])] = (unsigned char)v;
			} else {
				snprintf(err, errlen, "%s:%d: a mapping is expected under '%s', not a value",
				    file, line, keys[depth]);
				goto fail;
			}
			want_key[depth] = 1;
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		continue;
fail:
		yaml_event_delete(&ev);
		goto out;
	}
	*out = p;
	rc = 0;
out:
	yaml_parser_delete(&yp);
	fclose(fp);
	return rc;
}
