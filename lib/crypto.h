/* crypto.h: CRYPTREC-listed primitives via OpenSSL: random tokens, SHA-256,
 * HMAC-SHA256 and PBKDF2-HMAC-SHA256 password hashes. */
#ifndef TMS_CRYPTO_H
#define TMS_CRYPTO_H
#include <stddef.h>

#define TOKEN_HEX_LEN	64	/* 256-bit tokens as lowercase hex */
#define SHA256_HEX_LEN	64
#define PW_HASH_MAX	192

int	crypto_random(unsigned char *, size_t);
void	crypto_hex(const unsigned char *, size_t, char *);
/* The first 2n characters of s as hex digits (either case) into n bytes:
 * 0, or -1 at the first one that is not (a NUL stops it: no read beyond). */
int	crypto_unhex(const char *, unsigned char *, size_t);
int	crypto_token(char out[TOKEN_HEX_LEN + 1]);
void	crypto_sha256_hex(const void *, size_t, char out[SHA256_HEX_LEN + 1]);
void	crypto_hmac_hex(const unsigned char *, size_t, const void *, size_t,
	    char out[SHA256_HEX_LEN + 1]);
int	crypto_equal(const char *, const char *);
int	crypto_pbkdf2(const char *, size_t, const unsigned char *, size_t,
	    unsigned, unsigned char *, size_t);
int	password_hash(const char *, unsigned, char out[PW_HASH_MAX]);
int	password_verify(const char *, const char *);

#endif
