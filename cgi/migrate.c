/* migrate.c: `tmsctl migrate SQLDIR`, the database schema from sql/.
 *
 * SQLDIR/NNN_name.sql are the schema migrations (tables, indexes,
 * constraints, grants on tables, data changes, triggers): each is applied
 * once, in name order, in its own transaction, and recorded in
 * schema_migration with the SHA-256 of the file. A recorded migration whose
 * file has changed since is an error and nothing is applied: an applied
 * migration is never edited, a new one is added. Rows recorded before
 * checksums were kept (NULL) adopt the file's.
 *
 * SQLDIR/functions/AREA.sql hold the functions, each defined once in the
 * form that runs (CREATE OR REPLACE), with their grants and settings. Their
 * header names the migration that creates the types their signatures use
 * ("-- requires: NNN") and, when one file's objects need another's at
 * creation (a view over a function), the files to apply first ("-- after:
 * other.sql"). A file is applied again whenever its checksum differs from
 * the one recorded in schema_function_file, in one transaction and with
 * check_function_bodies off, so bodies may name tables of later migrations.
 * Before a pending migration NNN come the new or changed files that require
 * less than NNN (that migration's triggers, generated columns and data
 * changes find the functions they call); the others follow the last
 * migration.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "crypto.h"
#include "db.h"
#include "migrate.h"

#define MAX_FILES	1000

/* The last migration written while migrations still defined functions: a
 * database migrated before checksums were kept must hold every migration
 * up to it (it is upgraded from there; older ones are migrated first with
 * tms before the split of sql/functions/). */
#define LEGACY_LAST	60

struct sqlfile {
	char	*name;		/* "NNN_x.sql", or "x.sql" in functions/ */
	char	*sql;
	char	 sum[SHA256_HEX_LEN + 1];
	int	 version;	/* NNN; a function file's "-- requires" */
	char	*after;		/* a function file's "-- after:" list, or NULL */
	char	*recorded;	/* the checksum in the database, or NULL */
	int	 applied;	/* a row exists (migrations) */
};

struct sqlset {
	struct sqlfile	 f[MAX_FILES];
	size_t		 n;
};

static int
exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	int st = PQresultStatus(r), ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ||
	    st == PGRES_EMPTY_QUERY;

	if (!ok)
		fprintf(stderr, "%s", PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

static int
params_ok(PGconn *c, const char *sql, int n, const char *const *p)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, p, NULL, NULL, 0);
	int st = PQresultStatus(r), ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "%s", PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct sqlfile *)a)->name, ((const struct sqlfile *)b)->name);
}

static void
set_free(struct sqlset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->f[i].name);
		free(s->f[i].sql);
		free(s->f[i].after);
		free(s->f[i].recorded);
	}
	s->n = 0;
}

/* The leading digits of a name or header value, or -1. */
static int
number(const char *s)
{
	long v = 0;
	int d = 0;

	for (; *s >= '0' && *s <= '9' && d < 6; s++, d++)
		v = v * 10 + (*s - '0');
	return d == 0 ? -1 : (int)v;
}

/* The "-- requires:" and "-- after:" lines of a function file's leading
 * comment block. */
static int
headers(struct sqlfile *f)
{
	const char *p = f->sql;

	f->version = -1;
	while (*p == '-' || *p == '\n' || *p == '\r') {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);

		if (l >= 2 && p[0] == '-' && p[1] == '-') {
			const char *v = p + 2;
			while (*v == ' ')
				v++;
			if (strncmp(v, "requires:", 9) == 0) {
				for (v += 9; *v == ' '; v++)
					;
				f->version = number(v);
			} else if (strncmp(v, "after:", 6) == 0) {
				free(f->after);
				f->after = xstrndup(v + 6, l - (size_t)(v + 6 - p));
			}
		} else if (l > 0 && p[0] != '\r')
			break;
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	if (f->version < 0) {
		fprintf(stderr, "migrate: functions/%s: no \"-- requires: NNN\" line in its header\n", f->name);
		return -1;
	}
	return 0;
}

/* Every *.sql of dir (migrations: only those starting with a digit), read
 * and summed, in name order. A missing functions/ is an empty set. */
