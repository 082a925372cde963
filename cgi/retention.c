/* retention.c: retention periods and the erasure at the end of service.
 *
 * retention_run: import previews and refused imports (retention.
 * import_preview_days, 1), the files of committed imports
 * (import_file_days, 90; the history row with the file's SHA-256 stays) and
 * audit rows (audit_years, 5; from the chain's start, which then moves:
 * STMT_RET_AUDIT). Worker and nginx logs are rotated by logrotate
 * (debian/tms.logrotate, maxage). Run daily by etc/systemd/tms-retention.timer.
 *
 * purge_everything: TRUNCATE of every table holding people (and, by
 * CASCADE, what refers to them), the audit chain reset, the photo files
 * removed and the key files (secret, audit, wishes key ring) overwritten
 * and removed: a copy of the data that escaped is then unreadable where
 * sealed. The deletion report lists the row counts of every table before
 * and after, the files removed, the time and the operator; its SHA-256 is
 * written beside it and printed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include "auditchain.h"
#include "buf.h"
#include "crypto.h"
#include "retention.h"
#include "stmts.h"

static int
int_param(char *buf, size_t n, int v)
{
	return snprintf(buf, n, "%d", v);
}

int
retention_run(struct db *db, const struct config *cfg, const char *asof, const char *actor, FILE *out)
{
	char d1[16], d2[16], d3[16], detail[512];
	const char *p[2];
	PGresult *a = NULL, *b = NULL, *c = NULL;
	int rc = 1;

	int_param(d1, sizeof(d1), cfg->ret_preview_days);
	int_param(d2, sizeof(d2), cfg->ret_file_days);
	int_param(d3, sizeof(d3), cfg->ret_audit_years);
	if (db_begin(db) != 0)
		return 1;
	p[1] = asof;
	p[0] = d1;
	if ((a = db_exec(db, STMT_RET_PREVIEWS, p)) == NULL)
		goto out;
	p[0] = d2;
	if ((b = db_exec(db, STMT_RET_FILES, p)) == NULL)
		goto out;
	p[0] = d3;
	if ((c = db_exec(db, STMT_RET_AUDIT, p)) == NULL)
		goto out;
	snprintf(detail, sizeof(detail), "{\"as_of\": \"%s\", \"import_previews\": %s,"
	    " \"import_files\": %s, \"import_bytes\": %s, \"audit_rows\": %s, \"audit_base\": %s}",
	    asof, PQgetvalue(a, 0, 0), PQgetvalue(b, 0, 0), PQgetvalue(b, 0, 1),
	    PQgetvalue(c, 0, 0), PQgetvalue(c, 0, 2));
	{
		const char *q[9] = { "0", "0", actor, "delete", "0", "retention", detail, "local", "ok" };
		if (audit_add(db, q) != 0)
			goto out;
	}
	if (db_commit(db) != 0)
		goto out;
	rc = 0;
	fprintf(out, "retention (as of %s):\n"
	    "  import previews and refused imports older than %s days: %s removed\n"
	    "  files of committed imports older than %s days: %s files, %s bytes removed\n"
	    "  audit rows older than %s years: %s removed%s%s\n",
	    asof, d1, PQgetvalue(a, 0, 0), d2, PQgetvalue(b, 0, 0), PQgetvalue(b, 0, 1),
	    d3, PQgetvalue(c, 0, 0), strcmp(PQgetvalue(c, 0, 2), "0") ? ", the chain now starts at position " : "",
	    strcmp(PQgetvalue(c, 0, 2), "0") ? PQgetvalue(c, 0, 2) : "");
out:
	if (rc != 0) {
		db_rollback(db);
		fprintf(out, "retention: failed, nothing removed\n");
	}
	PQclear(a);
	PQclear(b);
	PQclear(c);
	return rc;
}

/* counts: "table rows" lines into b; the number of rows in all tables */
static int
counts(struct db *db, struct buf *b, const char *title)
{
	PGresult *r = db_exec(db, STMT_PURGE_COUNTS, NULL);
	int i;

	if (r == NULL)
		return -1;
	buf_printf(b, "%s\n", title);
	for (i = 0; i < PQntuples(r); i++)
		buf_printf(b, "  %-32s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
	PQclear(r);
	return 0;
}

/* overwrite with zeros and remove; 0 also when it did not exist */
static int
shred(const char *path, struct buf *b)
{
	struct stat st;
	char z[4096];
	off_t done = 0;
	int fd;

	if (path == NULL || lstat(path, &st) != 0)
		return errno == ENOENT || path == NULL ? 0 : -1;
	if (S_ISREG(st.st_mode) && (fd = open(path, O_WRONLY | O_CLOEXEC)) >= 0) {
		memset(z, 0, sizeof(z));
		while (done < st.st_size) {
			size_t n = st.st_size - done < (off_t)sizeof(z) ? (size_t)(st.st_size - done) : sizeof(z);
			if (write(fd, z, n) != (ssize_t)n)
				break;
			done += (off_t)n;
		}
		(void)fsync(fd);
		close(fd);
	}
	if (unlink(path) != 0)
		return -1;
	buf_printf(b, "  removed %s (%lld bytes)\n", path, (long long)st.st_size);
	return 0;
}

int
purge_everything(struct db *db, const struct config *cfg, const char *actor, const char *path, FILE *out)
{
	struct buf b, name;
	char sha[SHA256_HEX_LEN + 1], when[64];
	const char *keys[3];
	time_t now = time(NULL);
	long nphotos = 0;
	int rc = 0, i;
	FILE *fp;

	buf_init(&b);
	buf_init(&name);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S%z", localtime(&now));
	buf_printf(&b, "tms deletion report\ncity: %s\nstarted: %s\noperator: %s\n\n",
	    cfg->city, when, actor);
	if (counts(db, &b, "rows per table before:") != 0 || db_begin(db) != 0 ||
	    db_command(db, STMT_PURGE_TRUNCATE, NULL) != 0 ||
	    db_command(db, STMT_PURGE_CHAIN, NULL) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		fprintf(out, "purge: the database could not be emptied: nothing removed\n");
		buf_free(&b);
		return 1;
	}
	buf_puts(&b, "\n");
	if (counts(db, &b, "rows per table after (masters, organisation and duties are kept):") != 0)
		rc = 1;
	buf_puts(&b, "\nfiles:\n");
	if (cfg->photos != NULL) {
		DIR *d = opendir(cfg->photos);
		struct dirent *e;
		if (d == NULL && errno != ENOENT)
			rc = 1;
		while (d != NULL && (e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			buf_reset(&name);
			buf_printf(&name, "%s/%s", cfg->photos, e->d_name);
			if (unlink(name.data) != 0)
				rc = 1;
			else
				nphotos++;
		}
		if (d != NULL)
			closedir(d);
		buf_printf(&b, "  photos removed from %s: %ld\n", cfg->photos, nphotos);
	}
	keys[0] = cfg->wish_keys;
	keys[1] = cfg->secret_key;
	keys[2] = cfg->audit_key;
	for (i = 0; i < 3; i++)
		if (shred(keys[i], &b) != 0) {
			buf_printf(&b, "  COULD NOT REMOVE %s: %s\n", keys[i], strerror(errno));
			rc = 1;
		}
	now = time(NULL);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S%z", localtime(&now));
	buf_printf(&b, "\nfinished: %s\nresult: %s\n", when, rc == 0 ? "complete" : "INCOMPLETE (see above)");
	crypto_sha256_hex(b.data, b.len, sha);
	if ((fp = fopen(path, "w")) == NULL || fwrite(b.data, 1, b.len, fp) != b.len ||
	    fclose(fp) != 0) {
		fprintf(out, "purge: cannot write the report %s; here it is:\n%s", path, b.data);
		rc = 1;
	} else {
		buf_reset(&name);
		buf_printf(&name, "%s.sha256", path);
		if ((fp = fopen(name.data, "w")) == NULL ||
		    (fprintf(fp, "%s  %s\n", sha, strrchr(path, '/') ? strrchr(path, '/') + 1 : path) < 0) +
		    (fclose(fp) != 0))
			rc = 1;
	}
	fprintf(out, "%sdeletion report: %s\nsha256: %s\n", b.data, path, sha);
	buf_free(&b);
	buf_free(&name);
	return rc;
}
