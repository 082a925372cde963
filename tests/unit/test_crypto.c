/* test_crypto.c: PBKDF2-HMAC-SHA256 and HMAC-SHA256 against published test
 * vectors; password hash round trip; token format. */
#include <string.h>
#include "crypto.h"
#include "tap.h"

static int
pbkdf2_hex(const char *pw, const char *salt, unsigned iter, size_t len, const char *want)
{
	unsigned char dk[64];
	char hex[129];

	if (crypto_pbkdf2(pw, strlen(pw), (const unsigned char *)salt, strlen(salt),
	    iter, dk, len) != 0)
		return 0;
	crypto_hex(dk, len, hex);
	return strcmp(hex, want) == 0;
}

int
main(void)
{
	char h[PW_HASH_MAX], tok[TOKEN_HEX_LEN + 1], tok2[TOKEN_HEX_LEN + 1], mac[65];

	ok(pbkdf2_hex("password", "salt", 1, 32,
	    "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
	    "PBKDF2-HMAC-SHA256 password/salt c=1");
	ok(pbkdf2_hex("password", "salt", 4096, 32,
	    "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
	    "PBKDF2-HMAC-SHA256 password/salt c=4096");
	ok(pbkdf2_hex("passwd", "salt", 1, 64,
	    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
	    "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
	    "PBKDF2-HMAC-SHA256 RFC 7914 passwd/salt c=1 dkLen=64");
	crypto_hmac_hex((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28, mac);
	ok(strcmp(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843") == 0,
	    "HMAC-SHA256 RFC 4231 case 2");
	crypto_sha256_hex("abc", 3, mac);
	ok(strcmp(mac, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
	    "SHA-256 of abc");

	ok(password_hash("正しいパスワード12", 1000, h) == 0, "hash created");
	ok(strncmp(h, "pbkdf2_sha256$1000$", 19) == 0 && strlen(h) == 19 + 32 + 1 + 64,
	    "hash format: scheme, iterations, 128-bit salt, 256-bit key");
	ok(password_verify("正しいパスワード12", h), "right password verifies");
	ok(!password_verify("正しいパスワード13", h), "wrong password fails");
	ok(!password_verify("", h), "empty password fails");
	ok(!password_verify("x", "pbkdf2_sha256$1000$zz$zz"), "malformed hash fails");
	ok(!password_verify("x", NULL), "missing hash fails");
	{
		char h2[PW_HASH_MAX];
		password_hash("正しいパスワード12", 1000, h2);
		ok(strcmp(h, h2) != 0, "same password, different salt, different hash");
	}
	ok(password_hash("x", 999, h) != 0, "iteration count below 1000 refused");

	ok(crypto_token(tok) == 0 && strlen(tok) == 64, "256-bit token as 64 hex digits");
	crypto_token(tok2);
	ok(strcmp(tok, tok2) != 0, "tokens differ");
	ok(crypto_equal("abc", "abc") && !crypto_equal("abc", "abd") && !crypto_equal("abc", "ab"),
	    "constant-time equality");
	return done_testing();
}
