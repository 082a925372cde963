/* worker.c: one worker process: accept a FastCGI request, parse its input,
 * dispatch, write the response, log one line. SIGTERM stays blocked and is
 * polled between requests, so a stop never interrupts a request; the listening
 * socket has a receive timeout so an idle worker notices within 0.5 s.
 * A POST runs in one database transaction, committed before the answer is
 * written: a worker that dies in the middle leaves nothing of it behind.
 * The shared slot (worker.h) says what is being served, for the master. */
#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "accounts.h"
#include "app.h"
#include "clock.h"
#include "handlers.h"
#include "log.h"
#include "metrics.h"
#include "import.h"
#include "sandbox.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"
#include "wishes.h"
#include "ldap_auth.h"
#include "throttle.h"
#include "worker.h"
#include "auditchain.h"

/* Result cache per worker: slots and bytes (lib/qcache.c). */
#define QCACHE_SLOTS	512
#define QCACHE_BYTES	(16u << 20)

static struct wslot *slot;	/* shared with the master */

long long
worker_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The slot: what this worker serves (start), who asks (user), done (end).
 * started is written last and cleared first, so a master that sees it set
 * reads a complete method and path. */
static void
slot_start(const char *method, const char *path)
{
	if (slot == NULL)
		return;
	snprintf(slot->method, sizeof(slot->method), "%s", method);
	snprintf(slot->path, sizeof(slot->path), "%s", path);
	__atomic_store_n(&slot->uid, 0L, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->started, worker_now_ms(), __ATOMIC_RELEASE);
}

void
worker_note_user(long uid)
{
	if (slot)
		__atomic_store_n(&slot->uid, uid, __ATOMIC_RELEASE);
}

static void
slot_end(void)
{
	if (slot == NULL)
		return;
	__atomic_store_n(&slot->started, 0LL, __ATOMIC_RELEASE);
	__atomic_add_fetch(&slot->served, 1UL, __ATOMIC_RELEASE);
}

static int
stop_requested(void)
{
	sigset_t p;

	return sigpending(&p) == 0 && sigismember(&p, SIGTERM);
}

static int
load_secret(struct app *a)
{
	/* read(2), not stdio: no copy of the key is left in a stdio buffer */
	int fd = open(a->cfg->secret_key, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		log_err("cannot open secret key %s", a->cfg->secret_key);
		return -1;
	}
	a->secretlen = 0;
	while (a->secretlen < sizeof(a->secret) &&
	    ((n = read(fd, a->secret + a->secretlen, sizeof(a->secret) - a->secretlen)) > 0 ||
	    (n < 0 && errno == EINTR)))
		if (n > 0)
			a->secretlen += (size_t)n;
	close(fd);
	if (a->secretlen < 32) {
		log_err("secret key %s is shorter than 32 bytes", a->cfg->secret_key);
		return -1;
	}
	return 0;
}

static const char *
param(FCGX_Request *rq, const char *name)
{
	const char *v = FCGX_GetParam(name, rq->envp);

	return v ? v : "";
}

/* Read and parse the body; returns 0 or an HTTP status with err set. */
static int
read_body(struct ctx *c, FCGX_Request *rq, char *err, size_t errlen)
{
	const char *cl = param(rq, "CONTENT_LENGTH");
	const char *ct = param(rq, "CONTENT_TYPE");
	struct req_limits lim = req_default_limits;
	unsigned long n;
	char *end, *body;
	int got, rc;

	lim.max_body = (size_t)(strncasecmp(ct, "multipart/form-data", 19) == 0 ?
	    c->app->cfg->max_upload : c->app->cfg->max_body);
	if (*cl == '\0')
		return 0;
	errno = 0;
	n = strtoul(cl, &end, 10);
	if (errno || *end != '\0' || cl[0] == '-') {
		snprintf(err, errlen, "Content-Lengthが不正です");
		return 400;
	}
	if (n > lim.max_body) {
		snprintf(err, errlen, "送信データが上限(%zu KB)を超えています", lim.max_body / 1024);
		return 413;
	}
	if (n == 0)
		return 0;
	body = arena_alloc(&c->arena, n + 1);
	got = FCGX_GetStr(body, (int)n, rq->in);
	if (got < 0 || (unsigned long)got != n) {
		snprintf(err, errlen, "送信データが途中で切れています");
		return 400;
	}
	body[n] = '\0';
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		rc = req_parse_urlencoded(body, n, &lim, &c->form, err, errlen);
	else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		rc = req_parse_multipart(body, n, ct, &lim, &c->form, err, errlen);
	else {
		snprintf(err, errlen, "対応していない形式のデータです");
		rc = 415;
	}
	return rc;
}

