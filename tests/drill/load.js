#!/usr/bin/env node
// load.js: the load of the worker drills (tests/drill/drill.sh runs it).
// Many sessions of roles hr, admin and general read (directory searches,
// profiles, my tasks, duty pages, JSON) and write (task progress updates
// and new tasks, with CSRF) through nginx, over keep-alive HTTPS
// connections (Node's https module only). Meanwhile it can kill -9 a random
// worker on a schedule (drill) or send the pools SIGHUP (soak), and it
// samples the workers and PostgreSQL. At the end it checks every POST
// against the database:
//   - every POST writes a value unique to it (a task title, or a task's
//     notes; its audit_log row records the task and the progress, and a
//     connection sends a task's progress values 1..99 in turn);
//   - a POST answered 303 must be in the database exactly once, with its
//     audit_log row;
//   - a POST that failed must be entirely absent or entirely present (the
//     task row and its audit_log row together).
// A task is updated by one connection only, one POST at a time, and no
// more after a failed update, so the task's notes tell whether its last
// POST was applied. Any violation counts in half_applied.
//
//   node tests/drill/load.js CONFIG.json
//
// CONFIG: url, ca, var (stack state dir), pools, psql and psqlSuper (argv
// as the owner and as the superuser), mode ("drill" | "soak"), conns,
// seconds, phases ([[kill interval s, seconds]]), reloads (SIGHUPs, in the
// middle), accounts ([{role, login, password, duty, totp}]), tasks ({conn: [task
// ids]}), staff (ids), run (id), out (directory for posts.tsv and
// failures.log). A failure before any fault (the first 3 s) stops it (exit
// 2); targets missed: exit 1. The last line is the figures.
'use strict';
const https = require('https');
const fs = require('fs');
const path = require('path');
const cp = require('child_process');
const { performance } = require('perf_hooks');
const { totpCode } = require('../browser/lib/totp');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const url = new URL(cfg.url);
// fifo: every kept connection stays in use, none idles into nginx's
// keepalive_timeout
const agent = new https.Agent({ keepAlive: true, maxSockets: cfg.conns, maxFreeSockets: cfg.conns,
	scheduling: 'fifo', ca: fs.readFileSync(cfg.ca) });
