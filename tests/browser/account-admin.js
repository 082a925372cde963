#!/usr/bin/env node
/* Browser tests for アカウント管理 (/admin/accounts, cgi/h_admin.c) and the
 * user's own account page (/account, cgi/h_account.c), at a phone and a
 * desktop width: admin opens アカウント管理 from the menu, searches for the
 * demo staff account, opens its page (role, disable, reset forms), then its
 * own /account (sessions with "この端末", the password form, and a wrong
 * current password refused with a linked error summary); the general demo
 * account opens アカウント設定 from the menu. Every page visited is
 * screenshotted and checked with axe-core (WCAG 2.1 A/AA), for console
 * errors and, at 360 px, for horizontal scrolling.
 *
 * Changes nothing (the refused password change leaves the password as it
 * was). Environment: see lib/harness.js.
 */
'use strict';

const {
	BASE, VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, texts,
	pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

async function menuTo(page, label, path) {
	const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: label }).first().click());
	if (!r || r.status() !== 200 || new URL(page.url()).pathname !== path)
		return `menu ${label}: status ${r && r.status()} at ${pathOf(page)}`;
	const cur = await texts(page, `${MENU} a[aria-current="page"]`);
	if (cur.join() !== label)
		return `aria-current on ${JSON.stringify(cur)}`;
	return true;
}

/* The own-account page: the sessions table has this device, the form its
 * three password fields. */
async function checkMe(page, acct) {
	const h1 = await text(page, 'main h1');
	if (h1 !== 'アカウント')
		return `h1 "${h1}"`;
	const facts = await text(page, 'main dl.facts');
	if (!facts.includes(acct.login))
		return `facts "${facts}"`;
	const rows = await texts(page, 'main table.sessions tbody tr');
	if (rows.length < 1 || !rows.some((r) => r.includes('この端末')))
		return `sessions ${JSON.stringify(rows)}`;
	for (const n of ['current', 'password', 'password2'])
		if (await page.locator(`main form#pw input[name="${n}"][type="password"]`).count() !== 1)
			return `no ${n} field`;
	return true;
}

