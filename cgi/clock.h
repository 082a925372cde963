/* clock.h: the request's now. Tests move "today" with a request header that
 * only builds configured with --enable-test-hooks honour. */
#ifndef TMS_CLOCK_H
#define TMS_CLOCK_H
#include <time.h>

/* X-Tms-Test-Now: unix seconds, or 0 (absent, invalid, or not a test build) */
time_t	clock_test_now(const char *);

#endif
