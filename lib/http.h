/* http.h: response assembly with the security headers every response carries. */
#ifndef TMS_HTTP_H
#define TMS_HTTP_H
#include "buf.h"

struct resp {
	int		 status;
	const char	*ctype;
	struct buf	 headers;	/* extra "Name: value\r\n" lines */
	struct buf	 body;
	int		 cacheable;	/* default 0: Cache-Control: no-store */
};

#define COOKIE_SESSION	0x1	/* no Max-Age: ends with the browser */
#define COOKIE_DELETE	0x2

void		 resp_init(struct resp *);
void		 resp_free(struct resp *);
void		 resp_header(struct resp *, const char *, const char *);
void		 resp_cookie(struct resp *, const char *, const char *, int, int);
void		 resp_redirect(struct resp *, int, const char *);
void		 resp_serialize(const struct resp *, struct buf *);
const char	*http_reason(int);
int		 http_local_path(const char *);

#endif
