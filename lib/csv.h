/* csv.h: RFC 4180 CSV reader (quotes, commas, quotes and newlines inside
 * fields, CRLF or LF, trailing blank lines) over UTF-8 text, with line
 * numbers for error messages; and decoding of CP932 (Shift_JIS with the NEC
 * and IBM extensions) or UTF-8 (with or without BOM) input to UTF-8; and
 * writing fields so that the reader gives them back unchanged. */
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

/* Append one field, quoted when it holds a comma, quote, CR or LF or
 * begins or ends with a blank (RFC 4180: quotes doubled). */
void	csv_put_field(struct buf *, const char *);

#endif
