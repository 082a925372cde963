/* clock.c: the test clock. Kept apart because the configure header it reads
 * (TMS_TEST_HOOKS) clashes with ClearSilver's own PACKAGE_* macros. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include <stdlib.h>
#include "clock.h"

time_t
clock_test_now(const char *v)
{
#ifdef TMS_TEST_HOOKS
	char *end;
	long long t;

	if (v == NULL || *v == '\0')
		return 0;
	t = strtoll(v, &end, 10);
	if (*end == '\0' && t > 0)
		return (time_t)t;
#else
	(void)v;
#endif
	return 0;
}
