/* h_home.c: / (home page with the role's menu and what it offers). */
#include "app.h"
#include "handlers.h"
#include "view.h"

int
h_home(struct ctx *c)
{
	view_set(c->hdf, "Page.IsAdmin", c->me.role == ROLE_ADMIN ? "1" : "0");
	view_set(c->hdf, "Page.IsHr", c->me.role == ROLE_HR ? "1" : "0");
	return page_render(c, "home/index.cs", "ホーム");
}