async function adminRun(browser, acct, vp) {
	const sc = new Scenario(`admin (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('menu アカウント管理 opens the list', async () => {
			const m = await menuTo(page, 'アカウント管理', '/admin/accounts');
			if (m !== true)
				return m;
			const logins = await texts(page, 'main table.accounts tbody td:first-child');
			if (!logins.includes(acct.login))
				return `logins ${JSON.stringify(logins)}`;
			const heads = await texts(page, 'main table.accounts thead th');
			if (heads.join(',') !== 'ログインID,氏名,職員番号,所属,権限,状態,二要素認証,最終ログイン,ログイン中')
				return `headers ${JSON.stringify(heads)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'accounts-list', watch);
		await sc.step('searching "staff" finds the demo staff account', async () => {
			await page.fill('main form[role="search"] #q', 'staff');
			const r = await follow(page, () => page.click('main form[role="search"] button[type="submit"]'));
			if (!r || r.status() !== 200 || pathOf(page) !== '/admin/accounts?q=staff&unit=&role=&state=')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const logins = await texts(page, 'main table.accounts tbody td:first-child');
			if (!logins.includes('staff'))
				return `logins ${JSON.stringify(logins)}`;
			return true;
		}, true);
		await sc.step('the name opens the account page with its facts and forms', async () => {
			const row = page.locator('main table.accounts tbody tr', { has: page.locator('td:first-child', { hasText: /^staff$/ }) });
			const r = await follow(page, () => row.locator('a').first().click());
			if (!r || r.status() !== 200 || !/^\/admin\/accounts\/\d+$/.test(pathOf(page)))
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const h1 = await text(page, 'main h1');
			if (!h1.endsWith('（staff）'))
				return `h1 "${h1}"`;
			for (const a of ['role', 'disable', 'reset', 'sessions'])
				if (await page.locator(`main form[action$="/${a}"] button[type="submit"]`).count() !== 1)
					return `no ${a} form`;
			const role = await page.locator('main #f-role').inputValue();
			if (role !== 'general')
				return `role select "${role}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'accounts-show', watch);
		await sc.step('/account shows this device and the password form', async () => {
			const r = await page.goto(BASE + '/account');
			if (!r || r.status() !== 200)
				return `status ${r && r.status()}`;
			return checkMe(page, acct);
		}, true);
		await pageChecks(sc, page, vp, 'account-me', watch);
		await sc.step('a wrong current password: 400, linked error summary, field marked', async () => {
			await page.fill('main form#pw #f-current', 'not-the-password');
			await page.fill('main form#pw #f-password', 'Browser-test-new-pass!');
			await page.fill('main form#pw #f-password2', 'Browser-test-new-pass!');
			const r = await follow(page, () => page.click('main form#pw button[type="submit"]'));
			if (!r || r.status() !== 400)
				return `status ${r && r.status()}`;
			const summary = await text(page, 'main form#pw div.alert[role="alert"]');
			if (!summary.includes('現在のパスワード: 正しくありません'))
				return `summary "${summary}"`;
			if (await page.getAttribute('main form#pw div.alert[role="alert"] a', 'href') !== '#f-current')
				return 'the summary does not link to the field';
			if (await page.getAttribute('main #f-current', 'aria-invalid') !== 'true')
				return 'the field is not marked invalid';
			return true;
		});
		await pageChecks(sc, page, vp, 'account-me-error', watch);
		/* the right current password (which also forgets the failure
		 * above: it counts like a failed sign-in) with a confirmation
		 * that differs: refused, nothing changed */
		await sc.step('a confirmation that differs: 400, the confirmation field marked', async () => {
			await page.fill('main form#pw #f-current', acct.password);
			await page.fill('main form#pw #f-password', 'Browser-test-new-pass!');
			await page.fill('main form#pw #f-password2', 'Browser-test-other-pass!');
			const r = await follow(page, () => page.click('main form#pw button[type="submit"]'));
			if (!r || r.status() !== 400)
				return `status ${r && r.status()}`;
			const summary = await text(page, 'main form#pw div.alert[role="alert"]');
			if (!summary.includes('新しいパスワードと一致しません'))
				return `summary "${summary}"`;
			if (await page.getAttribute('main #f-password2', 'aria-invalid') !== 'true')
				return 'the field is not marked invalid';
			return true;
		});
	} finally {
		await context.close();
		sc.flush();
	}
}

async function staffRun(browser, acct, vp) {
	const sc = new Scenario(`general (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('menu アカウント設定 opens /account', async () => {
			const m = await menuTo(page, 'アカウント設定', '/account');
			return m !== true ? m : checkMe(page, acct);
		}, true);
		await pageChecks(sc, page, vp, 'account-me-general', watch);
		await sc.step('no アカウント管理 in the menu, and the page is refused', async () => {
			const m = await texts(page, `${MENU} a`);
			if (m.includes('アカウント管理'))
				return `menu ${JSON.stringify(m)}`;
			const r = await page.goto(BASE + '/admin/accounts');
			return r && r.status() === 403 ? true : `status ${r && r.status()}`;
		});
	} finally {
		await context.close();
		sc.flush();
	}
}

run('account admin browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const admin = accounts.find((a) => a.role === 'admin');
	const staff = accounts.find((a) => a.role === 'general');
	if (!emit(admin && staff, 'the demo accounts have an admin and a general account',
	    `roles: "${accounts.map((a) => a.role).join(' ')}"`))
		return;
	/* one sign-in at a time: sign-ins are bounded (a storm gets "wait") */
	for (const vp of VIEWPORTS)
		await adminRun(browser, admin, vp);
	for (const vp of VIEWPORTS)
		await staffRun(browser, staff, vp);
});
