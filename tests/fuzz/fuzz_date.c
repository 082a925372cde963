/* fuzz_date.c: libFuzzer target for the 和暦/西暦 date parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jdate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[80];
	int y, m, d;
	const char *why;

	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (jdate_parse(s, &y, &m, &d, &why) == 0 && !jdate_valid(y, m, d))
		abort();	/* a parsed date must be a real date */
	return 0;
}
