/* ldap_auth.h: directory sign-in (auth.ldap): an LDAP simple bind over
 * LDAPS or StartTLS decides the password; an attribute of the entry names
 * the staff member (職員番号), whose account signs in. */
#ifndef TMS_LDAP_AUTH_H
#define TMS_LDAP_AUTH_H
#include <stddef.h>
#include "config.h"

enum ldap_verdict {
	LDAPV_OK,	/* the directory accepted the password; staff_no filled */
	LDAPV_WRONG,	/* wrong password, unknown or ambiguous login */
	LDAPV_DOWN	/* the directory could not be asked: not the user's fault */
};

/* At a worker's start, before its confinement: resolve the directory's
 * host, make the TLS context (CA file), read the service password. -1
 * (logged): directory sign-ins answer "directory down" until a reload. */
int	ldap_auth_prepare(const struct config *);
/* 1 when the directory decides this login's password: auth.ldap is set and
 * the login is not one of auth.ldap.local_logins (break-glass accounts). */
int	ldap_auth_applies(const struct config *, const char *login);
/* Search the login's entry (service bind, or anonymous search without
 * bind_dn), then bind as that entry with pw. An empty password is refused
 * before any bind (an LDAP "unauthenticated bind" would succeed). */
enum ldap_verdict ldap_auth_check(const struct config *, const char *login,
	    const char *pw, char *staff_no, size_t len);

/* The password of a signed-in directory user again (step-up, password
 * change): the entry is found by its 職員番号, then bound with pw. */
enum ldap_verdict ldap_auth_recheck(const struct config *, const char *staff_no,
	    const char *pw);

struct ctx;

/* auth_login's hook. DIR_LOCAL: the login keeps its local password (no
 * auth.ldap, or a break-glass login); else the directory's verdict, with the
 * local login of the staff member (STMT_LDAP_ACCOUNT_LOGIN) in acct on
 * DIR_OK. A directory entry whose 職員番号 has no account is DIR_WRONG. */
enum { DIR_LOCAL = -1, DIR_WRONG = 0, DIR_OK = 1, DIR_DOWN = 2, DIR_DBERR = 3 };
int	ldap_auth_login(struct ctx *, const char *login, const char *pw,
	    char *acct, size_t len);

#endif
