#!/usr/bin/env node
/* Browser tests for the duty register (事務分掌), at a phone and a desktop
 * width: hr creates a duty in 住民記録係, assigns two staff (D0002 主担当,
 * D0005 副担当), adds a task for D0002; then D0002 (the `staff` account)
 * updates its progress on 担当タスク and sees it on the unit's timeline.
 * The workload and risk pages are visited too. Every page: screenshot, axe
 * (WCAG 2.1 A/AA), no horizontal scrolling at 360 px, no console errors.
 *
 * Writes to the instance it runs against: one duty (with assignments and a
 * task) per width, named with the run's time. Environment: lib/harness.js.
 */
'use strict';

const {
	BASE, VAR, VIEWPORTS, emit, Scenario,
	readAccounts, pathOf, text, texts, pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const UNIT = { code: '201020', name: '住民記録係' };
const MAIN = { no: 'D0002', name: '釧路 太郎' };
const SUB = { no: 'D0005', name: '森田 美咲' };

function iso(d) {
	return d.toISOString().slice(0, 10);
}

async function hrRun(browser, acct, vp, names) {
	const sc = new Scenario(`hr ${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in', () => login(page, acct), true);
		await sc.step('the register of 住民記録係 opens from the menu', async () => {
			await follow(page, () => page.click('nav[aria-label="メインメニュー"] a:text-is("事務分掌")'));
			const r = await page.goto(`${BASE}/duties?unit=${UNIT.code}`);
			if (r.status() !== 200)
				return `status ${r.status()}`;
			const h = await text(page, 'main h1');
			if (!h.includes(UNIT.name))
				return `heading "${h}"`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'duties-register', watch);
		await sc.step('create a duty', async () => {
			await follow(page, () => page.click('main a.button:text-is("業務を登録")'));
			await page.fill('#f-name', names.duty);
			await page.fill('#f-legal_basis', '住民基本台帳法');
			await page.fill('#f-workload', '0.5');
			await page.fill('#f-description', 'ブラウザ試験で登録した業務です。');
			const r = await follow(page, () => page.click('main form button[type="submit"]'));
			if (r.status() !== 200 || !/^\/duties\/\d+/.test(pathOf(page)))
				return `status ${r.status()} at ${pathOf(page)}`;
			if (await text(page, 'main h1') !== names.duty)
				return `heading "${await text(page, 'main h1')}"`;
			names.href = new URL(page.url()).pathname;
			return true;
		}, true);
		for (const [who, role, share] of [[MAIN, '主担当', '0.5'], [SUB, '副担当', '0.25']]) {
			await sc.step(`assign ${who.name} as ${role}`, async () => {
				await page.selectOption('#f-staff', who.no);
				await page.selectOption('#f-role', role);
				await page.fill('#f-share', share);
				const r = await follow(page, () => page.click('main form[action$="/assign"] button[type="submit"]'));
				if (r.status() !== 200)
					return `status ${r.status()}: ${await texts(page, 'main [role="alert"]')}`;
				const rows = await texts(page, 'main table.assign-table tbody tr');
				if (!rows.some((x) => x.includes(who.name) && x.includes(role) && x.includes(share)))
					return `rows: ${rows.join(' | ')}`;
				return true;
			});
		}
		await sc.step('add a task for the 主担当', async () => {
			const today = new Date();
			await page.fill('#f-title', names.task);
			await page.fill('#f-start_date', iso(today));
			await page.fill('#f-due_date', iso(new Date(today.getTime() + 30 * 86400000)));
			await page.check(`main form[action$="/tasks"] input[name="assignee"][value="${MAIN.no}"]`);
			const r = await follow(page, () => page.click('main form[action$="/tasks"] button[type="submit"]'));
			if (r.status() !== 200)
				return `status ${r.status()}: ${await texts(page, 'main [role="alert"]')}`;
			const tasks = await texts(page, 'main ul.task-list li');
			if (!tasks.some((x) => x.includes(names.task) && x.includes(MAIN.name)))
				return `tasks: ${tasks.join(' | ')}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'duty-show', watch);
		for (const [p, name] of [['workload', 'duties-workload'], ['risks', 'duties-risks']]) {
			await sc.step(`${p} page of 市民課`, async () => {
				const r = await page.goto(`${BASE}/duties/${p}?unit=2010`);
				if (r.status() !== 200)
					return `status ${r.status()}`;
				return true;
			});
			await pageChecks(sc, page, vp, name, watch);
		}
	} finally {
		await context.close();
		sc.flush();
	}
}

async function staffRun(browser, acct, vp, names) {
	const sc = new Scenario(`staff ${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in', () => login(page, acct), true);
		await sc.step('担当タスク lists the new task', async () => {
			await follow(page, () => page.click('nav[aria-label="メインメニュー"] a:text-is("担当タスク")'));
			const tasks = await texts(page, 'main ul.task-list li');
			if (!tasks.some((x) => x.includes(names.task)))
				return `tasks: ${tasks.slice(0, 5).join(' | ')}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'my-tasks', watch);
		await sc.step('update its progress to 60%', async () => {
			const li = page.locator('main ul.task-list li', { hasText: names.task });
			await li.locator('input[name="progress"]').fill('60');
			await li.locator('select[name="status"]').selectOption('進行中');
			const r = await follow(page, () => li.locator('button[type="submit"]').click());
			if (r.status() !== 200 || pathOf(page) !== '/tasks?saved=progress')
				return `status ${r.status()} at ${pathOf(page)}`;
			const after = await text(page, `main ul.task-list li:has-text("${names.task}") .task-progress`);
			if (!after.includes('60%'))
				return `progress "${after}"`;
			return true;
		});
		await sc.step('the timeline of 住民記録係 shows the task with its progress', async () => {
			const r = await page.goto(`${BASE}/duties/timeline?unit=${UNIT.code}`);
			if (r.status() !== 200)
				return `status ${r.status()}`;
			const row = page.locator('main .gantt-row', { hasText: names.task });
			if (await row.count() !== 1)
				return `${await row.count()} rows for the task`;
			const label = await row.locator('.gantt-label').innerText();
			if (!label.includes('60%') || !label.includes(MAIN.name))
				return `label "${label}"`;
			const w = Number(await row.locator('rect.bar').getAttribute('width'));
			const done = Number(await row.locator('rect.done').getAttribute('width'));
			if (!(w >= 30 && Math.abs(done - w * 0.6) < 1))
				return `bar ${w} days, done ${done}`;
			const box = await row.locator('svg').boundingBox();
			if (!box || box.width < 200)
				return `the bar is ${box && box.width} px wide`;
			return true;
		});
		await pageChecks(sc, page, vp, 'duties-timeline', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

run('duties browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const general = accounts.find((a) => a.role === 'general');
	const hr = accounts.find((a) => a.role === 'hr');
	if (!emit(general && hr, `${VAR}/demo-accounts.txt has a general and an hr account`))
		return;
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	/* one width after the other: the same task list is read and written */
	for (const vp of VIEWPORTS) {
		const names = { duty: `試験業務${vp.tag}-${stamp}`, task: `試験タスク${vp.tag}-${stamp}` };
		await hrRun(browser, hr, vp, names);
		await staffRun(browser, general, vp, names);
	}
});
