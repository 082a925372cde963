/* app.h: the per-request context shared by the dispatcher and the handlers. */
#ifndef TMS_APP_H
#define TMS_APP_H
#include <time.h>
#include <ClearSilver.h>
#include "arena.h"
#include "buf.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "policy.h"
#include "qcache.h"
#include "req.h"
#include "route.h"
#include "seal.h"
#include "survey.h"

enum role { ROLE_GENERAL = 1, ROLE_HR = 2, ROLE_ADMIN = 4 };

struct account {
	long	 id;		/* 0: anonymous */
	char	 login[64];
	char	 name[128];
	int	 role;		/* one of enum role */
	long	 staff_id;	/* 0: account not linked to a staff record */
	unsigned roles;		/* policy role mask (ROLEBIT(PR_*)) */
	char	 stage[10];	/* session sign-in stage: ok, password, totp, enrol */
};

struct app {
	const struct config	*cfg;
	const struct policy	*policy;
	struct db		 rw;	/* primary: all writes, sessions */
	struct db		 ro;	/* may be a standby: idempotent reads */
	struct qcache		 qc;	/* read results by data version */
	unsigned char		 secret[64];
	size_t			 secretlen;
	const struct survey	*survey;	/* wishes questions (NULL: none) */
	struct keyring		 keys;		/* wishes key ring (n == 0: none) */
};

struct ctx {
	struct app	*app;
	const char	*method;
	const char	*path;
	const char	*remote_addr;
	const char	*user_agent;	/* "" when absent */
	const char	*host;		/* the request's Host ("" when absent) */
	time_t		 now;		/* test clock (X-Tms-Test-Now), 0: the real one */
	struct arena	 arena;		/* the request's: freed once, after the answer */
	struct kvlist	 query;		/* query, form and cookies live in it */
	struct kvlist	 form;
	struct kvlist	 cookies;
	char		 caps[ROUTE_MAXCAP][ROUTE_CAPLEN];
	struct account	 me;
	long long	 dver;		/* data version (GET with a session), else 0 */
	char		 sid[TOKEN_HEX_LEN + 1];	/* session token, if any */
	char		 csrf[SHA256_HEX_LEN + 1];	/* token forms must echo */
	HDF		*hdf;
	struct resp	 resp;
};

/* Handlers return an HTTP status; the dispatcher renders error pages. */
typedef int (*handler_fn)(struct ctx *);

/* page.c: shared output helpers; page_part_register adds a filler of what
 * the layout shows besides the page (called at the worker's start) */
typedef void (*page_part_fn)(struct ctx *);
void	page_part_register(page_part_fn);
int	page_render(struct ctx *, const char *, const char *);
int	page_error(struct ctx *, int, const char *);
int	page_redirect(struct ctx *, const char *);
void	page_options(struct ctx *, int, const char *const *, const char *, int);
PGresult *db_cached(struct ctx *, int, const char *const *);
const char *page_db_why(struct ctx *, const char *);
const char *role_name(int);
const char *role_label(int);
int	role_parse(const char *);

/* auth.c: sessions, CSRF and login throttling */
int	auth_load_session(struct ctx *);
void	auth_set_csrf(struct ctx *);
int	auth_check_csrf(struct ctx *);
int	auth_login(struct ctx *, const char *, const char *, char *, size_t);
void	auth_logout(struct ctx *);
const char *auth_next_stage(struct ctx *, long);
const char *auth_stage_path(const char *);
const char *auth_stage_done(struct ctx *);
time_t	req_now(const struct ctx *);
/* the signed-in user's password again (step-up, password change): 1 right,
 * 0 wrong, -1 the directory or the database could not be asked */
int	auth_recheck(struct ctx *, const char *pw, const char *pwhash);
int	auth_password_is_directory(const struct ctx *);

/* h_totp.c: step-up for bulk exports and account changes. auth_fresh: the
 * session's last password + second-factor check is under 10 minutes old;
 * else `return auth_stepup(c);` sends the user to /account/verify and back
 * (a POST back to its form's page: the path without its last segment).
 * totp_reset: another account's second factor off (audited); 0 or -1. */
int	auth_fresh(struct ctx *);
int	auth_stepup(struct ctx *);
int	totp_reset(struct ctx *, long);

/* audit.c */
void	audit(struct ctx *, const char *, long, const char *, const char *, const char *);

/* dispatch.c */
void	dispatch(struct ctx *);
void	menu_fill(struct ctx *);

#endif
