/* harness.js: what every browser test shares. TAP output with scenarios,
 * the demo accounts, a Chromium launch, pages with error watching, and the
 * checks every page gets (screenshot, axe-core WCAG 2.1 A/AA, no horizontal
 * scrolling at phone width, no console errors).
 *
 * Environment:
 *   TMS_URL  base URL of a running instance (default https://localhost:8443)
 *   TMS_VAR  its var/ folder, for demo-accounts.txt (default /work/main/var)
 *   TMS_ART  where screenshots go (default /work/main/tests/artifacts)
 *   TMS_CHROMIUM  browser binary (default /usr/bin/chromium)
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { totpCode, testNow } = require('./totp');

const BASE = (process.env.TMS_URL || 'https://localhost:8443').replace(/\/+$/, '');
const VAR = process.env.TMS_VAR || '/work/main/var';
const ART = process.env.TMS_ART || '/work/main/tests/artifacts';
const CHROMIUM = process.env.TMS_CHROMIUM || '/usr/bin/chromium';

const VIEWPORTS = [
	{ tag: '360', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
	{ tag: '1440', viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MENU = 'nav[aria-label="メインメニュー"]';

/* ---- TAP ---- */
/* Results are numbered when printed. A scenario buffers its lines and
 * prints them together, so scenarios that run side by side do not mix. */
const tap = { n: 0, failed: 0 };
function diagLines(text) {
	return String(text).split('\n').map((l) => '# ' + l);
}
function emit(cond, desc, why) {
	tap.n++;
	if (!cond)
		tap.failed++;
	const out = [`${cond ? 'ok' : 'not ok'} ${tap.n} - ${desc}`];
	if (!cond && why)
		out.push(...diagLines(why));
	console.log(out.join('\n'));
	return !!cond;
}

/* What a step returned, as { ok, why }. A step passes only when it says so:
 * it returns true, or a result object { ok: true } ({ ok: false, why }
 * fails with why). A string fails with that diagnostic. Anything else
 * fails too: undefined (a step that forgot to return its verdict, or a
 * check whose result was dropped), false, null, a number. */
function verdict(r) {
	if (r === true)
		return { ok: true };
	if (typeof r === 'string')
		return { ok: false, why: r };
	if (r !== null && typeof r === 'object' && typeof r.ok === 'boolean')
		return r.ok ? { ok: true } : { ok: false, why: r.why ? String(r.why) : 'the step returned { ok: false }' };
	return { ok: false, why: `the step returned ${r === undefined ? 'undefined' : JSON.stringify(r)}: ` +
		'a step must return true, a result object { ok, why } or a failure text' };
}

/* A scenario is a sequence of dependent steps: once a step throws (the
 * page did not load, a selector timed out), the steps after it are
 * reported as failed without running, so the plan stays the same. A step
 * that returns a failure (see verdict) does not stop the scenario. */
class Scenario {
	constructor(name) { this.name = name; this.broken = null; this.buf = []; }
	note(text) { this.buf.push({ note: text }); }
	result(cond, desc, why) {
		this.buf.push({ cond: !!cond, desc: `${this.name}: ${desc}`, why });
		return !!cond;
	}
	/* hard: a returned failure also stops the scenario (a page that
	 * every later step needs). */
	async step(desc, fn, hard) {
		if (this.broken)
			return this.result(false, desc, `not run: an earlier step failed (${this.broken})`);
		try {
			const v = verdict(await fn());
			if (v.ok)
				return this.result(true, desc);
			if (hard)
				this.broken = desc;
			return this.result(false, desc, v.why);
		} catch (e) {
			this.broken = desc;
			return this.result(false, desc, (e && e.message ? e.message : String(e)).split('\n').slice(0, 6).join('\n'));
		}
	}
	flush() {
		for (const r of this.buf.splice(0)) {
			if (r.note !== undefined)
				console.log(diagLines(r.note).join('\n'));
			else
				emit(r.cond, r.desc, r.why);
		}
	}
}

/* Runs fn exclusively: read-modify-write steps of scenarios that run side
 * by side and touch the same record queue here. */
