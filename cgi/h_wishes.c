/* h_wishes.c: the career wishes survey (意向調査 / 自己申告).
 *   /wishes                       my rounds (answer, revise, read past answers)
 *   /wishes/:rid                  my answer: form while the round is open
 *   /wishes/team                  supervisors: their staff's submissions
 *   /wishes/:rid/staff/:sid       one person's submitted answer (+ comments)
 *   /wishes/:rid/export           CSV of what the viewer may read
 *   /wishes/summary               hr: distribution and wish fulfilment
 *   /admin/wishes[/:rid]          hr: rounds, completion, non-respondents
 * Reading goes through cgi/wishes.c (policy group `wishes`; confidential
 * questions for the person and hr only). Dates are enforced by the database
 * (wish_save refuses a closed round). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "app.h"
#include "csv.h"
#include "form.h"
#include "handlers.h"
#include "jdate.h"
#include "log.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"
#include "wishes.h"

#define LIST_PAGE	50

static int
is_id(const char *s)
{
	return *s && strlen(s) <= 18 && strspn(s, "0123456789") == strlen(s);
}

/* "2026-11-28 09:56" → "2026-11-28（令和8年） 09:56" */
static void
set_ts(struct ctx *c, const char *key, const char *ts)
{
	char d[11], b[96];

	if (strlen(ts) < 16) {
		view_set(c->hdf, key, ts);
		return;
	}
	snprintf(d, sizeof(d), "%.10s", ts);
	staff_date(d, b, sizeof(b));
	view_setf(c->hdf, key, "%s %s", b, ts + 11);
}

static const char *
state_label(const char *s)
{
	return strcmp(s, "open") == 0 ? "受付中" : strcmp(s, "upcoming") == 0 ? "受付前" : "締切";
}

static const char *
status_label(const char *s)
{
	return strcmp(s, "submitted") == 0 ? "提出済み" : strcmp(s, "draft") == 0 ? "下書き" : "未回答";
}

/* Round rows (id, fy, title, opens, closes, ..., state at col sc) → KEY.N */
static void
round_row(struct ctx *c, PGresult *r, int i, const char *key, int sc)
{
	char k[96];

	snprintf(k, sizeof(k), "%s.%d.Id", key, i);
	view_set(c->hdf, k, PQgetvalue(r, i, 0));
	snprintf(k, sizeof(k), "%s.%d.Year", key, i);
	view_set(c->hdf, k, PQgetvalue(r, i, 1));
	snprintf(k, sizeof(k), "%s.%d.Title", key, i);
	view_set(c->hdf, k, PQgetvalue(r, i, 2));
	snprintf(k, sizeof(k), "%s.%d.Opens", key, i);
	staff_set_date(c->hdf, k, PQgetvalue(r, i, 3));
	snprintf(k, sizeof(k), "%s.%d.Closes", key, i);
	staff_set_date(c->hdf, k, PQgetvalue(r, i, 4));
	snprintf(k, sizeof(k), "%s.%d.State", key, i);
	view_set(c->hdf, k, PQgetvalue(r, i, sc));
	snprintf(k, sizeof(k), "%s.%d.StateLabel", key, i);
	view_set(c->hdf, k, state_label(PQgetvalue(r, i, sc)));
}

static void
rounds_all(struct ctx *c, const char *key)
{
	PGresult *r = db_exec(&c->app->ro, STMT_WISH_ROUNDS_ALL, NULL);
	char k[96];
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < PQntuples(r); i++) {
		round_row(c, r, i, key, 6);
		snprintf(k, sizeof(k), "%s.%d.Target", key, i);
		view_set(c->hdf, k, PQgetvalue(r, i, 5));
		snprintf(k, sizeof(k), "%s.%d.Submitted", key, i);
		view_set(c->hdf, k, PQgetvalue(r, i, 7));
	}
	PQclear(r);
}

static int
no_survey(struct ctx *c)
{
	return page_error(c, 503, "意向調査の設問が設定されていません（paths.survey）。");
}

/* GET /wishes */
int
h_wishes(struct ctx *c)
{
	char id[24], k[96];
	const char *p[1] = { id };
	PGresult *r;
	int i;

	if (c->app->survey == NULL)
		return no_survey(c);
	snprintf(id, sizeof(id), "%ld", c->me.staff_id);
	if (c->me.staff_id && (r = db_exec(&c->app->ro, STMT_WISH_ROUNDS_MINE, p)) != NULL) {
		for (i = 0; i < PQntuples(r); i++) {
			round_row(c, r, i, "Page.Rounds", 5);
			snprintf(k, sizeof(k), "Page.Rounds.%d.Status", i);
			view_set(c->hdf, k, PQgetvalue(r, i, 6));
			snprintf(k, sizeof(k), "Page.Rounds.%d.StatusLabel", i);
			view_set(c->hdf, k, status_label(PQgetvalue(r, i, 6)));
			snprintf(k, sizeof(k), "Page.Rounds.%d.SubmittedAt", i);
			set_ts(c, k, PQgetvalue(r, i, 7));
		}
		PQclear(r);
	}
	view_set(c->hdf, "Page.Linked", c->me.staff_id ? "1" : "0");
	view_set(c->hdf, "Page.IsHr", (c->me.roles & ROLEBIT(PR_HR)) ? "1" : "0");
	view_set(c->hdf, "Page.SurveyTitle", c->app->survey->title);
	return page_render(c, "wishes/index.cs", "意向調査");
}

/* The round rid (a route's :rid or ?round=) for staff sid (or 0) into
 * Page.Round; 200/404/503. */
static int
load_round(struct ctx *c, const char *rid, const char *sid, PGresult **out)
{
	const char *p[2] = { rid, sid };
	PGresult *r;

	if (!is_id(rid))
		return 404;
	if ((r = db_exec(&c->app->ro, STMT_WISH_ROUND, p)) == NULL)
		return 503;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return 404;
	}
	view_set(c->hdf, "Page.Round.Id", PQgetvalue(r, 0, 0));
	view_set(c->hdf, "Page.Round.Year", PQgetvalue(r, 0, 1));
	view_set(c->hdf, "Page.Round.Title", PQgetvalue(r, 0, 2));
	staff_set_date(c->hdf, "Page.Round.Opens", PQgetvalue(r, 0, 3));
	staff_set_date(c->hdf, "Page.Round.Closes", PQgetvalue(r, 0, 4));
	view_set(c->hdf, "Page.Round.State", PQgetvalue(r, 0, 5));
	view_set(c->hdf, "Page.Round.StateLabel", state_label(PQgetvalue(r, 0, 5)));
	view_set(c->hdf, "Page.Round.Target", PQgetvalue(r, 0, 12));
	*out = r;
	return 200;
}

