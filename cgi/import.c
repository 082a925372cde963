/* import.c: the CSV import engine and exporter shared by tmsctl and the HR
 * screens. Here: decoding, parsing, header mapping, date parsing, COPY into
 * the staging table, history; in SQL (sql/020_import.sql): validation,
 * natural-key matching and the set-based upsert. One transaction per file;
 * committed only when there is no error and it is not a preview. The
 * exporter streams (export_pass); both sides use lib/csv.c, the writer
 * defusing spreadsheet formulas and the reader undoing exactly that. */
#include <arpa/inet.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>
#include "crypto.h"
#include "csv.h"
#include "import.h"
#include "jdate.h"
#include "policy.h"
#include "seal.h"
#include "stmts.h"
#include "ymap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define IMPORT_TIMEOUT_MS	"600000"	/* statement timeout of an import or export */

/* Field order = column order of sql/020 import_stage_KIND (after line). */
static const struct import_field f_staff[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "family_name", "氏", IF_TEXT, 1 },
	{ "given_name", "名", IF_TEXT, 1 },
	{ "family_kana", "氏フリガナ", IF_TEXT, 1 },
	{ "given_kana", "名フリガナ", IF_TEXT, 1 },
	{ "former_family_name", "旧姓", IF_TEXT, 0 },
	{ "former_family_kana", "旧姓フリガナ", IF_TEXT, 0 },
	{ "alias_name", "通称", IF_TEXT, 0 },
	{ "name_display", "表示する氏名", IF_TEXT, 0 },
	{ "birth_date", "生年月日", IF_DATE, 1 },
	{ "gender", "性別", IF_TEXT, 1 },
	{ "employment_type", "雇用形態", IF_TEXT, 1 },
	{ "hire_date", "採用日", IF_DATE, 1 },
	{ "retire_date", "退職日", IF_DATE, 0 },
	{ "email", "メールアドレス", IF_TEXT, 0 },
	{ "phone_ext", "内線番号", IF_TEXT, 0 },
};
static const struct import_field f_units[] = {
	{ "code", "所属コード", IF_TEXT, 1 },
	{ "name", "所属名", IF_TEXT, 1 },
	{ "kind", "種別", IF_TEXT, 1 },
	{ "parent_code", "上位所属コード", IF_TEXT, 0 },
	{ "sort_order", "表示順", IF_TEXT, 1 },
	{ "start_date", "開始日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 0 },
};
static const struct import_field f_appointments[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "kind", "発令区分", IF_TEXT, 1 },
	{ "start_date", "発令日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 0 },
	{ "unit_code", "所属コード", IF_TEXT, 1 },
	{ "position_code", "職位コード", IF_TEXT, 1 },
	{ "job_type_code", "職種コード", IF_TEXT, 0 },
	{ "grade_code", "級コード", IF_TEXT, 0 },
	{ "is_main", "本務兼務", IF_TEXT, 1 },
	{ "remarks", "備考", IF_TEXT, 0 },
};
static const struct import_field f_quals[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "qualification_code", "資格コード", IF_TEXT, 1 },
	{ "acquired_on", "取得日", IF_DATE, 1 },
	{ "expires_on", "有効期限", IF_DATE, 0 },
	{ "registration_no", "登録番号", IF_TEXT, 0 },
};
static const struct import_field f_training[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "course_code", "研修コード", IF_TEXT, 1 },
	{ "start_date", "開始日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 1 },
	{ "hours", "時間数", IF_TEXT, 1 },
	{ "result", "結果", IF_TEXT, 1 },
};
static const struct import_field f_evals[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "fiscal_year", "年度", IF_TEXT, 1 },
	{ "period", "期間", IF_TEXT, 1 },
	{ "kind", "評価区分", IF_TEXT, 1 },
	{ "grade", "評語", IF_TEXT, 1 },
	{ "score", "点数", IF_TEXT, 0 },
	{ "evaluator_comment", "評価者コメント", IF_TEXT, 0 },
};
static const struct import_field f_skills[] = {
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "skill_code", "スキルコード", IF_TEXT, 1 },
	{ "start_date", "開始日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 0 },
	{ "level", "レベル", IF_TEXT, 1 },
	{ "evidence", "根拠", IF_TEXT, 0 },
};
/* Duties (sql/028): the duties screens' CSV export format (issue 6);
 * 所属名, 業務名 (assignments) and 氏名 are informational, read and ignored. */
static const struct import_field f_duties[] = {
	{ "unit_code", "所属コード", IF_TEXT, 1 },
	{ "unit_name", "所属名", IF_TEXT, 0 },
	{ "duty_id", "業務ID", IF_TEXT, 0 },
	{ "name", "業務名", IF_TEXT, 1 },
	{ "legal_basis", "根拠法令", IF_TEXT, 0 },
	{ "description", "業務内容", IF_TEXT, 0 },
	{ "category", "区分", IF_TEXT, 1 },
	{ "workload", "業務量（人年）", IF_TEXT, 1 },
	{ "start_date", "開始日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 0 },
	{ "status", "状態", IF_TEXT, 1 },
};
static const struct import_field f_duty_assign[] = {
	{ "unit_code", "所属コード", IF_TEXT, 0 },
	{ "unit_name", "所属名", IF_TEXT, 0 },
	{ "duty_id", "業務ID", IF_TEXT, 1 },
	{ "duty_name", "業務名", IF_TEXT, 0 },
	{ "staff_no", "職員番号", IF_TEXT, 1 },
	{ "staff_name", "氏名", IF_TEXT, 0 },
	{ "role", "担当区分", IF_TEXT, 1 },
	{ "share", "従事割合", IF_TEXT, 1 },
	{ "start_date", "開始日", IF_DATE, 1 },
	{ "end_date", "終了日", IF_DATE, 0 },
};

#define G(x)	(1u << (x))
const struct import_kind import_kinds[] = {
	{ "staff", "職員", f_staff, N(f_staff), STMT_EXPORT_STAFF,
	    G(FG_BASIC) | G(FG_CONTACT) | G(FG_SENSITIVE) },
	{ "units", "所属", f_units, N(f_units), STMT_EXPORT_UNITS, G(FG_BASIC) },
	{ "appointments", "発令履歴", f_appointments, N(f_appointments), STMT_EXPORT_APPOINTMENTS,
	    G(FG_CAREER) },
	{ "qualifications", "資格", f_quals, N(f_quals), STMT_EXPORT_QUALS, G(FG_QUALIFICATIONS) },
	{ "training", "研修", f_training, N(f_training), STMT_EXPORT_TRAINING, G(FG_TRAINING) },
	{ "evaluations", "評価", f_evals, N(f_evals), STMT_EXPORT_EVALS, G(FG_EVALUATIONS) },
	{ "skills", "スキル", f_skills, N(f_skills), STMT_EXPORT_SKILLS, G(FG_SKILLS) },
	{ "duties", "業務（事務分掌）", f_duties, N(f_duties), STMT_EXPORT_DUTIES, G(FG_DUTIES) },
	{ "duty_assignments", "業務の担当", f_duty_assign, N(f_duty_assign), STMT_EXPORT_DUTY_ASSIGN,
	    G(FG_DUTIES) | G(FG_BASIC) },
};
const size_t import_nkinds = N(import_kinds);

const struct import_kind *
import_kind_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < import_nkinds; i++)
		if (strcmp(import_kinds[i].name, name) == 0)
			return &import_kinds[i];
	return NULL;
}

