/* wishes.c: answers of the career wishes survey for every consumer (the
 * wishes pages, the profile, JSON, CSV). Who may read an answer is the
 * policy's `wishes` group by relation; questions marked `visibility: hr`
 * are readable only by the person and by hr, and are sealed with
 * AES-256-GCM (lib/seal.c) before they reach the database, bound to round,
 * staff member and question. A viewer who may not read them never gets
 * them opened, let alone rendered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>
#include "app.h"
#include "log.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"
#include "wishes.h"

int
wish_may_read(const struct ctx *c, unsigned rel)
{
	return policy_level(c->app->policy, c->me.roles, rel, FG_WISHES) >= PL_READ;
}

/* Confidential items: the person, and hr accounts that may read wishes. */
int
wish_may_conf(const struct ctx *c, unsigned rel)
{
	if (!wish_may_read(c, rel))
		return 0;
	return (rel & RELBIT(REL_SELF)) || (c->me.roles & ROLEBIT(PR_HR));
}

/* A question key of a stored value ("transfer.unit1" → "transfer"). */
static const struct squestion *
question_of(const struct ctx *c, const char *q)
{
	char k[48];

	snprintf(k, sizeof(k), "%s", q);
	k[strcspn(k, ".")] = '\0';
	return c->app->survey ? survey_find(c->app->survey, k) : NULL;
}

/* A key id this worker does not know yet (added by `tmsctl keygen` after
 * it started): read the key file again, at most once a minute. */
static int
reload_for(struct ctx *c, int key_id)
{
	static time_t last;
	struct keyring kr;
	char err[512];
	int i;

	for (i = 0; i < c->app->keys.n; i++)
		if (c->app->keys.k[i].id == key_id)
			return 0;
	if (c->app->cfg->wish_keys == NULL || last > time(NULL) - 60)
		return -1;
	last = time(NULL);
	if (keyring_load(c->app->cfg->wish_keys, &kr, err, sizeof(err)) != 0) {
		log_err("wishes key file: %s", err);
		return -1;
	}
	keyring_wipe(&c->app->keys);
	c->app->keys = kr;
	keyring_wipe(&kr);
	return 0;
}

static char *
open_sealed(struct ctx *c, const char *round, const char *staff, const char *q,
    const char *hex, int key_id)
{
	size_t n = strlen(hex) / 2, outlen = 0;
	unsigned char *in = xmalloc(n + 1), *out = xmalloc(n + 1);
	char ad[160];

	survey_seal_context(ad, sizeof(ad), round, staff, q);
	(void)reload_for(c, key_id);
	if (crypto_unhex(hex, in, n) != 0 ||
	    unseal(&c->app->keys, key_id, ad, strlen(ad), in, n, out, &outlen) != 0) {
		free(in);
		free(out);
		return NULL;
	}
	free(in);
	out[outlen] = '\0';
	return (char *)out;
}

/* Values of answer `aid` (round, staff) into *w; conf: open sealed ones. */
int
wish_load(struct ctx *c, const char *round, const char *staff, const char *aid,
    int conf, struct wvals *w)
{
	const char *p[1] = { aid };
	PGresult *r;
	int i;

	memset(w, 0, sizeof(*w));
	if ((r = db_exec(&c->app->ro, STMT_WISH_VALUES, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(r) && w->n < WISH_MAXV; i++) {
		const char *q = PQgetvalue(r, i, 0), *hex = PQgetvalue(r, i, 2);
		const struct squestion *sq = question_of(c, q);
		int sealed = *hex != '\0';
		char *v;

		if ((sealed || (sq && sq->vis == QV_HR)) && !conf) {
			w->sealed_hidden++;
			continue;
		}
		if (sealed) {
			v = open_sealed(c, round, staff, q, hex, atoi(PQgetvalue(r, i, 3)));
			if (v == NULL) {
				log_err("wishes: value %s of answer %s would not open (key %s)",
				    q, aid, PQgetvalue(r, i, 3));
				w->broken++;
				continue;
			}
		} else
			v = xstrdup(PQgetvalue(r, i, 1));
		snprintf(w->a[w->n].q, sizeof(w->a[0].q), "%s", q);
		w->a[w->n].conf = sealed || (sq && sq->vis == QV_HR);
		w->a[w->n++].v = v;
	}
	PQclear(r);
	return 0;
}

void
wish_free(struct wvals *w)
{
	int i;

	for (i = 0; i < w->n; i++) {
		if (w->a[i].conf)	/* opened from a seal: wipe the plaintext */
			OPENSSL_cleanse(w->a[i].v, strlen(w->a[i].v));
		free(w->a[i].v);
	}
	w->n = 0;
}

const char *
wish_get(const struct wvals *w, const char *q)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->a[i].q, q) == 0)
			return w->a[i].v;
	return NULL;
}

