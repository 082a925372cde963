/* h_accounts.c: accounts for staff members (issue 13).
 *  /admin/accounts/issue      hr, admin: issue accounts for everyone in
 *                             service without one, a unit (with sub-units),
 *                             or a pasted/uploaded list of 職員番号
 *  /admin/accounts/notices    the issuer's A4 notices (初回ログインのお知らせ),
 *  /admin/accounts/notices.csv  and the CSV for mail merge, for
 *                             ACCT_NOTICE_MINUTES after issuing only
 *  /account/password          set a password after a one-time code (the
 *                             session's stage 'password': nothing else opens)
 * and the password rules, shared with the change-password page. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include "accounts.h"
#include "app.h"
#include "csv.h"
#include "handlers.h"
#include "jdate.h"
#include "log.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

#define NOTICES_PAGE	500	/* notices per page (one person per A4 sheet) */
#define ERRORS_SHOWN	1000

/* ------------------------------------------------------------ common passwords */

static char	**common;	/* sorted, lower case */
static size_t	  ncommon;

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
acct_common_load(const char *path)
{
	FILE *fp;
	char line[256];
	size_t cap = 0;

	if (common != NULL)
		return 0;
	if (path == NULL || (fp = fopen(path, "r")) == NULL) {
		log_err("common passwords: cannot open %s", path ? path : "(paths.common_passwords not set)");
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t n = strcspn(line, "\r\n"), i;
		if (n == 0 || line[0] == '#')
			continue;
		line[n] = '\0';
		for (i = 0; i < n; i++)
			line[i] = (char)tolower((unsigned char)line[i]);
		if (ncommon == cap) {
			cap = cap ? 2 * cap : 16384;
			common = xrealloc(common, cap * sizeof(*common));
		}
		common[ncommon++] = xstrdup(line);
	}
	fclose(fp);
	qsort(common, ncommon, sizeof(*common), str_cmp);
	log_info("common passwords: %zu loaded from %s", ncommon, path);
	return 0;
}

static int
is_common(const char *lower)
{
	char base[1100];
	size_t n;

	if (bsearch(&lower, common, ncommon, sizeof(*common), str_cmp) != NULL)
		return 1;
	/* a listed word with digits or symbols added at the end */
	snprintf(base, sizeof(base), "%s", lower);
	n = strlen(base);
	while (n > 0 && strchr("0123456789!@#$%^&*()_+-=.,?/~;:[]{}|<>'\"`\\", base[n - 1]))
		base[--n] = '\0';
	if (n >= 4 && n < strlen(lower)) {
		const char *b = base;
		return bsearch(&b, common, ncommon, sizeof(*common), str_cmp) != NULL;
	}
	return 0;
}

/* ------------------------------------------------------------ names */

static size_t
u8len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* katakana (U+30A1..U+30F4) in Hepburn, by code point from U+30A1; ""
 * for the small ya/yu/yo and tsu, handled by the caller */
static const char *const kana_roma[] = {
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o",
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do",
	"na", "ni", "nu", "ne", "no",
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
	"ma", "mi", "mu", "me", "mo",
	"", "ya", "", "yu", "", "yo",
	"ra", "ri", "ru", "re", "ro", "wa", "wa", "i", "e", "o", "n", "vu",
};