/* Form inputs: every question with its limits and choices. */
static void
form_questions(struct ctx *c)
{
	const struct survey *s = c->app->survey;
	char k[96];
	int i, j;

	for (i = 0; i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		snprintf(k, sizeof(k), "Page.Q.%d.Key", i);
		view_set(c->hdf, k, q->key);
		snprintf(k, sizeof(k), "Page.Q.%d.Label", i);
		view_set(c->hdf, k, q->label);
		snprintf(k, sizeof(k), "Page.Q.%d.Help", i);
		view_set(c->hdf, k, q->help);
		snprintf(k, sizeof(k), "Page.Q.%d.Type", i);
		view_set(c->hdf, k, q->type == Q_TEXT ? "text" : q->type == Q_LONGTEXT ? "longtext" :
		    q->type == Q_CHOICE ? "choice" : "transfer");
		snprintf(k, sizeof(k), "Page.Q.%d.Confidential", i);
		view_set(c->hdf, k, q->vis == QV_HR ? "1" : "0");
		snprintf(k, sizeof(k), "Page.Q.%d.Required", i);
		view_set(c->hdf, k, q->required ? "1" : "0");
		snprintf(k, sizeof(k), "Page.Q.%d.Max", i);
		view_set_int(c->hdf, k, q->max);
		for (j = 0; j < q->nopt; j++) {
			snprintf(k, sizeof(k), "Page.Q.%d.Options.%d.Code", i, j);
			view_set(c->hdf, k, q->opt[j].code);
			snprintf(k, sizeof(k), "Page.Q.%d.Options.%d.Label", i, j);
			view_set(c->hdf, k, q->opt[j].label);
		}
	}
	for (j = 1; j <= SURVEY_UNITS; j++) {
		snprintf(k, sizeof(k), "Page.Ranks.%d.N", j - 1);
		view_set_int(c->hdf, k, j);
	}
}

/* Current values for the form: Page.V.<form name> (w_<key>, dots → _). */
static void
form_value(struct ctx *c, const char *q, const char *v)
{
	char k[96], *d;

	snprintf(k, sizeof(k), "Page.V.w_%s", q);
	for (d = k + 9; *d; d++)
		if (*d == '.')
			*d = '_';
	view_set(c->hdf, k, v);
}

static void
unit_choices(struct ctx *c)
{
	char today[11];
	const char *p[1] = { today };

	staff_today(today);
	page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
}

static int
show_form(struct ctx *c, PGresult *rr, int status)
{
	view_set(c->hdf, "Page.Answer.Status", PQgetvalue(rr, 0, 9));
	view_set(c->hdf, "Page.Answer.StatusLabel", status_label(PQgetvalue(rr, 0, 9)));
	set_ts(c, "Page.Answer.SubmittedAt", PQgetvalue(rr, 0, 10));
	set_ts(c, "Page.Answer.UpdatedAt", PQgetvalue(rr, 0, 11));
	form_questions(c);
	unit_choices(c);
	view_set(c->hdf, "Page.Saved", kv_str(&c->query, "saved"));
	PQclear(rr);
	page_render(c, "wishes/form.cs", hdf_get_value(c->hdf, "Page.Round.Title", "意向調査"));
	return status;
}

/* GET /wishes/:rid: my answer (a form while open, else read-only) */
int
h_wish_form(struct ctx *c)
{
	char sid[24];
	PGresult *rr;
	struct wvals w;
	int st, i, open;

	if (c->app->survey == NULL)
		return no_survey(c);
	snprintf(sid, sizeof(sid), "%ld", c->me.staff_id);
	if ((st = load_round(c, c->caps[0], sid, &rr)) != 200)
		return page_error(c, st, st == 404 ? "調査が見つかりません。" : "読み込めませんでした。");
	open = strcmp(PQgetvalue(rr, 0, 5), "open") == 0 && strcmp(PQgetvalue(rr, 0, 7), "t") == 0;
	if (strcmp(PQgetvalue(rr, 0, 8), "0") == 0 && !open) {
		PQclear(rr);
		return page_error(c, 404, "この調査の対象ではないか、まだ受付が始まっていません。");
	}
	view_set(c->hdf, "Page.Open", open ? "1" : "0");
	if (wish_load(c, c->caps[0], sid, PQgetvalue(rr, 0, 8), 1, &w) == 0) {
		for (i = 0; i < w.n; i++)
			form_value(c, w.a[i].q, w.a[i].v);
		wish_fill(c, "Page.Items", &w, 1);
		wish_free(&w);
	}
	return show_form(c, rr, 200);
}

static int
check_text(struct ctx *c, int *nerr, const char *name, const char *label, const char *v, int max)
{
	char why[64];

	if ((int)u8len(v) <= max)
		return 0;
	snprintf(why, sizeof(why), "%d文字以内で入力してください（%zu文字）", max, u8len(v));
	field_error(c, nerr, name, label, why);
	return -1;
}

/* Add one value (sealed when the question is confidential). */
static int
add_value(struct ctx *c, json_object *arr, const struct squestion *q, const char *key,
    const char *v)
{
	json_object *o;
	char sid[24];

	if (*v == '\0')
		return 0;
	o = json_object_new_object();
	json_object_object_add(o, "q", json_object_new_string(key));
	if (q->vis == QV_HR) {
		char *hex;
		int kid;
		snprintf(sid, sizeof(sid), "%ld", c->me.staff_id);
		if (wish_seal_hex(c, c->caps[0], sid, key, v, &hex, &kid) != 0) {
			json_object_put(o);
			return -1;
		}
		json_object_object_add(o, "s", json_object_new_string(hex));
		json_object_object_add(o, "k", json_object_new_int(kid));
		free(hex);
	} else
		json_object_object_add(o, "v", json_object_new_string(v));
	json_object_array_add(arr, o);
	return 0;
}

