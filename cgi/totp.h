/* totp.h: the second factor's pieces that know nothing of pages: TOTP
 * secrets (RFC 6238 codes through liboath), sealing them at rest and the
 * enrolment QR code as SVG path data (libqrencode). Shared by
 * the worker (cgi/h_totp.c) and tmsctl (totp-set). */
#ifndef TMS_TOTP_H
#define TMS_TOTP_H
#include <stddef.h>
#include <time.h>
#include "seal.h"

#define TOTP_SECRET_LEN		20	/* 160 bits, as RFC 4226 recommends */
#define TOTP_B32_LEN		32	/* its base32 text, no padding */
#define TOTP_SEALED_LEN		(TOTP_SECRET_LEN + SEAL_OVERHEAD)
#define TOTP_STEP		30	/* seconds per code */
#define TOTP_DIGITS		6
#define TOTP_RECOVERY_N		10	/* recovery codes per enrolment */

/* The sealing key: HMAC-SHA256 of a fixed label under the server secret
 * (paths.secret_key), as a one-key ring with id 1. The secret file stays
 * outside the database, so a copy of the database does not open a TOTP
 * secret. */
void	totp_keyring(const unsigned char *, size_t, struct keyring *);
int	totp_new_secret(unsigned char[TOTP_SECRET_LEN]);
void	totp_base32(const unsigned char[TOTP_SECRET_LEN], char[TOTP_B32_LEN + 1]);
/* Accepts lower case, spaces and '=' padding; 0, or -1 if it is not the
 * base32 of exactly TOTP_SECRET_LEN bytes. */
int	totp_base32_decode(const char *, unsigned char[TOTP_SECRET_LEN]);
/* The sealed value is bound to its account (additional data). */
int	totp_seal(const struct keyring *, long, const unsigned char[TOTP_SECRET_LEN],
	    unsigned char[TOTP_SEALED_LEN]);
int	totp_unseal(const struct keyring *, long, const unsigned char *, size_t,
	    unsigned char[TOTP_SECRET_LEN]);
/* The code of time t; 0 or -1. */
int	totp_code(const unsigned char[TOTP_SECRET_LEN], time_t, char[TOTP_DIGITS + 1]);
/* Checks a typed code against the steps of now - 1, now, now + 1 (30 s
 * each) that are after last (-1: none used yet); returns the matching step,
 * or -1. The caller stores the step only if it is still above the stored
 * one (one UPDATE), which refuses a replay even between two workers. */
long long totp_match(const unsigned char[TOTP_SECRET_LEN], time_t, long long, const char *);
/* The otpauth:// URI authenticator apps read from the QR code (malloc'd). */
char	*totp_uri(const char *, const char *, const char *);
/* The QR code of text as SVG path data, one "MxyhNv1h-Nz" run per row of
 * dark modules, with a 4-module quiet zone included in *size (the
 * viewBox side). malloc'd, or NULL. */
char	*totp_qr_path(const char *, int *);

#endif
