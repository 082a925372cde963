/* config.h: the YAML configuration of the worker pool and tmsctl. */
#ifndef TMS_CONFIG_H
#define TMS_CONFIG_H
#include <stddef.h>

struct config {
	char	*listen;		/* unix:/path or tcp:HOST:PORT */
	char	*listen_allow;		/* tcp: only: "ADDR,ADDR" of the nginx hosts (IPv4) */
	int	 socket_mode;		/* octal permissions of a unix socket */
	char	*socket_group;		/* group of a unix socket (nginx) */
	char	*user;			/* user to run workers as when started by root */
	int	 workers;
	int	 max_requests;		/* recycle a worker after this many */
	int	 drain_seconds;		/* SIGTERM: wait this long for busy workers */
	char	*db_rw;			/* libpq conninfo, read-write (primary) */
	char	*db_ro;			/* libpq conninfo, read-only (may be a standby) */
	char	*db_owner;		/* libpq conninfo of the schema owner (tmsctl) */
	int	 statement_timeout_ms;
	char	*templates;		/* directory of .cs templates */
	char	*secret_key;		/* file with >= 32 random bytes (HMAC key) */
	char	*audit_key;		/* the audit chain's HMAC key (cgi/auditchain.c) */
	char	*city;			/* the city's name: tmsctl purge --confirm asks for it */
	int	 ret_preview_days;	/* retention (cgi/retention.c) */
	int	 ret_file_days;
	int	 ret_audit_years;
	char	*policy;		/* field visibility policy (YAML) */
	char	*photos;		/* directory of staff photos (served via nginx) */
	char	*survey;		/* wishes survey questions (YAML) */
	char	*wish_keys;		/* key file for confidential answers (0600) */
	char	*mail_command;		/* reminder mail program: run with the address */
	int	 session_idle_minutes;
	int	 session_absolute_minutes;
	int	 pbkdf2_iterations;
	int	 login_free_failures;		/* per (address, login) before a delay */
	int	 login_account_free_failures;	/* per login, all addresses */
	int	 login_max_delay_seconds;	/* the longest delay (<= 60) */
	int	 login_forget_minutes;		/* failures older are forgotten */
	int	 login_concurrent_signins;	/* 0: half the CPUs (cgi/throttle.c gate) */
	char	*ldap_uri;		/* auth.ldap: NULL = local passwords only */
	int	 ldap_starttls;
	char	*ldap_ca_file;
	char	*ldap_base_dn;
	char	*ldap_bind_dn;		/* service bind for the search (NULL: anonymous search) */
	char	*ldap_bind_password_file;
	char	*ldap_login_attribute;	/* NULL: uid */
	char	*ldap_staff_no_attribute;	/* NULL: employeeNumber */
	int	 ldap_timeout_ms;
	char	*ldap_local_logins;	/* logins that keep local passwords (break-glass) */
	int	 max_body;		/* bytes, urlencoded bodies */
	int	 max_upload;		/* bytes, multipart bodies (photos) */
	int	 request_seconds;	/* the master kills a worker serving one request longer */
	int	 bench_noop;		/* 1: serve /_noop (benchmarks only) */
	int	 seccomp;		/* 1 (default): workers confined (cgi/sandbox.c) */
	int	 cache_enabled;		/* 1 (default): per-worker result cache (lib/qcache.c) */
	int	 totp_roles;		/* roles that must use TOTP: mask of enum role bits
					 * (general 1, hr 2, admin 4); default none */
	int	 activation_days;	/* an activation or reset code expires after this */
	int	 password_min_length;	/* characters (code points) */
	char	*service_url;		/* address printed on notices (else https://Host/) */
	char	*common_passwords;	/* list a password must not be in (one a line) */
	char	*path;			/* file the config came from */
};

/* Returns 0, or -1 with "FILE:LINE: problem" in err. */
int	config_load(const char *, struct config *, char *, size_t);
void	config_free(struct config *);

#endif
