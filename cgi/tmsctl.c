/* tmsctl.c: command-line administration: schema migrations, accounts,
 * configuration checks, bulk CSV import and export, and the wishes key ring
 * (keygen, rekey). Runs with the schema owner's connection. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <json-c/json.h>
#include "accounts.h"
#include "auditchain.h"
#include "retention.h"
#include "buf.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "import.h"
#include "jdate.h"
#include "log.h"
#include "mailq.h"
#include "migrate.h"
#include "seal.h"
#include "stmts.h"
#include "survey.h"
#include "totp.h"

static struct config cfg;

static int
cmd_useradd(const char *login, const char *role, const char *name, const char *staff_no)
{
	struct db db;
	char pw[1100], hash[PW_HASH_MAX];
	const char *p[5] = { login, name, role, hash, staff_no };
	PGresult *r;
	size_t l;

	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "useradd: password expected on standard input\n");
		return 1;
	}
	l = strcspn(pw, "\r\n");
	pw[l] = '\0';
	if (l < 12) {
		OPENSSL_cleanse(pw, sizeof(pw));
		fprintf(stderr, "useradd: password must have at least 12 characters\n");
		return 1;
	}
	l = password_hash(pw, (unsigned)cfg.pbkdf2_iterations, hash) != 0;
	OPENSSL_cleanse(pw, sizeof(pw));
	if (l)
		return 1;
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(),
	    STMT__MAX, 60000);
	if ((r = db_exec(&db, STMT_ACCOUNT_UPSERT, p)) == NULL) {
		fprintf(stderr, "useradd: failed (login must be 2-63 of a-z 0-9 . _ -, "
		    "role admin|hr|general)\n");
		db_close(&db);
		return 1;
	}
	if (*staff_no && strcmp(PQgetvalue(r, 0, 1), "t") != 0) {
		fprintf(stderr, "useradd: account %s saved, but staff number %s does not exist\n",
		    login, staff_no);
		PQclear(r);
		db_close(&db);
		return 1;
	}
	PQclear(r);
	db_close(&db);
	printf("account %s (%s) saved\n", login, role);
	return 0;
}

static void
cli_actor(char *out, size_t len)
{
	struct passwd *pw = getpwuid(getuid());

	snprintf(out, len, "cli:%s", pw ? pw->pw_name : "unknown");
}

/* Audit trail entry for a command-line import or export. */
static void
cli_audit(struct db *db, const char *action, const char *target, const char *detail)
{
	char actor[96];
	const char *p[9] = { "0", "0", actor, action, "0", target, detail, "local", "ok" };

	cli_actor(actor, sizeof(actor));
	if (audit_add(db, p) != 0)
		fprintf(stderr, "warning: could not write the audit log\n");
}

/* totp-set LOGIN BASE32: the account's second factor on, with a known key
 * (demo and test accounts; people enrol on /account/totp). The key is
 * sealed like the worker's (cgi/totp.c: derived from paths.secret_key). */
static int
cmd_totp_set(const char *login, const char *b32)
{
	unsigned char secret[64], key[TOTP_SECRET_LEN], sealed[TOTP_SEALED_LEN];
	char hex[TOTP_SEALED_LEN * 2 + 1];
	const char *p[2] = { login, NULL };
	struct keyring kr;
	struct db db;
	PGresult *r;
	size_t slen = 0;
	long id;
	FILE *fp;
	int rc = 1;

	if (totp_base32_decode(b32, key) != 0) {
		fprintf(stderr, "totp-set: the key must be the base32 of %d bytes (%d characters)\n",
		    TOTP_SECRET_LEN, TOTP_B32_LEN);
		return 1;
	}
	if ((fp = fopen(cfg.secret_key, "rb")) == NULL ||
	    (slen = fread(secret, 1, sizeof(secret), fp)) < 32) {
		fprintf(stderr, "totp-set: cannot read 32 bytes from %s (paths.secret_key)\n", cfg.secret_key);
		if (fp)
			fclose(fp);
		OPENSSL_cleanse(key, sizeof(key));
		return 1;
	}
	fclose(fp);
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 60000);
	if ((r = db_exec(&db, STMT_TOTP_ACCOUNT_ID, p)) == NULL || PQntuples(r) != 1) {
		fprintf(stderr, "totp-set: no account %s\n", login);
		goto out;
	}
	id = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	r = NULL;
	totp_keyring(secret, slen, &kr);
	if (totp_seal(&kr, id, key, sealed) != 0) {
		keyring_wipe(&kr);
		goto out;
	}
	keyring_wipe(&kr);
	crypto_hex(sealed, sizeof(sealed), hex);
	snprintf((char *)secret, sizeof(secret), "%ld", id);
	p[0] = (const char *)secret;
	p[1] = hex;
	if (db_command(&db, STMT_TOTP_SET, p) != 0) {
		fprintf(stderr, "totp-set: could not save\n");
		goto out;
	}
	cli_audit(&db, "update", "account/totp", "{\"totp_set\": true}");
	printf("second factor of %s set\n", login);
	rc = 0;
