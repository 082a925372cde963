/* seal.c: AES-256-GCM sealing of confidential values and the key ring file
 * (see seal.h). Only OpenSSL EVP touches the cipher. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include "crypto.h"
#include "seal.h"

/* One line "ID HEX": 0 ok, 1 blank/comment, -1 bad (why set). */
static int
parse_line(char *s, int *id, unsigned char key[SEAL_KEYLEN], const char **why)
{
	char *p = s, *end;
	long v;

	s[strcspn(s, "\r\n")] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 1;
	v = strtol(p, &end, 10);
	if (end == p || v < 1 || v > 1000000 || (*end != ' ' && *end != '\t')) {
		*why = "expected 'ID HEX' with a positive integer id";
		return -1;
	}
	while (*end == ' ' || *end == '\t')
		end++;
	if (crypto_unhex(end, key, SEAL_KEYLEN) != 0) {
		*why = "the key must be 64 hex digits (32 bytes)";
		return -1;
	}
	end += 2 * SEAL_KEYLEN;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0') {
		*why = "the key must be 64 hex digits (32 bytes)";
		return -1;
	}
	*id = (int)v;
	return 0;
}

/* The key file is read through our own stdio buffer, so that every copy
 * of the key material (buffer, line) is wiped before the stack is left. */
int
keyring_load(const char *file, struct keyring *kr, char *err, size_t errlen)
{
	FILE *fp = fopen(file, "r");
	char line[512], iobuf[4096];
	unsigned char key[SEAL_KEYLEN];
	int lineno = 0, i;

	memset(kr, 0, sizeof(*kr));
	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	setvbuf(fp, iobuf, _IOFBF, sizeof(iobuf));
	while (fgets(line, sizeof(line), fp) != NULL) {
		const char *why = NULL;
		int id, rc;

		lineno++;
		rc = parse_line(line, &id, key, &why);
		if (rc == 1)
			continue;
		for (i = 0; rc == 0 && i < kr->n; i++)
			if (kr->k[i].id == id) {
				why = "duplicate key id";
				rc = -1;
			}
		if (rc == 0 && kr->n == SEAL_MAXKEYS) {
			why = "too many keys";
			rc = -1;
		}
		if (rc < 0) {
			snprintf(err, errlen, "%s:%d: %s", file, lineno, why);
			fclose(fp);
			OPENSSL_cleanse(iobuf, sizeof(iobuf));
			OPENSSL_cleanse(line, sizeof(line));
			OPENSSL_cleanse(key, sizeof(key));
			keyring_wipe(kr);
			return -1;
		}
		memcpy(kr->k[kr->n].key, key, sizeof(key));
		kr->k[kr->n++].id = id;
	}
	fclose(fp);
	OPENSSL_cleanse(iobuf, sizeof(iobuf));
	OPENSSL_cleanse(line, sizeof(line));
	OPENSSL_cleanse(key, sizeof(key));
	if (kr->n == 0) {
		snprintf(err, errlen, "%s: no key", file);
		return -1;
	}
	return 0;
}

int
keyring_current(const struct keyring *kr)
{
	int i, best = -1;

	for (i = 0; i < kr->n; i++)
		if (best < 0 || kr->k[i].id > kr->k[best].id)
			best = i;
	return best;
}

void
keyring_wipe(struct keyring *kr)
{
	OPENSSL_cleanse(kr, sizeof(*kr));
}

