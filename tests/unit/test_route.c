/* test_route.c: route pattern matching and local-path checks for redirects. */
#include <string.h>
#include "http.h"
#include "route.h"
#include "tap.h"

int
main(void)
{
	char caps[ROUTE_MAXCAP][ROUTE_CAPLEN];

	ok(route_match("/", "/", caps, ROUTE_MAXCAP) == 0, "root matches");
	ok(route_match("/login", "/login", caps, ROUTE_MAXCAP) == 0, "literal matches");
	ok(route_match("/login", "/login/", caps, ROUTE_MAXCAP) < 0, "trailing slash does not");
	ok(route_match("/login", "/loginx", caps, ROUTE_MAXCAP) < 0, "prefix does not");
	ok(route_match("/admin", "/admin/accounts", caps, ROUTE_MAXCAP) < 0, "no prefix routes");
	ok(route_match("/staff/:id", "/staff/123", caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "123") == 0, "capture one segment");
	ok(route_match("/staff/:id/edit", "/staff/9/edit", caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "9") == 0, "capture in the middle");
	ok(route_match("/staff/:id", "/staff/", caps, ROUTE_MAXCAP) < 0, "empty capture fails");
	ok(route_match("/staff/:id", "/staff/1/2", caps, ROUTE_MAXCAP) < 0, "capture is one segment");
	ok(route_match("/a/:x/:y", "/a/1/2", caps, ROUTE_MAXCAP) == 2 &&
	    strcmp(caps[1], "2") == 0, "two captures");

	ok(http_local_path("/staff?x=1"), "local path");
	ok(!http_local_path("//evil.example/"), "protocol-relative is not local");
	ok(!http_local_path("/\\evil.example"), "backslash trick is not local");
	ok(!http_local_path("https://evil.example/"), "absolute URL is not local");
	ok(!http_local_path("/a\r\nSet-Cookie: x=1"), "CRLF is not local");
	ok(!http_local_path(NULL), "NULL is not local");
	return done_testing();
}
