/* hdfjson.c: children named 0..N become arrays, other children objects with
 * the first letter of each name lower-cased, leaves strings. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "hdfjson.h"

json_object *
hdf_to_json(HDF *node)
{
	HDF *ch = hdf_obj_child(node);
	json_object *o;

	if (ch == NULL) {
		const char *v = hdf_obj_value(node);
		return json_object_new_string(v ? v : "");
	}
	if (strcmp(hdf_obj_name(ch), "0") == 0) {
		o = json_object_new_array();
		for (; ch; ch = hdf_obj_next(ch))
			json_object_array_add(o, hdf_to_json(ch));
		return o;
	}
	o = json_object_new_object();
	for (; ch; ch = hdf_obj_next(ch)) {
		char key[128];
		snprintf(key, sizeof(key), "%s", hdf_obj_name(ch));
		key[0] = (char)tolower((unsigned char)key[0]);
		json_object_object_add(o, key, hdf_to_json(ch));
	}
	return o;
}
