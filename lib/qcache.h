/* qcache.h: a per-process cache of query results, valid for one data
 * version. Results read at version v are served again only while the
 * caller's current version is still v; any committed change moves the
 * version on (sql/009), so a cached result can never disagree with the data.
 *
 * Results returned by qcache_exec() belong to the cache (or, when not kept,
 * to the current request): callers never PQclear() them. qcache_end() at
 * the end of each request frees what was not kept. */
#ifndef TMS_QCACHE_H
#define TMS_QCACHE_H
#include <stddef.h>
#include <libpq-fe.h>
#include "db.h"

struct qcache_entry;

struct qcache {
	struct qcache_entry	*e;
	size_t			 n, max;	/* slots used, slots */
	size_t			 bytes, max_bytes;
	unsigned long		 serial;	/* current request */
	PGresult		**tmp;		/* not kept, freed at qcache_end */
	char			**tmpkey;	/* their keys (NULL: not reused) */
	size_t			 ntmp, captmp;
	int			 ver_stmt;	/* statement returning the version */
	unsigned long		 hits, misses;
};

void		 qcache_init(struct qcache *, size_t, size_t, int);
void		 qcache_free(struct qcache *);
PGresult	*qcache_exec(struct qcache *, struct db *, int, const char *const *, long long);
void		 qcache_end(struct qcache *);
void		 qcache_clear(struct qcache *);

#endif
