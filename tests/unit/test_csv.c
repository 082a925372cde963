/* test_csv.c: RFC 4180 reading with line numbers; CP932 and UTF-8 decoding;
 * the writer's formula defusing and the reader's undo (round trip). */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "tap.h"

static int
rows(const char *s, struct csv_row *r, int want_records, char *err)
{
	struct csv c;
	int n = 0, rc;

	csv_init(&c, s, strlen(s));
	while ((rc = csv_next(&c, r, err, 256)) == 1)
		n++;
	return rc < 0 ? -1 : (n == want_records ? n : -2 - n);
}

int
main(void)
{
	struct csv c;
	struct csv_row r = { 0 };
	char err[256] = "", *out;
	size_t outlen;
	const char *used;

	{
		const char *s = "職員番号,氏名,備考\r\n1001,\"佐藤, 花子\",\"He said \"\"hi\"\"\r\n2行目\"\r\n1002,,\r\n\r\n\n";
		csv_init(&c, s, strlen(s));
		ok(csv_next(&c, &r, err, sizeof(err)) == 1 && r.n == 3 && strcmp(r.f[1], "氏名") == 0, "header row");
		ok(csv_next(&c, &r, err, sizeof(err)) == 1 && r.n == 3 && c.record_line == 2, "record 1 starts on line 2");
		ok(strcmp(r.f[1], "佐藤, 花子") == 0, "comma inside quotes");
		ok(strcmp(r.f[2], "He said \"hi\"\r\n2行目") == 0, "doubled quotes and a newline inside quotes");
		ok(csv_next(&c, &r, err, sizeof(err)) == 1 && c.record_line == 4 && r.n == 3 &&
		    r.f[1][0] == '\0' && r.f[2][0] == '\0', "record 2 on line 4 (after a two-line field), empty fields");
		ok(csv_next(&c, &r, err, sizeof(err)) == 0, "trailing blank lines end the file");
	}
	ok(rows("a,b\nc,d", &r, 2, err) == 2, "no final newline");
	ok(rows("a\"b,c\n", &r, 1, err) == -1 && strstr(err, "1行目"), "bare quote: %s", err);
	ok(rows("a,b\nc,\"d\n\ne\n", &r, 2, err) == -1 && strstr(err, "2行目") && strstr(err, "閉じられていません"),
	    "unterminated quote names its line: %s", err);
	ok(rows("\"a\"x,b\n", &r, 1, err) == -1, "text after a closing quote: %s", err);
	ok(rows("", &r, 0, err) == 0, "empty file has no records");
	ok(rows("\r\n\r\n", &r, 0, err) == 0, "blank lines only");

	/* CP932 with NEC and IBM extension characters, round trip through iconv */
	{
		const char *u = "①,㈱髙﨑彅,ｻﾄｳ\r\n";
		char cp[64], *ip = (char *)u, *op = cp;
		size_t il = strlen(u), ol = sizeof(cp);
		iconv_t cd = iconv_open("CP932", "UTF-8");
		ok(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1, "test data encodes to CP932");
		iconv_close(cd);
		ok(csv_decode(cp, (size_t)(op - cp), "auto", &out, &outlen, &used, err, sizeof(err)) == 0 &&
		    strcmp(used, "CP932") == 0, "auto detects CP932");
		ok(out && strcmp(out, u) == 0, "NEC/IBM extension characters survive: %s", out ? out : "");
		free(out);
		ok(csv_decode(cp, (size_t)(op - cp), "cp932", &out, &outlen, &used, err, sizeof(err)) == 0,
		    "explicit cp932");
		free(out);
	}
	ok(csv_decode("a,b\n\x81", 5, "cp932", &out, &outlen, &used, err, sizeof(err)) != 0 &&
	    strstr(err, "2行目"), "truncated CP932 names line and byte: %s", err);
	ok(csv_decode("\xef\xbb\xbf𠮷,x\n", strlen("\xef\xbb\xbf𠮷,x\n"), "auto", &out, &outlen, &used, err, sizeof(err)) == 0 &&
	    strcmp(out, "𠮷,x\n") == 0 && strcmp(used, "UTF-8") == 0, "UTF-8 BOM stripped, 𠮷 kept");
	free(out);
	ok(csv_decode("ok\n\xff\xfe", 5, "utf-8", &out, &outlen, &used, err, sizeof(err)) != 0 &&
	    strstr(err, "2行目") && strstr(err, "4バイト目"), "invalid UTF-8 names line and byte: %s", err);
	ok(csv_decode("a", 1, "euc-jp", &out, &outlen, &used, err, sizeof(err)) != 0, "unknown encoding refused");
	{	/* writer: tricky fields come back unchanged */
		static const char *const f[] = { "1001", "佐藤, 花子", "He said \"hi\"", "2行\r\n目",
			" 前後の空白 ", "", "①㈱髙﨑彅𠮷", "\"" };
		struct buf b;
		struct csv_w w;
		size_t i, n = sizeof(f) / sizeof(f[0]);
		int same = 1;

		buf_init(&b);
		csv_w_init(&w, &b, 0);
		for (i = 0; i < n; i++)
			csv_put(&w, f[i]);
		csv_end(&w);
		ok(strncmp(b.data, "1001,\"佐藤, 花子\",\"He said \"\"hi\"\"\",", 31) == 0,
		    "writer quotes only where needed: %.40s", b.data);
		csv_init(&c, b.data, b.len);
		ok(csv_next(&c, &r, err, sizeof(err)) == 1 && r.n == n, "written record reads back as one record");
		for (i = 0; i < n && i < r.n; i++)
			same &= strcmp(csv_undefuse(r.f[i]), f[i]) == 0;
		ok(same, "every written field reads back unchanged");
		buf_free(&b);
	}

	/* Spreadsheet formulas: each hostile value as the writer puts it. */
	{
		static const struct { const char *in, *out; } t[] = {
			{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
			{ "+1", "'+1" },
			{ "-1+2", "'-1+2" },
			{ "@SUM(A1)", "'@SUM(A1)" },
			{ "\t=x", "\"'\t=x\"" },
			{ "\r=x", "\"'\r=x\"" },
			{ "'quoted", "''quoted" },
			{ "''", "'''" },
			{ "'=x", "''=x" },
			{ "-3", "-3" },
			{ "3", "3" },
			{ "-0.5", "-0.5" },
			{ "12.25", "12.25" },
			{ "-", "'-" },
			{ "-3.", "'-3." },
			{ "--3", "'--3" },
			{ "-3e2", "'-3e2" },
			{ "＝1+1", "'＝1+1" },
			{ "＋1", "'＋1" },
			{ "－1", "'－1" },
			{ "＠SUM", "'＠SUM" },
			{ "a=b", "a=b" },
			{ "it's", "it's" },
			{ "", "" },
		};
		size_t i, n = sizeof(t) / sizeof(t[0]);
		struct buf b;
		struct csv_w w;
		int all;

		buf_init(&b);
		for (i = 0; i < n; i++) {
			buf_reset(&b);
			csv_w_init(&w, &b, 0);
			csv_put(&w, t[i].in);
			ok(strcmp(b.data ? b.data : "", t[i].out) == 0, "writer: [%s] is written [%s] (got [%s])",
			    t[i].in, t[i].out, b.data ? b.data : "");
		}

		/* All in one record, in both quoting styles: read back and undone,
		 * every value is exactly the original. */
		for (all = 0; all < 2; all++) {
			const char *style = all ? "quote all" : "minimal quoting";
			int same = 1, safe = 1;

			buf_reset(&b);
			csv_w_init(&w, &b, all ? CSV_QUOTE_ALL : 0);
			for (i = 0; i < n; i++)
				csv_put(&w, t[i].in);
			csv_end(&w);
			csv_init(&c, b.data, b.len);
			ok(csv_next(&c, &r, err, sizeof(err)) == 1 && r.n == n, "%s: one record of %zu fields", style, n);
			for (i = 0; i < n && i < r.n; i++) {
				const char *f = r.f[i];
				if (strcmp(csv_undefuse(f), t[i].in) != 0) {
					printf("# field %zu: [%s] read back as [%s]\n", i, t[i].in, csv_undefuse(f));
					same = 0;
				}
				/* what a spreadsheet sees: no formula character first,
				 * unless the whole field is a number */
				if (f[0] && strchr("=+-@\t\r", f[0]) && strcmp(f, "-3") && strcmp(f, "-0.5"))
					safe = 0;
				if (strncmp(f, "＝", 3) == 0 || strncmp(f, "＋", 3) == 0 ||
				    strncmp(f, "－", 3) == 0 || strncmp(f, "＠", 3) == 0)
					safe = 0;
			}
			ok(same, "%s: every hostile value round-trips exactly", style);
			ok(safe, "%s: no field starts a formula in a spreadsheet", style);
			if (all)
				ok(strncmp(b.data, "\"'=HYPERLINK(", 13) == 0 && strstr(b.data, ",\"-3\",\"3\",") &&
				    strstr(b.data, ",\"\"\r\n"), "quote all: every field quoted, the empty one too");
		}
		buf_free(&b);
	}

	/* The undo takes away exactly what the writer adds, nothing else. */
	ok(strcmp(csv_undefuse("'=1+1"), "=1+1") == 0 && strcmp(csv_undefuse("''x"), "'x") == 0 &&
	    strcmp(csv_undefuse("'－1"), "－1") == 0,
	    "undo: a leading apostrophe before a formula character or an apostrophe goes");
	ok(strcmp(csv_undefuse("'abc"), "'abc") == 0 && strcmp(csv_undefuse("'"), "'") == 0 &&
	    strcmp(csv_undefuse("-3"), "-3") == 0 && strcmp(csv_undefuse("a'=b"), "a'=b") == 0 &&
	    strcmp(csv_undefuse(""), "") == 0, "undo: any other value is left as it is");
	csv_row_free(&r);
	return done_testing();
}
