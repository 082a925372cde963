/* sandbox.c: a worker's confinement. Once a worker has its sockets, its
 * database connections, its keys and its templates (sandbox_prepare), it
 * loads a seccomp filter (sandbox_enter) that allows only the system calls
 * serving requests needs; any other call kills the process with SIGSYS
 * (SECCOMP_RET_KILL_PROCESS), which the master logs with the request the
 * worker was serving before it starts a replacement.
 *
 * What is allowed, and why:
 * - memory: brk, munmap, mremap, madvise; mmap and mprotect only without
 *   PROT_EXEC (nothing is loaded after start: no new code, ever).
 * - descriptors already open (sockets, the log on stderr): read, write,
 *   readv, writev, close, lseek, fstat (newfstatat with AT_EMPTY_PATH),
 *   fsync, fdatasync; fcntl for the descriptor and status flags only;
 *   ioctl fails with ENOTTY.
 * - FastCGI: accept and accept4 on the pool's listening socket only.
 * - PostgreSQL: libpq reconnects after a failover or a restart (PQreset,
 *   whose options were parsed before confinement: no ~/.pgpass, no passwd
 *   lookup): socket (stream sockets of AF_UNIX, AF_INET, AF_INET6 only),
 *   connect, getsockopt, setsockopt, getsockname, getpeername, sendto,
 *   recvfrom, shutdown, and waiting with poll/ppoll/select/pselect6.
 *   Datagram sockets fail with EACCES (DNS, syslog(3) of a library).
 *   seccomp cannot read the address behind connect's pointer: a subverted
 *   worker may still connect to any stream socket its user can reach.
 *   No name lookups: a database host given by name needs /etc/hosts,
 *   resolv.conf and UDP at every reconnect, which fail here (EACCES, so
 *   libpq says "could not translate host name" and the request gets its
 *   503, but the worker lives); give host as a socket directory or an
 *   address, or add hostaddr= (the master warns at start, see
 *   sandbox_named_host).
 * - time, identity, randomness: clock_gettime, gettimeofday, time,
 *   clock_getres, nanosleep, clock_nanosleep, getpid, gettid, getppid,
 *   get[e]uid, get[e]gid, getrandom (OpenSSL's RNG), uname, sysinfo (qsort),
 *   getrusage, prlimit64 reading only, sched_yield, futex, restart_syscall.
 * - signals: rt_sigaction, rt_sigprocmask, rt_sigpending (the stop request
 *   is polled), rt_sigreturn, sigaltstack; kill and tgkill to itself only
 *   (abort), never another process.
 * - exit, exit_group.
 * - photos (h_photo.c): the one place a worker creates files. seccomp sees
 *   numbers, not path strings, so the rules pin the directory descriptor
 *   opened at start: openat(photos, …, O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|
 *   O_CLOEXEC) (a new file, never an existing one, never read), linkat from
 *   and to that descriptor without flags (linking cannot replace a file) and
 *   unlinkat on it (no AT_REMOVEDIR). A relative name with "../" could still
 *   leave the directory under these rules: at worst it creates a new file
 *   or links/unlinks a file the worker's user may write anyway.
 * - files otherwise: opening for reading (open, openat) and looking names up
 *   (stat, lstat, newfstatat on a name, statx, access, faccessat[2],
 *   readlink[at], statfs) fail with EACCES rather than kill: libraries probe
 *   files (libpq's TLS and Kerberos files on a TCP reconnect, the time
 *   zone, locales) and handle an error, and nothing is read. Opening for
 *   writing or creating anywhere else kills. Whatever else must read a file
 *   does so before sandbox_enter (worker.c: secret, keys, the directory
 *   sign-in's CA and password; sandbox_prepare: templates, iconv, OpenSSL).
 * Everything else kills: execve, execveat, fork, vfork, clone, clone3 (no
 * threads), ptrace, process_vm_*, personality, mount, chmod, chown,
 * rename, other socket families (netlink, packet, …), bind, listen, ….
 * With AddressSanitizer (the test suite's build, never installed) ASan and
 * UBSan write their report to a new file (log_path): that one open
 * (O_WRONLY|O_CREAT|O_TRUNC) is allowed too, and the memory map is cached
 * before confinement (__sanitizer_sandbox_on_notify). The report's frames
 * stay unsymbolised (binary+offset: addr2line), as the binary cannot be read.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"	/* TMS_TEST_HOOKS */