/* Seal value v of question q for (round, staff): *hex (malloc'd) and key. */
int
wish_seal_hex(struct ctx *c, const char *round, const char *staff, const char *q,
    const char *v, char **hex, int *key_id)
{
	size_t n = strlen(v);
	unsigned char *out;
	char ad[160];

	*hex = NULL;
	if (c->app->keys.n == 0)
		return -1;
	out = xmalloc(n + SEAL_OVERHEAD);
	survey_seal_context(ad, sizeof(ad), round, staff, q);
	if (seal(&c->app->keys, ad, strlen(ad), v, n, out, key_id) != 0) {
		free(out);
		return -1;
	}
	*hex = xmalloc(2 * (n + SEAL_OVERHEAD) + 1);
	crypto_hex(out, n + SEAL_OVERHEAD, *hex);
	free(out);
	return 0;
}

/* Unit names by code (every unit that ever existed, latest name), kept for
 * a minute per worker. */
static struct {
	time_t	 at;
	int	 n;
	char	 (*code)[24];
	char	 (*name)[160];
} units;

const char *
wish_unit_name(struct ctx *c, const char *code)
{
	int i;

	if (units.at < time(NULL) - 60) {
		PGresult *r = db_exec(&c->app->ro, STMT_OPT_UNITS_EVER, NULL);
		if (r != NULL) {
			int n = PQntuples(r);
			free(units.code);
			free(units.name);
			units.code = xcalloc((size_t)n + 1, sizeof(*units.code));
			units.name = xcalloc((size_t)n + 1, sizeof(*units.name));
			units.n = n;
			for (i = 0; i < units.n; i++) {
				snprintf(units.code[i], sizeof(units.code[0]), "%s", PQgetvalue(r, i, 0));
				snprintf(units.name[i], sizeof(units.name[0]), "%s", PQgetvalue(r, i, 1));
			}
			units.at = time(NULL);
			PQclear(r);
		}
	}
	for (i = 0; i < units.n; i++)
		if (strcmp(units.code[i], code) == 0)
			return units.name[i];
	return code;
}

const char *
wish_choice_label(const char *v)
{
	if (strcmp(v, "stay") == 0)
		return "現所属での継続を希望";
	if (strcmp(v, "any") == 0)
		return "異動を希望（所属は問わない）";
	if (strcmp(v, "units") == 0)
		return "希望する所属への異動を希望";
	return "";
}

static void
fill_transfer(struct ctx *c, const char *key, const struct wvals *w, const char *qk)
{
	char k[160], sk[48];
	const char *ch;
	int u, n = 0;

	snprintf(sk, sizeof(sk), "%s.choice", qk);
	ch = wish_get(w, sk);
	snprintf(k, sizeof(k), "%s.Value", key);
	view_set(c->hdf, k, ch ? wish_choice_label(ch) : "");
	snprintf(k, sizeof(k), "%s.Choice", key);
	view_set(c->hdf, k, ch ? ch : "");
	for (u = 1; u <= SURVEY_UNITS && ch && strcmp(ch, "units") == 0; u++) {
		const char *code, *why;
		snprintf(sk, sizeof(sk), "%s.unit%d", qk, u);
		if ((code = wish_get(w, sk)) == NULL || *code == '\0')
			continue;
		snprintf(sk, sizeof(sk), "%s.reason%d", qk, u);
		why = wish_get(w, sk);
		snprintf(k, sizeof(k), "%s.Units.%d.Rank", key, n);
		view_set_int(c->hdf, k, u);
		snprintf(k, sizeof(k), "%s.Units.%d.Code", key, n);
		view_set(c->hdf, k, code);
		snprintf(k, sizeof(k), "%s.Units.%d.Name", key, n);
		view_set(c->hdf, k, wish_unit_name(c, code));
		snprintf(k, sizeof(k), "%s.Units.%d.Reason", key, n);
		view_set(c->hdf, k, why ? why : "");
		n++;
	}
}