out:
	if (r)
		PQclear(r);
	db_close(&db);
	OPENSSL_cleanse(secret, sizeof(secret));
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

static void
print_result(const struct import_opts *o, const struct import_result *r)
{
	long i, shown = r->nerr < IMPORT_MAXERR ? r->nerr : IMPORT_MAXERR;

	printf("file: %s (%s, sha256 %s, %ld data rows)\n", o->file_name,
	    r->encoding[0] ? r->encoding : "-", r->sha256, r->rows);
	printf("created %ld, updated %ld, unchanged %ld, deleted %ld, errors %ld (%.2f s)\n",
	    r->created, r->updated, r->unchanged, r->deleted, r->nerr, r->seconds);
	for (i = 0; i < shown; i++) {
		const struct import_error *e = &r->err[i];
		if (e->line > 0)
			printf("  %ld行目", e->line);
		else
			printf("  ファイル");
		if (e->header[0])
			printf(" 列「%s」", e->header);
		if (e->value[0])
			printf(" 値「%s」", e->value);
		printf(": %s\n", e->reason);
	}
	if (r->nerr > shown)
		printf("  ... and %ld more errors\n", r->nerr - shown);
}

/* The key ring sealing evaluation comments and stored import files
 * (sql/064): the wishes key ring, read once. Without paths.wish_keys
 * values are stored plain (readers accept both). 0, or -1 said. */
static struct keyring sealkr;

