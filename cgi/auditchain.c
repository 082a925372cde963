/* auditchain.c: the audit trail's hash chain. Row n carries
 *     mac(n) = HMAC-SHA256(K, mac(n-1) || canon(n))
 * (sql/065_audit_chain.sql, AUDIT_CANON in audit_sql.c) where K is the file
 * paths.audit_key, which the database never sees: the schema owner can
 * change rows but cannot make MACs that verify. The order is the chain
 * head's: STMT_AUDIT_ADD takes its row lock and the position; the MAC is
 * computed here and stored with STMT_AUDIT_MAC in the same transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include "auditchain.h"
#include "buf.h"
#include "crypto.h"
#include "csv.h"
#include "log.h"
#include "stmts.h"

static unsigned char	key[64];
static size_t		keylen;

int
auditchain_load(const char *path)
{
	ssize_t n;
	int fd;

	keylen = 0;
	if (path == NULL || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_err("cannot open the audit key %s (paths.audit_key)", path ? path : "(not set)");
		return -1;
	}
	while (keylen < sizeof(key) &&
	    ((n = read(fd, key + keylen, sizeof(key) - keylen)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			keylen += (size_t)n;
	close(fd);
	if (keylen < 32) {
		log_err("audit key %s is shorter than 32 bytes", path);
		OPENSSL_cleanse(key, sizeof(key));
		keylen = 0;
		return -1;
	}
	return 0;
}

/* mac = HMAC(K, prev || canon), prev as 32 bytes from hex: 0 or -1 */
static int
chain_mac(const char *prevhex, const char *canon, char out[65])
{
	size_t cl = strlen(canon);
	unsigned char *m = xmalloc(32 + cl);
	int rc = 0;

	if (crypto_unhex(prevhex, m, 32) != 0 || strlen(prevhex) != 64)
		rc = -1;
	else {
		memcpy(m + 32, canon, cl);
		crypto_hmac_hex(key, keylen, m, 32 + cl, out);
	}
	free(m);
	return rc;
}

int
audit_add(struct db *db, const char *const p[9])
{
	char mac[65];
	const char *q[2];
	PGresult *r;
	int own = 0, rc = -1;

	if (keylen == 0) {
		log_err("audit: no audit key loaded: row not written");
		return -1;
	}
	if (db_ensure(db) != 0)
		return -1;
	if (PQtransactionStatus(db->conn) == PQTRANS_IDLE) {
		if (db_begin(db) != 0)
			return -1;
		own = 1;
	}
	if ((r = db_exec(db, STMT_AUDIT_ADD, p)) != NULL && PQntuples(r) == 1 &&
	    chain_mac(PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), mac) == 0) {
		q[0] = PQgetvalue(r, 0, 0);
		q[1] = mac;
		rc = db_command(db, STMT_AUDIT_MAC, q);
	} else if (r != NULL)
		log_err("audit: the chain head is missing or broken (sql/065)");
	PQclear(r);
	if (own) {
		if (rc == 0)
			rc = db_commit(db);
		else
			db_rollback(db);
	}
	return rc;
}

struct walk {
	FILE	*out;
	long	 expect;	/* the next position */
	long	 rows;
	char	 prev[65];	/* MAC of the row before */
	int	 bad;
};

static int
walk_row(void *v, const PGresult *r, int i)
{
	struct walk *w = v;
	long seq = strtol(PQgetvalue(r, i, 0), NULL, 10);
	const char *id = PQgetvalue(r, i, 1), *stored = PQgetvalue(r, i, 3);
	const char *at = PQgetvalue(r, i, 4);
	char mac[65];

	if (seq != w->expect) {
		fprintf(w->out, "audit chain: BROKEN at position %ld: row missing (removed); "
		    "the next row is position %ld (id %s, %s)\n", w->expect, seq, id, at);
		w->bad = 1;
		return 1;
	}
	if (*stored == '\0') {
		fprintf(w->out, "audit chain: BROKEN at position %ld (id %s, %s): the row has no MAC\n",
		    seq, id, at);
		w->bad = 1;
		return 1;
	}
	if (chain_mac(w->prev, PQgetvalue(r, i, 2), mac) != 0 || !crypto_equal(mac, stored)) {
		fprintf(w->out, "audit chain: BROKEN at position %ld (id %s, %s): the row was changed, "
		    "or moved, or a row before it was%s\n", seq, id, at,
		    seq == 1 ? " (position 1 also covers the rows before the chain)" : "");
		w->bad = 1;
		return 1;
	}
	memcpy(w->prev, stored, 65);
	w->expect++;
	w->rows++;
	return 0;
}