let lockChain = Promise.resolve();
function exclusive(fn) {
	const run = lockChain.then(fn, fn);
	lockChain = run.catch(() => {});
	return run;
}

/* ---- accounts and pages ---- */
function readAccounts() {
	const f = path.join(VAR, 'demo-accounts.txt');
	const out = [];
	for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
		const [role, login, password, totp] = line.trim().split(/\s+/);
		if (role && login && password)
			out.push(totp ? { role, login, password, totp } : { role, login, password });
	}
	return out;
}

function pathOf(page) {
	const u = new URL(page.url());
	return decodeURIComponent(u.pathname + u.search);
}

function param(page, key) {
	return new URL(page.url()).searchParams.get(key);
}

function squash(s) {
	return String(s).replace(/\s+/g, ' ').trim();
}

async function text(page, sel) {
	return squash(await page.locator(sel).first().innerText({ timeout: 5000 }));
}

async function texts(page, sel) {
	return (await page.locator(sel).allInnerTexts()).map(squash);
}

async function shot(page, name) {
	await page.screenshot({ path: path.join(ART, name + '.png'), fullPage: true });
	return true;
}

const axeSource = fs.readFileSync(require.resolve('axe-core'), 'utf8');

/* Runs axe on the page; returns true or a failure text. Minor and
 * moderate findings are noted, not failed. */
async function axeCheck(page, sc) {
	await page.addScriptTag({ content: axeSource });
	const res = await page.evaluate(async (tags) => {
		/* global axe */
		const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map((x) => ({ target: x.target.join(' '), summary: x.failureSummary })),
		}));
	}, AXE_TAGS);
	const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const minor = res.filter((v) => !bad.includes(v));
	if (minor.length)
		sc.note(`axe, minor/moderate (not failing) on ${pathOf(page)}: ` + minor.map((v) => `${v.id} [${v.impact}] x${v.nodes.length}`).join(', '));
	if (!bad.length)
		return true;
	const lines = [];
	for (const v of bad) {
		lines.push(`${v.id} [${v.impact}] ${v.help}`);
		for (const x of v.nodes.slice(0, 5))
			lines.push(`  at ${x.target}: ${(x.summary || '').replace(/\s+/g, ' ').slice(0, 300)}`);
	}
	return lines.join('\n');
}

/* The checks every page gets: screenshot, axe, no horizontal scrolling at
 * the phone width, no console errors or failed sub-resources. */
