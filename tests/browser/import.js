#!/usr/bin/env node
/* Browser tests for the bulk import screen (/admin/import): HR opens it from
 * the menu, downloads an export, uploads a CSV file, sees the preview (counts
 * and, for a bad file, every error with line, column, value and reason),
 * commits exactly the previewed file and sees it in the history; at a phone
 * and a desktop width. Every page is screenshotted and checked with axe-core,
 * for console errors and, at 360 px, for horizontal scrolling.
 *
 * Writes to the instance it runs against: one 資格 row for D0005 per run and
 * width (acquired on a date drawn per run). Environment: see lib/harness.js.
 */
'use strict';

const {
	VIEWPORTS, MENU, emit, Scenario, readAccounts, pathOf, text, texts, pageChecks,
	newPage, follow, login, run, BASE,
} = require('./lib/harness');

const STAFF_NO = 'D0005';

async function openImport(page) {
	const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: '一括取込・出力' }).first().click());
	if (!r || r.status() !== 200 || pathOf(page) !== '/admin/import')
		throw new Error(`menu: status ${r && r.status()} at ${pathOf(page)}`);
	return true;
}

async function upload(page, kind, name, body) {
	const form = page.locator('main form[action="/admin/import"]');
	await form.locator('select[name="kind"]').selectOption(kind);
	await form.locator('input[name="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') });
	return follow(page, () => form.locator('button[type="submit"]', { hasText: 'プレビュー' }).click());
}

async function count(page, id) {
	return text(page, `#c-${id}`);
}

async function hrRun(browser, acct, vp) {
	const sc = new Scenario(`hr ${vp.tag}px`);
	const { context, page, watch } = await newPage(browser, vp);
	/* a date no earlier run used (most likely): one of ~7,000 days */
	const day = new Date(Date.UTC(1990, 0, 1) + (Math.floor(Date.now() / 1000) % 7000 + (vp.tag === '360' ? 0 : 7001)) * 86400000);
	const acquired = day.toISOString().slice(0, 10);
	const file = `quals-${vp.tag}.csv`;
	let qcode = '';
	try {
		await sc.step('logs in', () => login(page, acct), true);
		await sc.step('opens 一括取込・出力 from the menu', () => openImport(page), true);
		await pageChecks(sc, page, vp, 'import-form', watch);
		await sc.step('downloads the 資格 export (BOM, import headers)', async () => {
			const r = await context.request.get(BASE + '/admin/export/qualifications.csv');
			const buf = await r.body();
			if (r.status() !== 200 || !(r.headers()['content-disposition'] || '').includes('attachment'))
				return `status ${r.status()}, disposition ${r.headers()['content-disposition']}`;
			if (buf[0] !== 0xef || buf[1] !== 0xbb || buf[2] !== 0xbf)
				return 'no UTF-8 BOM';
			const lines = buf.toString('utf8').slice(1).split('\r\n');
			if (lines[0] !== '職員番号,資格コード,取得日,有効期限,登録番号')
				return `header "${lines[0]}"`;
			qcode = lines[1].split(',')[1];
			return true;
		}, true);
		await sc.step('uploads a file and sees the preview: 1 new, nothing stored yet', async () => {
			const r = await upload(page, 'qualifications', file,
			    `職員番号,資格コード,取得日,登録番号\r\n${STAFF_NO},${qcode},${acquired},ブラウザ試験${vp.tag}\r\n`);
			if (r.status() !== 200)
				return `status ${r.status()}`;
			const h = await text(page, '#r-title');
			if (h !== 'プレビュー（まだ取り込まれていません）')
				return `heading "${h}"`;
			const c = [await count(page, 'created'), await count(page, 'updated'), await count(page, 'errors')];
			if (c.join(' ') !== '1 0 0')
				return `created/updated/errors ${c.join(' ')}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'import-preview', watch);
		await sc.step('commits the previewed file and sees it in the history', async () => {
			const r = await follow(page, () => page.locator('main button', { hasText: 'この内容で取込を確定する' }).click());
			if (r.status() !== 200 || !/^\/admin\/import\/[0-9]+\/commit$/.test(pathOf(page)))
				return `status ${r.status()} at ${pathOf(page)}`;
			if (await text(page, '#r-title') !== '取込を確定しました')
				return `heading "${await text(page, '#r-title')}"`;
			if (!(await text(page, 'main p.ok[role="status"]')).startsWith('取込番号'))
				return 'no confirmation';
			const rows = await texts(page, 'main table.import-history tbody tr');
			const mine = rows.find((t) => t.includes(file) && t.includes('確定'));
			if (!mine || !mine.includes(acct.login))
				return `history: ${JSON.stringify(rows.slice(0, 3))}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'import-committed', watch);
		await sc.step('the same file again: 0 new, 1 unchanged', async () => {
			await upload(page, 'qualifications', file,
			    `職員番号,資格コード,取得日,登録番号\r\n${STAFF_NO},${qcode},${acquired},ブラウザ試験${vp.tag}\r\n`);
			const c = [await count(page, 'created'), await count(page, 'unchanged')];
			if (c.join(' ') !== '0 1')
				return `created/unchanged ${c.join(' ')}`;
			return true;
		});
		await sc.step('a bad file lists every error (line, column, value, reason) and offers no commit', async () => {
			await upload(page, 'qualifications', 'bad.csv',
			    `職員番号,資格コード,取得日\r\nNOSUCH,${qcode},2020-04-01\r\n${STAFF_NO},${qcode},H31.5.1\r\n`);
			const rows = await texts(page, 'main table.import-errors tbody tr');
			const want = ['2 職員番号 NOSUCH この職員番号の職員は登録されていません', '3 取得日 H31.5.1 元号の期間外の日付です'];
			for (const w of want)
				if (!rows.some((t) => t.replace(/\s+/g, ' ').startsWith(w)))
					return `missing "${w}" in ${JSON.stringify(rows)}`;
			if (await page.locator('main form[action$="/commit"]').count() !== 0)
				return 'a commit button is offered';
			if (!(await text(page, 'main p.alert[role="alert"]')).startsWith('2件のエラー'))
				return `alert "${await text(page, 'main p.alert[role="alert"]')}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'import-errors', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

async function staffRun(browser, acct, vp) {
	const sc = new Scenario(`staff ${vp.tag}px`);
	const { context, page } = await newPage(browser, vp);
	try {
		await sc.step('logs in', () => login(page, acct), true);
		await sc.step('has no 一括取込・出力 menu entry and gets 403 for the page and exports', async () => {
			if (await page.locator(`${MENU} a`, { hasText: '一括取込・出力' }).count() !== 0)
				return 'menu entry shown';
			const r = await page.goto(BASE + '/admin/import');
			const x = await context.request.get(BASE + '/admin/export/evaluations.csv');
			if (r.status() !== 403 || x.status() !== 403)
				return `page ${r.status()}, export ${x.status()}`;
			return true;
		});
	} finally {
		await context.close();
		sc.flush();
	}
}

run('import browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const hr = accounts.find((a) => a.role === 'hr');
	const general = accounts.find((a) => a.role === 'general');
	if (!emit(hr && general, 'demo accounts include hr and general'))
		return;
	await Promise.all(VIEWPORTS.map(async (vp) => {
		await hrRun(browser, hr, vp);
		await staffRun(browser, general, vp);
	}));
});
