/* fuzz_req.c: libFuzzer target for request parsing (urlencoded, cookies,
 * multipart): the input is split at the first NUL into a content type and a body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, 0, size);
	struct kvlist l = { 0 };
	char err[256], ct[256], *cookie;
	size_t clen;

	req_parse_urlencoded((const char *)data, size, &req_default_limits, &l, err, sizeof(err));
	kv_free(&l);
	cookie = malloc(size + 1);
	memcpy(cookie, data, size);
	cookie[size] = '\0';
	req_parse_cookies(cookie, &l, err, sizeof(err));
	kv_free(&l);
	free(cookie);
	if (nul) {
		clen = (size_t)(nul - (const char *)data);
		if (clen >= sizeof(ct))
			return 0;
		memcpy(ct, data, clen);
		ct[clen] = '\0';
		req_parse_multipart(nul + 1, size - clen - 1, ct, &req_default_limits, &l, err, sizeof(err));
		kv_free(&l);
	}
	return 0;
}
