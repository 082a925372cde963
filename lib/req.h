/* req.h: request input parsing (query strings, urlencoded and multipart bodies,
 * cookies) with limits and UTF-8 validation. No knowledge of pages. */
#ifndef TMS_REQ_H
#define TMS_REQ_H
#include <stddef.h>
#include "arena.h"

struct kv {
	char	*key;
	char	*val;		/* NUL-terminated; may hold binary for file parts */
	size_t	 len;		/* length of val */
	char	*filename;	/* multipart file parts only */
	char	*ctype;		/* multipart parts only */
};

/* Everything of a list lives in its arena: set arena to the request's
 * (struct ctx) and the list goes with it; left NULL, the list makes one of
 * its own on first use, which kv_free releases. */
struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
	struct arena	*arena;
	struct arena	*own;	/* the list's own arena, if it made one */
};

struct req_limits {
	size_t	max_fields;	/* fields per query string or body */
	size_t	max_key;	/* bytes per field name */
	size_t	max_value;	/* bytes per text value */
	size_t	max_body;	/* bytes per body (413 above) */
};

extern const struct req_limits req_default_limits;

/* Empties the list; its memory goes with its own arena (wiped, as the
 * values may be passwords, tokens or confidential answers) or with the
 * request's. */
void		 kv_free(struct kvlist *);
const char	*kv_get(const struct kvlist *, const char *);
const char	*kv_str(const struct kvlist *, const char *);	/* "" if absent */
const struct kv	*kv_find(const struct kvlist *, const char *);

int	utf8_valid(const char *, size_t);
size_t	utf8_valid_prefix(const char *, size_t);

#define REQ_MAX_COOKIES	64	/* other than __Host- ones; the rest ignored */

/* Each returns 0, or an HTTP status (400 or 413) with a reason in err;
 * req_parse_cookies skips what it cannot use and always returns 0. */
int	req_parse_urlencoded(const char *, size_t, const struct req_limits *,
	    struct kvlist *, char *, size_t);
int	req_parse_cookies(const char *, struct kvlist *, char *, size_t);
int	req_parse_multipart(const char *, size_t, const char *,
	    const struct req_limits *, struct kvlist *, char *, size_t);

#endif
