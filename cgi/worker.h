/* worker.h: entry point of a worker process (forked by the master). */
#ifndef TMS_WORKER_H
#define TMS_WORKER_H
#include "config.h"

void	worker_main(const struct config *, int, unsigned) __attribute__((noreturn));

#endif
