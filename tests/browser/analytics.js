#!/usr/bin/env node
/* Browser tests for 分析 (/analytics): as `hr`, every dashboard page at a
 * phone and a desktop width (screenshot, axe-core WCAG 2.1 A/AA, no
 * horizontal scrolling at 360 px, no console errors), charts drawn as
 * inline SVG with a title, a description and a data table, drilling down
 * into a unit from the table, and the CSV link; as `staff` (not a unit head)
 * no menu entry and a refusal.
 *
 * Plain Node, TAP on stdout (ending with the plan line), exit 1 on failure.
 * Environment: see lib/harness.js.
 */
'use strict';

const {
	BASE, VIEWPORTS, MENU, Scenario, readAccounts, pathOf, param, text, texts, pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const PAGES = [
	{ label: '人員構成', path: '/analytics', name: 'analytics', charts: ['units', 'etype', 'position', 'jobtype', 'age', 'average', 'service', 'post'] },
	{ label: '採用・退職', path: '/analytics/flow', name: 'analytics-flow', charts: ['flow', 'retire'] },
	{ label: '人事評価', path: '/analytics/eval', name: 'analytics-eval', charts: ['evalyear', 'evalunit'] },
	{ label: '育成', path: '/analytics/dev', name: 'analytics-dev', charts: ['training', 'quals', 'skills'] },
	{ label: '2時点の比較', path: '/analytics/compare', name: 'analytics-compare', charts: ['compare'] },
	{ label: 'クロス集計', path: '/analytics/crosstab', name: 'analytics-crosstab', charts: ['crosstab'] },
];

/* Each chart section: an SVG with role=img named by its <title> and <desc>,
 * and a table with a caption; returns true or a failure text. */
async function chartsOk(page, keys) {
	for (const k of keys) {
		const sec = page.locator(`section[aria-labelledby="h-${k}"]`);
		if (await sec.count() !== 1)
			return `no section for chart ${k}`;
		if (await sec.locator('table caption').count() !== 1)
			return `chart ${k}: no table with a caption`;
		if (await sec.locator(`a[href^="/analytics/${k}.csv?"]`).count() !== 1)
			return `chart ${k}: no CSV link`;
		const svg = sec.locator('svg.chart');
		if (await svg.count() === 0)
			continue;	/* table-only (cross-tab) */
		const ok = await svg.evaluate((s) => s.getAttribute('role') === 'img' &&
			!!s.querySelector('title') && !!s.querySelector('desc') &&
			(s.getAttribute('aria-labelledby') || '').split(' ').every((id) => document.getElementById(id)) &&
			s.querySelectorAll('rect').length > 0);
		if (!ok)
			return `chart ${k}: the SVG lacks role=img, <title>/<desc> or bars`;
	}
	return true;
}

async function hrRun(browser, acct, vp) {
	const sc = new Scenario(`hr ${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('logs in', () => login(page, acct), true);
		await sc.step('menu has 分析', async () => {
			const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: '分析' }).first().click());
			if (!r || r.status() !== 200 || pathOf(page) !== '/analytics')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			return true;
		}, true);
		for (const p of PAGES) {
			await sc.step(`${p.label}: opens from the tabs`, async () => {
				const r = await follow(page, () => page.locator('nav.ana-nav a', { hasText: p.label }).first().click());
				if (!r || r.status() !== 200 || new URL(page.url()).pathname !== p.path)
					return `status ${r && r.status()} at ${pathOf(page)}`;
				const cur = await texts(page, 'nav.ana-nav a[aria-current="page"]');
				if (cur.join() !== p.label)
					return `aria-current on ${JSON.stringify(cur)}`;
				return true;
			}, true);
			await sc.step(`${p.label}: every chart has an SVG, a described title, a table and CSV`, () => chartsOk(page, p.charts));
			await pageChecks(sc, page, vp, `${p.name}`, watch);
		}
		await sc.step('drill down: a unit in the table opens that unit', async () => {
			await page.goto(BASE + '/analytics');
			const link = page.locator('section[aria-labelledby="h-units"] table tbody th a').first();
			const name = (await link.textContent()).trim();	/* inside a closed <details> */
			const r = await follow(page, async () => {
				await page.locator('section[aria-labelledby="h-units"] summary').click();
				await link.click();
			});
			if (!r || r.status() !== 200 || !param(page, 'unit'))
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const h = await text(page, 'main h1 .sub');
			if (!h.startsWith(name))
				return `heading "${h}" does not name ${name}`;
			const crumb = await texts(page, 'nav.crumbs li');
			if (crumb[0] !== '市全体' || crumb[crumb.length - 1] !== name)
				return `crumbs ${JSON.stringify(crumb)}, want 市全体 … ${JSON.stringify(name)}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'analytics-unit', watch);
		await sc.step('the date picker takes a 和暦 date', async () => {
			await page.fill('form.picker #date', 'R3.4.1');
			const r = await follow(page, () => page.click('form.picker button[type="submit"]'));
			if (!r || r.status() !== 200 || param(page, 'date') !== 'R3.4.1')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const h = await text(page, 'main h1 .sub');
			if (!h.includes('2021-04-01'))
				return `heading "${h}"`;
			return true;
		});
		await sc.step('CSV downloads as UTF-8 with BOM', async () => {
			const href = await page.locator('section[aria-labelledby="h-units"] p.csv a').getAttribute('href');
			const res = await page.request.get(BASE + href);
			const body = await res.body();
			if (res.status() !== 200 || !/text\/csv/.test(res.headers()['content-type']))
				return `status ${res.status()} ${res.headers()['content-type']}`;
			if (body[0] !== 0xef || body[1] !== 0xbb || body[2] !== 0xbf)
				return 'no BOM';
			return true;
		});
	} finally {
		sc.flush();
		await context.close();
	}
}

async function staffRun(browser, acct, vp) {
	const sc = new Scenario(`staff ${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('logs in', () => login(page, acct), true);
		await sc.step('no 分析 in the menu (not a unit head)', async () => {
			const m = await texts(page, `${MENU} a`);
			if (m.includes('分析'))
				return `menu ${JSON.stringify(m)}`;
			return true;
		});
		await sc.step('/analytics is refused with a reason', async () => {
			const r = await page.goto(BASE + '/analytics');
			if (!r || r.status() !== 403)
				return `status ${r && r.status()}`;
			const msg = await text(page, 'main');
			if (!msg.includes('所属長'))
				return `message "${msg.slice(0, 200)}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'analytics-denied', watch);
	} finally {
		sc.flush();
		await context.close();
	}
}

run('analytics browser tests', async (browser) => {
	const accts = readAccounts();
	const hr = accts.find((a) => a.role === 'hr');
	const staff = accts.find((a) => a.role === 'general');
	for (const vp of VIEWPORTS) {
		await hrRun(browser, hr, vp);
		await staffRun(browser, staff, vp);
	}
});
