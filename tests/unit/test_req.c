/* test_req.c: request parsing: urlencoded, cookies, multipart, limits, UTF-8. */
#include <string.h>
#include "buf.h"
#include "req.h"
#include "tap.h"

static int
parse(const char *s, struct kvlist *l, char *err)
{
	return req_parse_urlencoded(s, strlen(s), &req_default_limits, l, err, 256);
}

int
main(void)
{
	struct kvlist l = { 0 };
	struct req_limits lim = req_default_limits;
	char err[256], big[200000];
	int rc;

	rc = parse("a=1&b=%E6%97%A5%E6%9C%AC&c=x+y&&d=", &l, err);
	ok(rc == 0 && l.n == 4, "urlencoded parses four fields");
	ok(kv_get(&l, "b") && strcmp(kv_get(&l, "b"), "日本") == 0, "percent-decoded UTF-8");
	ok(kv_get(&l, "c") && strcmp(kv_get(&l, "c"), "x y") == 0, "plus is space");
	ok(kv_get(&l, "d") && *kv_get(&l, "d") == '\0', "empty value");
	ok(kv_get(&l, "zz") == NULL, "missing key is NULL");
	kv_free(&l);

	ok(parse("a=%ZZ", &l, err) == 400, "bad escape is 400");
	kv_free(&l);
	ok(parse("a=%E6%97", &l, err) == 400 && strstr(err, "UTF-8"), "truncated UTF-8 is 400: %s", err);
	kv_free(&l);
	ok(parse("a=%C0%AF", &l, err) == 400, "overlong UTF-8 is 400");
	kv_free(&l);
	ok(parse("a=%00", &l, err) == 400, "NUL byte is 400");
	kv_free(&l);
	ok(parse("a=%ED%A0%80", &l, err) == 400, "surrogate is 400");
	kv_free(&l);
	ok(parse("a=%4", &l, err) == 400, "short escape is 400");
	kv_free(&l);

	memset(big, 'x', sizeof(big) - 1);
	big[0] = 'a';
	big[1] = '=';
	big[sizeof(big) - 1] = '\0';
	ok(parse(big, &l, err) == 413, "oversize value is 413");
	kv_free(&l);
	lim.max_fields = 3;
	ok(req_parse_urlencoded("a=1&b=2&c=3&d=4", 15, &lim, &l, err, sizeof(err)) == 413,
	    "too many fields is 413");
	kv_free(&l);
	lim = req_default_limits;
	lim.max_body = 10;
	ok(req_parse_urlencoded("a=1234567890", 12, &lim, &l, err, sizeof(err)) == 413,
	    "body over the limit is 413");
	kv_free(&l);

	rc = req_parse_cookies("__Host-tms_sid=abc; theme=\"dark\";x=1", &l, err, sizeof(err));
	ok(rc == 0 && l.n == 3, "three cookies");
	ok(strcmp(kv_get(&l, "__Host-tms_sid"), "abc") == 0, "cookie value");
	ok(strcmp(kv_get(&l, "theme"), "dark") == 0, "quoted cookie value");
	kv_free(&l);
	/* Other applications' malformed cookies are skipped, never a 400. */
	rc = req_parse_cookies("novalue; __Host-tms_sid=abc", &l, err, sizeof(err));
	ok(rc == 0 && l.n == 1 && strcmp(kv_get(&l, "__Host-tms_sid"), "abc") == 0,
	    "a pair without = is skipped, ours is kept");
	kv_free(&l);
	rc = req_parse_cookies("a=b\x01; =x; b c=1; d=e f; g=\"h\\\"; __Host-tms_sid=abc; ok=1",
	    &l, err, sizeof(err));
	ok(rc == 0 && l.n == 2 && kv_get(&l, "a") == NULL && kv_get(&l, "d") == NULL &&
	    kv_get(&l, "g") == NULL && strcmp(kv_get(&l, "__Host-tms_sid"), "abc") == 0 &&
	    strcmp(kv_get(&l, "ok"), "1") == 0,
	    "control byte, empty name, space in name or value, backslash: skipped");
	kv_free(&l);
	rc = req_parse_cookies(";;  ; ", &l, err, sizeof(err));
	ok(rc == 0 && l.n == 0, "only separators: no cookies");
	kv_free(&l);
	{
		struct buf h;
		int i;

		buf_init(&h);
		for (i = 0; i < 100; i++)
			buf_printf(&h, "app%d=v%d; ", i, i);
		buf_puts(&h, "__Host-tms_sid=abc; __Host-tms_pre=def");
		rc = req_parse_cookies(h.data, &l, err, sizeof(err));
		ok(rc == 0 && l.n == REQ_MAX_COOKIES + 2,
		    "100 other cookies: the first %d kept, the rest ignored (%zu)",
		    REQ_MAX_COOKIES, l.n);
		ok(kv_get(&l, "app0") && kv_get(&l, "app63") && kv_get(&l, "app64") == NULL,
		    "the ignored ones are those after the limit");
		ok(kv_get(&l, "__Host-tms_sid") && strcmp(kv_get(&l, "__Host-tms_sid"), "abc") == 0 &&
		    kv_get(&l, "__Host-tms_pre") && strcmp(kv_get(&l, "__Host-tms_pre"), "def") == 0,
		    "our __Host- cookies after 100 others are still found");
		kv_free(&l);
		buf_free(&h);
	}

	{
		const char body[] =
		    "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
		    "釧路\r\n"
		    "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
		    "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\x00\xff\r\n"
		    "--XyZ--\r\n";
		rc = req_parse_multipart(body, sizeof(body) - 1,
		    "multipart/form-data; boundary=XyZ", &req_default_limits, &l, err, sizeof(err));
		ok(rc == 0 && l.n == 2, "multipart: two parts (%s)", err);
		ok(l.n == 2 && strcmp(kv_get(&l, "title"), "釧路") == 0, "multipart text field");
		ok(l.n == 2 && kv_find(&l, "photo")->len == 10 &&
		    strcmp(kv_find(&l, "photo")->filename, "a.png") == 0 &&
		    strcmp(kv_find(&l, "photo")->ctype, "image/png") == 0,
		    "multipart binary file part keeps its bytes, name and type");
		kv_free(&l);
		rc = req_parse_multipart(body, sizeof(body) - 12,
		    "multipart/form-data; boundary=XyZ", &req_default_limits, &l, err, sizeof(err));
		ok(rc == 400, "truncated multipart is 400");
		kv_free(&l);
		rc = req_parse_multipart(body, sizeof(body) - 1,
		    "multipart/form-data", &req_default_limits, &l, err, sizeof(err));
		ok(rc == 400, "multipart without boundary is 400");
		kv_free(&l);
	}
	{
		const char body[] =
		    "--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n\xff\xfe\r\n--b--\r\n";
		rc = req_parse_multipart(body, sizeof(body) - 1,
		    "multipart/form-data; boundary=\"b\"", &req_default_limits, &l, err, sizeof(err));
		ok(rc == 400, "invalid UTF-8 in a multipart text field is 400");
		kv_free(&l);
	}
	ok(utf8_valid("𠮷髙﨑", strlen("𠮷髙﨑")), "4-byte and extension kanji are valid UTF-8");
	{
		/* lists in the request's arena (as the worker does): no frees of
		 * their own, a failed parse leaves nothing to free by hand, and
		 * the arena releases all at once (ASan: no leak, no UAF) */
		struct arena a;
		struct kvlist q = { 0 }, f = { 0 };
		const char *s = "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16&q=17";

		arena_init(&a);
		q.arena = f.arena = &a;
		rc = req_parse_urlencoded(s, strlen(s), &req_default_limits, &q, err, sizeof(err));
		ok(rc == 0 && q.n == 17 && strcmp(kv_get(&q, "q"), "17") == 0 && strcmp(kv_get(&q, "a"), "1") == 0,
		    "a list in a shared arena grows past its first array");
		ok(q.own == NULL && a.bytes > 0, "it took the shared arena, not one of its own");
		rc = req_parse_urlencoded("x=1&y=%ZZ", 9, &req_default_limits, &f, err, sizeof(err));
		ok(rc == 400 && f.n == 1, "a failed parse keeps what it took in the arena");
		kv_free(&q);
		ok(q.n == 0 && q.arena == &a, "kv_free empties a list in a shared arena and leaves the arena");
		arena_free(&a);
		ok(a.head == NULL, "the arena frees both lists at once");
	}
	return done_testing();
}
