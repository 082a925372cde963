/* ldap_auth.c: directory sign-in through Debian's libldap. One connection
 * per sign-in (they are rare next to page views): TLS first (ldaps:// or
 * StartTLS, certificate checked against auth.ldap.ca_file), a service bind
 * to find the login's entry, then a simple bind as that entry with the
 * password typed. Every failure to reach or use the directory is
 * LDAPV_DOWN, which the caller shows as such and never counts as a wrong
 * password. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>
#include <ldap.h>
#include <openldap.h>	/* ldap_init_fd */
#include <openssl/crypto.h>
#include "app.h"
#include "ldap_auth.h"
#include "log.h"
#include "stmts.h"

/* Is login one of the comma- or space-separated names of list? */
static int
in_list(const char *list, const char *login)
{
	size_t n, len = strlen(login);

	while (list && *list) {
		list += strspn(list, " ,");
		n = strcspn(list, " ,");
		if (n == len && n > 0 && strncmp(list, login, n) == 0)
			return 1;
		list += n;
	}
	return 0;
}

int
ldap_auth_applies(const struct config *cfg, const char *login)
{
	return cfg->ldap_uri != NULL && !in_list(cfg->ldap_local_logins, login);
}

/* The service password: the file's first line. 0 or -1. */
static int
read_secret(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		log_err("ldap: %s: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0) {
		log_err("ldap: %s: empty or unreadable", path);
		return -1;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf[0] ? 0 : -1;
}

static int
simple_bind(LDAP *ld, const char *dn, const char *pw)
{
	struct berval cred;

	cred.bv_val = (char *)pw;
	cred.bv_len = strlen(pw);
	return ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
}

/* What a confined worker can no longer do itself (cgi/sandbox.c: no file
 * opened, no name looked up), done once at its start: the directory's
 * addresses, the TLS context with the CA, the service password. */
static struct {
	struct sockaddr_storage	 addr[4];
	socklen_t		 alen[4];
	int			 naddr;		/* 0: directory sign-in fails (logged at start) */
	int			 ldaps;
	char			 secret[256];
} dir;

int
ldap_auth_prepare(const struct config *cfg)
{
	LDAPURLDesc *lud = NULL;
	struct addrinfo hints, *res = NULL, *ai;
	char port[8];
	int demand = LDAP_OPT_X_TLS_DEMAND, zero = 0, rc;

	OPENSSL_cleanse(&dir, sizeof(dir));
	if (cfg->ldap_uri == NULL)
		return 0;
	if (ldap_url_parse(cfg->ldap_uri, &lud) != LDAP_URL_SUCCESS || lud->lud_host == NULL ||
	    lud->lud_host[0] == '\0') {
		log_err("ldap: %s: not an LDAP URL with a host", cfg->ldap_uri);
		if (lud)
			ldap_free_urldesc(lud);
		return -1;
	}
	dir.ldaps = strcasecmp(lud->lud_scheme, "ldaps") == 0;
	snprintf(port, sizeof(port), "%d", lud->lud_port ? lud->lud_port : dir.ldaps ? 636 : 389);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(lud->lud_host, port, &hints, &res)) != 0) {
		log_err("ldap: %s: %s (directory sign-in fails until the next reload)",
		    lud->lud_host, gai_strerror(rc));
		ldap_free_urldesc(lud);
		return -1;
	}
	ldap_free_urldesc(lud);
	for (ai = res; ai != NULL && dir.naddr < 4; ai = ai->ai_next) {
		memcpy(&dir.addr[dir.naddr], ai->ai_addr, ai->ai_addrlen);
		dir.alen[dir.naddr++] = ai->ai_addrlen;
	}
	freeaddrinfo(res);
	/* one TLS context for every connection (each LDAP handle inherits
	 * the global one), certificate required and checked against the CA */
	if (ldap_set_option(NULL, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand) != LDAP_OPT_SUCCESS ||
	    (cfg->ldap_ca_file != NULL &&
	     ldap_set_option(NULL, LDAP_OPT_X_TLS_CACERTFILE, cfg->ldap_ca_file) != LDAP_OPT_SUCCESS) ||
	    ldap_set_option(NULL, LDAP_OPT_X_TLS_NEWCTX, &zero) != LDAP_OPT_SUCCESS) {
		log_err("ldap: cannot make the TLS context (ca_file %s)",
		    cfg->ldap_ca_file ? cfg->ldap_ca_file : "(system default)");
		dir.naddr = 0;
		return -1;
	}
	if (cfg->ldap_bind_dn != NULL &&
	    read_secret(cfg->ldap_bind_password_file, dir.secret, sizeof(dir.secret)) != 0) {
		dir.naddr = 0;
		return -1;
	}
	return 0;
}