static int
seal_keys(const char *who)
{
	char err[512];

	if (cfg.wish_keys == NULL)
		return 0;
	if (sealkr.n == 0 && keyring_load(cfg.wish_keys, &sealkr, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", who, err);
		return -1;
	}
	import_set_keyring(&sealkr);
	return 0;
}

/* seal: seal the evaluation comments and stored import files still plain
 * (stored before sql/064, or by the demo data) and bring those under an
 * older key to the current one; scripts/tms runs it after migrate. */
static int
cmd_seal(void)
{
	struct db db;
	long done = 0, bad = 0;
	int rc;

	if (cfg.wish_keys == NULL) {
		fprintf(stderr, "seal: paths.wish_keys is not set in %s\n", cfg.path);
		return 1;
	}
	if (seal_keys("seal") != 0)
		return 1;
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	rc = sealed_rekey(&db, &done, &bad);
	db_close(&db);
	if (rc != 0) {
		fprintf(stderr, "seal: database failure after %ld values\n", done);
		return 1;
	}
	printf("seal: %ld values sealed under key %d\n", done, sealkr.k[keyring_current(&sealkr)].id);
	if (bad) {
		fprintf(stderr, "seal: %ld values could not be opened and were left as they are\n", bad);
		return 1;
	}
	return 0;
}

/* import-file ID: the file stored with import ID, opened and checked
 * against its recorded size and SHA-256, on stdout (exit 1 if not). */
static int
cmd_import_file(const char *id)
{
	const char *p[1] = { id };
	char err[512];
	struct buf out;
	struct db db;
	PGresult *r;
	int rc = 1;

	if (seal_keys("import-file") != 0)
		return 1;
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	buf_init(&out);
	if ((r = db_exec(&db, STMT_IMPORT_HISTORY_GET, p)) == NULL || PQntuples(r) != 1)
		fprintf(stderr, "import-file: no import %s\n", id);
	else if (import_stored_file(&db, strtol(id, NULL, 10), strtoll(PQgetvalue(r, 0, 7), NULL, 10),
	    PQgetvalue(r, 0, 5), &out, err, sizeof(err)) != 0)
		fprintf(stderr, "import-file: %s\n", err);
	else if (fwrite(out.data ? out.data : "", 1, out.len, stdout) == out.len && fflush(stdout) == 0)
		rc = 0;
	PQclear(r);
	buf_free(&out);
	db_close(&db);
	return rc;
}

static int
cmd_import(int argc, char *argv[])
{
	struct import_opts o = { 0 };
	struct import_mapping map;
	struct import_result r;
	struct db db;
	const char *mapfile = NULL;
	char actor[96], err[512], detail[256];
	char *data;
	size_t len;
	int i, rc;

	o.encoding = "auto";
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			o.dry_run = 1;
		else if (strcmp(argv[i], "--sync") == 0)
			o.sync = 1;
		else if (strcmp(argv[i], "--mapping") == 0 && i + 1 < argc)
			mapfile = argv[++i];
		else if (strcmp(argv[i], "--encoding") == 0 && i + 1 < argc)
			o.encoding = argv[++i];
		else {
			fprintf(stderr, "import: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	o.kind = argv[1];
	o.file_name = argv[2];
	if (import_kind_find(o.kind) == NULL) {
		fprintf(stderr, "import: unknown kind %s\n", o.kind);
		return 2;
	}
	if (mapfile && import_mapping_load(mapfile, &map, err, sizeof(err)) != 0) {
		fprintf(stderr, "import: %s\n", err);
		return 1;
	}
	o.map = mapfile ? &map : NULL;
	if ((data = buf_slurp(o.file_name, &len)) == NULL) {
		fprintf(stderr, "import: cannot read %s\n", o.file_name);
		return 1;
	}
	cli_actor(actor, sizeof(actor));
	o.actor = actor;
	if (seal_keys("import") != 0) {
		free(data);
		return 1;
	}
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 60000);
	rc = import_run(&db, &o, data, len, &r);
	print_result(&o, &r);
	if (r.committed) {
		snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"import_id\": %ld, \"created\": %ld, "
		    "\"updated\": %ld, \"deleted\": %ld}", o.kind, r.history_id, r.created, r.updated, r.deleted);
		cli_audit(&db, "update", "import", detail);
		printf("committed (import #%ld)\n", r.history_id);
	} else if (rc == 0)
		printf("preview only (--dry-run): nothing was changed\n");
	else
		printf("refused: %ld error(s), nothing was changed\n", r.nerr);
	import_result_free(&r);
	db_close(&db);
	if (mapfile)
		import_mapping_free(&map);
	free(data);
	return rc == 0 ? 0 : 1;
}

/* Export output: straight to stdout, piece by piece. */
static int
stdout_write(void *ctx, const char *p, size_t n)
{
	(void)ctx;
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int
cmd_export(int argc, char *argv[])
{
	const char *enc = "utf-8";
	char asof[11] = "", err[512], detail[256];
	struct db db;
	long rows;
	int i, rc;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--encoding") == 0 && i + 1 < argc)
			enc = argv[++i];
		else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			int y, m, d;
			const char *why = NULL;
			if (jdate_parse(argv[++i], &y, &m, &d, &why) != 0) {
				fprintf(stderr, "export: --as-of %s: %s\n", argv[i], why ? why : "not a date");
				return 2;
			}
			snprintf(asof, sizeof(asof), "%04d-%02d-%02d", y, m, d);
		} else {
			fprintf(stderr, "export: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (seal_keys("export") != 0)
		return 1;
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	rc = import_export(&db, argv[1], asof, enc, stdout_write, NULL, &rows, err, sizeof(err));
	if (rc == 0 && fflush(stdout) != 0) {
		snprintf(err, sizeof(err), "cannot write the output");
		rc = -1;
	}
	if (rc == 0) {
		snprintf(detail, sizeof(detail), "{\"kind\": \"%s\", \"rows\": %ld, \"as_of\": \"%s\"}",
		    argv[1], rows, asof);
		cli_audit(&db, "export", "export", detail);
		fprintf(stderr, "exported %ld rows\n", rows);
	} else
		fprintf(stderr, "export: %s\n", err);
	db_close(&db);
	return rc == 0 ? 0 : 1;
}

/* Add a key to the wishes key ring; the workers use it for new values from
 * their next generation on (scripts/tms reload). */
static int
cmd_keygen(void)
{
	char err[512];
	int id;

	if (cfg.wish_keys == NULL) {
		fprintf(stderr, "keygen: paths.wish_keys is not set in %s\n", cfg.path);
		return 1;
	}
	if (keyring_add(cfg.wish_keys, &id, err, sizeof(err)) != 0) {
		fprintf(stderr, "keygen: %s\n", err);
		return 1;
	}
	printf("key %d added to %s\n", id, cfg.wish_keys);
	return 0;
}

/* Re-seal one value under the current key; 0, or -1 with a message. */
static int
reseal_row(struct db *db, const struct keyring *kr, PGresult *r, int i, int cur, long *done)
{
	const char *hex = PQgetvalue(r, i, 5);
	size_t n = strlen(hex) / 2, outlen = 0;
	unsigned char *in = xmalloc(n), *pt = xmalloc(n), *out = xmalloc(n + SEAL_OVERHEAD);
	char *nhex = xmalloc(2 * (n + SEAL_OVERHEAD) + 1), ad[160], kid[16], nid[16];
	int newid = 0, rc = -1;
	PGresult *u;

	survey_seal_context(ad, sizeof(ad), PQgetvalue(r, i, 2), PQgetvalue(r, i, 3),
	    PQgetvalue(r, i, 1));
	if (crypto_unhex(hex, in, n) == 0 &&
	    unseal(kr, atoi(PQgetvalue(r, i, 4)), ad, strlen(ad), in, n, pt, &outlen) == 0 &&
	    seal(kr, ad, strlen(ad), pt, outlen, out, &newid) == 0 && newid == cur) {
		const char *p[5] = { PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), kid, nhex, nid };
		crypto_hex(out, outlen + SEAL_OVERHEAD, nhex);
		snprintf(kid, sizeof(kid), "%s", PQgetvalue(r, i, 4));
		snprintf(nid, sizeof(nid), "%d", newid);
		if ((u = db_exec(db, STMT_WISH_RESEAL, p)) != NULL) {
			*done += PQntuples(u);
			PQclear(u);
			rc = 0;
		}
	} else
		fprintf(stderr, "rekey: value %s of answer %s (key %s) does not open\n",
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 0), PQgetvalue(r, i, 4));
	OPENSSL_cleanse(pt, n);
	free(in);
	free(pt);
	free(out);
	free(nhex);
	return rc;
}

/* Re-encrypt every sealed wishes value to the newest key of the ring, in
 * batches, each batch in one transaction. Old keys stay in the file, so a
 * value written meanwhile under an old key stays readable; run again. A
 * value that does not open is reported and skipped (exit status 1). */
static int
cmd_rekey(void)
{
	struct keyring kr;
	struct db db;
	char err[512], cur[16], off[16];
	const char *p[2] = { cur, off };
	long done = 0, bad = 0, sdone = 0;
	int ci, rc = 0;

	if (cfg.wish_keys == NULL || keyring_load(cfg.wish_keys, &kr, err, sizeof(err)) != 0) {
		fprintf(stderr, "rekey: %s\n", cfg.wish_keys ? err : "paths.wish_keys is not set");
		return 1;
	}
	ci = keyring_current(&kr);
	snprintf(cur, sizeof(cur), "%d", kr.k[ci].id);
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 60000);
	for (;;) {
		PGresult *r;
		int i, n;
		snprintf(off, sizeof(off), "%ld", bad);	/* skipped rows stay first */
		if (db_begin(&db) != 0 || (r = db_exec(&db, STMT_WISH_SEALED_OLD, p)) == NULL) {
			rc = 1;
			break;
		}
		n = PQntuples(r);
		for (i = 0; i < n; i++)
			if (reseal_row(&db, &kr, r, i, kr.k[ci].id, &done) != 0)
				bad++;
		PQclear(r);
		if (db_commit(&db) != 0) {
			rc = 1;
			break;
		}
		if (n == 0)
			break;
	}
	if (rc == 0) {	/* evaluation comments and stored import files (sql/064) */
		import_set_keyring(&kr);
		if (sealed_rekey(&db, &sdone, &bad) != 0)
			rc = 1;
		import_set_keyring(NULL);
	}
	db_close(&db);
	keyring_wipe(&kr);
	if (rc == 0)
		printf("rekey: %ld values re-encrypted to key %s\n"
		    "rekey: %ld sealed fields (evaluation comments, import file chunks) on key %s\n",
		    done, cur, sdone, cur);
	if (bad) {
		fprintf(stderr, "rekey: %ld values could not be opened and were left as they are\n", bad);
		rc = 1;
	}
	return rc;
}

