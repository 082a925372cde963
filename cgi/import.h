/* import.h: bulk import and export of CSV files (staff, units, appointments,
 * qualifications, training, evaluations, skills, duties, duty assignments),
 * shared by tmsctl and the HR screens (h_import.c). The file is decoded and
 * parsed here, dates are read with lib/jdate (和暦 too), the rows are copied
 * into a staging table and validated and applied set-based in SQL
 * (sql/020_import.sql), all in one transaction that is committed only when
 * no error was found. */
#ifndef TMS_IMPORT_H
#define TMS_IMPORT_H
#include <stddef.h>
#include "buf.h"
#include "db.h"

enum ifield_type { IF_TEXT, IF_DATE };

struct import_field {
	const char	*name;		/* column of the staging table */
	const char	*header;	/* header of our own export */
	int		 type;		/* enum ifield_type */
	int		 required;	/* the column must be in the file */
};

struct import_kind {
	const char			*name;		/* staff, units, ... */
	const char			*label;		/* 職員, 所属, ... */
	const struct import_field	*f;
	size_t				 nf;
	int				 export_stmt;	/* enum stmt */
	unsigned			 groups;	/* policy field groups (bit mask) */
};

extern const struct import_kind import_kinds[];
extern const size_t import_nkinds;
const struct import_kind *import_kind_find(const char *);

/* Header → field per kind, from a YAML file:
 *   KIND:
 *     HEADER: FIELD      (FIELD "-" ignores the column)
 * A kind listed in the file uses only its own lines; other kinds keep the
 * headers of our export format. */
struct import_map_entry {
	char	header[128];
	int	kind;		/* index into import_kinds */
	int	field;		/* index into the kind's fields; -1: ignore */
};
struct import_mapping {
	struct import_map_entry	*v;
	size_t			 n, cap;
	unsigned		 kinds;	/* bit per kind that the file maps */
};

int	import_mapping_load(const char *, struct import_mapping *, char *, size_t);
void	import_mapping_free(struct import_mapping *);

#define IMPORT_MAXERR	1000

struct import_error {
	long	line;		/* 0: the file as a whole */
	char	header[128];
	char	value[160];
	char	reason[320];
};

struct import_opts {
	const char			*kind;
	const char			*encoding;	/* auto, utf-8, cp932 */
	int				 sync;
	int				 dry_run;
	const struct import_mapping	*map;		/* NULL: our export format */
	long				 account_id;	/* 0: tmsctl */
	const char			*actor;		/* login or cli:USER */
	const char			*file_name;
	long				 preview_id;	/* commit of this previewed history row */
};

struct import_result {
	char			 encoding[16];
	char			 sha256[65];
	long			 rows, created, updated, unchanged, deleted;
	long			 nerr;		/* all errors; at most IMPORT_MAXERR kept */
	struct import_error	*err;
	long			 history_id;
	int			 committed;
	double			 seconds;
};

/* 0: done (committed, or a preview without errors); 1: errors, nothing was
 * changed; -1: the database failed (reason in err[0]). */
int	import_run(struct db *, const struct import_opts *, const char *, size_t,
	    struct import_result *);
void	import_result_free(struct import_result *);

/* The file stored with history row id, appended to out: read back chunk by
 * chunk and checked against its recorded size and SHA-256. 0, or -1 with a
 * reason in err. */
int	import_stored_file(struct db *, long, long long, const char *, struct buf *,
	    char *, size_t);

/* Export a kind in the format import reads (UTF-8 with BOM, or CP932), rows
 * valid on asof ("" for all), streamed: sink(ctx, bytes, n) gets the file
 * piece by piece (about 256 KB each) as the rows come from the database,
 * and returns 0, or -1 to stop (the reader is gone). *rows counts the rows.
 * 0, or -1 with a reason in err: the CP932 refusal of a character comes
 * before the first piece; a database failure may come after some. */
int	import_export(struct db *, const char *, const char *, const char *,
	    int (*)(void *, const char *, size_t), void *, long *, char *, size_t);

/* Sealed fields (issue 15): evaluation comments and the bytes of stored
 * import files are sealed (AES-256-GCM, lib/seal.c) under the key ring set
 * here once at start (the wishes key ring; NULL or empty: stored plain, as
 * before sql/064). */
struct keyring;
void	import_set_keyring(const struct keyring *);
const struct keyring *import_keyring(void);

/* In the open transaction: seal every plain evaluation comment (keeping a
 * sealed form that holds the same text); *sealed counts the new ones. 0, or
 * -1 (a database failure, or no key ring while plain comments exist). */
int	sealed_eval_plain(struct db *, long *);

/* tmsctl seal / rekey: plain values sealed and values under an older key
 * sealed again under the current one, each batch in a transaction of its
 * own; *done counts what was written, *bad what does not open (skipped).
 * 0, or -1 on a database failure. */
int	sealed_rekey(struct db *, long *, long *);

#endif
