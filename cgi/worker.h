/* worker.h: entry point of a worker process (forked by the master). */
#ifndef TMS_WORKER_H
#define TMS_WORKER_H
#include "config.h"
#include "policy.h"
#include "survey.h"

void	worker_main(const struct config *, const struct policy *, const struct survey *,
	    int, unsigned) __attribute__((noreturn));

#endif
