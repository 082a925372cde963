/* h_api.c: JSON API: /api/staff (directory) and /api/staff/:id (profile),
 * serialised from the same policy-checked data as the HTML pages. */
#include <string.h>
#include "app.h"
#include "handlers.h"
#include "hdfjson.h"
#include "staff.h"
#include "view.h"

static int
send_json(struct ctx *c, int status, json_object *o)
{
	c->resp.status = status;
	c->resp.ctype = "application/json; charset=utf-8";
	buf_reset(&c->resp.body);
	buf_puts(&c->resp.body, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return status;
}

/* Errors come back from the shared code as an error page: re-send as JSON. */
static int
json_error(struct ctx *c, int status)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(
	    hdf_get_value(c->hdf, "Page.Error.Message", "error")));
	json_object_object_add(o, "status", json_object_new_int(status));
	return send_json(c, status, o);
}

static void
add(json_object *o, HDF *hdf, const char *key, const char *path)
{
	HDF *n = hdf_get_obj(hdf, path);

	if (n)
		json_object_object_add(o, key, hdf_to_json(n));
}

int
h_api_staff_list(struct ctx *c)
{
	json_object *o;
	int st = staff_search(c, "/api/staff", 0);

	if (st != 200)
		return json_error(c, st);
	o = json_object_new_object();
	json_object_object_add(o, "asof", json_object_new_string(hdf_get_value(c->hdf, "Page.Asof", "")));
	json_object_object_add(o, "total", json_object_new_int(hdf_get_int_value(c->hdf, "Page.Total", 0)));
	json_object_object_add(o, "totalIsLowerBound", json_object_new_boolean(hdf_get_obj(c->hdf, "Page.Capped") != NULL));
	json_object_object_add(o, "page", json_object_new_int(hdf_get_int_value(c->hdf, "Page.Page", 1)));
	if (hdf_get_obj(c->hdf, "Page.Staff"))
		add(o, c->hdf, "items", "Page.Staff");
	else
		json_object_object_add(o, "items", json_object_new_array());
	return send_json(c, 200, o);
}

int
h_api_staff_show(struct ctx *c)
{
	static const struct { const char *key, *path; } secs[] = {
		{ "assignments", "Page.Assign" }, { "career", "Page.Career" },
		{ "qualifications", "Page.Quals" }, { "training", "Page.Training" },
		{ "skills", "Page.Skills" }, { "evaluations", "Page.Evals" },
		{ "viewers", "Page.Viewers" }, { "duties", "Page.DutyHistory" }, { "wishes", "Page.Wishes" },
	};
	json_object *o;
	size_t i;
	int st = staff_profile(c, c->caps[0]);

	if (st != 200)
		return json_error(c, st);
	o = json_object_new_object();
	json_object_object_add(o, "asof", json_object_new_string(hdf_get_value(c->hdf, "Page.Asof", "")));
	add(o, c->hdf, "person", "Page.Person");
	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		char show[64];
		snprintf(show, sizeof(show), "Page.Show.%s", secs[i].path + 5);
		if (hdf_get_obj(c->hdf, show) == NULL)
			continue;	/* not allowed: the key is absent, not empty */
		if (hdf_get_obj(c->hdf, secs[i].path))
			add(o, c->hdf, secs[i].key, secs[i].path);
		else
			json_object_object_add(o, secs[i].key, json_object_new_array());
	}
	return send_json(c, 200, o);
}
