/* test_totp.c: the second factor's library (cgi/totp.c): RFC 6238 test
 * vectors, the ±1 step window and the replay bound, base32, sealing bound to
 * the account and the QR code's path data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "totp.h"
#include "tap.h"

static const unsigned char rfc_secret[TOTP_SECRET_LEN] = "12345678901234567890";

static void
test_vectors(void)
{
	/* RFC 6238 appendix B (SHA-1), the last six of the eight digits */
	static const struct { long long t; const char *code; } v[] = {
		{ 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" }, { 2000000000, "279037" },
	};
	char code[TOTP_DIGITS + 1];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ok(totp_code(rfc_secret, (time_t)v[i].t, code) == 0 && strcmp(code, v[i].code) == 0,
		    "RFC 6238 T=%lld gives %s (got %s)", v[i].t, v[i].code, code);
	}
}

static void
test_match(void)
{
	const time_t now = 1111111111;	/* step 37037037 */
	const long long step = now / TOTP_STEP;
	char c_prev[8], c_now[8], c_next[8], c_far[8];

	totp_code(rfc_secret, now - TOTP_STEP, c_prev);
	totp_code(rfc_secret, now, c_now);
	totp_code(rfc_secret, now + TOTP_STEP, c_next);
	totp_code(rfc_secret, now + 2 * TOTP_STEP, c_far);
	ok(totp_match(rfc_secret, now, -1, c_now) == step, "the current code matches its step");
	ok(totp_match(rfc_secret, now, -1, c_prev) == step - 1, "the previous step's code is accepted");
	ok(totp_match(rfc_secret, now, -1, c_next) == step + 1, "the next step's code is accepted");
	ok(totp_match(rfc_secret, now, -1, c_far) == -1, "a code two steps ahead is refused");
	ok(totp_match(rfc_secret, now, step, c_now) == -1, "the current code once its step is used: refused (replay)");
	ok(totp_match(rfc_secret, now, step - 1, c_prev) == -1, "an earlier code after a later use: refused");
	ok(totp_match(rfc_secret, now, step - 1, c_now) == step, "the current code after the previous step's use");
	ok(totp_match(rfc_secret, now, -1, "12345") == -1 && totp_match(rfc_secret, now, -1, "12a456") == -1 &&
	    totp_match(rfc_secret, now, -1, NULL) == -1, "malformed codes are refused");
}

static void
test_base32(void)
{
	unsigned char s[TOTP_SECRET_LEN], back[TOTP_SECRET_LEN];
	char b32[TOTP_B32_LEN + 1];

	totp_base32(rfc_secret, b32);
	ok(strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == 0, "base32 of the RFC secret (%s)", b32);
	ok(totp_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back) == 0 &&
	    memcmp(back, rfc_secret, TOTP_SECRET_LEN) == 0, "base32 decoding ignores case and spaces");
	ok(totp_base32_decode("GEZDGNBVGY3TQOJQ", back) == -1, "a secret of 80 bits is refused");
	ok(totp_base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", back) == -1, "a non-base32 character is refused");
	ok(totp_new_secret(s) == 0 && totp_new_secret(back) == 0 && memcmp(s, back, sizeof(s)) != 0,
	    "two new secrets differ");
}

static void
test_seal(void)
{
	static const unsigned char server[32] = "server secret of 32 bytes.......";
	struct keyring kr, other;
	unsigned char sealed[TOTP_SEALED_LEN], out[TOTP_SECRET_LEN];

	totp_keyring(server, sizeof(server), &kr);
	ok(totp_seal(&kr, 42, rfc_secret, sealed) == 0, "a secret is sealed");
	ok(memmem(sealed, sizeof(sealed), rfc_secret, 8) == NULL, "the sealed value does not hold the secret");
	ok(totp_unseal(&kr, 42, sealed, sizeof(sealed), out) == 0 && memcmp(out, rfc_secret, TOTP_SECRET_LEN) == 0,
	    "it opens for its account");
	ok(totp_unseal(&kr, 43, sealed, sizeof(sealed), out) == -1, "it does not open for another account");
	totp_keyring((const unsigned char *)"another server secret of 32 b..", 32, &other);
	ok(totp_unseal(&other, 42, sealed, sizeof(sealed), out) == -1, "it does not open under another server secret");
	sealed[20] ^= 1;
	ok(totp_unseal(&kr, 42, sealed, sizeof(sealed), out) == -1, "a damaged value does not open");
	keyring_wipe(&kr);
	keyring_wipe(&other);
}

static void
test_qr(void)
{
	char *uri = totp_uri("tms 釧路", "hr", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	char *path;
	int size = 0;

	ok(strcmp(uri, "otpauth://totp/tms%20%E9%87%A7%E8%B7%AF:hr?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	    "&issuer=tms%20%E9%87%A7%E8%B7%AF&algorithm=SHA1&digits=6&period=30") == 0, "otpauth URI (%s)", uri);
	path = totp_qr_path(uri, &size);
	ok(path != NULL && size >= 21 + 8 && (size - 8 - 21) % 4 == 0, "a QR code of a valid version (side %d)", size);
	/* the top-left finder pattern: a 7-module dark run at the quiet zone's corner */
	ok(path != NULL && strncmp(path, "M4 4h7v1h-7z", 12) == 0, "its first row starts with the finder pattern");
	ok(path != NULL && strspn(path, "Mhvz0123456789 -") == strlen(path), "the path data holds only path commands and numbers");
	free(path);
	free(uri);
}

int
main(void)
{
	test_vectors();
	test_match();
	test_base32();
	test_seal();
	test_qr();
	return done_testing();
}
