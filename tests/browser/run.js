#!/usr/bin/env node
/* Browser tests for the talent management system: log in as each demo
 * account at a phone and a desktop width, check the Japanese pages, the role
 * menu and the access rules, screenshot every page, run axe-core (WCAG 2.1
 * A/AA) on every page, and log out again.
 *
 * Plain Node, TAP on stdout (ending with the plan line), exit 1 on failure.
 *
 * Environment: see lib/harness.js.
 */
'use strict';

const { BASE, VAR, VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, pageChecks, newPage, submitLogin, enterTotp, run } = require('./lib/harness');

/* Display names and role labels as scripts/tms creates the demo accounts
 * and cgi/page.c labels the roles. */
const ROLES = {
	admin: { name: '情報 管理', label: 'システム管理者' },
	hr: { name: '人事 花子', label: '人事担当' },
	general: { name: '釧路 太郎', label: '一般職員' },
};
const MSG_FORBIDDEN = 'このページを表示する権限がありません。';
const MSG_BADLOGIN = 'ログインIDまたはパスワードが正しくありません。';

async function expectLoginPage(page) {
	const p = new URL(page.url()).pathname;
	if (p !== '/login')
		return `expected /login, at ${pathOf(page)}`;
	const h1 = await text(page, 'h1');
	if (h1 !== 'ログイン')
		return `h1 is "${h1}"`;
	if (await page.locator('form[action="/login"] input[name="login"]').count() !== 1 ||
	    await page.locator('form[action="/login"] input[name="password"][type="password"]').count() !== 1)
		return 'login form fields missing';
	return true;
}

/* Clicks ログアウト in the header and waits for the next page. */
async function clickLogout(page) {
	const btn = page.locator('header.site form[action="/logout"] button', { hasText: 'ログアウト' });
	const [r] = await Promise.all([
		page.waitForResponse((x) => x.request().method() === 'POST' && new URL(x.url()).pathname === '/logout'),
		btn.click(),
	]);
	await page.waitForLoadState('load');
	return r;
}

/* ---- one account at one width ---- */
async function accountRun(browser, acct, vp) {
	const role = ROLES[acct.role];
	const sc = new Scenario(`${acct.role} (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('/ redirects to the login page', async () => {
			const r = await page.goto(BASE + '/');
			if (!r || r.status() !== 200)
				return `status ${r && r.status()}`;
			if (!r.request().redirectedFrom())
				return 'no redirect happened';
			if (pathOf(page) !== '/login?next=/')
				return `landed at ${pathOf(page)}`;
			return expectLoginPage(page);
		}, true);
		await pageChecks(sc, page, vp, `login-${acct.role}`, watch);

		await sc.step('log in through the form lands on /', async () => {
			/* the POST /login's answer: a redirect (a busy 503 is sent
			 * again, lib/harness.js submitLogin) */
			const posts = [];
			const seen = (x) => {
				if (x.request().method() === 'POST' && new URL(x.url()).pathname === '/login')
					posts.push(x.status());
			};
			page.on('response', seen);
			try {
				await submitLogin(page, acct);
				/* hr and admin: then the second factor (lib/harness.js) */
				if (pathOf(page) === '/login/totp' && acct.totp)
					await enterTotp(page, acct.totp);
			} finally {
				page.off('response', seen);
			}
			const st = posts[posts.length - 1];
			if (st !== 303 || pathOf(page) !== '/') {
				let why = `POST /login answered ${st}, at ${pathOf(page)}`;
				try {
					why += `: "${await text(page, 'main [role="alert"]')}"`;
				} catch (e) { /* no message */ }
				return why;
			}
			return true;
		}, true);
		await sc.step(`home page greets "${role.name} さん" in Japanese`, async () => {
			const lang = await page.getAttribute('html', 'lang');
			const h1 = await text(page, 'main h1');
			const want = new RegExp(role.name.replace(/\s+/g, '\\s*') + '\\s*さん');
			if (lang !== 'ja' || !want.test(h1))
				return `lang=${lang} h1="${h1}"`;
			return true;
		});
		await sc.step(`header shows the role label ${role.label}`, async () => {
			const t = await text(page, 'header.site .role');
			if (t !== role.label)
				return `role label is "${t}"`;
			return true;
		});
		await sc.step(`role menu: ホーム${acct.role !== 'general' ? ' and アカウント管理' : ', no アカウント管理'}`, async () => {
			const items = (await page.locator(`${MENU} a`).allInnerTexts()).map((s) => s.trim());
			const hasAdmin = items.includes('アカウント管理');
			if (!items.includes('ホーム') || hasAdmin !== (acct.role !== 'general'))
				return `menu: ${JSON.stringify(items)}`;
			const cur = await page.locator(`${MENU} a[aria-current="page"]`).allInnerTexts();
			if (cur.length !== 1 || cur[0].trim() !== 'ホーム')
				return `aria-current on ${JSON.stringify(cur)}`;
			return true;
		});
		await pageChecks(sc, page, vp, `home-${acct.role}`, watch);

		if (acct.role !== 'general') {
			await sc.step('/admin/accounts lists the demo accounts', async () => {
				const r = await page.goto(BASE + '/admin/accounts');
				if (!r || r.status() !== 200)
					return `status ${r && r.status()}`;
				const h1 = await text(page, 'main h1');
				const logins = (await page.locator('main table tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
				const missing = ['admin', 'hr', 'staff'].filter((l) => !logins.includes(l));
				const count = await text(page, 'main h1 + p');
				if (h1 !== 'アカウント管理' || missing.length || logins.length < 3 ||
				    !count.includes(`${logins.length} 件`))
					return `h1="${h1}" count="${count}" logins=${JSON.stringify(logins)}`;
				const cur = await page.locator(`${MENU} a[aria-current="page"]`).allInnerTexts();
				if (cur.length !== 1 || cur[0].trim() !== 'アカウント管理')
					return `aria-current on ${JSON.stringify(cur)}`;
				return true;
			});
			await pageChecks(sc, page, vp, `accounts-${acct.role}`, watch);
			await sc.step('ログアウト button shows the login page', async () => {
				const r = await clickLogout(page);
				if (r.status() !== 303)
					return `POST /logout answered ${r.status()}`;
				return expectLoginPage(page);
			});
		} else {
			await sc.step('/admin/accounts is refused with 403 and a Japanese message', async () => {
				const r = await page.goto(BASE + '/admin/accounts');
				if (!r || r.status() !== 403)
					return `status ${r && r.status()}`;
				const h1 = await text(page, 'main h1');
				const msg = await text(page, 'main [role="alert"]');
				if (h1 !== 'アクセスできません' || msg !== MSG_FORBIDDEN)
					return `h1="${h1}" message="${msg}"`;
				return true;
			});
			await pageChecks(sc, page, vp, `forbidden-${acct.role}`, watch);
			/* Logging out from the page that refused access. Should that
			 * fail, log out from the home page so the rest still runs. */
			await sc.step('ログアウト button on the 403 page shows the login page', async () => {
				const token = await page.getAttribute('header.site form[action="/logout"] input[name="csrf"]', 'value');
				const r = await clickLogout(page);
				if (r.status() === 303 && new URL(page.url()).pathname === '/login')
					return expectLoginPage(page);
				let why = `POST /logout answered ${r.status()}, at ${pathOf(page)}` +
				    ` (the 403 page's logout form has csrf="${token}")`;
				try {
					why += `: "${await text(page, 'main [role="alert"]')}"`;
				} catch (e) { /* no message */ }
				await page.goto(BASE + '/');
				if (new URL(page.url()).pathname === '/') {
					const r2 = await clickLogout(page);
					why += `\nlogged out from the home page instead: POST /logout answered ${r2.status()}`;
				}
				return why;
			});
		}
		await pageChecks(sc, page, vp, `logout-${acct.role}`, watch);
		await sc.step('after logout / redirects to the login page again', async () => {
			const r = await page.goto(BASE + '/');
			if (!r || r.status() !== 200)
				return `status ${r && r.status()}`;
			if (pathOf(page) !== '/login?next=/')
				return `landed at ${pathOf(page)}`;
			if (await page.locator(MENU).count() !== 0)
				return 'the role menu is still shown';
			return expectLoginPage(page);
		});
	} finally {
		await context.close();
		sc.flush();
	}
}

