/* h_login.c: /login (form and submit) and /logout. */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "http.h"
#include "throttle.h"
#include "view.h"

static const char *
next_path(struct ctx *c, const struct kvlist *l)
{
	const char *n = kv_get(l, "next");

	return http_local_path(n) && strncmp(n, "/login", 6) != 0 ? n : "/";
}

static int
login_page(struct ctx *c, int status, const char *msg, const char *login,
    const char *next)
{
	if (c->resp.status < 400)
		c->resp.status = status;
	view_set(c->hdf, "Page.Login", login);
	view_set(c->hdf, "Page.Next", next);
	if (msg)
		view_set(c->hdf, "Page.Message", msg);
	page_render(c, "login/form.cs", "ログイン");
	return status;
}

int
h_login_form(struct ctx *c)
{
	if (c->me.id)
		return page_redirect(c, next_path(c, &c->query));
	return login_page(c, 200, NULL, "", next_path(c, &c->query));
}

int
h_login(struct ctx *c)
{
	const char *login = kv_get(&c->form, "login");
	const char *pw = kv_get(&c->form, "password");
	char msg[512];
	int rc;

	if (login == NULL || pw == NULL || *login == '\0' || *pw == '\0')
		return login_page(c, 400, "ログインIDとパスワードを入力してください。",
		    login ? login : "", next_path(c, &c->form));
	if (strlen(login) > 63 || strlen(pw) > 1024)
		return login_page(c, 400, "ログインIDまたはパスワードが長すぎます。",
		    "", next_path(c, &c->form));
	/* a bounded number of password checks at a time (cgi/throttle.c):
	 * when all are taken, say so at once instead of holding a worker */
	if (!throttle_gate_enter()) {
		resp_header(&c->resp, "Retry-After", "2");
		return login_page(c, 503, "ただいまログインが集中しています。"
		    "数秒待ってから、もう一度ログインしてください。", login, next_path(c, &c->form));
	}
	rc = auth_login(c, login, pw, msg, sizeof(msg));
	throttle_gate_leave();
	if (rc != 0) {
		c->resp.status = rc;
		return login_page(c, rc, msg, login, next_path(c, &c->form));
	}
	if (strcmp(c->me.stage, "ok") != 0)	/* a sign-in stage first (auth.c) */
		return page_redirect(c, auth_stage_path(c->me.stage));
	return page_redirect(c, next_path(c, &c->form));
}

int
h_logout(struct ctx *c)
{
	auth_logout(c);
	return page_redirect(c, "/login");
}
