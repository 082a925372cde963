/* config.c: strict YAML configuration loader. Nested mappings become dotted
 * keys ("database.rw"); every key must be in the table below, every value
 * must parse and be in range, or loading fails naming the file and line. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "config.h"
#include "ymap.h"

enum ctype { C_STR, C_INT, C_OCT, C_BOOL, C_ROLES };

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
	S("listen_allow", listen_allow, 0),
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
	S("paths.audit_key", audit_key, 0),
	/* retention (cgi/retention.c, tmsctl retention run) */
	I("retention.import_preview_days", ret_preview_days, 1, 36500),
	I("retention.import_file_days", ret_file_days, 1, 36500),
	I("retention.audit_years", ret_audit_years, 1, 100),
	S("city", city, 0),
	S("paths.policy", policy, 1),
	S("paths.photos", photos, 0),
	S("paths.survey", survey, 0),
	S("paths.wish_keys", wish_keys, 0),
	S("wishes.mail_command", mail_command, 0),
	I("session.idle_minutes", session_idle_minutes, 1, 1440),
	I("session.absolute_minutes", session_absolute_minutes, 1, 43200),
	I("password.pbkdf2_iterations", pbkdf2_iterations, 1000, 10000000),
	/* sign-in delays (cgi/throttle.c): failures without a delay per
	 * (address, login) and per login over all addresses, the longest delay
	 * (a correct password never waits longer) and when failures are forgotten */
	I("login.free_failures", login_free_failures, 0, 100),
	I("login.account_free_failures", login_account_free_failures, 0, 1000),
	I("login.max_delay_seconds", login_max_delay_seconds, 1, 60),
	I("login.forget_minutes", login_forget_minutes, 1, 1440),
	/* password checks at a time over all pools (0: half the CPUs) */
	I("login.concurrent_signins", login_concurrent_signins, 0, 256),
	/* directory sign-in (cgi/ldap_auth.c); checked in config_load */
	S("auth.ldap.uri", ldap_uri, 0),
	{ "auth.ldap.starttls", C_BOOL, offsetof(struct config, ldap_starttls), 0, 1, 0 },
	S("auth.ldap.ca_file", ldap_ca_file, 0),
	S("auth.ldap.base_dn", ldap_base_dn, 0),
	S("auth.ldap.bind_dn", ldap_bind_dn, 0),
	S("auth.ldap.bind_password_file", ldap_bind_password_file, 0),
	S("auth.ldap.login_attribute", ldap_login_attribute, 0),
	S("auth.ldap.staff_no_attribute", ldap_staff_no_attribute, 0),
	I("auth.ldap.timeout_ms", ldap_timeout_ms, 100, 60000),
	S("auth.ldap.local_logins", ldap_local_logins, 0),
	I("limits.max_body", max_body, 1024, 1073741824),
	I("limits.max_upload", max_upload, 1024, 1073741824),
	I("limits.request_seconds", request_seconds, 1, 86400),
	/* /_noop, the no-op FastCGI answer of `scripts/tms bench`: off
	 * unless a benchmark stack asks for it */
	{ "bench.noop", C_BOOL, offsetof(struct config, bench_noop), 0, 1, 0 },
	/* workers confine themselves with seccomp (cgi/sandbox.c); false only
	 * to diagnose */
	{ "security.seccomp", C_BOOL, offsetof(struct config, seccomp), 0, 1, 0 },
	/* the per-worker result cache (lib/qcache.c); false to measure the
	 * cold paths (tests/bench/mix.sh) */
	{ "cache.enabled", C_BOOL, offsetof(struct config, cache_enabled), 0, 1, 0 },
	/* accounts (issue 13): "hr admin" or "hr, admin"; "" for none */
	{ "auth.totp_roles", C_ROLES, offsetof(struct config, totp_roles), 0, 0, 0 },
	I("auth.activation_days", activation_days, 1, 365),
	I("auth.password_min_length", password_min_length, 8, 128),
	S("auth.service_url", service_url, 0),
	S("paths.common_passwords", common_passwords, 0),
#ifdef CONFIG_TEST_KEYS
	CONFIG_TEST_KEYS	/* tests/unit/test_config.c: a longer table */
#endif
#undef S
#undef I
};
#define NKEYS	(sizeof(ckeys) / sizeof(ckeys[0]))

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
	c->ret_preview_days = 1;
	c->ret_file_days = 90;
	c->ret_audit_years = 5;
	c->seccomp = 1;
	c->cache_enabled = 1;
	c->login_free_failures = 3;
	c->login_account_free_failures = 10;
	c->login_max_delay_seconds = 60;
	c->login_forget_minutes = 15;
	c->ldap_timeout_ms = 3000;
	c->max_body = 1048576;
	c->max_upload = 5242880;
	c->request_seconds = 120;
	c->activation_days = 14;
	c->password_min_length = 12;
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (ckeys[i].type == C_STR)
			free(*(char **)((char *)c + ckeys[i].off));
	free(c->path);
	memset(c, 0, sizeof(*c));
}

