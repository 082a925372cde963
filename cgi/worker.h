/* worker.h: entry point of a worker process (forked by the master), and the
 * slot through which a worker tells its master what it is serving. */
#ifndef TMS_WORKER_H
#define TMS_WORKER_H
#include "config.h"
#include "policy.h"
#include "survey.h"

/* One per child, in memory the master maps shared before it forks: the
 * worker fills it when a request starts and clears it when the request is
 * done, so the master can name the request a dead worker was serving and
 * stop a worker whose request runs too long (limits.request_seconds). */
struct wslot {
	long long	 started;	/* CLOCK_MONOTONIC ms; 0: between requests */
	long		 uid;		/* account, once the session is known */
	unsigned long	 served;	/* requests finished */
	char		 method[8];
	char		 path[232];	/* DOCUMENT_URI: never the query */
};

void	worker_main(const struct config *, const struct policy *, const struct survey *,
	    int, unsigned, struct wslot *) __attribute__((noreturn));
void	worker_note_user(long);		/* dispatch: the session is known */
long long worker_now_ms(void);		/* CLOCK_MONOTONIC in ms */

#endif
