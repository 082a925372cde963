/* hdfjson.h: HDF subtree to JSON (json-c), so JSON endpoints serialise the
 * same policy-checked data the HTML pages render. */
#ifndef TMS_HDFJSON_H
#define TMS_HDFJSON_H
#include <ClearSilver.h>
#include <json-c/json.h>

json_object	*hdf_to_json(HDF *);

#endif