/* account issue [--all | --unit CODE | STAFF_NO...]: accounts for the staff
 * in service today who have none (cgi/accounts.c), one "LOGIN CODE" line
 * each on stdout; lines that could not be issued go to stderr. Exit 1 when
 * any line failed (the others are issued all the same). */
static void usage(void);

static int
cmd_account_issue(int argc, char *argv[])
{
	struct acct_issue is = { .actor = 0, .days = cfg.activation_days, .now = time(NULL) };
	unsigned char secret[64];
	enum acct_scope sc = ACCT_LIST;
	const char *unit = NULL;
	char msg[256], detail[160], shown[ACCT_CODE_SHOWN + 1];
	long *lines = NULL;
	struct db db;
	size_t i, n = 0;
	FILE *fp;
	int rc = 1;

	if (argc == 3 && strcmp(argv[2], "--all") == 0)
		sc = ACCT_ALL;
	else if (argc == 4 && strcmp(argv[2], "--unit") == 0) {
		sc = ACCT_UNIT;
		unit = argv[3];
	} else if (argc < 3 || argv[2][0] == '-')
		usage();
	else {
		n = (size_t)argc - 2;
		lines = xcalloc(n, sizeof(*lines));
		for (i = 0; i < n; i++)
			lines[i] = (long)i + 1;
	}
	if ((fp = fopen(cfg.secret_key, "rb")) == NULL ||
	    (is.secretlen = fread(secret, 1, sizeof(secret), fp)) < 32) {
		fprintf(stderr, "account issue: cannot read 32 bytes from %s (paths.secret_key)\n", cfg.secret_key);
		if (fp)
			fclose(fp);
		free(lines);
		return 1;
	}
	fclose(fp);
	is.secret = secret;
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 300000);
	is.db = &db;
	snprintf(msg, sizeof(msg), "cannot connect to the database");
	if (db_begin(&db) != 0 ||
	    acct_issue_run(&is, sc, unit, sc == ACCT_LIST ? argv + 2 : NULL, lines, n, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "account issue: %s\n", msg);
		goto out;
	}
	snprintf(detail, sizeof(detail), "{\"batch\":%ld,\"scope\":\"%s\",\"unit\":\"%.20s\",\"issued\":%ld,\"errors\":%ld}",
	    is.batch, sc == ACCT_ALL ? "all" : sc == ACCT_UNIT ? "unit" : "list", unit ? unit : "", is.issued, is.failed);
	cli_audit(&db, "create", "account/issue", detail);
	if (db_commit(&db) != 0) {
		fprintf(stderr, "account issue: could not commit; nothing was issued\n");
		goto out;
	}
	for (i = 0; i < is.nlines; i++) {
		const struct acct_line *x = &is.lines[i];
		if (x->error) {
			fprintf(stderr, "%s: %s\n", x->no, x->error);
			continue;
		}
		acct_code_group(x->code, shown);
		printf("%s %s\n", x->login, shown);
	}
	OPENSSL_cleanse(shown, sizeof(shown));
	fprintf(stderr, "issued %ld, failed %ld, codes valid through %s\n", is.issued, is.failed, is.expiry);
	rc = is.failed ? 1 : 0;
