/* throttle.h: sign-in delays per (address, login) and per login, which never
 * refuse a correct password for longer than login.max_delay_seconds (<= 60). */
#ifndef TMS_THROTTLE_H
#define TMS_THROTTLE_H
#include <stddef.h>

struct ctx;

/* Seconds to wait after n failures when the first free ones cost nothing:
 * 0 while n <= free, then 1, 2, 4, ... capped at cap. */
int	throttle_delay(int n, int free_, int cap);

/* Before any password is checked. Takes the login's lock for the request
 * (its sign-ins run one at a time). 0: go on; 429: a delay is running, msg
 * says how many seconds are left (no password was checked); -1: database. */
int	throttle_check(struct ctx *, const char *login, char *msg, size_t msglen);
/* A wrong password (or an unknown login) from this address: count it for
 * (address, login) and for the login. 0 or -1. */
int	throttle_fail(struct ctx *, const char *login);
/* The right password from this address: its failures and the login's are
 * forgotten (another address's stay). 0 or -1. */
int	throttle_ok(struct ctx *, const char *login);
/* The audit trail of a sign-in: result "ok" or "denied", why (NULL, or
 * "password", "delay", "directory"...), the staff member if known. */
void	throttle_audit(struct ctx *, const char *login, long staff,
	    const char *result, const char *why);

/* The sign-in gate (password checks at a time over all pools,
 * login.concurrent_signins, default half the CPUs): init at a worker's
 * start, before its confinement; enter before a sign-in (0: every slot is
 * taken, answer "busy" at once), leave after. */
struct config;
int	throttle_gate_init(const struct config *);
int	throttle_gate_enter(void);
void	throttle_gate_leave(void);

#endif
