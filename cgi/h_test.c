/* h_test.c: GET /_test/forbidden?call=exec|open|create makes a system call
 * the seccomp filter refuses (cgi/sandbox.c: sandbox_test_call), for
 * tests/integration/t32-seccomp.sh. Only a build configured with
 * --enable-test-hooks (the test suite's ASan build) makes the call; in any
 * other build the page does not exist (404). */
#include "app.h"
#include "handlers.h"
#include "sandbox.h"

int
h_test_forbidden(struct ctx *c)
{
	const struct kv *k = kv_find(&c->query, "call");
	char out[160];

	if (sandbox_test_call(k ? k->val : "exec", out, sizeof(out)) != 0)
		return page_error(c, 404, "お探しのページは見つかりませんでした。URLをご確認ください。");
	c->resp.ctype = "text/plain; charset=utf-8";
	buf_reset(&c->resp.body);
	buf_puts(&c->resp.body, out);
	return 200;
}
