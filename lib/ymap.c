/* ymap.c: libyaml event loop shared by the config and policy loaders. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>
#include "ymap.h"

static int cur_line;

/* The line of the YAML event being reported to the callback. */
int
ymap_line(void)
{
	return cur_line;
}

static int
fail(char *err, size_t errlen, const char *file, int line, const char *msg)
{
	char m[512];

	snprintf(m, sizeof(m), "%s", msg);
	snprintf(err, errlen, "%s:%d: %s", file, line, m);
	return -1;
}

int
ymap_walk(const char *file, int maxdepth, ymap_fn fn, void *ctx, char *err, size_t errlen)
{
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *fp;
	char keys[YMAP_MAXDEPTH + 1][128];
	const char *kp[YMAP_MAXDEPTH + 1];
	int depth = 0, want_key[YMAP_MAXDEPTH + 2] = { 0 }, rc = -1, done = 0, i;
	int keyline[YMAP_MAXDEPTH + 2] = { 0 };
	char msg[512];

	if (maxdepth > YMAP_MAXDEPTH)
		maxdepth = YMAP_MAXDEPTH;
	for (i = 0; i <= YMAP_MAXDEPTH; i++)
		kp[i] = keys[i];
	if ((fp = fopen(file, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		int line, bad = 0;

		if (!yaml_parser_parse(&p, &ev)) {
			snprintf(msg, sizeof(msg), "YAML syntax error: %s", p.problem ? p.problem : "unknown");
			fail(err, errlen, file, (int)p.problem_mark.line + 1, msg);
			goto out;
		}
		line = (int)ev.start_mark.line + 1;
		cur_line = line;
		msg[0] = '\0';
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth >= maxdepth) {
				snprintf(msg, sizeof(msg), "nesting too deep");
				bad = 1;
				break;
			}
			if (depth > 0)
				cur_line = keyline[depth];
			if (depth > 0 && fn(ctx, kp + 1, depth, NULL, msg, sizeof(msg)) != 0) {
				line = keyline[depth];	/* report the key's own line */
				bad = 1;
				break;
			}
			want_key[++depth] = 1;
			break;
		case YAML_MAPPING_END_EVENT:
			if (--depth > 0)
				want_key[depth] = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			snprintf(msg, sizeof(msg), "lists and aliases are not allowed here");
			bad = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 0)
				break;
			if (want_key[depth]) {
				snprintf(keys[depth], sizeof(keys[0]), "%s", (const char *)ev.data.scalar.value);
				keyline[depth] = line;
				want_key[depth] = 0;
				break;
			}
			if (fn(ctx, kp + 1, depth, (const char *)ev.data.scalar.value, msg, sizeof(msg)) != 0)
				bad = 1;
			want_key[depth] = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (bad) {
			fail(err, errlen, file, line, msg);
			goto out;
		}
	}
	rc = 0;
out:
	yaml_parser_delete(&p);
	fclose(fp);
	return rc;
}
