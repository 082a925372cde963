/* metrics.c: the counters behind /metrics (metrics.h) and their text.
 * The region is one struct mapped MAP_SHARED | MAP_ANONYMOUS by the master
 * before it forks, so every worker of the pool adds to the same counters
 * with relaxed atomics (no system call: fine under seccomp). Scraping reads
 * them without locks: each value is one aligned 64-bit word. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include "log.h"
#include "metrics.h"

static const int statuses[] = { 200, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405,
	409, 413, 414, 422, 429, 500, 502, 503, 504 };
#define NSTATUS	(sizeof(statuses) / sizeof(statuses[0]) + 1)	/* + other */
static const double buckets[] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
#define NBUCKET	(sizeof(buckets) / sizeof(buckets[0]) + 1)	/* + +Inf */

typedef unsigned long long u64;

struct metrics {
	u64	requests[METRICS_ROUTES][NSTATUS];	/* last row: no route */
	u64	latency[NBUCKET];	/* not cumulative here; summed when shown */
	u64	latency_us;
	u64	db_errors[2];		/* rw, ro: requests that saw one */
	u64	restarts;		/* workers started in place of dead ones */
	u64	deaths;			/* workers killed or failed */
	long long	gathered;	/* master: time of the last gathering */
	long long	backup_time;	/* last good backup (epoch s), 0: no stamp */
	u64	disk_size, disk_avail, disk_used;	/* data directory's file system */
	int	disk_known;
	unsigned char	db_state[METRICS_SLOTS][2];	/* 0 no worker, 1 up, 2 down */
};

static struct metrics *m;
int metrics_slot = -1;

int
metrics_map(void)
{
	void *p = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		log_err("cannot map the metrics: %s", strerror(errno));
		return -1;
	}
	m = p;
	return 0;
}

/* The data directory: the one that holds the photos (var/ on the stack,
 * /var/lib/tms in the package). The backup job writes the file
 * backup-last-good there after each good backup (its mtime counts). */
static void
data_dir(const struct config *cfg, char *out, size_t len)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", cfg->photos ? cfg->photos : ".");
	snprintf(out, len, "%s", dirname(tmp));
}