int
audit_verify(struct db *db, const char *from, FILE *out)
{
	struct walk w;
	PGresult *r = NULL;
	char start[24], headseq[24], headmac[65];
	const char *p[2];
	int rc;

	memset(&w, 0, sizeof(w));
	w.out = out;
	if (keylen == 0) {
		fprintf(out, "audit verify: no audit key (paths.audit_key)\n");
		return 2;
	}
	/* the head first: the walk stops at its position, so rows chained
	 * meanwhile are left for the next run */
	if (db_ensure(db) != 0)
		return 2;
	if ((r = db_exec(db, STMT_AUDIT_HEAD, NULL)) == NULL || PQntuples(r) != 1) {
		fprintf(out, "audit verify: no chain head (migration 065 not applied?)\n");
		PQclear(r);
		db_rollback(db);
		return 2;
	}
	snprintf(headseq, sizeof(headseq), "%s", PQgetvalue(r, 0, 0));
	snprintf(headmac, sizeof(headmac), "%s", PQgetvalue(r, 0, 1));
	w.expect = strtol(PQgetvalue(r, 0, 6), NULL, 10);
	if (PQgetvalue(r, 0, 7)[0] != '\0')	/* retention removed the start: the MAC before it */
		snprintf(w.prev, sizeof(w.prev), "%s", PQgetvalue(r, 0, 7));
	else if (from == NULL && strcmp(PQgetvalue(r, 0, 4), PQgetvalue(r, 0, 5)) != 0) {
		fprintf(out, "audit chain: BROKEN before the chain: the rows with id <= %s "
		    "(before %s) were changed, removed or added\n", PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
		PQclear(r);
		db_rollback(db);
		return 1;
	}
	else
		snprintf(w.prev, sizeof(w.prev), "%s", PQgetvalue(r, 0, 4));
	PQclear(r);
	r = NULL;
	if (from != NULL) {
		p[0] = from;
		if ((r = db_exec(db, STMT_AUDIT_FROM, p)) == NULL || PQntuples(r) != 1) {
			fprintf(out, "audit verify: bad date %s\n", from);
			PQclear(r);
			db_rollback(db);
			return 2;
		}
		long f = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		if (f > w.expect) {
			w.expect = f;
			if (PQgetvalue(r, 0, 1)[0] == '\0') {
				fprintf(out, "audit chain: BROKEN at position %ld: the MAC before it is missing\n",
				    w.expect - 1);
				PQclear(r);
				db_rollback(db);
				return 1;
			}
			snprintf(w.prev, sizeof(w.prev), "%s", PQgetvalue(r, 0, 1));
		}
		PQclear(r);
		r = NULL;
		if (f == 0)
			w.expect = strtol(headseq, NULL, 10) + 1;	/* nothing since */
	}
	snprintf(start, sizeof(start), "%ld", w.expect);
	p[0] = start;
	p[1] = headseq;
	rc = db_each(db, STMT_AUDIT_WALK, p, walk_row, &w);
	if (rc == -1) {
		fprintf(out, "audit verify: the walk failed\n");
		db_rollback(db);
		return 2;
	}
	if (!w.bad && w.expect - 1 != strtol(headseq, NULL, 10)) {
		fprintf(out, "audit chain: BROKEN at position %ld: the head says the last row is %s "
		    "(rows removed at the end)\n", w.expect, headseq);
		w.bad = 1;
	} else if (!w.bad && w.expect > 1 && strcmp(w.prev, headmac) != 0) {
		fprintf(out, "audit chain: BROKEN at position %ld: the head's MAC differs\n", w.expect - 1);
		w.bad = 1;
	}
	if (!w.bad && (r = db_exec(db, STMT_AUDIT_STRAYS, NULL)) != NULL) {
		int i;
		for (i = 0; i < PQntuples(r) && !w.bad; i++) {
			if (strcmp(PQgetvalue(r, i, 0), "row") == 0)
				fprintf(out, "audit chain: BROKEN: the row id %s (%s) is not in the chain "
				    "(inserted outside the application)\n", PQgetvalue(r, i, 1), PQgetvalue(r, i, 2));
			else
				fprintf(out, "audit chain: BROKEN: a MAC at position %s has no row (row removed)\n",
				    PQgetvalue(r, i, 1));
			w.bad = 1;
		}
	}
	PQclear(r);
	db_rollback(db);
	if (w.bad)
		return 1;
	fprintf(out, "audit chain: ok: %ld rows checked (positions %s to %s)\n", w.rows, start, headseq);
	return 0;
}

struct exp {
	struct buf	 b;
	struct csv_w	 w;
	EVP_MD_CTX	*md;
	int		(*fn)(void *, const char *, size_t);
	void		*arg;
	long		 rows;
};

static int
exp_flush(struct exp *e)
{
	int rc = 0;

	if (e->b.len) {
		EVP_DigestUpdate(e->md, e->b.data, e->b.len);
		rc = e->fn(e->arg, e->b.data, e->b.len);
		buf_reset(&e->b);
	}
	return rc;
}

static int
exp_row(void *v, const PGresult *r, int i)
{
	struct exp *e = v;
	int j;

	for (j = 0; j < PQnfields(r); j++)
		csv_put(&e->w, PQgetvalue(r, i, j));
	csv_end(&e->w);
	e->rows++;
	return e->b.len > 65536 ? exp_flush(e) : 0;
}

int
audit_export(struct db *db, const char *const f[5],
    int (*fn)(void *, const char *, size_t), void *arg, char sha[65], long *rows)
{
	static const char *const head[] = { "id", "連番", "日時", "操作者", "権限", "操作",
		"対象職員番号", "対象職員", "対象", "詳細", "接続元", "結果", "MAC", NULL };
	struct exp e;
	unsigned char md[32];
	unsigned mdlen = 0;
	int i, rc;

	memset(&e, 0, sizeof(e));
	buf_init(&e.b);
	csv_w_init(&e.w, &e.b, 0);
	e.md = EVP_MD_CTX_new();
	e.fn = fn;
	e.arg = arg;
	if (e.md == NULL || EVP_DigestInit_ex(e.md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(e.md);
		return -1;
	}
	buf_puts(&e.b, "\xEF\xBB\xBF");
	for (i = 0; head[i]; i++)
		csv_put(&e.w, head[i]);
	csv_end(&e.w);
	rc = db_each(db, STMT_AUDIT_EXPORT, f, exp_row, &e);
	if (rc == 0)
		rc = exp_flush(&e);
	EVP_DigestFinal_ex(e.md, md, &mdlen);
	EVP_MD_CTX_free(e.md);
	crypto_hex(md, 32, sha);
	buf_free(&e.b);
	*rows = e.rows;
	return rc == 0 ? 0 : -1;
}
