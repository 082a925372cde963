/* ymap.h: walk a YAML file made of nested mappings with scalar leaves (the
 * shape of every configuration file here), reporting each key with its path
 * and line. Lists and aliases are refused. */
#ifndef TMS_YMAP_H
#define TMS_YMAP_H
#include <stddef.h>

#define YMAP_MAXDEPTH	6

/* Called for every key: value is NULL when the key opens a mapping. Return 0,
 * or -1 with a message in err (ymap_walk prefixes "FILE:LINE: "). */
typedef int (*ymap_fn)(void *, const char *const *, int, const char *, char *, size_t);

int	ymap_walk(const char *, int, ymap_fn, void *, char *, size_t);
int	ymap_line(void);	/* line of the current event, for callbacks */

#endif
