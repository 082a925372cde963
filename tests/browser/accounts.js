#!/usr/bin/env node
/* Browser test of issue 13's account issue and activation: hr (1440 px)
 * issues accounts for a unit and opens the notices (on screen and as
 * printed: one A4 sheet per person, no menu); a staff member of that unit
 * activates on a 360 px phone with the code from the notice, is held on
 * "set your password" (a bad password is refused at the field), sets one
 * and reaches the directory. Every page gets the harness's checks
 * (screenshot, axe WCAG 2.1 A/AA, no horizontal scrolling at 360 px, no
 * console errors).
 *
 * Each run makes its own unit (code B<time>, under 総務部) with three
 * people in it (staff numbers B<time>1..3), through psql as the schema
 * owner, so the unit's people have no account whatever ran before.
 *
 * Environment: see lib/harness.js.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const {
	BASE, VAR, ART, VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, texts,
	pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const PHONE = VIEWPORTS.find((v) => v.tag === '360');
const DESK = VIEWPORTS.find((v) => v.tag === '1440');
const TAG = `B${Date.now() % 100000000}`;
const PASSWORD = 'tsurui-mura-no-yuki-2026';

function psql(sql) {
	const ports = fs.readFileSync(path.join(VAR, 'ports'), 'utf8');
	const port = (ports.match(/PGPORT=(\d+)/) || [])[1];
	return execFileSync('psql', ['-qAt', '-X', '-v', 'ON_ERROR_STOP=1', '-h', path.join(VAR, 'run', 'pg'),
		'-p', port, '-U', 'tms_owner', 'tms', '-c', sql], { encoding: 'utf8' }).trim();
}

function fixture() {
	psql(`WITH u AS (INSERT INTO org_unit (code) VALUES ('${TAG}') RETURNING id)
	      INSERT INTO org_unit_version (unit_id, valid, name, kind, parent_id, sort_order)
	      SELECT u.id, daterange('2000-04-01', NULL), 'ブラウザ試験課${TAG.slice(-4)}', '課',
	             (SELECT id FROM org_unit WHERE code = '10'), 990 FROM u`);
	psql(`WITH s AS (INSERT INTO staff (staff_no, family_name, given_name, family_kana, given_kana,
	        birth_date, gender, employment_type, hire_date)
	      VALUES ('${TAG}1', '阿寒', '湖子', 'アカン', 'コノコ', '1990-06-01', 'female', 'regular', '2015-04-01'),
	             ('${TAG}2', '釧路', '湿原', 'クシロ', 'シツゲン', '1991-06-01', 'male', 'regular', '2015-04-01'),
	             ('${TAG}3', '春採', '湖', 'ハルトリ', 'ミズウミ', '1992-06-01', 'female', 'regular', '2015-04-01')
	      RETURNING id)
	      INSERT INTO appointment (staff_id, kind, valid, unit_id, position_code, is_main)
	      SELECT s.id, '採用', daterange('2015-04-01', NULL), (SELECT id FROM org_unit WHERE code = '${TAG}'),
	             (SELECT code FROM position WHERE NOT is_head ORDER BY rank LIMIT 1), true FROM s`);
}

/* hr: issue for the unit, open the notices; the first person's login and
 * code go to state */
async function hrIssue(browser, hr, state) {
	const sc = new Scenario('hr issues accounts for a unit');
	const { context, page, watch } = await newPage(browser, DESK);
	try {
		await sc.step('log in', () => login(page, hr), true);
		await sc.step('the issue form opens from アカウント管理', async () => {
			await follow(page, () => page.locator(`${MENU} a`, { hasText: 'アカウント管理' }).click());
			await follow(page, () => page.locator('main a[href="/admin/accounts/issue"]').first().click());
			if (pathOf(page) !== '/admin/accounts/issue')
				return `at ${pathOf(page)}`;
			return (await text(page, 'main h1')) === 'アカウントの発行' || `h1 "${await text(page, 'main h1')}"`;
		}, true);
		await pageChecks(sc, page, DESK, 'accounts-issue-form', watch);
		await sc.step(`issue for the unit ${TAG}: three accounts`, async () => {
			await page.check('input[name="scope"][value="unit"]');
			await page.selectOption('#f-unit', TAG);
			const r = await follow(page, () => page.locator('main form button', { hasText: '発行する' }).click());
			const h2 = await text(page, 'main h2');
			if (r.status() !== 200 || !h2.startsWith('3人のアカウントを発行しました'))
				return `status ${r.status()}, "${h2}"`;
			return true;
		}, true);
		await pageChecks(sc, page, DESK, 'accounts-issued', watch);
		await sc.step('the notices open: one per person, with name, unit, login, code, expiry', async () => {
			await follow(page, () => page.click('#notices-link'));
			const n = await page.locator('main article.notice').count();
			if (n !== 3)
				return `${n} notices`;
			const first = await text(page, 'main article.notice');
			for (const want of ['初回ログインのお知らせ', 'ブラウザ試験課', '令和', BASE + '/'])
				if (!first.includes(want))
					return `the first notice lacks "${want}": ${first.slice(0, 300)}`;
			const logins = await texts(page, 'main article.notice .notice-facts dd.big:not(.code)');
			const codes = await texts(page, 'main article.notice .notice-facts dd.code');
			const i = logins.indexOf(`${TAG}1`.toLowerCase());
			if (i < 0 || !/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$/.test(codes[i]))
				return `logins ${JSON.stringify(logins)}, codes ${JSON.stringify(codes)}`;
			state.login = `${TAG}1`;		/* typed as printed on the staff card */
			state.code = codes[i];
			return true;
		}, true);
		await pageChecks(sc, page, DESK, 'accounts-notices', watch);
		await sc.step('printed: no menu, one A4 page per person', async () => {
			await page.emulateMedia({ media: 'print' });
			const v = await page.evaluate(() => ({
				menu: getComputedStyle(document.querySelector('nav.menu')).display,
				tools: getComputedStyle(document.querySelector('.notice-tools')).display,
				breaks: [...document.querySelectorAll('article.notice')].map((a) => getComputedStyle(a).breakAfter),
			}));
			await page.pdf({ path: path.join(ART, 'accounts-notices.pdf'), format: 'A4' })
				.catch(() => null);	/* for people to look at; not every Chromium makes PDFs */
			await page.emulateMedia({ media: 'screen' });
			if (v.menu !== 'none' || v.tools !== 'none')
				return `menu ${v.menu}, tools ${v.tools}`;
			if (v.breaks.length !== 3 || v.breaks[0] !== 'page' || v.breaks[1] !== 'page')
				return `break-after ${JSON.stringify(v.breaks)}`;
			return true;
		});
	} finally {
		sc.flush();
		await context.close();
	}
}

