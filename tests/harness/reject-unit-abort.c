/* A unit test that aborts after two results (as an ASan or UBSan report
 * does): automake's driver must report it as ERROR, and tap.h must have
 * flushed the two results printed before the abort.
 * harness-expect: terminated by signal 6
 * harness-passes: 2 */
#include <stdlib.h>
#include "tap.h"

int
main(void)
{
	ok(1, "first");
	ok(1, "second");
	abort();
	return done_testing();
}
