#!/usr/bin/env node
/* Browser test of the career wishes survey (意向調査): hr opens a round for
 * 市民課 through the admin form; the general user `staff` (D0002) sees the
 * reminder banner and answers on a phone (360 px): saves a draft, then
 * submits, including the confidential question; the supervisor (D0004,
 * 市民課長, an account this test creates with tmsctl) finds the answer on
 * 所属職員の意向 without the confidential item and comments; hr sees the
 * completion per unit, the comment and the analytics page. Every page
 * visited is screenshotted and checked with axe-core (WCAG 2.1 A/AA), for
 * console errors and, at 360 px, for horizontal scrolling.
 *
 * Plain Node, TAP on stdout, exit 1 on failure. Writes a new round and
 * D0002's answer to it into the instance it runs against.
 *
 * Environment: see lib/harness.js; TMS_BIN is the build with cgi/tmsctl
 * (default: the checkout's build/).
 */
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const {
	BASE, VAR, VIEWPORTS, MENU, emit, Scenario,
	readAccounts, pathOf, text, texts, pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

const BIN = process.env.TMS_BIN || path.resolve(__dirname, '../../build');
const PHONE = VIEWPORTS.find((v) => v.tag === '360');
const DESK = VIEWPORTS.find((v) => v.tag === '1440');
const TAG = `${Date.now() % 100000000}`;
const TITLE = `ブラウザ試験 意向調査 ${TAG}`;
const DUTIES = `窓口のデジタル化に挑戦したい ${TAG}`;
const CONF = `親の介護のため夜間の勤務が難しい ${TAG}`;
const COMMENT = `本人の希望を尊重したい ${TAG}`;
/* One account per staff member: the login and password t50-policy.sh uses for D0004. */
const SUP = { login: 'sup', password: 'policy-test-password-1', no: 'D0004' };

function ymd(d) {
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function goto(page, url) {
	const r = await page.goto(BASE + url);
	if (!r || r.status() !== 200)
		throw new Error(`GET ${url}: status ${r && r.status()}`);
}

async function submit(page, sel) {
	const r = await follow(page, () => page.locator(sel).click());
	if (!r || r.status() !== 200)
		throw new Error(`${sel}: status ${r && r.status()} at ${pathOf(page)}`);
	return true;
}

/* hr: open the round (returns its id). */
async function hrOpen(browser, hr, state) {
	const sc = new Scenario('hr opens a round');
	const { context, page, watch } = await newPage(browser, DESK);
	try {
		await sc.step('log in as hr', () => login(page, hr), true);
		await sc.step('the menu has 意向調査', async () => {
			const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: '意向調査' }).first().click());
			if (!r || r.status() !== 200 || pathOf(page) !== '/wishes')
				return `status ${r && r.status()} at ${pathOf(page)}`;
			return true;
		}, true);
		await pageChecks(sc, page, DESK, 'wishes-index-hr', watch);
		await sc.step('調査の管理 opens the admin page', () => submit(page, 'main a[href="/admin/wishes"]'), true);
		await sc.step('a round for 市民課 is registered through the form', async () => {
			const f = page.locator('main form[action="/admin/wishes"]');
			await f.locator('#f-title').fill(TITLE);
			await f.locator('#f-opens_on').fill(ymd(new Date()));
			await f.locator('#f-closes_on').fill(ymd(new Date(Date.now() + 7 * 86400000)));
			await f.locator('#f-target').selectOption('unit');
			await f.locator('#f-unit').selectOption('2010');
			await submit(page, 'main form[action="/admin/wishes"] button[type="submit"]');
			const ok = await text(page, 'main p.ok[role="status"]');
			if (!ok.includes('調査を登録しました'))
				return `message "${ok}"`;
			const link = page.locator('main table a', { hasText: TITLE });
			const href = await link.getAttribute('href');
			state.round = href.split('/').pop();
			if (!/^\d+$/.test(state.round))
				return `link ${href}`;
			return true;
		}, true);
		await pageChecks(sc, page, DESK, 'wishes-admin', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

/* staff on a phone: banner, draft, submit. */
async function staffAnswers(browser, staff, state) {
	const sc = new Scenario('staff answers on a phone');
	const { context, page, watch } = await newPage(browser, PHONE);
	try {
		await sc.step('log in as staff (D0002)', () => login(page, staff), true);
		await sc.step('the home page shows the reminder banner for the new round', async () => {
			const b = await texts(page, 'main .banner p');
			if (!b.some((t) => t.includes(TITLE)))
				return `banner ${JSON.stringify(b)}`;
			return true;
		});
		await pageChecks(sc, page, PHONE, 'wishes-banner', watch);
		await sc.step('the banner link opens the form', () => submit(page, `main .banner a[href="/wishes/${state.round}"]`), true);
		await pageChecks(sc, page, PHONE, 'wishes-form', watch);
		await sc.step('a draft is saved', async () => {
			await page.locator('input[name="w_transfer_choice"][value="units"]').check();
			await page.locator('#f-w_transfer_unit1').selectOption('102010');
			await page.locator('#f-w_transfer_reason1').fill('人事制度の仕事を経験したい');
			await page.locator('#f-w_duties').fill(DUTIES);
			await page.locator('#f-w_circumstances').fill(CONF);
			await submit(page, 'main form button[value="draft"]');
			const ok = await text(page, 'main p.ok[role="status"]');
			if (!ok.includes('下書きを保存しました'))
				return `message "${ok}"`;
			if (await page.locator('#f-w_duties').inputValue() !== DUTIES)
				return 'the draft did not keep the text';
			return true;
		}, true);
		await sc.step('submitting without the required 庁内公募 answer shows the error', async () => {
			const r = await follow(page, () => page.locator('main form button[value="submit"]').click());
			if (!r || r.status() !== 400)
				return `status ${r && r.status()}`;
			const a = await text(page, 'main div.alert[role="alert"]');
			if (!a.includes('庁内公募への応募意向: 入力してください'))
				return `alert "${a}"`;
			return true;
		});
		await pageChecks(sc, page, PHONE, 'wishes-form-error', watch);
		await sc.step('submitting with every required answer', async () => {
			await page.locator('input[name="w_posting"][value="maybe"]').check();
			await submit(page, 'main form button[value="submit"]');
			const ok = await text(page, 'main p.ok[role="status"]');
			if (!ok.includes('提出しました'))
				return `message "${ok}"`;
			const lead = await text(page, 'main p.lead');
			if (!lead.includes('提出済み'))
				return `lead "${lead}"`;
			return true;
		}, true);
		await pageChecks(sc, page, PHONE, 'wishes-submitted', watch);
		await sc.step('the banner is gone on the next page', async () => {
			await goto(page, '/');
			const b = await texts(page, 'main .banner p');
			if (b.some((t) => t.includes(TITLE)))
				return `banner ${JSON.stringify(b)}`;
			return true;
		});
		await sc.step('the profile shows the answer in 意向', async () => {
			await goto(page, '/staff/' + state.staffId);
			const s = await text(page, 'main section[aria-labelledby="h-wishes"]');
			if (!s.includes(DUTIES) || !s.includes(CONF))
				return `section "${s.slice(0, 300)}"`;
			return true;
		});
		await pageChecks(sc, page, PHONE, 'wishes-profile-self', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

/* the supervisor: 所属職員の意向, the answer without the confidential item, a comment */
async function supervisorComments(browser, state) {
	const sc = new Scenario('supervisor comments');
	const { context, page, watch } = await newPage(browser, DESK);
	try {
		await sc.step('log in as the supervisor (D0004)', () => login(page, SUP), true);
		await sc.step('所属職員の意向 lists D0002 as submitted', async () => {
			await goto(page, '/wishes');
			await submit(page, 'main a[href="/wishes/team"]');
			await page.locator('#t-round').selectOption(state.round);
			await submit(page, 'main form.inline-form[action="/wishes/team"] button');
			const row = page.locator('main table tbody tr', { hasText: 'D0002' });
			if (await row.count() !== 1)
				return `rows with D0002: ${await row.count()}`;
			await submit(page, `main table a[href="/wishes/${state.round}/staff/${state.staffId}"]`);
			return true;
		}, true);
		await sc.step('the answer shows the duties but not the confidential item', async () => {
			const s = await text(page, 'main');
			if (!s.includes(DUTIES))
				return 'duties missing';
			if (s.includes(CONF) || s.includes('家庭・健康上の事情'))
				return 'the confidential item is shown to the supervisor';
			return true;
		});
		await sc.step('the comment is saved', async () => {
			await page.locator('#f-comment').fill(COMMENT);
			await submit(page, 'main form[action$="/comment"] button');
			const ok = await text(page, 'main p.ok[role="status"]');
			const c = await text(page, 'main section[aria-labelledby="h-com"]');
			if (!ok.includes('コメントを保存しました') || !c.includes(COMMENT))
				return `message "${ok}", comments "${c}"`;
			return true;
		});
		await pageChecks(sc, page, DESK, 'wishes-supervisor', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

/* hr: completion, the answer with the comment, analytics */
async function hrCompletion(browser, hr, state, vp) {
	const sc = new Scenario(`hr sees completion (${vp.tag})`);
	const { context, page, watch } = await newPage(browser, vp);
	try {
		await sc.step('log in as hr', () => login(page, hr), true);
		await sc.step('the round page shows 1 submission and the non-respondents', async () => {
			await goto(page, `/admin/wishes/${state.round}`);
			const all = await text(page, 'main section[aria-labelledby="h-done"] p');
			if (!/全体: 1 \/ \d+人/.test(all))
				return `completion "${all}"`;
			const unit = page.locator('main section[aria-labelledby="h-done"] tbody tr', { hasText: '住民記録係' });
			if (await unit.count() < 1)
				return 'no row for 住民記録係';
			const missing = await page.locator('main table.staff-table tbody tr', { hasText: '未提出' }).count();
			if (missing < 1)
				return 'no non-respondent listed';
			return true;
		});
		await pageChecks(sc, page, vp, 'wishes-round-hr', watch);
		await sc.step('hr reads the answer with the confidential item and the comment', async () => {
			await goto(page, `/wishes/${state.round}/staff/${state.staffId}`);
			const s = await text(page, 'main');
			if (!s.includes(CONF) || !s.includes(COMMENT))
				return 'confidential item or comment missing';
			return true;
		});
		await pageChecks(sc, page, vp, 'wishes-staff-hr', watch);
		await sc.step('the analytics page answers', async () => {
			await goto(page, '/wishes/summary?depth=1');
			const h = await text(page, 'main h1');
			if (h !== '意向の分析')
				return `h1 "${h}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'wishes-summary', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

run('wishes browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const staff = accounts.find((a) => a.role === 'general');
	const hr = accounts.find((a) => a.role === 'hr');
	if (!emit(staff && hr, `${VAR}/demo-accounts.txt has a general and an hr account`))
		return;
	try {
		execFileSync(path.join(BIN, 'cgi', 'tmsctl'), ['-c', path.join(VAR, 'etc', 'tms-a.yaml'),
			'useradd', SUP.login, 'general', '試験 上司', SUP.no], { input: SUP.password + '\n', stdio: ['pipe', 'ignore', 'pipe'] });
		emit(true, 'a supervisor account (D0004) is created with tmsctl');
	} catch (e) {
		emit(false, 'a supervisor account (D0004) is created with tmsctl', e.message);
		return;
	}
	const state = {};
	await hrOpen(browser, hr, state);
	if (!emit(state.round, 'the new round has an id'))
		return;
	/* D0002's staff id: the profile link on the staff's own page */
	{
		const { context, page } = await newPage(browser, DESK);
		await login(page, staff);
		await page.goto(BASE + '/staff?q=D0002');
		const href = await page.locator('main a[href^="/staff/"]').first().getAttribute('href');
		state.staffId = (/^\/staff\/(\d+)/.exec(href) || [])[1];
		await context.close();
	}
	if (!emit(state.staffId, 'D0002 is found in the directory'))
		return;
	await staffAnswers(browser, staff, state);
	await supervisorComments(browser, state);
	await Promise.all([hrCompletion(browser, hr, state, DESK), hrCompletion(browser, hr, state, PHONE)]);
});
