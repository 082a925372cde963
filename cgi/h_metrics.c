/* h_metrics.c: /metrics, the pool's counters in Prometheus text format
 * (cgi/metrics.c). nginx lets only the operators' networks reach it
 * (nginx/tms.conf.in); it holds no personal data. */
#include "app.h"
#include "handlers.h"
#include "metrics.h"

int
h_metrics(struct ctx *c)
{
	c->resp.ctype = "text/plain; version=0.0.4; charset=utf-8";
	buf_reset(&c->resp.body);
	metrics_render(&c->resp.body, c->app->cfg, dispatch_route_count(), dispatch_route_pattern);
	return 200;
}
