/* test_helpers.c: the small helpers each written once in lib/: the URL
 * encoder (http_urlencode), the hex codec (crypto_hex / crypto_unhex), the
 * rows-to-page filler (view_rows / view_row) and the wishes survey's
 * encryption context (survey_seal_context, which sealed values in the
 * database depend on). */
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "crypto.h"
#include "http.h"
#include "survey.h"
#include "view.h"
#include "tap.h"

static int
enc_is(const char *s, const char *keep, const char *want)
{
	struct buf b;
	int same;

	buf_init(&b);
	http_urlencode(&b, s, keep);
	same = strcmp(b.data ? b.data : "", want) == 0;
	if (!same)
		printf("# got %s, want %s\n", b.data ? b.data : "", want);
	buf_free(&b);
	return same;
}

static void
test_urlencode(void)
{
	ok(enc_is("Az09", "", "Az09"), "letters and digits stay");
	ok(enc_is("a b&c=d", "-_.~", "a%20b%26c%3Dd"), "space, & and = are escaped");
	ok(enc_is("/staff/1-_.~", "/-_.~", "/staff/1-_.~"), "a path keeps / and the unreserved marks");
	ok(enc_is("/x-y", "-_.~", "%2Fx-y"), "a query value escapes /");
	ok(enc_is("x-y_z", "", "x%2Dy%5Fz"), "keep \"\": every mark is escaped");
	ok(enc_is("釧路", "-_.~", "%E9%87%A7%E8%B7%AF"), "UTF-8 bytes as upper-case %%XX");
	ok(enc_is("", "-_.~", ""), "the empty string gives nothing");
}

static void
test_hex(void)
{
	unsigned char all[256], back[256], one;
	char hex[513], *exact;
	int i;

	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	crypto_hex(all, sizeof(all), hex);
	ok(strlen(hex) == 512 && strncmp(hex, "000102", 6) == 0 && strcmp(hex + 506, "fdfeff") == 0,
	    "crypto_hex: lower-case, two digits a byte");
	memset(back, 0, sizeof(back));
	ok(crypto_unhex(hex, back, sizeof(back)) == 0 && memcmp(all, back, sizeof(all)) == 0,
	    "round trip of every byte value");
	ok(crypto_unhex("A0", &one, 1) == 0 && one == 0xa0, "upper-case digits are read");
	ok(crypto_unhex("0g", &one, 1) == -1, "a non-hex digit is refused");
	ok(crypto_unhex("g0", &one, 1) == -1, "a non-hex first digit is refused");
	ok(crypto_unhex(" 1", &one, 1) == -1 && crypto_unhex("+1", &one, 1) == -1,
	    "no space or sign is taken for a digit");
	/* a string shorter than 2n: refused at its NUL, nothing read beyond
	 * (ASan watches the exact allocation) */
	exact = malloc(4);
	memcpy(exact, "abc", 4);
	ok(crypto_unhex(exact, back, 2) == -1, "a short string is refused at its end");
	ok(crypto_unhex(exact, back, 1) == 0 && back[0] == 0xab, "only the first 2n digits are read");
	free(exact);
}

static void
upper(HDF *hdf, const char *key, const char *v)
{
	char b[32];
	size_t i;

	for (i = 0; v[i] && i < sizeof(b) - 1; i++)
		b[i] = (char)(v[i] >= 'a' && v[i] <= 'z' ? v[i] - 32 : v[i]);
	b[i] = '\0';
	view_set(hdf, key, b);
}

static PGresult *
result3(void)
{
	PGresAttDesc att[3];
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	static const char *const v[2][3] = { { "1", "one", "2026-04-01" }, { "2", "two", NULL } };
	int i, j;

	memset(att, 0, sizeof(att));
	for (j = 0; j < 3; j++) {
		att[j].name = (char *)(j == 0 ? "id" : j == 1 ? "name" : "day");
		att[j].typid = 25;
		att[j].typlen = -1;
		att[j].atttypmod = -1;
	}
	PQsetResultAttrs(r, 3, att);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 3; j++)
			PQsetvalue(r, i, j, (char *)v[i][j], v[i][j] ? (int)strlen(v[i][j]) : -1);
	return r;
}

static const char *
get(HDF *hdf, const char *key)
{
	return hdf_get_value(hdf, key, "(none)");
}

static void
test_rows(void)
{
	static const char *const cols[] = { "Id", "Name", "Day", NULL };
	static const char *const skip[] = { "Id", "", "Day", NULL };
	static const unsigned char flags[] = { 0, VIEW_FMT, VIEW_ISO };
	PGresult *r = result3();
	HDF *hdf;

	if (!ok(r != NULL && PQntuples(r) == 2 && view_hdf_new(&hdf, "/nonexistent") == 0,
	    "a result of two rows and an HDF"))
		return;
	ok(view_rows(hdf, "Page.T", r, cols, NULL, NULL) == 2, "view_rows returns the row count");
	ok(strcmp(get(hdf, "Page.T.0.Id"), "1") == 0 && strcmp(get(hdf, "Page.T.1.Name"), "two") == 0 &&
	    strcmp(get(hdf, "Page.T.0.Day"), "2026-04-01") == 0, "Prefix.N.Col from each row and column");
	ok(strcmp(get(hdf, "Page.T.1.Day"), "") == 0, "a NULL is the empty string");
	view_rows(hdf, "Page.S", r, skip, NULL, NULL);
	ok(strcmp(get(hdf, "Page.S.0.Id"), "1") == 0 && strcmp(get(hdf, "Page.S.0.Day"), "2026-04-01") == 0 &&
	    strcmp(get(hdf, "Page.S.0.Name"), "(none)") == 0 && hdf_get_obj(hdf, "Page.S.0.") == NULL,
	    "a \"\" name skips its column, the next keep their places");
	view_rows(hdf, "Page.F", r, cols, flags, upper);
	ok(strcmp(get(hdf, "Page.F.1.Name"), "TWO") == 0 && strcmp(get(hdf, "Page.F.1.Id"), "2") == 0,
	    "VIEW_FMT columns go through the formatter, the others not");
	ok(strcmp(get(hdf, "Page.F.0.DayIso"), "2026-04-01") == 0 &&
	    strcmp(get(hdf, "Page.F.0.NameIso"), "(none)") == 0, "VIEW_ISO adds ColIso with the raw value");
	{
		HDF *row = hdf_get_obj(hdf, "Page.F.0");
		HDF *ch = row ? hdf_obj_child(row) : NULL;
		char order[64] = "";
		for (; ch; ch = hdf_obj_next(ch)) {
			strcat(order, hdf_obj_name(ch));
			strcat(order, " ");
		}
		ok(strcmp(order, "Id Name Day DayIso ") == 0, "fields in column order, ColIso after Col (%s)", order);
	}
	view_row(hdf, "Page.One", 5, r, 1, cols, NULL, NULL);
	ok(strcmp(get(hdf, "Page.One.5.Name"), "two") == 0 && hdf_get_obj(hdf, "Page.One.0") == NULL,
	    "view_row sets row 1 as number 5");
	hdf_destroy(&hdf);
	PQclear(r);
}

static void
test_seal_context(void)
{
	char ad[160];

	survey_seal_context(ad, sizeof(ad), "12", "345", "transfer.choice");
	ok(strcmp(ad, "tms-wish:v1:12:345:transfer.choice") == 0,
	    "the encryption context of stored sealed answers is unchanged (%s)", ad);
}

int
main(void)
{
	test_urlencode();
	test_hex();
	test_rows();
	test_seal_context();
	return done_testing();
}
