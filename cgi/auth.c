/* auth.c: server-side sessions, CSRF tokens and password login with
 * throttling per account and per address. Session tokens are 256-bit random
 * values; only their SHA-256 is stored. CSRF tokens are HMAC-SHA256 of the
 * session token (or of a pre-session cookie on the login form) under the
 * server secret, so they need no storage and die with the session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "accounts.h"
#include "app.h"
#include "log.h"
#include "ldap_auth.h"
#include "staff.h"
#include "stmts.h"
#include "throttle.h"

#define SID_COOKIE	"__Host-tms_sid"
#define PRE_COOKIE	"__Host-tms_pre"

static int
is_token(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != TOKEN_HEX_LEN)
		return 0;
	for (i = 0; i < TOKEN_HEX_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Returns 0 (session loaded or none), -1 on a database failure. */
int
auth_load_session(struct ctx *c)
{
	const char *tok = kv_get(&c->cookies, SID_COOKIE);
	char hash[SHA256_HEX_LEN + 1], idle[16], abs_[16], today[11];
	const char *p[4] = { hash, idle, abs_, today };
	PGresult *r;

	memset(&c->me, 0, sizeof(c->me));
	c->sid[0] = '\0';
	if (!is_token(tok))
		return 0;
	crypto_sha256_hex(tok, strlen(tok), hash);
	snprintf(idle, sizeof(idle), "%d", c->app->cfg->session_idle_minutes);
	snprintf(abs_, sizeof(abs_), "%d", c->app->cfg->session_absolute_minutes);
	staff_today(today);
	if ((r = db_exec(&c->app->rw, STMT_SESSION_TOUCH, p)) == NULL)
		return -1;
	if (PQntuples(r) == 1) {
		c->me.id = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		snprintf(c->me.login, sizeof(c->me.login), "%s", PQgetvalue(r, 0, 1));
		snprintf(c->me.name, sizeof(c->me.name), "%s", PQgetvalue(r, 0, 2));
		c->me.role = role_parse(PQgetvalue(r, 0, 3));
		c->me.staff_id = strtol(PQgetvalue(r, 0, 4), NULL, 10);
		/* Cached reads for GET only: a request that writes must read
		 * what it wrote, not what it read before. */
		if (strcmp(c->method, "GET") == 0 || strcmp(c->method, "HEAD") == 0)
			c->dver = strtoll(PQgetvalue(r, 0, 5), NULL, 10);
		c->me.roles = ROLEBIT(PR_GENERAL) |
		    (c->me.role == ROLE_HR ? ROLEBIT(PR_HR) : 0) |
		    (c->me.role == ROLE_ADMIN ? ROLEBIT(PR_ADMIN) : 0);
		snprintf(c->me.stage, sizeof(c->me.stage), "%s", PQgetvalue(r, 0, 6));
		snprintf(c->sid, sizeof(c->sid), "%s", tok);
	}
	PQclear(r);
	return 0;
}

/* The stage a session of account id starts in after its password (and, if
 * enrolled, its TOTP code): 'password' while a new password must be set,
 * 'enrol' when the role needs a second factor that is not set up, else
 * 'ok'. NULL on a database failure. */
const char *
auth_next_stage(struct ctx *c, long id)
{
	char idbuf[24];
	const char *p[1] = { idbuf };
	const char *st = "ok";
	PGresult *r;

	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	if ((r = db_exec(&c->app->rw, STMT_ACCT_STAGE_INFO, p)) == NULL)
		return NULL;
	if (PQntuples(r) != 1)
		st = NULL;
	else if (strcmp(PQgetvalue(r, 0, 0), "t") == 0)
		st = "password";
	else if ((role_parse(PQgetvalue(r, 0, 2)) & c->app->cfg->totp_roles) &&
	    strcmp(PQgetvalue(r, 0, 1), "t") != 0)
		st = "enrol";
	PQclear(r);
	return st;
}

/* The page of a stage ("/" for 'ok'). */
const char *
auth_stage_path(const char *stage)
{
	if (strcmp(stage, "password") == 0)
		return "/account/password";
	if (strcmp(stage, "totp") == 0)
		return "/login/totp";
	if (strcmp(stage, "enrol") == 0)
		return "/account/totp";
	return "/";
}

/* The current session finished its stage: store the next one and return
 * its page ("/" once 'ok'); NULL on a database failure. */