async function pageChecks(sc, page, vp, name, watch) {
	await sc.step(`${name}: screenshot`, () => shot(page, `${name}-${vp.tag}`));
	await sc.step(`${name}: no serious or critical axe violations (WCAG 2.1 A/AA)`, () => axeCheck(page, sc));
	if (vp.viewport.width <= 360) {
		await sc.step(`${name}: no horizontal scrolling at ${vp.viewport.width} px`, async () => {
			const w = await page.evaluate(() => document.documentElement.scrollWidth);
			if (w > vp.viewport.width) {
				/* name the widest elements, to find the culprit */
				const wide = await page.evaluate((max) => [...document.querySelectorAll('main *')]
					.filter((e) => e.getBoundingClientRect().right > max)
					.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`), vp.viewport.width);
				return `document.documentElement.scrollWidth is ${w}\n${wide.join('\n')}`;
			}
			return true;
		});
	}
	await sc.step(`${name}: no console errors or failed sub-resources`, () => {
		const errs = watch.splice(0);
		if (errs.length)
			return errs.join('\n');
		return true;
	});
}

/* A fresh context (cookies of its own) at a viewport, with a list that
 * collects console errors and failed sub-resources. */
async function newPage(browser, vp) {
	const context = await browser.newContext({
		viewport: vp.viewport, isMobile: vp.isMobile, hasTouch: vp.hasTouch,
		deviceScaleFactor: vp.deviceScaleFactor, locale: 'ja-JP',
		ignoreHTTPSErrors: true, bypassCSP: true,
	});
	context.setDefaultTimeout(10000);
	context.setDefaultNavigationTimeout(15000);
	const page = await context.newPage();
	const watch = [];
	/* Chromium also logs "Failed to load resource" for a document
	 * answered 4xx on purpose (and for its own favicon request);
	 * sub-resources are checked through the response events instead. */
	page.on('console', (m) => {
		if (m.type() === 'error' && !/^Failed to load resource/.test(m.text()))
			watch.push(`console: ${m.text()}`);
	});
	page.on('pageerror', (e) => watch.push(`page error: ${e.message}`));
	page.on('response', (r) => {
		if (r.request().resourceType() !== 'document' && r.status() >= 400)
			watch.push(`${r.status()} ${r.url()}`);
	});
	page.on('requestfailed', (r) => watch.push(`failed ${r.url()}: ${r.failure() && r.failure().errorText}`));
	return { context, page, watch };
}

/* Does what a person does (a click, a form submission) and waits for the
 * page it leads to; returns the final document's response (after any
 * redirect). */
async function follow(page, action) {
	const [r] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
	return r;
}

/* The sign-in stage 'totp' (at /login/totp): types the code of key for a
 * test time of its own (lib/totp.js), which the code's POST alone sends as
 * the test clock. Returns the response of the page it leads to. */
async function enterTotp(page, key) {
	const t = testNow(VAR);
	const url = BASE + '/login/totp';
	const add = (route) => route.request().method() === 'POST' ?
		route.continue({ headers: { ...route.request().headers(), 'x-tms-test-now': String(t) } }) :
		route.continue();
	await page.route(url, add);
	try {
		await page.fill('#code', totpCode(key, t));
		return await follow(page, () => page.click('#totp-form button[type="submit"]'));
	} finally {
		await page.unroute(url, add);
	}
}

/* Fills and sends the login form. A sign-in refused as busy (503 with
 * Retry-After: every password-hashing slot taken, cgi/throttle.c; scenarios
 * run side by side) is sent again after the seconds asked, as a person
 * would, up to 10 times. Returns the final response. */
async function submitLogin(page, acct) {
	for (let i = 0; ; i++) {
		await page.fill('form[action="/login"] input[name="login"]', acct.login);
		await page.fill('form[action="/login"] input[name="password"]', acct.password);
		const r = await follow(page, () => page.click('form[action="/login"] button[type="submit"]'));
		const wait = r && r.status() === 503 && Number(r.headers()['retry-after']);
		if (!wait || i >= 10)
			return r;
		await page.waitForTimeout(1000 * Math.min(wait, 5));
	}
}

/* Logs in through the form (and the second factor, for an account with a
 * TOTP key); returns true or a failure text. */
async function login(page, acct) {
	let r = await page.goto(BASE + '/');
	if (!r || r.status() !== 200 || new URL(page.url()).pathname !== '/login')
		return `GET / gave ${r && r.status()} at ${pathOf(page)}, not the login page`;
	r = await submitLogin(page, acct);
	if (r && r.status() === 200 && pathOf(page) === '/login/totp' && acct.totp)
		r = await enterTotp(page, acct.totp);
	if (!r || r.status() !== 200 || pathOf(page) !== '/') {
		let why = `log in as ${acct.login}: status ${r && r.status()}, at ${pathOf(page)}`;
		try {
			why += `: "${await text(page, 'main [role="alert"]')}"`;
		} catch (e) { /* no message */ }
		return why;
	}
	return true;
}

function launch() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/* run(title, body): the main of a test file. body(browser) runs the
 * scenarios; the plan line and exit status follow. */
function run(title, body) {
	const t0 = Date.now();
	fs.mkdirSync(ART, { recursive: true });
	const done = () => {
		console.log(`# ${title} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		console.log(`1..${tap.n}`);
		process.exit(tap.failed ? 1 : 0);
	};
	(async () => {
		const browser = await launch();
		try {
			await body(browser);
		} finally {
			await browser.close();
		}
	})().then(done, (e) => {
		emit(false, `${title}: run`, e && e.stack ? e.stack : String(e));
		done();
	});
}

module.exports = {
	BASE, VAR, ART, VIEWPORTS, AXE_TAGS, MENU,
	tap, emit, verdict, Scenario, exclusive,
	readAccounts, pathOf, param, squash, text, texts, shot, axeCheck, pageChecks,
	newPage, follow, submitLogin, login, enterTotp, run,
};