out:
	acct_issue_free(&is);
	db_close(&db);
	free(lines);
	OPENSSL_cleanse(secret, sizeof(secret));
	return rc;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: tmsctl -c CONFIG COMMAND [ARGS]\n"
	    "  check-config             validate the configuration file\n"
	    "  migrate SQLDIR           apply pending migrations and changed function files\n"
	    "  account issue [--all | --unit CODE | STAFF_NO...]\n"
	    "                           accounts for staff in service without one; prints\n"
	    "                           LOGIN CODE lines (one-time activation codes)\n"
	    "  useradd LOGIN ROLE NAME [STAFF_NO]\n"
	    "                           create or reset an account (password on stdin),\n"
	    "                           linked to a staff record if STAFF_NO is given\n"
	    "  import KIND FILE [--mapping FILE] [--dry-run] [--encoding auto|utf-8|cp932] [--sync]\n"
	    "                           import a CSV file (KIND: staff units appointments\n"
	    "                           qualifications training evaluations skills duties\n"
	    "                           duty_assignments)\n"
	    "  export KIND [--encoding utf-8|cp932] [--as-of DATE]\n"
	    "                           write KIND as CSV (the format import reads) to stdout\n"
	    "  totp-set LOGIN BASE32    turn on the account's second factor with this TOTP key\n"
	    "  keygen                   add a new key to the wishes key ring (paths.wish_keys)\n"
	    "  rekey                    re-encrypt confidential wishes, evaluation comments and\n"
	    "                           stored import files to the newest key\n"
	    "  seal                     seal evaluation comments and import files still stored plain\n"
	    "  import-file ID           the file stored with import ID (opened, checked) on stdout\n"
	    "  audit verify [--from DATE]\n"
	    "                           check the audit trail's hash chain; names the first\n"
	    "                           changed, removed or out-of-order row (exit 1)\n"
	    "  audit export --out FILE [--from DATE] [--to DATE] [--actor LOGIN]\n"
	    "               [--subject STAFF_NO] [--action ACTION]\n"
	    "                           the audit trail as CSV in FILE, its SHA-256 in\n"
	    "                           FILE.sha256 (sha256sum -c); the export is audited\n"
	    "  retention run [--as-of DATE]\n"
	    "                           apply the retention periods (retention.*) and say\n"
	    "                           what was removed\n"
	    "  purge --everything --confirm CITY --report FILE\n"
	    "                           end of service: remove every personal record, account,\n"
	    "                           session, stored file, photo and the key files; CITY must\n"
	    "                           be the configuration's city:; writes the deletion report\n"
	    "  mail-send [--once|--loop] [--command PATH] [--timeout S] [--attempts N] [--poll S]\n"
	    "                           send the queued mail (wishes.mail_command); --loop\n"
	    "                           keeps waiting for more (LISTEN/NOTIFY)\n");
	exit(2);
}