/* A TCP connection to the directory within timeout_ms, or -1. */
static int
dial(int timeout_ms)
{
	int i;

	for (i = 0; i < dir.naddr; i++) {
		int fd = socket(dir.addr[i].ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0), fl, err = 0;
		socklen_t el = sizeof(err);
		struct pollfd pf;

		if (fd < 0)
			continue;
		fl = fcntl(fd, F_GETFL);
		(void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
		if (connect(fd, (struct sockaddr *)&dir.addr[i], dir.alen[i]) != 0) {
			pf.fd = fd;
			pf.events = POLLOUT;
			if (errno != EINPROGRESS || poll(&pf, 1, timeout_ms) != 1 ||
			    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err != 0) {
				close(fd);
				continue;
			}
		}
		(void)fcntl(fd, F_SETFL, fl);
		return fd;
	}
	return -1;
}

static LDAP *
connect_dir(const struct config *cfg)
{
	LDAP *ld = NULL;
	int v3 = LDAP_VERSION3, fd, rc;
	struct timeval tv;

	tv.tv_sec = cfg->ldap_timeout_ms / 1000;
	tv.tv_usec = (cfg->ldap_timeout_ms % 1000) * 1000;
	if ((fd = dial(cfg->ldap_timeout_ms)) < 0) {
		log_err("ldap: cannot connect to %s", cfg->ldap_uri);
		return NULL;
	}
	/* the URL names the host the certificate must be for */
	if ((rc = ldap_init_fd(fd, LDAP_PROTO_TCP, cfg->ldap_uri, &ld)) != LDAP_SUCCESS) {
		log_err("ldap: %s: %s", cfg->ldap_uri, ldap_err2string(rc));
		close(fd);
		return NULL;
	}
	if (ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &v3) != LDAP_OPT_SUCCESS ||
	    ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv) != LDAP_OPT_SUCCESS ||
	    ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv) != LDAP_OPT_SUCCESS ||
	    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) != LDAP_OPT_SUCCESS) {
		log_err("ldap: could not set the connection options");
		ldap_unbind_ext_s(ld, NULL, NULL);
		return NULL;
	}
	rc = dir.ldaps ? ldap_install_tls(ld) :
	    cfg->ldap_starttls ? ldap_start_tls_s(ld, NULL, NULL) : LDAP_SUCCESS;
	if (rc != LDAP_SUCCESS) {
		log_err("ldap: TLS with %s: %s", cfg->ldap_uri, ldap_err2string(rc));
		ldap_unbind_ext_s(ld, NULL, NULL);
		return NULL;
	}
	return ld;
}

static const char *
login_attr(const struct config *cfg)
{
	return cfg->ldap_login_attribute ? cfg->ldap_login_attribute : "uid";
}

static const char *
staff_no_attr(const struct config *cfg)
{
	return cfg->ldap_staff_no_attribute ? cfg->ldap_staff_no_attribute : "employeeNumber";
}

/* The DN and the staff number of the one entry whose attribute lattr is
 * login (the sign-in name, or the staff number for a re-check). */
static enum ldap_verdict
find_entry(const struct config *cfg, LDAP *ld, const char *lattr, const char *login,
    char **dn, char *staff_no, size_t len)
{
	const char *sattr = staff_no_attr(cfg);
	char *attrs[2] = { (char *)sattr, NULL }, *esc = NULL, *filter;
	struct berval bv, out, **vals;
	struct timeval tv;
	LDAPMessage *res = NULL, *e;
	enum ldap_verdict v = LDAPV_WRONG;
	int rc;

	bv.bv_val = (char *)login;
	bv.bv_len = strlen(login);
	if (ldap_bv2escaped_filter_value(&bv, &out) != 0)
		return LDAPV_DOWN;
	esc = out.bv_val;
	if (asprintf(&filter, "(%s=%s)", lattr, esc) < 0)
		abort();
	ldap_memfree(esc);
	tv.tv_sec = cfg->ldap_timeout_ms / 1000;
	tv.tv_usec = (cfg->ldap_timeout_ms % 1000) * 1000;
	rc = ldap_search_ext_s(ld, cfg->ldap_base_dn, LDAP_SCOPE_SUBTREE, filter, attrs, 0,
	    NULL, NULL, &tv, 2, &res);
	free(filter);
	if (rc == LDAP_SIZELIMIT_EXCEEDED)
		log_info("ldap: login matches more than one entry");
	else if (rc != LDAP_SUCCESS) {
		log_err("ldap: search under %s: %s", cfg->ldap_base_dn, ldap_err2string(rc));
		v = LDAPV_DOWN;
	} else if (ldap_count_entries(ld, res) != 1)
		log_info("ldap: no entry for the login");
	else if ((e = ldap_first_entry(ld, res)) != NULL &&
	    (vals = ldap_get_values_len(ld, e, sattr)) != NULL) {
		if (vals[0] != NULL && vals[0]->bv_len > 0 && vals[0]->bv_len < len &&
		    (*dn = ldap_get_dn(ld, e)) != NULL) {
			memcpy(staff_no, vals[0]->bv_val, vals[0]->bv_len);
			staff_no[vals[0]->bv_len] = '\0';
			v = LDAPV_OK;
		} else
			log_info("ldap: entry has no usable %s", sattr);
		ldap_value_free_len(vals);
	} else
		log_info("ldap: entry has no %s", sattr);
	ldap_msgfree(res);
	return v;
}