const char *
auth_stage_done(struct ctx *c)
{
	char hash[SHA256_HEX_LEN + 1];
	const char *st, *p[2] = { hash, NULL };

	if (c->sid[0] == '\0' || (st = auth_next_stage(c, c->me.id)) == NULL)
		return NULL;
	crypto_sha256_hex(c->sid, strlen(c->sid), hash);
	p[1] = st;
	if (db_command(&c->app->rw, STMT_SESSION_STAGE_SET, p) != 0)
		return NULL;
	snprintf(c->me.stage, sizeof(c->me.stage), "%s", st);
	return auth_stage_path(st);
}

static void
csrf_for(struct ctx *c, const char *kind, const char *tok)
{
	char msg[TOKEN_HEX_LEN + 8];

	snprintf(msg, sizeof(msg), "%s:%s", kind, tok);
	crypto_hmac_hex(c->app->secret, c->app->secretlen, msg, strlen(msg), c->csrf);
	OPENSSL_cleanse(msg, sizeof(msg));
}

/* Compute the CSRF token forms must carry; anonymous visitors get a
 * pre-session cookie so that the login form is protected too. */
void
auth_set_csrf(struct ctx *c)
{
	const char *pre;
	char fresh[TOKEN_HEX_LEN + 1];

	if (c->sid[0]) {
		csrf_for(c, "s", c->sid);
		return;
	}
	pre = kv_get(&c->cookies, PRE_COOKIE);
	if (!is_token(pre)) {
		if (crypto_token(fresh) != 0) {
			c->csrf[0] = '\0';
			return;
		}
		resp_cookie(&c->resp, PRE_COOKIE, fresh, 0, COOKIE_SESSION);
		pre = fresh;
	}
	csrf_for(c, "p", pre);
	OPENSSL_cleanse(fresh, sizeof(fresh));
}

int
auth_check_csrf(struct ctx *c)
{
	const char *sent = kv_get(&c->form, "csrf");

	if (sent == NULL || c->csrf[0] == '\0')
		return 0;
	/* The anonymous form token is only valid when the pre cookie came back. */
	if (c->sid[0] == '\0' && !is_token(kv_get(&c->cookies, PRE_COOKIE)))
		return 0;
	return crypto_equal(sent, c->csrf);
}

static void
dummy_verify(const struct config *cfg, const char *pw)
{
	static char dummy[PW_HASH_MAX];

	if (dummy[0] == '\0' && password_hash("dummy", (unsigned)cfg->pbkdf2_iterations, dummy) != 0)
		return;
	(void)password_verify(pw, dummy);
}

/* Logins are stored lower-case (the account.login CHECK); staff numbers are
 * printed upper-case (D0002): a login is compared case-insensitively by
 * folding what was typed. */
static void
login_fold(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] - 'A' + 'a') : in[i];
	out[i] = '\0';
}

enum cred { CRED_NONE, CRED_CODE, CRED_REFUSED, CRED_DBERR };

/* Is pw a one-time code (activation or reset) of account id? A valid one is
 * used up here (only when the person is in service: a refused sign-in
 * leaves the code usable). CRED_REFUSED (used or expired) sets msg. */
static enum cred
code_check(struct ctx *c, long id, int serving, const char *pw, char *msg,
    size_t msglen)
{
	char norm[ACCT_CODE_LEN + 1], hash[SHA256_HEX_LEN + 1], idbuf[24], now[24];
	const char *p[3] = { hash, idbuf, now };
	enum cred cr = CRED_CODE;
	PGresult *r;

	if (acct_code_norm(pw, norm) != 0)
		return CRED_NONE;
	acct_code_hash(c->app->secret, c->app->secretlen, norm, hash);
	OPENSSL_cleanse(norm, sizeof(norm));
	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	snprintf(now, sizeof(now), "%lld", (long long)req_now(c));
	if ((r = db_exec(&c->app->rw, STMT_ACCT_CODE_FIND, p)) == NULL)
		return CRED_DBERR;
	if (PQntuples(r) != 1)
		cr = CRED_NONE;
	else if (strcmp(PQgetvalue(r, 0, 1), "t") == 0) {
		snprintf(msg, msglen, "このコードは既に使用されています（%s）。"
		    "パスワードを設定済みの場合は、そのパスワードでログインしてください。"
		    "分からない場合は人事担当に再発行を依頼してください。", PQgetvalue(r, 0, 3));
		cr = CRED_REFUSED;
	} else if (strcmp(PQgetvalue(r, 0, 2), "t") == 0) {
		snprintf(msg, msglen, "このコードは有効期限（%s）を過ぎているため使えません。"
		    "人事担当に再発行を依頼してください。", PQgetvalue(r, 0, 4));
		cr = CRED_REFUSED;
	} else if (serving) {
		const char *q[1] = { PQgetvalue(r, 0, 0) };
		PGresult *u = db_exec(&c->app->rw, STMT_ACCT_CODE_USE, q);
		if (u == NULL)
			cr = CRED_DBERR;
		else if (PQntuples(u) != 1) {	/* used at the same moment */
			snprintf(msg, msglen, "このコードは既に使用されています。");
			cr = CRED_REFUSED;
		}
		PQclear(u);
	}
	PQclear(r);
	return cr;
}