static int
file_write(void *arg, const char *d, size_t n)
{
	return fwrite(d, 1, n, arg) == n ? 0 : -1;
}

/* audit verify [--from DATE] | audit export --out FILE [filters] */
static int
cmd_audit(int argc, char *argv[])
{
	static const char *const opt[] = { "--action", "--actor", "--subject", "--from", "--to" };
	const char *f[5] = { "", "", "", "", "" }, *out = NULL, *base;
	char dates[2][11], sha[65], detail[1024], actor[96], *man;
	struct db db;
	long rows = 0;
	int i, k, rc, y, m, d;
	FILE *fp;

	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--out") == 0) {
			out = argv[i + 1];
			continue;
		}
		for (k = 0; k < 5 && strcmp(argv[i], opt[k]) != 0; k++)
			;
		if (k == 5)
			break;
		f[k] = argv[i + 1];
		if (k >= 3) {	/* dates: 西暦 or 和暦, as on the page */
			const char *why;
			if (jdate_parse(f[k], &y, &m, &d, &why) != 0) {
				fprintf(stderr, "audit: %s %s: %s\n", opt[k], f[k], why);
				return 2;
			}
			snprintf(dates[k - 3], sizeof(dates[0]), "%04d-%02d-%02d", y, m, d);
			f[k] = dates[k - 3];
		}
	}
	if (i != argc || (strcmp(argv[1], "verify") == 0 && (out || f[0][0] || f[1][0] ||
	    f[2][0] || f[4][0])) || (strcmp(argv[1], "export") == 0 && out == NULL) ||
	    (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "export") != 0))
		usage();
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	if (strcmp(argv[1], "verify") == 0) {
		rc = audit_verify(&db, f[3][0] ? f[3] : NULL, stdout);
		db_close(&db);
		return rc;
	}
	if ((fp = fopen(out, "wbx")) == NULL) {
		fprintf(stderr, "audit export: cannot create %s (it must not exist)\n", out);
		db_close(&db);
		return 2;
	}
	rc = audit_export(&db, f, file_write, fp, sha, &rows);
	if (fclose(fp) != 0)
		rc = -1;
	base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	man = xmalloc(strlen(out) + 8);
	sprintf(man, "%s.sha256", out);
	if (rc == 0) {
		if ((fp = fopen(man, "w")) == NULL)
			rc = -1;
		else if ((fprintf(fp, "%s  %s\n", sha, base) < 0) + (fclose(fp) != 0))
			rc = -1;
	}
	if (rc == 0) {
		json_object *o = json_object_new_object();
		for (k = 0; k < 5; k++)
			if (f[k][0])
				json_object_object_add(o, opt[k] + 2, json_object_new_string(f[k]));
		json_object_object_add(o, "rows", json_object_new_int64(rows));
		json_object_object_add(o, "sha256", json_object_new_string(sha));
		snprintf(detail, sizeof(detail), "%s", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
		cli_actor(actor, sizeof(actor));
		{
			const char *p[9] = { "0", "0", actor, "export", "0", "audit_log", detail, "local", "ok" };
			if (audit_add(&db, p) != 0) {
				fprintf(stderr, "audit export: the export could not be audited: files removed\n");
				rc = -1;
			}
		}
	}
	if (rc != 0) {
		fprintf(stderr, "audit export: failed\n");
		(void)unlink(out);
		(void)unlink(man);
	} else
		printf("%s  %s\n%ld rows\n", sha, base, rows);
	free(man);
	db_close(&db);
	return rc == 0 ? 0 : 2;
}

