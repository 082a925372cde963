/* sandbox.h: a worker confines itself once it is set up (security.seccomp). */
#ifndef TMS_SANDBOX_H
#define TMS_SANDBOX_H
#include <seccomp.h>
#include <sys/types.h>
#include "config.h"

/* What the filter lets through besides the fixed list (sandbox.c). */
struct sandbox {
	int	listen_fd;	/* accept(2) on this socket only */
	int	photos_fd;	/* directory photos are created in, or -1 */
	pid_t	pid;		/* kill(2) this process only */
	int	sanitizers;	/* let ASan/UBSan write their report file */
};

/* Everything a confined worker can no longer do for itself: read the
 * templates, open the photo directory, load the character-set converters,
 * initialise OpenSSL and the time zone. 0, or -1 with the reason in err. */
int		sandbox_prepare(const struct config *, char *, size_t);
/* Load the filter for listening socket lfd: from then on a forbidden system
 * call kills the process (SIGSYS). 0, or -1 with the reason in err. */
int		sandbox_enter(int, char *, size_t);
/* The filter of sb, built but not loaded (NULL on failure): for the tests. */
scmp_filter_ctx	sandbox_filter(const struct sandbox *);
/* The photo directory opened by sandbox_prepare, or -1. */
int		sandbox_photos_dir(void);
/* Test hook (--enable-test-hooks only; -1 elsewhere): make the system call
 * call names ("exec", "open", "create"), which the filter refuses, and
 * describe the outcome in out if the process survives. */
int		sandbox_test_call(const char *, char *, size_t);
/* 1 with the first host of a libpq conninfo that is a name (copied to the
 * buffer): confined workers cannot look it up when they reconnect. */
int		sandbox_named_host(const char *, char *, size_t);
/* 1 when built with AddressSanitizer. */
int		sandbox_sanitizers(void);

#endif