#endif
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <iconv.h>
#include <libpq-fe.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "sandbox.h"
#include "tplcache.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TMS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TMS_ASAN 1
#endif
#ifdef TMS_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

static int photos_fd = -1;
static iconv_t held[2] = { (iconv_t)-1, (iconv_t)-1 };

/* Allowed whatever their arguments. */
static const char *const allow_any[] = {
	"brk", "munmap", "mremap", "madvise",
	"read", "readv", "write", "writev", "close", "lseek", "fstat", "fsync", "fdatasync",
	"connect", "getsockopt", "setsockopt", "getsockname", "getpeername", "sendto",
	"recvfrom", "shutdown",
	"poll", "ppoll", "select", "pselect6",
	"clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep",
	"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid",
	"getrandom", "uname", "sysinfo", "getrusage", "sched_yield", "futex", "restart_syscall",
	"rt_sigaction", "rt_sigprocmask", "rt_sigpending", "rt_sigreturn", "sigaltstack",
	"exit", "exit_group",
};

/* Refused with EACCES: looking at the file system by name. */
static const char *const deny_eacces[] = {
	"stat", "lstat", "statx", "access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"statfs",
};

int
sandbox_sanitizers(void)
{
#ifdef TMS_ASAN
	return 1;
#else
	return 0;
#endif
}

int
sandbox_photos_dir(void)
{
	return photos_fd;
}

/* seccomp_rule_add for a syscall by name; a name this architecture does not
 * have (open on arm64) is skipped. */
static int
rule(scmp_filter_ctx f, uint32_t action, const char *name, unsigned n,
    const struct scmp_arg_cmp *args)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr < 0)
		return 0;
	return seccomp_rule_add_array(f, action, nr, n, args);
}

#define RULE(f, act, name, ...) \
	rule(f, act, name, \
	    sizeof((struct scmp_arg_cmp[]){ __VA_ARGS__ }) / sizeof(struct scmp_arg_cmp), \
	    (struct scmp_arg_cmp[]){ __VA_ARGS__ })

