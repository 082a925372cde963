/* test_sandbox.c: the worker's seccomp filter (cgi/sandbox.c) on the real
 * kernel: each case runs in a child that loads the filter and makes one
 * call; a refused call must kill the child with SIGSYS, a refused lookup
 * must fail with its errno, and what a worker needs must work. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "sandbox.h"
#include "tplcache.h"
#include "tap.h"

static int lfd, other_fd, photos_fd;
static char photos[] = "/tmp/tms-sandbox.XXXXXX";

/* What a child returns: 0 when the call did what it should. */
typedef int (*call_fn)(void);

/* Run fn confined in a child: "exit N" or "signal N". */
static void
run(call_fn fn, char *out, size_t len)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		struct sandbox sb = { lfd, photos_fd, getpid(), sandbox_sanitizers() };
		scmp_filter_ctx f = sandbox_filter(&sb);

		if (f == NULL || seccomp_load(f) != 0)
			_exit(99);
		_exit(fn());	/* never exit(): no atexit handlers under the filter */
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		snprintf(out, len, "fork/wait failed");
	else if (WIFSIGNALED(st))
		snprintf(out, len, "signal %d", WTERMSIG(st));
	else
		snprintf(out, len, "exit %d", WEXITSTATUS(st));
}

static void
expect(const char *what, call_fn fn, const char *want)
{
	char got[64];

	run(fn, got, sizeof(got));
	if (!ok(strcmp(got, want) == 0, "%s: %s", what, want))
		printf("# got: %s\n", got);
}

#define KILLED	"signal 31"	/* SIGSYS */
#define WORKS	"exit 0"

static int c_basic(void)
{
	struct timespec ts;
	char *p = malloc(1 << 22);	/* mmap */
	char *q = malloc(100);		/* brk */
	int fds[2];

	if (p == NULL || q == NULL || clock_gettime(CLOCK_MONOTONIC, &ts) != 0 || getpid() <= 0)
		return 1;
	memset(p, 1, 1 << 22);
	free(p);
	free(q);
	/* the socket the FastCGI answer goes out on: a descriptor already open */
	fds[0] = other_fd;
	if (write(fds[0], "x", 1) != 1)
		return 2;
	return 0;
}
static int c_exec(void)
{
	char *const argv[] = { (char *)"x", NULL };
	execve("/nonexistent/x", argv, argv + 1);
	return 0;
}
static int c_fork(void) { return fork() < 0 ? 1 : 0; }
static int c_open_read(void)
{
	return open("/etc/passwd", O_RDONLY | O_CLOEXEC) < 0 && errno == EACCES ? 0 : 1;
}
static int c_stat_name(void)
{
	struct stat st;
	return stat("/etc/passwd", &st) != 0 && errno == EACCES ? 0 : 1;
}
static int c_fstat(void)
{
	struct stat st;
	return fstat(photos_fd, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : 1;
}
static int c_create_tmp(void)
{
	return open("/tmp/tms-sandbox-create", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600) >= 0;
}
static int c_open_write(void) { return open("/dev/null", O_WRONLY | O_CLOEXEC) >= 0; }
static int c_photo(void)
{
	const int fl = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = openat(photos_fd, ".p.tmp", fl, 0644);

	if (fd < 0 || write(fd, "jpg", 3) != 3 || fsync(fd) != 0)
		return 1;
	close(fd);
	if (linkat(photos_fd, ".p.tmp", photos_fd, "p.jpg", 0) != 0)
		return 2;
	if (linkat(photos_fd, ".p.tmp", photos_fd, "p.jpg", 0) == 0 || errno != EEXIST)
		return 3;	/* a link never replaces a file */
	return unlinkat(photos_fd, ".p.tmp", 0) == 0 ? 0 : 4;
}
static int c_photo_overwrite(void)
{	/* without O_EXCL: would replace a photo */
	return openat(photos_fd, "p.jpg", O_RDWR | O_CREAT | O_CLOEXEC, 0644) >= 0;
}
static int c_photo_rename(void) { return renameat(photos_fd, "p.jpg", photos_fd, "q.jpg"); }
static int c_rmdir(void) { return unlinkat(photos_fd, "d", AT_REMOVEDIR); }
static int c_kill_self(void) { return kill(getpid(), 0); }
static int c_kill_other(void) { return kill(getppid(), 0); }
static int c_kill_all(void) { return kill(-1, 0); }
static int c_unix_socket(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int tcp = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	return fd >= 0 && tcp >= 0 ? 0 : 1;
}
static int c_udp(void)
{	/* DNS: fails cleanly, so a name lookup errs instead of killing */
	return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0) < 0 && errno == EACCES ? 0 : 1;
}
static int c_unix_dgram(void)
{	/* syslog(3): fails cleanly too */
	return socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0) < 0 && errno == EACCES ? 0 : 1;
}
static int c_raw(void) { return socket(AF_INET, SOCK_RAW, 1) >= 0; }
static int c_netlink(void) { return socket(AF_NETLINK, SOCK_RAW, 0) >= 0; }
static int c_bind(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	return bind(fd, (struct sockaddr *)&sa, sizeof(sa.sun_family));
}
static int c_accept_listener(void)
{	/* the pool's socket: nothing waiting, non-blocking */
	return accept4(lfd, NULL, NULL, SOCK_CLOEXEC) < 0 && errno == EAGAIN ? 0 : 1;
}
static int c_accept_other(void) { return accept(other_fd, NULL, NULL); }
static int c_mmap_exec(void)
{
	return mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED;
}
static int c_mprotect_exec(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 1 : mprotect(p, 4096, PROT_READ | PROT_EXEC);
}
static int c_ptrace(void) { return (int)ptrace(PTRACE_TRACEME, 0, NULL, NULL); }
static int c_personality(void) { return personality(0xffffffff) == -1; }
static int c_setrlimit(void)
{
	struct rlimit rl = { 0, 0 };
	return setrlimit(RLIMIT_CORE, &rl);
}
static int c_getrlimit(void)
{
	struct rlimit rl;
	return getrlimit(RLIMIT_NOFILE, &rl);
}
static int c_ioctl(void)
{
	struct termios t;
	return ioctl(photos_fd, TCGETS, &t) != 0 && errno == ENOTTY ? 0 : 1;
}
static int c_chmod(void) { return fchmod(photos_fd, 0777); }
static int c_templates(void)
{	/* preloaded: served from memory; a name not preloaded opens nothing */
	const char *t = tplcache_get("/nonexistent", "layout.cs");
	if (t == NULL || strstr(t, "<") == NULL)
		return 1;
	return tplcache_get("/etc", "passwd") == NULL && errno == ENOENT ? 0 : 2;
}

