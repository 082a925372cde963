/* main.c: tms-worker master process. Opens the listening socket itself
 * (unix with explicit mode and group, or TCP), drops root, forks the worker
 * pool and supervises it: respawns crashed workers, replaces recycled ones,
 * reloads on SIGHUP (new generation first, then the old one is told to stop,
 * while the master keeps the socket open so no queued request is lost) and
 * drains on SIGTERM. Each worker has a slot in memory shared with the master
 * (worker.h): a dead worker is logged with the request it was serving and
 * replaced at once (SIGCHLD), a worker serving one request for longer than
 * limits.request_seconds is killed, and when a worker cannot be started
 * (fork fails, table full, workers dying at start) the master retries with
 * a back-off while it goes on reaping and answering signals. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "config.h"
#include "log.h"
#include "metrics.h"
#include "policy.h"
#include "sandbox.h"
#include "seal.h"
#include "worker.h"
#include "ac-config.h"	/* HAVE_LIBSYSTEMD */
#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>	/* readiness: etc/systemd/tms-pool@.service */
#else
#define sd_notify(unset_env, state)	0
#endif

#define MAX_CHILDREN	1024
#define BACKOFF_MIN_MS	100
#define BACKOFF_MAX_MS	5000

static struct child {
	pid_t		pid;
	unsigned	gen;
	int		stopping;
	int		watchdog;	/* killed for running too long */
} children[MAX_CHILDREN];
static struct wslot *slots;	/* slots[i] belongs to children[i] (shared) */

/* Starting workers: when one cannot be started, or new ones keep dying
 * before they finish a request, wait this long before the next attempt. */
static long long respawn_at;	/* worker_now_ms() */
static long backoff_ms;
static int early_deaths;	/* in a row: died before finishing a request */
static int old_running;		/* a reload waits for its generation to be complete */
static int base_nice;		/* the workers' priority; the master's is higher */
#define NO_NICE	100
static pid_t gone[64];		/* workers of this generation that died or left, */
static size_t ngone;		/* named in the log line of their replacement */

static struct config cfg;
static struct policy policy;
static struct survey survey;	/* wishes questions (paths.survey) */
static int have_survey;
static unsigned generation = 1;
static char sock_path[108];
static ino_t sock_ino;	/* unlink at exit only the socket we created */

static int
open_unix(const char *path)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "socket path too long: %s\n", path);
		return -1;
	}
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			fprintf(stderr, "%s exists and is not a socket\n", path);
			return -1;
		}
		unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		fprintf(stderr, "bind %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (chmod(path, (mode_t)cfg.socket_mode) != 0) {
		fprintf(stderr, "chmod %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (cfg.socket_group) {
		struct group *g = getgrnam(cfg.socket_group);
		if (g == NULL || chown(path, (uid_t)-1, g->gr_gid) != 0) {
			fprintf(stderr, "chgrp %s %s failed\n", cfg.socket_group, path);
			return -1;
		}
	}
	snprintf(sock_path, sizeof(sock_path), "%s", path);
	if (lstat(path, &st) == 0)
		sock_ino = st.st_ino;
	return fd;
}

