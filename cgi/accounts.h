/* accounts.h: accounts of staff members (issue 13): one-time codes and the
 * bulk issue engine (cgi/accounts.c, shared by the pages and tmsctl), the
 * password rules and the pages (cgi/h_accounts.c). */
#ifndef TMS_ACCOUNTS_H
#define TMS_ACCOUNTS_H
#include <stddef.h>
#include <time.h>
#include "crypto.h"
#include "db.h"

struct ctx;

/* One-time codes: 20 characters of a 32-letter alphabet without 0 O 1 I
 * (100 bits), shown in groups of four ("ABCD-EFGH-…"). */
#define ACCT_CODE_LEN		20
#define ACCT_CODE_SHOWN		(ACCT_CODE_LEN + ACCT_CODE_LEN / 4 - 1)
/* The notices and CSV of a batch can be opened by its issuer for this long
 * after issuing; then the sealed copies of the codes are erased. */
#define ACCT_NOTICE_MINUTES	30

int	acct_code_new(char out[ACCT_CODE_LEN + 1]);
/* What was typed (any case, hyphens, spaces, full-width) to the 20 letters;
 * 0, or -1 when it cannot be a code. */
int	acct_code_norm(const char *, char out[ACCT_CODE_LEN + 1]);
void	acct_code_group(const char *, char out[ACCT_CODE_SHOWN + 1]);
void	acct_code_hash(const unsigned char *, size_t, const char *,
	    char out[SHA256_HEX_LEN + 1]);
/* The notice copy: the code sealed (AES-256-GCM, key derived from the
 * secret) bound to its hash, as hex; and opening it. 0 or -1. */
#define ACCT_SEALED_HEX		(2 * (ACCT_CODE_LEN + 28))
int	acct_code_seal(const unsigned char *, size_t, const char *, const char *,
	    char out[ACCT_SEALED_HEX + 1]);
int	acct_code_unseal(const unsigned char *, size_t, const char *, const char *,
	    char out[ACCT_CODE_LEN + 1]);

/* Bulk issue: accounts (login = staff number in lower case, role general,
 * no password) with an activation code each, for the staff in service on
 * `today` who have none: everyone, a unit with its sub-units (main
 * appointment), or a list of staff numbers (each line gets a result). */
enum acct_scope { ACCT_ALL, ACCT_UNIT, ACCT_LIST };

struct acct_line {
	long	 line;			/* list: line number of the input, else 0 */
	char	 no[24];		/* staff number as typed / found */
	long	 staff_id;
	char	 login[64];
	char	 code[ACCT_CODE_LEN + 1];	/* only when issued (tmsctl prints it) */
	const char *error;		/* NULL: issued */
};

struct acct_issue {
	/* in */
	struct db		*db;
	const unsigned char	*secret;
	size_t			 secretlen;
	long			 actor;		/* issuing account, 0: tmsctl */
	int			 days;		/* auth.activation_days */
	time_t			 now;		/* the request's now */
	/* out */
	long			 batch;
	long			 issued;
	long			 failed;
	char			 expiry[11];	/* last valid day, YYYY-MM-DD */
	struct acct_line	*lines;
	size_t			 nlines;
};

/* Returns 0 (see issued/failed and lines), or -1 with msg (database, or an
 * unknown unit). nos/lineno: the list (ACCT_LIST). */
int	acct_issue_run(struct acct_issue *, enum acct_scope, const char *,
	    char *const *, const long *, size_t, char *, size_t);
void	acct_issue_free(struct acct_issue *);
/* Split pasted or uploaded text into staff numbers (first field of each
 * non-empty line, CSV or tab separated); returns the count. */
size_t	acct_list_parse(const char *, char ***, long **);
/* The last valid day of a code issued at now (YYYY-MM-DD), and the moment it
 * expires (the next local midnight). */
time_t	acct_expiry(time_t, int, char [11]);

/* A new one-time code (purpose 'reset') for one account, in a batch of its
 * own; older unused codes of the account are voided. Returns the batch,
 * 0 (no such account) or -1. */
long	acct_code_reissue(struct db *, const unsigned char *, size_t, long, long,
	    int, time_t, char [ACCT_CODE_LEN + 1], char [11]);

/* h_accounts.c: a reset code for one account (AD's reset): older unused
 * codes are voided. Returns the batch (> 0) whose notice the caller may
 * open, 0 with msg (no such account), -1 on a database failure. */
long	acct_issue_reset(struct ctx *, long, char *, size_t);
/* Password rules: length (auth.password_min_length), not the login nor the
 * name (kanji, kana, romaji), not a common password. 0 ok, 1 refused (msg
 * in Japanese), -1 failure (msg set). */
int	acct_password_check(struct ctx *, long, const char *, char *, size_t);
/* Load etc/common-passwords.txt (the worker calls it at start); 0 or -1. */
int	acct_common_load(const char *);

#endif