const say = (s) => process.stderr.write(s + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rnd = (n) => Math.floor(Math.random() * n);
const pick = (a) => a[rnd(a.length)];

// ------------------------------------------------------------------ HTTP
// A request that failed on a kept connection before any answer never
// reached nginx (the connection was closed meanwhile): sent again once,
// as browsers do, and counted apart.
let resent = 0;
async function request(method, p, cookie, form) {
	const r = await request1(method, p, cookie, form);
	if (!r.reused) return r;
	resent++;
	return request1(method, p, cookie, form);
}

function request1(method, p, cookie, form) {
	return new Promise((resolve) => {
		const body = form ? new URLSearchParams(form).toString() : null;
		const headers = { 'User-Agent': 'tms-drill' };
		if (cookie) headers.Cookie = cookie;
		if (body !== null) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			headers['Content-Length'] = Buffer.byteLength(body);
		}
		const t0 = performance.now();
		const req = https.request({ host: url.hostname, port: url.port, path: p, method, headers,
			agent, servername: url.hostname, timeout: 60000 }, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0,
				complete: res.complete }));
			res.on('error', (e) => resolve({ status: 0, err: e.code || e.message, ms: performance.now() - t0,
				where: `in the answer ${res.statusCode} after ${chunks.reduce((n, c) => n + c.length, 0)} bytes`, path: p }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		let answered = false;
		req.on('response', () => { answered = true; });
		req.on('error', (e) => resolve({ status: 0, err: e.code || e.message, ms: performance.now() - t0,
			reused: !answered && req.reusedSocket && e.code === 'ECONNRESET',
			where: `${answered ? 'after' : 'before'} the answer, ${req.reusedSocket ? 'kept' : 'new'} connection`, path: p }));
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
			// hr and admin: the second factor, a code of the real clock
			// (each account signs in once per run)
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

// ------------------------------------------------------------------ workload
const SEARCH = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤',
	'さとう', 'すずき', 'たなか', 'やま', '子', '一', '課', '係'];
let seq = 0;
const token = () => `${cfg.run}-${process.pid}-${++seq}`;

const stats = { requests: 0, get: 0, post: 0, failedGet: 0, failedPost: 0, why: {}, lat: [] };
const posts = [];	// kind, task|duty, progress, token, ok
let phase = 'warmup';
const warmFail = [];

function record(kind, what, res, ok) {
	stats.requests++;
	stats[kind]++;
	stats.lat.push([performance.now(), res.ms]);
	if (ok) return;
	const k = `${kind.toUpperCase()} ${what} ${res.status || `${res.err} (${res.where})`}`;
	fs.appendFileSync(path.join(cfg.out, 'failures.log'), `${new Date().toISOString()} ${k} ${res.path || ''}\n`);
	stats.why[k] = (stats.why[k] || 0) + 1;
	if (kind === 'get') stats.failedGet++; else stats.failedPost++;
	if (phase === 'warmup') warmFail.push(k);
}

async function get(acc, p, what, json) {
	const r = await request('GET', p, acc.cookie);
	let ok = r.status === 200 && r.complete !== false;
	if (ok && json) { try { JSON.parse(r.body); } catch (e) { ok = false; } }
	else if (ok) ok = r.body.includes('</html>');
	record('get', what, r, ok);
}

// one progress update of the connection's current task (progress 1..99
// in turn: audit rows are counted per (task, progress) pair)
async function update(acc, w) {
	while (w.tasks.length && w.retired.has(w.tasks[0])) w.tasks.shift();
	if (!w.tasks.length) return false;
	const task = w.tasks[0], progress = (w.n++ % 99) + 1, t = token();
	const r = await request('POST', `/tasks/${task}`, acc.cookie,
		{ csrf: acc.csrf, progress: String(progress), status: '進行中', notes: `drill ${t}`, back: 'mine' });
	const ok = r.status === 303;
	record('post', 'task-progress', r, ok);
	posts.push(['u', task, progress, `drill ${t}`, ok ? 1 : 0]);
	if (!ok) w.retired.add(task);	// its notes must keep telling about this POST
	return true;
}

const MAX_CREATED = 40;	// new tasks per duty in one run
const created = new Map();	// duty -> tasks created so far

async function create(acc) {
	const t = `drill-${token()}`;
	const r = await request('POST', `/duties/${acc.duty}/tasks`, acc.cookie,
		{ csrf: acc.csrf, title: t, start_date: '2026-04-01', due_date: '2027-03-31',
			progress: '0', status: '未着手', notes: '' });
	const ok = r.status === 303;
	record('post', 'task-new', r, ok);
	posts.push(['c', acc.duty, 0, t, ok ? 1 : 0]);
}

async function step(acc, w) {
	const x = Math.random();
	const staff = () => pick(cfg.staff);
	if (acc.role === 'admin') {
		if (x < 0.4) return get(acc, `/staff?q=${encodeURIComponent(pick(SEARCH))}`, 'search');
		if (x < 0.7) return get(acc, `/staff/${staff()}`, 'profile');
		if (x < 0.85) return get(acc, '/admin/accounts', 'accounts');
		return get(acc, '/', 'home');
	}
	// reads 85 %; writes: hr creates tasks and updates, the others update
	if (x < 0.30) return get(acc, `/staff?q=${encodeURIComponent(pick(SEARCH))}`, 'search');
	if (x < 0.55) return get(acc, `/staff/${staff()}`, 'profile');
	if (x < 0.65) return get(acc, '/tasks', 'tasks');
	if (x < 0.73) return get(acc, `/api/staff?q=${encodeURIComponent(pick(SEARCH))}`, 'api', true);
	if (x < 0.80) return get(acc, `/duties/${acc.duty}`, 'duty');
	if (x < 0.85) return get(acc, '/', 'home');
	// hr creates tasks only up to a bound per duty: a soak must keep the data
	// as a city's, not grow one duty's task list without end (a page of
	// thousands of tasks would show as growing worker memory)
	if (acc.role === 'hr' && x < 0.92 && (created.get(acc.duty) || 0) < MAX_CREATED) {
		created.set(acc.duty, (created.get(acc.duty) || 0) + 1);
		return create(acc);
	}
	if (await update(acc, w)) return;
	return get(acc, '/', 'home');
}

// ------------------------------------------------------------------ processes
const masters = () => cfg.pools.map((p) => {
	try { return parseInt(fs.readFileSync(`${cfg.var}/run/tms/pool-${p}.pid`, 'utf8'), 10); }
	catch (e) { return 0; }
}).filter((x) => x > 0);

function childrenOf(ms) {
	const set = new Set(ms), out = [];
	for (const d of fs.readdirSync('/proc')) {
		if (!/^[0-9]+$/.test(d)) continue;
		try {
			const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const ppid = parseInt(st.slice(st.lastIndexOf(')') + 2).split(' ')[1], 10);
			if (set.has(ppid)) out.push(parseInt(d, 10));
		} catch (e) { /* gone */ }
	}
	return out;
}

// each worker's RSS (MB) and open descriptors now
function workerSample() {
	const out = [];
	for (const w of childrenOf(masters())) {
		try {
			const m = fs.readFileSync(`/proc/${w}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
			out.push({ rss: parseInt(m[1], 10) / 1024, fds: fs.readdirSync(`/proc/${w}/fd`).length });
		} catch (e) { /* recycled meanwhile */ }
	}
	return out;
}

function psql(sql) {
	const r = cp.spawnSync(cfg.psql[0], cfg.psql.slice(1).concat(['-qAtX', '-v', 'ON_ERROR_STOP=1']),
		{ input: sql, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
	return r.stdout.trim();
}
// the workers' connections (superuser: others' sessions are hidden from the owner)
const pgBackends = () => {
	const r = cp.spawnSync(cfg.psqlSuper[0], cfg.psqlSuper.slice(1).concat(['-qAtX', '-c',
		"SELECT count(*) FROM pg_stat_activity WHERE datname = 'tms' AND application_name LIKE 'tms-%'"]),
	{ encoding: 'utf8' });
	return parseInt(r.stdout, 10) || 0;
};

// A window sampled four times a second: the medians of every worker's RSS
// and open descriptors seen (workers are recycled and reloaded all along,
// so a worker's age, and with it its RSS, varies: the median over many
// lifetimes is what a leak would move), and the most PostgreSQL backends.
async function sampleWindow(ms) {
	const end = performance.now() + ms, rss = [], fds = [];
	let pg = 0, i = 0;
	while (performance.now() < end) {
		for (const w of workerSample()) { rss.push(w.rss); fds.push(w.fds); }
		if (i++ % 4 === 0) pg = Math.max(pg, pgBackends());
		await sleep(250);
	}
	return { w: { n: rss.length, rss: pct(rss, 0.5), fds: pct(fds, 0.5) }, pg };
}

const kills = [];	// { pid, at (epoch ms) }
async function killer(stopAt) {
	for (const [interval, secs] of cfg.phases) {
		const end = Math.min(performance.now() + secs * 1000, stopAt);
		if (!(interval > 0)) { await sleep(Math.max(0, end - performance.now())); continue; }
		while (performance.now() + interval * 1000 <= end + 1) {
			const next = performance.now() + interval * 1000;
			const ws = childrenOf(masters());
			if (ws.length) {
				const victim = pick(ws);
				try { process.kill(victim, 'SIGKILL'); kills.push({ pid: victim, at: Date.now() }); }
				catch (e) { /* it had just left */ }
			}
			await sleep(Math.max(0, next - performance.now()));
		}
	}
}

// From the masters' log (local time with ms), for each kill: ms from the
// kill to the start of its replacement ("worker N started, replacing M"),
// and from the master's noticing the death (its "killed by signal" line)
// to that start. The first includes the dying worker's own exit (an ASan
// worker unmaps a lot) and the scheduler; the second is the master's part.
function respawns(log) {
	const started = new Map(), noticed = new Map();
	for (const m of log.matchAll(/^(\S+) tms-master\[\d+\] info worker \d+ started, replacing (\d+)$/gm))
		started.set(parseInt(m[2], 10), new Date(m[1]).getTime());
	for (const m of log.matchAll(/^(\S+) tms-master\[\d+\] error worker (\d+) killed by signal 9 /gm))
		noticed.set(parseInt(m[2], 10), new Date(m[1]).getTime());
	const mine = kills.filter((k) => started.has(k.pid));
	return { total: mine.map((k) => Math.max(0, started.get(k.pid) - k.at)),
		master: mine.filter((k) => noticed.has(k.pid)).map((k) => Math.max(0, started.get(k.pid) - noticed.get(k.pid))) };
}

// ------------------------------------------------------------------ checks
function verify() {
	const file = path.join(cfg.out, 'posts.tsv');
	// the last POST of each task: its notes tell whether it was applied
	const lastOf = new Map();
	posts.forEach((p, i) => { if (p[0] === 'u') lastOf.set(p[1], i); });
	fs.writeFileSync(file, posts.map((p, i) =>
		[...p, p[0] === 'u' && lastOf.get(p[1]) === i ? 1 : 0].join('\t')).join('\n') + (posts.length ? '\n' : ''));
	const out = psql(`
CREATE TEMP TABLE p (kind text, ref bigint, progress int, token text, ok int, last int);
\\copy p FROM '${file}'
CREATE TEMP TABLE bad (why text);
-- updates: audit rows per (task, progress) = successes + the last one if it was applied
WITH a AS (SELECT (detail->>'task')::bigint AS task, (detail->>'progress')::int AS progress, count(*) AS n
             FROM audit_log WHERE action = 'update' AND target = 'duties' AND detail ? 'progress'
              AND (detail->>'task')::bigint IN (SELECT ref FROM p WHERE kind = 'u') GROUP BY 1, 2),
     l AS (SELECT p.ref AS task, p.progress, p.ok, t.notes = p.token AS applied
             FROM p JOIN duty_task t ON t.id = p.ref WHERE p.kind = 'u' AND p.last = 1),
     s AS (SELECT ref AS task, progress, sum(ok) AS nok FROM p WHERE kind = 'u' GROUP BY 1, 2)
INSERT INTO bad
SELECT format('task %s progress %s: %s audit rows, %s answered ok%s', s.task, s.progress, coalesce(a.n, 0), s.nok,
              CASE WHEN l.task IS NULL THEN '' ELSE format(', last POST %s and %s', CASE WHEN l.ok = 1 THEN 'ok' ELSE 'failed' END,
              CASE WHEN l.applied THEN 'in the row' ELSE 'not in the row' END) END)
  FROM s LEFT JOIN a USING (task, progress) LEFT JOIN l USING (task, progress)
 WHERE coalesce(a.n, 0) <> s.nok + CASE WHEN l.ok = 0 AND l.applied THEN 1 ELSE 0 END
    OR (l.ok = 1 AND NOT l.applied);
-- new tasks: 0 or 1 row; with it exactly one audit row; answered ok: the row
WITH t AS (SELECT p.token, p.ok, count(k.id) AS n, min(k.id) AS id FROM p LEFT JOIN duty_task k ON k.title = p.token
            WHERE p.kind = 'c' GROUP BY 1, 2),
     a AS (SELECT t.token, count(x.id) AS n FROM t LEFT JOIN audit_log x ON x.action = 'create' AND x.target = 'duties'
              AND x.detail->>'task' = t.id::text GROUP BY 1)
INSERT INTO bad SELECT format('new task %s: %s rows, %s audit rows, answered %s', t.token, t.n, a.n,
                             CASE WHEN t.ok = 1 THEN 'ok' ELSE 'failed' END)
  FROM t JOIN a USING (token)
 WHERE t.n > 1 OR (t.ok = 1 AND t.n <> 1) OR (t.n = 1 AND a.n <> 1) OR (t.n = 0 AND a.n <> 0);
SELECT count(*) FROM bad;
SELECT why FROM bad LIMIT 10;
SELECT count(*) FILTER (WHERE ok = 0 AND kind = 'u' AND last = 1 AND EXISTS (SELECT 1 FROM duty_task t WHERE t.id = ref AND t.notes = token))
     + count(*) FILTER (WHERE ok = 0 AND kind = 'c' AND EXISTS (SELECT 1 FROM duty_task t WHERE t.title = token)) FROM p;
`).split('\n');
	return { bad: parseInt(out[0], 10), why: out.slice(1, -1), failedApplied: parseInt(out[out.length - 1], 10) };
}

const pct = (a, q) => {
	if (!a.length) return 0;
	const s = a.slice().sort((x, y) => x - y);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

// ------------------------------------------------------------------ main
async function main() {
	const accs = cfg.accounts;
	say(`load: logging in ${accs.length} accounts`);
	for (let i = 0; i < accs.length; i += 4)
		await Promise.all(accs.slice(i, i + 4).map(login));
	const work = [];
	for (let c = 0; c < cfg.conns; c++)
		work.push({ acc: accs[c % accs.length], tasks: (cfg.tasks[c] || []).slice(), retired: new Set(), n: 0 });
	const logs = cfg.pools.map((p) => `${cfg.var}/log/tms-${p}.log`);
	const logStart = logs.map((f) => { try { return fs.statSync(f).size; } catch (e) { return 0; } });

	let running = true;
	const loops = work.map(async (w) => { while (running) await step(w.acc, w); });

	// warm-up: every kind of request must work before anything is killed
	await sleep((cfg.warmup || 3) * 1000);
	if (warmFail.length) {
		running = false; await Promise.all(loops);
		say(`load: failures before any fault: ${[...new Set(warmFail)].join(', ')}`);
		process.exit(2);
	}
	phase = 'run';
	const t0 = performance.now(), total = cfg.seconds * 1000, stopAt = t0 + total;
	const reqStart = stats.requests;
	stats.lat = [];
	const jobs = [];
	if (cfg.mode === 'drill') jobs.push(killer(stopAt));
	const samples = {};
	let reloadErrs = 0;
	if (cfg.mode === 'soak') {
		// windows at the start and the end; the reloads in the middle,
		// so that both windows see workers of every age (after a reload
		// they are all young, and young workers are smaller)
		const win = Math.min(60000, total / 4);
		jobs.push((async () => { samples.start = await sampleWindow(win); })());
		jobs.push((async () => {
			await sleep(total - win);
			samples.end = await sampleWindow(win - 1000);
		})());
		for (let i = 1; i <= (cfg.reloads || 0); i++) {
			jobs.push((async () => {
				await sleep(total * (0.3 + 0.4 * i / ((cfg.reloads || 0) + 1)));
				const before = stats.failedGet + stats.failedPost;
				for (const m of masters()) process.kill(m, 'SIGHUP');
				say(`load: reload ${i} (SIGHUP to the pools)`);
				await sleep(5000);
				reloadErrs += stats.failedGet + stats.failedPost - before;
			})());
		}
		samples.win = win;
	}
	await sleep(total);
	running = false;
	await Promise.all(loops);
	await Promise.all(jobs);
	const secs = (performance.now() - t0) / 1000;

	const lat = stats.lat.map((x) => x[1]);
	const v = verify();
	const appended = logs.map((f, i) => {
		try {
			const fd = fs.openSync(f, 'r'), size = fs.fstatSync(fd).size, b = Buffer.alloc(size - logStart[i]);
			fs.readSync(fd, b, 0, b.length, logStart[i]); fs.closeSync(fd);
			return b.toString('utf8');
		} catch (e) { return ''; }
	}).join('');
	for (const [k, n] of Object.entries(stats.why)) say(`load: failed ${k} ×${n}`);
	for (const w of v.why) say(`load: not applied as answered: ${w}`);
	const requests = stats.requests - reqStart;
	console.log(`# ${cfg.mode}: ${requests} requests in ${secs.toFixed(0)} s over ${cfg.conns} connections ` +
		`(${accs.length} sessions: ${['hr', 'admin', 'general'].map((r) => accs.filter((a) => a.role === r).length + ' ' + r).join(', ')}); ` +
		`${posts.length} POSTs, of which ${v.failedApplied} failed but applied entirely; ` +
		`${resent} sent again after a kept connection closed before sending`);
	if (cfg.mode === 'drill') {
		const r = respawns(appended), rs = r.total;
		// each kill: logged by the master, or the worker was leaving anyway
		// (recycled after MAX_REQUESTS: it had exited when the signal came)
		const has = (re) => kills.filter((k) => re(k.pid).test(appended)).length;
		const logged = has((p) => new RegExp(`worker ${p} killed by signal 9 \\(`));
		const serving = has((p) => new RegExp(`worker ${p} killed by signal 9 \\([^)]*\\) while serving (GET|POST|HEAD) /\\S* uid=\\d+`));
		const recycledRe = (p) => new RegExp(`\\[${p}\\] info recycling after \\d+ requests`);
		const recycled = has(recycledRe);
		// a worker may log its recycling and then be killed before it is
		// gone: count each kill once
		const accounted = has((p) => ({ test: (s) => new RegExp(`worker ${p} killed by signal 9 \\(`).test(s) || recycledRe(p).test(s) }));
		console.log(`kills=${kills.length} replaced=${rs.length} respawn_p50_ms=${Math.round(pct(rs, 0.5))} ` +
			`respawn_max_ms=${Math.round(Math.max(0, ...rs))} master_max_ms=${Math.round(Math.max(0, ...r.master))} ` +
			`logged=${logged} logged_serving=${serving} ` +
			`recycled_meanwhile=${recycled} accounted=${accounted}`);
		console.log(`requests=${requests} failed_get=${stats.failedGet} failed_post=${stats.failedPost} ` +
			`half_applied=${v.bad} p99_ms=${Math.round(pct(lat, 0.99))}`);
		if (stats.failedGet > 0 || v.bad > 0 || stats.failedPost > kills.length) process.exitCode = 1;
		return;
	}
	const win = samples.win;
	const t1 = t0 + total;
	const first = stats.lat.filter((x) => x[0] - x[1] < t0 + win).map((x) => x[1]);
	const last = stats.lat.filter((x) => x[0] - x[1] >= t1 - win).map((x) => x[1]);
	const s = samples.start, e = samples.end;
	const chg = (a, b) => (a ? (100 * (b - a) / a) : 0).toFixed(1);
	const recycles = (appended.match(/recycling after \d+ requests/g) || []).length;
	const san = fs.readdirSync(`${cfg.var}/log`).filter((f) => /^(asan|ubsan)/.test(f));
	for (const f of san) say(`load: sanitizer report ${f}:\n` + fs.readFileSync(`${cfg.var}/log/${f}`, 'utf8').slice(0, 3000));
	console.log(`# latency: first ${(win / 1000).toFixed(0)} s p50=${Math.round(pct(first, 0.5))} ms p99=${Math.round(pct(first, 0.99))} ms; ` +
		`last ${(win / 1000).toFixed(0)} s p50=${Math.round(pct(last, 0.5))} ms p99=${Math.round(pct(last, 0.99))} ms`);
	console.log(`# workers (medians of ${s.w.n} then ${e.w.n} samples): RSS ${s.w.rss.toFixed(1)} → ${e.w.rss.toFixed(1)} MB, ` +
		`open fds ${s.w.fds.toFixed(1)} → ${e.w.fds.toFixed(1)}; PostgreSQL backends (most) ${s.pg} → ${e.pg}`);
	console.log(`requests=${requests} errors=${stats.failedGet + stats.failedPost} half_applied=${v.bad} ` +
		`p50_start_ms=${Math.round(pct(first, 0.5))} p99_start_ms=${Math.round(pct(first, 0.99))} ` +
		`p50_end_ms=${Math.round(pct(last, 0.5))} p99_end_ms=${Math.round(pct(last, 0.99))} ` +
		`rss_start_mb=${s.w.rss.toFixed(1)} rss_end_mb=${e.w.rss.toFixed(1)} rss_change_pct=${chg(s.w.rss, e.w.rss)} ` +
		`fds_start=${s.w.fds.toFixed(1)} fds_end=${e.w.fds.toFixed(1)} fds_change_pct=${chg(s.w.fds, e.w.fds)} ` +
		`pg_backends_start=${s.pg} pg_backends_end=${e.pg} reloads=${cfg.reloads || 0} reload_errors=${reloadErrs} ` +
		`recycles=${recycles} sanitizer_reports=${san.length}`);
	const flat = (a, b) => Math.abs(a ? 100 * (b - a) / a : 0) <= 10;
	if (stats.failedGet + stats.failedPost > 0 || v.bad > 0 || !flat(s.w.rss, e.w.rss) || !flat(s.w.fds, e.w.fds) ||
	    e.pg > s.pg * 1.1 + 2 || san.length > 0) process.exitCode = 1;
}

main().catch((e) => { say(`load: ${e.stack || e}`); process.exit(2); });
