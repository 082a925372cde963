/* test_route.c: route pattern matching and local-path checks for redirects. */
#include <string.h>
#include "http.h"
#include "route.h"
#include "tap.h"

static int
page_known(const char *s)
{
	return strcmp(s, "flow") == 0 || strcmp(s, "eval") == 0;
}

static const struct route_type types[] = {
	{ "id",		"0123456789", 1, 18, NULL },
	{ "rid",	"0123456789", 1, 18, NULL },
	{ "code",	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-", 1, 20, NULL },
	{ "page",	NULL, 1, 32, page_known },
	{ NULL, NULL, 0, 0, NULL }
};

int
main(void)
{
	char caps[ROUTE_MAXCAP][ROUTE_CAPLEN];

	ok(route_match("/", "/", types, caps, ROUTE_MAXCAP) == 0, "root matches");
	ok(route_match("/login", "/login", types, caps, ROUTE_MAXCAP) == 0, "literal matches");
	ok(route_match("/login", "/login/", types, caps, ROUTE_MAXCAP) < 0, "trailing slash does not");
	ok(route_match("/login", "/loginx", types, caps, ROUTE_MAXCAP) < 0, "prefix does not");
	ok(route_match("/admin", "/admin/accounts", types, caps, ROUTE_MAXCAP) < 0, "no prefix routes");
	ok(route_match("/staff/:id", "/staff/123", types, caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "123") == 0, "capture one segment");
	ok(route_match("/staff/:id/edit", "/staff/9/edit", types, caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "9") == 0, "capture in the middle");
	ok(route_match("/staff/:id", "/staff/", types, caps, ROUTE_MAXCAP) < 0, "empty capture fails");
	ok(route_match("/staff/:id", "/staff/1/2", types, caps, ROUTE_MAXCAP) < 0, "capture is one segment");
	ok(route_match("/a/:id/:rid", "/a/1/2", types, caps, ROUTE_MAXCAP) == 2 &&
	    strcmp(caps[1], "2") == 0, "two captures");

	/* typed captures */
	ok(route_match("/staff/:id", "/staff/12", types, caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "12") == 0, "digits are an :id");
	ok(route_match("/staff/:id", "/staff/12x", types, caps, ROUTE_MAXCAP) < 0, "12x is not an :id");
	ok(route_match("/staff/:id", "/staff/-1", types, caps, ROUTE_MAXCAP) < 0, "-1 is not an :id");
	ok(route_match("/staff/:id", "/staff/new", types, caps, ROUTE_MAXCAP) < 0, "a word is not an :id");
	ok(route_match("/staff/:id", "/staff/123456789012345678", types, caps, ROUTE_MAXCAP) == 1,
	    "18 digits are an :id");
	ok(route_match("/staff/:id", "/staff/1234567890123456789", types, caps, ROUTE_MAXCAP) < 0,
	    "19 digits are not");
	ok(route_match("/staff/:id/edit", "/staff/7x/edit", types, caps, ROUTE_MAXCAP) < 0,
	    "a bad capture in the middle fails the route");
	ok(route_match("/org/:code", "/org/A-1_b", types, caps, ROUTE_MAXCAP) == 1, "a :code");
	ok(route_match("/org/:code", "/org/a.b", types, caps, ROUTE_MAXCAP) < 0, "a dot is not in a :code");
	ok(route_match("/org/:code", "/org/123456789012345678901", types, caps, ROUTE_MAXCAP) < 0,
	    "21 bytes are too long for a :code");
	ok(route_match("/org/:code", "/org/日本", types, caps, ROUTE_MAXCAP) < 0, "nor is UTF-8");
	ok(route_match("/p/:page", "/p/flow", types, caps, ROUTE_MAXCAP) == 1, "a known :page");
	ok(route_match("/p/:page", "/p/nope", types, caps, ROUTE_MAXCAP) < 0, "an unknown :page");
	ok(route_match("/x/:other", "/x/any", types, caps, ROUTE_MAXCAP) < 0,
	    "a capture that says nothing matches nothing");
	ok(route_match("/x/:id", "/x/1", NULL, caps, ROUTE_MAXCAP) < 0, "nor without a table");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/quals", types, caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "quals") == 0, "first of a list");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/evals", types, caps, ROUTE_MAXCAP) == 1,
	    "last of a list");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/training", types, caps, ROUTE_MAXCAP) == 1,
	    "middle of a list");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/qual", types, caps, ROUTE_MAXCAP) < 0,
	    "a prefix of a word is not in the list");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/qualsx", types, caps, ROUTE_MAXCAP) < 0,
	    "a word plus more is not in the list");
	ok(route_match("/r/:kind(quals|training|evals)", "/r/quals|training", types, caps, ROUTE_MAXCAP) < 0,
	    "nor are two words");
	ok(route_match("/r/:kind(quals|training)/:rid/delete", "/r/training/5/delete", types, caps,
	    ROUTE_MAXCAP) == 2 && strcmp(caps[0], "training") == 0 && strcmp(caps[1], "5") == 0,
	    "a list and a typed capture");
	ok(route_match("/r/:kind(quals", "/r/quals", types, caps, ROUTE_MAXCAP) < 0,
	    "an unclosed list matches nothing");
	ok(route_match("/e/:page.csv", "/e/flow.csv", types, caps, ROUTE_MAXCAP) == 1 &&
	    strcmp(caps[0], "flow") == 0, "a suffix is not captured");
	ok(route_match("/e/:page.csv", "/e/flow", types, caps, ROUTE_MAXCAP) < 0, "the suffix is needed");
	ok(route_match("/e/:page.csv", "/e/.csv", types, caps, ROUTE_MAXCAP) < 0, "and a capture before it");
	ok(route_match("/e/:page.csv", "/e/nope.csv", types, caps, ROUTE_MAXCAP) < 0,
	    "the part before the suffix is typed");
	ok(route_match("/e/:page.csv", "/e/flow.csvx", types, caps, ROUTE_MAXCAP) < 0,
	    "the suffix ends the segment");
	ok(route_match("/e/:page", "/e/flow.csv", types, caps, ROUTE_MAXCAP) < 0,
	    "without a suffix the whole segment is typed");
	ok(route_match("/a/:id/:id/:id/:id/:id", "/a/1/2/3/4/5", types, caps, ROUTE_MAXCAP) < 0,
	    "more captures than room fail");

	{
		char why[160] = "";
		ok(route_check("/staff/:id/records/:kind(a|b)/:rid/delete", types, why, sizeof(why)) == 0 &&
		    route_check("/e/:page.csv", types, why, sizeof(why)) == 0 &&
		    route_check("/login", types, why, sizeof(why)) == 0, "typed patterns pass the check");
		ok(route_check("/x/:uid/edit", types, why, sizeof(why)) < 0 && strstr(why, ":uid"),
		    "an untyped capture is named: %s", why);
		ok(route_check("/x/:kind()", types, why, sizeof(why)) < 0, "an empty list is refused");
		ok(route_check("/x/:kind(a|b", types, why, sizeof(why)) < 0, "an unclosed list is refused");
		ok(route_check("/x/:id-:id", types, why, sizeof(why)) < 0, "two captures in a segment are refused");
		ok(route_check("/a/:id/:id/:id/:id/:id", types, why, sizeof(why)) < 0 && strstr(why, "more than"),
		    "more captures than ROUTE_MAXCAP are refused: %s", why);
	}

	ok(http_local_path("/staff?x=1"), "local path");
	ok(!http_local_path("//evil.example/"), "protocol-relative is not local");
	ok(!http_local_path("/\\evil.example"), "backslash trick is not local");
	ok(!http_local_path("https://evil.example/"), "absolute URL is not local");
	ok(!http_local_path("/a\r\nSet-Cookie: x=1"), "CRLF is not local");
	ok(!http_local_path(NULL), "NULL is not local");
	return done_testing();
}
