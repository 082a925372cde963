/* metrics.h: counters for /metrics (Prometheus text format) in memory the
 * master maps shared before it forks. Workers are confined (cgi/sandbox.c):
 * they only add to counters with atomics; the master, which is not, gathers
 * what needs the file system (disk use, the last good backup) into the same
 * region every few seconds. One region per pool (per master). */
#ifndef TMS_METRICS_H
#define TMS_METRICS_H
#include <stddef.h>
#include "buf.h"
#include "config.h"

#define METRICS_ROUTES	256	/* route table entries (dispatch.c) + 1 "none" */
#define METRICS_SLOTS	1024	/* worker slots (main.c MAX_CHILDREN) */

int	metrics_map(void);			/* master, before the first fork */
void	metrics_gather(const struct config *);	/* master: disk, backup stamp */
void	metrics_worker_started(int);		/* master: 1 when replacing a dead one */
void	metrics_worker_exit(int, int);		/* master: slot, 1 if by signal or failure */
extern int metrics_slot;			/* worker: its slot (set after fork) */
void	metrics_request(int, int, long long);	/* worker: route, status, us */
void	metrics_db(int, int, int, int);		/* worker: rw ok, ro ok, errors rw, ro */
void	metrics_render(struct buf *, const struct config *,
	    size_t, const char *(*)(size_t, const char **));
#endif