/* retention run [--as-of DATE] */
static int
cmd_retention(const char *asof)
{
	char day[11], actor[96];
	struct db db;
	int y, m, d, rc;
	const char *why;
	time_t now = time(NULL);

	if (asof != NULL) {
		if (jdate_parse(asof, &y, &m, &d, &why) != 0) {
			fprintf(stderr, "retention: --as-of %s: %s\n", asof, why);
			return 2;
		}
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	} else
		strftime(day, sizeof(day), "%Y-%m-%d", localtime(&now));
	cli_actor(actor, sizeof(actor));
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	rc = retention_run(&db, &cfg, day, actor, stdout);
	db_close(&db);
	return rc;
}

/* purge --everything --confirm CITY --report FILE */
static int
cmd_purge(const char *city, const char *report)
{
	char actor[160];
	const char *sudo = getenv("SUDO_USER");
	struct db db;
	int rc;

	if (cfg.city == NULL || *cfg.city == '\0') {
		fprintf(stderr, "purge: refused: the configuration names no city (city:)\n");
		return 2;
	}
	if (strcmp(city, cfg.city) != 0) {
		fprintf(stderr, "purge: refused: --confirm must be the city's name as in the configuration\n");
		return 2;
	}
	cli_actor(actor, sizeof(actor));
	if (sudo != NULL && strlen(actor) < 100)
		snprintf(actor + strlen(actor), sizeof(actor) - strlen(actor), " (sudo by %.50s)", sudo);
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 600000);
	rc = purge_everything(&db, &cfg, actor, report, stdout);
	db_close(&db);
	return rc;
}

/* Commands that change data or keys (and export, which reads everyone's
 * records): only root and members of the tms-admin group may run them
 * (created by scripts/tms and the package's postinst). Those marked 1 write
 * no audit row of their own: main() writes one after the run. */
static const struct { const char *name; int audit; } admin_cmds[] = {
	{ "migrate", 1 }, { "useradd", 1 }, { "keygen", 1 }, { "rekey", 1 }, { "seal", 1 }, { "import-file", 1 },
	{ "account", 0 }, { "import", 0 }, { "export", 0 }, { "totp-set", 0 }, { "audit", 0 },
	{ "retention", 0 }, { "purge", 0 },
};
#define ADMIN_GROUP "tms-admin"

/* -1: anyone may run CMD; else its index in admin_cmds, after checking
 * that the real user is root or in ADMIN_GROUP (exit 77 with why if not). */
static int
operator_check(const char *cmd)
{
	struct group *g;
	gid_t *gs;
	size_t k;
	int i, n;

	for (k = 0; k < sizeof(admin_cmds) / sizeof(admin_cmds[0]); k++)
		if (strcmp(cmd, admin_cmds[k].name) == 0)
			break;
	if (k == sizeof(admin_cmds) / sizeof(admin_cmds[0]))
		return -1;
	if (getuid() == 0)
		return (int)k;
	if ((g = getgrnam(ADMIN_GROUP)) != NULL) {
		if (getgid() == g->gr_gid)
			return (int)k;
		n = getgroups(0, NULL);
		gs = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*gs));
		n = getgroups(n, gs);
		for (i = 0; i < n && gs[i] != g->gr_gid; i++)
			;
		free(gs);
		if (i < n)
			return (int)k;
	}
	{
		struct passwd *pw = getpwuid(getuid());
		fprintf(stderr, "tmsctl %s: refused: user %s is not in the group %s "
		    "(commands that change data or keys are for root and members of %s%s)\n",
		    cmd, pw ? pw->pw_name : "?", ADMIN_GROUP, ADMIN_GROUP,
		    g ? "" : ", which does not exist on this host");
	}
	exit(77);
}

