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
	/* Streaming (big downloads): the worker sets out; resp_flush then
	 * sends the headers once (no Content-Length) and the body so far. */
	int		(*out)(void *, const char *, size_t);	/* 0, or -1: gone */
	void		*outctx;
	int		 nobody;	/* HEAD: the headers only */
	int		 streamed;	/* headers sent: status and headers are final */
	int		 broken;	/* a write failed: the client has an incomplete body */
};

#define COOKIE_SESSION	0x1	/* no Max-Age: ends with the browser */
#define COOKIE_DELETE	0x2

void		 resp_init(struct resp *);
void		 resp_free(struct resp *);
void		 resp_header(struct resp *, const char *, const char *);
void		 resp_cookie(struct resp *, const char *, const char *, int, int);
void		 resp_redirect(struct resp *, int, const char *);
void		 resp_serialize(const struct resp *, struct buf *);
int		 resp_flush(struct resp *);

/* A download written into the body piece by piece (CSV exports): sent
 * once the body holds RESP_PIECE bytes, with its type and file name set at
 * that first flush, so that an error before it still gets a normal error
 * page; a small download goes out whole, with its Content-Length. */
#define RESP_PIECE	(256u * 1024)
struct download {
	struct resp	*r;
	const char	*ctype;
	char		 disp[192];
	int		 set;		/* headers set */
};
void		 download_init(struct download *, struct resp *, const char *, const char *);
int		 download_piece(struct download *);	/* after each row: 0, or -1 gone */
int		 download_write(void *, const char *, size_t);	/* add and download_piece */
void		 download_end(struct download *);	/* it ended well */
const char	*http_reason(int);
int		 http_local_path(const char *);
/* s percent-encoded into the buffer: every byte but ASCII letters, digits
 * and those in keep (e.g. "-_.~", "/-_.~" for a path) as %XX. */
void		 http_urlencode(struct buf *, const char *, const char *);

#endif
