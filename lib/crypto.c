/* crypto.c: thin wrappers over OpenSSL so that no other file touches raw
 * crypto. Stored password format: pbkdf2_sha256$ITER$SALT_HEX$HASH_HEX with a
 * 128-bit salt and a 256-bit derived key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include "crypto.h"

int
crypto_random(unsigned char *p, size_t n)
{
	return RAND_bytes(p, (int)n) == 1 ? 0 : -1;
}

void
crypto_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hx[p[i] >> 4];
		out[2 * i + 1] = hx[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
crypto_unhex(const char *s, unsigned char *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi = hexval((unsigned char)s[2 * i]), lo;
		if (hi < 0 || (lo = hexval((unsigned char)s[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int
crypto_token(char out[TOKEN_HEX_LEN + 1])
{
	unsigned char r[32];

	if (crypto_random(r, sizeof(r)) != 0)
		return -1;
	crypto_hex(r, sizeof(r), out);
	OPENSSL_cleanse(r, sizeof(r));
	return 0;
}

void
crypto_sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN + 1])
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256(p, n, md);
	crypto_hex(md, sizeof(md), out);
}

void
crypto_hmac_hex(const unsigned char *key, size_t klen, const void *msg,
    size_t mlen, char out[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	HMAC(EVP_sha256(), key, (int)klen, msg, mlen, md, &mdlen);
	crypto_hex(md, mdlen, out);
	OPENSSL_cleanse(md, sizeof(md));
}

/* Constant-time for equal lengths; lengths are not secret here. */
int
crypto_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return CRYPTO_memcmp(a, b, la) == 0;
}

int
crypto_pbkdf2(const char *pw, size_t pwlen, const unsigned char *salt,
    size_t saltlen, unsigned iter, unsigned char *out, size_t outlen)
{
	return PKCS5_PBKDF2_HMAC(pw, (int)pwlen, salt, (int)saltlen, (int)iter,
	    EVP_sha256(), (int)outlen, out) == 1 ? 0 : -1;
}

int
password_hash(const char *pw, unsigned iter, char out[PW_HASH_MAX])
{
	unsigned char salt[16], dk[32];
	char sh[33], dh[65];

	if (iter < 1000 || crypto_random(salt, sizeof(salt)) != 0)
		return -1;
	if (crypto_pbkdf2(pw, strlen(pw), salt, sizeof(salt), iter, dk, sizeof(dk)))
		return -1;
	crypto_hex(salt, sizeof(salt), sh);
	crypto_hex(dk, sizeof(dk), dh);
	OPENSSL_cleanse(dk, sizeof(dk));
	snprintf(out, PW_HASH_MAX, "pbkdf2_sha256$%u$%s$%s", iter, sh, dh);
	OPENSSL_cleanse(dh, sizeof(dh));
	return 0;
}

int
password_verify(const char *pw, const char *stored)
{
	unsigned char salt[16], dk[32], want[32];
	char sh[33], dh[65];
	unsigned iter;
	int ok;

	if (stored == NULL ||
	    sscanf(stored, "pbkdf2_sha256$%u$%32[0-9a-f]$%64[0-9a-f]", &iter, sh, dh) != 3 ||
	    iter < 1000 || iter > 10000000 ||
	    strlen(sh) != 2 * sizeof(salt) || crypto_unhex(sh, salt, sizeof(salt)) ||
	    strlen(dh) != 2 * sizeof(want) || crypto_unhex(dh, want, sizeof(want)))
		return 0;
	if (crypto_pbkdf2(pw, strlen(pw), salt, sizeof(salt), iter, dk, sizeof(dk)))
		return 0;
	ok = CRYPTO_memcmp(dk, want, sizeof(dk)) == 0;
	OPENSSL_cleanse(dk, sizeof(dk));
	OPENSSL_cleanse(want, sizeof(want));
	OPENSSL_cleanse(dh, sizeof(dh));
	return ok;
}