/* Write n bytes to the FastCGI stream (pieces of at most 1 MB: the library
 * counts in int). 0, or -1 when the client is gone. */
static int
fcgx_write(void *stream, const char *p, size_t n)
{
	while (n > 0) {
		int k = n < (1u << 20) ? (int)n : 1 << 20;

		if (FCGX_PutStr(p, k, stream) != k)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * The whole answer as FastCGI stdout records in one write(2), past
 * libfcgi's 8 KB stream buffer: a worker killed while answering then leaves
 * nginx either nothing (a GET goes to the next worker) or all of it, never a
 * cut page (nginx has sent the status line on by then and cannot retry).
 * One write is whole unless the socket buffer (some 200 KB) is full.
 * FCGX_Finish_r then ends the stream and the request as usual.
 */
static void
fcgi_answer(FCGX_Request *rq, const char *p, size_t n)
{
	struct buf b;
	size_t off = 0;

	buf_init(&b);
	while (n > 0) {
		size_t k = n < 65528 ? n : 65528;
		char h[8] = { 1, 6, (char)((rq->requestId >> 8) & 0xff), (char)(rq->requestId & 0xff),
		    (char)(k >> 8), (char)(k & 0xff), 0, 0 };	/* FCGI_STDOUT, no padding */

		buf_add(&b, h, sizeof(h));
		buf_add(&b, p, k);
		p += k;
		n -= k;
	}
	while (off < b.len) {
		ssize_t w = write(rq->ipcFd, b.data + off, b.len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;	/* nginx is gone */
		off += (size_t)w;
	}
	buf_free(&b);
}

/* The address the client used, for printed notices: nginx passes $host
 * (no port), so a port other than 443 is added from SERVER_PORT. */
static const char *
request_host(struct ctx *c, FCGX_Request *rq)
{
	const char *h = param(rq, "HTTP_HOST"), *port = param(rq, "SERVER_PORT");
	size_t n;
	char *hp;

	if (*h == '\0' || *port == '\0' || strcmp(port, "443") == 0 || strchr(h, ':') != NULL ||
	    strspn(port, "0123456789") != strlen(port) || strlen(port) > 5)
		return h;
	n = strlen(h) + strlen(port) + 2;
	hp = arena_alloc(&c->arena, n);
	snprintf(hp, n, "%s:%s", h, port);
	return hp;
}

static void
handle(struct app *a, FCGX_Request *rq)
{
	struct ctx c;
	struct timespec t0, t1;
	struct buf out;
	const char *qs = param(rq, "QUERY_STRING");
	char err[256];
	int rc;
	unsigned long qh = a->qc.hits, qm = a->qc.misses;	/* cache use of this request */
	unsigned rw_gen = a->rw.gen, ro_gen = a->ro.gen;	/* metrics: reconnects */

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&c, 0, sizeof(c));
	arena_init(&c.arena);	/* one per request, freed once at the end */
	c.query.arena = c.form.arena = c.cookies.arena = &c.arena;
	c.app = a;
	c.method = param(rq, "REQUEST_METHOD");
	c.path = param(rq, "DOCUMENT_URI");
	c.remote_addr = param(rq, "REMOTE_ADDR");
	c.user_agent = param(rq, "HTTP_USER_AGENT");
	c.host = request_host(&c, rq);
	c.now = clock_test_now(param(rq, "HTTP_X_TMS_TEST_NOW"));
	staff_clock_set(c.now);	/* staff_today() follows the request's now */
	resp_init(&c.resp);
	c.resp.out = fcgx_write;	/* handlers may stream (resp_flush) */
	c.resp.outctx = rq->out;
	c.resp.nobody = strcmp(c.method, "HEAD") == 0;
	if (view_hdf_new(&c.hdf, a->cfg->templates) != 0)
		abort();
	if (*c.path == '\0')
		c.path = "/";
	slot_start(c.method, c.path);
	err[0] = '\0';
	rc = utf8_valid(c.path, strlen(c.path)) ? 0 : 400;
	if (rc == 0)
		rc = req_parse_urlencoded(qs, strlen(qs), &req_default_limits, &c.query, err, sizeof(err));
	if (rc == 0)
		rc = req_parse_cookies(param(rq, "HTTP_COOKIE"), &c.cookies, err, sizeof(err));
	if (rc == 0)
		rc = read_body(&c, rq, err, sizeof(err));
	if (rc != 0) {
		if (c.path[0] && !utf8_valid(c.path, strlen(c.path)))
			c.path = "/";
		page_error(&c, rc, err[0] ? err : "リクエストが正しくありません");
	} else {
		/* a POST is one transaction (lib/db.c: db_request_begin) */
		if (strcmp(c.method, "POST") == 0)
			(void)db_request_begin(&a->rw);
		dispatch(&c);
	}
	/* Commit the POST before anything is answered; never leave a
	 * transaction open. A POST whose work could not be committed must
	 * not be answered as done. */
	if (db_request_end(&a->rw) != 0 && c.resp.status < 400 && !c.resp.streamed) {
		resp_free(&c.resp);
		resp_init(&c.resp);
		c.resp.out = fcgx_write;
		c.resp.outctx = rq->out;
		page_error(&c, 503, "保存できませんでした。送信した内容は保存されていません。"
		    "しばらくしてから、もう一度送信してください。");
	}
	qcache_end(&a->qc);
	buf_init(&out);
	if (c.resp.streamed && (c.resp.broken || c.resp.status >= 400)) {
		/* failed after the headers went out: end the connection without
		 * the FastCGI end of request, so nginx cuts the download short
		 * rather than passing a truncated file off as complete */
		shutdown(rq->ipcFd, SHUT_RDWR);
	} else if (c.resp.streamed)
		(void)resp_flush(&c.resp);
	else {
		if (c.resp.nobody)
			buf_reset(&c.resp.body);
		resp_serialize(&c.resp, &out);
		fcgi_answer(rq, out.data, out.len);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	{
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		log_info("req method=%s path=%s status=%d ms=%.2f uid=%ld qc=%lu/%lu",
		    c.method, c.path, c.resp.status, ms, c.me.id,
		    a->qc.hits - qh, a->qc.misses - qm);
		/* metrics: the route, status and time; a database error is a
		 * failed statement (sqlstate) or a lost connection */
		metrics_request(dispatch_route_last(), c.resp.status, (long long)(ms * 1000));
		metrics_db(a->rw.conn && PQstatus(a->rw.conn) == CONNECTION_OK,
		    a->ro.conn && PQstatus(a->ro.conn) == CONNECTION_OK,
		    (a->rw.sqlstate[0] != '\0' && strcmp(a->rw.sqlstate, "P0001") != 0) ||
		    a->rw.gen != rw_gen ||
		    (a->rw.conn && PQstatus(a->rw.conn) != CONNECTION_OK),
		    (a->ro.sqlstate[0] != '\0' && strcmp(a->ro.sqlstate, "P0001") != 0) ||
		    a->ro.gen != ro_gen ||
		    (a->ro.conn && PQstatus(a->ro.conn) != CONNECTION_OK));
		a->rw.sqlstate[0] = a->ro.sqlstate[0] = '\0';
	}
	buf_free(&out);
	resp_free(&c.resp);
	hdf_destroy(&c.hdf);
	arena_free(&c.arena);	/* query, form, cookies, handlers' temporaries */
}

void
worker_main(const struct config *cfg, const struct policy *pol, const struct survey *sv,
    int lfd, unsigned gen, struct wslot *ws)
{
	static char tag[32];	/* the log keeps the pointer */
	struct app a;
	FCGX_Request rq;
	long served = 0;

	slot = ws;
	snprintf(tag, sizeof(tag), "tms-worker/g%u", gen);
	log_set_tag(tag);
	/* the start-up list of what the layout shows besides each page, in
	 * order: the role menu (dispatch.c's routes), the wishes reminder */
	page_part_register(menu_fill);
	page_part_register(wish_banner);
	page_part_register(announce_fill);	/* home only */
	memset(&a, 0, sizeof(a));
	a.cfg = cfg;
	a.policy = pol;
	if (load_secret(&a) != 0)
		_exit(3);
	if (auditchain_load(cfg->audit_key) != 0)	/* no trail, no service */
		_exit(3);
	/* the list a password must not be in (h_accounts.c); a missing one
	 * is logged, and setting a password then fails closed */
	(void)acct_common_load(cfg->common_passwords);
	/* directory sign-in: addresses, TLS context, service password, read
	 * now (confined, a worker opens no file and looks no name up) */
	(void)ldap_auth_prepare(cfg);
	/* the sign-in gate: a bounded number of password checks at once */
	(void)throttle_gate_init(cfg);
	a.survey = sv;
	if (cfg->wish_keys) {
		char err[512];
		if (keyring_load(cfg->wish_keys, &a.keys, err, sizeof(err)) != 0) {
			log_err("wishes key file: %s", err);
			_exit(3);
		}
	}
	import_set_keyring(&a.keys);	/* sealed comments and import files (sql/064) */
	db_init(&a.rw, "rw", cfg->db_rw, stmts_table(), STMT__MAX, cfg->statement_timeout_ms);
	db_init(&a.ro, "ro", cfg->db_ro, stmts_table(), STMT__MAX, cfg->statement_timeout_ms);
	/* cache.enabled: false leaves no slot: every query goes to the database */
	qcache_init(&a.qc, cfg->cache_enabled ? QCACHE_SLOTS : 0, QCACHE_BYTES, STMT_DATA_VERSION);
	/* connect early (failures are retried per request), both before the
	 * confinement: a reconnect is then a PQreset, which reads no files */
	(void)db_ensure(&a.rw);
	(void)db_ensure(&a.ro);
	FCGX_Init();
	FCGX_InitRequest(&rq, lfd, 0);
	{
		char err[512];

		if (sandbox_prepare(cfg, err, sizeof(err)) != 0 ||
		    (cfg->seccomp && sandbox_enter(lfd, err, sizeof(err)) != 0)) {
			log_err("%s", err);
			_exit(3);
		}
	}
	while (!stop_requested()) {
		int rc = FCGX_Accept_r(&rq);

		if (rc < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
				continue;
			log_err("accept failed: %s", strerror(-rc));
			break;
		}
		{
			struct timeval tv = { 30, 0 };
			setsockopt(rq.ipcFd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		}
		handle(&a, &rq);
		FCGX_Finish_r(&rq);
		slot_end();
		if (++served >= cfg->max_requests) {
			log_info("recycling after %ld requests", served);
			break;
		}
		/* a confined worker cannot reopen the files a TLS reconnect
		 * reads (after a database restart or failover): it leaves, and
		 * the master's next worker connects before its confinement */
		if (cfg->seccomp && (db_lost_needs_files(&a.rw) || db_lost_needs_files(&a.ro))) {
			log_info("database connection lost and its reconnect reads files: leaving to a fresh worker");
			break;
		}
	}
	qcache_free(&a.qc);
	db_close(&a.rw);
	db_close(&a.ro);
	keyring_wipe(&a.keys);
	_exit(0);
}