/* Start a session of account id in its first stage: 'totp' when a second
 * factor is enrolled, else auth_next_stage(). Returns 0 or -1. */
static int
session_start(struct ctx *c, long id, int totp)
{
	char hash[SHA256_HEX_LEN + 1], idbuf[24], tok[TOKEN_HEX_LEN + 1];
	const char *stage = totp ? "totp" : auth_next_stage(c, id);
	const char *p[5] = { hash, idbuf, c->remote_addr, stage, c->user_agent ? c->user_agent : "" };

	if (stage == NULL || crypto_token(tok) != 0)
		return -1;
	crypto_sha256_hex(tok, strlen(tok), hash);
	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	if (db_command(&c->app->rw, STMT_SESSION_CREATE, p) != 0 ||
	    db_command(&c->app->rw, STMT_ACCT_LOGGED_IN, p + 1) != 0) {
		OPENSSL_cleanse(tok, sizeof(tok));
		return -1;
	}
	/* A previous session of this browser ends: new token at login. */
	if (c->sid[0]) {
		char old[SHA256_HEX_LEN + 1];
		const char *q[1] = { old };
		crypto_sha256_hex(c->sid, strlen(c->sid), old);
		(void)db_command(&c->app->rw, STMT_SESSION_DELETE, q);
	}
	{	/* housekeeping: sessions past the absolute timeout */
		char abs_[16];
		const char *q[1] = { abs_ };
		snprintf(abs_, sizeof(abs_), "%d", c->app->cfg->session_absolute_minutes);
		(void)db_command(&c->app->rw, STMT_SESSION_PURGE, q);
	}
	resp_cookie(&c->resp, SID_COOKIE, tok, 0, COOKIE_SESSION);
	snprintf(c->sid, sizeof(c->sid), "%s", tok);
	snprintf(c->me.stage, sizeof(c->me.stage), "%s", stage);
	OPENSSL_cleanse(tok, sizeof(tok));
	c->me.id = id;
	return 0;
}

/* Returns 0 on success (session cookie set), else 401, 403, 429 or 503 with
 * a message for the user in msg. The password may be the account's one-time
 * code (activation or reset): the session then starts in stage 'password'. */