static int
read_transfer(struct ctx *c, const struct squestion *q, json_object *arr, int submit, int *nerr)
{
	char name[64], key[64], label[200];
	const char *ch;
	int u, any = 0;

	snprintf(name, sizeof(name), "w_%s_choice", q->key);
	ch = kv_str(&c->form, name);
	form_value(c, "transfer.choice", ch);
	if (*ch && strcmp(ch, "stay") && strcmp(ch, "any") && strcmp(ch, "units")) {
		field_error(c, nerr, name, q->label, "選択肢から選んでください");
		return 0;
	}
	if (submit && q->required && *ch == '\0')
		field_error(c, nerr, name, q->label, "選んでください");
	snprintf(key, sizeof(key), "%s.choice", q->key);
	if (add_value(c, arr, q, key, ch) != 0)
		return -1;
	for (u = 1; u <= SURVEY_UNITS; u++) {
		const char *code, *why;
		snprintf(name, sizeof(name), "w_%s_unit%d", q->key, u);
		code = kv_str(&c->form, name);
		snprintf(key, sizeof(key), "%s.unit%d", q->key, u);
		form_value(c, key, code);
		snprintf(label, sizeof(label), "%s（第%d希望）", q->label, u);
		if (*code && (strlen(code) > 20 || strcmp(wish_unit_name(c, code), code) == 0))
			field_error(c, nerr, name, label, "所属を一覧から選んでください");
		snprintf(name, sizeof(name), "w_%s_reason%d", q->key, u);
		why = kv_str(&c->form, name);
		snprintf(key, sizeof(key), "%s.reason%d", q->key, u);
		form_value(c, key, why);
		snprintf(label, sizeof(label), "%s（第%d希望の理由）", q->label, u);
		check_text(c, nerr, name, label, why, q->max);
		if (strcmp(ch, "units") != 0)
			continue;	/* units and reasons only count for "units" */
		any |= *code != '\0';
		snprintf(key, sizeof(key), "%s.unit%d", q->key, u);
		if (add_value(c, arr, q, key, code) != 0)
			return -1;
		snprintf(key, sizeof(key), "%s.reason%d", q->key, u);
		if (add_value(c, arr, q, key, why) != 0)
			return -1;
	}
	if (submit && strcmp(ch, "units") == 0 && !any) {
		snprintf(name, sizeof(name), "w_%s_unit1", q->key);
		field_error(c, nerr, name, q->label, "希望する所属を1つ以上選んでください");
	}
	return 0;
}

/* Validate the form into a jsonb array of values; -1 on a sealing failure. */
static int
read_answer(struct ctx *c, json_object *arr, int submit, int *nerr)
{
	const struct survey *s = c->app->survey;
	char name[64];
	int i;

	for (i = 0; i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		const char *v;
		if (q->type == Q_TRANSFER) {
			if (read_transfer(c, q, arr, submit, nerr) != 0)
				return -1;
			continue;
		}
		snprintf(name, sizeof(name), "w_%s", q->key);
		v = kv_str(&c->form, name);
		form_value(c, q->key, v);
		if (q->type == Q_CHOICE && *v && survey_option(q, v) == NULL) {
			field_error(c, nerr, name, q->label, "選択肢から選んでください");
			continue;
		}
		if (submit && q->required && *v == '\0') {
			field_error(c, nerr, name, q->label, "入力してください");
			continue;
		}
		if (check_text(c, nerr, name, q->label, v, q->max) != 0)
			continue;
		if (add_value(c, arr, q, q->key, v) != 0)
			return -1;
	}
	return 0;
}

/* POST /wishes/:rid: save a draft or submit (revise until the round closes) */
int
h_wish_save(struct ctx *c)
{
	char sid[24], detail[96];
	const char *action = kv_str(&c->form, "action");
	int submit = strcmp(action, "submit") == 0, nerr = 0, st;
	json_object *arr;
	PGresult *rr;

	if (c->app->survey == NULL)
		return no_survey(c);
	if (c->me.staff_id == 0)
		return page_error(c, 403, "職員として登録されていないアカウントでは回答できません。");
	if (c->app->keys.n == 0)
		return page_error(c, 503, "暗号鍵が設定されていないため保存できません（paths.wish_keys）。");
	snprintf(sid, sizeof(sid), "%ld", c->me.staff_id);
	if ((st = load_round(c, c->caps[0], sid, &rr)) != 200)
		return page_error(c, st, st == 404 ? "調査が見つかりません。" : "読み込めませんでした。");
	arr = json_object_new_array();
	if (read_answer(c, arr, submit, &nerr) != 0) {
		json_object_put(arr);
		PQclear(rr);
		return page_error(c, 503, "回答を暗号化できませんでした。");
	}
	if (nerr == 0) {
		const char *p[4] = { c->caps[0], sid, submit ? "t" : "f",
		    json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN) };
		PGresult *r = db_exec(&c->app->rw, STMT_WISH_SAVE, p);
		if (r == NULL) {
			char code[6];
			/* copied: audit() runs a statement of its own */
			snprintf(code, sizeof(code), "%s", c->app->rw.sqlstate);
			json_object_put(arr);
			audit(c, "update", c->me.staff_id, "wishes", NULL, "denied");
			view_set(c->hdf, "Page.Open", "0");
			if (strcmp(code, "TW409") == 0 || strcmp(code, "TW403") == 0 || strcmp(code, "TW404") == 0) {
				field_error(c, &nerr, "", "受付", strcmp(code, "TW409") == 0 ?
				    "この調査の受付は終了しています。回答は保存されていません。" :
				    "この調査の対象ではありません。");
				return show_form(c, rr, 409);
			}
			PQclear(rr);
			return page_error(c, 503, "保存できませんでした。しばらくしてから再度お試しください。");
		}
		PQclear(r);
	}
	json_object_put(arr);
	if (nerr) {
		view_set(c->hdf, "Page.Open", "1");
		return show_form(c, rr, 400);
	}
	PQclear(rr);
	snprintf(detail, sizeof(detail), "{\"round\": %ld, \"submit\": %s}",
	    strtol(c->caps[0], NULL, 10), submit ? "true" : "false");
	audit(c, "update", c->me.staff_id, "wishes", detail, "ok");
	{
		char path[96];
		snprintf(path, sizeof(path), "/wishes/%s?saved=%s", c->caps[0], submit ? "submit" : "draft");
		return page_redirect(c, path);
	}
}