struct loadctx {
	struct config	*c;
	bool		 seen[NKEYS];	/* one flag per key, however many */
};

/* A set of roles: names separated by spaces or commas (bits as enum role
 * in cgi/app.h: general 1, hr 2, admin 4). */
static int
config_roles(const char *val, int *mask, const char *key, char *err, size_t errlen)
{
	static const char *const names[] = { "general", "hr", "admin" };
	const char *p = val;

	*mask = 0;
	while (*p) {
		size_t n, i;

		p += strspn(p, " ,");
		if ((n = strcspn(p, " ,")) == 0)
			break;
		for (i = 0; i < 3; i++)
			if (strlen(names[i]) == n && strncmp(p, names[i], n) == 0)
				break;
		if (i == 3) {
			snprintf(err, errlen, "'%s': unknown role '%.*s' (general, hr, admin)",
			    key, (int)n, p);
			return -1;
		}
		*mask |= 1 << i;
		p += n;
	}
	return 0;
}

static int
config_key(void *vctx, const char *const *keys, int depth, const char *val,
    char *err, size_t errlen)
{
	struct loadctx *lc = vctx;
	struct config *c = lc->c;
	char key[256] = "";
	size_t i;
	int d;

	if (val == NULL)
		return 0;	/* a section; its keys are checked one by one */
	for (d = 0; d < depth; d++) {
		if (d)
			strncat(key, ".", sizeof(key) - strlen(key) - 1);
		strncat(key, keys[d], sizeof(key) - strlen(key) - 1);
	}
	for (i = 0; i < NKEYS; i++) {
		const struct ckey *k = &ckeys[i];
		char *end;
		long v;

		if (strcmp(k->name, key) != 0)
			continue;
		if (lc->seen[i]) {
			snprintf(err, errlen, "duplicate key '%s'", key);
			return -1;
		}
		lc->seen[i] = true;
		if (k->type == C_STR) {
			char **dst = (char **)((char *)c + k->off);
			if (*val == '\0') {
				snprintf(err, errlen, "'%s' must not be empty", key);
				return -1;
			}
			free(*dst);
			*dst = xstrdup(val);
			return 0;
		}
		if (k->type == C_ROLES)
			return config_roles(val, (int *)((char *)c + k->off), key, err, errlen);
		if (k->type == C_BOOL) {
			if (strcmp(val, "true") != 0 && strcmp(val, "false") != 0) {
				snprintf(err, errlen, "'%s' must be true or false, not '%s'",
				    key, val);
				return -1;
			}
			*(int *)((char *)c + k->off) = strcmp(val, "true") == 0;
			return 0;
		}
		errno = 0;
		v = strtol(val, &end, k->type == C_OCT ? 8 : 10);
		if (errno || end == val || *end != '\0' || v < k->min || v > k->max) {
			snprintf(err, errlen, "'%s' must be %s between %ld and %ld, not '%s'",
			    key, k->type == C_OCT ? "an octal mode" : "an integer",
			    k->min, k->max, val);
			return -1;
		}
		*(int *)((char *)c + k->off) = (int)v;
		return 0;
	}
	snprintf(err, errlen, "unknown key '%s'", key);
	return -1;
}

/* auth.ldap: passwords never cross the network in clear (ldaps:// or
 * StartTLS), and the search needs a base. */
static int
config_ldap_check(const struct config *c, const char *file, char *err, size_t errlen)
{
	const char *why = NULL;

	if (strncmp(c->ldap_uri, "ldaps://", 8) != 0 &&
	    !(strncmp(c->ldap_uri, "ldap://", 7) == 0 && c->ldap_starttls))
		why = "'auth.ldap.uri' must be ldaps://..., or ldap://... with 'auth.ldap.starttls: true'";
	else if (c->ldap_base_dn == NULL)
		why = "'auth.ldap.base_dn' is required with 'auth.ldap.uri'";
	else if ((c->ldap_bind_dn == NULL) != (c->ldap_bind_password_file == NULL))
		why = "'auth.ldap.bind_dn' and 'auth.ldap.bind_password_file' go together";
	if (why == NULL)
		return 0;
	snprintf(err, errlen, "%s: %s", file, why);
	return -1;
}

int
config_load(const char *file, struct config *c, char *err, size_t errlen)
{
	struct loadctx lc = { .c = c };
	size_t i;

	config_defaults(c);
	if (ymap_walk(file, 4, config_key, &lc, err, errlen) != 0) {
		config_free(c);
		return -1;
	}
	for (i = 0; i < NKEYS; i++)
		if (ckeys[i].required && !lc.seen[i]) {
			snprintf(err, errlen, "%s: required key '%s' is missing", file, ckeys[i].name);
			config_free(c);
			return -1;
		}
	if (c->ldap_uri != NULL && config_ldap_check(c, file, err, errlen) != 0) {
		config_free(c);
		return -1;
	}
	if (c->db_ro == NULL)
		c->db_ro = xstrdup(c->db_rw);
	c->path = xstrdup(file);
	return 0;
}
