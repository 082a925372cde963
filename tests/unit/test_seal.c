/* test_seal.c: AES-256-GCM sealing (round trip, fresh nonce per value,
 * tampering, wrong place, unknown key, key rotation) and the key ring and
 * survey files (good ones load, bad ones name file and line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "seal.h"
#include "survey.h"
#include "tap.h"

static const char *
write_tmp(const char *name, const char *text)
{
	static char path[2][96];
	static int k;
	FILE *fp;

	k ^= 1;
	snprintf(path[k], sizeof(path[0]), "/tmp/tms-test-seal-%d-%s", (int)getpid(), name);
	fp = fopen(path[k], "w");
	fputs(text, fp);
	fclose(fp);
	return path[k];
}

#define K1 "1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"

static void
test_seal(void)
{
	struct keyring kr;
	char err[512];
	const char *msg = "家庭の事情: 介護のため転居不可 CONFMARK";
	unsigned char a[256], b[256], out[256];
	size_t n = strlen(msg), outlen = 0;
	int ka = 0, kb = 0, newid = 0;
	const char *f = write_tmp("keys", "# test keys\n" K1);

	ok(keyring_load(f, &kr, err, sizeof(err)) == 0 && kr.n == 1, "key file with one key loads");
	ok(seal(&kr, "r1:s2:q", 7, msg, n, a, &ka) == 0 && ka == 1, "seal under key 1");
	ok(seal(&kr, "r1:s2:q", 7, msg, n, b, &kb) == 0, "seal the same value again");
	ok(memcmp(a, b, SEAL_NONCE) != 0 && memcmp(a + SEAL_NONCE, b + SEAL_NONCE, n) != 0,
	    "a fresh random nonce per value: two seals differ");
	ok(memmem(a, n + SEAL_OVERHEAD, "CONFMARK", 8) == NULL, "no plaintext in the sealed value");
	ok(unseal(&kr, 1, "r1:s2:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) == 0 &&
	    outlen == n && memcmp(out, msg, n) == 0, "unseal gives the value back");
	ok(unseal(&kr, 1, "r1:s3:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) != 0,
	    "another staff id (AAD) does not open");
	a[SEAL_NONCE + 3] ^= 1;
	ok(unseal(&kr, 1, "r1:s2:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) != 0,
	    "a changed ciphertext byte does not open");
	a[SEAL_NONCE + 3] ^= 1;
	a[n + SEAL_OVERHEAD - 1] ^= 0x80;
	ok(unseal(&kr, 1, "r1:s2:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) != 0,
	    "a changed tag does not open");
	a[n + SEAL_OVERHEAD - 1] ^= 0x80;
	ok(unseal(&kr, 2, "r1:s2:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) != 0,
	    "an unknown key id does not open");
	ok(unseal(&kr, 1, "r1:s2:q", 7, a, 10, out, &outlen) != 0, "a short value is refused");

	ok(keyring_add(f, &newid, err, sizeof(err)) == 0 && newid == 2, "keyring_add appends key 2");
	ok(keyring_load(f, &kr, err, sizeof(err)) == 0 && kr.n == 2 &&
	    kr.k[keyring_current(&kr)].id == 2, "the ring now has two keys, 2 current");
	ok(unseal(&kr, 1, "r1:s2:q", 7, a, n + SEAL_OVERHEAD, out, &outlen) == 0,
	    "a value under the old key stays readable");
	ok(seal(&kr, "x", 1, "v", 1, b, &kb) == 0 && kb == 2, "new values use the newest key");
	keyring_wipe(&kr);
	unlink(f);
}

static void
test_keyfile_errors(void)
{
	struct keyring kr;
	char err[512];
	const char *f;

	f = write_tmp("bad1", K1 "x 0011\n");
	ok(keyring_load(f, &kr, err, sizeof(err)) != 0 && strstr(err, ":2: ") != NULL,
	    "a bad id names line 2 (%s)", err);
	unlink(f);
	f = write_tmp("bad2", "3 0011\n");
	ok(keyring_load(f, &kr, err, sizeof(err)) != 0 && strstr(err, ":1: the key must be 64 hex") != NULL,
	    "a short key is refused with its line (%s)", err);
	unlink(f);
	f = write_tmp("bad3", K1 K1);
	ok(keyring_load(f, &kr, err, sizeof(err)) != 0 && strstr(err, ":2: duplicate key id") != NULL,
	    "a duplicate id is refused (%s)", err);
	unlink(f);
	f = write_tmp("bad4", "# nothing\n");
	ok(keyring_load(f, &kr, err, sizeof(err)) != 0 && strstr(err, "no key") != NULL,
	    "an empty ring is refused (%s)", err);
	unlink(f);
	ok(keyring_load("/nonexistent/keys", &kr, err, sizeof(err)) != 0, "a missing file is refused");
	{	/* one key more than the ring holds: refused, nothing written past it */
		char text[(SEAL_MAXKEYS + 1) * 80] = "";
		int i;

		for (i = 1; i <= SEAL_MAXKEYS + 1; i++)
			snprintf(text + strlen(text), sizeof(text) - strlen(text), "%d %064x\n", i, i);
		f = write_tmp("many", text);
		ok(keyring_load(f, &kr, err, sizeof(err)) != 0 &&
		    strstr(err, ":33: too many keys") != NULL, "key %d is refused (%s)",
		    SEAL_MAXKEYS + 1, err);
		unlink(f);
		text[strlen(text) - 1] = '\0';
		*strrchr(text, '\n') = '\0';
		f = write_tmp("many", text);
		ok(keyring_load(f, &kr, err, sizeof(err)) == 0 && kr.n == SEAL_MAXKEYS &&
		    kr.k[keyring_current(&kr)].id == SEAL_MAXKEYS, "%d keys load (%s)", SEAL_MAXKEYS,
		    kr.n ? "" : err);
		keyring_wipe(&kr);
		unlink(f);
	}
}

