/* test_clock.c: the test clock (cgi/clock.c). Run in both builds: the
 * installed kind (no --enable-test-hooks) must ignore X-Tms-Test-Now, the
 * test suite's (with it) must honour a valid value only. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "clock.h"
#include "tap.h"

int
main(void)
{
#ifdef TMS_TEST_HOOKS
	ok(clock_test_now("1893456000") == 1893456000, "test build: the header sets now");
	ok(clock_test_now("") == 0, "test build: an empty header is the real clock");
	ok(clock_test_now("12x") == 0, "test build: a malformed value is ignored");
	ok(clock_test_now("-5") == 0, "test build: a negative value is ignored");
	ok(clock_test_now(NULL) == 0, "test build: no header");
#else
	ok(clock_test_now("1893456000") == 0, "installed build: the header is ignored");
	ok(clock_test_now("1") == 0, "installed build: any value is ignored");
#endif
	return done_testing();
}
