/* staff.c: reading staff records for pages and JSON alike. Every field group
 * goes through policy_level() before it is even queried, and searches push
 * the same policy into SQL as relation masks, so HTML, JSON and exports can
 * only ever show what the policy allows. Data lands in an HDF subtree that
 * templates render and the JSON handlers serialise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>
#include "app.h"
#include "duties.h"
#include "jdate.h"
#include "log.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"
#include "wishes.h"

#define PAGE_SIZE	48
#define SEARCH_COUNT_MAX 5000	/* the search SQL counts to one more */

/* "2024-04-01" → "2024-04-01（令和6年）"; empty stays empty. */
void
staff_date(const char *iso, char *out, size_t len)
{
	int y, m, d;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(out, len, "%s", iso ? iso : "");
		return;
	}
	jdate_format(y, m, d, out, len);
}

/* key = the ISO date iso shown 西暦 with 和暦 (as staff_date) */
void
staff_set_date(HDF *hdf, const char *key, const char *iso)
{
	char b[64];

	staff_date(iso, b, sizeof(b));
	view_set(hdf, key, b);
}

/* The request's now (the test clock, cgi/worker.c), 0: the real one. Set by
 * the worker for each request, so staff_today() needs no ctx. */
static time_t clock_now;

void
staff_clock_set(time_t t)
{
	clock_now = t;
}

time_t
req_now(const struct ctx *c)
{
	return c != NULL && c->now ? c->now : clock_now ? clock_now : time(NULL);
}