static int
open_tcp(const char *hostport)
{
	char host[256], *colon;
	struct addrinfo hints, *ai;
	int fd, one = 1;

	snprintf(host, sizeof(host), "%s", hostport);
	if ((colon = strrchr(host, ':')) == NULL) {
		fprintf(stderr, "listen: tcp:HOST:PORT expected\n");
		return -1;
	}
	*colon = '\0';
	if (host[0] == '[' && colon > host + 1 && colon[-1] == ']') {	/* tcp:[::1]:9000 */
		colon[-1] = '\0';
		memmove(host, host + 1, strlen(host));
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(host, colon + 1, &hints, &ai) != 0) {
		fprintf(stderr, "listen: cannot resolve %s\n", hostport);
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		fprintf(stderr, "bind %s: %s\n", hostport, strerror(errno));
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static int
open_listener(void)
{
	struct timeval tv = { 0, 500000 };
	int fd;

	if (strncmp(cfg.listen, "unix:", 5) == 0)
		fd = open_unix(cfg.listen + 5);
	else if (strncmp(cfg.listen, "tcp:", 4) == 0)
		fd = open_tcp(cfg.listen + 4);
	else {
		fprintf(stderr, "%s: listen must start with unix: or tcp:\n", cfg.path);
		return -1;
	}
	if (fd < 0)
		return -1;
	if (cfg.listen_allow && (strncmp(cfg.listen, "tcp:", 4) != 0 ||
	    cfg.listen_allow[strspn(cfg.listen_allow, "0123456789.,")] != '\0')) {
		fprintf(stderr, "%s: listen_allow: IPv4 addresses separated by commas, "
		    "with listen: tcp: only\n", cfg.path);
		return -1;
	}
	if (listen(fd, 1024) != 0) {
		fprintf(stderr, "listen: %s\n", strerror(errno));
		return -1;
	}
	/* Idle workers wake up twice a second to notice a stop request. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int
drop_root(void)
{
	struct passwd *pw;

	if (getuid() != 0 || cfg.user == NULL)
		return 0;
	if ((pw = getpwnam(cfg.user)) == NULL) {
		fprintf(stderr, "user %s does not exist\n", cfg.user);
		return -1;
	}
	if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		fprintf(stderr, "cannot drop privileges to %s\n", cfg.user);
		return -1;
	}
	return 0;
}

/* Next attempt to start workers in backoff_ms (doubling up to a maximum). */
static void
back_off(const char *why)
{
	backoff_ms = backoff_ms ? backoff_ms * 2 : BACKOFF_MIN_MS;
	if (backoff_ms > BACKOFF_MAX_MS)
		backoff_ms = BACKOFF_MAX_MS;
	respawn_at = worker_now_ms() + backoff_ms;
	log_err("%s; next attempt to start workers in %ld ms", why, backoff_ms);
}

/* 0, or -1 when no worker could be started (the caller backs off). */
static int
spawn(int lfd, unsigned gen)
{
	size_t i;
	pid_t pid;

	for (i = 0; i < MAX_CHILDREN && children[i].pid; i++)
		;
	if (i == MAX_CHILDREN) {
		back_off("cannot start a worker: the child table is full");
		return -1;
	}
	memset(&slots[i], 0, sizeof(slots[i]));
	pid = fork();
	if (pid < 0) {
		char why[160];
		snprintf(why, sizeof(why), "cannot start a worker: fork: %s", strerror(errno));
		back_off(why);
		return -1;
	}
	if (pid == 0) {
		sigset_t set;
		signal(SIGHUP, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		signal(SIGCHLD, SIG_DFL);
		if (base_nice != NO_NICE)
			(void)setpriority(PRIO_PROCESS, 0, base_nice);
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_SETMASK, &set, NULL);	/* SIGTERM polled, never delivered */
		/* libfcgi closes connections from other addresses (FCGX_Init) */
		if (cfg.listen_allow)
			setenv("FCGI_WEB_SERVER_ADDRS", cfg.listen_allow, 1);
		else
			unsetenv("FCGI_WEB_SERVER_ADDRS");
		metrics_slot = (int)i;
		worker_main(&cfg, &policy, have_survey ? &survey : NULL, lfd, gen, &slots[i]);
	}
	children[i].pid = pid;
	children[i].gen = gen;
	children[i].stopping = 0;
	children[i].watchdog = 0;
	metrics_worker_started(ngone > 0 && gen == generation);
	if (ngone > 0 && gen == generation)
		log_info("worker %d started, replacing %d", (int)pid, (int)gone[--ngone]);
	return 0;
}

static int
count_gen(unsigned gen)
{
	size_t i;
	int n = 0;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i].pid && children[i].gen == gen && !children[i].stopping)
			n++;
	return n;
}

static int
count_all(void)
{
	size_t i;
	int n = 0;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i].pid)
			n++;
	return n;
}

/* Start workers until the current generation is complete, unless backing off. */
static void
spawn_missing(int lfd)
{
	if (worker_now_ms() < respawn_at)
		return;
	while (count_gen(generation) < cfg.workers)
		if (spawn(lfd, generation) != 0)
			return;
}

static void
signal_gen(int sig, int (*match)(const struct child *))
{
	size_t i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i].pid && match(&children[i])) {
			kill(children[i].pid, sig);
			children[i].stopping = 1;
		}
}

static int
is_old(const struct child *ch)
{
	return ch->gen != generation;
}

static int
is_any(const struct child *ch)
{
	(void)ch;
	return 1;
}

/* After a reload, the old generation stops once the new one is complete
 * (until then it goes on serving: e.g. while fork fails). */
static void
stop_old(void)
{
	if (old_running && count_gen(generation) >= cfg.workers) {
		signal_gen(SIGTERM, is_old);
		old_running = 0;
	}
}

/* What a worker was doing, from its slot: "while serving GET /x uid=3
 * (for 12 ms)" or "between requests". */
static void
slot_describe(const struct wslot *w, char *out, size_t len)
{
	long long t = __atomic_load_n(&w->started, __ATOMIC_ACQUIRE);

	if (t == 0)
		snprintf(out, len, "between requests (%lu served)",
		    __atomic_load_n(&w->served, __ATOMIC_ACQUIRE));
	else
		snprintf(out, len, "while serving %.8s %.232s uid=%ld (for %lld ms)",
		    w->method, w->path, __atomic_load_n(&w->uid, __ATOMIC_ACQUIRE),
		    worker_now_ms() - t);
}

