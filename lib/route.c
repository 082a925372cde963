/* route.c: segment-wise matcher. No regexes, no prefix matches: a path either
 * matches a pattern exactly (modulo ":name" segments) or not at all. */
#include <string.h>
#include "route.h"

int
route_match(const char *pat, const char *path, char caps[][ROUTE_CAPLEN],
    int maxcaps)
{
	int n = 0;

	while (*pat && *path) {
		if (*pat == ':') {
			size_t len = strcspn(path, "/");
			if (len == 0 || len >= ROUTE_CAPLEN || n >= maxcaps)
				return -1;
			memcpy(caps[n], path, len);
			caps[n][len] = '\0';
			n++;
			path += len;
			pat += strcspn(pat, "/");
			continue;
		}
		if (*pat != *path)
			return -1;
		pat++;
		path++;
	}
	return (*pat == '\0' && *path == '\0') ? n : -1;
}