/* the person: activate on a phone, set a password, reach the directory */
async function staffActivate(browser, state) {
	const sc = new Scenario('staff activates on a phone');
	const { context, page, watch } = await newPage(browser, PHONE);
	try {
		await sc.step('the code signs in on the normal sign-in page', async () => {
			await page.goto(BASE + '/');
			if (!pathOf(page).startsWith('/login'))
				return `at ${pathOf(page)}`;
			await page.fill('form[action="/login"] input[name="login"]', state.login);
			await page.fill('form[action="/login"] input[name="password"]', state.code.toLowerCase());
			const r = await follow(page, () => page.click('form[action="/login"] button[type="submit"]'));
			if (r.status() !== 200 || pathOf(page) !== '/account/password')
				return `status ${r.status()} at ${pathOf(page)}`;
			return true;
		}, true);
		await pageChecks(sc, page, PHONE, 'account-password', watch);
		await sc.step('only "set your password": the directory redirects back, no menu', async () => {
			await page.goto(BASE + '/staff');
			if (pathOf(page) !== '/account/password')
				return `at ${pathOf(page)}`;
			return (await page.locator(`${MENU} a`).count()) === 0 || 'a menu is shown';
		});
		await sc.step('a common password is refused at its field', async () => {
			await page.fill('#f-password', 'qwertyuiop@[');
			await page.fill('#f-password2', 'qwertyuiop@[');
			const r = await follow(page, () => page.locator('main form button', { hasText: 'パスワードを設定する' }).click());
			const alert = await text(page, 'main [role="alert"]');
			if (r.status() !== 400 || !alert.includes('よく使われるパスワード'))
				return `status ${r.status()}, alert "${alert}"`;
			return (await page.getAttribute('#f-password', 'aria-invalid')) === 'true' || 'the field is not marked invalid';
		});
		await pageChecks(sc, page, PHONE, 'account-password-error', watch);
		await sc.step('a good password is set; the home page follows', async () => {
			await page.fill('#f-password', PASSWORD);
			await page.fill('#f-password2', PASSWORD);
			const r = await follow(page, () => page.locator('main form button', { hasText: 'パスワードを設定する' }).click());
			if (r.status() !== 200 || pathOf(page) !== '/')
				return `status ${r.status()} at ${pathOf(page)}`;
			return true;
		}, true);
		await sc.step('the directory opens from the menu', async () => {
			await follow(page, () => page.locator(`${MENU} a`, { hasText: '職員名簿' }).click());
			if (pathOf(page) !== '/staff')
				return `at ${pathOf(page)}`;
			return (await text(page, 'main h1')).includes('職員') || `h1 "${await text(page, 'main h1')}"`;
		}, true);
		await pageChecks(sc, page, PHONE, 'directory-after-activation', watch);
	} finally {
		sc.flush();
		await context.close();
	}
}

run('account issue and activation browser tests', async (browser) => {
	const hr = readAccounts().find((a) => a.role === 'hr');
	if (!emit(hr, 'the demo accounts include hr'))
		return;
	try {
		fixture();
		emit(true, `a unit ${TAG} with three people (psql)`);
	} catch (e) {
		emit(false, `a unit ${TAG} with three people (psql)`, e.message);
		return;
	}
	const state = {};
	await hrIssue(browser, hr, state);
	if (!emit(state.code, 'hr read a code from a notice'))
		return;
	await staffActivate(browser, state);
});
