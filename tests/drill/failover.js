#!/usr/bin/env node
// failover.js: the load of `scripts/tms drill failover` (scripts/tms.d/ha.sh).
// Writers (hr sessions) create tasks through nginx, each POST with a unique
// title (the marker) and the session's CSRF token; readers fetch staff
// pages and directory searches. Every write's outcome goes to
// OUT/writes.tsv (title, status, ms since start); the shell then counts the
// acknowledged (303) titles missing from the new leader. Runs until the
// file STOP exists. The last line: writes=N acked=N failed=N
// write_outage_s=S reads=N read_errors=N (the longest time without an
// acknowledged write, after the first one).
//
//   node tests/drill/failover.js CONFIG.json
// CONFIG: url, ca, out, stop, run, writers and readers ([{login, password,
// totp, duty}]), staff (ids).
'use strict';
const https = require('https');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { totpCode } = require('../browser/lib/totp');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const url = new URL(cfg.url);
const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: fs.readFileSync(cfg.ca) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (a) => a[Math.floor(Math.random() * a.length)];
const t0 = performance.now();
const now = () => performance.now() - t0;

function request(method, p, cookie, form) {
	return new Promise((resolve) => {
		const body = form ? new URLSearchParams(form).toString() : null;
		const headers = { 'User-Agent': 'tms-drill-failover' };
		if (cookie) headers.Cookie = cookie;
		if (body !== null) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			headers['Content-Length'] = Buffer.byteLength(body);
		}
		const req = https.request({ host: url.hostname, port: url.port, path: p, method, headers,
			agent, servername: url.hostname, timeout: 60000 }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (e) => resolve({ status: 0, err: e.code || e.message }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: 0, err: e.code || e.message }));
		if (body !== null) req.write(body);
		req.end();
	});
}

const cookieOf = (res, name) => {
	for (const c of res.headers['set-cookie'] || []) {
		const m = c.match(new RegExp('^' + name.replace(/[-]/g, '\\-') + '=([^;]*)'));
		if (m) return m[1];
	}
	return null;
};
const csrfOf = (html) => (html.match(/name="csrf" value="([0-9a-f]+)"/) || [])[1];

// the same sign-in as tests/drill/load.js (password, then the TOTP code)
async function login(acc) {
	for (let attempt = 0; attempt < 60; attempt++) {
		const f = await request('GET', '/login');
		const pre = cookieOf(f, '__Host-tms_pre');
		const csrf = csrfOf(f.body || '');
		if (f.status !== 200 || !csrf) { await sleep(250); continue; }
		const r = await request('POST', '/login', pre ? `__Host-tms_pre=${pre}` : null,
			{ login: acc.login, password: acc.password, csrf, next: '/' });
		if (r.status === 429 || r.status === 0 || r.status >= 500) { await sleep(300); continue; }
		const sid = cookieOf(r, '__Host-tms_sid');
		if (r.status !== 303 || !sid) throw new Error(`login ${acc.login}: status ${r.status}`);
		acc.cookie = `__Host-tms_sid=${sid}`;
		if (acc.totp && (r.headers.location || '').startsWith('/login/totp')) {
			const f2 = await request('GET', '/login/totp', acc.cookie);
			const r2 = await request('POST', '/login/totp', acc.cookie,
				{ code: totpCode(acc.totp, Date.now() / 1000), csrf: csrfOf(f2.body || '') });
			if (r2.status !== 303) throw new Error(`login ${acc.login}: second factor: status ${r2.status}`);
		}
		const home = await request('GET', '/', acc.cookie);
		acc.csrf = csrfOf(home.body || '');
		if (!acc.csrf) throw new Error(`login ${acc.login}: no csrf on the home page (${home.status})`);
		return;
	}
	throw new Error(`login ${acc.login}: gave up`);
}

const stopped = () => fs.existsSync(cfg.stop);
const out = fs.openSync(path.join(cfg.out, 'writes.tsv'), 'w');
const rerr = fs.openSync(path.join(cfg.out, 'read-errors.log'), 'w');
let seq = 0, writes = 0, acked = 0, failed = 0, reads = 0, readErrors = 0;
const ackTimes = [];
const why = {};

async function writer(acc) {
	while (!stopped()) {
		const title = `fo-${cfg.run}-${++seq}`;
		const r = await request('POST', `/duties/${acc.duty}/tasks`, acc.cookie,
			{ csrf: acc.csrf, title, start_date: '2026-04-01', due_date: '2027-03-31',
				progress: '0', status: '未着手', notes: '' });
		const t = now();
		writes++;
		fs.writeSync(out, `${title}\t${r.status}\t${Math.round(t)}\n`);
		if (r.status === 303) { acked++; ackTimes.push(t); } else {
			failed++;
			const k = `${r.status || r.err}`;
			why[k] = (why[k] || 0) + 1;
			await sleep(200);
		}
	}
}

async function reader(acc) {
	const SEARCH = ['佐藤', '鈴木', '高橋', '田中', 'やま', '課'];
	while (!stopped()) {
		const p = Math.random() < 0.5 ? `/staff/${pick(cfg.staff)}` : `/staff?q=${encodeURIComponent(pick(SEARCH))}`;
		const r = await request('GET', p, acc.cookie);
		reads++;
		if (r.status !== 200 || !r.body.includes('</html>')) {
			readErrors++;
			fs.writeSync(rerr, `${Math.round(now())} ${r.status || r.err} ${p}\n`);
			await sleep(100);
		}
	}
}

(async () => {
	for (const a of [...cfg.writers, ...cfg.readers]) await login(a);
	fs.writeFileSync(path.join(cfg.out, 'ready'), '');
	await Promise.all([...cfg.writers.map(writer), ...cfg.readers.map(reader)]);
	ackTimes.sort((a, b) => a - b);
	let gap = 0;
	for (let i = 1; i < ackTimes.length; i++) gap = Math.max(gap, ackTimes[i] - ackTimes[i - 1]);
	console.log(`# failed writes by status: ${JSON.stringify(why)}`);
	console.log(`writes=${writes} acked=${acked} failed=${failed} write_outage_s=${(gap / 1000).toFixed(1)} ` +
		`reads=${reads} read_errors=${readErrors}`);
	agent.destroy();
})().catch((e) => { console.error(`failover.js: ${e.message}`); process.exit(2); });