scmp_filter_ctx
sandbox_filter(const struct sandbox *sb)
{
	static const int fcntl_ok[] = { F_GETFD, F_SETFD, F_GETFL, F_SETFL };
	static const int families[] = { AF_UNIX, AF_INET, AF_INET6 };
	const uint32_t eacces = SCMP_ACT_ERRNO(EACCES);
	const scmp_datum_t rdonly_mask = O_ACCMODE | O_CREAT | O_TRUNC;
	scmp_filter_ctx f;
	size_t i;
	int rc = 0;

	if ((f = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL)
		return NULL;
	rc |= seccomp_attr_set(f, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	/* a binary tree over the syscall numbers: a few comparisons per call */
	(void)seccomp_attr_set(f, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (i = 0; i < sizeof(allow_any) / sizeof(allow_any[0]); i++)
		rc |= rule(f, SCMP_ACT_ALLOW, allow_any[i], 0, NULL);
	for (i = 0; i < sizeof(deny_eacces) / sizeof(deny_eacces[0]); i++)
		rc |= rule(f, eacces, deny_eacces[i], 0, NULL);
	rc |= rule(f, SCMP_ACT_ERRNO(ENOTTY), "ioctl", 0, NULL);

	/* no executable memory */
	rc |= RULE(f, SCMP_ACT_ALLOW, "mmap", SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	rc |= RULE(f, SCMP_ACT_ALLOW, "mprotect", SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* signals to itself only (abort) */
	rc |= RULE(f, SCMP_ACT_ALLOW, "kill", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sb->pid));
	rc |= RULE(f, SCMP_ACT_ALLOW, "tgkill", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sb->pid));
	/* limits: read, never set */
	rc |= rule(f, SCMP_ACT_ALLOW, "getrlimit", 0, NULL);
	rc |= RULE(f, SCMP_ACT_ALLOW, "prlimit64", SCMP_A2(SCMP_CMP_EQ, 0));
	for (i = 0; i < sizeof(fcntl_ok) / sizeof(fcntl_ok[0]); i++)
		rc |= RULE(f, SCMP_ACT_ALLOW, "fcntl", SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)fcntl_ok[i]));
	/* FastCGI requests come from the pool's socket only */
	rc |= RULE(f, SCMP_ACT_ALLOW, "accept", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sb->listen_fd));
	rc |= RULE(f, SCMP_ACT_ALLOW, "accept4", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sb->listen_fd));
	/* libpq reconnecting: stream sockets of three families */
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		rc |= RULE(f, SCMP_ACT_ALLOW, "socket", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)families[i]),
		    SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_STREAM));
	/* datagrams fail cleanly: a name lookup (DNS over UDP) gives "could
	 * not translate host name", syslog(3) (libsasl's) drops its line */
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		rc |= RULE(f, eacces, "socket", SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)families[i]),
		    SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_DGRAM));
	/* fstat is newfstatat(fd, "", AT_EMPTY_PATH); by name: EACCES */
	rc |= RULE(f, SCMP_ACT_ALLOW, "newfstatat",
	    SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, AT_EMPTY_PATH));
	rc |= RULE(f, eacces, "newfstatat", SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, 0));
	/* opening for reading: EACCES; for writing: kills (default) */
	rc |= RULE(f, eacces, "open", SCMP_A1(SCMP_CMP_MASKED_EQ, rdonly_mask, O_RDONLY));
	rc |= RULE(f, eacces, "openat", SCMP_A2(SCMP_CMP_MASKED_EQ, rdonly_mask, O_RDONLY));
	if (sb->photos_fd >= 0) {
		scmp_datum_t d = (scmp_datum_t)sb->photos_fd;

		rc |= RULE(f, SCMP_ACT_ALLOW, "openat", SCMP_A0(SCMP_CMP_EQ, d),
		    SCMP_A2(SCMP_CMP_EQ, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC));
		rc |= RULE(f, SCMP_ACT_ALLOW, "linkat", SCMP_A0(SCMP_CMP_EQ, d),
		    SCMP_A2(SCMP_CMP_EQ, d), SCMP_A4(SCMP_CMP_EQ, 0));
		rc |= RULE(f, SCMP_ACT_ALLOW, "unlinkat", SCMP_A0(SCMP_CMP_EQ, d),
		    SCMP_A2(SCMP_CMP_EQ, 0));
	}
	if (sb->sanitizers) {	/* the sanitizer's report file (log_path.PID) */
		const scmp_datum_t mask = 0xffffffffu & ~(scmp_datum_t)O_CLOEXEC;

		rc |= RULE(f, SCMP_ACT_ALLOW, "open",
		    SCMP_A1(SCMP_CMP_MASKED_EQ, mask, O_WRONLY | O_CREAT | O_TRUNC));
		rc |= RULE(f, SCMP_ACT_ALLOW, "openat",
		    SCMP_A2(SCMP_CMP_MASKED_EQ, mask, O_WRONLY | O_CREAT | O_TRUNC));
	}
	if (rc != 0) {
		seccomp_release(f);
		return NULL;
	}
	return f;
}