static int
load(struct sqlset *s, const char *dir, int functions)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;

	s->n = 0;
	if (d == NULL) {
		if (functions && errno == ENOENT)
			return 0;
		fprintf(stderr, "migrate: cannot open %s\n", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l <= 4 || strcmp(e->d_name + l - 4, ".sql") != 0 || e->d_name[0] == '.' ||
		    (!functions && (e->d_name[0] < '0' || e->d_name[0] > '9')))
			continue;
		if (s->n == MAX_FILES) {
			fprintf(stderr, "migrate: more than %d files in %s\n", MAX_FILES, dir);
			closedir(d);
			return -1;
		}
		memset(&s->f[s->n], 0, sizeof(s->f[0]));
		s->f[s->n++].name = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(s->f, s->n, sizeof(s->f[0]), cmp_name);
	for (i = 0; i < s->n; i++) {
		struct sqlfile *f = &s->f[i];
		char path[4096];
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", dir, f->name);
		if ((f->sql = buf_slurp(path, &len)) == NULL) {
			fprintf(stderr, "migrate: cannot read %s\n", path);
			return -1;
		}
		crypto_sha256_hex(f->sql, len, f->sum);
		if (functions ? headers(f) != 0 : (f->version = number(f->name)) < 0)
			return -1;
	}
	return 0;
}

/* The function files in the order they are applied: by "requires", then
 * name, each after the files its "-- after:" names (and so requiring at
 * least what they require). */
static int
order_functions(struct sqlset *fn, size_t *ord)
{
	char placed[MAX_FILES] = { 0 };
	size_t k, i;

	for (i = 0; i < fn->n; i++) {	/* every file named exists */
		const char *a = fn->f[i].after;
		while (a != NULL && *a) {
			size_t l, j;
			a += strspn(a, " ,\t\r");
			if ((l = strcspn(a, " ,\t\r")) == 0)
				break;
			for (j = 0; j < fn->n; j++)
				if (strlen(fn->f[j].name) == l && strncmp(fn->f[j].name, a, l) == 0)
					break;
			if (j == fn->n) {
				fprintf(stderr, "migrate: functions/%s: \"-- after: %.*s\": no such file\n",
				    fn->f[i].name, (int)l, a);
				return -1;
			}
			a += l;
		}
	}
	for (k = 0; k < fn->n; k++) {
		size_t best = fn->n;
		int bestv = 0;
		for (i = 0; i < fn->n; i++) {
			const char *a = fn->f[i].after;
			int ready = !placed[i], v = fn->f[i].version;
			while (ready && a != NULL && *a) {
				size_t l, j;
				a += strspn(a, " ,\t\r");
				if ((l = strcspn(a, " ,\t\r")) == 0)
					break;
				for (j = 0; j < fn->n; j++)
					if (strlen(fn->f[j].name) == l && strncmp(fn->f[j].name, a, l) == 0) {
						if (!placed[j])
							ready = 0;
						else if (fn->f[j].version > v)
							v = fn->f[j].version;
					}
				a += l;
			}
			if (ready && (best == fn->n || v < bestv)) {
				best = i;
				bestv = v;
			}
		}
		if (best == fn->n) {
			fprintf(stderr, "migrate: the \"-- after:\" lines of sql/functions/ make a cycle\n");
			return -1;
		}
		/* applied no earlier than the files it follows */
		fn->f[best].version = bestv;
		placed[best] = 1;
		ord[k] = best;
	}
	return 0;
}

/* Apply one file in its own transaction and record it. */
static int
apply(PGconn *c, struct sqlfile *f, int function)
{
	const char *p[2] = { f->name, f->sum };
	const char *rec = function ?
	    "INSERT INTO schema_function_file (name, checksum) VALUES ($1, $2) ON CONFLICT (name)"
	    " DO UPDATE SET checksum = excluded.checksum, applied_at = now()" :
	    "INSERT INTO schema_migration (version, checksum) VALUES ($1, $2)";
	const char *dir = function ? "functions/" : "";

	if (!exec_ok(c, "BEGIN") ||
	    (function && !exec_ok(c, "SET LOCAL check_function_bodies = off")) ||
	    !exec_ok(c, f->sql) || !params_ok(c, rec, 2, p)) {
		fprintf(stderr, "migrate: %s%s failed; nothing of it was applied\n", dir, f->name);
		exec_ok(c, "ROLLBACK");
		return -1;
	}
	if (pq_commit(c) != 0) {
		fprintf(stderr, "migrate: %s%s failed at COMMIT; nothing of it was applied\n", dir, f->name);
		return -1;
	}
	free(f->recorded);
	f->recorded = xstrdup(f->sum);
	printf("applied %s%s\n", dir, f->name);
	return 0;
}

/* The new or changed function files that require less than limit. */
static int
apply_functions(PGconn *c, struct sqlset *fn, const size_t *ord, int limit, int *count)
{
	size_t i;

	for (i = 0; i < fn->n; i++) {
		struct sqlfile *f = &fn->f[ord[i]];
		if (f->version >= limit || (f->recorded && strcmp(f->recorded, f->sum) == 0))
			continue;
		if (apply(c, f, 1) != 0)
			return -1;
		(*count)++;
	}
	return 0;
}

