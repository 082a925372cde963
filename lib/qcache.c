/* qcache.c: per-process query result cache keyed by statement, parameters
 * and data version (see qcache.h). A fixed number of slots searched by hash;
 * the least recently used entry not touched by the current request makes room. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "qcache.h"

struct qcache_entry {
	uint64_t	 hash;
	char		*key;
	size_t		 keylen;
	long long	 ver;
	PGresult	*res;
	size_t		 bytes;
	unsigned long	 used;		/* request serial of the last use */
};

void
qcache_init(struct qcache *q, size_t slots, size_t max_bytes, int ver_stmt)
{
	memset(q, 0, sizeof(*q));
	q->e = xcalloc(slots, sizeof(*q->e));
	q->max = slots;
	q->max_bytes = max_bytes;
	q->ver_stmt = ver_stmt;
	q->serial = 1;
}

static void
entry_drop(struct qcache *q, size_t i)
{
	PQclear(q->e[i].res);
	free(q->e[i].key);
	q->bytes -= q->e[i].bytes;
	q->e[i] = q->e[--q->n];
}

void
qcache_clear(struct qcache *q)
{
	while (q->n)
		entry_drop(q, q->n - 1);
}

void
qcache_end(struct qcache *q)
{
	size_t i;

	for (i = 0; i < q->ntmp; i++) {
		PQclear(q->tmp[i]);
		free(q->tmpkey[i]);
	}
	q->ntmp = 0;
	q->serial++;
}

void
qcache_free(struct qcache *q)
{
	qcache_end(q);
	qcache_clear(q);
	free(q->e);
	free(q->tmp);
	free(q->tmpkey);
	memset(q, 0, sizeof(*q));
}

/* The key: statement number and each parameter, length-prefixed. */
static void
make_key(struct buf *k, int stmt, const char *const *p, int np)
{
	int i;

	buf_printf(k, "%d", stmt);
	for (i = 0; i < np; i++) {
		const char *v = p[i] ? p[i] : "";
		buf_printf(k, "|%zu:", strlen(v));
		buf_puts(k, v);
		if (p[i] == NULL)
			buf_putc(k, '\x01');
	}
}

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static size_t
result_bytes(const PGresult *r)
{
	size_t b = 256;
	int i, j, nt = PQntuples(r), nf = PQnfields(r);

	for (i = 0; i < nt; i++)
		for (j = 0; j < nf; j++)
			b += (size_t)PQgetlength(r, i, j) + 16;
	return b;
}

/* Keeps r until the end of the request; key (taken, may be NULL) names it
 * for the request's own reuse when the cache is off (qcache_exec). */
static PGresult *
keep_tmp_key(struct qcache *q, PGresult *r, char *key)
{
	if (q->ntmp == q->captmp) {
		size_t cap = q->captmp ? q->captmp * 2 : 16;
		q->tmp = xrealloc(q->tmp, cap * sizeof(*q->tmp));
		q->tmpkey = xrealloc(q->tmpkey, cap * sizeof(*q->tmpkey));
		q->captmp = cap;
	}
	q->tmpkey[q->ntmp] = key;
	q->tmp[q->ntmp++] = r;
	return r;
}

static PGresult *
keep_tmp(struct qcache *q, PGresult *r)
{
	return keep_tmp_key(q, r, NULL);
}

/* Room for one more entry of `bytes`: evicts least recently used entries
 * not used by this request. Returns 0 when there is room. */
static int
make_room(struct qcache *q, size_t bytes)
{
	if (bytes > q->max_bytes / 4)
		return -1;
	while (q->n == q->max || q->bytes + bytes > q->max_bytes) {
		size_t i, lru = SIZE_MAX;
		for (i = 0; i < q->n; i++)
			if (q->e[i].used != q->serial &&
			    (lru == SIZE_MAX || q->e[i].used < q->e[lru].used))
				lru = i;
		if (lru == SIZE_MAX)
			return -1;
		entry_drop(q, lru);
	}
	return 0;
}

/* Result of statement `stmt` with parameters p, valid at data version ver.
 * ver <= 0 disables caching for this call. NULL on a database error. */
PGresult *
qcache_exec(struct qcache *q, struct db *db, int stmt, const char *const *p, long long ver)
{
	struct buf k;
	uint64_t h;
	size_t i, bytes;
	PGresult *r, *vr;
	long long seen;

	if (ver <= 0)
		return (r = db_exec(db, stmt, p)) ? keep_tmp(q, r) : NULL;
	buf_init(&k);
	make_key(&k, stmt, p, db->tab[stmt].nparams);
	if (q->max == 0) {
		/* cache off (cache.enabled: false): nothing outlives the
		 * request, but one request asking twice for the same result at
		 * the same version (the viewer's relations, per row) reads it
		 * once */
		buf_putc(&k, '\0');
		for (i = 0; i < q->ntmp; i++)
			if (q->tmpkey[i] && strcmp(q->tmpkey[i], k.data) == 0) {
				buf_free(&k);
				return q->tmp[i];
			}
		if ((r = db_exec(db, stmt, p)) == NULL) {
			buf_free(&k);
			return NULL;
		}
		return keep_tmp_key(q, r, buf_steal(&k));
	}
	h = fnv1a(k.data, k.len);
	for (i = 0; i < q->n; i++) {
		if (q->e[i].hash != h || q->e[i].keylen != k.len ||
		    memcmp(q->e[i].key, k.data, k.len) != 0)
			continue;
		if (q->e[i].ver == ver) {
			q->e[i].used = q->serial;
			q->hits++;
			buf_free(&k);
			return q->e[i].res;
		}
		if (q->e[i].used != q->serial)
			entry_drop(q, i);
		break;
	}
	q->misses++;
	/* The version as this connection sees it, read before the query: the
	 * result is at least that new, so it is kept under that number (a
	 * lagging standby's result simply never matches a newer version). */
	if ((vr = db_exec(db, q->ver_stmt, NULL)) == NULL) {
		buf_free(&k);
		return NULL;
	}
	seen = PQntuples(vr) == 1 ? strtoll(PQgetvalue(vr, 0, 0), NULL, 10) : 0;
	PQclear(vr);
	if ((r = db_exec(db, stmt, p)) == NULL) {
		buf_free(&k);
		return NULL;
	}
	bytes = result_bytes(r);
	if (seen <= 0 || make_room(q, bytes) != 0) {
		buf_free(&k);
		return keep_tmp(q, r);
	}
	q->e[q->n] = (struct qcache_entry){ h, buf_steal(&k), 0, seen, r, bytes, q->serial };
	q->e[q->n].keylen = strlen(q->e[q->n].key);
	q->bytes += bytes;
	q->n++;
	return r;
}