static void
reap(int stopping)
{
	pid_t pid;
	int st;
	size_t i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		int failed = WIFSIGNALED(st) || WEXITSTATUS(st) != 0;
		char what[320];

		for (i = 0; i < MAX_CHILDREN; i++)
			if (children[i].pid == pid)
				break;
		if (i == MAX_CHILDREN)
			continue;
		slot_describe(&slots[i], what, sizeof(what));
		/* a worker told to stop leaves with status 0: a signal death is
		 * always worth a line, old generation or not (it may have been
		 * serving its last request) */
		if (WIFSIGNALED(st))
			log_err("worker %d killed by signal %d (%s)%s %s", (int)pid, WTERMSIG(st),
			    strsignal(WTERMSIG(st)), children[i].watchdog ? " by the watchdog" : "", what);
		else if (failed && !children[i].stopping && !stopping)
			log_err("worker %d exited with status %d %s", (int)pid, WEXITSTATUS(st), what);
		/* Workers that keep dying before they finish a single request
		 * (a bad key file, a crash at start): start them more slowly. */
		if (!stopping && !children[i].stopping) {
			if (failed && slots[i].served == 0) {
				if (++early_deaths >= 3)
					back_off("workers keep dying before they finish a request");
			} else
				early_deaths = 0;
		}
		if (!failed || slots[i].served > 0)
			backoff_ms = 0;	/* a worker that worked: start again at once */
		if (!stopping && !children[i].stopping && children[i].gen == generation &&
		    ngone < sizeof(gone) / sizeof(gone[0]))
			gone[ngone++] = pid;
		metrics_worker_exit((int)i, WIFSIGNALED(st) || (failed && !children[i].stopping && !stopping));
		children[i].pid = 0;
	}
}

/* Kill a worker whose one request has run for longer than the limit. */
static void
watchdog(void)
{
	long long now = worker_now_ms(), limit = (long long)cfg.request_seconds * 1000;
	size_t i;

	for (i = 0; i < MAX_CHILDREN; i++) {
		long long t;
		char what[320];

		if (children[i].pid == 0 || children[i].watchdog)
			continue;
		t = __atomic_load_n(&slots[i].started, __ATOMIC_ACQUIRE);
		if (t == 0 || now - t <= limit)
			continue;
		slot_describe(&slots[i], what, sizeof(what));
		log_err("watchdog: worker %d over the limit of %d s %s: killing it",
		    (int)children[i].pid, cfg.request_seconds, what);
		children[i].watchdog = 1;
		kill(children[i].pid, SIGKILL);
	}
}

/* Whether workers run under the seccomp filter (cgi/sandbox.c). */
static void
log_confinement(void)
{
	char host[256];

	if (cfg.seccomp)
		log_info("workers confined: seccomp filter (security.seccomp: true%s)",
		    sandbox_sanitizers() ? ", with what the sanitizers need" : "");
	else
		log_err("workers NOT confined: security.seccomp is false");
	if (cfg.seccomp && (sandbox_named_host(cfg.db_rw, host, sizeof(host)) ||
	    sandbox_named_host(cfg.db_ro, host, sizeof(host))))
		log_err("database host %s is a name: a confined worker cannot look it up when it "
		    "reconnects (give an address, a socket directory or hostaddr=)", host);
}

static void
reload(int lfd)
{
	struct config next;
	char err[512];
	unsigned old = generation;
	int confinement_changed = 0;

	struct policy np;
	struct survey ns;

	if (config_load(cfg.path, &next, err, sizeof(err)) != 0) {
		log_err("reload refused, keeping the running configuration: %s", err);
		return;
	}
	if (policy_load(next.policy, &np, err, sizeof(err)) != 0) {
		log_err("reload refused, keeping the running policy: %s", err);
		config_free(&next);
		return;
	}
	if (next.survey && survey_load(next.survey, &ns, err, sizeof(err)) != 0) {
		log_err("reload refused, keeping the running survey: %s", err);
		config_free(&next);
		return;
	}
	policy = np;
	if (next.survey)
		survey = ns;
	have_survey = next.survey != NULL;
	if (strcmp(next.listen, cfg.listen) != 0)
		log_err("reload: 'listen' changed; restart to apply it");
	{
		char *keep = next.listen;
		next.listen = cfg.listen;
		cfg.listen = keep;
	}
	if (next.seccomp != cfg.seccomp)
		confinement_changed = 1;
	config_free(&cfg);
	cfg = next;
	if (confinement_changed)
		log_confinement();
	generation++;
	respawn_at = 0;
	ngone = 0;
	old_running = 1;
	spawn_missing(lfd);
	log_info("reload: generation %u started (%d of %d workers), generation %u stopping%s",
	    generation, count_gen(generation), cfg.workers, old,
	    count_gen(generation) < cfg.workers ? " once the new one is complete" : "");
	stop_old();
}