void
metrics_gather(const struct config *cfg)
{
	struct statvfs vfs;
	struct stat st;
	char dir[2048], stamp[2100];
	long long now = (long long)time(NULL);

	if (m == NULL || now - m->gathered < 10)
		return;
	m->gathered = now;
	data_dir(cfg, dir, sizeof(dir));
	if (statvfs(dir, &vfs) == 0) {
		m->disk_size = (u64)vfs.f_blocks * vfs.f_frsize;
		m->disk_avail = (u64)vfs.f_bavail * vfs.f_frsize;
		m->disk_used = (u64)(vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize;
		m->disk_known = 1;
	}
	snprintf(stamp, sizeof(stamp), "%s/backup-last-good", dir);
	m->backup_time = stat(stamp, &st) == 0 ? (long long)st.st_mtime : 0;
}

void
metrics_worker_started(int replacing)
{
	if (m && replacing)
		__atomic_add_fetch(&m->restarts, 1, __ATOMIC_RELAXED);
}

void
metrics_worker_exit(int slot, int failed)
{
	if (m == NULL)
		return;
	if (failed)
		__atomic_add_fetch(&m->deaths, 1, __ATOMIC_RELAXED);
	if (slot >= 0 && slot < METRICS_SLOTS)
		m->db_state[slot][0] = m->db_state[slot][1] = 0;
}

void
metrics_request(int route, int status, long long us)
{
	size_t s, b;
	double sec = (double)us / 1e6;

	if (m == NULL)
		return;
	if (route < 0 || route >= METRICS_ROUTES - 1)
		route = METRICS_ROUTES - 1;
	for (s = 0; s < NSTATUS - 1 && statuses[s] != status; s++)
		;
	for (b = 0; b < NBUCKET - 1 && sec > buckets[b]; b++)
		;
	__atomic_add_fetch(&m->requests[route][s], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&m->latency[b], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&m->latency_us, (u64)(us < 0 ? 0 : us), __ATOMIC_RELAXED);
}

void
metrics_db(int rw_ok, int ro_ok, int err_rw, int err_ro)
{
	if (m == NULL)
		return;
	if (err_rw)
		__atomic_add_fetch(&m->db_errors[0], 1, __ATOMIC_RELAXED);
	if (err_ro)
		__atomic_add_fetch(&m->db_errors[1], 1, __ATOMIC_RELAXED);
	if (metrics_slot >= 0 && metrics_slot < METRICS_SLOTS) {
		m->db_state[metrics_slot][0] = rw_ok ? 1 : 2;
		m->db_state[metrics_slot][1] = ro_ok ? 1 : 2;
	}
}

static u64
get(const u64 *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Label values: route patterns and pool names hold no quote, backslash or
 * newline, but escape them anyway as the format asks. */
static void
label(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

/* pool name: the socket's file name without ".sock" and "pool-" */
static void
pool_name(const struct config *cfg, char *out, size_t len)
{
	const char *p = cfg->listen ? strrchr(cfg->listen, '/') : NULL;
	size_t n;

	p = p ? p + 1 : cfg->listen ? cfg->listen : "";
	if (strncmp(p, "pool-", 5) == 0)
		p += 5;
	n = strcspn(p, ".");
	snprintf(out, len, "%.*s", (int)n, p);
}

void
metrics_render(struct buf *b, const struct config *cfg, size_t nroutes,
    const char *(*route)(size_t, const char **))
{
	char pool[64];
	size_t i, s;
	u64 cum = 0, total = 0;
	int up[2] = { 0, 0 }, down[2] = { 0, 0 };
	long long now = (long long)time(NULL);

	if (m == NULL) {
		buf_puts(b, "# metrics not mapped\n");
		return;
	}
	pool_name(cfg, pool, sizeof(pool));
	buf_puts(b, "# HELP tms_requests_total Requests answered by the workers, by route pattern and status.\n"
	    "# TYPE tms_requests_total counter\n");
	for (i = 0; i < METRICS_ROUTES; i++) {
		const char *method = "", *pat;
		if (i == METRICS_ROUTES - 1)
			pat = "none";
		else if (i < nroutes && i < METRICS_ROUTES - 1)
			pat = route(i, &method);
		else
			continue;
		for (s = 0; s < NSTATUS; s++) {
			u64 v = get(&m->requests[i][s]);
			if (v == 0)
				continue;
			buf_printf(b, "tms_requests_total{pool=\"");
			label(b, pool);
			buf_puts(b, "\",method=\"");
			label(b, method);
			buf_puts(b, "\",route=\"");
			label(b, pat);
			if (s < NSTATUS - 1)
				buf_printf(b, "\",status=\"%d\"} %llu\n", statuses[s], v);
			else
				buf_printf(b, "\",status=\"other\"} %llu\n", v);
		}
	}
	buf_puts(b, "# HELP tms_request_duration_seconds Time from the request's start to its answer.\n"
	    "# TYPE tms_request_duration_seconds histogram\n");
	for (i = 0; i < NBUCKET; i++) {
		cum += get(&m->latency[i]);
		if (i < NBUCKET - 1)
			buf_printf(b, "tms_request_duration_seconds_bucket{pool=\"%s\",le=\"%g\"} %llu\n",
			    pool, buckets[i], cum);
		else
			buf_printf(b, "tms_request_duration_seconds_bucket{pool=\"%s\",le=\"+Inf\"} %llu\n",
			    pool, cum);
	}
	total = cum;
	buf_printf(b, "tms_request_duration_seconds_sum{pool=\"%s\"} %.6f\n", pool,
	    (double)get(&m->latency_us) / 1e6);
	buf_printf(b, "tms_request_duration_seconds_count{pool=\"%s\"} %llu\n", pool, total);
	buf_printf(b, "# HELP tms_worker_restarts_total Workers started in place of ones that died.\n"
	    "# TYPE tms_worker_restarts_total counter\n"
	    "tms_worker_restarts_total{pool=\"%s\"} %llu\n", pool, get(&m->restarts));
	buf_printf(b, "# HELP tms_worker_deaths_total Workers killed by a signal or failed.\n"
	    "# TYPE tms_worker_deaths_total counter\n"
	    "tms_worker_deaths_total{pool=\"%s\"} %llu\n", pool, get(&m->deaths));
	buf_printf(b, "# HELP tms_db_errors_total Requests that met a database error, by connection.\n"
	    "# TYPE tms_db_errors_total counter\n"
	    "tms_db_errors_total{pool=\"%s\",db=\"rw\"} %llu\n"
	    "tms_db_errors_total{pool=\"%s\",db=\"ro\"} %llu\n",
	    pool, get(&m->db_errors[0]), pool, get(&m->db_errors[1]));
	for (i = 0; i < METRICS_SLOTS; i++)
		for (s = 0; s < 2; s++) {
			unsigned char v = __atomic_load_n(&m->db_state[i][s], __ATOMIC_RELAXED);
			up[s] += v == 1;
			down[s] += v == 2;
		}
	buf_printf(b, "# HELP tms_db_connections Workers' database connections after their last request, by state.\n"
	    "# TYPE tms_db_connections gauge\n"
	    "tms_db_connections{pool=\"%s\",db=\"rw\",state=\"up\"} %d\n"
	    "tms_db_connections{pool=\"%s\",db=\"rw\",state=\"down\"} %d\n"
	    "tms_db_connections{pool=\"%s\",db=\"ro\",state=\"up\"} %d\n"
	    "tms_db_connections{pool=\"%s\",db=\"ro\",state=\"down\"} %d\n",
	    pool, up[0], pool, down[0], pool, up[1], pool, down[1]);
	if (m->backup_time > 0)
		buf_printf(b, "# HELP tms_backup_age_seconds Age of the last good backup (backup-last-good).\n"
		    "# TYPE tms_backup_age_seconds gauge\n"
		    "tms_backup_age_seconds{pool=\"%s\"} %lld\n", pool, now - m->backup_time);
	if (m->disk_known)
		buf_printf(b, "# HELP tms_data_disk_bytes The data directory's file system.\n"
		    "# TYPE tms_data_disk_bytes gauge\n"
		    "tms_data_disk_bytes{pool=\"%s\",kind=\"size\"} %llu\n"
		    "tms_data_disk_bytes{pool=\"%s\",kind=\"used\"} %llu\n"
		    "tms_data_disk_bytes{pool=\"%s\",kind=\"avail\"} %llu\n",
		    pool, m->disk_size, pool, m->disk_used, pool, m->disk_avail);
}
