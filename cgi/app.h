/* app.h: the per-request context shared by the dispatcher and the handlers. */
#ifndef TMS_APP_H
#define TMS_APP_H
#include <ClearSilver.h>
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
	struct kvlist	 query;
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

/* page.c: shared output helpers */
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

/* audit.c */
void	audit(struct ctx *, const char *, long, const char *, const char *, const char *);

/* dispatch.c */
void	dispatch(struct ctx *);
void	menu_fill(struct ctx *);

#endif
