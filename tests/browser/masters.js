#!/usr/bin/env node
/* Browser tests for マスタ管理 (/admin/masters, cgi/h_masters.c) as `hr`
 * (D0001), at a phone and a desktop width: HR opens the screens from the
 * menu, gets field errors for a bad code (summary with role="alert" linking
 * to the field), adds a qualification, adds a skill under a parent, edits a
 * position's 序列 (and puts it back), and deletes what it added. Every page
 * visited is screenshotted and checked with axe-core (WCAG 2.1 A/AA), for
 * console errors and, at 360 px, for horizontal scrolling.
 *
 * Writes to the instance it runs against: per width one qualification and
 * two skills with run-unique codes (deleted again at the end) and, for a
 * moment, the 序列 of 専門員. Run it against your own instance.
 *
 * Environment: see lib/harness.js.
 */
'use strict';

const {
	BASE, VIEWPORTS, MENU, emit, Scenario, exclusive,
	readAccounts, pathOf, text, texts, pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const POSITION = { code: 'senmonin', name: '専門員' };
const PARENT_SKILL = 'ICT';
const MSG_BAD_CODE = 'コード: 半角英数字と - _ だけで入力してください';

/* The list's rows as objects keyed by the column headers. */
async function tableRows(page) {
	return page.$$eval('main table.master-rows', ([t]) => {
		const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
		return [...t.querySelectorAll('tbody tr')].map((tr) => {
			const o = {};
			[...tr.children].forEach((c, i) => { o[heads[i]] = c.textContent.replace(/\s+/g, ' ').trim(); });
			const a = tr.querySelector('a');
			o.href = a ? a.getAttribute('href') : '';
			o.indent = tr.children[1] ? tr.children[1].className : '';
			return o;
		});
	});
}

async function go(page, path) {
	const r = await page.goto(BASE + path);
	if (!r || r.status() !== 200)
		throw new Error(`GET ${path}: status ${r && r.status()}`);
}

/* Fills the add form (#add) and submits it; returns the response. */
async function addForm(page, fields) {
	const form = page.locator('main form#add');
	for (const [name, value] of Object.entries(fields)) {
		const el = form.locator(`[name="${name}"]`);
		const tag = await el.evaluate((e) => e.tagName.toLowerCase() + (e.type === 'checkbox' ? ':check' : ''));
		if (tag === 'select')
			await el.selectOption({ label: value });
		else if (tag === 'input:check')
			await el.setChecked(!!value);
		else
			await el.fill(value);
	}
	return follow(page, () => form.locator('button[type="submit"]').click());
}

async function savedStatus(page) {
	return text(page, 'main p.ok[role="status"]');
}

/* Deletes a row through its edit page's delete button. */
async function deleteByEdit(page, kind, code) {
	await go(page, `/admin/masters/${kind}/${code}`);
	const r = await follow(page, () => page.locator('main form[action$="/delete"] button').click());
	if (!r || r.status() !== 200 || pathOf(page) !== `/admin/masters/${kind}?saved=deleted&code=${code}`)
		return `status ${r && r.status()} at ${pathOf(page)}`;
	const s = await savedStatus(page);
	if (!s.includes(`「${code}」を削除しました`))
		return `status message "${s}"`;
	return true;
}

async function hrRun(browser, acct, vp) {
	const sc = new Scenario(`hr (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	const run = `${vp.tag}${process.pid % 10000}${Date.now() % 1000}`;
	const qual = { code: `bq${run}`, name: `ブラウザ試験資格${run}`, category: 'ブラウザ試験' };
	const field = { code: `bf${run}`, name: `ブラウザ試験分野${run}` };
	const skill = { code: `bs${run}`, name: `ブラウザ試験スキル${run}` };
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step('menu マスタ管理 opens the index with the seven masters and their counts', async () => {
			const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: 'マスタ管理' }).click());
			if (!r || r.status() !== 200 || pathOf(page) !== '/admin/masters')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			const cur = await texts(page, `${MENU} a[aria-current="page"]`);
			if (cur.join() !== 'マスタ管理')
				return `aria-current on ${JSON.stringify(cur)}`;
			const names = await texts(page, 'main table.masters tbody th[scope="row"]');
			if (names.join(',') !== '職位,職種,級,職員区分,資格,研修,スキル')
				return `masters ${JSON.stringify(names)}`;
			const counts = await texts(page, 'main table.masters tbody td.num');
			if (counts.length !== 7 || !counts.every((c) => /^\d+ 件$/.test(c)) || counts[4] === '0 件')
				return `counts ${JSON.stringify(counts)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'masters-index', watch);

		/* 1. a bad code: the field and the reason */
		await sc.step('資格 opens the list with a captioned table and the add form', async () => {
			await follow(page, () => page.locator('main table.masters a', { hasText: '資格' }).click());
			if (pathOf(page) !== '/admin/masters/qualifications')
				return `at ${pathOf(page)}`;
			const cap = await text(page, 'main table.master-rows caption');
			if (!/^資格の一覧（\d+件）$/.test(cap))
				return `caption "${cap}"`;
			const heads = await texts(page, 'main table.master-rows thead th[scope="col"]');
			if (heads.join(',') !== 'コード,名称,分類,有効期限,使用件数,操作')
				return `headers ${JSON.stringify(heads)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'masters-quals', watch);
		await sc.step('a bad code is refused with 400, a linked error summary and the field marked', async () => {
			const r = await addForm(page, { code: 'bad code!', name: qual.name, category: qual.category });
			if (r.status() !== 400)
				return `status ${r.status()}`;
			const summary = await text(page, 'main div.alert[role="alert"]');
			if (!summary.includes('入力内容を確認してください（1件）') || !summary.includes(MSG_BAD_CODE))
				return `summary "${summary}"`;
			if (await page.getAttribute('main div.alert[role="alert"] a', 'href') !== '#f-code')
				return 'the summary does not link to the field';
			const input = page.locator('main form#add #f-code');
			if (await input.inputValue() !== 'bad code!' || await input.getAttribute('aria-invalid') !== 'true' ||
			    !(await input.getAttribute('aria-describedby')).split(' ').includes('e-code'))
				return `field: value "${await input.inputValue()}", aria-invalid ${await input.getAttribute('aria-invalid')}`;
			if (!(await text(page, '#e-code')).startsWith('半角英数字と - _ だけで入力してください'))
				return `field error "${await text(page, '#e-code')}"`;
			if (await page.locator('main form#add #f-name').inputValue() !== qual.name)
				return 'the other values were not kept';
			await page.click('main div.alert[role="alert"] a');
			const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
			if (focused !== 'f-code')
				return `the summary link focuses "${focused}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'masters-quals-error', watch);

		/* 2. add a qualification */
		await sc.step('HR adds the qualification with a good code', async () => {
			const r = await addForm(page, { code: qual.code, has_expiry: true });
			if (r.status() !== 200 || pathOf(page) !== `/admin/masters/qualifications?saved=created&code=${qual.code}`)
				return `status ${r.status()} at ${pathOf(page)}`;
			const s = await savedStatus(page);
			if (!s.includes(`「${qual.code}」を登録しました`))
				return `status message "${s}"`;
			const row = (await tableRows(page)).find((x) => x['コード'] === qual.code);
			if (!row || row['名称'] !== qual.name || row['分類'] !== qual.category || row['有効期限'] !== '○' || row['使用件数'] !== '0')
				return `row ${JSON.stringify(row)}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'masters-quals-added', watch);
		await sc.step('the new qualification is a 資格 choice in the 職員名簿 filter at once', async () => {
			await go(page, '/staff');
			const opts = await page.$$eval('select[name="qual"] option', (os) => os.map((o) => [o.value, o.textContent.trim()]));
			if (!opts.some(([v, t]) => v === qual.code && t === qual.name))
				return `${opts.length} options, none is ${qual.code}`;
			return true;
		});

		/* 3. a skill under a parent */
		await sc.step(`HR adds a skill field and a skill under ${PARENT_SKILL} and under the new field`, async () => {
			await go(page, '/admin/masters/skills');
			let r = await addForm(page, { code: field.code, name: field.name, sort_order: '9990' });
			if (r.status() !== 200)
				return `field: status ${r.status()}`;
			r = await addForm(page, { code: skill.code, name: skill.name, parent_code: field.name, sort_order: '1' });
			if (r.status() !== 200 || !pathOf(page).endsWith(`saved=created&code=${skill.code}`))
				return `skill: status ${r.status()} at ${pathOf(page)}`;
			const rows = await tableRows(page);
			const i = rows.findIndex((x) => x['コード'] === field.code);
			const child = rows[i + 1];
			if (i < 0 || !child || child['コード'] !== skill.code || child['親スキル'] !== field.name || child.indent !== 'd1')
				return `rows after the field: ${JSON.stringify(rows.slice(i, i + 2))}`;
			return true;
		});
		await sc.step('the skill field cannot be moved under its own child (refused by SQL)', async () => {
			await go(page, `/admin/masters/skills/${field.code}`);
			const form = page.locator('main form.card').first();
			const opts = await form.locator('select[name="parent_code"] option').allTextContents();
			if (opts.some((o) => o.trim() === field.name))
				return 'the field itself is offered as its parent';
			await form.locator('select[name="parent_code"]').selectOption(skill.code);
			const r = await follow(page, () => form.locator('button[type="submit"]').click());
			if (r.status() !== 400)
				return `status ${r.status()}`;
			const summary = await text(page, 'main div.alert[role="alert"]');
			if (!summary.includes('親スキル:') || !summary.includes('循環します'))
				return `summary "${summary}"`;
			if (await page.getAttribute('main div.alert[role="alert"] a', 'href') !== '#f-parent_code')
				return 'the summary does not link to the field';
			return true;
		});
		await pageChecks(sc, page, vp, 'masters-skill-cycle', watch);

		/* 4. a position's rank */
		await sc.step(`HR changes the 序列 of ${POSITION.name} and the list follows`, () => exclusive(async () => {
			await go(page, '/admin/masters/positions');
			const before = (await tableRows(page)).find((x) => x['コード'] === POSITION.code);
			if (!before)
				return `no row ${POSITION.code}`;
			await follow(page, () => page.locator(`main a[href="/admin/masters/positions/${POSITION.code}"]`).click());
			const h1 = await text(page, 'main h1');
			if (h1 !== '職位の編集')
				return `h1 "${h1}"`;
			const rank = page.locator('main #f-rank');
			const old = await rank.inputValue();
			if (old !== before['序列'])
				return `form rank ${old}, list ${before['序列']}`;
			await rank.fill(String(+old + 1));
			let r = await follow(page, () => page.locator('main form.card button[type="submit"]').first().click());
			if (r.status() !== 200 || pathOf(page) !== `/admin/masters/positions?saved=updated&code=${POSITION.code}`)
				return `status ${r.status()} at ${pathOf(page)}`;
			const after = (await tableRows(page)).find((x) => x['コード'] === POSITION.code);
			const ok = after && after['序列'] === String(+old + 1) && after['名称'] === POSITION.name;
			await pageChecks(sc, page, vp, 'masters-positions-updated', watch);
			/* put it back */
			await go(page, `/admin/masters/positions/${POSITION.code}`);
			await page.locator('main #f-rank').fill(old);
			r = await follow(page, () => page.locator('main form.card button[type="submit"]').first().click());
			if (!ok)
				return `row after the change ${JSON.stringify(after)}`;
			if (r.status() !== 200)
				return `restoring: status ${r.status()}`;
			return true;
		}));
		await sc.step('a position in use shows its count and its delete is refused with the count', async () => {
			await go(page, `/admin/masters/positions/${POSITION.code}`);
			const note = await text(page, 'main section[aria-labelledby="h-delete"] p.note');
			const m = /発令 (\d+)件で使われています/.exec(note);
			if (!m)
				return `note "${note}"`;
			const r = await follow(page, () => page.locator('main form[action$="/delete"] button').click());
			if (r.status() !== 409)
				return `status ${r.status()}`;
			const alert = await text(page, 'main div.alert[role="alert"]');
			if (!alert.includes(`この職位は発令 ${m[1]}件で使われているため削除できません。`))
				return `alert "${alert}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'masters-delete-refused', watch);

		/* 5. clean up through the delete buttons */
		await sc.step('HR deletes the qualification', () => deleteByEdit(page, 'qualifications', qual.code));
		await sc.step('and the skill, then its field', async () => {
			const a = await deleteByEdit(page, 'skills', skill.code);
			return a !== true ? a : deleteByEdit(page, 'skills', field.code);
		});
		await pageChecks(sc, page, vp, 'masters-skills-deleted', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

run('masters browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const hr = accounts.find((a) => a.role === 'hr');
	if (!emit(hr, 'the demo accounts have an hr account', `roles: "${accounts.map((a) => a.role).join(' ')}"`))
		return;
	await Promise.all(VIEWPORTS.map((vp) => hrRun(browser, hr, vp)));
});
