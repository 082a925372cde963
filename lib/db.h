/* db.h: one libpq connection per process with an enum-indexed table of
 * prepared statements, re-prepared after every reconnect. */
#ifndef TMS_DB_H
#define TMS_DB_H
#include <libpq-fe.h>
#include <stddef.h>

struct db_stmt {
	const char	*sql;
	int		 nparams;
	int		 idempotent;	/* 1: may be re-sent after a dropped connection */
	int		 custom;	/* 1: planned for each call's parameters */
};

struct db {
	PGconn			*conn;
	char			*conninfo;
	const struct db_stmt	*tab;
	size_t			 ntab;
	int			 timeout_ms;
	unsigned		 gen;		/* bumped on every (re)connect */
	unsigned		 prepared_gen;
	char			 sqlstate[6];	/* of the last failure */
	char			 message[256];	/* of the last P0001 (our own RAISE) */
	const char		*name;		/* "rw" or "ro", for logs */
	int			 req;		/* request transaction: 1 ours, 2 a handler's (db_begin) */
	unsigned		 req_gen;	/* gen when it began: a reconnect lost it */
};

void		 db_init(struct db *, const char *, const char *,
		    const struct db_stmt *, size_t, int);
void		 db_close(struct db *);
int		 db_ensure(struct db *);
/* 1: the connection is down and reconnecting makes libpq open files (TLS
 * certificates and keys, a passfile, a service file), which a confined
 * worker cannot: a fresh process must connect instead */
int		 db_lost_needs_files(const struct db *);
PGresult	*db_exec(struct db *, int, const char *const *);
PGresult	*db_exec_bin(struct db *, int, const char *const *, const int *,
		    const int *, int);
int		 db_command(struct db *, int, const char *const *);
int		 db_each(struct db *, int, const char *const *,
		    int (*)(void *, const PGresult *, int), void *);
const char	*db_last_message(const struct db *);
int		 db_begin(struct db *);
int		 db_commit(struct db *);	/* -1 unless it committed */
int		 pq_commit(PGconn *);
void		 db_rollback(struct db *);
int		 db_request_begin(struct db *);
int		 db_request_end(struct db *);	/* -1: the request's work was not committed */

#endif