static enum ldap_verdict
check_by(const struct config *cfg, const char *lattr, const char *login, const char *pw,
    char *staff_no, size_t len)
{
	char *dn = NULL;
	enum ldap_verdict v;
	LDAP *ld;
	int rc;

	staff_no[0] = '\0';
	if (pw == NULL || *pw == '\0' || *login == '\0')
		return LDAPV_WRONG;	/* never an unauthenticated bind */
	if ((ld = connect_dir(cfg)) == NULL)
		return LDAPV_DOWN;
	if (cfg->ldap_bind_dn != NULL) {
		if ((rc = simple_bind(ld, cfg->ldap_bind_dn, dir.secret)) != LDAP_SUCCESS) {
			log_err("ldap: service bind as %s: %s", cfg->ldap_bind_dn, ldap_err2string(rc));
			ldap_unbind_ext_s(ld, NULL, NULL);
			return LDAPV_DOWN;
		}
	}
	v = find_entry(cfg, ld, lattr, login, &dn, staff_no, len);
	if (v == LDAPV_OK) {
		rc = simple_bind(ld, dn, pw);
		if (rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_INAPPROPRIATE_AUTH ||
		    rc == LDAP_UNWILLING_TO_PERFORM) {
			log_info("ldap: bind refused: %s", ldap_err2string(rc));
			v = LDAPV_WRONG;
		} else if (rc != LDAP_SUCCESS) {
			log_err("ldap: bind: %s", ldap_err2string(rc));
			v = LDAPV_DOWN;
		}
		ldap_memfree(dn);
	}
	if (v != LDAPV_OK)
		staff_no[0] = '\0';
	ldap_unbind_ext_s(ld, NULL, NULL);
	return v;
}

enum ldap_verdict
ldap_auth_check(const struct config *cfg, const char *login, const char *pw,
    char *staff_no, size_t len)
{
	return check_by(cfg, login_attr(cfg), login, pw, staff_no, len);
}

enum ldap_verdict
ldap_auth_recheck(const struct config *cfg, const char *staff_no, const char *pw)
{
	char found[64];
	enum ldap_verdict v;

	v = check_by(cfg, staff_no_attr(cfg), staff_no, pw, found, sizeof(found));
	return v == LDAPV_OK && strcmp(found, staff_no) != 0 ? LDAPV_WRONG : v;
}

int
ldap_auth_login(struct ctx *c, const char *login, const char *pw, char *acct,
    size_t len)
{
	char staff_no[64];
	const char *p[1] = { staff_no };
	enum ldap_verdict v;
	PGresult *r;
	int rc = DIR_WRONG;

	if (!ldap_auth_applies(c->app->cfg, login))
		return DIR_LOCAL;
	v = ldap_auth_check(c->app->cfg, login, pw, staff_no, sizeof(staff_no));
	if (v != LDAPV_OK)
		return v == LDAPV_DOWN ? DIR_DOWN : DIR_WRONG;
	if ((r = db_exec(&c->app->rw, STMT_LDAP_ACCOUNT_LOGIN, p)) == NULL)
		return DIR_DBERR;
	if (PQntuples(r) == 1 && strlen(PQgetvalue(r, 0, 0)) < len) {
		snprintf(acct, len, "%s", PQgetvalue(r, 0, 0));
		rc = DIR_OK;
	} else
		log_info("ldap: the directory's staff number has no account");
	PQclear(r);
	return rc;
}