void
staff_today(char out[11])
{
	time_t now = req_now(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Planned (future-dated) transfers are confidential until they take effect:
 * only those who may edit anyone's career (hr by default) see the future. */
int
staff_sees_future(const struct ctx *c)
{
	return policy_level(c->app->policy, c->me.roles, RELBIT(REL_COLLEAGUE), FG_CAREER) >= PL_EDIT;
}

/* The as-of date from ?asof= (西暦 or 和暦), default today. -1 if invalid
 * or in the future for a viewer who may not see planned transfers. */
int
staff_asof(struct ctx *c, char out[11], const char **why)
{
	const char *s = kv_get(&c->query, "asof");
	char today[11];
	int y, m, d;

	staff_today(today);
	if (s == NULL || *s == '\0') {
		memcpy(out, today, 11);
		return 0;
	}
	if (jdate_parse(s, &y, &m, &d, why) != 0) {
		memcpy(out, today, 11);	/* never an unset date, whatever the caller does */
		return -1;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	if (strcmp(out, today) > 0 && !staff_sees_future(c)) {
		*why = "未来の日付（発令予定）の情報は人事担当のみ閲覧できます。今日以前の日付を指定してください。";
		memcpy(out, today, 11);
		return -1;
	}
	return 0;
}

/* The viewer's relation bits to staff `subject` today: colleague to
 * everyone, plus self, supervisor and same_unit from the viewer's relation
 * set (sql/006), read once per day and data version. Every grant comes from
 * today's relations: an as-of date chooses the data shown, never who may see
 * it (a former unit-mate or head is a colleague like anyone else). */
unsigned
staff_rel_of(struct ctx *c, long subject)
{
	char viewer[24], today[11];
	const char *p[2] = { viewer, today };
	PGresult *r;
	int lo, hi;

	if (c->me.staff_id <= 0)
		return RELBIT(REL_COLLEAGUE);
	snprintf(viewer, sizeof(viewer), "%ld", c->me.staff_id);
	staff_today(today);
	if ((r = db_cached(c, STMT_VIEWER_RELATIONS, p)) == NULL)
		return RELBIT(REL_COLLEAGUE);
	for (lo = 0, hi = PQntuples(r) - 1; lo <= hi;) {
		int mid = lo + (hi - lo) / 2;
		long id = strtol(PQgetvalue(r, mid, 0), NULL, 10);
		if (id == subject)
			return RELBIT(REL_COLLEAGUE) | (unsigned)atoi(PQgetvalue(r, mid, 1));
		if (id < subject)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return RELBIT(REL_COLLEAGUE);
}

/* The viewer's relation today to staff `id` (digits: a route's :id or :sid)
 * and, if sha is given, the photo hash ('' if none). Returns 200, 404 (no
 * such person) or 503. */
int
staff_rel_today(struct ctx *c, const char *id, unsigned *rel, char sha[65])
{
	const char *p[1] = { id };
	PGresult *r;

	if ((r = db_cached(c, STMT_STAFF_PHOTO, p)) == NULL)
		return 503;
	if (PQntuples(r) != 1)
		return 404;
	if (sha)
		snprintf(sha, 65, "%s", PQgetvalue(r, 0, 0));
	*rel = staff_rel_of(c, strtol(id, NULL, 10));
	return 200;
}

/* Level of the viewer on a field group of a subject with relation bits rel. */
enum plevel
staff_level(const struct ctx *c, unsigned rel, enum fgroup g)
{
	return policy_level(c->app->policy, c->me.roles, rel, g);
}

/* Units in force on the date, indented by depth, for the unit filter. */
static void
unit_opts(struct ctx *c, const char *asof, const char *key)
{
	const char *p[1] = { asof };
	PGresult *r = db_cached(c, STMT_UNIT_OPTIONS, p);
	HDF *list, *row;
	char k[16], label[256];
	int i;

	if (r == NULL || (list = view_node(c->hdf, key)) == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		int depth = atoi(PQgetvalue(r, i, 3));
		snprintf(k, sizeof(k), "%d", i);
		if ((row = view_node(list, k)) == NULL)
			return;
		view_set(row, "Code", PQgetvalue(r, i, 0));
		snprintf(label, sizeof(label), "%.*s%s", depth * 3, "　　　　　　　　　　", PQgetvalue(r, i, 1));
		view_set(row, "Name", label);
	}
}

/* Append k=v (URL-encoded) to a query string. */
static void
qs_add(struct buf *b, const char *k, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	buf_putc(b, b->len ? '&' : '?');
	buf_puts(b, k);
	buf_putc(b, '=');
	http_urlencode(b, v, "-_.~");
}

static const char *const search_keys[] = {
	"q", "unit", "sub", "pos", "etype", "qual", "skill", "past", "sort", "view", "asof", NULL
};

static void
page_href(struct ctx *c, const char *base, int page, const char *key)
{
	struct buf b;
	char n[16];
	int i;

	buf_init(&b);
	for (i = 0; search_keys[i]; i++)
		qs_add(&b, search_keys[i], kv_str(&c->query, search_keys[i]));
	snprintf(n, sizeof(n), "%d", page);
	qs_add(&b, "page", n);
	{
		struct buf h;
		buf_init(&h);
		buf_puts(&h, base);
		buf_add(&h, b.data, b.len);
		view_set(c->hdf, key, h.data);
		buf_free(&h);
	}
	buf_free(&b);
}

/* Directory search into Page.*; returns an HTTP status. */
int
staff_search(struct ctx *c, const char *base, int page_size)
{
	char asof[11], today[11], mb[12], mq[12], ms[12], mc[12], mx[12], lim[12], off[12], viewer[24];
	const char *why = NULL, *sort, *sub;
	const struct policy *pol = c->app->policy;
	PGresult *r;
	int page, i, n, total = 0;
	char key[96];

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	page = atoi(kv_str(&c->query, "page"));
	if (page < 1 || page > 100000)
		page = 1;
	if (page_size <= 0)
		page_size = PAGE_SIZE;
	sort = kv_str(&c->query, "sort");
	if (strcmp(sort, "no") && strcmp(sort, "unit"))
		sort = "kana";
	/* An unchecked box sends nothing: the form marks itself with f=1. Links
	 * (org chart, profiles) without either include sub-units. */
	sub = strcmp(kv_str(&c->query, "sub"), "0") == 0 ||
	    (*kv_str(&c->query, "f") && strcmp(kv_str(&c->query, "sub"), "1") != 0) ? "f" : "t";
	/* Who may see what comes from the relations of today; the as-of
	 * date only chooses the data (a former unit-mate is no unit-mate). */
	staff_today(today);
	{
		unsigned m[5] = { policy_relmask(pol, c->me.roles, FG_BASIC, PL_READ),
		    policy_relmask(pol, c->me.roles, FG_QUALIFICATIONS, PL_READ),
		    policy_relmask(pol, c->me.roles, FG_SKILLS, PL_READ),
		    policy_relmask(pol, c->me.roles, FG_CAREER, PL_READ),
		    /* the legal name behind a 旧姓 or 通称 (text search only) */
		    *kv_str(&c->query, "q") ? policy_relmask(pol, c->me.roles, FG_SENSITIVE, PL_READ) : RELBIT(REL_COLLEAGUE) };
		snprintf(mb, sizeof(mb), "%u", m[0]);
		snprintf(mq, sizeof(mq), "%u", m[1]);
		snprintf(ms, sizeof(ms), "%u", m[2]);
		snprintf(mc, sizeof(mc), "%u", m[3]);
		snprintf(mx, sizeof(mx), "%u", m[4]);
		/* Where every mask that matters grants colleagues, no filter
		 * depends on who asks: the search runs for "anyone" (one cached
		 * result serves all viewers) and the viewer's own relations are
		 * added below. */
		snprintf(viewer, sizeof(viewer), "%ld",
		    (m[0] & m[1] & m[2] & m[3] & m[4] & RELBIT(REL_COLLEAGUE)) ? 0 : c->me.staff_id);
	}
	snprintf(lim, sizeof(lim), "%d", page_size);
	snprintf(off, sizeof(off), "%d", (page - 1) * page_size);
	{
		const char *p[18] = { viewer, asof, kv_str(&c->query, "q"), kv_str(&c->query, "unit"), sub,
		    kv_str(&c->query, "pos"), kv_str(&c->query, "etype"), kv_str(&c->query, "qual"), kv_str(&c->query, "skill"),
		    kv_str(&c->query, "past"), mb, mq, ms, mc, lim, off, mx, today };
		int stmt = strcmp(sort, "no") == 0 ? STMT_STAFF_SEARCH_NO :
		    strcmp(sort, "unit") == 0 ? STMT_STAFF_SEARCH_UNIT : STMT_STAFF_SEARCH_KANA;
		if (strlen(p[2]) > 100)
			return page_error(c, 400, "検索語が長すぎます（100文字まで）");
		if ((r = db_cached(c, stmt, p)) == NULL)
			return page_error(c, 503, "検索できませんでした。しばらくしてから再度お試しください。");
	}
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		unsigned rel = (unsigned)atoi(PQgetvalue(r, i, 9)) |
		    staff_rel_of(c, strtol(PQgetvalue(r, i, 0), NULL, 10));
		HDF *card;
		total = atoi(PQgetvalue(r, i, 10));
		snprintf(key, sizeof(key), "Page.Staff.%d", i);
		if ((card = view_node(c->hdf, key)) == NULL)
			break;
#define SET(f, v) view_set(card, f, v)
		SET("Id", PQgetvalue(r, i, 0));
		SET("No", PQgetvalue(r, i, 1));
		SET("Name", PQgetvalue(r, i, 2));
		SET("Kana", PQgetvalue(r, i, 3));
		SET("Etype", PQgetvalue(r, i, 4));
		SET("Unit", PQgetvalue(r, i, 5));
		SET("UnitPath", PQgetvalue(r, i, 6));
		SET("Position", PQgetvalue(r, i, 7));
		if (strcmp(PQgetvalue(r, i, 8), "t") == 0 && staff_level(c, rel, FG_PHOTO) >= PL_READ) {
			char ph[48];
			snprintf(ph, sizeof(ph), "/photos/%s", PQgetvalue(r, i, 0));
			SET("Photo", ph);
		}
		{
			char href[48];
			snprintf(href, sizeof(href), "/staff/%s", PQgetvalue(r, i, 0));
			SET("Href", href);
		}
#undef SET
	}
	if (n == 0 && page > 1)
		total = -1;	/* unknown: past the end */
	/* the count stops after 5,000 matches (a page never waits for it) */
	if (total > SEARCH_COUNT_MAX) {
		view_set(c->hdf, "Page.Capped", "1");
		total = SEARCH_COUNT_MAX;
	}
	view_set_int(c->hdf, "Page.Total", total);
	view_set_int(c->hdf, "Page.Count", n);
	view_set_int(c->hdf, "Page.Page", page);
	view_set_int(c->hdf, "Page.Pages", total > 0 ? (total + page_size - 1) / page_size : 0);
	view_set_int(c->hdf, "Page.From", n ? (page - 1) * page_size + 1 : 0);
	view_set_int(c->hdf, "Page.To", (page - 1) * page_size + n);
	if (page > 1)
		page_href(c, base, page - 1, "Page.PrevHref");
	if ((long)page * page_size < total)
		page_href(c, base, page + 1, "Page.NextHref");
	view_set(c->hdf, "Page.Asof", asof);
	staff_set_date(c->hdf, "Page.AsofLabel", asof);
	for (i = 0; search_keys[i]; i++) {
		snprintf(key, sizeof(key), "Page.F.%s", search_keys[i]);
		view_set(c->hdf, key, kv_str(&c->query, search_keys[i]));
	}
	view_set(c->hdf, "Page.F.sort", sort);
	view_set(c->hdf, "Page.F.sub", sub[0] == 't' ? "1" : "0");
	{
		char detail[512];
		struct buf d;
		buf_init(&d);
		for (i = 0; search_keys[i]; i++)
			qs_add(&d, search_keys[i], kv_str(&c->query, search_keys[i]));
		snprintf(detail, sizeof(detail), "{\"results\": %d}", total);
		if (d.len && c->app->keys.n > 0) {
			/* the terms, sealed: hr reads them on the 監査ログ page
			 * (h_audit.c), admin does not (issue 15) */
			char *hex;
			int kid;
			if (seal_hex(&c->app->keys, "audit:search", d.data + 1, d.len - 1, &hex, &kid) == 0) {
				buf_reset(&d);
				buf_printf(&d, "?sealed:%d:%s", kid, hex);
				free(hex);
			}
		}
		audit(c, "search", 0, d.len ? d.data + 1 : "", detail, "ok");
		buf_free(&d);
	}
	return 200;
}

/* Filter options for the directory form. */
void
staff_search_options(struct ctx *c)
{
	char asof[11];
	const char *why;

	if (staff_asof(c, asof, &why) != 0)
		return;
	unit_opts(c, asof, "Page.Opt.Units");
	page_options(c, STMT_OPT_POSITIONS, NULL, "Page.Opt.Positions", 1);
	page_options(c, STMT_OPT_ETYPES, NULL, "Page.Opt.Etypes", 1);
	if (policy_relmask(c->app->policy, c->me.roles, FG_QUALIFICATIONS, PL_READ))
		page_options(c, STMT_OPT_QUALS, NULL, "Page.Opt.Quals", 1);
	if (policy_relmask(c->app->policy, c->me.roles, FG_SKILLS, PL_READ))
		page_options(c, STMT_OPT_SKILLS, NULL, "Page.Opt.Skills", 1);
	if (policy_relmask(c->app->policy, c->me.roles, FG_CAREER, PL_READ))
		page_options(c, STMT_OPT_UNITS_EVER, NULL, "Page.Opt.PastUnits", 1);
}

/* Fill Page.Sec.<Group>.N.<field> from rows; cols name the fields. */
static int
rows(struct ctx *c, int stmt, const char *const *p, const char *sec,
    const char *const *cols, const unsigned char *is_date)
{
	PGresult *r = db_cached(c, stmt, p);
	char key[128];
	int n;

	if (r == NULL)
		return -1;
	snprintf(key, sizeof(key), "Page.%s", sec);
	n = view_rows(c->hdf, key, r, cols, is_date, staff_set_date);	/* 1 = VIEW_FMT */
	snprintf(key, sizeof(key), "Page.Show.%s", sec);
	view_set(c->hdf, key, "1");
	snprintf(key, sizeof(key), "Page.Count.%s", sec);
	view_set_int(c->hdf, key, n);
	return n;
}

/* Page.Evals.N.Comment of the comments stored sealed (sql/064): columns
 * 7, 8, 9 of STMT_STAFF_EVALS are the place, the key id and the hex. */
static void
open_comments(struct ctx *c, const PGresult *r)
{
	char key[64], *pt;
	size_t len;
	int i;

	for (i = 0; r != NULL && i < PQntuples(r); i++) {
		if (*PQgetvalue(r, i, 8) == '\0')
			continue;
		snprintf(key, sizeof(key), "Page.Evals.%d.Comment", i);
		if (unseal_hex(&c->app->keys, atoi(PQgetvalue(r, i, 8)), PQgetvalue(r, i, 7),
		    PQgetvalue(r, i, 9), &pt, &len) != 0) {
			log_err("evaluation %s: the sealed comment does not open (key %s)",
			    PQgetvalue(r, i, 6), PQgetvalue(r, i, 8));
			view_set(c->hdf, key, "（復号できません）");
			continue;
		}
		view_set(c->hdf, key, pt);
		OPENSSL_cleanse(pt, len);
		free(pt);
	}
}

static const char *
gender_label(const char *g)
{
	if (strcmp(g, "female") == 0)
		return "女性";
	if (strcmp(g, "male") == 0)
		return "男性";
	if (strcmp(g, "other") == 0)
		return "その他";
	return "回答しない";
}

/* Who viewed this profile (shown to the person only). */
static void
viewers(struct ctx *c, const char *id)
{
	const struct policy *pol = c->app->policy;
	const char *p[1] = { id };
	PGresult *r = db_exec(&c->app->ro, STMT_STAFF_VIEWERS, p);
	char key[96];
	int i, n = 0;

	if (r == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		unsigned rel = (unsigned)atoi(PQgetvalue(r, i, 3));
		const char *role = PQgetvalue(r, i, 1);
		int show;
		const char *who;

		if (strcmp(role, "hr") == 0)
			show = pol->show_viewer_hr;
		else if (rel & RELBIT(REL_SUPERVISOR))
			show = pol->show_viewer[REL_SUPERVISOR];
		else if (rel & RELBIT(REL_SAME_UNIT))
			show = pol->show_viewer[REL_SAME_UNIT];
		else
			show = pol->show_viewer[REL_COLLEAGUE];
		if (show == PS_HIDDEN)
			continue;
		if (show == PS_NAME && *PQgetvalue(r, i, 2))
			who = PQgetvalue(r, i, 2);
		else if (strcmp(role, "hr") == 0)
			who = "人事担当者";
		else if (strcmp(role, "admin") == 0)
			who = "システム管理者";
		else if (rel & RELBIT(REL_SUPERVISOR))
			who = "上司";
		else
			who = "職員";
		snprintf(key, sizeof(key), "Page.Viewers.%d.At", n);
		view_set(c->hdf, key, PQgetvalue(r, i, 0));
		snprintf(key, sizeof(key), "Page.Viewers.%d.Who", n);
		view_set(c->hdf, key, who);
		n++;
	}
	view_set(c->hdf, "Page.Show.Viewers", "1");
	PQclear(r);
}

/* The profile of staff `id` (digits: the route's :id) into Page.*; returns
 * an HTTP status. */
int
staff_profile(struct ctx *c, const char *id)
{
	char asof[11], fy[8], rels[16];
	const char *why = NULL;
	PGresult *r;
	unsigned rel;
	int y, m, d;

	if (staff_asof(c, asof, &why) != 0)
		return page_error(c, 400, why);
	{
		const char *p[2] = { id, asof };
		if ((r = db_cached(c, STMT_STAFF_PROFILE, p)) == NULL)
			return page_error(c, 503, "職員情報を読み込めませんでした。");
	}
	if (PQntuples(r) != 1)
		return page_error(c, 404, "職員が見つかりません。");
	rel = staff_rel_of(c, strtol(id, NULL, 10));	/* today's, whatever the date */
	if (staff_level(c, rel, FG_BASIC) < PL_READ) {
		audit(c, "deny", strtol(id, NULL, 10), "profile", NULL, "denied");
		return page_error(c, 403, "この職員の情報を閲覧する権限がありません。");
	}
	view_set(c->hdf, "Page.Person.Id", PQgetvalue(r, 0, 0));
	view_set(c->hdf, "Page.Person.No", PQgetvalue(r, 0, 1));
	view_set(c->hdf, "Page.Person.Name", PQgetvalue(r, 0, 2));
	view_set(c->hdf, "Page.Person.Kana", PQgetvalue(r, 0, 4));
	/* The legal name behind a 旧姓 or 通称 is private: self and hr only. */
	if (strcmp(PQgetvalue(r, 0, 18), "legal") != 0 && staff_level(c, rel, FG_SENSITIVE) >= PL_READ)
		view_set(c->hdf, "Page.Person.LegalName", PQgetvalue(r, 0, 3));
	if (!PQgetisnull(r, 0, 5)) {
		view_set(c->hdf, "Page.Person.FormerName", PQgetvalue(r, 0, 5));
		view_set(c->hdf, "Page.Person.FormerKana", PQgetvalue(r, 0, 6));
	}
	view_set(c->hdf, "Page.Person.Alias", PQgetvalue(r, 0, 7));
	view_set(c->hdf, "Page.Person.Etype", PQgetvalue(r, 0, 8));
	view_set(c->hdf, "Page.Person.Active", strcmp(PQgetvalue(r, 0, 19), "t") == 0 ? "1" : "0");
	if (staff_level(c, rel, FG_CAREER) >= PL_READ) {
		staff_set_date(c->hdf, "Page.Person.HireDate", PQgetvalue(r, 0, 9));
		staff_set_date(c->hdf, "Page.Person.RetireDate", PQgetisnull(r, 0, 10) ? "" : PQgetvalue(r, 0, 10));
	}
	if (staff_level(c, rel, FG_SENSITIVE) >= PL_READ) {
		view_set(c->hdf, "Page.Show.Sensitive", "1");
		staff_set_date(c->hdf, "Page.Person.BirthDate", PQgetvalue(r, 0, 11));
		view_set(c->hdf, "Page.Person.Age", PQgetvalue(r, 0, 12));
		view_set(c->hdf, "Page.Person.Gender", gender_label(PQgetvalue(r, 0, 13)));
	}
	if (staff_level(c, rel, FG_CONTACT) >= PL_READ) {
		view_set(c->hdf, "Page.Show.Contact", "1");
		view_set(c->hdf, "Page.Person.Email", PQgetvalue(r, 0, 14));
		view_set(c->hdf, "Page.Person.PhoneExt", PQgetvalue(r, 0, 15));
	}
	if (staff_level(c, rel, FG_SELF_INTRO) >= PL_READ) {
		view_set(c->hdf, "Page.Show.SelfIntro", "1");
		view_set(c->hdf, "Page.Person.SelfIntro", PQgetvalue(r, 0, 16));
	}
	if (staff_level(c, rel, FG_PHOTO) >= PL_READ && strcmp(PQgetvalue(r, 0, 17), "t") == 0) {
		char ph[48];
		snprintf(ph, sizeof(ph), "/photos/%s", PQgetvalue(r, 0, 0));
		view_set(c->hdf, "Page.Person.Photo", ph);
	}

	view_set(c->hdf, "Page.Asof", asof);
	staff_set_date(c->hdf, "Page.AsofLabel", asof);
	view_set(c->hdf, "Page.IsSelf", (rel & RELBIT(REL_SELF)) ? "1" : "0");
	view_set(c->hdf, "Page.Can.EditSelfIntro", staff_level(c, rel, FG_SELF_INTRO) >= PL_EDIT ? "1" : "0");
	view_set(c->hdf, "Page.Can.EditSkills", staff_level(c, rel, FG_SKILLS) >= PL_EDIT ? "1" : "0");
	view_set(c->hdf, "Page.Can.EditBasic", staff_level(c, rel, FG_BASIC) >= PL_EDIT ? "1" : "0");
	view_set(c->hdf, "Page.Can.EditCareer", staff_level(c, rel, FG_CAREER) >= PL_EDIT ? "1" : "0");
	snprintf(rels, sizeof(rels), "%u", rel);

	{
		const char *p[2] = { id, asof };
		static const char *const acols[] = { "Unit", "Position", "Main", "Kind", "Since", "Code", NULL };
		static const unsigned char adates[] = { 0, 0, 0, 0, 1, 0 };
		rows(c, STMT_STAFF_ASSIGNMENTS, p, "Assign", acols, adates);
		if (staff_level(c, rel, FG_CAREER) >= PL_READ) {
			static const char *const cols[] = { "From", "To", "Kind", "Main", "Unit",
			    "Position", "JobType", "Grade", "Remarks", "Code", NULL };
			static const unsigned char dates[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
			char today[11];
			const char *pc[3] = { id, asof, today };
			staff_today(today);
			if (staff_sees_future(c))
				snprintf(today, sizeof(today), "9999-12-31");
			rows(c, STMT_STAFF_CAREER, pc, "Career", cols, dates);
		}
		if (staff_level(c, rel, FG_QUALIFICATIONS) >= PL_READ) {
			static const char *const cols[] = { "Name", "Category", "Acquired",
			    "Expires", "RegNo", "State", "Id", NULL };
			static const unsigned char dates[] = { 0, 0, 1, 1, 0, 0, 0 };
			rows(c, STMT_STAFF_QUALS, p, "Quals", cols, dates);
		}
		if (staff_level(c, rel, FG_TRAINING) >= PL_READ) {
			static const char *const cols[] = { "Name", "Category", "Start", "End",
			    "Hours", "Result", "Id", NULL };
			static const unsigned char dates[] = { 0, 0, 1, 1, 0, 0, 0 };
			rows(c, STMT_STAFF_TRAINING, p, "Training", cols, dates);
		}
		if (staff_level(c, rel, FG_SKILLS) >= PL_READ) {
			static const char *const cols[] = { "Area", "Name", "Level", "Evidence", "Since", NULL };
			static const unsigned char dates[] = { 0, 0, 0, 0, 1 };
			rows(c, STMT_STAFF_SKILLS, p, "Skills", cols, dates);
		}
	}
	if (staff_level(c, rel, FG_EVALUATIONS) >= PL_READ) {
		static const char *const cols[] = { "Year", "Period", "Kind", "Grade", "Score", "Comment", "Id", NULL };
		const char *p[2] = { id, fy };
		sscanf(asof, "%d-%d-%d", &y, &m, &d);
		snprintf(fy, sizeof(fy), "%d", jdate_fiscal_year(y, m));
		if (rows(c, STMT_STAFF_EVALS, p, "Evals", cols, NULL) > 0)
			open_comments(c, db_cached(c, STMT_STAFF_EVALS, p));
	}
	wish_profile(c, id, rel);
	duties_history(c, id, asof, rel);	/* 担当業務の履歴, if the policy allows */
	if (rel & RELBIT(REL_SELF))
		viewers(c, id);
	else {
		char detail[64];
		snprintf(detail, sizeof(detail), "{\"rel\": %u, \"asof\": \"%s\"}", rel, asof);
		audit(c, "view", strtol(id, NULL, 10), "profile", detail, "ok");
	}
	return 200;
}