int
sandbox_prepare(const struct config *cfg, char *err, size_t errlen)
{
	unsigned char b;

	/* the time zone is read once, here (localtime_r does not re-read it) */
	tzset();
	/* OpenSSL reads its configuration file on first use */
	if (OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, NULL) != 1 || RAND_bytes(&b, 1) != 1) {
		snprintf(err, errlen, "OpenSSL could not be initialised");
		return -1;
	}
	/* iconv loads a converter module (dlopen) on first use; holding one
	 * converter each way keeps the CP932 module loaded (csv.c, import.c) */
	if (held[0] == (iconv_t)-1)
		held[0] = iconv_open("UTF-8", "CP932");
	if (held[1] == (iconv_t)-1)
		held[1] = iconv_open("CP932", "UTF-8");
	if (held[0] == (iconv_t)-1 || held[1] == (iconv_t)-1)
		log_err("iconv: no CP932 converter (%s): CP932 imports and exports will fail",
		    strerror(errno));
	if (tplcache_preload(cfg->templates, err, errlen) != 0)
		return -1;
	if (cfg->photos && photos_fd < 0 &&
	    (photos_fd = open(cfg->photos, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		log_err("paths.photos %s: %s: photo uploads will fail", cfg->photos, strerror(errno));
#ifdef TMS_ASAN
	__sanitizer_sandbox_on_notify(NULL);	/* caches /proc/self/maps */
#endif
	return 0;
}

int
sandbox_enter(int lfd, char *err, size_t errlen)
{
	struct sandbox sb = { lfd, photos_fd, getpid(), sandbox_sanitizers() };
	scmp_filter_ctx f = sandbox_filter(&sb);
	int rc;

	if (f == NULL) {
		snprintf(err, errlen, "seccomp: cannot build the filter");
		return -1;
	}
	if ((rc = seccomp_load(f)) != 0) {
		snprintf(err, errlen, "seccomp: cannot load the filter: %s", strerror(-rc));
		seccomp_release(f);
		return -1;
	}
	seccomp_release(f);
	return 0;
}

/*
 * exec: execve of a program that does not exist: a confined worker is
 * killed (SIGSYS) before the kernel looks at the path; an unconfined one
 * gets ENOENT. open: /etc/passwd for reading: EACCES when confined.
 * create: a new file in /tmp: kills a confined worker. Unconfined, each
 * call is harmless (the file is removed at once).
 */
int
sandbox_test_call(const char *call, char *out, size_t outlen)
{
#ifdef TMS_TEST_HOOKS
	char path[64];
	int fd = -1;

	errno = 0;
	if (strcmp(call, "open") == 0)
		fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	else if (strcmp(call, "create") == 0) {
		snprintf(path, sizeof(path), "/tmp/tms-forbidden.%d", (int)getpid());
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0)
			unlink(path);
	} else {
		char *const argv[] = { (char *)"tms-forbidden", NULL };
		char *const envp[] = { NULL };

		call = "exec";
		execve("/nonexistent/tms-forbidden", argv, envp);
	}
	snprintf(out, outlen, "%s: %s\n", call, fd >= 0 ? "ok" : strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
#else
	(void)call;
	(void)out;
	(void)outlen;
	return -1;
#endif
}

/* The first database host of conninfo given by name (not a socket
 * directory, not an address, no hostaddr=) into host: 1, else 0. A confined
 * worker cannot look it up again when it reconnects. */
int
sandbox_named_host(const char *conninfo, char *host, size_t len)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL), *o;
	const char *h = NULL, *ha = NULL;
	unsigned char a[16];
	char one[256];
	int named = 0;

	if (opts == NULL)
		return 0;
	for (o = opts; o->keyword; o++) {
		if (strcmp(o->keyword, "host") == 0)
			h = o->val;
		else if (strcmp(o->keyword, "hostaddr") == 0)
			ha = o->val;
	}
	while (h && *h && (ha == NULL || *ha == '\0')) {
		size_t n = strcspn(h, ",");

		snprintf(one, sizeof(one), "%.*s", (int)n, h);
		if (one[0] != '/' && one[0] != '@' && one[0] != '\0' &&
		    inet_pton(AF_INET, one, a) != 1 && inet_pton(AF_INET6, one, a) != 1) {
			snprintf(host, len, "%s", one);
			named = 1;
			break;
		}
		h += n + (h[n] == ',');
	}
	PQconninfoFree(opts);
	return named;
}