/* The relation mask under which the legal name behind a 旧姓 or 通称 may
 * be searched: where the viewer may read sensitive (STMT_WISH_LIST $10). */
static void
legal_mask(struct ctx *c, char out[16])
{
	snprintf(out, 16, "%u", policy_relmask(c->app->policy, c->me.roles, FG_SENSITIVE, PL_READ));
}

/* Filters and the list of answers viewer may read, into Page.List. */
static int
list_answers(struct ctx *c, const char *rid, unsigned mask, int page)
{
	char viewer[24], m[16], mx[16], lim[12], off[12], k[96];
	const char *st = kv_str(&c->query, "status");
	PGresult *r;
	int i, total = 0;

	if (strcmp(st, "submitted") && strcmp(st, "missing"))
		st = "";
	snprintf(viewer, sizeof(viewer), "%ld", c->me.staff_id);
	snprintf(m, sizeof(m), "%u", mask);
	snprintf(lim, sizeof(lim), "%d", LIST_PAGE);
	snprintf(off, sizeof(off), "%d", (page - 1) * LIST_PAGE);
	legal_mask(c, mx);
	{
		const char *p[10] = { rid, viewer, m, kv_str(&c->query, "unit"), st, kv_str(&c->query, "q"),
		    kv_str(&c->query, "choice"), lim, off, mx };
		if (strlen(p[5]) > 100)
			return page_error(c, 400, "検索語が長すぎます（100文字まで）");
		if ((r = db_exec(&c->app->ro, STMT_WISH_LIST, p)) == NULL)
			return page_error(c, 503, "読み込めませんでした。");
	}
	for (i = 0; i < PQntuples(r); i++) {
#define SET(f, v) do { snprintf(k, sizeof(k), "Page.List.%d." f, i); view_set(c->hdf, k, v); } while (0)
		SET("Id", PQgetvalue(r, i, 0));
		SET("No", PQgetvalue(r, i, 1));
		SET("Name", PQgetvalue(r, i, 2));
		SET("Unit", PQgetvalue(r, i, 3));
		SET("Submitted", strcmp(PQgetvalue(r, i, 4), "0") ? "1" : "0");
		SET("SubmittedAt", PQgetvalue(r, i, 5));
		SET("Choice", wish_choice_label(PQgetvalue(r, i, 8)));
		SET("Comments", PQgetvalue(r, i, 9));
#undef SET
		total = atoi(PQgetvalue(r, i, 7));
	}
	PQclear(r);
	view_set_int(c->hdf, "Page.Total", total);
	view_set_int(c->hdf, "Page.Page", page);
	view_set_int(c->hdf, "Page.Pages", (total + LIST_PAGE - 1) / LIST_PAGE);
	view_set(c->hdf, "Page.F.unit", kv_str(&c->query, "unit"));
	view_set(c->hdf, "Page.F.status", st);
	view_set(c->hdf, "Page.F.q", kv_str(&c->query, "q"));
	view_set(c->hdf, "Page.F.choice", kv_str(&c->query, "choice"));
	return 200;
}

static int
qpage(struct ctx *c)
{
	int p = atoi(kv_str(&c->query, "page"));

	return p < 1 || p > 10000 ? 1 : p;
}

/* The query string of the list filters (for export and paging links). */
static void
filter_qs(struct ctx *c, const char *key)
{
	static const char *const keys[] = { "unit", "status", "q", "choice", NULL };
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; keys[i]; i++) {
		const char *v = kv_str(&c->query, keys[i]);
		if (*v == '\0')
			continue;
		buf_printf(&b, "%s=", keys[i]);
		http_urlencode(&b, v, "");
		buf_putc(&b, '&');
	}
	view_set(c->hdf, key, b.len ? b.data : "");
	buf_free(&b);
}

/* The supervisor mask: wishes readable by relation, self left out. */
static unsigned
team_mask(struct ctx *c)
{
	return policy_relmask(c->app->policy, c->me.roles, FG_WISHES, PL_READ) & ~RELBIT(REL_SELF);
}

