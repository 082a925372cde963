/* csv.h: RFC 4180 CSV reader (quotes, commas, quotes and newlines inside
 * fields, CRLF or LF, trailing blank lines) over UTF-8 text, with line
 * numbers for error messages; and decoding of CP932 (Shift_JIS with the NEC
 * and IBM extensions) or UTF-8 (with or without BOM) input to UTF-8; and
 * writing fields, spreadsheet formulas defused, so that the reader (with
 * csv_undefuse) gives them back unchanged. */
#ifndef TMS_CSV_H
#define TMS_CSV_H
#include <stddef.h>
#include "buf.h"

struct csv {
	const char	*p;
	const char	*end;
	long		 line;		/* physical line of the next record */
	long		 record_line;	/* physical line where the last record began */
};

struct csv_row {
	char		**f;		/* fields, NUL-terminated */
	size_t		  n;
	size_t		  cap;
	char		 *buf;		/* storage of the fields */
	size_t		  bufcap;
};

void	csv_init(struct csv *, const char *, size_t);
/* 1: a record in row; 0: end of input; -1: error (reason in err, with line). */
int	csv_next(struct csv *, struct csv_row *, char *, size_t);
void	csv_row_free(struct csv_row *);

/* Decode to UTF-8. enc: "auto", "utf-8" or "cp932". On success *out is
 * malloc'd and *used names the encoding found; on failure err says where. */
int	csv_decode(const char *, size_t, const char *, char **, size_t *,
	    const char **, char *, size_t);

/*
 * Writing: the one CSV writer of the project; every CSV the application
 * produces goes through it (exports for import, the duties, wishes and
 * analytics downloads). RFC 4180 with CRLF record ends.
 *
 * Spreadsheet formulas are defused: a field that begins with = + - @, a
 * tab or a CR (or with the full-width ＝ ＋ － ＠, which Japanese Excel may
 * take for the ASCII ones) gets an apostrophe in front, the usual
 * text prefix, so that Excel or LibreOffice shows it as text. A field that
 * is entirely a number (-?DIGITS or -?DIGITS.DIGITS, e.g. -3 or -0.5) is
 * not a formula and is written as it is, so numbers stay numbers. A field
 * that itself begins with an apostrophe gets one more, so that reading
 * back is never ambiguous: csv_undefuse() drops a leading apostrophe that
 * stands before another apostrophe or a formula character, and the import
 * stores exactly what was exported.
 */
#define CSV_QUOTE_ALL	0x1	/* quote every field (else only where needed) */

struct csv_w {
	struct buf	*b;		/* where the text goes */
	unsigned	 flags;
	size_t		 nf;		/* fields written in the current record */
};

void	csv_w_init(struct csv_w *, struct buf *, unsigned);
/* One field: a comma first unless it is the record's first, quoted when
 * it holds a comma, quote, CR or LF or begins or ends with a blank. */
void	csv_put(struct csv_w *, const char *);
void	csv_end(struct csv_w *);	/* end of the record */
/* The value a field read from a CSV file stands for (a pointer into it). */
const char *csv_undefuse(const char *);

#endif
