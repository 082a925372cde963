#!/usr/bin/env node
/* Browser tests for HR's organisation screens (/admin/org) and the
 * correction of registered 発令 (/staff/:id/appointments/:aid), at a phone
 * and a desktop width: reach them from the menu, create a unit for a future
 * date, rename it, see a clear error for a bad input, open the correction
 * form of one of D0006's 発令. Every page gets the harness's checks
 * (screenshot, axe WCAG 2.1 A/AA, no horizontal scrolling at 360 px, no
 * console errors).
 *
 * The test adds one unit per run and width (codes Z<time><width>) under
 * 総務部 from 2035-04-01, far from every other test's dates.
 *
 * Environment: see lib/harness.js.
 */
'use strict';

const {
	VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, texts, pageChecks,
	newPage, follow, login, run,
} = require('./lib/harness');

const PARENT = '10';		/* 総務部 */
const FROM = '2035-04-01';
const OTHER_NO = 'D0006';

async function orgRun(browser, acct, vp) {
	const sc = new Scenario(`hr org @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	const code = `Z${String(Date.now() % 100000000)}${vp.tag === '360' ? 'P' : 'D'}`;
	try {
		await sc.step('log in', () => login(page, acct), true);
		await sc.step('組織管理 in the menu opens the organisation list', async () => {
			await follow(page, () => page.locator(`${MENU} a`, { hasText: '組織管理' }).click());
			if (pathOf(page) !== '/admin/org')
				return `at ${pathOf(page)}`;
			const h2 = await texts(page, 'main h2');
			if (!h2.some((t) => t.includes('時点の組織')) || !h2.includes('所属の新設'))
				return `h2 ${JSON.stringify(h2)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'orgadmin-list', watch);
		await sc.step('a bad code is refused with the field named', async () => {
			await page.fill('#f-code', 'x y');
			await page.fill('#f-name', '試験課');
			await page.fill('#f-sort_order', '90');
			await page.fill('#f-date', FROM);
			const r = await follow(page, () => page.locator('main form button', { hasText: '新設を登録' }).click());
			const alert = await text(page, 'main [role="alert"]');
			if (r.status() !== 400 || !alert.includes('所属コード'))
				return `status ${r.status()}, alert "${alert}"`;
			if (await page.getAttribute('#f-code', 'aria-invalid') !== 'true')
				return 'the field is not marked invalid';
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'orgadmin-error', watch);
		await sc.step(`a new 課 under 総務部 from ${FROM} (和暦 input) is created`, async () => {
			await page.fill('#f-code', code);
			await page.selectOption('#f-parent', PARENT);
			await page.selectOption('#f-kind', '課');
			await page.fill('#f-date', 'R17.4.1');
			const r = await follow(page, () => page.locator('main form button', { hasText: '新設を登録' }).click());
			if (r.status() !== 200 || !pathOf(page).startsWith(`/admin/org/${code}`))
				return `status ${r.status()} at ${pathOf(page)}`;
			if (await text(page, 'main p.ok[role="status"]') !== '所属を新設しました。')
				return `message "${await text(page, 'main p.ok')}"`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'orgadmin-unit', watch);
		await sc.step('renaming it from a later date keeps both names in its history', async () => {
			await page.fill('#c-date', '2036-04-01');
			await page.fill('#c-name', '試験改称課');
			await follow(page, () => page.locator('main form button', { hasText: '変更を登録' }).click());
			const rows = await texts(page, 'main section[aria-labelledby="h-hist"] tbody tr');
			if (rows.length !== 2 || !rows[0].includes('試験課') || !rows[1].includes('試験改称課'))
				return `history ${JSON.stringify(rows)}`;
			return true;
		});
		await sc.step(`the correction form of a 発令 of ${OTHER_NO} opens from the edit page`, async () => {
			await page.goto(`${new URL(page.url()).origin}/staff?q=${OTHER_NO}`);
			await follow(page, () => page.locator('main ul.faces li.face a').first().click());
			await follow(page, () => page.locator('main header.person .actions a', { hasText: '編集' }).click());
			const links = page.locator('#appts a', { hasText: '修正・取消' });
			if (await links.count() < 1)
				return 'no 修正・取消 link';
			await follow(page, () => links.first().click());
			const h = await texts(page, 'main h2');
			if (!/\/appointments\/\d+$/.test(pathOf(page)) || !h.includes('修正') || !h.includes('取消'))
				return `at ${pathOf(page)}, h2 ${JSON.stringify(h)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'appointment-form', watch);
		await sc.step('取消 without the confirmation box is refused, nothing changes', async () => {
			const r = await follow(page, () => page.locator('main form button', { hasText: '発令を取り消す' }).click());
			const alert = await text(page, 'main [role="alert"]');
			if (r.status() !== 400 || !alert.includes('確認欄'))
				return `status ${r.status()}, alert "${alert}"`;
			return true;
		});
	} finally {
		sc.flush();
		await context.close();
	}
}

run('organisation browser tests', async (browser) => {
	const hr = readAccounts().find((a) => a.role === 'hr');
	if (!emit(hr, 'the demo accounts include hr'))
		return;
	await Promise.all(VIEWPORTS.map((vp) => orgRun(browser, hr, vp)));
});