/* Fill each file's recorded checksum from a (name, checksum) query. */
static int
recorded(PGconn *c, const char *sql, struct sqlset *s)
{
	PGresult *r = PQexec(c, sql);
	int i;

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "%s", PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	for (i = 0; i < PQntuples(r); i++) {
		struct sqlfile key = { .name = PQgetvalue(r, i, 0) }, *f;
		f = bsearch(&key, s->f, s->n, sizeof(s->f[0]), cmp_name);
		if (f == NULL)
			continue;
		f->applied = 1;
		if (!PQgetisnull(r, i, 1))
			f->recorded = xstrdup(PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return 0;
}

static int
run(PGconn *c, const char *dir, struct sqlset *mig, struct sqlset *fn)
{
	size_t ord[MAX_FILES], i, legacy = 0;
	char fdir[4096];
	int bad = 0, done = 0, fdone = 0;

	snprintf(fdir, sizeof(fdir), "%s/functions", dir);
	if (load(mig, dir, 0) != 0 || load(fn, fdir, 1) != 0 || order_functions(fn, ord) != 0)
		return 1;
	if (!exec_ok(c, "SET client_min_messages = warning") ||
	    !exec_ok(c, "SELECT pg_advisory_lock(hashtext('tms.migrate'))") ||
	    !exec_ok(c, "CREATE TABLE IF NOT EXISTS schema_migration ("
	    "version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)") ||
	    !exec_ok(c, "ALTER TABLE schema_migration ADD COLUMN IF NOT EXISTS checksum text") ||
	    !exec_ok(c, "CREATE TABLE IF NOT EXISTS schema_function_file ("
	    "name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())") ||
	    recorded(c, "SELECT version, checksum FROM schema_migration", mig) != 0 ||
	    recorded(c, "SELECT name, checksum FROM schema_function_file", fn) != 0)
		return 1;

	/* verify everything before applying anything */
	for (i = 0; i < mig->n; i++) {
		struct sqlfile *f = &mig->f[i];
		if (f->applied && f->recorded == NULL)
			legacy++;
		if (f->recorded && strcmp(f->recorded, f->sum) != 0) {
			fprintf(stderr, "migrate: %s was changed after it was applied (checksum %.12s… "
			    "recorded, %.12s… now): restore it and put the change in a new migration\n",
			    f->name, f->recorded, f->sum);
			bad = 1;
		}
	}
	for (i = 0; legacy > 0 && i < mig->n; i++)
		if (!mig->f[i].applied && mig->f[i].version <= LEGACY_LAST) {
			fprintf(stderr, "migrate: this database was migrated before checksums were kept and "
			    "lacks %s: migrate it first with tms from before sql/functions/ "
			    "(commit d2f4710)\n", mig->f[i].name);
			bad = 1;
		}
	if (bad)
		return 1;

	if (legacy > 0) {	/* adopt the files' checksums */
		if (!exec_ok(c, "BEGIN"))
			return 1;
		for (i = 0; i < mig->n; i++) {
			struct sqlfile *f = &mig->f[i];
			const char *p[2] = { f->name, f->sum };
			if (!f->applied || f->recorded != NULL)
				continue;
			if (!params_ok(c, "UPDATE schema_migration SET checksum = $2 "
			    "WHERE version = $1 AND checksum IS NULL", 2, p)) {
				exec_ok(c, "ROLLBACK");
				return 1;
			}
			f->recorded = xstrdup(f->sum);
		}
		if (pq_commit(c) != 0) {
			fprintf(stderr, "migrate: recording the checksums failed\n");
			return 1;
		}
		printf("recorded the checksums of %zu migrations applied before they were kept\n", legacy);
	}

	for (i = 0; i < mig->n; i++) {
		struct sqlfile *f = &mig->f[i];
		if (f->applied)
			continue;
		if (apply_functions(c, fn, ord, f->version, &fdone) != 0 || apply(c, f, 0) != 0)
			return 1;
		f->applied = 1;
		done++;
	}
	if (apply_functions(c, fn, ord, 1 << 30, &fdone) != 0)
		return 1;
	printf("migrations up to date (%d applied now, %zu known); "
	    "function files up to date (%d applied now, %zu known)\n", done, mig->n, fdone, fn->n);
	return 0;
}

int
migrate_run(PGconn *c, const char *dir)
{
	struct sqlset *mig = xcalloc(1, sizeof(*mig)), *fn = xcalloc(1, sizeof(*fn));
	int rc = run(c, dir, mig, fn);

	set_free(mig);
	set_free(fn);
	free(mig);
	free(fn);
	return rc;
}