int
auth_login(struct ctx *c, const char *login_in, const char *pw, char *msg,
    size_t msglen)
{
	const struct config *cfg = c->app->cfg;
	char login[64], acct[64];
	PGresult *r;
	int ok = 0, serving = 0, totp = 0, rc, dir;
	enum cred cr = CRED_NONE;
	long id = 0, staff = 0;

	login_fold(login_in, login, sizeof(login));
	/* a delay after failures (cgi/throttle.c): answered before any
	 * password is checked; it never lasts more than a minute */
	if ((rc = throttle_check(c, login, msg, msglen)) != 0) {
		if (rc < 0)
			goto dberr;
		throttle_audit(c, login, 0, "denied", "delay");
		return 429;
	}
	/* with auth.ldap the directory decides the password and names the
	 * account (cgi/ldap_auth.c); a directory that is down is no failure */
	snprintf(acct, sizeof(acct), "%s", login);
	if ((dir = ldap_auth_login(c, login, pw, acct, sizeof(acct))) == DIR_DBERR)
		goto dberr;
	if (dir == DIR_DOWN) {
		throttle_audit(c, login, 0, "error", "directory");
		snprintf(msg, msglen, "ディレクトリサーバー（LDAP）に接続できないため、現在ログインできません。"
		    "しばらくしてから再度お試しください（パスワードの誤りとしては数えません）。");
		return 503;
	}
	{
		char today[11];
		const char *p[2] = { acct, today };
		staff_today(today);
		if ((r = db_exec(&c->app->rw, STMT_ACCOUNT_BY_LOGIN, p)) == NULL)
			goto dberr;
	}
	if (PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 5), "f") == 0) {
		id = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		serving = strcmp(PQgetvalue(r, 0, 6), "t") == 0;
		totp = strcmp(PQgetvalue(r, 0, 7), "t") == 0;
		staff = strtol(PQgetvalue(r, 0, 8), NULL, 10);
		c->me.role = role_parse(PQgetvalue(r, 0, 3));
		if (dir != DIR_LOCAL)
			ok = dir == DIR_OK;	/* the directory decided */
		else if ((cr = code_check(c, id, serving, pw, msg, msglen)) == CRED_NONE &&
		    PQgetvalue(r, 0, 4)[0])
			ok = password_verify(pw, PQgetvalue(r, 0, 4));
		else if (cr == CRED_NONE)
			dummy_verify(cfg, pw);	/* not activated: same cost */
		ok = ok || cr == CRED_CODE;
	} else if (dir == DIR_LOCAL)
		dummy_verify(cfg, pw);
	PQclear(r);
	if (cr == CRED_DBERR)
		goto dberr;
	if (ok && !serving) {
		/* the right password of a person not in service today (before
		 * the 採用 date or after the last day of a 退職): no session */
		log_info("login refused: not in service uid=%ld", id);
		throttle_audit(c, login, staff, "denied", "not in service");
		snprintf(msg, msglen, "このアカウントの職員は本日在職していないため、ログインできません。"
		    "人事担当にお問い合わせください。");
		return 403;
	}
	if (!ok) {
		if (throttle_fail(c, login) != 0)
			goto dberr;
		throttle_audit(c, login, staff, "denied", cr == CRED_REFUSED ? "code" : "password");
		log_info("login failed%s", cr == CRED_REFUSED ? " (used or expired code)" : "");
		if (cr != CRED_REFUSED)
			snprintf(msg, msglen, "ログインIDまたはパスワードが正しくありません。");
		return 401;
	}
	if (throttle_ok(c, login) != 0)
		goto dberr;
	if (session_start(c, id, totp) != 0)
		goto dberr;
	c->me.staff_id = staff;
	if (cr == CRED_CODE) {	/* activation (or a reset code): the login is [a-z0-9._-] */
		char d[96];
		snprintf(d, sizeof(d), "{\"login\":\"%s\"}", acct);
		audit(c, "login", staff, "account/activate", d, "ok");
	}
	log_info("login ok uid=%ld%s", id, cr == CRED_CODE ? " (one-time code)" : "");
	throttle_audit(c, login, staff, "ok", dir == DIR_OK ? "directory" : NULL);
	return 0;
dberr:
	snprintf(msg, msglen, "現在ログインできません。しばらくしてから再度お試しください。");
	return 503;
}

/* 1 when the directory (auth.ldap), not tms, holds this user's password. */
int
auth_password_is_directory(const struct ctx *c)
{
	return ldap_auth_applies(c->app->cfg, c->me.login);
}

/* pwhash: the account's local hash ("" if none). A directory user's
 * password is checked by a bind to their entry, found by 職員番号. */
int
auth_recheck(struct ctx *c, const char *pw, const char *pwhash)
{
	char id[24];
	const char *p[1] = { id };
	enum ldap_verdict v = LDAPV_WRONG;
	PGresult *r;

	if (pw == NULL || *pw == '\0' || strlen(pw) > 1024)
		return 0;
	if (!auth_password_is_directory(c))
		return pwhash && *pwhash && password_verify(pw, pwhash);
	snprintf(id, sizeof(id), "%ld", c->me.id);
	if ((r = db_exec(&c->app->rw, STMT_LDAP_STAFF_NO, p)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		v = ldap_auth_recheck(c->app->cfg, PQgetvalue(r, 0, 0), pw);
	PQclear(r);
	return v == LDAPV_OK ? 1 : v == LDAPV_DOWN ? -1 : 0;
}

void
auth_logout(struct ctx *c)
{
	char hash[SHA256_HEX_LEN + 1];
	const char *p[1] = { hash };

	if (c->sid[0]) {
		crypto_sha256_hex(c->sid, strlen(c->sid), hash);
		(void)db_command(&c->app->rw, STMT_SESSION_DELETE, p);
		log_info("logout uid=%ld", c->me.id);
		audit(c, "logout", c->me.staff_id, "logout", NULL, "ok");
	}
	resp_cookie(&c->resp, SID_COOKIE, "", 0, COOKIE_DELETE);
	c->sid[0] = '\0';
	memset(&c->me, 0, sizeof(c->me));
}