/* The audit row of a command that writes none itself. */
static void
cli_audit_run(const char *cmd, int rc)
{
	char actor[96], detail[96];
	const char *p[9] = { "0", "0", actor, "update", "0", "tmsctl", detail, "local",
	    rc == 0 ? "ok" : "error" };
	struct db db;

	cli_actor(actor, sizeof(actor));
	snprintf(detail, sizeof(detail), "{\"command\": \"%s\", \"exit\": %d}", cmd, rc);
	db_init(&db, "owner", cfg.db_owner ? cfg.db_owner : cfg.db_rw, stmts_table(), STMT__MAX, 60000);
	if (audit_add(&db, p) != 0)
		fprintf(stderr, "warning: could not write the audit log\n");
	db_close(&db);
}

int
main(int argc, char *argv[])
{
	const char *conf = NULL;
	char err[512];
	int ch, rc, op;

	log_set_tag("tmsctl");
	while ((ch = getopt(argc, argv, "+c:")) != -1) {
		if (ch == 'c')
			conf = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (conf == NULL || argc < 1)
		usage();
	if (config_load(conf, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	op = operator_check(argv[0]);
	/* commands that write audit rows chain them (cgi/auditchain.c) */
	if (op >= 0 && auditchain_load(cfg.audit_key) != 0)
		fprintf(stderr, "warning: no audit key: audit rows cannot be written or checked\n");
	if (strcmp(argv[0], "check-config") == 0) {
		printf("%s: ok\n", conf);
		rc = 0;
	} else if (strcmp(argv[0], "migrate") == 0 && argc == 2) {
		PGconn *c = PQconnectdb(cfg.db_owner ? cfg.db_owner : cfg.db_rw);
		if (PQstatus(c) != CONNECTION_OK) {
			fprintf(stderr, "migrate: %s", PQerrorMessage(c));
			rc = 1;
		} else {
			rc = migrate_run(c, argv[1]);
		}
		PQfinish(c);
	} else if (strcmp(argv[0], "useradd") == 0 && (argc == 4 || argc == 5))
		rc = cmd_useradd(argv[1], argv[2], argv[3], argc == 5 ? argv[4] : "");
	else if (strcmp(argv[0], "account") == 0 && argc >= 2 && strcmp(argv[1], "issue") == 0)
		rc = cmd_account_issue(argc, argv);
	else if (strcmp(argv[0], "import") == 0 && argc >= 3)
		rc = cmd_import(argc, argv);
	else if (strcmp(argv[0], "export") == 0 && argc >= 2)
		rc = cmd_export(argc, argv);
	else if (strcmp(argv[0], "totp-set") == 0 && argc == 3)
		rc = cmd_totp_set(argv[1], argv[2]);
	else if (strcmp(argv[0], "keygen") == 0 && argc == 1)
		rc = cmd_keygen();
	else if (strcmp(argv[0], "import-file") == 0 && argc == 2)
		rc = cmd_import_file(argv[1]);
	else if (strcmp(argv[0], "seal") == 0 && argc == 1)
		rc = cmd_seal();
	else if (strcmp(argv[0], "rekey") == 0 && argc == 1)
		rc = cmd_rekey();
	else if (strcmp(argv[0], "audit") == 0 && argc >= 2)
		rc = cmd_audit(argc, argv);
	else if (strcmp(argv[0], "retention") == 0 && (argc == 2 || argc == 4) &&
	    strcmp(argv[1], "run") == 0 && (argc == 2 || strcmp(argv[2], "--as-of") == 0))
		rc = cmd_retention(argc == 4 ? argv[3] : NULL);
	else if (strcmp(argv[0], "purge") == 0 && argc == 6 && strcmp(argv[1], "--everything") == 0 &&
	    strcmp(argv[2], "--confirm") == 0 && strcmp(argv[4], "--report") == 0)
		rc = cmd_purge(argv[3], argv[5]);
	else if (strcmp(argv[0], "mail-send") == 0)
		rc = mailq_send(&cfg, argc, argv);
	else
		usage();
	if (op >= 0 && admin_cmds[op].audit)
		cli_audit_run(argv[0], rc);
	config_free(&cfg);
	return rc;
}
