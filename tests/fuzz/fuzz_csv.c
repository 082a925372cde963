/* fuzz_csv.c: libFuzzer target for the CSV reader and decoder, and for the
 * writer: every record read, written back with csv_put (formulas defused),
 * must read back, undone by csv_undefuse, as the same fields (what export →
 * import relies on). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"

/* Write r's fields as one record, read it back, compare; abort on a difference. */
static void
roundtrip(const struct csv_row *r)
{
	struct buf b;
	struct csv_w w;
	struct csv c;
	struct csv_row back = { 0 };
	char err[256];
	size_t i;

	if (r->n < 2)	/* a lone empty field is a blank line, which the reader skips */
		return;
	buf_init(&b);
	csv_w_init(&w, &b, r->f[0][0] ? CSV_QUOTE_ALL : 0);	/* both styles */
	for (i = 0; i < r->n; i++)
		csv_put(&w, r->f[i]);
	csv_end(&w);
	csv_init(&c, b.data, b.len);
	if (csv_next(&c, &back, err, sizeof(err)) != 1 || back.n != r->n)
		abort();
	for (i = 0; i < r->n; i++)
		if (strcmp(csv_undefuse(back.f[i]), r->f[i]) != 0)
			abort();
	csv_row_free(&back);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], *text = NULL;
	size_t len;
	const char *used;
	struct csv c;
	struct csv_row r = { 0 };

	if (csv_decode((const char *)data, size, "auto", &text, &len, &used, err, sizeof(err)) == 0) {
		csv_init(&c, text, len);
		while (csv_next(&c, &r, err, sizeof(err)) == 1)
			roundtrip(&r);
		csv_row_free(&r);
		free(text);
	}
	return 0;
}
