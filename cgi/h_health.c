/* h_health.c: /healthz for nginx and monitors: 200 when this worker can reach
 * the primary database, 503 otherwise. Plain text, no personal data. */
#include "app.h"
#include "handlers.h"
#include "stmts.h"

/* /_noop: the smallest FastCGI answer (no session, no database, no
 * template): the baseline that benchmarks compare pages with. The route
 * exists only under `bench.noop: true` (scripts/tms bench); elsewhere
 * /_noop is an unknown page (404). */
int
h_noop(struct ctx *c)
{
	c->resp.ctype = "text/plain; charset=utf-8";
	buf_reset(&c->resp.body);
	buf_puts(&c->resp.body, "ok\n");
	return 200;
}

int
h_health(struct ctx *c)
{
	PGresult *r = db_exec(&c->app->rw, STMT_PING, NULL);

	c->resp.ctype = "text/plain; charset=utf-8";
	buf_reset(&c->resp.body);
	if (r == NULL) {
		buf_puts(&c->resp.body, "db unavailable\n");
		return 503;
	}
	PQclear(r);
	buf_puts(&c->resp.body, "ok\n");
	return 200;
}