/* GET /wishes/team?round= */
int
h_wish_team(struct ctx *c)
{
	const char *rid = kv_str(&c->query, "round");
	unsigned mask = team_mask(c) & ~RELBIT(REL_COLLEAGUE) & ~RELBIT(REL_SAME_UNIT);
	PGresult *rr;
	int st;

	if (c->app->survey == NULL)
		return no_survey(c);
	rounds_all(c, "Page.Rounds");
	if (*rid == '\0')
		rid = hdf_get_value(c->hdf, "Page.Rounds.0.Id", "");
	if (*rid == '\0')
		return page_render(c, "wishes/team.cs", "所属職員の意向");
	if ((st = load_round(c, rid, "0", &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	PQclear(rr);
	if (mask == 0)
		return page_error(c, 403, "所属職員の意向を閲覧する権限がありません。");
	if ((st = list_answers(c, rid, mask, qpage(c))) != 200)
		return st;
	filter_qs(c, "Page.FilterQs");
	return page_render(c, "wishes/team.cs", "所属職員の意向");
}

/* GET /wishes/:rid/staff/:sid */
int
h_wish_staff(struct ctx *c)
{
	const char *rid = c->caps[0], *sid = c->caps[1];
	char detail[96], k[96];
	unsigned rel;
	PGresult *rr, *r;
	struct wvals w;
	int st, conf, i;

	if (c->app->survey == NULL)
		return no_survey(c);
	if ((st = staff_rel_today(c, sid, &rel, NULL)) != 200)
		return page_error(c, st, "職員が見つかりません。");
	if (rel & RELBIT(REL_SELF)) {
		char path[64];
		snprintf(path, sizeof(path), "/wishes/%s", rid);
		return page_redirect(c, path);
	}
	if (!wish_may_read(c, rel)) {
		audit(c, "deny", strtol(sid, NULL, 10), "wishes", NULL, "denied");
		return page_error(c, 403, "この職員の意向を閲覧する権限がありません。");
	}
	if ((st = load_round(c, rid, sid, &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	conf = wish_may_conf(c, rel);
	view_set(c->hdf, "Page.Person.Id", sid);
	{
		const char *p[3] = { sid, "", "0" };
		char today[11];
		staff_today(today);
		p[1] = today;
		if ((r = db_exec(&c->app->ro, STMT_STAFF_PROFILE, p)) != NULL && PQntuples(r) == 1) {
			view_set(c->hdf, "Page.Person.No", PQgetvalue(r, 0, 1));
			view_set(c->hdf, "Page.Person.Name", PQgetvalue(r, 0, 2));
		}
		if (r)
			PQclear(r);
	}
	if (strcmp(PQgetvalue(rr, 0, 9), "submitted") == 0 &&
	    wish_load(c, rid, sid, PQgetvalue(rr, 0, 8), conf, &w) == 0) {
		set_ts(c, "Page.Answer.SubmittedAt", PQgetvalue(rr, 0, 10));
		set_ts(c, "Page.Answer.UpdatedAt", PQgetvalue(rr, 0, 11));
		wish_fill(c, "Page.Items", &w, conf);
		wish_free(&w);
	}
	PQclear(rr);
	view_set(c->hdf, "Page.Conf", conf ? "1" : "0");
	view_set(c->hdf, "Page.CanComment", (rel & RELBIT(REL_SUPERVISOR)) && c->me.staff_id ? "1" : "0");
	{
		const char *p[2] = { rid, sid };
		if ((r = db_exec(&c->app->ro, STMT_WISH_COMMENTS, p)) != NULL) {
			char me[24];
			snprintf(me, sizeof(me), "%ld", c->me.staff_id);
			for (i = 0; i < PQntuples(r); i++) {
				snprintf(k, sizeof(k), "Page.Comments.%d.Author", i);
				view_set(c->hdf, k, PQgetvalue(r, i, 1));
				snprintf(k, sizeof(k), "Page.Comments.%d.Body", i);
				view_set(c->hdf, k, PQgetvalue(r, i, 2));
				snprintf(k, sizeof(k), "Page.Comments.%d.At", i);
				view_set(c->hdf, k, PQgetvalue(r, i, 3));
				if (strcmp(PQgetvalue(r, i, 0), me) == 0)
					view_set(c->hdf, "Page.MyComment", PQgetvalue(r, i, 2));
			}
			PQclear(r);
		}
	}
	view_set(c->hdf, "Page.Saved", kv_str(&c->query, "saved"));
	snprintf(detail, sizeof(detail), "{\"round\": %ld, \"rel\": %u, \"confidential\": %s}",
	    strtol(rid, NULL, 10), rel, conf ? "true" : "false");
	audit(c, "view", strtol(sid, NULL, 10), "wishes", detail, "ok");
	return page_render(c, "wishes/staff.cs", hdf_get_value(c->hdf, "Page.Person.Name", "職員の意向"));
}

/* POST /wishes/:rid/staff/:sid/comment: supervisors only */
int
h_wish_comment(struct ctx *c)
{
	const char *rid = c->caps[0], *sid = c->caps[1], *body = kv_str(&c->form, "comment");
	char me[24], path[96];
	unsigned rel;
	int st;

	if ((st = staff_rel_today(c, sid, &rel, NULL)) != 200)
		return page_error(c, 404, "職員が見つかりません。");
	if (!(rel & RELBIT(REL_SUPERVISOR)) || !wish_may_read(c, rel) || c->me.staff_id == 0) {
		audit(c, "deny", strtol(sid, NULL, 10), "wishes", NULL, "denied");
		return page_error(c, 403, "コメントできるのは所属長（上司）だけです。");
	}
	if (u8len(body) > 2000)
		return page_error(c, 400, "コメントは2000文字以内で入力してください。");
	snprintf(me, sizeof(me), "%ld", c->me.staff_id);
	{
		const char *p[4] = { rid, sid, me, body };
		if (db_command(&c->app->rw, STMT_WISH_COMMENT_SET, p) != 0)
			return page_error(c, 503, "保存できませんでした。");
	}
	audit(c, "update", strtol(sid, NULL, 10), "wishes", "{\"comment\": true}", "ok");
	snprintf(path, sizeof(path), "/wishes/%s/staff/%s?saved=1", rid, sid);
	return page_redirect(c, path);
}

/* CSV through the one writer (lib/csv.h: formulas defused), every field
 * quoted. */
static void
csv_header(struct ctx *c, struct csv_w *b, int conf)
{
	const struct survey *s = c->app->survey;
	char h[200];
	int i, u;

	csv_put(b, "職員番号");
	csv_put(b, "氏名");
	csv_put(b, "所属");
	csv_put(b, "提出日時");
	for (i = 0; i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		if (q->vis == QV_HR && !conf)
			continue;
		csv_put(b, q->label);
		for (u = 1; q->type == Q_TRANSFER && u <= SURVEY_UNITS; u++) {
			snprintf(h, sizeof(h), "第%d希望", u);
			csv_put(b, h);
			snprintf(h, sizeof(h), "第%d希望の理由", u);
			csv_put(b, h);
		}
	}
	csv_end(b);
}

static void
csv_row(struct ctx *c, struct csv_w *b, const struct wvals *w, int conf)
{
	const struct survey *s = c->app->survey;
	char k[64];
	int i, u;

	for (i = 0; i < s->nq; i++) {
		const struct squestion *q = &s->q[i];
		const char *v;
		if (q->vis == QV_HR && !conf)
			continue;
		if (q->type == Q_TRANSFER) {
			snprintf(k, sizeof(k), "%s.choice", q->key);
			v = wish_get(w, k);
			csv_put(b, v ? wish_choice_label(v) : "");
			for (u = 1; u <= SURVEY_UNITS; u++) {
				snprintf(k, sizeof(k), "%s.unit%d", q->key, u);
				v = wish_get(w, k);
				csv_put(b, v ? wish_unit_name(c, v) : "");
				snprintf(k, sizeof(k), "%s.reason%d", q->key, u);
				v = wish_get(w, k);
				csv_put(b, v ? v : "");
			}
			continue;
		}
		v = wish_get(w, q->key);
		if (v && q->type == Q_CHOICE && survey_option(q, v))
			v = survey_option(q, v);
		csv_put(b, v ? v : "");
	}
	csv_end(b);
}

/* GET /wishes/:rid/export: submitted answers the viewer may read, as CSV
 * (UTF-8 with BOM), sent in pieces as it is written; confidential columns
 * for hr only. */
int
h_wish_export(struct ctx *c)
{
	const char *rid = c->caps[0];
	char viewer[24], m[16], mx[16], detail[160];
	unsigned mask = team_mask(c);
	int conf = (c->me.roles & ROLEBIT(PR_HR)) != 0, i, n = 0, gone = 0;
	struct download dl;
	struct csv_w b;
	PGresult *r, *rr;
	int st;

	if (c->app->survey == NULL)
		return no_survey(c);
	if ((st = load_round(c, rid, "0", &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	PQclear(rr);
	if (mask == 0) {
		audit(c, "deny", 0, "wishes", NULL, "denied");
		return page_error(c, 403, "書き出す権限がありません。");
	}
	if (!auth_fresh(c))	/* bulk export: a recent password + code check */
		return auth_stepup(c);
	/* Confidential columns need both the hr role and the policy grant on
	 * everyone (colleague), as for a single answer. */
	conf = conf && (mask & RELBIT(REL_COLLEAGUE));
	snprintf(viewer, sizeof(viewer), "%ld", c->me.staff_id);
	snprintf(m, sizeof(m), "%u", mask);
	legal_mask(c, mx);
	{
		const char *p[10] = { rid, viewer, m, kv_str(&c->query, "unit"), "submitted", kv_str(&c->query, "q"),
		    kv_str(&c->query, "choice"), "100000", "0", mx };
		if ((r = db_exec(&c->app->ro, STMT_WISH_LIST, p)) == NULL)
			return page_error(c, 503, "読み込めませんでした。");
	}
	download_init(&dl, &c->resp, "text/csv; charset=utf-8", "wishes.csv");
	buf_puts(&c->resp.body, "\xEF\xBB\xBF");
	csv_w_init(&b, &c->resp.body, CSV_QUOTE_ALL);
	csv_header(c, &b, conf);
	for (i = 0; i < PQntuples(r) && !gone; i++) {
		struct wvals w;
		unsigned rel = (unsigned)atoi(PQgetvalue(r, i, 6));
		int rconf = conf && wish_may_conf(c, rel);
		if (wish_load(c, rid, PQgetvalue(r, i, 0), PQgetvalue(r, i, 4), rconf, &w) != 0)
			continue;
		csv_put(&b, PQgetvalue(r, i, 1));
		csv_put(&b, PQgetvalue(r, i, 2));
		csv_put(&b, PQgetvalue(r, i, 3));
		csv_put(&b, PQgetvalue(r, i, 5));
		csv_row(c, &b, &w, conf);
		wish_free(&w);
		n++;
		gone = download_piece(&dl) != 0;
	}
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"round\": %ld, \"rows\": %d, \"confidential\": %s}",
	    strtol(rid, NULL, 10), n, conf ? "true" : "false");
	audit(c, "export", 0, "wishes", detail, gone ? "error" : "ok");
	if (gone)	/* the reader went away: the worker ends the connection */
		return 500;
	download_end(&dl);
	return 200;
}

/* GET /admin/wishes: rounds and the form to open one */
int
h_wish_admin(struct ctx *c)
{
	char today[11];
	const char *p[1] = { today };
	int y, m, d;

	if (c->app->survey == NULL)
		return no_survey(c);
	rounds_all(c, "Page.Rounds");
	staff_today(today);
	page_options(c, STMT_UNIT_OPTIONS, p, "Page.Opt.Units", 4);
	page_options(c, STMT_OPT_ETYPES, NULL, "Page.Opt.Etypes", 1);
	sscanf(today, "%d-%d-%d", &y, &m, &d);
	if (hdf_get_obj(c->hdf, "Page.V") == NULL) {
		view_set_int(c->hdf, "Page.V.fiscal_year", jdate_fiscal_year(y, m));
		view_set(c->hdf, "Page.V.opens_on", today);
		view_set(c->hdf, "Page.V.target", "all");
	}
	view_set(c->hdf, "Page.Saved", kv_str(&c->query, "saved"));
	return page_render(c, "wishes/admin.cs", "意向調査の管理");
}

static int
parse_date(struct ctx *c, int *nerr, const char *name, const char *label, char out[11])
{
	const char *v = kv_str(&c->form, name), *why = NULL;
	int y, m, d;

	view_set(c->hdf, name[0] == 'o' ? "Page.V.opens_on" : "Page.V.closes_on", v);
	if (jdate_parse(v, &y, &m, &d, &why) != 0) {
		field_error(c, nerr, name, label, why ? why : "日付を入力してください");
		return -1;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* POST /admin/wishes: open a round */
int
h_wish_admin_add(struct ctx *c)
{
	const char *fy = kv_str(&c->form, "fiscal_year"), *title = kv_str(&c->form, "title");
	const char *target = kv_str(&c->form, "target"), *unit = kv_str(&c->form, "unit"), *etype = kv_str(&c->form, "etype");
	char opens[11] = "", closes[11] = "", acct[24], detail[96];
	int nerr = 0, y = atoi(fy);
	PGresult *r;

	view_set(c->hdf, "Page.V.fiscal_year", fy);
	view_set(c->hdf, "Page.V.title", title);
	view_set(c->hdf, "Page.V.target", target);
	view_set(c->hdf, "Page.V.unit", unit);
	view_set(c->hdf, "Page.V.etype", etype);
	if (strspn(fy, "0123456789") != strlen(fy) || y < 1990 || y > 2100)
		field_error(c, &nerr, "fiscal_year", "年度", "1990〜2100の西暦年で入力してください");
	if (*title == '\0' || u8len(title) > 100)
		field_error(c, &nerr, "title", "調査名", "1〜100文字で入力してください");
	parse_date(c, &nerr, "opens_on", "受付開始日", opens);
	parse_date(c, &nerr, "closes_on", "締切日", closes);
	if (*opens && *closes && strcmp(closes, opens) < 0)
		field_error(c, &nerr, "closes_on", "締切日", "受付開始日以降の日付にしてください");
	if (strcmp(target, "all") && strcmp(target, "unit") && strcmp(target, "etype"))
		field_error(c, &nerr, "target", "対象", "選択肢から選んでください");
	else if (strcmp(target, "unit") == 0 && *unit == '\0')
		field_error(c, &nerr, "unit", "対象の所属", "所属を選んでください");
	else if (strcmp(target, "etype") == 0 && *etype == '\0')
		field_error(c, &nerr, "etype", "対象の職員区分", "職員区分を選んでください");
	if (nerr == 0) {
		const char *p[8] = { fy, title, opens, closes, target,
		    strcmp(target, "unit") == 0 ? unit : "", strcmp(target, "etype") == 0 ? etype : "", acct };
		snprintf(acct, sizeof(acct), "%ld", c->me.id);
		if ((r = db_exec(&c->app->rw, STMT_WISH_ROUND_ADD, p)) == NULL)
			field_error(c, &nerr, strcmp(target, "unit") == 0 ? "unit" : "target", "対象",
			    "所属または職員区分が見つかりません");
		else {
			snprintf(detail, sizeof(detail), "{\"round\": %s}", PQgetvalue(r, 0, 0));
			PQclear(r);
		}
	}
	if (nerr) {
		c->resp.status = 400;
		h_wish_admin(c);
		return 400;
	}
	audit(c, "create", 0, "wishes", detail, "ok");
	return page_redirect(c, "/admin/wishes?saved=1");
}

static void mail_status(struct ctx *, const char *);

/* GET /admin/wishes/:rid: completion per unit, non-respondents, answers */
int
h_wish_admin_round(struct ctx *c)
{
	const char *rid = c->caps[0];
	const char *p[1] = { rid };
	PGresult *rr, *r;
	char k[96];
	int st, i, all = 0, done = 0;

	if (c->app->survey == NULL)
		return no_survey(c);
	if ((st = load_round(c, rid, "0", &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	PQclear(rr);
	if ((r = db_exec(&c->app->ro, STMT_WISH_COMPLETION, p)) == NULL)
		return page_error(c, 503, "読み込めませんでした。");
	for (i = 0; i < PQntuples(r); i++) {
		int n = atoi(PQgetvalue(r, i, 2)), dn = atoi(PQgetvalue(r, i, 3));
		snprintf(k, sizeof(k), "Page.Units.%d.Code", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 0));
		snprintf(k, sizeof(k), "Page.Units.%d.Name", i);
		view_set(c->hdf, k, PQgetvalue(r, i, 1));
		snprintf(k, sizeof(k), "Page.Units.%d.Targets", i);
		view_set_int(c->hdf, k, n);
		snprintf(k, sizeof(k), "Page.Units.%d.Done", i);
		view_set_int(c->hdf, k, dn);
		snprintf(k, sizeof(k), "Page.Units.%d.Rate", i);
		view_setf(c->hdf, k, "%.1f", n ? 100.0 * dn / n : 0.0);
		all += n;
		done += dn;
	}
	PQclear(r);
	view_set_int(c->hdf, "Page.AllTargets", all);
	view_set_int(c->hdf, "Page.AllDone", done);
	view_setf(c->hdf, "Page.AllRate", "%.1f", all ? 100.0 * done / all : 0.0);
	if ((st = list_answers(c, rid, team_mask(c), qpage(c))) != 200)
		return st;
	filter_qs(c, "Page.FilterQs");
	view_set(c->hdf, "Page.Saved", kv_str(&c->query, "saved"));
	mail_status(c, rid);
	audit(c, "view", 0, "wishes", "{\"page\": \"completion\"}", "ok");
	return page_render(c, "wishes/round.cs", hdf_get_value(c->hdf, "Page.Round.Title", "意向調査"));
}

/* POST /admin/wishes/:rid/close */
int
h_wish_admin_close(struct ctx *c)
{
	const char *p[1] = { c->caps[0] };
	char path[96];
	PGresult *r;

	if ((r = db_exec(&c->app->rw, STMT_WISH_ROUND_CLOSE, p)) == NULL)
		return page_error(c, 503, "締め切れませんでした。");
	PQclear(r);
	audit(c, "update", 0, "wishes", "{\"close\": true}", "ok");
	snprintf(path, sizeof(path), "/admin/wishes/%s?saved=closed", c->caps[0]);
	return page_redirect(c, path);
}

/* POST /admin/wishes/:rid/remind: queue a reminder for every non-respondent
 * with an address, in one transaction with its audit entry, and answer at
 * once; `tmsctl mail-send` (cgi/mailq.c) sends the queue outside requests.
 * A person whose reminder of this round is still waiting is not queued
 * twice. */
int
h_wish_admin_remind(struct ctx *c)
{
	char path[128], detail[128], subject[512], body[1024], acct[24];
	const char *p[4] = { c->caps[0], acct, subject, body };
	PGresult *r, *rr;
	long queued, pending;
	int st;

	if (c->app->cfg->mail_command == NULL)
		return page_error(c, 409, "メール送信コマンドが設定されていません（wishes.mail_command）。");
	if ((st = load_round(c, c->caps[0], "0", &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	st = strcmp(PQgetvalue(rr, 0, 5), "open") == 0;
	snprintf(subject, sizeof(subject), "【意向調査】%s（%s年度）回答のお願い",
	    PQgetvalue(rr, 0, 2), PQgetvalue(rr, 0, 1));
	snprintf(body, sizeof(body), "%s（%s年度）への回答をお願いします。\n締切: %s\n"
	    "タレントマネジメントシステムの「意向調査」から回答できます。\n",
	    PQgetvalue(rr, 0, 2), PQgetvalue(rr, 0, 1), PQgetvalue(rr, 0, 4));
	PQclear(rr);
	if (!st)
		return page_error(c, 409, "受付中の調査ではないため、リマインドメールは送れません。");
	snprintf(acct, sizeof(acct), "%ld", c->me.id);
	if (db_begin(&c->app->rw) != 0)
		return page_error(c, 503, "送信キューに登録できませんでした。");
	if ((r = db_exec(&c->app->rw, STMT_WISH_REMIND_QUEUE, p)) == NULL) {
		db_rollback(&c->app->rw);
		return page_error(c, 503, "送信キューに登録できませんでした。");
	}
	queued = atol(PQgetvalue(r, 0, 0));
	pending = atol(PQgetvalue(r, 0, 1));
	PQclear(r);
	snprintf(detail, sizeof(detail), "{\"remind_queued\": %ld, \"remind_waiting\": %ld}",
	    queued, pending);
	audit(c, "update", 0, "wishes", detail, "ok");
	/* no audit entry (it aborted the transaction): nothing is queued */
	if (PQtransactionStatus(c->app->rw.conn) != PQTRANS_INTRANS || db_commit(&c->app->rw) != 0) {
		db_rollback(&c->app->rw);
		return page_error(c, 503, "送信キューに登録できませんでした。");
	}
	snprintf(path, sizeof(path), "/admin/wishes/%s?saved=queued&n=%ld&waiting=%ld",
	    c->caps[0], queued, pending);
	return page_redirect(c, path);
}

/* The round's reminders in the queue: counts by state and the failures
 * with their reasons, for the reminder part of wishes/round.cs. */
static void
mail_status(struct ctx *c, const char *rid)
{
	const char *p[1] = { rid }, *n = kv_str(&c->query, "n"), *w = kv_str(&c->query, "waiting");
	static const char *const cnt[] = { "Queued", "Sent", "Retry", "Failed", "LastQueued", "LastSent" };
	PGresult *r;
	char k[96];
	int j;

	view_set(c->hdf, "Page.Mail", c->app->cfg->mail_command ? "1" : "0");
	view_set(c->hdf, "Page.MailQueued", is_id(n) ? n : "0");
	view_set(c->hdf, "Page.MailWaiting", is_id(w) ? w : "0");
	if ((r = db_exec(&c->app->ro, STMT_MAIL_ROUND_STATUS, p)) != NULL) {
		for (j = 0; j < 6; j++) {
			snprintf(k, sizeof(k), "Page.MailQ.%s", cnt[j]);
			view_set(c->hdf, k, PQgetvalue(r, 0, j));
		}
		PQclear(r);
	}
	if ((r = db_exec(&c->app->ro, STMT_MAIL_ROUND_FAILED, p)) == NULL)
		return;
	{
		static const char *const col[] = { "StaffNo", "Name", "Address", "Attempts",
			"Error", "Retry", "Queued", NULL };
		view_rows(c->hdf, "Page.MailFailed", r, col, NULL, NULL);
	}
	PQclear(r);
}

static void
pct(struct ctx *c, const char *k, int num, int den)
{
	if (den)
		view_setf(c->hdf, k, "%.1f%%", 100.0 * num / den);
	else
		view_set(c->hdf, k, "―");
}

/* GET /wishes/summary?round=&depth=: distribution and fulfilment (hr) */
int
h_wish_summary(struct ctx *c)
{
	const char *rid = kv_str(&c->query, "round"), *depth = kv_str(&c->query, "depth");
	PGresult *rr, *r;
	char k[96];
	int st, i, tot[5] = { 0 };

	if (c->app->survey == NULL)
		return no_survey(c);
	rounds_all(c, "Page.Rounds");
	if (*rid == '\0')
		rid = hdf_get_value(c->hdf, "Page.Rounds.0.Id", "");
	/* depth of org_tree(): 0 部 (top level), 1 課, 2 係 */
	if (strcmp(depth, "0") && strcmp(depth, "1") && strcmp(depth, "2"))
		depth = "0";
	view_set(c->hdf, "Page.F.depth", depth);
	if (*rid == '\0')
		return page_render(c, "wishes/summary.cs", "意向の分析");
	if ((st = load_round(c, rid, "0", &rr)) != 200)
		return page_error(c, st, "調査が見つかりません。");
	PQclear(rr);
	{
		const char *p[2] = { rid, depth };
		if ((r = db_exec(&c->app->ro, STMT_WISH_DISTRIBUTION, p)) == NULL)
			return page_error(c, 503, "集計できませんでした。");
		{
			static const char *const cols[] = { "Unit", "Answers", "Stay", "Any", "Units",
				"PostYes", "PostMaybe", NULL };
			view_rows(c->hdf, "Page.Dist", r, cols, NULL, NULL);
		}
		PQclear(r);
		if ((r = db_exec(&c->app->ro, STMT_WISH_FULFILMENT, p)) == NULL)
			return page_error(c, 503, "集計できませんでした。");
		for (i = 0; i < PQntuples(r); i++) {
			int s = atoi(PQgetvalue(r, i, 1)), sok = atoi(PQgetvalue(r, i, 2));
			int u = atoi(PQgetvalue(r, i, 3)), uok = atoi(PQgetvalue(r, i, 4));
			snprintf(k, sizeof(k), "Page.Ful.%d.Unit", i);
			view_set(c->hdf, k, PQgetvalue(r, i, 0));
			snprintf(k, sizeof(k), "Page.Ful.%d.Stay", i);
			view_setf(c->hdf, k, "%d / %d", sok, s);
			snprintf(k, sizeof(k), "Page.Ful.%d.Move", i);
			view_setf(c->hdf, k, "%d / %d", uok, u);
			snprintf(k, sizeof(k), "Page.Ful.%d.Rate", i);
			pct(c, k, sok + uok, s + u);
			snprintf(k, sizeof(k), "Page.Ful.%d.Left", i);
			view_set(c->hdf, k, PQgetvalue(r, i, 5));
			tot[0] += s; tot[1] += sok; tot[2] += u; tot[3] += uok;
			if (i == 0)
				staff_set_date(c->hdf, "Page.April", PQgetvalue(r, i, 6));
		}
		PQclear(r);
	}
	view_setf(c->hdf, "Page.FulTotal.Stay", "%d / %d", tot[1], tot[0]);
	view_setf(c->hdf, "Page.FulTotal.Move", "%d / %d", tot[3], tot[2]);
	pct(c, "Page.FulTotal.Rate", tot[1] + tot[3], tot[0] + tot[2]);
	pct(c, "Page.FulTotal.StayRate", tot[1], tot[0]);
	pct(c, "Page.FulTotal.MoveRate", tot[3], tot[2]);
	audit(c, "view", 0, "wishes", "{\"page\": \"summary\"}", "ok");
	return page_render(c, "wishes/summary.cs", "意向の分析");
}
