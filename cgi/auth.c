/* auth.c: server-side sessions, CSRF tokens and password login with
 * throttling per account and per address. Session tokens are 256-bit random
 * values; only their SHA-256 is stored. CSRF tokens are HMAC-SHA256 of the
 * session token (or of a pre-session cookie on the login form) under the
 * server secret, so they need no storage and die with the session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "app.h"
#include "log.h"
#include "staff.h"
#include "stmts.h"

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
		snprintf(c->sid, sizeof(c->sid), "%s", tok);
	}
	PQclear(r);
	return 0;
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

/* Returns 0 on success (session cookie set), else 401, 429 or 503 with a
 * message for the user in msg. */
int
auth_login(struct ctx *c, const char *login, const char *pw, char *msg,
    size_t msglen)
{
	const struct config *cfg = c->app->cfg;
	char win[16], hash[SHA256_HEX_LEN + 1], idbuf[24], tok[TOKEN_HEX_LEN + 1];
	const char *addr = c->remote_addr;
	PGresult *r;
	int ok = 0, serving = 0, nacct, naddr;
	long id = 0;

	snprintf(win, sizeof(win), "%d", cfg->login_window_minutes);
	{
		const char *p[3] = { login, addr, win };
		if ((r = db_exec(&c->app->rw, STMT_LOGIN_FAILURES, p)) == NULL)
			goto dberr;
		nacct = atoi(PQgetvalue(r, 0, 0));
		naddr = atoi(PQgetvalue(r, 0, 1));
		PQclear(r);
	}
	if (nacct >= cfg->login_max_account_failures ||
	    naddr >= cfg->login_max_address_failures) {
		log_info("login locked account=%s failures=%d address_failures=%d",
		    nacct >= cfg->login_max_account_failures ? "yes" : "no", nacct, naddr);
		snprintf(msg, msglen, "ログインの失敗が続いたため、一時的にログインを停止しています。"
		    "%d分ほど待ってから再度お試しください。", cfg->login_window_minutes);
		return 429;
	}
	{
		char today[11];
		const char *p[2] = { login, today };
		staff_today(today);
		if ((r = db_exec(&c->app->ro, STMT_ACCOUNT_BY_LOGIN, p)) == NULL)
			goto dberr;
	}
	if (PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 5), "f") == 0) {
		ok = password_verify(pw, PQgetvalue(r, 0, 4));
		id = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		serving = strcmp(PQgetvalue(r, 0, 6), "t") == 0;
	} else
		dummy_verify(cfg, pw);
	PQclear(r);
	if (ok && !serving) {
		/* the right password of a person not in service today (before
		 * the 採用 date or after the last day of a 退職): no session */
		log_info("login refused: not in service uid=%ld", id);
		snprintf(msg, msglen, "このアカウントの職員は本日在職していないため、ログインできません。"
		    "人事担当にお問い合わせください。");
		return 403;
	}
	if (!ok) {
		const char *p[2] = { login, addr };
		if (db_command(&c->app->rw, STMT_LOGIN_FAILURE_ADD, p) != 0)
			goto dberr;
		log_info("login failed");
		snprintf(msg, msglen, "ログインIDまたはパスワードが正しくありません。");
		return 401;
	}
	if (crypto_token(tok) != 0)
		goto dberr;
	crypto_sha256_hex(tok, strlen(tok), hash);
	snprintf(idbuf, sizeof(idbuf), "%ld", id);
	{
		const char *p1[1] = { login };
		const char *p2[3] = { hash, idbuf, addr };
		if (db_command(&c->app->rw, STMT_LOGIN_FAILURE_CLEAR, p1) != 0 ||
		    db_command(&c->app->rw, STMT_SESSION_CREATE, p2) != 0)
			goto dberr;
	}
	/* A previous session of this browser ends: new token at login. */
	if (c->sid[0]) {
		char old[SHA256_HEX_LEN + 1];
		const char *p[1] = { old };
		crypto_sha256_hex(c->sid, strlen(c->sid), old);
		(void)db_command(&c->app->rw, STMT_SESSION_DELETE, p);
	}
	{	/* housekeeping: sessions past the absolute timeout */
		char abs_[16];
		const char *p[1] = { abs_ };
		snprintf(abs_, sizeof(abs_), "%d", cfg->session_absolute_minutes);
		(void)db_command(&c->app->rw, STMT_SESSION_PURGE, p);
	}
	resp_cookie(&c->resp, SID_COOKIE, tok, 0, COOKIE_SESSION);
	snprintf(c->sid, sizeof(c->sid), "%s", tok);
	OPENSSL_cleanse(tok, sizeof(tok));
	c->me.id = id;
	log_info("login ok uid=%ld", id);
	return 0;
dberr:
	OPENSSL_cleanse(tok, sizeof(tok));
	snprintf(msg, msglen, "現在ログインできません。しばらくしてから再度お試しください。");
	return 503;
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
	}
	resp_cookie(&c->resp, SID_COOKIE, "", 0, COOKIE_DELETE);
	c->sid[0] = '\0';
	memset(&c->me, 0, sizeof(c->me));
}
