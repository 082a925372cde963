/* config.c: strict YAML configuration loader. Nested mappings become dotted
 * keys ("database.rw"); every key must be in the table below, every value
 * must parse and be in range, or loading fails naming the file and line. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "config.h"

enum ctype { C_STR, C_INT, C_OCT };

static const struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	long		 min, max;
	int		 required;
} ckeys[] = {
#define S(n, f, r) { n, C_STR, offsetof(struct config, f), 0, 0, r }
#define I(n, f, lo, hi) { n, C_INT, offsetof(struct config, f), lo, hi, 0 }
	S("listen", listen, 1),
	{ "socket_mode", C_OCT, offsetof(struct config, socket_mode), 0, 0777, 0 },
	S("socket_group", socket_group, 0),
	S("user", user, 0),
	I("workers", workers, 1, 256),
	I("max_requests", max_requests, 1, 100000000),
	I("drain_seconds", drain_seconds, 1, 3600),
	S("database.rw", db_rw, 1),
	S("database.ro", db_ro, 0),
	S("database.owner", db_owner, 0),
	I("database.statement_timeout_ms", statement_timeout_ms, 100, 600000),
	S("paths.templates", templates, 1),
	S("paths.secret_key", secret_key, 1),
	S("paths.policy", policy, 1),
	S("paths.photos", photos, 0),
	I("session.idle_minutes", session_idle_minutes, 1, 1440),
	I("session.absolute_minutes", session_absolute_minutes, 1, 43200),
	I("password.pbkdf2_iterations", pbkdf2_iterations, 1000, 10000000),
	I("login.max_account_failures", login_max_account_failures, 1, 1000),
	I("login.max_address_failures", login_max_address_failures, 1, 100000),
	I("login.window_minutes", login_window_minutes, 1, 1440),
	I("limits.max_body", max_body, 1024, 1073741824),
	I("limits.max_upload", max_upload, 1024, 1073741824),
#undef S
#undef I
};

static void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->socket_mode = 0660;
	c->workers = 4;
	c->max_requests = 10000;
	c->drain_seconds = 30;
	c->statement_timeout_ms = 5000;
	c->session_idle_minutes = 30;
	c->session_absolute_minutes = 720;
	c->pbkdf2_iterations = 310000;
	c->login_max_account_failures = 5;
	c->login_max_address_failures = 50;
	c->login_window_minutes = 15;
	c->max_body = 1048576;
	c->max_upload = 5242880;
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		if (ckeys[i].type == C_STR)
			free(*(char **)((char *)c + ckeys[i].off));
	free(c->path);
	memset(c, 0, sizeof(*c));
}

static int
config_set(struct config *c, const char *key, const char *val, int line,
    const char *file, unsigned *seen, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++) {
		const struct ckey *k = &ckeys[i];
		char *end;
		long v;

		if (strcmp(k->name, key) != 0)
			continue;
		if (*seen & (1u << i)) {
			snprintf(err, errlen, "%s:%d: duplicate key '%s'", file, line, key);
			return -1;
		}
		*seen |= 1u << i;
		if (k->type == C_STR) {
			char **dst = (char **)((char *)c + k->off);
			if (*val == '\0') {
				snprintf(err, errlen, "%s:%d: '%s' must not be empty", file, line, key);
				return -1;
			}
			free(*dst);
			*dst = strdup(val);
			return 0;
		}
		errno = 0;
		v = strtol(val, &end, k->type == C_OCT ? 8 : 10);
		if (errno || end == val || *end != '\0' || v < k->min || v > k->max) {
			snprintf(err, errlen, "%s:%d: '%s' must be %s between %ld and %ld, not '%s'",
			    file, line, key, k->type == C_OCT ? "an octal mode" : "an integer",
			    k->min, k->max, val);
			return -1;
		}
		*(int *)((char *)c + k->off) = (int)v;
		return 0;
	}
	snprintf(err, errlen, "%s:%d: unknown key '%s'", file, line, key);
	return -1;
}

int
config_load(const char *file, struct config *c, char *err, size_t errlen)
{
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *fp;
	char stack[8][64], key[256];
	int depth = 0, expect_key[8] = { 0 }, rc = -1, done = 0;
	unsigned seen = 0;
	size_t i;

	config_defaults(c);
	if ((fp = fopen(file, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		int line;

		if (!yaml_parser_parse(&p, &ev)) {
			snprintf(err, errlen, "%s:%lu: YAML syntax error: %s", file,
			    (unsigned long)p.problem_mark.line + 1,
			    p.problem ? p.problem : "unknown");
			goto out;
		}
		line = (int)ev.start_mark.line + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth >= 7) {
				snprintf(err, errlen, "%s:%d: nesting too deep", file, line);
				goto fail_ev;
			}
			depth++;
			expect_key[depth] = 1;
			break;
		case YAML_MAPPING_END_EVENT:
			depth--;
			if (depth > 0)
				expect_key[depth] = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			snprintf(err, errlen, "%s:%d: lists and aliases are not allowed here", file, line);
			goto fail_ev;
		case YAML_SCALAR_EVENT: {
			const char *s = (const char *)ev.data.scalar.value;
			if (depth == 0)
				break;
			if (expect_key[depth]) {
				snprintf(stack[depth], sizeof(stack[0]), "%s", s);
				expect_key[depth] = 0;
				break;
			}
			key[0] = '\0';
			for (i = 1; i <= (size_t)depth; i++) {
				if (i > 1)
					strncat(key, ".", sizeof(key) - strlen(key) - 1);
				strncat(key, stack[i], sizeof(key) - strlen(key) - 1);
			}
			if (config_set(c, key, s, line, file, &seen, err, errlen))
				goto fail_ev;
			expect_key[depth] = 1;
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		continue;
fail_ev:
		yaml_event_delete(&ev);
		goto out;
	}
	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		if (ckeys[i].required && !(seen & (1u << i))) {
			snprintf(err, errlen, "%s: required key '%s' is missing", file, ckeys[i].name);
			goto out;
		}
	if (c->db_ro == NULL)
		c->db_ro = strdup(c->db_rw);
	c->path = strdup(file);
	rc = 0;
out:
	yaml_parser_delete(&p);
	fclose(fp);
	if (rc != 0)
		config_free(c);
	return rc;
}