int
main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *src = getenv("TMS_SRCDIR");
	char dir[1024], err[256], path[1100];
	int sp[2];
	struct stat st;

	if (mkdtemp(photos) == NULL || (photos_fd = open(photos, O_RDONLY | O_DIRECTORY)) < 0)
		return 1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/l.sock", photos);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 4) != 0)
		return 1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) != 0)
		return 1;
	other_fd = sp[0];
	snprintf(dir, sizeof(dir), "%s/templates", src ? src : ".");
	ok(tplcache_preload(dir, err, sizeof(err)) == 0, "templates preloaded from %s", dir);

	expect("memory, time, writing to an open socket", c_basic, WORKS);
	expect("execve", c_exec, KILLED);
	expect("fork", c_fork, KILLED);
	expect("open for reading fails with EACCES", c_open_read, WORKS);
	expect("stat by name fails with EACCES", c_stat_name, WORKS);
	expect("fstat of an open descriptor", c_fstat, WORKS);
	expect("creating a file outside the photo directory", c_create_tmp, KILLED);
	expect("opening a device for writing", c_open_write, KILLED);
	expect("a photo: new file, link, unlink in the photo directory", c_photo, WORKS);
	snprintf(path, sizeof(path), "%s/p.jpg", photos);
	ok(stat(path, &st) == 0 && st.st_size == 3, "the photo is there");
	expect("opening a photo without O_EXCL", c_photo_overwrite, KILLED);
	expect("rename in the photo directory", c_photo_rename, KILLED);
	expect("removing a directory", c_rmdir, KILLED);
	expect("kill to itself", c_kill_self, WORKS);
	expect("kill to the parent", c_kill_other, KILLED);
	expect("kill to every process", c_kill_all, KILLED);
	expect("unix and TCP stream sockets (libpq)", c_unix_socket, WORKS);
	expect("a UDP socket fails with EACCES", c_udp, WORKS);
	expect("a unix datagram socket fails with EACCES", c_unix_dgram, WORKS);
	expect("a raw socket", c_raw, KILLED);
	expect("a netlink socket", c_netlink, KILLED);
	expect("bind", c_bind, KILLED);
	expect("accept on the pool's socket", c_accept_listener, WORKS);
	expect("accept on another socket", c_accept_other, KILLED);
	expect("executable mmap", c_mmap_exec, KILLED);
	expect("mprotect to executable", c_mprotect_exec, KILLED);
	expect("ptrace", c_ptrace, KILLED);
	expect("personality", c_personality, KILLED);
	expect("setrlimit", c_setrlimit, KILLED);
	expect("getrlimit", c_getrlimit, WORKS);
	expect("ioctl fails with ENOTTY", c_ioctl, WORKS);
	expect("chmod", c_chmod, KILLED);
	expect("templates after confinement", c_templates, WORKS);

	{
		static const struct { const char *ci, *want; } hosts[] = {
			{ "host=/run/pg port=5432 dbname=tms", "" },
			{ "host=127.0.0.1 dbname=tms", "" },
			{ "host=::1 dbname=tms", "" },
			{ "dbname=tms", "" },
			{ "host=db1.city.local dbname=tms", "db1.city.local" },
			{ "host=10.0.0.1,db2 port=5432,5432", "db2" },
			{ "host=db1 hostaddr=10.0.0.1", "" },
			{ "postgresql://db3:5432/tms", "db3" },
		};
		size_t i;

		for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
			char h[64] = "";
			int named = sandbox_named_host(hosts[i].ci, h, sizeof(h));

			ok(named == (hosts[i].want[0] != '\0') && strcmp(h, hosts[i].want) == 0,
			    "database host named in \"%s\": \"%s\"", hosts[i].ci, hosts[i].want);
		}
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/l.sock", photos);
	unlink(path);
	rmdir(photos);
	return done_testing();
}
