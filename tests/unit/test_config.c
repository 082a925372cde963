/* test_config.c: the YAML loader accepts a good file and names file, line and
 * problem for bad ones. The loader is compiled here with 20 more keys, so
 * that its table is longer than a machine word of flags (the last keys must
 * be tracked as themselves: duplicates and required keys). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tap.h"

#define T(n, req) { "test.k" #n, C_INT, offsetof(struct config, workers), 1, 256, req },
#define CONFIG_TEST_KEYS T(20, 0) T(21, 0) T(22, 0) T(23, 0) T(24, 0) T(25, 0) \
	T(26, 0) T(27, 0) T(28, 0) T(29, 0) T(30, 0) T(31, 0) T(32, 0) T(33, 0) \
	T(34, 0) T(35, 0) T(36, 0) T(37, 0) T(38, 0) T(39, 1)
#include "../../lib/config.c"
#undef T

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
	"paths:\n  templates: /tmp\n  secret_key: /tmp/k\n  policy: /tmp/p.yaml\n" \
	"test:\n  k39: 7\n"

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
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":10: unknown key 'wrokers'"),
	    "unknown key names line 10: %s", err);
	p = write_tmp(GOOD_HEAD "session:\n  idel_minutes: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 &&
	    strstr(err, ":11: unknown key 'session.idel_minutes'"), "unknown nested key: %s", err);
	p = write_tmp(GOOD_HEAD "workers: many\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":10: 'workers' must be an integer"),
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
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":10:"),
	    "list where a scalar belongs: %s", err);
	p = write_tmp(GOOD_HEAD "workers: 2\nworkers: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":11: duplicate key"),
	    "duplicate key: %s", err);
	p = write_tmp(GOOD_HEAD "workers: \"2\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "YAML syntax error"),
	    "syntax error: %s", err);
	/* More keys than bits in a word: test.k39 is the last of the table. */
	p = write_tmp(GOOD_HEAD "workers: 3\n");
	ok(config_load(p, &c, err, sizeof(err)) == 0 && c.workers == 3,
	    "a table of %zu keys: the last does not collide with another (%s)", NKEYS, err);
	config_free(&c);
	p = write_tmp(GOOD_HEAD "test:\n  k39: 8\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":11: duplicate key 'test.k39'"),
	    "the last key given twice is a duplicate: %s", err);
	p = write_tmp(GOOD_HEAD "test:\n  k38: 8\n  k37: 9\n");
	ok(config_load(p, &c, err, sizeof(err)) == 0, "test.k37 and test.k38 are tracked apart (%s)", err);
	config_free(&c);
	p = write_tmp("listen: unix:/tmp/x.sock\ndatabase:\n  rw: x\n"
	    "paths:\n  templates: /tmp\n  secret_key: /tmp/k\n  policy: /tmp/p.yaml\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, "required key 'test.k39'"),
	    "the last key, required and missing, is named: %s", err);

	/* cache.enabled: the result cache is on unless turned off (issue 22) */
	p = write_tmp(GOOD_HEAD);
	ok(config_load(p, &c, err, sizeof(err)) == 0 && c.cache_enabled == 1, "cache.enabled is on by default");
	config_free(&c);
	p = write_tmp(GOOD_HEAD "cache:\n  enabled: false\n");
	ok(config_load(p, &c, err, sizeof(err)) == 0 && c.cache_enabled == 0, "cache.enabled: false (%s)", err);
	config_free(&c);

	/* bench.noop: off unless a benchmark stack turns it on */
	p = write_tmp(GOOD_HEAD);
	ok(config_load(p, &c, err, sizeof(err)) == 0 && c.bench_noop == 0, "bench.noop is off by default");
	config_free(&c);
	p = write_tmp(GOOD_HEAD "bench:\n  noop: true\n");
	ok(config_load(p, &c, err, sizeof(err)) == 0 && c.bench_noop == 1, "bench.noop: true (%s)", err);
	config_free(&c);
	p = write_tmp(GOOD_HEAD "bench:\n  noop: yes\n");
	ok(config_load(p, &c, err, sizeof(err)) != 0 && strstr(err, ":11: 'bench.noop' must be true or false"),
	    "bench.noop must be true or false: %s", err);

	ok(config_load("/nonexistent/tms.yaml", &c, err, sizeof(err)) != 0 &&
	    strstr(err, "/nonexistent/tms.yaml"), "missing file named: %s", err);
	unlink(p);
	return done_testing();
}
