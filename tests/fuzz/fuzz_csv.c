/* fuzz_csv.c: libFuzzer target for the CSV reader and decoder. */
#include <stdint.h>
#include <stdlib.h>
#include "csv.h"

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
			;
		csv_row_free(&r);
		free(text);
	}
	return 0;
}
