/* throttle.c: sign-in delays that cannot lock the city out. City halls reach
 * us through one NAT address, so nothing here is counted per address alone:
 * failures are counted per (address, login) and per login over every
 * address (sql/062_throttle.sql). Each failure past the free ones sets a
 * delay (1, 2, 4 ... s, capped at login.max_delay_seconds, at most 60)
 * during which a sign-in of that login is answered "wait N seconds" at once,
 * without PBKDF2, and is not counted; after it, a correct password passes.
 * A correct password forgets its address's failures and the login's. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <json-c/json.h>
#include "app.h"
#include "log.h"
#include "stmts.h"
#include "throttle.h"

int
throttle_delay(int n, int free_, int cap)
{
	int e = n - free_ - 1;

	if (n <= free_)
		return 0;
	if (e >= 30 || (1 << e) > cap)
		return cap;
	return 1 << e;
}

struct trow {
	int	 failures;	/* after forgetting old ones */
	double	 until;		/* Unix seconds; 0: none */
};

/* The login's rows: [0] this address, [1] every address. */
static int
load(struct ctx *c, const char *login, double now, struct trow t[2])
{
	const char *p[2] = { login, c->remote_addr };
	double forget = c->app->cfg->login_forget_minutes * 60.0;
	PGresult *r;
	int i;

	memset(t, 0, 2 * sizeof(*t));
	if ((r = db_exec(&c->app->rw, STMT_THROTTLE_GET, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(r); i++) {
		struct trow *x;
		if (PQgetisnull(r, i, 0))
			continue;
		x = PQgetvalue(r, i, 0)[0] == '\0' ? &t[1] : &t[0];
		x->until = strtod(PQgetvalue(r, i, 3), NULL);
		if (strtod(PQgetvalue(r, i, 2), NULL) >= now - forget)
			x->failures = atoi(PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return 0;
}

int
throttle_check(struct ctx *c, const char *login, char *msg, size_t msglen)
{
	double now = (double)req_now(c), until;
	struct trow t[2];
	int left;

	if (load(c, login, now, t) != 0)
		return -1;
	until = t[0].until > t[1].until ? t[0].until : t[1].until;
	if (until <= now)
		return 0;
	left = (int)(until - now);
	if (until - now > left)
		left++;
	log_info("login delayed seconds=%d", left);
	snprintf(msg, msglen, "このログインIDはログインの失敗が続いたため、あと%d秒間ログインできません。"
	    "%d秒たってから、正しいパスワードでもう一度お試しください。"
	    "（待ち時間は最長%d秒です。）", left, left, c->app->cfg->login_max_delay_seconds);
	return 429;
}

static int
store(struct ctx *c, const char *login, const char *addr, int n, int free_,
    double now)
{
	char fb[16], lb[32], ub[32];
	const char *p[5] = { login, addr, fb, lb, ub };

	snprintf(fb, sizeof(fb), "%d", n);
	snprintf(lb, sizeof(lb), "%.0f", now);
	snprintf(ub, sizeof(ub), "%.0f",
	    now + throttle_delay(n, free_, c->app->cfg->login_max_delay_seconds));
	return db_command(&c->app->rw, STMT_THROTTLE_FAIL, p);
}

int
throttle_fail(struct ctx *c, const char *login)
{
	const struct config *cfg = c->app->cfg;
	double now = (double)req_now(c);
	struct trow t[2];

	if (load(c, login, now, t) != 0 ||
	    store(c, login, c->remote_addr, t[0].failures + 1, cfg->login_free_failures, now) != 0 ||
	    store(c, login, "", t[1].failures + 1, cfg->login_account_free_failures, now) != 0)
		return -1;
	return 0;
}

int
throttle_ok(struct ctx *c, const char *login)
{
	const char *p[2] = { login, c->remote_addr };

	return db_command(&c->app->rw, STMT_THROTTLE_CLEAR, p);
}

void
throttle_audit(struct ctx *c, const char *login, long staff, const char *result,
    const char *why)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "login", json_object_new_string(login));
	if (why)
		json_object_object_add(o, "reason", json_object_new_string(why));
	audit(c, "login", staff, "login", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), result);
	json_object_put(o);
}

/*
 * The sign-in gate: at most login.concurrent_signins password checks at a
 * time over every pool of a stack (0: half the CPUs, at least one), so that
 * on an April morning the workers and CPUs left always serve pages. PBKDF2
 * costs ~0.1 s of CPU; a sign-in that finds every slot taken is answered at
 * once with "retry in a few seconds" (503, Retry-After). nginx already lets
 * sign-ins through at about the rate the slots hash (nginx/tms.conf.in), so
 * that answer is for bursts on a loaded machine. The slots are robust
 * process-shared mutexes in a small file mapped by every worker of the
 * stack: "signin.gate" beside the pools' unix sockets (their run directory,
 * which goes with the stack), or for TCP pools a POSIX shared memory object
 * named after the stack's secret key file. A worker killed while holding a
 * slot (the watchdog, a drill) leaves it to the next (EOWNERDEAD), never
 * locked for good. The file is opened before the worker's confinement;
 * taking a slot is futex only.
 */
#define GATE_SLOTS	16
#define GATE_MAGIC	0x74ab5ea1u
struct gate {
	unsigned	 state;		/* 0 new, 1 being set up, GATE_MAGIC ready */
	pthread_mutex_t	 m[GATE_SLOTS];
};
static struct gate *gate;
static int gate_n, gate_held = -1;

int
throttle_gate_init(const struct config *cfg)
{
	char name[512];
	unsigned h = 2166136261u, zero = 0;
	const char *s;
	struct timespec ms = { 0, 1000000 };
	int fd, i;

	gate_n = cfg->login_concurrent_signins;
	if (gate_n == 0)
		gate_n = (int)(sysconf(_SC_NPROCESSORS_ONLN) / 2);
	gate_n = gate_n < 1 ? 1 : gate_n > GATE_SLOTS ? GATE_SLOTS : gate_n;
	if (strncmp(cfg->listen, "unix:", 5) == 0 && (s = strrchr(cfg->listen, '/')) != NULL &&
	    (size_t)(s - cfg->listen - 5) + 32 < sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s/signin.gate", (int)(s - cfg->listen - 5), cfg->listen + 5);
		fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	} else {
		for (s = cfg->secret_key; *s; s++)
			h = (h ^ (unsigned char)*s) * 16777619u;
		snprintf(name, sizeof(name), "/tms-signin-%08x", h);
		fd = shm_open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	}
	if (fd < 0 || ftruncate(fd, sizeof(struct gate)) != 0 ||
	    ftruncate(fd, sizeof(struct gate)) != 0 ||
	    (gate = mmap(NULL, sizeof(struct gate), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
		log_err("sign-in gate %s: %s: concurrent sign-ins are not bounded", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		gate = NULL;
		return -1;
	}
	close(fd);
	if (__atomic_compare_exchange_n(&gate->state, &zero, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
		pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
		for (i = 0; i < GATE_SLOTS; i++)
			pthread_mutex_init(&gate->m[i], &a);
		pthread_mutexattr_destroy(&a);
		__atomic_store_n(&gate->state, GATE_MAGIC, __ATOMIC_RELEASE);
	}
	for (i = 0; i < 1000 && __atomic_load_n(&gate->state, __ATOMIC_ACQUIRE) != GATE_MAGIC; i++)
		nanosleep(&ms, NULL);
	if (__atomic_load_n(&gate->state, __ATOMIC_ACQUIRE) != GATE_MAGIC) {
		log_err("sign-in gate %s: never set up: concurrent sign-ins are not bounded", name);
		gate = NULL;
		return -1;
	}
	return 0;
}

int
throttle_gate_enter(void)
{
	int i, rc;

	if (gate == NULL)
		return 1;
	for (i = 0; i < gate_n; i++) {
		rc = pthread_mutex_trylock(&gate->m[i]);
		if (rc == EOWNERDEAD) {	/* its worker died holding it */
			pthread_mutex_consistent(&gate->m[i]);
			rc = 0;
		}
		if (rc == 0) {
			gate_held = i;
			return 1;
		}
	}
	return 0;
}

void
throttle_gate_leave(void)
{
	if (gate != NULL && gate_held >= 0)
		pthread_mutex_unlock(&gate->m[gate_held]);
	gate_held = -1;
}