/* Romaji of a katakana reading; long marks and non-kana are dropped. */
static void
romaji(const char *kana, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)kana;
	size_t n = 0;
	int sokuon = 0;

	out[0] = '\0';
	while (*p && n + 8 < len) {
		unsigned cp, k;
		const char *r;

		if (p[0] != 0xE3 || (p[1] != 0x82 && p[1] != 0x83)) {
			p += (*p & 0x80) ? ((*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4) : 1;
			continue;
		}
		cp = ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		cp += 0x3000;
		p += 3;
		if (cp < 0x30A1 || cp > 0x30F4)
			continue;
		k = cp - 0x30A1;
		r = kana_roma[k];
		if (cp == 0x30C3) {	/* ッ: the next consonant doubles */
			sokuon = 1;
			continue;
		}
		if (cp == 0x30E3 || cp == 0x30E5 || cp == 0x30E7) {	/* ャュョ */
			const char *v = cp == 0x30E3 ? "a" : cp == 0x30E5 ? "u" : "o";
			if (n > 0 && out[n - 1] == 'i') {
				n--;
				if (!(n >= 2 && (strncmp(out + n - 2, "sh", 2) == 0 ||
				    strncmp(out + n - 2, "ch", 2) == 0)) && !(n >= 1 && out[n - 1] == 'j'))
					out[n++] = 'y';
			} else
				out[n++] = 'y';
			out[n++] = v[0];
			out[n] = '\0';
			continue;
		}
		if (sokuon && r[0] && strchr("aiueon", r[0]) == NULL)
			out[n++] = r[0] == 'c' ? 't' : r[0];
		sokuon = 0;
		n += (size_t)snprintf(out + n, len - n, "%s", r);
	}
	out[n] = '\0';
}

/* Long vowels written once: satou -> sato, oota -> ota, yuuko -> yuko. */
static void
romaji_short(const char *in, char *out, size_t len)
{
	size_t n = 0;

	for (; *in && n + 1 < len; in++) {
		if (n > 0 && ((*in == 'u' && (out[n - 1] == 'o' || out[n - 1] == 'u')) ||
		    (*in == 'o' && out[n - 1] == 'o')))
			continue;
		out[n++] = *in;
	}
	out[n] = '\0';
}