/* ---------------------------------------------------------------- mapping */

static int
map_cb(void *ctx, const char *const *keys, int depth, const char *value, char *err, size_t errlen)
{
	struct import_mapping *m = ctx;
	const struct import_kind *k = import_kind_find(keys[0]);
	struct import_map_entry *e;
	size_t i;
	int field = -1;

	if (k == NULL) {
		snprintf(err, errlen, "unknown kind \"%s\" (staff, units, appointments, "
		    "qualifications, training, evaluations, skills, duties, duty_assignments)", keys[0]);
		return -1;
	}
	if (depth == 1) {
		if (value != NULL) {
			snprintf(err, errlen, "%s: expected HEADER: FIELD lines", keys[0]);
			return -1;
		}
		m->kinds |= 1u << (k - import_kinds);
		return 0;
	}
	if (depth != 2 || value == NULL) {
		snprintf(err, errlen, "%s: expected HEADER: FIELD lines", keys[0]);
		return -1;
	}
	if (strcmp(value, "-") != 0) {
		for (i = 0; i < k->nf && strcmp(k->f[i].name, value) != 0; i++)
			;
		if (i == k->nf) {
			snprintf(err, errlen, "%s: unknown field \"%s\" for header \"%s\"", k->name, value, keys[1]);
			return -1;
		}
		field = (int)i;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	e = &m->v[m->n++];
	snprintf(e->header, sizeof(e->header), "%s", keys[1]);
	e->kind = (int)(k - import_kinds);
	e->field = field;
	return 0;
}

int
import_mapping_load(const char *file, struct import_mapping *m, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	if (ymap_walk(file, 2, map_cb, m, err, errlen) != 0) {
		import_mapping_free(m);
		return -1;
	}
	return 0;
}

void
import_mapping_free(struct import_mapping *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Field index of a header: -1 ignore, -2 unknown. */
static int
map_header(const struct import_mapping *m, const struct import_kind *k, const char *h)
{
	int ki = (int)(k - import_kinds);
	size_t i;

	if (m && (m->kinds & (1u << ki))) {
		for (i = 0; i < m->n; i++)
			if (m->v[i].kind == ki && strcmp(m->v[i].header, h) == 0)
				return m->v[i].field;
		return -2;
	}
	for (i = 0; i < k->nf; i++)
		if (strcmp(k->f[i].header, h) == 0)
			return (int)i;
	return -2;
}

/* ---------------------------------------------------------------- errors */

/* Copy at most len-1 bytes of s, never cutting a UTF-8 sequence. */
static void
copy_utf8(char *out, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (n < len) {
		memcpy(out, s, n + 1);
		return;
	}
	n = len - 4;	/* room for "…" and the NUL */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "…", 3);
	out[n + 3] = '\0';
}

static void
add_err(struct import_result *r, long line, const char *header, const char *value,
    const char *reason)
{
	struct import_error *e;

	r->nerr++;
	if (r->nerr > IMPORT_MAXERR)
		return;
	e = &r->err[r->nerr - 1];
	e->line = line;
	copy_utf8(e->header, sizeof(e->header), header ? header : "");
	copy_utf8(e->value, sizeof(e->value), value ? value : "");
	copy_utf8(e->reason, sizeof(e->reason), reason);
}

static int
err_cmp(const void *a, const void *b)
{
	const struct import_error *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

void
import_result_free(struct import_result *r)
{
	free(r->err);
	r->err = NULL;
}

/* ---------------------------------------------------------------- parsing */

struct stage {
	const struct import_kind	*k;
	int				 col[64];	/* file column → field, -1 ignored */
	size_t				 ncol;
	int				 present[32];	/* field → file column, -1 absent */
	char				 hdr[32][128];	/* field → header shown in errors */
	struct buf			 copy;		/* COPY text */
	long				 staged;
};

static void
copy_text(struct buf *b, const char *s)
{
	if (*s == '\0') {
		buf_puts(b, "\\N");
		return;
	}
	while (*s) {
		size_t n = strcspn(s, "\\\n\r\t");	/* a run to copy as it is */

		buf_add(b, s, n);
		s += n;
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: continue;	/* the end of s */
		}
		s++;
	}
}

/* Trim ASCII blanks; a header cell may carry them. */
static const char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int
read_header(struct stage *st, const struct import_mapping *map, struct csv_row *row,
    struct import_result *r, long line)
{
	const struct import_kind *k = st->k;
	char msg[320];
	size_t i;
	int bad = 0;

	if (row->n > N(st->col)) {
		add_err(r, line, "", "", "列が多すぎます（64列まで）");
		return -1;
	}
	for (i = 0; i < k->nf; i++) {
		st->present[i] = -1;
		snprintf(st->hdr[i], sizeof(st->hdr[i]), "%s", k->f[i].header);
	}
	st->ncol = row->n;
	for (i = 0; i < row->n; i++) {
		const char *h = csv_undefuse(trim(row->f[i]));
		int f = *h ? map_header(map, k, h) : -1;	/* an unnamed column is ignored */

		st->col[i] = f < 0 ? -1 : f;
		if (f == -2) {
			snprintf(msg, sizeof(msg), "%sの取込では使わない列です（マッピングファイルで「-」を指定すると無視できます）",
			    k->label);
			add_err(r, line, h, h, msg);
			bad = 1;
		} else if (f >= 0 && st->present[f] >= 0) {
			snprintf(msg, sizeof(msg), "「%s」と同じ項目（%s）の列が2つあります", st->hdr[f], k->f[f].name);
			add_err(r, line, h, h, msg);
			bad = 1;
		} else if (f >= 0) {
			st->present[f] = (int)i;
			snprintf(st->hdr[f], sizeof(st->hdr[f]), "%s", h);
		}
	}
	for (i = 0; i < k->nf; i++)
		if (k->f[i].required && st->present[i] < 0) {
			snprintf(msg, sizeof(msg), "必須の列「%s」がありません", k->f[i].header);
			add_err(r, line, k->f[i].header, "", msg);
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* The value of field i in a record: as the file has it, but with our
 * export's formula defusing undone (lib/csv.h), so that export → import
 * stores exactly the exported values. */
static const char *
field_value(const struct stage *st, const struct csv_row *row, size_t i)
{
	return st->present[i] >= 0 ? csv_undefuse(row->f[st->present[i]]) : "";
}

/* One data record into the COPY buffer; 0, or -1 after adding errors. */
static int
stage_row(struct stage *st, struct csv_row *row, long line, struct import_result *r)
{
	const struct import_kind *k = st->k;
	char val[32][12], msg[320];
	size_t i;
	int bad = 0;

	if (row->n != st->ncol) {
		snprintf(msg, sizeof(msg), "列の数が%zu個です（見出し行は%zu列）", row->n, st->ncol);
		add_err(r, line, "", "", msg);
		return -1;
	}
	for (i = 0; i < k->nf; i++) {
		const char *v = field_value(st, row, i);
		const char *why = NULL;
		int y, m, d;

		val[i][0] = '\0';
		if (k->f[i].type != IF_DATE)
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '\0')
			continue;
		if (jdate_parse(v, &y, &m, &d, &why) != 0) {
			add_err(r, line, st->hdr[i], v, why ? why : "日付として読めません");
			bad = 1;
			continue;
		}
		snprintf(val[i], sizeof(val[i]), "%04d-%02d-%02d", y, m, d);
	}
	if (bad)
		return -1;
	buf_printf(&st->copy, "%ld", line);
	for (i = 0; i < k->nf; i++) {
		buf_putc(&st->copy, '\t');
		if (k->f[i].type == IF_DATE)
			copy_text(&st->copy, val[i]);
		else
			copy_text(&st->copy, field_value(st, row, i));
	}
	buf_putc(&st->copy, '\n');
	st->staged++;
	return 0;
}

/* Decode and parse the whole file into st->copy; errors into r. -1 when the
 * file cannot be read at all (no point in asking the database). */
static int
parse_file(struct stage *st, const struct import_opts *o, const char *data, size_t len,
    struct import_result *r)
{
	struct csv c;
	struct csv_row row = { 0 };
	char *text = NULL, msg[320];
	const char *used = "";
	size_t tlen;
	int rc, fatal = 0;
	long rows = 0;

	if (len == 0) {
		add_err(r, 0, "", "", "ファイルが空です");
		return -1;
	}
	if (csv_decode(data, len, o->encoding ? o->encoding : "auto", &text, &tlen, &used,
	    msg, sizeof(msg)) != 0) {
		add_err(r, 0, "", "", msg);
		return -1;
	}
	snprintf(r->encoding, sizeof(r->encoding), "%s", used);
	csv_init(&c, text, tlen);
	rc = csv_next(&c, &row, msg, sizeof(msg));
	if (rc <= 0) {
		add_err(r, rc < 0 ? c.record_line : 0, "", "", rc < 0 ? msg : "ファイルが空です（見出し行もありません）");
		fatal = 1;
	} else if (read_header(st, o->map, &row, r, c.record_line) != 0)
		fatal = 1;
	while (!fatal && (rc = csv_next(&c, &row, msg, sizeof(msg))) > 0) {
		rows++;
		(void)stage_row(st, &row, c.record_line, r);
	}
	if (!fatal && rc < 0) {
		add_err(r, c.line, "", "", msg);
		fatal = 1;
	}
	if (!fatal && rows == 0) {
		add_err(r, 0, "", "", "データ行がありません（見出し行だけのファイルです）");
		fatal = 1;
	}
	r->rows = rows;
	csv_row_free(&row);
	free(text);
	return fatal ? -1 : 0;
}

/* ---------------------------------------------------------------- sealed fields */

static const struct keyring *seal_keys;

void
import_set_keyring(const struct keyring *kr)
{
	seal_keys = kr;
}

const struct keyring *
import_keyring(void)
{
	return seal_keys != NULL && seal_keys->n > 0 ? seal_keys : NULL;
}

/* b holds "{" and elements: add one as a quoted array literal element. */
static void
arr_add(struct buf *b, const char *s)
{
	buf_puts(b, b->len > 1 ? ",\"" : "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
arr_start(struct buf *b)
{
	if (b->data != NULL)
		OPENSSL_cleanse(b->data, b->cap);
	buf_reset(b);
	buf_putc(b, '{');
}

static void
arr_free(struct buf *b)
{
	if (b->data != NULL)
		OPENSSL_cleanse(b->data, b->cap);
	buf_free(b);
}

/* Before an evaluations import: open every sealed comment into the plain
 * column, inside the import's transaction, so that the import compares
 * text with text (and reports unchanged rows as unchanged). Nothing of it
 * is committed: sealed_eval_plain runs before the commit. */
static int
sealed_eval_open(struct db *db)
{
	const struct keyring *kr = import_keyring();
	char last[24] = "0";
	const char *p[1] = { last };
	struct buf ids, vals;
	int rc = 0;

	buf_init(&ids);
	buf_init(&vals);
	while (rc == 0) {
		PGresult *r = db_exec(db, STMT_SEALED_EVAL_OPEN_LIST, p);
		int i, n;
		if (r == NULL)
			return -1;
		if ((n = PQntuples(r)) == 0 || kr == NULL) {
			rc = n > 0 ? -1 : 0;	/* sealed values and no key ring */
			PQclear(r);
			break;
		}
		arr_start(&ids);
		arr_start(&vals);
		for (i = 0; i < n && rc == 0; i++) {
			char *pt;
			size_t len;
			if (unseal_hex(kr, atoi(PQgetvalue(r, i, 2)), PQgetvalue(r, i, 1),
			    PQgetvalue(r, i, 3), &pt, &len) != 0) {
				rc = -1;
				break;
			}
			arr_add(&ids, PQgetvalue(r, i, 0));
			arr_add(&vals, pt);
			OPENSSL_cleanse(pt, len);
			free(pt);
		}
		snprintf(last, sizeof(last), "%s", PQgetvalue(r, n - 1, 0));
		PQclear(r);
		if (rc == 0) {
			const char *q[2];
			buf_putc(&ids, '}');
			buf_putc(&vals, '}');
			q[0] = ids.data;
			q[1] = vals.data;
			rc = db_command(db, STMT_SEALED_EVAL_OPEN_SET, q);
		}
		if (n < 1000)
			break;
	}
	arr_free(&ids);
	arr_free(&vals);
	return rc;
}

/* One batch of plain comments after id *last: sealed (or their plain form
 * dropped where the sealed one holds the same text). Returns the rows
 * seen, or -1. */
static int
eval_plain_batch(struct db *db, char last[24], long *sealed)
{
	const struct keyring *kr = import_keyring();
	const char *p[1] = { last };
	struct buf keep, ids, hexes;
	char kid[16] = "";
	PGresult *r = db_exec(db, STMT_SEALED_EVAL_PLAIN, p);
	int i, n, rc = 0;
	long nnew = 0;

	if (r == NULL)
		return -1;
	if ((n = PQntuples(r)) == 0 || kr == NULL) {
		PQclear(r);
		return n == 0 ? 0 : -1;
	}
	buf_init(&keep);
	buf_init(&ids);
	buf_init(&hexes);
	arr_start(&keep);
	arr_start(&ids);
	arr_start(&hexes);
	for (i = 0; i < n && rc == 0; i++) {
		const char *ad = PQgetvalue(r, i, 1), *plain = PQgetvalue(r, i, 2);
		char *pt = NULL, *h;
		size_t len = 0;
		int k;
		if (*PQgetvalue(r, i, 3) && unseal_hex(kr, atoi(PQgetvalue(r, i, 3)), ad,
		    PQgetvalue(r, i, 4), &pt, &len) == 0 && len == strlen(plain) &&
		    memcmp(pt, plain, len) == 0)
			arr_add(&keep, PQgetvalue(r, i, 0));
		else if (seal_hex(kr, ad, plain, strlen(plain), &h, &k) == 0) {
			arr_add(&ids, PQgetvalue(r, i, 0));
			arr_add(&hexes, h);
			snprintf(kid, sizeof(kid), "%d", k);
			free(h);
			nnew++;
		} else
			rc = -1;
		if (pt != NULL) {
			OPENSSL_cleanse(pt, len);
			free(pt);
		}
	}
	snprintf(last, 24, "%s", PQgetvalue(r, n - 1, 0));
	PQclear(r);
	buf_putc(&keep, '}');
	buf_putc(&ids, '}');
	buf_putc(&hexes, '}');
	if (rc == 0 && keep.len > 2) {
		const char *q[1] = { keep.data };
		rc = db_command(db, STMT_SEALED_EVAL_KEEP, q);
	}
	if (rc == 0 && nnew > 0) {
		const char *q[3] = { kid, ids.data, hexes.data };
		rc = db_command(db, STMT_SEALED_EVAL_STORE, q);
	}
	arr_free(&keep);
	arr_free(&ids);
	arr_free(&hexes);
	if (rc == 0)
		*sealed += nnew;
	return rc == 0 ? n : -1;
}

int
sealed_eval_plain(struct db *db, long *sealed)
{
	char last[24] = "0";
	int n;

	while ((n = eval_plain_batch(db, last, sealed)) == 1000)
		;
	return n < 0 ? -1 : 0;
}

/* One batch of comments sealed under an older key: sealed again. */
static int
eval_old_batch(struct db *db, const char *cur, char last[24], long *done, long *bad)
{
	const struct keyring *kr = import_keyring();
	const char *p[2] = { cur, last };
	struct buf ids, hexes;
	char kid[16] = "";
	PGresult *r = db_exec(db, STMT_SEALED_EVAL_OLD, p);
	int i, n, rc = 0;
	long nnew = 0;

	if (r == NULL)
		return -1;
	if ((n = PQntuples(r)) == 0) {
		PQclear(r);
		return 0;
	}
	buf_init(&ids);
	buf_init(&hexes);
	arr_start(&ids);
	arr_start(&hexes);
	for (i = 0; i < n; i++) {
		const char *ad = PQgetvalue(r, i, 1);
		char *pt, *h;
		size_t len;
		int k;
		if (unseal_hex(kr, atoi(PQgetvalue(r, i, 2)), ad, PQgetvalue(r, i, 3), &pt, &len) != 0) {
			fprintf(stderr, "rekey: the comment of evaluation %s (key %s) does not open\n",
			    PQgetvalue(r, i, 0), PQgetvalue(r, i, 2));
			(*bad)++;
			continue;
		}
		if (seal_hex(kr, ad, pt, len, &h, &k) == 0) {
			arr_add(&ids, PQgetvalue(r, i, 0));
			arr_add(&hexes, h);
			snprintf(kid, sizeof(kid), "%d", k);
			free(h);
			nnew++;
		} else
			rc = -1;
		OPENSSL_cleanse(pt, len);
		free(pt);
	}
	snprintf(last, 24, "%s", PQgetvalue(r, n - 1, 0));
	PQclear(r);
	buf_putc(&ids, '}');
	buf_putc(&hexes, '}');
	if (rc == 0 && nnew > 0) {
		const char *q[3] = { kid, ids.data, hexes.data };
		rc = db_command(db, STMT_SEALED_EVAL_STORE, q);
	}
	arr_free(&ids);
	arr_free(&hexes);
	if (rc == 0)
		*done += nnew;
	return rc == 0 ? n : -1;
}

static void
chunk_ad(char *ad, size_t len, const char *id, const char *seq)
{
	snprintf(ad, len, "import:%s:%s", id, seq);
}

/* One batch of stored file chunks, plain or under an older key: sealed
 * under the current one. */
static int
chunk_batch(struct db *db, const char *cur, char lid[24], char lseq[24], long *done, long *bad)
{
	const struct keyring *kr = import_keyring();
	const char *p[3] = { cur, lid, lseq };
	PGresult *r = db_exec(db, STMT_SEALED_CHUNK_LIST, p);
	int i, n, rc = 0;

	if (r == NULL)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n && rc == 0; i++) {
		const char *id = PQgetvalue(r, i, 0), *seq = PQgetvalue(r, i, 1);
		const char *hex = PQgetvalue(r, i, 3);
		int oldk = atoi(PQgetvalue(r, i, 2)), k;
		char ad[64], *pt = NULL, *h, kid[16];
		size_t len = 0;
		chunk_ad(ad, sizeof(ad), id, seq);
		if (oldk == 0) {
			len = strlen(hex) / 2;
			pt = xmalloc(len + 1);
			(void)crypto_unhex(hex, (unsigned char *)pt, len);
		} else if (unseal_hex(kr, oldk, ad, hex, &pt, &len) != 0) {
			fprintf(stderr, "rekey: chunk %s of import %s (key %d) does not open\n", seq, id, oldk);
			(*bad)++;
			continue;
		}
		if (seal_hex(kr, ad, pt, len, &h, &k) == 0) {
			const char *q[4] = { id, seq, kid, h };
			snprintf(kid, sizeof(kid), "%d", k);
			if ((rc = db_command(db, STMT_SEALED_CHUNK_STORE, q)) == 0)
				(*done)++;
			free(h);
		} else
			rc = -1;
		OPENSSL_cleanse(pt, len);
		free(pt);
	}
	if (n > 0) {
		snprintf(lid, 24, "%s", PQgetvalue(r, n - 1, 0));
		snprintf(lseq, 24, "%s", PQgetvalue(r, n - 1, 1));
	}
	PQclear(r);
	return rc == 0 ? n : -1;
}

int
sealed_rekey(struct db *db, long *done, long *bad)
{
	const struct keyring *kr = import_keyring();
	char cur[16], last[24] = "0", lseq[24] = "-1";
	int n, pass;

	if (kr == NULL)
		return -1;
	snprintf(cur, sizeof(cur), "%d", kr->k[keyring_current(kr)].id);
	/* evaluation comments: plain ones, then those under an older key;
	 * then the stored files' chunks; a batch per transaction */
	for (pass = 0; pass < 3; pass++) {
		snprintf(last, sizeof(last), "0");
		do {
			if (db_begin(db) != 0)
				return -1;
			n = pass == 0 ? eval_plain_batch(db, last, done) :
			    pass == 1 ? eval_old_batch(db, cur, last, done, bad) :
			    chunk_batch(db, cur, last, lseq, done, bad);
			if (n < 0) {
				db_rollback(db);
				return -1;
			}
			if (db_commit(db) != 0)
				return -1;
		} while (n > 0);
	}
	return 0;
}

/* ---------------------------------------------------------------- database */

static int
db_fail(struct import_result *r, struct db *db, const char *what)
{
	char msg[320];

	snprintf(msg, sizeof(msg), "データベースの処理に失敗しました（%s%s%s）", what,
	    db->sqlstate[0] ? " SQLSTATE " : "", db->sqlstate);
	add_err(r, 0, "", "", msg);
	db_rollback(db);
	return -1;
}

#define COPY_PIECE	(1024 * 1024)

static int
copy_in(struct db *db, struct buf *b)
{
	PGresult *res = PQexec(db->conn, "COPY import_stage FROM STDIN");	/* constant */
	int ok = PQresultStatus(res) == PGRES_COPY_IN;
	size_t off, n;

	PQclear(res);
	if (!ok)
		return -1;
	for (off = 0; off < b->len; off += n) {	/* one CopyData message is < 1 GB */
		n = b->len - off < COPY_PIECE ? b->len - off : COPY_PIECE;
		if (PQputCopyData(db->conn, b->data + off, (int)n) != 1)
			return -1;
	}
	if (PQputCopyEnd(db->conn, NULL) != 1)
		return -1;
	res = PQgetResult(db->conn);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		snprintf(db->sqlstate, sizeof(db->sqlstate), "%s",
		    PQresultErrorField(res, PG_DIAG_SQLSTATE) ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "");
	PQclear(res);
	while ((res = PQgetResult(db->conn)) != NULL)
		PQclear(res);
	return ok ? 0 : -1;
}

static const char *
header_of(const struct stage *st, const char *field)
{
	size_t i;

	for (i = 0; i < st->k->nf; i++)
		if (strcmp(st->k->f[i].name, field) == 0)
			return st->hdr[i];
	return field;
}

static void
present_list(const struct stage *st, struct buf *b)
{
	size_t i;
	int n = 0;

	buf_putc(b, '{');
	for (i = 0; i < st->k->nf; i++)
		if (st->present[i] >= 0)
			buf_printf(b, "%s%s", n++ ? "," : "", st->k->f[i].name);
	buf_putc(b, '}');
}

/* Stage, validate, apply (in the open transaction). */
static int
run_sql(struct db *db, struct stage *st, const struct import_opts *o, struct import_result *r)
{
	const char *p1[1] = { st->k->name };
	struct buf pres;
	PGresult *res;
	int i, n, evals = strcmp(st->k->name, "evaluations") == 0;

	if (db_command(db, STMT_IMPORT_STAGE, p1) != 0)
		return db_fail(r, db, "staging");
	if (copy_in(db, &st->copy) != 0)
		return db_fail(r, db, "COPY");
	if (evals && sealed_eval_open(db) != 0)
		return db_fail(r, db, "評価者コメントの復号");
	buf_init(&pres);
	present_list(st, &pres);
	{
		const char *p[3] = { st->k->name, o->sync ? "true" : "false", pres.data };
		res = db_exec(db, STMT_IMPORT_RUN, p);
	}
	buf_free(&pres);
	if (res == NULL)
		return db_fail(r, db, "validation");
	r->created = strtol(PQgetvalue(res, 0, 1), NULL, 10);
	r->updated = strtol(PQgetvalue(res, 0, 2), NULL, 10);
	r->unchanged = strtol(PQgetvalue(res, 0, 3), NULL, 10);
	r->deleted = strtol(PQgetvalue(res, 0, 4), NULL, 10);
	PQclear(res);
	{
		char lim[16];
		const char *p[1] = { lim };
		snprintf(lim, sizeof(lim), "%d", IMPORT_MAXERR);
		if ((res = db_exec(db, STMT_IMPORT_ERRORS, p)) == NULL)
			return db_fail(r, db, "errors");
	}
	n = PQntuples(res);
	for (i = 0; i < n; i++)
		add_err(r, strtol(PQgetvalue(res, i, 0), NULL, 10),
		    header_of(st, PQgetvalue(res, i, 1)), PQgetvalue(res, i, 2), PQgetvalue(res, i, 3));
	if (n > 0)	/* errors beyond the listed ones still count */
		r->nerr += strtol(PQgetvalue(res, 0, 4), NULL, 10) - n;
	PQclear(res);
	if (evals && r->nerr == 0 && !o->dry_run && import_keyring() != NULL) {	/* sealed before the commit */
		long sealed = 0;
		if (db_command(db, STMT_SEALED_EVAL_CLEARED, NULL) != 0 ||
		    sealed_eval_plain(db, &sealed) != 0)
			return db_fail(r, db, "評価者コメントの暗号化");
	}
	return 0;
}

/* The stored file is split into chunks of this size (sql/026), each sent as
 * one binary parameter: no hex doubling, and no protocol message near
 * PostgreSQL's 1 GB limit whatever the file's size. */
#define IMPORT_CHUNK	(8 * 1024 * 1024)

/* TMS_IMPORT_CHUNK_BYTES may make the chunks smaller (tests). */
static size_t
chunk_size(void)
{
	const char *e = getenv("TMS_IMPORT_CHUNK_BYTES");
	long n = e ? strtol(e, NULL, 10) : 0;

	return n > 0 && n < IMPORT_CHUNK ? (size_t)n : IMPORT_CHUNK;
}

/* The file's bytes as import_file_chunk rows of history row id. */
static int
store_file(struct db *db, long id, const char *data, size_t len)
{
	const struct keyring *kr = import_keyring();
	char sid[24], seq[24], kid[16] = "", ad[64];
	const char *p[4] = { sid, seq, NULL, kid };
	int lens[4] = { 0, 0, 0, 0 }, fmts[4] = { 0, 0, 1, 0 }, k, rc = 0;
	size_t off, cs = chunk_size();
	unsigned char *sealed = kr ? xmalloc(cs + SEAL_OVERHEAD) : NULL;
	long n = 0;
	PGresult *res;

	snprintf(sid, sizeof(sid), "%ld", id);
	for (off = 0; off < len && rc == 0; off += cs, n++) {
		size_t clen = len - off < cs ? len - off : cs;
		snprintf(seq, sizeof(seq), "%ld", n);
		p[2] = data + off;
		lens[2] = (int)clen;
		if (kr != NULL) {	/* sealed, bound to the import and the chunk */
			chunk_ad(ad, sizeof(ad), sid, seq);
			if (seal(kr, ad, strlen(ad), data + off, clen, sealed, &k) != 0) {
				rc = -1;
				break;
			}
			snprintf(kid, sizeof(kid), "%d", k);
			p[2] = (const char *)sealed;
			lens[2] = (int)(clen + SEAL_OVERHEAD);
		}
		if ((res = db_exec_bin(db, STMT_IMPORT_CHUNK_ADD, p, lens, fmts, 0)) == NULL)
			rc = -1;
		PQclear(res);
	}
	free(sealed);
	return rc;
}

int
import_stored_file(struct db *db, long id, long long size, const char *sha256,
    struct buf *out, char *err, size_t errlen)
{
	char sid[24], seq[24], hex[65];
	const char *p[2] = { sid, seq };
	PGresult *res;
	long n;
	int k;

	snprintf(sid, sizeof(sid), "%ld", id);
	for (n = 0; (long long)out->len < size; n++) {
		snprintf(seq, sizeof(seq), "%ld", n);
		if ((res = db_exec_bin(db, STMT_IMPORT_CHUNK_GET, p, NULL, NULL, 1)) == NULL) {
			snprintf(err, errlen, "保存されたファイルを読み出せませんでした");
			return -1;
		}
		if (PQntuples(res) != 1 || PQgetlength(res, 0, 0) == 0) {
			PQclear(res);
			break;
		}
		if (PQgetlength(res, 0, 1) == 4 && (k = (int)ntohl(*(const uint32_t *)(const void *)
		    PQgetvalue(res, 0, 1))) != 0) {	/* sealed (sql/064) */
			const struct keyring *kr = import_keyring();
			size_t len = (size_t)PQgetlength(res, 0, 0), ol = 0;
			unsigned char *pt = xmalloc(len);
			char ad[64];
			chunk_ad(ad, sizeof(ad), sid, seq);
			if (kr == NULL || unseal(kr, k, ad, strlen(ad), (const unsigned char *)
			    PQgetvalue(res, 0, 0), len, pt, &ol) != 0) {
				free(pt);
				PQclear(res);
				snprintf(err, errlen, "保存されたファイルが記録と一致しません（復号できません: "
				    "改変されたか、鍵 %d がありません）。確定できません", k);
				return -1;
			}
			buf_add(out, pt, ol);
			OPENSSL_cleanse(pt, ol);
			free(pt);
		} else
			buf_add(out, PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0));
		PQclear(res);
	}
	crypto_sha256_hex(out->data ? out->data : "", out->len, hex);
	if ((long long)out->len != size || strcmp(hex, sha256) != 0) {
		snprintf(err, errlen, "保存されたファイルが記録（大きさ %lld バイト、SHA-256 %.12s…）と"
		    "一致しません。確定できません", size, sha256);
		return -1;
	}
	return 0;
}

static int
history_add(struct db *db, const struct import_opts *o, const char *data, size_t len,
    struct import_result *r, const char *status, char c[][24])
{
	char acct[24], nerr[24], rows[24], size[24];
	const char *p[15] = { acct, o->actor ? o->actor : "", o->kind,
	    o->file_name ? o->file_name : "", r->sha256, r->encoding[0] ? r->encoding : "?",
	    o->sync ? "true" : "false", status, rows, c[0], c[1], c[2], c[3], nerr, size };
	PGresult *res;

	snprintf(acct, sizeof(acct), "%ld", o->account_id);
	snprintf(rows, sizeof(rows), "%ld", r->rows);
	snprintf(nerr, sizeof(nerr), "%ld", r->nerr);
	snprintf(size, sizeof(size), "%zu", len);
	if ((res = db_exec(db, STMT_IMPORT_HISTORY_ADD, p)) == NULL)
		return -1;
	r->history_id = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return store_file(db, r->history_id, data, len);
}

/* Record the run in import_history with the file (inside the import's
 * transaction when committing, in a transaction of its own otherwise). */
static int
history(struct db *db, const struct import_opts *o, const char *data, size_t len,
    struct import_result *r, const char *status)
{
	char acct[24], pid[24], c[4][24], rows[24];
	int own = strcmp(status, "committed") != 0;
	PGresult *res;

	snprintf(acct, sizeof(acct), "%ld", o->account_id);
	snprintf(rows, sizeof(rows), "%ld", r->rows);
	snprintf(c[0], sizeof(c[0]), "%ld", r->created);
	snprintf(c[1], sizeof(c[1]), "%ld", r->updated);
	snprintf(c[2], sizeof(c[2]), "%ld", r->unchanged);
	snprintf(c[3], sizeof(c[3]), "%ld", r->deleted);
	if (o->preview_id > 0 && !own) {
		const char *p[7] = { pid, rows, c[0], c[1], c[2], c[3], acct };
		snprintf(pid, sizeof(pid), "%ld", o->preview_id);
		if ((res = db_exec(db, STMT_IMPORT_HISTORY_COMMIT, p)) == NULL)
			return -1;
		if (PQntuples(res) != 1) {
			PQclear(res);
			add_err(r, 0, "", "", "このプレビューは既に確定済みか、別の利用者のものです");
			return -1;
		}
		r->history_id = o->preview_id;
		PQclear(res);
		return 0;
	}
	if (own && db_begin(db) != 0)
		return -1;
	if (history_add(db, o, data, len, r, status, c) != 0) {
		r->history_id = 0;
		if (own)
			db_rollback(db);
		return -1;
	}
	if (own && db_commit(db) != 0) {
		r->history_id = 0;
		return -1;
	}
	return 0;
}

int
import_run(struct db *db, const struct import_opts *o, const char *data, size_t len,
    struct import_result *r)
{
	struct stage st;
	struct timespec t0, t1;
	int fatal;

	memset(r, 0, sizeof(*r));
	memset(&st, 0, sizeof(st));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r->err = xcalloc(IMPORT_MAXERR, sizeof(*r->err));
	crypto_sha256_hex(data, len, r->sha256);
	if ((st.k = import_kind_find(o->kind)) == NULL) {
		add_err(r, 0, "", o->kind, "取込の種類がありません（staff, units, appointments, "
		    "qualifications, training, evaluations, skills, duties, duty_assignments）");
		return 1;
	}
	buf_init(&st.copy);
	fatal = parse_file(&st, o, data, len, r);
	if (!fatal) {
		const char *p[1] = { IMPORT_TIMEOUT_MS };
		if (db_begin(db) != 0) {
			add_err(r, 0, "", "", "データベースに接続できません。何も変更されていません");
			buf_free(&st.copy);
			return -1;
		}
		if (db_command(db, STMT_IMPORT_TIMEOUT, p) != 0 || run_sql(db, &st, o, r) != 0) {
			db_rollback(db);
			buf_free(&st.copy);
			return -1;
		}
	}
	buf_free(&st.copy);
	if (r->nerr == 0 && !o->dry_run) {
		if (history(db, o, data, len, r, "committed") != 0 || db_commit(db) != 0) {
			db_rollback(db);
			if (r->nerr == 0)
				add_err(r, 0, "", "", "確定（コミット）に失敗しました。何も変更されていません");
			qsort(r->err, (size_t)(r->nerr < IMPORT_MAXERR ? r->nerr : IMPORT_MAXERR),
			    sizeof(*r->err), err_cmp);
			return 1;
		}
		r->committed = 1;
	} else {
		db_rollback(db);
		(void)history(db, o, data, len, r, r->nerr ? "refused" : "preview");
	}
	qsort(r->err, (size_t)(r->nerr < IMPORT_MAXERR ? r->nerr : IMPORT_MAXERR),
	    sizeof(*r->err), err_cmp);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return r->nerr ? 1 : 0;
}

/* ---------------------------------------------------------------- export */

/* The export streams: rows come from the database one at a time
 * (db_each), are written as CSV into a piece of about EXPORT_PIECE bytes
 * and each piece, in the chosen encoding, goes to the caller's sink (the
 * HTTP response, or stdout for tmsctl). Nothing holds the whole file. */
#define EXPORT_PIECE	(256 * 1024)

struct xout {
	const struct import_kind *k;
	struct buf		 text;	/* UTF-8 CSV not handed on yet */
	char			*conv;	/* its CP932 form */
	size_t			 convcap;
	struct csv_w		 w;
	iconv_t			 cd;	/* (iconv_t)-1: UTF-8 */
	long			 rows;
	long			 lines;	/* lines handed on before text */
	int			(*sink)(void *, const char *, size_t);	/* NULL: check only */
	void			*ctx;
	char			*err;
	size_t			 errlen;
};

/* x->text → CP932 in x->conv; -1 with the line of the first character
 * that CP932 cannot hold. */
static int
to_cp932(struct xout *x, size_t *len)
{
	char *ip = x->text.data, *op;
	size_t il = x->text.len, ol;

	if (x->convcap < 2 * il) {	/* CP932 never takes more bytes than UTF-8 */
		x->convcap = 2 * il;
		x->conv = xrealloc(x->conv, x->convcap);
	}
	op = x->conv;
	ol = x->convcap;
	if (iconv(x->cd, &ip, &il, &op, &ol) == (size_t)-1) {
		long line = x->lines + 1;
		const char *q;
		for (q = x->text.data; q < ip; q++)
			line += *q == '\n';
		snprintf(x->err, x->errlen, "%ld行目: CP932（Shift_JIS）で表せない文字があります。UTF-8で出力してください", line);
		return -1;
	}
	*len = (size_t)(op - x->conv);
	return 0;
}

/* A read-only transaction whose queries all see one snapshot (the two
 * passes of a CP932 export). */
static int
begin_snapshot(struct db *db)
{
	PGresult *r;
	int ok;

	if (db_ensure(db) != 0)
		return -1;
	r = PQexec(db->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");	/* constant */
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

/* Hand x->text on (converted if asked); -1 with err set. */
static int
piece_out(struct xout *x)
{
	const char *p = x->text.data;
	size_t n = x->text.len;
	int rc;

	if (n == 0)
		return 0;
	if (x->cd != (iconv_t)-1) {
		const char *q;
		if (to_cp932(x, &n) != 0)
			return -1;
		for (q = x->text.data; q < x->text.data + x->text.len; q++)
			x->lines += *q == '\n';
		p = x->conv;
	}
	rc = x->sink != NULL ? x->sink(x->ctx, p, n) : 0;
	buf_reset(&x->text);
	if (rc != 0)
		snprintf(x->err, x->errlen, "出力先に書き込めませんでした（途中で切断されました）");
	return rc != 0 ? -1 : 0;
}

static int
export_row(void *ctx, const PGresult *res, int i)
{
	struct xout *x = ctx;
	size_t j;

	for (j = 0; j < x->k->nf; j++)
		if (j + 1 == x->k->nf && (size_t)PQnfields(res) == x->k->nf + 3 &&
		    *PQgetvalue(res, i, (int)j + 2)) {
			/* the last field sealed: place, key, hex follow (evaluations) */
			char *pt;
			size_t len;
			if (import_keyring() == NULL || unseal_hex(import_keyring(),
			    atoi(PQgetvalue(res, i, (int)j + 2)), PQgetvalue(res, i, (int)j + 1),
			    PQgetvalue(res, i, (int)j + 3), &pt, &len) != 0) {
				snprintf(x->err, x->errlen, "暗号化された値を復号できませんでした（鍵 %s）",
				    PQgetvalue(res, i, (int)j + 2));
				return 1;
			}
			csv_put(&x->w, pt);
			OPENSSL_cleanse(pt, len);
			free(pt);
		} else
			csv_put(&x->w, PQgetvalue(res, i, (int)j));
	csv_end(&x->w);
	x->rows++;
	return x->text.len >= EXPORT_PIECE && piece_out(x) != 0 ? 1 : 0;
}

/* One pass over the kind's rows: to the sink, or only converted (check). */
static int
export_pass(struct db *db, struct xout *x, const char *asof)
{
	const char *p[1] = { asof };
	size_t j;
	int rc;

	x->rows = 0;
	x->lines = 0;
	buf_reset(&x->text);
	csv_w_init(&x->w, &x->text, 0);
	if (x->cd == (iconv_t)-1)
		buf_puts(&x->text, "\xef\xbb\xbf");	/* UTF-8 BOM (Excel) */
	for (j = 0; j < x->k->nf; j++)
		csv_put(&x->w, x->k->f[j].header);
	csv_end(&x->w);
	rc = db_each(db, x->k->export_stmt, p, export_row, x);
	if (rc == -1)
		snprintf(x->err, x->errlen, "データベースから読み出せませんでした");
	return rc == 0 ? piece_out(x) : -1;
}

int
import_export(struct db *db, const char *kind, const char *asof, const char *enc,
    int (*sink)(void *, const char *, size_t), void *ctx, long *rows, char *err, size_t errlen)
{
	const char *tmo[1] = { IMPORT_TIMEOUT_MS };
	struct xout x;
	int rc;

	*rows = 0;
	memset(&x, 0, sizeof(x));
	if ((x.k = import_kind_find(kind)) == NULL) {
		snprintf(err, errlen, "出力の種類 %s はありません", kind);
		return -1;
	}
	if (enc == NULL || *enc == '\0')
		enc = "utf-8";
	if (strcmp(enc, "utf-8") != 0 && strcmp(enc, "cp932") != 0) {
		snprintf(err, errlen, "文字コード %s には対応していません（utf-8, cp932）", enc);
		return -1;
	}
	x.cd = (iconv_t)-1;
	if (strcmp(enc, "cp932") == 0 && (x.cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		snprintf(err, errlen, "CP932の変換表がありません");
		return -1;
	}
	x.err = err;
	x.errlen = errlen;
	x.ctx = ctx;
	/* One read-only snapshot, with the import's statement timeout: a
	 * streamed export may take as long as the file is big. */
	if (begin_snapshot(db) != 0 || db_command(db, STMT_IMPORT_TIMEOUT, tmo) != 0) {
		snprintf(err, errlen, "データベースに接続できません");
		rc = -1;
	} else if (x.cd == (iconv_t)-1) {
		x.sink = sink;
		rc = export_pass(db, &x, asof ? asof : "");
	} else {
		/* CP932 cannot hold every character: a first pass over the
		 * same snapshot finds the first one it cannot, before any byte
		 * goes out, so the refusal is a clear error, not a cut file */
		rc = export_pass(db, &x, asof ? asof : "");
		x.sink = sink;
		if (rc == 0)
			rc = export_pass(db, &x, asof ? asof : "");
	}
	db_rollback(db);
	if (x.cd != (iconv_t)-1)
		iconv_close(x.cd);
	buf_free(&x.text);
	free(x.conv);
	*rows = x.rows;
	return rc;
}
