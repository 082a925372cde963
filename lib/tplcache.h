/* tplcache.h: template texts held in memory, read from the template
 * directory once (view.c serves them to ClearSilver). */
#ifndef TMS_TPLCACHE_H
#define TMS_TPLCACHE_H
#include <stddef.h>

/* Read every *.cs file below dir now; from then on a name that is not in
 * the cache is not found, and no file is opened (a confined worker). 0, or
 * -1 with the file and the reason in err. */
int		 tplcache_preload(const char *, char *, size_t);
/* The text of template name (relative to dir), loaded on first use unless
 * preloaded; NULL with errno set when there is none. */
const char	*tplcache_get(const char *, const char *);

#endif
