/* totp.js: TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s) for the tests
 * that sign in with a second factor, and the test time each code is made
 * for. A code is accepted once per account and time step (the server's
 * replay guard) and tests sign in as hr and admin many times a minute, side
 * by side: testNow() hands out times 30 s apart (never before the real
 * clock) from a file in the stack's var/ under flock, the same one
 * tests/integration/lib.sh (totp_now) uses; the code's POST sends its time
 * as the test clock (X-Tms-Test-Now, honoured by test builds only). */
'use strict';

const crypto = require('crypto');
const cp = require('child_process');
const path = require('path');

function base32Decode(s) {
	const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, acc = 0;
	const out = [];
	for (const ch of s.toUpperCase().replace(/[\s=-]/g, '')) {
		const v = alpha.indexOf(ch);
		if (v < 0)
			throw new Error(`not base32: ${ch}`);
		acc = (acc << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((acc >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/* The code of key (base32) at unix time t (seconds). */
function totpCode(key, t) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const h = crypto.createHmac('sha1', base32Decode(key)).update(msg).digest();
	const o = h[h.length - 1] & 15;
	const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
	return String(n % 1000000).padStart(6, '0');
}

const NOW_SH = 'f=$1; last=$(cat "$f" 2>/dev/null || echo 0); now=$(date +%s);\n' +
	't=$((now > last + 30 ? now : last + 30)); echo "$t" > "$f"; echo "$t"';

/* The next test time for a code, on the stack whose var/ is varDir. */
function testNow(varDir) {
	const out = cp.execFileSync('flock', [path.join(varDir, 'totp-clock.lock'), 'sh', '-c', NOW_SH, 'sh',
		path.join(varDir, 'totp-clock')], { encoding: 'utf8' });
	const t = Number(out.trim());
	if (!Number.isInteger(t) || t <= 0)
		throw new Error(`totp test clock: "${out}"`);
	return t;
}

module.exports = { base32Decode, totpCode, testNow };
