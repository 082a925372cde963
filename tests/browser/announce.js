#!/usr/bin/env node
/* Browser tests for お知らせ (/admin/announce, cgi/h_announce.c): admin
 * opens お知らせ from the menu, posts an announcement running from yesterday
 * to tomorrow; the general demo account sees it on its home page at a phone
 * and a desktop width; admin then deletes it. Every page visited is
 * screenshotted and checked with axe-core (WCAG 2.1 A/AA) and, at 360 px,
 * for horizontal scrolling. Leaves nothing behind (the announcement is
 * deleted). Environment: see lib/harness.js.
 */
'use strict';

const {
	BASE, VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, texts,
	pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const TITLE = `システム停止のお知らせ ${process.pid}`;

function local(days) {
	const d = new Date(Date.now() + days * 86400000);
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function adminPost(browser, acct, vp) {
	const sc = new Scenario(`admin posts an announcement @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('menu お知らせ opens /admin/announce', async () => {
			const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: 'お知らせ' }).first().click());
			return r && r.status() === 200 && new URL(page.url()).pathname === '/admin/announce' ?
			    true : `status ${r && r.status()} at ${pathOf(page)}`;
		}, true);
		await pageChecks(sc, page, vp, 'announce-admin', watch);
		await sc.step('posting one from yesterday to tomorrow lists it as 掲載中', async () => {
			await page.fill('#an-title', TITLE);
			await page.fill('#an-body', '12月6日 18:00〜20:00 は更新作業のため利用できません。');
			await page.fill('#an-starts', local(-1));
			await page.fill('#an-ends', local(1));
			const r = await follow(page, () => page.locator('main form.card button[type="submit"]').click());
			if (!r || r.status() !== 200)
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const st = await text(page, 'main p[role="status"]');
			const rows = await texts(page, 'main table tbody tr');
			return st.includes('登録しました') && rows.some((t) => t.includes(TITLE) && t.includes('掲載中')) ?
			    true : `status "${st}" rows ${JSON.stringify(rows)}`;
		}, true);
		await pageChecks(sc, page, vp, 'announce-admin-added', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

async function staffHome(browser, acct, vp) {
	const sc = new Scenario(`general sees it on home @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('home shows the announcement under システムのお知らせ', async () => {
			await page.goto(BASE + '/');
			const h = await text(page, 'main section.announce h2');
			const t = await texts(page, 'main section.announce h3');
			return h === 'システムのお知らせ' && t.includes(TITLE) ? true : `h2 "${h}" titles ${JSON.stringify(t)}`;
		});
		await pageChecks(sc, page, vp, 'announce-home', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

async function adminDelete(browser, acct, vp) {
	const sc = new Scenario(`admin deletes it @${vp.tag}`);
	const { context, page } = await newPage(browser, vp);
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('削除 removes it from the list', async () => {
			await page.goto(BASE + '/admin/announce');
			const row = page.locator('main table tbody tr', { hasText: TITLE });
			const r = await follow(page, () => row.locator('button').click());
			const rows = await texts(page, 'main table tbody tr');
			return r && r.status() === 200 && !rows.some((t) => t.includes(TITLE)) ?
			    true : `status ${r && r.status()} rows ${JSON.stringify(rows)}`;
		});
	} finally {
		await context.close();
		sc.flush();
	}
}

run('announcement browser tests', async (browser) => {
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
	await adminPost(browser, admin, VIEWPORTS[VIEWPORTS.length - 1]);
	for (const vp of VIEWPORTS)
		await staffHome(browser, staff, vp);
	await adminDelete(browser, admin, VIEWPORTS[VIEWPORTS.length - 1]);
});
