/* seal.h: authenticated encryption of confidential values at rest
 * (AES-256-GCM via OpenSSL EVP) under a key ring kept in a file outside the
 * database. A sealed value is nonce (12 bytes, random per value) ||
 * ciphertext || tag (16 bytes); the caller stores the key id beside it and
 * binds the value to its place (owner, round, question) as additional
 * authenticated data, so a sealed value copied elsewhere does not open. */
#ifndef TMS_SEAL_H
#define TMS_SEAL_H
#include <stddef.h>

#define SEAL_KEYLEN	32
#define SEAL_NONCE	12
#define SEAL_TAG	16
#define SEAL_OVERHEAD	(SEAL_NONCE + SEAL_TAG)
#define SEAL_MAXKEYS	32
#define SEAL_MAXLEN	(16 << 20)

struct keyring {
	int	n;
	struct {
		int		id;	/* > 0; the highest is the current key */
		unsigned char	key[SEAL_KEYLEN];
	} k[SEAL_MAXKEYS];
};

/* The key file: one key per line, "ID HEX" (64 hex digits), '#' comments.
 * Returns 0, or -1 with "FILE:LINE: problem" in err. */
int	keyring_load(const char *, struct keyring *, char *, size_t);
/* Append a new random key (id = highest + 1) to the file; 0 or -1 + err. */
int	keyring_add(const char *, int *, char *, size_t);
int	keyring_current(const struct keyring *);
void	keyring_wipe(struct keyring *);

/* Values up to SEAL_MAXLEN bytes (an import file's chunk is 8 MiB).
 * out must hold len + SEAL_OVERHEAD bytes; *key_id receives the key used
 * (the current one). Returns 0 or -1. */
int	seal(const struct keyring *, const void *, size_t, const void *, size_t,
	    unsigned char *, int *);
/* out must hold len - SEAL_OVERHEAD bytes; *outlen receives the length.
 * Returns 0, or -1 (unknown key, damaged value or wrong place). */
int	unseal(const struct keyring *, int, const void *, size_t,
	    const unsigned char *, size_t, unsigned char *, size_t *);

/* The same as text: seal_hex puts the sealed value in *hex as lowercase
 * hex (malloc'd; a text parameter for decode(…, 'hex')); unseal_hex opens
 * one into *out (malloc'd, NUL-terminated, *outlen bytes). The additional
 * data is a C string naming the value's place. 0, or -1. */
int	seal_hex(const struct keyring *, const char *, const void *, size_t,
	    char **, int *);
int	unseal_hex(const struct keyring *, int, const char *, const char *,
	    char **, size_t *);

#endif