/* The questions with their answers into PREFIX.N.*, in survey order;
 * confidential questions only when conf. */
void
wish_fill(struct ctx *c, const char *prefix, const struct wvals *w, int conf)
{
	const struct survey *s = c->app->survey;
	char key[128], k[160];
	int i, n = 0;

	for (i = 0; s && i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		const char *v;

		if (q->vis == QV_HR && !conf)
			continue;
		snprintf(key, sizeof(key), "%s.%d", prefix, n++);
		snprintf(k, sizeof(k), "%s.Key", key);
		view_set(c->hdf, k, q->key);
		snprintf(k, sizeof(k), "%s.Label", key);
		view_set(c->hdf, k, q->label);
		snprintf(k, sizeof(k), "%s.Confidential", key);
		view_set(c->hdf, k, q->vis == QV_HR ? "1" : "0");
		if (q->type == Q_TRANSFER) {
			fill_transfer(c, key, w, q->key);
			continue;
		}
		v = wish_get(w, q->key);
		if (v && q->type == Q_CHOICE && survey_option(q, v))
			v = survey_option(q, v);
		snprintf(k, sizeof(k), "%s.Value", key);
		view_set(c->hdf, k, v ? v : "");
	}
}

/* Reminder: open rounds the signed-in staff member has not submitted (a
 * layout part, registered at the worker's start; not on answers to POST). */
void
wish_banner(struct ctx *c)
{
	char id[24], k[64], d[64];
	const char *p[1] = { id };
	PGresult *r;
	int i;

	if (c->app->survey == NULL || c->me.staff_id == 0 || strncmp(c->path, "/wishes/", 8) == 0 ||
	    strcmp(c->method, "POST") == 0)
		return;
	snprintf(id, sizeof(id), "%ld", c->me.staff_id);
	if ((r = db_exec(&c->app->ro, STMT_WISH_PENDING, p)) == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		snprintf(k, sizeof(k), "WishBanner.%d.Href", i);
		view_setf(c->hdf, k, "/wishes/%s", PQgetvalue(r, i, 0));
		snprintf(k, sizeof(k), "WishBanner.%d.Title", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 1));
		staff_date(PQgetvalue(r, i, 2), d, sizeof(d));
		snprintf(k, sizeof(k), "WishBanner.%d.Closes", i);
		view_set(c->hdf, k, d);
	}
	PQclear(r);
}

/* The profile's wishes section (Page.Wishes), as the policy allows. */
void
wish_profile(struct ctx *c, const char *id, unsigned rel)
{
	const char *p[2] = { id, (rel & RELBIT(REL_SELF)) ? "t" : "f" };
	int conf = wish_may_conf(c, rel), i;
	PGresult *r;
	char k[96];

	if (c->app->survey == NULL || !wish_may_read(c, rel))
		return;
	if ((r = db_exec(&c->app->ro, STMT_WISH_STAFF_ANSWERS, p)) == NULL)
		return;
	view_set(c->hdf, "Page.Show.Wishes", "1");
	for (i = 0; i < PQntuples(r); i++) {
		struct wvals w;
		snprintf(k, sizeof(k), "Page.Wishes.%d.Round", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 2));
		snprintf(k, sizeof(k), "Page.Wishes.%d.Year", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 1));
		snprintf(k, sizeof(k), "Page.Wishes.%d.Status", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 4));
		snprintf(k, sizeof(k), "Page.Wishes.%d.Submitted", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 5));
		if (wish_load(c, PQgetvalue(r, i, 0), id, PQgetvalue(r, i, 3), conf, &w) != 0)
			continue;
		snprintf(k, sizeof(k), "Page.Wishes.%d.Items", i);
		wish_fill(c, k, &w, conf);
		wish_free(&w);
	}
	PQclear(r);
}
