/* test_config.c: the YAML loader accepts a good file and names file, line and
 * problem for bad ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "tap.h"

static const char *
write_tmp(const char *text)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/tms-test-config-%d.yaml", (int)getpid());
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

#define GOOD_HEAD \
	"listen: unix:/tmp/x.sock\n" \
	"database:\n  rw: \"dbname=tms\"\n" \
	"paths:\n  templates: /tmp\n  secret_key: /tmp/k\n  policy: /tmp/p.yaml\n"

int
main(void)
{
	struct config c;
	char err[512];
	const char *p;

	p = write_tmp(GOOD_HEAD "workers: 3\nsocket_mode: \"0660\"\nsession:\n  idle_minutes: 20\n");
	ok(config_load(p, &c, err, sizeof(err)) == 0, "good file loads (%s)", err);
	ok(c.workers == 3 && c.session_idle_minutes == 20 && c.socket_mode == 0660,
	    "values are read");
	ok(c.pbkdf2_iterations >= 310000, "PBKDF2 default is at least 310000");
	ok(c.db_ro && strcmp(c.db_ro, "dbname=tms") == 0, "read-only conninfo defaults to rw");
	config_free(&c);

	p = write_tmp(GOOD_HEAD "wrokers: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":8: unknown key 'wrokers'"),
	    "unknown key names line 8: %s", err);
	p = write_tmp(GOOD_HEAD "session:\n  idel_minutes: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 &&
	    strstr(err, ":9: unknown key 'session.idel_minutes'"), "unknown nested key: %s", err);
	p = write_tmp(GOOD_HEAD "workers: many\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":8: 'workers' must be an integer"),
	    "non-integer: %s", err);
	p = write_tmp(GOOD_HEAD "workers: 0\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "between 1 and 256"),
	    "out of range: %s", err);
	p = write_tmp(GOOD_HEAD "password:\n  pbkdf2_iterations: 10\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "pbkdf2_iterations"),
	    "weak PBKDF2 cost refused: %s", err);
	p = write_tmp("listen: unix:/tmp/x.sock\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "required key 'database.rw'"),
	    "missing required key: %s", err);
	p = write_tmp(GOOD_HEAD "workers: [1, 2]\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":8:"),
	    "list where a scalar belongs: %s", err);
	p = write_tmp(GOOD_HEAD "workers: 2\nworkers: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":9: duplicate key"),
	    "duplicate key: %s", err);
	p = write_tmp(GOOD_HEAD "workers: \"2\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "YAML syntax error"),
	    "syntax error: %s", err);
	ok(config_load("/nonexistent/tms.yaml", &c, err, sizeof(err)) != 0 &&
	    strstr(err, "/nonexistent/tms.yaml"), "missing file named: %s", err);
	unlink(p);
	return done_testing();
}
