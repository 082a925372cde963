/* totp.c: TOTP secrets and codes (RFC 6238, HMAC-SHA1, 6 digits, 30 s;
 * what every authenticator app reads) through liboath, their sealing at
 * rest (AES-256-GCM, lib/seal.c) and the enrolment QR code drawn from
 * libqrencode's module matrix. Recovery codes are the accounts' one-time
 * codes (cgi/accounts.c: 100 bits, keyed hash). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <liboath/oath.h>
#include <qrencode.h>
#include "buf.h"
#include "crypto.h"
#include "http.h"
#include "totp.h"

static const char seal_label[] = "tms totp secret sealing key v1";
static int
oath_ready(void)
{
	static int done;

	if (!done && oath_init() == OATH_OK)
		done = 1;
	return done ? 0 : -1;
}

void
totp_keyring(const unsigned char *secret, size_t len, struct keyring *kr)
{
	unsigned int n = 0;

	memset(kr, 0, sizeof(*kr));
	kr->n = 1;
	kr->k[0].id = 1;
	HMAC(EVP_sha256(), secret, (int)len, (const unsigned char *)seal_label,
	    sizeof(seal_label) - 1, kr->k[0].key, &n);
}

int
totp_new_secret(unsigned char s[TOTP_SECRET_LEN])
{
	return crypto_random(s, TOTP_SECRET_LEN);
}

void
totp_base32(const unsigned char s[TOTP_SECRET_LEN], char out[TOTP_B32_LEN + 1])
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned long long acc = 0;
	int bits = 0;
	size_t i, o = 0;

	/* 160 bits: exactly 32 characters, no padding */
	for (i = 0; i < TOTP_SECRET_LEN; i++) {
		acc = (acc << 8) | s[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = a[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
}

int
totp_base32_decode(const char *in, unsigned char out[TOTP_SECRET_LEN])
{
	char up[128], *bin = NULL;
	size_t n = 0, binlen = 0;
	int rc = -1;

	for (; *in && n < sizeof(up) - 1; in++) {
		if (*in == ' ' || *in == '-' || *in == '=')
			continue;
		up[n++] = (*in >= 'a' && *in <= 'z') ? (char)(*in - 32) : *in;
	}
	up[n] = '\0';
	if (*in == '\0' && oath_ready() == 0 &&
	    oath_base32_decode(up, n, &bin, &binlen) == OATH_OK &&
	    binlen == TOTP_SECRET_LEN) {
		memcpy(out, bin, TOTP_SECRET_LEN);
		rc = 0;
	}
	if (bin) {
		OPENSSL_cleanse(bin, binlen);
		free(bin);
	}
	OPENSSL_cleanse(up, sizeof(up));
	return rc;
}

static size_t
aad_for(long account, char *buf, size_t len)
{
	return (size_t)snprintf(buf, len, "totp:%ld", account);
}

int
totp_seal(const struct keyring *kr, long account, const unsigned char s[TOTP_SECRET_LEN],
    unsigned char out[TOTP_SEALED_LEN])
{
	char aad[32];
	size_t alen = aad_for(account, aad, sizeof(aad));
	int id;

	return seal(kr, aad, alen, s, TOTP_SECRET_LEN, out, &id);
}

int
totp_unseal(const struct keyring *kr, long account, const unsigned char *in, size_t len,
    unsigned char out[TOTP_SECRET_LEN])
{
	unsigned char tmp[TOTP_SECRET_LEN];
	char aad[32];
	size_t n = 0;
	int rc;

	if (len != TOTP_SEALED_LEN)
		return -1;
	rc = unseal(kr, 1, aad, aad_for(account, aad, sizeof(aad)), in, len, tmp, &n);
	if (rc == 0 && n == TOTP_SECRET_LEN)
		memcpy(out, tmp, TOTP_SECRET_LEN);
	else
		rc = -1;
	OPENSSL_cleanse(tmp, sizeof(tmp));
	return rc;
}

int
totp_code(const unsigned char s[TOTP_SECRET_LEN], time_t t, char out[TOTP_DIGITS + 1])
{
	if (oath_ready() != 0)
		return -1;
	return oath_totp_generate((const char *)s, TOTP_SECRET_LEN, t, TOTP_STEP,
	    OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, out) == OATH_OK ? 0 : -1;
}

long long
totp_match(const unsigned char s[TOTP_SECRET_LEN], time_t now, long long last, const char *typed)
{
	static const int order[3] = { 0, -1, 1 };
	char want[TOTP_DIGITS + 1];
	long long step = (long long)now / TOTP_STEP, found = -1;
	int i;

	if (typed == NULL || strlen(typed) != TOTP_DIGITS ||
	    strspn(typed, "0123456789") != TOTP_DIGITS)
		return -1;
	for (i = 0; i < 3 && found < 0; i++) {
		long long st = step + order[i];
		if (st <= last || st < 0)
			continue;	/* used already (or before it): a replay */
		if (totp_code(s, (time_t)(st * TOTP_STEP), want) != 0)
			break;
		if (CRYPTO_memcmp(want, typed, TOTP_DIGITS) == 0)
			found = st;
	}
	OPENSSL_cleanse(want, sizeof(want));
	return found;
}

char *
totp_uri(const char *issuer, const char *login, const char *b32)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "otpauth://totp/");
	http_urlencode(&b, issuer, "-._");
	buf_puts(&b, ":");
	http_urlencode(&b, login, "-._");
	buf_printf(&b, "?secret=%s&issuer=", b32);
	http_urlencode(&b, issuer, "-._");
	buf_printf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
	return buf_steal(&b);
}

char *
totp_qr_path(const char *text, int *size)
{
	const int quiet = 4;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf b;
	int x, y;

	if (q == NULL)
		return NULL;
	buf_init(&b);
	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; ) {
			int run = 0;
			while (x + run < q->width && (q->data[y * q->width + x + run] & 1))
				run++;
			if (run == 0) {
				x++;
				continue;
			}
			buf_printf(&b, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
			x += run;
		}
	}
	*size = q->width + 2 * quiet;
	QRcode_free(q);
	return buf_steal(&b);
}
