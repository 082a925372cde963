/* h_staff.c: /staff (face-photo directory) and /staff/:id (profile). */
#include "app.h"
#include "handlers.h"
#include "staff.h"
#include "view.h"

int
h_staff_list(struct ctx *c)
{
	int st = staff_search(c, "/staff", 0);

	if (st != 200)
		return st;
	staff_search_options(c);
	return page_render(c, "staff/list.cs", "職員名簿");
}

int
h_staff_show(struct ctx *c)
{
	int st = staff_profile(c, c->caps[0]);

	if (st != 200)
		return st;
	return page_render(c, "staff/show.cs", hdf_get_value(c->hdf, "Page.Person.Name", "職員"));
}
