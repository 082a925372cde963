/* http.c: building responses. All responses get CSP without inline script,
 * nosniff, a strict referrer policy and frame-ancestors 'none'; dynamic
 * responses are no-store unless a handler marks them cacheable. Redirects are
 * relative (never built from Host) and only to local paths. */
#include <stdio.h>
#include <string.h>
#include "http.h"

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

void
resp_init(struct resp *r)
{
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_init(&r->headers);
	buf_init(&r->body);
	r->cacheable = 0;
	r->out = NULL;
	r->outctx = NULL;
	r->nobody = r->streamed = r->broken = 0;
}

void
resp_free(struct resp *r)
{
	buf_free(&r->headers);
	buf_free(&r->body);
}

/* Header values never contain CR or LF (header injection). */
void
resp_header(struct resp *r, const char *name, const char *val)
{
	const char *p;

	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	for (p = val; *p; p++)
		if (*p != '\r' && *p != '\n')
			buf_putc(&r->headers, *p);
	buf_puts(&r->headers, "\r\n");
}

/* __Host- cookies: Secure, Path=/, no Domain; always HttpOnly and Lax. */
void
resp_cookie(struct resp *r, const char *name, const char *val, int maxage,
    int flags)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Lax", name,
	    (flags & COOKIE_DELETE) ? "" : val);
	if (flags & COOKIE_DELETE)
		buf_puts(&b, "; Max-Age=0");
	else if (!(flags & COOKIE_SESSION))
		buf_printf(&b, "; Max-Age=%d", maxage);
	resp_header(r, "Set-Cookie", b.data);
	buf_free(&b);
}

/* A path is local if it starts with one '/' and holds no scheme tricks. */
int
http_local_path(const char *p)
{
	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return 0;
	return 1;
}

void
http_urlencode(struct buf *b, const char *s, const char *keep)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

void
resp_redirect(struct resp *r, int status, const char *path)
{
	r->status = status;
	resp_header(r, "Location", http_local_path(path) ? path : "/");
	buf_reset(&r->body);
}

const char *
http_reason(int s)
{
	switch (s) {
	case 200: return "OK";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return s >= 500 ? "Internal Server Error" : "Error";
	}
}

void
resp_serialize(const struct resp *r, struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", r->status, http_reason(r->status));
	buf_printf(out, "Content-Type: %s\r\n", r->ctype);
	if (!r->streamed)
		buf_printf(out, "Content-Length: %zu\r\n", r->body.len);
	buf_printf(out, "Content-Security-Policy: %s\r\n", csp);
	buf_puts(out, "X-Content-Type-Options: nosniff\r\n");
	buf_puts(out, "Referrer-Policy: same-origin\r\n");
	buf_puts(out, "X-Frame-Options: DENY\r\n");
	buf_puts(out, "Cross-Origin-Opener-Policy: same-origin\r\n");
	buf_puts(out, "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n");
	if (!r->cacheable)
		buf_puts(out, "Cache-Control: no-store\r\nPragma: no-cache\r\n");
	if (r->headers.len)
		buf_add(out, r->headers.data, r->headers.len);
	buf_puts(out, "\r\n");
	if (r->body.len && !r->streamed)
		buf_add(out, r->body.data, r->body.len);
}

/*
 * Send what the body holds so far and empty it; the first call sends the
 * status and headers, without Content-Length (nginx then uses chunked
 * transfer), after which they cannot change. Without an out function
 * (tests, tmsctl) the body just keeps growing. -1 once a write failed.
 */
int
resp_flush(struct resp *r)
{
	if (r->out == NULL)
		return 0;
	if (r->broken)
		return -1;
	if (!r->streamed) {
		struct buf h;
		buf_init(&h);
		r->streamed = 1;
		resp_serialize(r, &h);	/* headers only, now */
		if (r->out(r->outctx, h.data, h.len) != 0)
			r->broken = 1;
		buf_free(&h);
	}
	if (!r->broken && !r->nobody && r->body.len && r->out(r->outctx, r->body.data, r->body.len) != 0)
		r->broken = 1;
	buf_reset(&r->body);
	return r->broken ? -1 : 0;
}

void
download_init(struct download *d, struct resp *r, const char *ctype, const char *filename)
{
	d->r = r;
	d->ctype = ctype;
	snprintf(d->disp, sizeof(d->disp), "attachment; filename=\"%s\"", filename);
	d->set = 0;
	buf_reset(&r->body);
}

static void
download_headers(struct download *d)
{
	if (d->set++)
		return;
	d->r->ctype = d->ctype;
	resp_header(d->r, "Content-Disposition", d->disp);
}

int
download_piece(struct download *d)
{
	if (d->r->body.len < RESP_PIECE)
		return d->r->broken ? -1 : 0;
	download_headers(d);
	return resp_flush(d->r);
}

int
download_write(void *p, const char *s, size_t n)
{
	struct download *d = p;

	buf_add(&d->r->body, s, n);
	return download_piece(d);
}

void
download_end(struct download *d)
{
	download_headers(d);
}
