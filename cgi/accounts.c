/* accounts.c: one-time codes and the bulk issue of accounts, shared by the
 * pages (h_accounts.c) and tmsctl. A code is 20 letters of a 32-letter
 * alphabet (100 bits) from OpenSSL's RNG. The database keeps its
 * HMAC-SHA256 under the server secret (a keyed hash: the database alone
 * cannot test guesses; the entropy makes a slow KDF unnecessary, so 300,000
 * codes issue in seconds) and, for ACCT_NOTICE_MINUTES only, a copy sealed
 * with AES-256-GCM under a key derived from the same secret, bound to the
 * hash, from which the issuer's notices and CSV are printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "accounts.h"
#include "buf.h"
#include "req.h"
#include "seal.h"
#include "stmts.h"

_Static_assert(ACCT_SEALED_HEX == 2 * (ACCT_CODE_LEN + SEAL_OVERHEAD), "sealed code size");

/* No 0 O 1 I: nothing to confuse on paper. 32 letters: 5 bits each. */
static const char code_alpha[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

int
acct_code_new(char out[ACCT_CODE_LEN + 1])
{
	unsigned char rnd[ACCT_CODE_LEN];
	size_t i;

	if (crypto_random(rnd, sizeof(rnd)) != 0)
		return -1;
	for (i = 0; i < ACCT_CODE_LEN; i++)
		out[i] = code_alpha[rnd[i] & 31];	/* 256 = 8 * 32: no bias */
	out[ACCT_CODE_LEN] = '\0';
	OPENSSL_cleanse(rnd, sizeof(rnd));
	return 0;
}

int
acct_code_norm(const char *in, char out[ACCT_CODE_LEN + 1])
{
	const unsigned char *p = (const unsigned char *)in;
	size_t n = 0;

	while (*p) {
		unsigned ch = *p++;

		/* full-width ASCII (U+FF01..FF5E: EF BC 81..EF BD 9E), typed
		 * with the IME on, counts as ASCII */
		if (ch == 0xEF && (p[0] == 0xBC || p[0] == 0xBD) && (p[1] & 0xC0) == 0x80) {
			ch = (p[0] == 0xBC ? 0x20u : 0x60u) + (p[1] & 0x3Fu);
			p += 2;
		} else if (ch == 0xE3 && ((p[0] == 0x80 && p[1] == 0x80) ||
		    (p[0] == 0x83 && p[1] == 0xBC))) {
			p += 2;	/* ideographic space, or ー typed for a hyphen */
			continue;
		}
		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if (ch == 0 || strchr(code_alpha, (int)ch) == NULL || n == ACCT_CODE_LEN)
			return -1;
		out[n++] = (char)ch;
	}
	out[n] = '\0';
	return n == ACCT_CODE_LEN ? 0 : -1;
}

void
acct_code_group(const char *code, char out[ACCT_CODE_SHOWN + 1])
{
	size_t i, n = 0;

	for (i = 0; i < ACCT_CODE_LEN && code[i]; i++) {
		if (i && i % 4 == 0)
			out[n++] = '-';
		out[n++] = code[i];
	}
	out[n] = '\0';
}

void
acct_code_hash(const unsigned char *key, size_t keylen, const char *norm,
    char out[SHA256_HEX_LEN + 1])
{
	char msg[ACCT_CODE_LEN + 8];

	snprintf(msg, sizeof(msg), "code:%s", norm);
	crypto_hmac_hex(key, keylen, msg, strlen(msg), out);
	OPENSSL_cleanse(msg, sizeof(msg));
}

/* The sealing key of the notice copies: HMAC(secret, "account-code-seal"). */
static void
seal_key(const unsigned char *secret, size_t len, struct keyring *kr)
{
	static const char label[] = "account-code-seal";
	char hex[SHA256_HEX_LEN + 1];

	memset(kr, 0, sizeof(*kr));
	crypto_hmac_hex(secret, len, label, sizeof(label) - 1, hex);
	kr->n = 1;
	kr->k[0].id = 1;
	(void)crypto_unhex(hex, kr->k[0].key, SEAL_KEYLEN);	/* our own hex */
	OPENSSL_cleanse(hex, sizeof(hex));
}

static int
code_seal(const struct keyring *kr, const char *code, const char *hash,
    char out[ACCT_SEALED_HEX + 1])
{
	unsigned char s[ACCT_CODE_LEN + SEAL_OVERHEAD];
	int kid;

	if (seal(kr, hash, SHA256_HEX_LEN, code, ACCT_CODE_LEN, s, &kid) != 0)
		return -1;
	crypto_hex(s, sizeof(s), out);
	return 0;
}

int
acct_code_seal(const unsigned char *secret, size_t len, const char *code, const char *hash,
    char out[ACCT_SEALED_HEX + 1])
{
	struct keyring kr;
	int rc;

	seal_key(secret, len, &kr);
	rc = code_seal(&kr, code, hash, out);
	keyring_wipe(&kr);
	return rc;
}

int
acct_code_unseal(const unsigned char *secret, size_t len, const char *hex,
    const char *hash, char out[ACCT_CODE_LEN + 1])
{
	unsigned char s[ACCT_CODE_LEN + SEAL_OVERHEAD];
	struct keyring kr;
	size_t n = 0;
	int rc = -1;

	/* bytea as text: \x followed by hex */
	if (strncmp(hex, "\\x", 2) == 0)
		hex += 2;
	if (strlen(hex) != 2 * sizeof(s))
		return -1;
	if (crypto_unhex(hex, s, sizeof(s)) != 0)
		return -1;
	seal_key(secret, len, &kr);
	if (unseal(&kr, 1, hash, SHA256_HEX_LEN, s, sizeof(s), (unsigned char *)out, &n) == 0 &&
	    n == ACCT_CODE_LEN) {
		out[n] = '\0';
		rc = 0;
	}
	keyring_wipe(&kr);
	return rc;
}

time_t
acct_expiry(time_t now, int days, char last[11])
{
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mday += days;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	(void)mktime(&tm);
	strftime(last, 11, "%Y-%m-%d", &tm);
	tm.tm_mday += 1;
	tm.tm_hour = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
staff_no_ok(const char *s)
{
	size_t n = strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-");

	return n >= 1 && n <= 20 && s[n] == '\0';
}

size_t
acct_list_parse(const char *text, char ***nos, long **lines)
{
	size_t n = 0, cap = 0;
	long line = 0;
	const char *p = text;

	*nos = NULL;
	*lines = NULL;
	/* a UTF-8 byte order mark (a spreadsheet's CSV) */
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (*p) {
		size_t len = strcspn(p, "\r\n"), f;
		const char *q = p;

		line++;
		while (len && (*q == ' ' || *q == '\t' || *q == '"')) {
			q++;
			len--;
		}
		f = strcspn(q, ",\t\"\r\n");
		while (f && q[f - 1] == ' ')
			f--;
		if (f > 0 || len > 0) {
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				*nos = xrealloc(*nos, cap * sizeof(**nos));
				*lines = xrealloc(*lines, cap * sizeof(**lines));
			}
			(*nos)[n] = xstrndup(q, f > 60 ? 60 : f);
			(*lines)[n] = line;
			n++;
		}
		p = q + len;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	return n;
}

/* PostgreSQL array literal of plain tokens (staff numbers, hex, ids). */
static void
arr_add(struct buf *b, const char *v)
{
	buf_putc(b, b->len ? ',' : '{');
	buf_puts(b, v);
}

static void
arr_end(struct buf *b)
{
	if (b->len == 0)
		buf_putc(b, '{');
	buf_putc(b, '}');
}

static const char *
status_error(const char *st)
{
	if (strcmp(st, "unknown") == 0)
		return "この職員番号の職員はいません";
	if (strcmp(st, "out") == 0)
		return "本日在職していない職員です";
	if (strcmp(st, "has") == 0)
		return "既にアカウントがあります";
	if (strcmp(st, "badlogin") == 0)
		return "職員番号が1文字のため、ログインIDにできません";
	if (strcmp(st, "taken") == 0)
		return "職員番号と同じログインIDを別のアカウントが使っています";
	return NULL;
}

static int
person_cmp(const void *a, const void *b)
{
	const struct acct_line *x = *(struct acct_line *const *)a, *y = *(struct acct_line *const *)b;

	if (x->staff_id != y->staff_id)
		return x->staff_id < y->staff_id ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Candidates: one line per listed number, or per person of the scope. */
static int
candidates(struct acct_issue *is, enum acct_scope scope, const char *unit,
    char *const *nos, const long *lineno, size_t n, const char *today,
    char *msg, size_t msglen)
{
	static const char *const modes[] = { "all", "unit", "list" };
	struct buf a, l;
	PGresult *r;
	size_t i, bad = 0;
	int k;

	buf_init(&a);
	buf_init(&l);
	for (i = 0; i < n; i++)
		if (staff_no_ok(nos[i])) {
			char ln[24];
			arr_add(&a, nos[i]);
			snprintf(ln, sizeof(ln), "%ld", lineno[i]);
			arr_add(&l, ln);
		}
	arr_end(&a);
	arr_end(&l);
	{
		const char *p[5] = { modes[scope], unit ? unit : "", a.data, l.data, today };
		r = db_exec(is->db, STMT_ACCT_ISSUE_CANDIDATES, p);
	}
	buf_free(&a);
	buf_free(&l);
	if (r == NULL) {
		snprintf(msg, msglen, "データベースのエラーで発行できませんでした。");
		return -1;
	}
	is->nlines = (size_t)PQntuples(r);
	for (i = 0; i < n; i++)
		bad += !staff_no_ok(nos[i]);
	is->lines = xcalloc(is->nlines + bad + 1, sizeof(*is->lines));
	for (k = 0; k < PQntuples(r); k++) {
		struct acct_line *x = &is->lines[k];
		x->line = strtol(PQgetvalue(r, k, 0), NULL, 10);
		snprintf(x->no, sizeof(x->no), "%s", PQgetvalue(r, k, 3)[0] ?
		    PQgetvalue(r, k, 3) : PQgetvalue(r, k, 1));
		x->staff_id = strtol(PQgetvalue(r, k, 2), NULL, 10);
		snprintf(x->login, sizeof(x->login), "%s", PQgetvalue(r, k, 5));
		x->error = status_error(PQgetvalue(r, k, 4));
	}
	PQclear(r);
	for (i = 0; i < n; i++)	/* lines that cannot be a staff number */
		if (!staff_no_ok(nos[i])) {
			struct acct_line *x = &is->lines[is->nlines++];
			x->line = lineno[i];
			/* shown as typed, cut at a character; not UTF-8 (a CP932
			 * file's header): shown as far as it is */
			size_t cut = utf8_valid_prefix(nos[i], strlen(nos[i]) > 20 ? 20 : strlen(nos[i]));
			snprintf(x->no, sizeof(x->no), "%.*s", (int)cut, nos[i]);
			x->error = "職員番号の形式ではありません（英数字と - で20文字まで）";
		}
	/* the same person twice in a list: the first line counts (the rows
	 * come in line order; sorted by person, then line) */
	if (scope == ACCT_LIST && is->nlines > 1) {
		struct acct_line **v = xcalloc(is->nlines, sizeof(*v));
		for (i = 0; i < is->nlines; i++)
			v[i] = &is->lines[i];
		qsort(v, is->nlines, sizeof(*v), person_cmp);
		for (i = 1; i < is->nlines; i++)
			if (v[i]->staff_id != 0 && v[i]->staff_id == v[i - 1]->staff_id && v[i]->error == NULL)
				v[i]->error = "同じ職員番号が前の行にあります";
		free(v);
	}
	return 0;
}

#define CHUNK	5000

static int
long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Insert the accounts and codes of lines[from..to) that are still ok. */
static int
insert_chunk(struct acct_issue *is, const struct keyring *kr, size_t from,
    size_t to, time_t expires, const char *purpose)
{
	struct buf ids, hashes, sealed;
	char batch[24], exp[24], actor[24];
	PGresult *r;
	size_t i;
	int k, rc = 0;

	buf_init(&ids);
	buf_init(&hashes);
	buf_init(&sealed);
	for (i = from; i < to; i++) {
		struct acct_line *x = &is->lines[i];
		char hash[SHA256_HEX_LEN + 1], s[ACCT_SEALED_HEX + 1], id[24];

		if (x->error)
			continue;
		if (acct_code_new(x->code) != 0)
			return -1;
		acct_code_hash(is->secret, is->secretlen, x->code, hash);
		if (code_seal(kr, x->code, hash, s) != 0)
			return -1;
		snprintf(id, sizeof(id), "%ld", x->staff_id);
		arr_add(&ids, id);
		arr_add(&hashes, hash);
		arr_add(&sealed, s);
	}
	if (ids.len == 0)
		goto out;
	arr_end(&ids);
	arr_end(&hashes);
	arr_end(&sealed);
	snprintf(batch, sizeof(batch), "%ld", is->batch);
	snprintf(exp, sizeof(exp), "%lld", (long long)expires);
	snprintf(actor, sizeof(actor), "%ld", is->actor);
	{
		const char *p[7] = { ids.data, hashes.data, sealed.data, batch, exp, actor, purpose };
		if ((r = db_exec(is->db, STMT_ACCT_ISSUE_BULK, p)) == NULL) {
			rc = -1;
			goto out;
		}
	}
	/* lines the insert did not take (a concurrent issue won) */
	{
		long *got = xcalloc((size_t)PQntuples(r) + 1, sizeof(*got));
		for (k = 0; k < PQntuples(r); k++)
			got[k] = strtol(PQgetvalue(r, k, 0), NULL, 10);
		qsort(got, (size_t)PQntuples(r), sizeof(*got), long_cmp);
		for (i = from; i < to; i++) {
			struct acct_line *x = &is->lines[i];
			if (x->error || bsearch(&x->staff_id, got, (size_t)PQntuples(r),
			    sizeof(*got), long_cmp) != NULL)
				continue;
			x->error = "既にアカウントがあります";
			OPENSSL_cleanse(x->code, sizeof(x->code));
		}
		free(got);
	}
	PQclear(r);
out:
	buf_free(&ids);
	buf_free(&hashes);
	buf_free(&sealed);
	return rc;
}

static int
line_cmp(const void *a, const void *b)
{
	const struct acct_line *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->no, y->no);
}

long
acct_code_reissue(struct db *db, const unsigned char *secret, size_t len,
    long account, long actor, int days, time_t now, char code[ACCT_CODE_LEN + 1],
    char last[11])
{
	char hash[SHA256_HEX_LEN + 1], s[ACCT_SEALED_HEX + 1];
	char acc[24], batch[24], exp[24], act[24];
	const char *p[7] = { acc, hash, s, batch, exp, act, "reset" };
	PGresult *r;
	long b;
	int rc;

	if ((r = db_exec(db, STMT_ACCT_BATCH_NEW, NULL)) == NULL)
		return -1;
	b = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	if (acct_code_new(code) != 0)
		return -1;
	acct_code_hash(secret, len, code, hash);
	if (acct_code_seal(secret, len, code, hash, s) != 0)
		return -1;
	snprintf(acc, sizeof(acc), "%ld", account);
	snprintf(batch, sizeof(batch), "%ld", b);
	snprintf(exp, sizeof(exp), "%lld", (long long)acct_expiry(now, days, last));
	snprintf(act, sizeof(act), "%ld", actor);
	if ((r = db_exec(db, STMT_ACCT_CODE_REISSUE, p)) == NULL)
		return -1;
	rc = PQntuples(r);
	PQclear(r);
	return rc == 1 ? b : 0;
}

int
acct_issue_run(struct acct_issue *is, enum acct_scope scope, const char *unit,
    char *const *nos, const long *lineno, size_t n, char *msg, size_t msglen)
{
	struct keyring kr;
	char today[11];
	time_t expires;
	size_t i;
	struct tm tm;
	PGresult *r;

	is->lines = NULL;
	is->nlines = 0;
	is->issued = is->failed = 0;
	localtime_r(&is->now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (scope == ACCT_UNIT) {
		const char *p[2] = { unit, today };
		int found;
		if ((r = db_exec(is->db, STMT_ACCT_UNIT_FIND, p)) == NULL) {
			snprintf(msg, msglen, "データベースのエラーで発行できませんでした。");
			return -1;
		}
		found = PQntuples(r) == 1;
		PQclear(r);
		if (!found) {
			snprintf(msg, msglen, "組織コード「%.20s」の組織は本日ありません。", unit);
			return -1;
		}
	}
	if (candidates(is, scope, unit, nos, lineno, n, today, msg, msglen) != 0)
		return -1;
	if ((r = db_exec(is->db, STMT_ACCT_BATCH_NEW, NULL)) == NULL) {
		snprintf(msg, msglen, "データベースのエラーで発行できませんでした。");
		return -1;
	}
	is->batch = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	{
		char mins[8];
		const char *p[1] = { mins };
		snprintf(mins, sizeof(mins), "%d", ACCT_NOTICE_MINUTES);
		(void)db_command(is->db, STMT_ACCT_NOTICE_PURGE, p);
	}
	expires = acct_expiry(is->now, is->days, is->expiry);
	seal_key(is->secret, is->secretlen, &kr);
	for (i = 0; i < is->nlines; i += CHUNK)
		if (insert_chunk(is, &kr, i, i + CHUNK < is->nlines ? i + CHUNK : is->nlines,
		    expires, "activate") != 0) {
			keyring_wipe(&kr);
			snprintf(msg, msglen, "データベースのエラーで発行できませんでした。");
			return -1;
		}
	keyring_wipe(&kr);
	qsort(is->lines, is->nlines, sizeof(*is->lines), line_cmp);
	for (i = 0; i < is->nlines; i++) {
		if (is->lines[i].error)
			is->failed++;
		else
			is->issued++;
	}
	return 0;
}

void
acct_issue_free(struct acct_issue *is)
{
	if (is->lines) {
		OPENSSL_cleanse(is->lines, is->nlines * sizeof(*is->lines));
		free(is->lines);
	}
	is->lines = NULL;
	is->nlines = 0;
}