static void
test_survey(void)
{
	struct survey s;
	char err[512], path[1024];
	const char *src = getenv("TMS_SRCDIR"), *f;
	const struct squestion *q;

	snprintf(path, sizeof(path), "%s/etc/survey.yaml", src ? src : ".");
	ok(survey_load(path, &s, err, sizeof(err)) == 0, "etc/survey.yaml loads (%s)", err);
	q = survey_find(&s, "transfer");
	ok(q && q->type == Q_TRANSFER && q->vis == QV_SUPERVISOR && q->required, "transfer question");
	q = survey_find(&s, "circumstances");
	ok(q && q->vis == QV_HR, "circumstances is confidential (hr)");
	q = survey_find(&s, "posting");
	ok(q && q->type == Q_CHOICE && q->nopt == 3 && strcmp(survey_option(q, "maybe"), "内容によっては応募したい") == 0,
	    "posting choice with three options in file order");

	f = write_tmp("s1.yaml", "questions:\n  a:\n    label: A\n    type: text\n    visibility: boss\n");
	ok(survey_load(f, &s, err, sizeof(err)) != 0 && strstr(err, ":5: visibility must be supervisor or hr") != NULL,
	    "a bad visibility names line 5 (%s)", err);
	unlink(f);
	f = write_tmp("s2.yaml", "questions:\n  a:\n    label: A\n  b:\n    type: longtext\n");
	ok(survey_load(f, &s, err, sizeof(err)) != 0 && strstr(err, ":4: question 'b' has no label") != NULL,
	    "a question without label names its line (%s)", err);
	unlink(f);
	f = write_tmp("s3.yaml", "questions:\n  c:\n    label: C\n    type: choice\n    options:\n      x: X\n");
	ok(survey_load(f, &s, err, sizeof(err)) != 0 && strstr(err, ":2: question 'c' is a choice with fewer") != NULL,
	    "a choice with one option is refused (%s)", err);
	unlink(f);
	f = write_tmp("s4.yaml", "questions:\n  d:\n    label: D\n    colour: red\n");
	ok(survey_load(f, &s, err, sizeof(err)) != 0 && strstr(err, ":4: unknown setting 'colour'") != NULL,
	    "an unknown setting is refused (%s)", err);
	unlink(f);
	f = write_tmp("s5.yaml", "questions:\n  Bad-Key:\n    label: D\n");
	ok(survey_load(f, &s, err, sizeof(err)) != 0 && strstr(err, ":2: question key 'Bad-Key'") != NULL,
	    "a bad question key is refused (%s)", err);
	unlink(f);
}

int
main(void)
{
	test_seal();
	test_keyfile_errors();
	test_survey();
	return done_testing();
}