int
keyring_add(const char *file, int *newid, char *err, size_t errlen)
{
	struct keyring kr;
	unsigned char key[SEAL_KEYLEN];
	char hex[2 * SEAL_KEYLEN + 1], line[128];
	int fd, cur, n;

	if (keyring_load(file, &kr, err, errlen) != 0)
		return -1;
	cur = keyring_current(&kr);
	*newid = kr.k[cur].id + 1;
	keyring_wipe(&kr);
	if (crypto_random(key, sizeof(key)) != 0) {
		snprintf(err, errlen, "no random bytes");
		return -1;
	}
	crypto_hex(key, sizeof(key), hex);
	n = snprintf(line, sizeof(line), "%d %s\n", *newid, hex);
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(hex, sizeof(hex));
	if ((fd = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0 ||
	    write(fd, line, (size_t)n) != n || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		OPENSSL_cleanse(line, sizeof(line));
		return -1;
	}
	close(fd);
	OPENSSL_cleanse(line, sizeof(line));
	return 0;
}

static const unsigned char *
key_by_id(const struct keyring *kr, int id)
{
	int i;

	for (i = 0; i < kr->n; i++)
		if (kr->k[i].id == id)
			return kr->k[i].key;
	return NULL;
}

int
seal(const struct keyring *kr, const void *aad, size_t aadlen, const void *pt,
    size_t len, unsigned char *out, int *key_id)
{
	EVP_CIPHER_CTX *x;
	int cur = keyring_current(kr), n, ok = 0;

	if (cur < 0 || len > SEAL_MAXLEN || crypto_random(out, SEAL_NONCE) != 0)
		return -1;
	if ((x = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_EncryptInit_ex(x, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1 &&
	    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_IVLEN, SEAL_NONCE, NULL) == 1 &&
	    EVP_EncryptInit_ex(x, NULL, NULL, kr->k[cur].key, out) == 1 &&
	    EVP_EncryptUpdate(x, NULL, &n, aad, (int)aadlen) == 1 &&
	    EVP_EncryptUpdate(x, out + SEAL_NONCE, &n, pt, (int)len) == 1 &&
	    EVP_EncryptFinal_ex(x, out + SEAL_NONCE + n, &n) == 1 &&
	    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_GET_TAG, SEAL_TAG, out + SEAL_NONCE + len) == 1)
		ok = 1;
	EVP_CIPHER_CTX_free(x);
	*key_id = kr->k[cur].id;
	return ok ? 0 : -1;
}

int
unseal(const struct keyring *kr, int key_id, const void *aad, size_t aadlen,
    const unsigned char *in, size_t len, unsigned char *out, size_t *outlen)
{
	const unsigned char *key = key_by_id(kr, key_id);
	EVP_CIPHER_CTX *x;
	size_t ctlen;
	int n, ok = 0;

	if (key == NULL || len < SEAL_OVERHEAD || len > SEAL_MAXLEN + SEAL_OVERHEAD)
		return -1;
	ctlen = len - SEAL_OVERHEAD;
	if ((x = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_DecryptInit_ex(x, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1 &&
	    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_IVLEN, SEAL_NONCE, NULL) == 1 &&
	    EVP_DecryptInit_ex(x, NULL, NULL, key, in) == 1 &&
	    EVP_DecryptUpdate(x, NULL, &n, aad, (int)aadlen) == 1 &&
	    EVP_DecryptUpdate(x, out, &n, in + SEAL_NONCE, (int)ctlen) == 1 &&
	    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_TAG, SEAL_TAG,
	    (void *)(in + SEAL_NONCE + ctlen)) == 1 &&
	    EVP_DecryptFinal_ex(x, out + n, &n) == 1)
		ok = 1;
	EVP_CIPHER_CTX_free(x);
	if (!ok) {
		OPENSSL_cleanse(out, ctlen);
		return -1;
	}
	*outlen = ctlen;
	return 0;
}

int
seal_hex(const struct keyring *kr, const char *ad, const void *pt, size_t len,
    char **hex, int *key_id)
{
	unsigned char *out;

	*hex = NULL;
	if (len > SEAL_MAXLEN || (out = malloc(len + SEAL_OVERHEAD)) == NULL)
		return -1;
	if (seal(kr, ad, strlen(ad), pt, len, out, key_id) != 0 ||
	    (*hex = malloc(2 * (len + SEAL_OVERHEAD) + 1)) == NULL) {
		free(out);
		return -1;
	}
	crypto_hex(out, len + SEAL_OVERHEAD, *hex);
	free(out);
	return 0;
}

int
unseal_hex(const struct keyring *kr, int key_id, const char *ad, const char *hex,
    char **out, size_t *outlen)
{
	size_t n = strlen(hex) / 2;
	unsigned char *in;
	int rc = -1;

	*out = NULL;
	if (n < SEAL_OVERHEAD || n > SEAL_MAXLEN + SEAL_OVERHEAD || (in = malloc(n)) == NULL)
		return -1;
	if (crypto_unhex(hex, in, n) == 0 && (*out = malloc(n - SEAL_OVERHEAD + 1)) != NULL) {
		if (unseal(kr, key_id, ad, strlen(ad), in, n, (unsigned char *)*out, outlen) == 0) {
			(*out)[*outlen] = '\0';
			rc = 0;
		} else {
			free(*out);
			*out = NULL;
		}
	}
	free(in);
	return rc;
}
