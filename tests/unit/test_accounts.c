/* test_accounts.c: one-time codes (cgi/accounts.c): the alphabet and
 * length, what typing may change (case, hyphens, spaces, full width), the
 * keyed hash, the sealed notice copy bound to its hash, the expiry day, and
 * the parsing of a pasted list of staff numbers. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "accounts.h"
#include "tap.h"

int
main(void)
{
	static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
	char c1[ACCT_CODE_LEN + 1], c2[ACCT_CODE_LEN + 1], n[ACCT_CODE_LEN + 1];
	char shown[ACCT_CODE_SHOWN + 1], h1[SHA256_HEX_LEN + 1], h2[SHA256_HEX_LEN + 1];
	char last[11], **nos;
	long *lines;
	size_t cnt, i;
	int good = 1;

	ok(acct_code_new(c1) == 0 && acct_code_new(c2) == 0, "codes made");
	ok(strlen(c1) == 20 && strspn(c1, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ") == 20,
	    "20 letters of the alphabet without 0 O 1 I: %s", c1);
	ok(strcmp(c1, c2) != 0, "two codes differ");
	for (i = 0; i < 2000 && good; i++) {	/* every letter shows up, none else */
		char c[ACCT_CODE_LEN + 1];
		good = acct_code_new(c) == 0 && strspn(c, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ") == 20;
	}
	ok(good, "2,000 more codes use only the alphabet");
	acct_code_group(c1, shown);
	ok(strlen(shown) == 24 && shown[4] == '-' && shown[19] == '-', "grouped by four: %s", shown);
	ok(acct_code_norm(shown, n) == 0 && strcmp(n, c1) == 0, "the grouped form reads back");
	{
		char low[64];
		for (i = 0; shown[i]; i++)
			low[i] = (char)(shown[i] >= 'A' && shown[i] <= 'Z' ? shown[i] + 32 : shown[i]);
		low[i] = '\0';
		ok(acct_code_norm(low, n) == 0 && strcmp(n, c1) == 0, "lower case reads back");
	}
	ok(acct_code_norm("ＡＢＣＤ－ＥＦＧＨ　ＪＫＬＭ ＮＰＱＲ-ＳＴＵＶ", n) == 0 &&
	    strcmp(n, "ABCDEFGHJKLMNPQRSTUV") == 0, "full-width letters, hyphen and space read back: %s", n);
	ok(acct_code_norm("ABCD-EFGH-JKLM-NPQR-STU", n) != 0, "19 letters are not a code");
	ok(acct_code_norm("ABCD-EFGH-JKLM-NPQR-STUVW", n) != 0, "21 letters are not a code");
	ok(acct_code_norm("ABCD-EFGH-JKLM-NPQR-STU0", n) != 0, "0 is not in the alphabet");
	ok(acct_code_norm("correct horse battery", n) != 0, "a password is not a code");
	acct_code_hash(key, sizeof(key), c1, h1);
	acct_code_hash(key, sizeof(key), c2, h2);
	ok(strlen(h1) == 64 && strcmp(h1, h2) != 0, "keyed hashes: 64 hex, one per code");
	acct_code_hash(key + 1, sizeof(key) - 1, c1, h2);
	ok(strcmp(h1, h2) != 0, "another key, another hash");
	{	/* the sealed copy: what acct_issue_run stores for the notices */
		char out[ACCT_CODE_LEN + 1], sealed[ACCT_SEALED_HEX + 3] = "\\x";
		ok(acct_code_seal(key, sizeof(key), c1, h1, sealed + 2) == 0 && strlen(sealed) == ACCT_SEALED_HEX + 2,
		    "sealed: %zu hex digits", strlen(sealed) - 2);
		ok(acct_code_unseal(key, sizeof(key), sealed, h1, out) == 0 && strcmp(out, c1) == 0,
		    "opens (as bytea text) to the code");
		ok(acct_code_unseal(key, sizeof(key), sealed, h2, out) != 0, "bound to its hash: not with another");
		ok(acct_code_unseal(key + 1, sizeof(key) - 1, sealed, h1, out) != 0, "not with another secret");
		sealed[10] = sealed[10] == '0' ? '1' : '0';
		ok(acct_code_unseal(key, sizeof(key), sealed, h1, out) != 0, "a damaged sealed value does not open");
	}
	{
		time_t now = 1780000000;	/* 2026-05-28 */
		time_t exp = acct_expiry(now, 14, last);
		struct tm tm;
		localtime_r(&exp, &tm);
		ok(exp > now + 14 * 86400 && exp <= now + 15 * 86400 + 3600,
		    "expires at the end of the 14th day (%s)", last);
		ok(tm.tm_hour == 0 && tm.tm_min == 0, "at local midnight");
	}
	cnt = acct_list_parse("\xEF\xBB\xBF" "D0002\r\n\r\n  t21a , 佐藤\n\"X-9\",y\nlast", &nos, &lines);
	ok(cnt == 4, "four numbers in the list (%zu)", cnt);
	ok(cnt == 4 && strcmp(nos[0], "D0002") == 0 && lines[0] == 1, "BOM and CR LF: line 1 %s", cnt ? nos[0] : "");
	ok(cnt == 4 && strcmp(nos[1], "t21a") == 0 && lines[1] == 3, "blank line counted, first field trimmed: %s line %ld",
	    cnt > 1 ? nos[1] : "", cnt > 1 ? lines[1] : 0);
	ok(cnt == 4 && strcmp(nos[2], "X-9") == 0 && lines[2] == 4, "quoted field");
	ok(cnt == 4 && strcmp(nos[3], "last") == 0 && lines[3] == 5, "no newline at the end");
	for (i = 0; i < cnt; i++)
		free(nos[i]);
	free(nos);
	free(lines);
	return done_testing();
}
