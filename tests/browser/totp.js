#!/usr/bin/env node
/* Browser tests for the second factor (issue 13): hr signs in with the
 * password and a TOTP code at 1440 px; a staff member enrols at a phone and
 * a desktop width: the QR code drawn on the server (inline SVG), the key in
 * text, a first code, the ten recovery codes shown once, then the status
 * page. Every page gets the harness's checks (screenshot, axe WCAG 2.1
 * A/AA, no horizontal scrolling at 360 px, no console errors). Codes are
 * computed here for a test time of their own (lib/totp.js), sent as the
 * test clock with the code's POST only.
 *
 * Environment: see lib/harness.js; TMS_BIN is the build with cgi/tmsctl.
 */
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const {
	BASE, VAR, VIEWPORTS, emit, Scenario, readAccounts, pathOf, text, texts, pageChecks,
	newPage, follow, submitLogin, enterTotp, run,
} = require('./lib/harness');
const { totpCode, testNow } = require('./lib/totp');

const BIN = process.env.TMS_BIN || path.resolve(__dirname, '../../build');

async function hrSignIn(browser, hr, vp) {
	const sc = new Scenario(`hr signs in with TOTP @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('the password leads to the code page', async () => {
			await page.goto(BASE + '/login');
			await submitLogin(page, hr);
			if (pathOf(page) !== '/login/totp')
				return `at ${pathOf(page)}`;
			const h1 = await text(page, 'main h1');
			if (h1 !== '確認コードの入力')
				return `h1 "${h1}"`;
			if (await page.getAttribute('#code', 'autocomplete') !== 'one-time-code')
				return 'the code field is not autocomplete=one-time-code';
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'totp-login', watch);
		await sc.step('a wrong code is refused with a Japanese message', async () => {
			await page.fill('#code', '000000');
			const r = await follow(page, () => page.click('#totp-form button[type="submit"]'));
			const alert = await text(page, 'main [role="alert"]');
			if (r.status() !== 401 || !alert.includes('確認コードが正しくないか'))
				return `status ${r.status()}, alert "${alert}"`;
			return true;
		});
		await sc.step('the right code signs in: the home page of 人事担当', async () => {
			const r = await enterTotp(page, hr.totp);
			if (!r || r.status() !== 200 || pathOf(page) !== '/')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const role = await text(page, 'header.site .role');
			return role === '人事担当' || `role label "${role}"`;
		}, true);
		await sc.step('the status page says the second factor is on', async () => {
			await page.goto(BASE + '/account/totp');
			const dd = await texts(page, 'main dl.facts dd');
			return (dd[0] || '').startsWith('有効') || `facts ${JSON.stringify(dd)}`;
		});
		await pageChecks(sc, page, vp, 'totp-status', watch);
	} finally {
		sc.flush();
		await context.close();
	}
}

async function enrol(browser, vp) {
	const sc = new Scenario(`enrolment @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	const acct = { login: `tfb${vp.tag}-${Date.now() % 1000000}`, password: `tfb-pass-${process.pid}-${Date.now()}` };
	try {
		await sc.step(`a staff account ${acct.login} is created with tmsctl`, () => {
			execFileSync(path.join(BIN, 'cgi', 'tmsctl'), ['-c', path.join(VAR, 'etc', 'tms-a.yaml'),
				'useradd', acct.login, 'general', '二要素 試験'], { input: acct.password + '\n', stdio: ['pipe', 'ignore', 'pipe'] });
			return true;
		}, true);
		await sc.step('signs in (no second factor yet: optional for general staff)', async () => {
			await page.goto(BASE + '/login');
			await submitLogin(page, acct);
			return pathOf(page) === '/' || `at ${pathOf(page)}`;
		}, true);
		let key = '';
		await sc.step('the enrolment page shows a QR code (inline SVG image) and the key in groups of four', async () => {
			const r = await page.goto(BASE + '/account/totp');
			if (!r || r.status() !== 200)
				return `status ${r && r.status()}`;
			const svg = page.locator('main svg.qr');
			if (await svg.getAttribute('role') !== 'img' || !(await svg.getAttribute('aria-label')))
				return 'the QR code is not an image with a label';
			const d = await page.locator('main svg.qr path').getAttribute('d');
			if (!/^M4 4h7v1h-7z/.test(d || ''))
				return `path data "${(d || '').slice(0, 40)}"`;
			const box = await svg.boundingBox();
			if (!box || box.width < 150 || box.width > vp.viewport.width)
				return `QR code ${box && box.width} px wide`;
			const shown = await text(page, '#totp-key');
			if (!/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/.test(shown))
				return `key "${shown}"`;
			key = shown.replace(/ /g, '');
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'totp-enrol', watch);
		await sc.step('a first code enables it and shows ten recovery codes once', async () => {
			const t = testNow(VAR);
			const url = BASE + '/account/totp';
			const add = (route) => route.request().method() === 'POST' ?
				route.continue({ headers: { ...route.request().headers(), 'x-tms-test-now': String(t) } }) :
				route.continue();
			await page.route(url, add);
			let r;
			try {
				await page.fill('#code', totpCode(key, t));
				r = await follow(page, () => page.locator('main form button[type="submit"]').click());
			} finally {
				await page.unroute(url, add);
			}
			if (r.status() !== 200)
				return `status ${r.status()}: ${await text(page, 'main')}`;
			const codes = await texts(page, 'ol.recovery-codes code');
			if (codes.length !== 10 || !codes.every((x) => /^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/.test(x)))
				return `codes ${JSON.stringify(codes)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'totp-codes', watch);
		await sc.step('continue leads home; the codes are not shown again', async () => {
			await follow(page, () => page.locator('main a.button', { hasText: '続ける' }).click());
			if (pathOf(page) !== '/')
				return `at ${pathOf(page)}`;
			await page.goto(BASE + '/account/totp');
			if (await page.locator('ol.recovery-codes').count() !== 0 || await page.locator('#totp-key').count() !== 0)
				return 'the codes or the key are shown again';
			const h2 = await texts(page, 'main h2');
			return h2.includes('設定状況') || `h2 ${JSON.stringify(h2)}`;
		});
		await pageChecks(sc, page, vp, 'totp-enrolled', watch);
	} finally {
		sc.flush();
		await context.close();
	}
}

run('second factor browser tests', async (browser) => {
	const hr = readAccounts().find((a) => a.role === 'hr');
	if (emit(hr && hr.totp, 'the demo hr account has a TOTP key (4th field of demo-accounts.txt)'))
		await hrSignIn(browser, hr, VIEWPORTS.find((v) => v.tag === '1440'));
	await Promise.all(VIEWPORTS.map((vp) => enrol(browser, vp)));
});