/* Katakana to hiragana (U+30A1..30F6 -> U+3041..3096). */
static void
hiragana(const char *in, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t n = 0;

	while (*p && n + 4 < len) {
		if (p[0] == 0xE3 && (p[1] == 0x82 || p[1] == 0x83)) {
			unsigned cp = 0x3000 + (((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F));
			if (cp >= 0x30A1 && cp <= 0x30F6)
				cp -= 0x60;
			out[n++] = (char)0xE3;
			out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (char)(0x80 | (cp & 0x3F));
			p += 3;
		} else
			out[n++] = (char)*p++;
	}
	out[n] = '\0';
}

/* pw (lower case) contains part (of at least min characters)? */
static int
has_part(const char *pw, const char *part, size_t min)
{
	char low[256];
	size_t i;

	snprintf(low, sizeof(low), "%s", part);
	for (i = 0; low[i]; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	/* spaces inside a reading or name ("ヤマダ タロウ") do not count */
	return u8len(low) >= min && strstr(pw, low) != NULL;
}

int
acct_password_check(struct ctx *c, long account, const char *pw, char *msg, size_t len)
{
	char idbuf[24], low[1100];
	const char *p[1] = { idbuf };
	PGresult *r;
	size_t i, n = strlen(pw);
	int bad = 0, col;

	if (u8len(pw) < (size_t)c->app->cfg->password_min_length) {
		snprintf(msg, len, "パスワードは%d文字以上にしてください。", c->app->cfg->password_min_length);
		return 1;
	}
	if (n >= sizeof(low)) {
		snprintf(msg, len, "パスワードが長すぎます（1,000バイトまで）。");
		return 1;
	}
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	if (common == NULL && acct_common_load(c->app->cfg->common_passwords) != 0) {
		snprintf(msg, len, "現在パスワードを設定できません（サーバの設定）。システム管理者にお問い合わせください。");
		return -1;
	}
	if (is_common(low)) {
		snprintf(msg, len, "よく使われるパスワード（またはそれに数字や記号を足しただけのもの）は使えません。"
		    "推測されにくい、長めの語句にしてください。");
		return 1;
	}
	snprintf(idbuf, sizeof(idbuf), "%ld", account);
	if ((r = db_exec(&c->app->rw, STMT_ACCT_NAMES, p)) == NULL || PQntuples(r) != 1) {
		PQclear(r);
		snprintf(msg, len, "現在パスワードを設定できません。しばらくしてから再度お試しください。");
		return -1;
	}
	/* login and staff number; names in kanji; readings in katakana,
	 * hiragana and romaji (with and without long vowels) */
	bad = has_part(low, PQgetvalue(r, 0, 0), 2) || has_part(low, PQgetvalue(r, 0, 1), 2);
	for (col = 3; col <= 9 && !bad; col++) {
		const char *v = PQgetvalue(r, 0, col);
		char h[256], ro[256], rs[256];

		if (*v == '\0')
			continue;
		bad = has_part(low, v, 2);
		if (!bad && (col == 5 || col == 6 || col == 8)) {
			hiragana(v, h, sizeof(h));
			romaji(v, ro, sizeof(ro));
			romaji_short(ro, rs, sizeof(rs));
			bad = has_part(low, h, 2) || has_part(low, ro, 3) || has_part(low, rs, 3);
		}
	}
	if (!bad) {	/* the display name (通称 or 旧姓 form), parts split at the space */
		char dn[256], *tok, *save = NULL;
		snprintf(dn, sizeof(dn), "%s", PQgetvalue(r, 0, 2));
		for (tok = strtok_r(dn, " 　", &save); tok && !bad; tok = strtok_r(NULL, " 　", &save))
			bad = has_part(low, tok, 2);
	}
	PQclear(r);
	if (bad) {
		snprintf(msg, len, "ログインID・職員番号や氏名（漢字・かな・ローマ字）を含むパスワードは使えません。");
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------ set password */

int
h_acct_password_form(struct ctx *c)
{
	if (strcmp(c->me.stage, "password") != 0)
		return page_redirect(c, "/account");
	view_set(c->hdf, "Page.Login", c->me.login);
	view_set_int(c->hdf, "Page.MinLength", c->app->cfg->password_min_length);
	return page_render(c, "account/password.cs", "パスワードの設定");
}

static int
password_error(struct ctx *c, int status, const char *field, const char *msg)
{
	view_set(c->hdf, "Page.Errors.0.Field", field);
	view_set(c->hdf, "Page.Errors.0.Message", msg);
	{
		char k[48];
		snprintf(k, sizeof(k), "Page.FieldErr.%s", field);
		view_set(c->hdf, k, msg);
	}
	c->resp.status = status;
	view_set(c->hdf, "Page.Login", c->me.login);
	view_set_int(c->hdf, "Page.MinLength", c->app->cfg->password_min_length);
	page_render(c, "account/password.cs", "パスワードの設定");
	return status;
}

int
h_acct_password(struct ctx *c)
{
	const char *pw = kv_get(&c->form, "password"), *pw2 = kv_get(&c->form, "password2");
	char msg[512], hash[PW_HASH_MAX], idbuf[24], tok[SHA256_HEX_LEN + 1];
	const char *next;
	int rc;

	if (strcmp(c->me.stage, "password") != 0)
		return page_error(c, 403, "パスワードの変更は「アカウント」のページから行ってください。");
	if (pw == NULL || *pw == '\0')
		return password_error(c, 400, "password", "新しいパスワードを入力してください。");
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return password_error(c, 400, "password2", "確認用のパスワードが一致しません。もう一度入力してください。");
	if ((rc = acct_password_check(c, c->me.id, pw, msg, sizeof(msg))) != 0)
		return password_error(c, rc < 0 ? 503 : 400, "password", msg);
	if (password_hash(pw, (unsigned)c->app->cfg->pbkdf2_iterations, hash) != 0)
		return page_error(c, 503, "現在パスワードを設定できません。しばらくしてから再度お試しください。");
	snprintf(idbuf, sizeof(idbuf), "%ld", c->me.id);
	crypto_sha256_hex(c->sid, strlen(c->sid), tok);
	{
		const char *p1[2] = { idbuf, hash }, *p2[2] = { idbuf, tok };
		PGresult *r = db_exec(&c->app->rw, STMT_ME_PASSWORD_SET, p1);
		int ok = r != NULL && PQntuples(r) == 1;
		PQclear(r);
		OPENSSL_cleanse(hash, sizeof(hash));
		/* every other session of the account ends */
		if (!ok || (r = db_exec(&c->app->rw, STMT_ME_SESSIONS_END_OTHERS, p2)) == NULL)
			return page_error(c, 503, "パスワードを保存できませんでした。しばらくしてから再度お試しください。");
		PQclear(r);
	}
	{
		char d[96];
		snprintf(d, sizeof(d), "{\"login\":\"%s\",\"first\":true}", c->me.login);
		audit(c, "update", c->me.staff_id, "account/password-set", d, "ok");
	}
	if ((next = auth_stage_done(c)) == NULL)
		return page_error(c, 503, "パスワードは保存しました。もう一度ログインしてください。");
	return page_redirect(c, next);
}

/* ------------------------------------------------------------ issue */

static void
issue_options(struct ctx *c)
{
	char today[11];
	const char *p[1] = { today };

	staff_today(today);
	page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
	view_set_int(c->hdf, "Page.Days", c->app->cfg->activation_days);
	view_set_int(c->hdf, "Page.Minutes", ACCT_NOTICE_MINUTES);
}

int
h_acct_issue_form(struct ctx *c)
{
	issue_options(c);
	view_set(c->hdf, "Page.F.scope", "unit");
	return page_render(c, "admin/accounts_issue.cs", "アカウントの発行");
}

static int
issue_refuse(struct ctx *c, const char *field, const char *msg)
{
	issue_options(c);
	view_set(c->hdf, "Page.Errors.0.Field", field);
	view_set(c->hdf, "Page.Errors.0.Message", msg);
	c->resp.status = 400;
	page_render(c, "admin/accounts_issue.cs", "アカウントの発行");
	return 400;
}

int
h_acct_issue(struct ctx *c)
{
	const char *scope = kv_get(&c->form, "scope"), *unit = kv_get(&c->form, "unit");
	const char *list = kv_get(&c->form, "list");
	const struct kv *file = kv_find(&c->form, "file");
	struct acct_issue is = { .db = &c->app->rw, .secret = c->app->secret,
	    .secretlen = c->app->secretlen, .actor = c->me.id,
	    .days = c->app->cfg->activation_days, .now = req_now(c) };
	enum acct_scope sc;
	char **nos = NULL, msg[256], detail[256], key[48];
	long *lines = NULL;
	size_t n = 0, i, shown = 0;
	int rc;

	scope = scope ? scope : "";
	view_set(c->hdf, "Page.F.scope", scope);
	view_set(c->hdf, "Page.F.unit", unit ? unit : "");
	view_set(c->hdf, "Page.F.list", list ? list : "");
	if (strcmp(scope, "all") == 0)
		sc = ACCT_ALL;
	else if (strcmp(scope, "unit") == 0) {
		sc = ACCT_UNIT;
		if (unit == NULL || *unit == '\0')
			return issue_refuse(c, "unit", "所属を選んでください。");
	} else if (strcmp(scope, "list") == 0) {
		sc = ACCT_LIST;
		if (file != NULL && file->filename != NULL && file->len > 0)
			n = acct_list_parse(file->val, &nos, &lines);
		else if (list != NULL)
			n = acct_list_parse(list, &nos, &lines);
		if (n == 0)
			return issue_refuse(c, "list", "職員番号を1行に1つずつ貼り付けるか、ファイルを選んでください。");
		if (n > 300000) {
			for (i = 0; i < n; i++)
				free(nos[i]);
			free(nos);
			free(lines);
			return issue_refuse(c, "list", "一度に発行できるのは300,000人までです。");
		}
	} else
		return issue_refuse(c, "scope", "発行する対象を選んでください。");
	rc = acct_issue_run(&is, sc, unit, nos, lines, n, msg, sizeof(msg));
	for (i = 0; i < n; i++)
		free(nos[i]);
	free(nos);
	free(lines);
	if (rc != 0) {
		acct_issue_free(&is);
		return issue_refuse(c, sc == ACCT_UNIT ? "unit" : "scope", msg);
	}
	snprintf(detail, sizeof(detail), "{\"batch\":%ld,\"scope\":\"%s\",\"unit\":\"%s\",\"issued\":%ld,\"errors\":%ld}",
	    is.batch, scope, sc == ACCT_UNIT ? unit : "", is.issued, is.failed);
	audit(c, "create", 0, "account/issue", detail, "ok");
	view_set_int(c->hdf, "Page.Batch", is.batch);
	view_set_int(c->hdf, "Page.Issued", is.issued);
	view_set_int(c->hdf, "Page.Failed", is.failed);
	view_set_int(c->hdf, "Page.Minutes", ACCT_NOTICE_MINUTES);
	for (i = 0; i < is.nlines && shown < ERRORS_SHOWN; i++) {
		const struct acct_line *x = &is.lines[i];
		if (x->error == NULL)
			continue;
		snprintf(key, sizeof(key), "Page.Err.%zu.Line", shown);
		if (x->line > 0)
			view_set_int(c->hdf, key, x->line);
		snprintf(key, sizeof(key), "Page.Err.%zu.No", shown);
		view_set(c->hdf, key, x->no);
		snprintf(key, sizeof(key), "Page.Err.%zu.Why", shown);
		view_set(c->hdf, key, x->error);
		shown++;
	}
	if ((long)shown < is.failed)
		view_set_int(c->hdf, "Page.ErrMore", is.failed - (long)shown);
	acct_issue_free(&is);
	return page_render(c, "admin/accounts_issued.cs", "アカウントの発行結果");
}

long
acct_issue_reset(struct ctx *c, long account, char *msg, size_t len)
{
	char code[ACCT_CODE_LEN + 1], last[11], detail[64];
	long b = acct_code_reissue(&c->app->rw, c->app->secret, c->app->secretlen, account,
	    c->me.id, c->app->cfg->activation_days, req_now(c), code, last);

	OPENSSL_cleanse(code, sizeof(code));
	if (b < 0)
		snprintf(msg, len, "データベースのエラーでコードを発行できませんでした。");
	else if (b == 0)
		snprintf(msg, len, "アカウントが見つかりません。");
	else {
		snprintf(detail, sizeof(detail), "{\"batch\":%ld,\"account\":%ld}", b, account);
		audit(c, "create", 0, "account/reset-code", detail, "ok");
	}
	return b;
}

/* ------------------------------------------------------------ notices */

static long
batch_arg(struct ctx *c)
{
	const char *v = kv_get(&c->query, "batch");
	char *end;
	long b;

	if (v == NULL || *v == '\0' || strlen(v) > 18)
		return 0;
	b = strtol(v, &end, 10);
	return *end == '\0' && b > 0 ? b : 0;
}

/* The address printed on the notices: auth.service_url, else this host. */
static void
service_url(struct ctx *c, char *out, size_t len)
{
	const char *h = c->host ? c->host : "";

	if (c->app->cfg->service_url)
		snprintf(out, len, "%s", c->app->cfg->service_url);
	else if (*h && strlen(h) < 200 && strspn(h, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == strlen(h))
		snprintf(out, len, "https://%s/", h);
	else
		snprintf(out, len, "（システム管理者にお問い合わせください）");
}

static void
expiry_text(time_t exp, char *wareki, size_t wlen, char *iso, size_t ilen)
{
	struct tm tm;
	time_t last = exp - 1;
	char era[32];

	localtime_r(&last, &tm);
	snprintf(iso, ilen, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (jdate_wareki_year(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, era, sizeof(era)) != 0)
		era[0] = '\0';
	snprintf(wareki, wlen, "%s%d月%d日", era, tm.tm_mon + 1, tm.tm_mday);
}

/* The batch's rows (page: -1 for all), or NULL with the status to answer. */
static PGresult *
notices_rows(struct ctx *c, long batch, long page, long *total, int *status)
{
	char b[24], me[24], mins[8], today[11], lim[16], off[24];
	const char *p[6] = { b, me, today, mins, lim, off };
	PGresult *r;

	*status = 0;
	snprintf(b, sizeof(b), "%ld", batch);
	snprintf(me, sizeof(me), "%ld", c->me.id);
	snprintf(mins, sizeof(mins), "%d", ACCT_NOTICE_MINUTES);
	staff_today(today);
	(void)db_command(&c->app->rw, STMT_ACCT_NOTICE_PURGE, p + 3);
	if ((r = db_exec(&c->app->rw, STMT_ACCT_BATCH_INFO, (const char *[]){ b, me, mins })) == NULL) {
		*status = 503;
		return NULL;
	}
	*total = strtol(PQgetvalue(r, 0, 1), NULL, 10);
	if (strtol(PQgetvalue(r, 0, 0), NULL, 10) == 0 || *total == 0) {
		*status = strtol(PQgetvalue(r, 0, 0), NULL, 10) == 0 ? 404 : 410;
		PQclear(r);
		return NULL;
	}
	PQclear(r);
	snprintf(lim, sizeof(lim), "%d", page < 0 ? 300000 : NOTICES_PAGE);
	snprintf(off, sizeof(off), "%ld", page < 0 ? 0 : page * NOTICES_PAGE);
	if ((r = db_exec(&c->app->rw, STMT_ACCT_NOTICES, p)) == NULL)
		*status = 503;
	return r;
}

static int
notices_gone(struct ctx *c, int status)
{
	if (status == 410)
		return page_error(c, 410, "このお知らせは表示できる時間（発行から30分）を過ぎたか、"
		    "全員がログイン済みです。コードは保存していないため、必要な場合は"
		    "アカウント管理からパスワードをリセットして新しいコードを発行してください。");
	if (status == 404)
		return page_error(c, 404, "この発行のお知らせは見つかりません（発行した本人だけが表示できます）。");
	return page_error(c, 503, "データベースに接続できません。しばらくしてから再度お試しください。");
}

int
h_acct_notices(struct ctx *c)
{
	long batch = batch_arg(c), total = 0, page = 0;
	const char *pg = kv_get(&c->query, "page");
	char url[256], key[48], code[ACCT_CODE_LEN + 1], shown[ACCT_CODE_SHOWN + 1];
	char wareki[64], iso[16];
	PGresult *r;
	int st, i;

	if (batch == 0)
		return page_error(c, 400, "発行番号（batch）を指定してください。");
	if (pg && strspn(pg, "0123456789") == strlen(pg) && strlen(pg) < 7)
		page = strtol(pg, NULL, 10);
	if ((r = notices_rows(c, batch, page, &total, &st)) == NULL)
		return notices_gone(c, st);
	service_url(c, url, sizeof(url));
	view_set(c->hdf, "Page.Url", url);
	view_set_int(c->hdf, "Page.Batch", batch);
	view_set_int(c->hdf, "Page.Total", total);
	view_set_int(c->hdf, "Page.Minutes", ACCT_NOTICE_MINUTES);
	view_set_int(c->hdf, "Page.MinLength", c->app->cfg->password_min_length);
	if ((page + 1) * NOTICES_PAGE < total)
		view_set_int(c->hdf, "Page.NextPage", page + 1);
	if (page > 0) {
		view_set_int(c->hdf, "Page.PrevPage", page - 1);
		view_set(c->hdf, "Page.HasPrev", "1");
	}
	for (i = 0; i < PQntuples(r); i++) {
		if (acct_code_unseal(c->app->secret, c->app->secretlen, PQgetvalue(r, i, 5),
		    PQgetvalue(r, i, 6), code) != 0) {
			PQclear(r);
			return page_error(c, 500, "コードを復号できませんでした（サーバの鍵が変わった可能性があります）。");
		}
		acct_code_group(code, shown);
		OPENSSL_cleanse(code, sizeof(code));
		expiry_text((time_t)strtoll(PQgetvalue(r, i, 7), NULL, 10), wareki, sizeof(wareki),
		    iso, sizeof(iso));
#define SETN(k, v) do { snprintf(key, sizeof(key), "Page.N.%d." k, i); view_set(c->hdf, key, v); } while (0)
		SETN("Login", PQgetvalue(r, i, 0));
		SETN("StaffNo", PQgetvalue(r, i, 1));
		SETN("Name", PQgetvalue(r, i, 2));
		SETN("Kana", PQgetvalue(r, i, 3));
		SETN("Unit", PQgetvalue(r, i, 4));
		SETN("Code", shown);
		SETN("Wareki", wareki);
		SETN("Iso", iso);
		SETN("Reset", strcmp(PQgetvalue(r, i, 8), "reset") == 0 ? "1" : "");
#undef SETN
		OPENSSL_cleanse(shown, sizeof(shown));
	}
	PQclear(r);
	{
		char d[48];
		snprintf(d, sizeof(d), "{\"batch\":%ld}", batch);
		audit(c, "view", 0, "account/notices", d, "ok");
	}
	return page_render(c, "admin/accounts_notices.cs", "初回ログインのお知らせ");
}

int
h_acct_notices_csv(struct ctx *c)
{
	static const char *const head[] = { "職員番号", "氏名", "フリガナ", "所属", "ログインID",
	    "初回ログインコード", "有効期限（和暦）", "有効期限", "接続先" };
	long batch = batch_arg(c), total = 0;
	char url[256], code[ACCT_CODE_LEN + 1], shown[ACCT_CODE_SHOWN + 1], wareki[64], iso[16];
	char disp[96];
	struct csv_w w;
	PGresult *r;
	size_t k;
	int st, i;

	if (batch == 0)
		return page_error(c, 400, "発行番号（batch）を指定してください。");
	if ((r = notices_rows(c, batch, -1, &total, &st)) == NULL)
		return notices_gone(c, st);
	service_url(c, url, sizeof(url));
	buf_reset(&c->resp.body);
	buf_puts(&c->resp.body, "\xEF\xBB\xBF");	/* BOM: Excel reads UTF-8 */
	csv_w_init(&w, &c->resp.body, 0);
	for (k = 0; k < sizeof(head) / sizeof(head[0]); k++)
		csv_put(&w, head[k]);
	csv_end(&w);
	for (i = 0; i < PQntuples(r); i++) {
		if (acct_code_unseal(c->app->secret, c->app->secretlen, PQgetvalue(r, i, 5),
		    PQgetvalue(r, i, 6), code) != 0) {
			PQclear(r);
			buf_reset(&c->resp.body);
			return page_error(c, 500, "コードを復号できませんでした。");
		}
		acct_code_group(code, shown);
		OPENSSL_cleanse(code, sizeof(code));
		expiry_text((time_t)strtoll(PQgetvalue(r, i, 7), NULL, 10), wareki, sizeof(wareki),
		    iso, sizeof(iso));
		csv_put(&w, PQgetvalue(r, i, 1));
		csv_put(&w, PQgetvalue(r, i, 2));
		csv_put(&w, PQgetvalue(r, i, 3));
		csv_put(&w, PQgetvalue(r, i, 4));
		csv_put(&w, PQgetvalue(r, i, 0));
		csv_put(&w, shown);
		csv_put(&w, wareki);
		csv_put(&w, iso);
		csv_put(&w, url);
		csv_end(&w);
	}
	OPENSSL_cleanse(shown, sizeof(shown));
	PQclear(r);
	c->resp.ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"accounts-%ld.csv\"", batch);
	resp_header(&c->resp, "Content-Disposition", disp);
	snprintf(disp, sizeof(disp), "{\"batch\":%ld}", batch);
	audit(c, "export", 0, "account/notices.csv", disp, "ok");
	return 200;
}