static void
drain(void)
{
	time_t deadline = time(NULL) + cfg.drain_seconds;
	sigset_t set;
	struct timespec ts = { 0, 100000000 };

	signal_gen(SIGTERM, is_any);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	while (count_all() > 0 && time(NULL) < deadline) {
		sigtimedwait(&set, NULL, &ts);
		reap(1);
	}
	if (count_all() > 0) {
		log_err("drain timeout: killing %d workers", count_all());
		signal_gen(SIGKILL, is_any);
		while (waitpid(-1, NULL, 0) > 0)
			;
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: tms-worker -c CONFIG [-l LOGFILE] [-p PIDFILE] [-t]\n"
	    "  -t  check the configuration and exit\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char *conf = NULL, *logfile = NULL, *pidfile = NULL;
	char err[512];
	sigset_t set;
	int ch, lfd, test_only = 0;

	while ((ch = getopt(argc, argv, "c:l:p:t")) != -1) {
		switch (ch) {
		case 'c': conf = optarg; break;
		case 'l': logfile = optarg; break;
		case 'p': pidfile = optarg; break;
		case 't': test_only = 1; break;
		default: usage();
		}
	}
	if (conf == NULL)
		usage();
	if (config_load(conf, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (policy_load(cfg.policy, &policy, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (cfg.survey && survey_load(cfg.survey, &survey, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	have_survey = cfg.survey != NULL;
	if (test_only && cfg.wish_keys) {	/* workers read it after dropping root */
		struct keyring kr;
		if (keyring_load(cfg.wish_keys, &kr, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		keyring_wipe(&kr);
	}
	if (test_only) {
		printf("%s: ok\n", conf);
		return 0;
	}
	if (logfile) {
		int fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
		if (fd < 0) {
			fprintf(stderr, "%s: %s\n", logfile, strerror(errno));
			return 1;
		}
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	log_set_tag("tms-master");
	if ((lfd = open_listener()) < 0)
		return 1;
	if (pidfile) {
		FILE *fp = fopen(pidfile, "w");
		if (fp == NULL) {
			fprintf(stderr, "%s: %s\n", pidfile, strerror(errno));
			return 1;
		}
		fprintf(fp, "%d\n", (int)getpid());
		fclose(fp);
	}
	/* The master runs before its workers (and the database and nginx
	 * they keep busy): a dead worker is replaced at once even on a loaded
	 * machine. Only root may raise a priority; the workers get the
	 * original one back. */
	errno = 0;
	base_nice = getpriority(PRIO_PROCESS, 0);
	if (errno != 0 || setpriority(PRIO_PROCESS, 0, base_nice - 5) != 0)
		base_nice = NO_NICE;
	if (drop_root() != 0)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	slots = mmap(NULL, MAX_CHILDREN * sizeof(*slots), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED) {
		log_err("cannot map the worker slots: %s", strerror(errno));
		return 1;
	}
	if (metrics_map() != 0)	/* /metrics: counters shared by the pool */
		return 1;
	metrics_gather(&cfg);
	log_info("listening on %s, %d workers, recycle after %d requests",
	    cfg.listen, cfg.workers, cfg.max_requests);
	log_confinement();
	spawn_missing(lfd);	/* the first workers; then systemd hears we are ready */
	(void)sd_notify(0, "READY=1");
	for (;;) {
		struct timespec ts = { 1, 0 };
		long long wait;
		int sig;

		/* reap first: a dead worker's place is free before we spawn */
		reap(0);
		spawn_missing(lfd);
		stop_old();
		watchdog();
		metrics_gather(&cfg);	/* disk, backup stamp: every 10 s */
		if (count_gen(generation) < cfg.workers &&
		    (wait = respawn_at - worker_now_ms()) < 1000) {
			wait = wait < 1 ? 1 : wait;
			ts.tv_sec = 0;
			ts.tv_nsec = (long)wait * 1000000;
		}
		sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGHUP)
			reload(lfd);
		else if (sig == SIGTERM || sig == SIGINT) {
			log_info("stopping: draining %d workers", count_all());
			drain();
			if (sock_path[0]) {
				struct stat st;
				if (lstat(sock_path, &st) == 0 && st.st_ino == sock_ino)
					unlink(sock_path);
			}
			if (pidfile)
				unlink(pidfile);
			log_info("stopped");
			return 0;
		}
	}
}