/* A login that does not exist: the Japanese error on the login page. The
 * name is new each run so that its failure count never reaches the lock
 * (5 in 15 minutes), and no demo account collects failures. */
async function badLoginRun(browser, vp) {
	const sc = new Scenario(`wrong password @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	const login = `nosuchuser-${process.pid}-${Date.now() % 100000}`;
	try {
		await sc.step('the login page shows the Japanese error message', async () => {
			await page.goto(BASE + '/login');
			await page.fill('input[name="login"]', login);
			await page.fill('input[name="password"]', 'not-the-password-1');
			const [r] = await Promise.all([
				page.waitForResponse((x) => x.request().method() === 'POST' && new URL(x.url()).pathname === '/login'),
				page.click('form[action="/login"] button[type="submit"]'),
			]);
			await page.waitForLoadState('load');
			if (r.status() !== 401)
				return `status ${r.status()}`;
			const bad = await expectLoginPage(page);
			if (bad !== true)
				return bad;
			const msg = await text(page, 'main [role="alert"]');
			if (msg !== MSG_BADLOGIN)
				return `message "${msg}"`;
			const kept = await page.inputValue('input[name="login"]');
			const pw = await page.inputValue('input[name="password"]');
			if (kept !== login || pw !== '')
				return `login field "${kept}", password field ${pw ? 'not ' : ''}empty`;
			if (await page.locator(MENU).count() !== 0)
				return 'the role menu is shown';
			return true;
		});
		await pageChecks(sc, page, vp, 'login-error', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

run('browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const roles = accounts.map((a) => a.role).sort().join(' ');
	emit(roles === 'admin general hr', `${VAR}/demo-accounts.txt has one account per role`, `roles: "${roles}"`);
	accounts = accounts.filter((a) => ROLES[a.role]);
	await badLoginRun(browser, VIEWPORTS[0]);
	/* The two widths run side by side (each login waits ~0.4 s for the
	 * server's PBKDF2); the accounts one after another. */
	await Promise.all(VIEWPORTS.map(async (vp) => {
		for (const a of accounts)
			await accountRun(browser, a, vp);
	}));
});
