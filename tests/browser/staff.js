#!/usr/bin/env node
/* Browser tests for the staff records: 職員名簿 (/staff), profiles
 * (/staff/:id), 組織図 (/org) and the edit pages (/staff/:id/edit and the
 * 発令 form), at a phone and a desktop width, as the general user `staff`
 * (D0002 釧路 太郎) and as `hr` (D0001). Every page visited is
 * screenshotted and checked with axe-core (WCAG 2.1 A/AA), for console
 * errors and, at 360 px, for horizontal scrolling.
 *
 * Plain Node, TAP on stdout (ending with the plan line), exit 1 on failure.
 * Same conventions as run.js.
 *
 * The test writes to the demo data of the instance it runs against: the
 * 自己紹介 and 内線番号 of D0002 and, per run and width, one future 発令
 * (異動) for D0002 on the first free day from 2027-04-01 on. Run it against
 * your own instance.
 *
 * Environment: see lib/harness.js.
 */
'use strict';

const {
	BASE, VAR, VIEWPORTS, MENU, emit, Scenario, exclusive,
	readAccounts, pathOf, param, squash, text, texts, pageChecks, newPage, follow, login, run,
} = require('./lib/harness');

/* The fixture staff of sql/demo/generate.sql. */
const SELF = { no: 'D0002', name: '釧路 太郎', kana: 'クシロ タロウ', unit: '住民記録係' };
const OTHER = { no: 'D0006', name: '大橋 健一' };	/* another 部 */
const SELF_KA = '市民課';	/* the 課 above D0002's 係 */
/* 異動 targets for the 発令 test: the first one that is not D0002's unit. */
const TARGETS = [{ code: '102010', name: '人事係' }, { code: '151010', name: '企画係' }];
const APPOINT_FROM = '2027-04-01';
const BAD_DATE = 'H31.5.1';
const MSG_BAD_ERA = '元号の期間外の日付です';
const PAGE_SIZE = 48;	/* cgi/staff.c */

const SEARCH = 'form[role="search"]';
const STATUS = 'main .result-head p[role="status"]';
const CARDS = 'main ul.faces li.face';
const ROWS = 'main table tbody tr';

/* The two widths run side by side and both edit D0002's record, which is
 * saved with an optimistic lock (a form read before another save is
 * refused with 409), and both register a 発令 on the first free day. Each
 * read-modify-write runs alone. */
async function clickMenu(page, label) {
	const r = await follow(page, () => page.locator(`${MENU} a`, { hasText: label }).first().click());
	if (!r || r.status() !== 200)
		throw new Error(`menu ${label}: status ${r && r.status()}`);
	const cur = await texts(page, `${MENU} a[aria-current="page"]`);
	if (cur.length !== 1 || cur[0] !== label)
		return `aria-current on ${JSON.stringify(cur)}`;
	return true;
}

/* The search form: fills the given fields (q, unit by label, ...) and
 * submits it with the 検索 button. */
async function search(page, fields) {
	const form = page.locator(SEARCH);
	if ('q' in fields)
		await form.locator('#q').fill(fields.q);
	if ('unit' in fields)
		await form.locator('#unit').selectOption(fields.unit === '' ? '' : await optionValue(page, `${SEARCH} #unit`, fields.unit));
	if ('sub' in fields)
		await form.locator('input[name="sub"]').setChecked(fields.sub);
	if ('sort' in fields)
		await form.locator('#sort').selectOption(fields.sort);
	if ('asof' in fields)
		await form.locator('#asof').fill(fields.asof);
	const r = await follow(page, () => form.locator('button[type="submit"]').click());
	if (!r || r.status() !== 200)
		throw new Error(`search ${JSON.stringify(fields)}: status ${r && r.status()} at ${pathOf(page)}`);
	return r;
}

/* The value of the option of a select whose label (indentation removed)
 * is `label`. */
async function optionValue(page, sel, label) {
	const opts = await page.$$eval(`${sel} option`, (os) => os.map((o) => [o.value, o.textContent]));
	const hit = opts.find(([, t]) => t.replace(/^[\s\u3000]+/, '').trim() === label);
	if (!hit)
		throw new Error(`${sel} has no option "${label}"`);
	return hit[0];
}

/* The unit select as a tree: [{ code, name, depth }]. */
async function unitOptions(page) {
	return page.$$eval(`${SEARCH} #unit option`, (os) => os.filter((o) => o.value).map((o) => {
		const m = /^[\u3000]*/.exec(o.textContent);
		return { code: o.value, name: o.textContent.slice(m[0].length).trim(), depth: m[0].length };
	}));
}

/* "N 人中 A〜B 人目" of the directory. */
async function resultCount(page) {
	const t = await text(page, STATUS);
	const m = /(\d+) 人中 (\d+)〜(\d+) 人目/.exec(t);
	return m ? { total: +m[1], from: +m[2], to: +m[3], text: t } : { total: 0, from: 0, to: 0, text: t };
}

async function cards(page) {
	return page.$$eval(CARDS, (ls) => ls.map((li) => ({
		href: li.querySelector('a') ? li.querySelector('a').getAttribute('href') : '',
		name: (li.querySelector('.fname') || {}).textContent || '',
		kana: (li.querySelector('.fkana') || {}).textContent || '',
		unit: (li.querySelector('.funit') || {}).textContent || '',
		photo: !!li.querySelector('img, .nophoto'),
	})).map((c) => ({ ...c, name: c.name.trim(), kana: c.kana.trim(), unit: c.unit.trim() })));
}

async function rows(page) {
	return page.$$eval(ROWS, (trs) => trs.map((tr) => {
		const td = [...tr.querySelectorAll('td')].map((x) => x.textContent.replace(/\s+/g, ' ').trim());
		const a = tr.querySelector('td a');
		return { href: a ? a.getAttribute('href') : '', name: td[0], kana: td[1], no: td[2], unit: td[3], pos: td[4], etype: td[5] };
	}));
}

/* The organisation chart: every unit with its depth (from its class) and
 * how deep its list item is nested in the markup, its link, headcount
 * and the sum of its direct sub-units' headcounts. */
async function orgChart(page) {
	return page.$$eval('main ul.org li', (ls) => ls.map((li) => {
		const row = li.querySelector(':scope > .unit');
		const a = row.querySelector('a');
		let nesting = 0;
		for (let p = li.parentElement; p && !p.matches('ul.org'); p = p.parentElement)
			if (p.tagName === 'LI')
				nesting++;
		const subs = [...li.querySelectorAll(':scope > ul > li > .unit .count')]
			.reduce((s, c) => s + parseInt(c.textContent, 10), 0);
		return {
			depth: +(/\bd(\d+)\b/.exec(li.className) || [0, -1])[1], nesting,
			name: a.textContent.trim(), href: a.getAttribute('href'),
			count: row.querySelector('.count') ? row.querySelector('.count').textContent.trim() : '', subs,
		};
	}));
}

/* The profile header's facts as [term, description] pairs. */
async function facts(page) {
	return page.$$eval('main header.person dl.facts dt', (dts) => dts.map((dt) => [
		dt.textContent.trim(),
		dt.nextElementSibling ? dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim() : '']));
}

async function fact(page, term) {
	const f = (await facts(page)).find(([t]) => t === term);
	return f ? f[1] : null;
}

async function sectionTitles(page) {
	return texts(page, 'main article.profile section h2');
}

/* The profile as a whole, the checks every profile gets. */
async function expectProfile(page, who) {
	const h1 = await text(page, 'main h1');
	if (!h1.startsWith(who.name))
		return `h1 is "${h1}", expected ${who.name}`;
	const no = await fact(page, '職員番号');
	if (no !== who.no)
		return `職員番号 is "${no}", expected ${who.no}`;
	if (await page.title() !== `${who.name} | 釧路市 タレントマネジメントシステム`)
		return `title is "${await page.title()}"`;
	return true;
}

/* Dates in the profile are ISO with the 和暦 year beside them. */
const JDATE = /(\d{4})-(\d{2})-(\d{2})（(令和|平成|昭和)(元|\d+)年）/;
function warekiOk(s) {
	const m = JDATE.exec(s);
	if (!m)
		return false;
	const y = +m[1], md = +(m[2] + m[3]);
	const era = y > 2019 || (y === 2019 && md >= 501) ? ['令和', y - 2018]
		: y > 1989 || (y === 1989 && md >= 108) ? ['平成', y - 1988] : ['昭和', y - 1925];
	return m[4] === era[0] && (m[5] === '元' ? 1 : +m[5]) === era[1];
}

function isoAddDays(iso, days) {
	const d = new Date(iso + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/* ---- the general user (D0002) at one width ---- */
async function staffRun(browser, acct, vp) {
	const sc = new Scenario(`general (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	let page1 = [], units = [], selfHref = null;
	const intro = `自己紹介のテスト（${vp.tag}px・${process.pid}-${Date.now() % 100000}）。よろしくお願いします。`;
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await pageChecks(sc, page, vp, 'staff-home', watch);

		/* 1. the directory */
		await sc.step('menu 職員名簿 opens /staff with the face-photo grid', async () => {
			const bad = await clickMenu(page, '職員名簿');
			if (bad !== true)
				return bad;
			if (pathOf(page) !== '/staff')
				return `at ${pathOf(page)}`;
			const h1 = await text(page, 'main h1');
			page1 = await cards(page);
			const cnt = await resultCount(page);
			if (h1 !== '職員名簿' || page1.length !== PAGE_SIZE)
				return `h1="${h1}", ${page1.length} cards`;
			if (cnt.total < 1000 || cnt.from !== 1 || cnt.to !== PAGE_SIZE || !/（令和\d+年） 時点/.test(cnt.text))
				return `status "${cnt.text}"`;
			const bad2 = page1.filter((c) => !c.name || !c.kana || !c.unit || !c.photo || !/^\/staff\/\d+\?asof=/.test(c.href));
			if (bad2.length)
				return `incomplete cards: ${JSON.stringify(bad2.slice(0, 3))}`;
			if (await page.locator(`${CARDS} img:not([alt])`).count())
				return 'a card image has no alt attribute';
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'staff-grid', watch);
		await sc.step('the sort select offers 50音順, 職員番号順 and 所属順', async () => {
			const opts = await page.$$eval(`${SEARCH} #sort option`, (os) => os.map((o) => `${o.value}=${o.textContent.trim()}`));
			const want = ['kana=50音順（フリガナ）', 'no=職員番号順', 'unit=所属順'];
			if (JSON.stringify(opts) !== JSON.stringify(want))
				return `options ${JSON.stringify(opts)}`;
			if (await page.inputValue(`${SEARCH} #sort`) !== 'kana')
				return `default sort is "${await page.inputValue(`${SEARCH} #sort`)}"`;
			return true;
		});
		await sc.step('次へ shows page 2 with different people', async () => {
			await follow(page, () => page.locator('nav.pager a[rel="next"]', { hasText: '次へ' }).click());
			const p2 = await cards(page);
			const cnt = await resultCount(page);
			if (param(page, 'page') !== '2')
				return `at ${pathOf(page)}`;
			if (cnt.from !== PAGE_SIZE + 1 || p2.length === 0)
				return `status "${cnt.text}", ${p2.length} cards`;
			const seen = new Set(page1.map((c) => c.href.split('?')[0]));
			const again = p2.filter((c) => seen.has(c.href.split('?')[0]));
			if (again.length)
				return `page 2 repeats ${again.map((c) => c.name).join(', ')}`;
			const pager = await text(page, 'nav.pager');
			if (!/前へ/.test(pager) || !/2 \/ \d+ ページ/.test(pager))
				return `pager "${pager}"`;
			/* 50音順 goes on across the pages */
			const last = page1[page1.length - 1].kana, first = p2[0].kana;
			if (last.localeCompare(first, 'ja') > 0)
				return `page 1 ends with ${last}, page 2 starts with ${first}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'staff-page2', watch);
		await sc.step('前へ goes back to page 1', async () => {
			await follow(page, () => page.locator('nav.pager a[rel="prev"]', { hasText: '前へ' }).click());
			const back = (await cards(page)).map((c) => c.href);
			if (JSON.stringify(back) !== JSON.stringify(page1.map((c) => c.href)))
				return `page 1 differs now (at ${pathOf(page)})`;
			return true;
		});
		await sc.step(`searching by hiragana くしろ finds ${SELF.name}`, async () => {
			await search(page, { q: 'くしろ' });
			const cs = await cards(page);
			if (param(page, 'q') !== 'くしろ' || await page.inputValue(`${SEARCH} #q`) !== 'くしろ')
				return `at ${pathOf(page)}, field "${await page.inputValue(`${SEARCH} #q`)}"`;
			const me = cs.find((c) => c.name === SELF.name);
			if (!me || me.kana !== SELF.kana || me.unit !== SELF.unit)
				return `results: ${JSON.stringify(cs.slice(0, 5))}`;
			const other = cs.filter((c) => !c.kana.includes('クシロ') && !c.name.includes('釧路'));
			if (other.length)
				return `results that do not match: ${other.map((c) => `${c.name} ${c.kana}`).join(', ')}`;
			const cnt = await resultCount(page);
			if (cnt.total !== cs.length)
				return `status "${cnt.text}" for ${cs.length} cards`;
			return true;
		});
		await pageChecks(sc, page, vp, 'staff-search', watch);
		await sc.step('searching by katakana クシロ finds the same people', async () => {
			const hira = (await cards(page)).map((c) => c.href);
			await search(page, { q: 'クシロ' });
			const kata = (await cards(page)).map((c) => c.href);
			if (JSON.stringify(hira) !== JSON.stringify(kata))
				return `くしろ: ${hira.join(' ')}; クシロ: ${kata.join(' ')}`;
			return true;
		});
		await sc.step('the 一覧 link switches to the list view and keeps the search', async () => {
			await follow(page, () => page.locator('main .views a', { hasText: '一覧' }).click());
			if (param(page, 'view') !== 'list' || param(page, 'q') !== 'クシロ')
				return `at ${pathOf(page)}`;
			if (await text(page, 'main .views strong') !== '一覧' || await page.locator(CARDS).count())
				return 'not the list view';
			const heads = await texts(page, 'main table thead th');
			if (JSON.stringify(heads) !== JSON.stringify(['氏名', 'フリガナ', '職員番号', '所属', '職位', '職員区分']))
				return `columns ${JSON.stringify(heads)}`;
			if (!/^職員一覧（\d{4}-\d{2}-\d{2}（令和\d+年））$/.test(await text(page, 'main table caption')))
				return `caption "${await text(page, 'main table caption')}"`;
			const me = (await rows(page)).find((r) => r.no === SELF.no);
			if (!me || me.name !== SELF.name || me.kana !== SELF.kana || !me.unit.endsWith(`${SELF_KA} ${SELF.unit}`))
				return `row of ${SELF.no}: ${JSON.stringify(me)}`;
			selfHref = me.href.split('?')[0];
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'staff-list', watch);

		/* 2. the own profile */
		await sc.step(`clicking ${SELF.name} opens the own profile`, async () => {
			await follow(page, () => page.locator(ROWS).filter({ hasText: SELF.no }).locator('a').first().click());
			if (new URL(page.url()).pathname !== selfHref)
				return `at ${pathOf(page)}`;
			return expectProfile(page, SELF);
		}, true);
		await sc.step('own profile: 経歴, スキル, 資格, 研修, 人事評価, 個人情報 and who viewed it', async () => {
			const h2 = await sectionTitles(page);
			const want = ['経歴（発令履歴）', 'スキル', '資格・免許', '研修履歴', '人事評価', '個人情報', 'あなたのプロフィールを見た人'];
			const missing = want.filter((t) => !h2.includes(t));
			if (missing.length)
				return `missing ${JSON.stringify(missing)}; sections ${JSON.stringify(h2)}`;
			const tl = await texts(page, 'main ol.timeline li');
			if (tl.length < 1 || !tl.some((t) => t.includes(SELF.unit)))
				return `timeline ${JSON.stringify(tl)}`;
			if (await page.locator('main ul.skills li').count() < 1)
				return 'no skills listed';
			const birth = await page.locator('main section[aria-labelledby="h-sens"] dt', { hasText: '生年月日' }).count();
			if (!birth)
				return 'no 生年月日 in 個人情報';
			const unit = await fact(page, '所属');
			if (!unit || !unit.includes(SELF.unit))
				return `所属 "${unit}"`;
			if (await text(page, 'main header.person .actions a') !== '自分の情報を編集')
				return `edit link "${await text(page, 'main header.person .actions a')}"`;
			return true;
		});
		await sc.step('own profile: dates carry the 和暦 year （令和…年） beside them', async () => {
			const main = await text(page, 'main');
			if (!main.includes('（令和'))
				return 'no （令和 on the page';
			const dates = [
				await fact(page, '採用日'),
				...(await texts(page, 'main ol.timeline .when')).flatMap((s) => s.split(' 〜 ')),
				await text(page, 'main section[aria-labelledby="h-sens"] dd'),
			];
			const bad = dates.filter((d) => !warekiOk(d || ''));
			if (bad.length)
				return `dates without a correct 和暦 year: ${JSON.stringify(bad)}`;
			return true;
		});
		await sc.step('own profile: no viewer is shown by an HR person\'s name (policy: role only)', async () => {
			const who = await texts(page, 'main ul.viewers li');
			const named = who.filter((w) => w.includes('人事 花子'));
			if (named.length)
				return `viewers: ${JSON.stringify(named)}`;
			if (!who.length && !(await text(page, 'main section[aria-labelledby="h-viewers"]')).includes('まだ閲覧されていません'))
				return 'neither viewers nor the empty note';
			return true;
		});
		await pageChecks(sc, page, vp, 'profile-self', watch);

		/* 3. a colleague in another 部 */
		await sc.step(`searching ${OTHER.no} by staff number and opening the profile`, async () => {
			const nav = await clickMenu(page, '職員名簿');
			if (nav !== true)
				return nav;
			await search(page, { q: OTHER.no });
			const cs = await cards(page);
			if (cs.length !== 1 || cs[0].name !== OTHER.name)
				return `results ${JSON.stringify(cs)}`;
			await follow(page, () => page.locator(`${CARDS} a`).first().click());
			return expectProfile(page, OTHER);
		}, true);
		await sc.step(`${OTHER.no}: 経歴 shown; 人事評価, 個人情報, 連絡先 not (default policy)`, async () => {
			const h2 = await sectionTitles(page);
			if (!h2.includes('経歴（発令履歴）') || await page.locator('main ol.timeline li').count() < 1)
				return `no 経歴: ${JSON.stringify(h2)}`;
			const leak = h2.filter((t) => ['人事評価', '個人情報', '連絡先', 'あなたのプロフィールを見た人'].includes(t));
			if (leak.length)
				return `sections shown to a colleague: ${JSON.stringify(leak)}`;
			const main = await text(page, 'main');
			const words = ['生年月日', '性別', '評語', '内線', 'メール'].filter((w) => main.includes(w));
			if (words.length)
				return `the page mentions ${JSON.stringify(words)}`;
			if (await page.locator('main header.person .actions a').count())
				return 'an edit link is offered';
			return true;
		});
		await pageChecks(sc, page, vp, 'profile-other', watch);

		/* 4. the organisation chart */
		let chart = [];
		await sc.step('menu 組織図 shows the tree of units with headcounts', async () => {
			const bad = await clickMenu(page, '組織図');
			if (bad !== true)
				return bad;
			if (await text(page, 'main h1') !== '組織図')
				return `h1 "${await text(page, 'main h1')}"`;
			chart = await orgChart(page);
			const st = await text(page, 'main p[role="status"]');
			const m = /(\d+) 所属/.exec(st);
			if (!m || +m[1] !== chart.length || chart.length < 50)
				return `status "${st}" for ${chart.length} units`;
			const badc = chart.filter((u) => !/^\d+人$/.test(u.count) || !/^\/staff\?unit=/.test(u.href));
			if (badc.length)
				return `units ${JSON.stringify(badc.slice(0, 3))}`;
			/* the hierarchy is in the markup (nested lists), not only in the
			 * indentation; a unit's headcount includes its sub-units' */
			const flat = chart.filter((u) => u.nesting !== u.depth);
			if (flat.length)
				return `not nested as deep as the tree: ${flat.slice(0, 3).map((u) => `${u.name} depth ${u.depth}, in ${u.nesting} lists`).join('; ')}`;
			const small = chart.filter((u) => parseInt(u.count, 10) < u.subs);
			if (small.length)
				return `a unit counts fewer than its sub-units: ${small.slice(0, 3).map((u) => `${u.name} ${u.count} < ${u.subs}`).join('; ')}`;
			if (!chart.some((u) => u.name === SELF_KA && u.depth === 1))
				return `no ${SELF_KA} at depth 1`;
			return true;
		});
		await pageChecks(sc, page, vp, 'org', watch);
		await sc.step('組織図: the 基準日 field accepts 和暦 R6.4.1', async () => {
			await page.fill('main form input[name="asof"]', 'R6.4.1');
			const r = await follow(page, () => page.locator('main form button[type="submit"]', { hasText: '表示' }).click());
			if (r.status() !== 200 || param(page, 'asof') !== 'R6.4.1')
				return `status ${r.status()} at ${pathOf(page)}`;
			const st = await text(page, 'main p[role="status"]');
			if (!st.startsWith('2024-04-01（令和6年） 時点'))
				return `status "${st}"`;
			if (await page.inputValue('main form input[name="asof"]') !== '2024-04-01')
				return `field "${await page.inputValue('main form input[name="asof"]')}"`;
			chart = await orgChart(page);
			if (!chart.every((u) => u.href.endsWith('&asof=2024-04-01')))
				return 'unit links do not keep the date';
			return true;
		});
		await pageChecks(sc, page, vp, 'org-asof', watch);
		await sc.step(`組織図: clicking ${SELF_KA} opens the directory for it and its sub-units on that date`, async () => {
			const u = chart.find((x) => x.name === SELF_KA && x.depth === 1);
			await follow(page, () => page.locator('main ul.org a', { hasText: new RegExp(`^${SELF_KA}$`) }).first().click());
			if (new URL(page.url()).pathname !== '/staff' || param(page, 'asof') !== '2024-04-01')
				return `at ${pathOf(page)}`;
			units = await unitOptions(page);
			const code = param(page, 'unit');
			const sel = await page.inputValue(`${SEARCH} #unit`);
			const opt = units.find((x) => x.code === code);
			if (!opt || opt.name !== SELF_KA || sel !== code)
				return `unit=${code}, selected "${sel}"`;
			if (await page.inputValue(`${SEARCH} #asof`) !== '2024-04-01')
				return `基準日 field "${await page.inputValue(`${SEARCH} #asof`)}"`;
			const cnt = await resultCount(page);
			/* the chart counts main appointments, the directory 兼務 too */
			if (!cnt.text.startsWith('2024-04-01（令和6年） 時点') || cnt.total < parseInt(u.count, 10) || cnt.total === 0)
				return `status "${cnt.text}", chart says ${u.count}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'org-unit', watch);

		/* 1 (cont.): 所属 filter with sub-units, sorted by staff number */
		await sc.step(`所属 ${SELF_KA} with 下位の所属を含む lists its 係 too; 職員番号順 sorts`, async () => {
			const at = units.findIndex((x) => x.name === SELF_KA);
			const below = [];
			for (let i = at + 1; i < units.length && units[i].depth > units[at].depth; i++)
				below.push(units[i].name);
			await search(page, { q: '', unit: SELF_KA, sub: true, sort: 'no', asof: '' });
			if (param(page, 'unit') !== units[at].code || param(page, 'sub') !== '1' || param(page, 'sort') !== 'no')
				return `at ${pathOf(page)}`;
			if (!(await page.isChecked(`${SEARCH} input[name="sub"]`)))
				return '下位の所属を含む is not kept checked';
			const cs = await cards(page);
			const outside = cs.filter((c) => c.unit !== SELF_KA && !below.includes(c.unit));
			const inSub = cs.filter((c) => below.includes(c.unit));
			/* someone listed by a 兼務 here has a main unit elsewhere */
			if (outside.length > cs.length / 4 || !inSub.length)
				return `${cs.length} cards, ${inSub.length} in sub-units, outside: ${outside.map((c) => c.unit).join(', ')}`;
			await follow(page, () => page.locator('main .views a', { hasText: '一覧' }).click());
			const rs = await rows(page);
			const nos = rs.map((r) => r.no);
			const sorted = [...nos].sort();
			if (param(page, 'unit') !== units[at].code || param(page, 'sub') !== '1' || param(page, 'view') !== 'list')
				return `the 一覧 link lost the filter: ${pathOf(page)}`;
			if (param(page, 'sort') !== 'no' || JSON.stringify(nos) !== JSON.stringify(sorted))
				return `not in 職員番号 order: ${nos.slice(0, 10).join(' ')}`;
			const notHere = rs.filter((r) => !r.unit.includes(` ${SELF_KA}`));
			if (notHere.length > outside.length)
				return `rows outside ${SELF_KA}: ${notHere.map((r) => r.unit).join(', ')}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'staff-filter', watch);

		/* 5. self-service edit */
		await sc.step('自分の情報を編集 offers 自己紹介 but no HR fields (氏名, 発令)', async () => {
			const nav = await clickMenu(page, '職員名簿');
			if (nav !== true)
				return nav;
			await search(page, { q: 'くしろ' });
			await follow(page, () => page.locator(`${CARDS} a`, { hasText: SELF.name }).click());
			await follow(page, () => page.locator('main header.person .actions a', { hasText: '自分の情報を編集' }).click());
			if (pathOf(page) !== `${selfHref}/edit`)
				return `at ${pathOf(page)}`;
			if (await text(page, 'main h1') !== `${SELF.name} さんの情報の編集`)
				return `h1 "${await text(page, 'main h1')}"`;
			if (await page.locator('main textarea[name="self_intro"]').count() !== 1)
				return 'no 自己紹介 field';
			const legends = await texts(page, 'main legend');
			const h2 = await texts(page, 'main h2');
			const hr = await page.locator('main [name="family_name"], main [name="given_name"], main [name="hire_date"], ' +
				'main [name="birth_date"], main [name="employment_type"], main form[action$="/appointments"], ' +
				'main form[action$="/retire"], main form[action*="/records/"]').count();
			if (hr || legends.includes('氏名') || h2.some((t) => /発令|退職|人事評価/.test(t)))
				return `HR fields offered: ${hr} inputs/forms, legends ${JSON.stringify(legends)}, h2 ${JSON.stringify(h2)}`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'edit-self', watch);
		/* the save and the look at the profile run alone: the other width
		 * saves its own text too */
		await exclusive(async () => {
			await sc.step('saving a new 自己紹介 shows 保存しました', async () => {
				await page.reload();	/* the form's version must be the latest */
				await page.fill('main textarea[name="self_intro"]', intro);
				const r = await follow(page, () => page.locator('main form[action$="/edit"] button[type="submit"]', { hasText: '保存する' }).click());
				const post = r.request().redirectedFrom();
				if (!post || (await post.response()).status() !== 303 || pathOf(page) !== `${selfHref}/edit?saved=1`)
					return `status ${r.status()} at ${pathOf(page)}: ${await text(page, 'main').catch(() => '')}`.slice(0, 400);
				if (await text(page, 'main p.ok[role="status"]') !== '保存しました。')
					return `message "${await text(page, 'main p.ok')}"`;
				if (await page.inputValue('main textarea[name="self_intro"]') !== intro)
					return 'the field does not show the saved text';
				return true;
			});
			await pageChecks(sc, page, vp, 'edit-self-saved', watch);
			await sc.step('the profile shows the new 自己紹介', async () => {
				await follow(page, () => page.locator('main a', { hasText: 'プロフィールへ戻る' }).click());
				if (pathOf(page) !== selfHref)
					return `at ${pathOf(page)}`;
				const t = await text(page, 'main section[aria-labelledby="h-intro"] p');
				if (t !== intro)
					return `自己紹介 "${t}", expected "${intro}"`;
				return true;
			});
		});
		await pageChecks(sc, page, vp, 'profile-self-intro', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

/* ---- the HR user at one width ---- */
async function hrRun(browser, acct, vp) {
	const sc = new Scenario(`hr (${acct.login}) @${vp.tag}`);
	const { context, page, watch } = await newPage(browser, vp);
	let selfHref = null, unitToday = null, ext = null, date = null, target = null;
	try {
		await sc.step('log in through the login form', () => login(page, acct), true);
		await sc.step(`searching ${SELF.no} by staff number finds only ${SELF.name}`, async () => {
			const nav = await clickMenu(page, '職員名簿');
			if (nav !== true)
				return nav;
			await search(page, { q: SELF.no });
			const cs = await cards(page);
			const cnt = await resultCount(page);
			if (cs.length !== 1 || cs[0].name !== SELF.name || cnt.total !== 1)
				return `status "${cnt.text}", results ${JSON.stringify(cs)}`;
			selfHref = cs[0].href.split('?')[0];
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'hr-search', watch);
		await sc.step(`the profile of ${SELF.no} shows HR its 連絡先, 個人情報 and 人事評価`, async () => {
			await follow(page, () => page.locator(`${CARDS} a`).first().click());
			const bad = await expectProfile(page, SELF);
			if (bad !== true)
				return bad;
			const h2 = await sectionTitles(page);
			const missing = ['連絡先', '個人情報', '人事評価', '経歴（発令履歴）'].filter((t) => !h2.includes(t));
			if (missing.length || h2.includes('あなたのプロフィールを見た人'))
				return `sections ${JSON.stringify(h2)}`;
			unitToday = await fact(page, '所属');
			if (!unitToday || !unitToday.includes(SELF.unit))
				return `所属 "${unitToday}"`;
			if (await text(page, 'main header.person .actions a') !== '編集')
				return `edit link "${await text(page, 'main header.person .actions a')}"`;
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'hr-profile', watch);
		await sc.step('編集 offers HR the 氏名 fields, 内線番号 and the 発令 form', async () => {
			await follow(page, () => page.locator('main header.person .actions a', { hasText: '編集' }).click());
			if (pathOf(page) !== `${selfHref}/edit`)
				return `at ${pathOf(page)}`;
			const legends = await texts(page, 'main legend');
			const h2 = await texts(page, 'main h2');
			if (!legends.includes('氏名') || !h2.includes('発令の登録') ||
			    await page.locator('main input[name="family_name"]').count() !== 1 ||
			    await page.locator('main input[name="phone_ext"]').count() !== 1)
				return `legends ${JSON.stringify(legends)}, h2 ${JSON.stringify(h2)}`;
			/* policy: HR reads the 自己紹介 but does not write it */
			if (await page.locator('main [name="self_intro"]').count())
				return 'HR is offered the 自己紹介 field';
			return true;
		}, true);
		await pageChecks(sc, page, vp, 'hr-edit', watch);
		await sc.step('changing 内線番号 saves and the profile shows it', () => exclusive(async () => {
			await page.reload();
			ext = `${vp.tag === '360' ? 3 : 4}${String(Date.now() % 1000000).padStart(6, '0')}`;
			await page.fill('main input[name="phone_ext"]', ext);
			const r = await follow(page, () => page.locator('main form[action$="/edit"] button[type="submit"]', { hasText: '保存する' }).click());
			if (r.status() !== 200 || pathOf(page) !== `${selfHref}/edit?saved=1`)
				return `status ${r.status()} at ${pathOf(page)}: ${(await text(page, 'main [role="alert"]').catch(() => ''))}`;
			if (await text(page, 'main p.ok[role="status"]') !== '保存しました。')
				return `message "${await text(page, 'main p.ok')}"`;
			await follow(page, () => page.locator('main a', { hasText: 'プロフィールへ戻る' }).click());
			const sec = await text(page, 'main section[aria-labelledby="h-contact"]');
			if (!sec.includes(`内線 ${ext}`))
				return `連絡先 "${sec}", expected 内線 ${ext}`;
			return true;
		}));
		await pageChecks(sc, page, vp, 'hr-profile-ext', watch);

		/* 発令: a 異動 on a future date, registered through the form */
		await sc.step('registering a future 発令 (異動) shows 発令を登録しました', () => exclusive(async () => {
			/* the first day from APPOINT_FROM (and after today) on which
			 * no appointment has been registered yet */
			const nav = await clickMenu(page, '職員名簿');
			if (nav !== true)
				return nav;
			await search(page, { q: SELF.no, asof: '2199-12-31' });
			await follow(page, () => page.locator(`${CARDS} a`).first().click());
			if (pathOf(page) !== `${selfHref}?asof=2199-12-31`)
				return `at ${pathOf(page)}`;
			const starts = (await texts(page, 'main ol.timeline .when')).map((s) => s.slice(0, 10)).sort();
			const tomorrow = isoAddDays(new Date().toISOString().slice(0, 10), 1);
			date = [APPOINT_FROM, tomorrow, isoAddDays(starts[starts.length - 1] || APPOINT_FROM, 1)].sort().pop();
			const latest = (await texts(page, 'main ol.timeline .what'))[0] || '';
			target = TARGETS.find((t) => !latest.includes(t.name) && !unitToday.includes(t.name));
			await follow(page, () => page.locator('main header.person .actions a', { hasText: '編集' }).click());
			const form = page.locator('main form[action$="/appointments"]');
			await form.locator('select[name="kind"]').selectOption({ label: '異動' });
			await form.locator('input[name="date"]').fill(date);
			await form.locator('select[name="unit"]').selectOption(target.code);
			await form.locator('select[name="position"]').selectOption(await optionValue(page, 'main form[action$="/appointments"] select[name="position"]', '主事'));
			await form.locator('input[name="main"]').check();
			await form.locator('input[name="remarks"]').fill(`ブラウザテスト ${vp.tag}px`);
			const r = await follow(page, () => form.locator('button[type="submit"]', { hasText: '発令を登録' }).click());
			if (r.status() !== 200 || pathOf(page) !== `${selfHref}/edit?saved=appointment`)
				return `status ${r.status()} at ${pathOf(page)}: ${(await text(page, 'main [role="alert"]').catch(() => ''))}`;
			if (await text(page, 'main p.ok[role="status"]') !== '発令を登録しました。')
				return `message "${await text(page, 'main p.ok')}"`;
			sc.note(`${vp.tag}: 異動 of ${SELF.no} to ${target.name} on ${date}`);
			return true;
		}), true);
		await pageChecks(sc, page, vp, 'hr-appoint-saved', watch);
		await sc.step('today the profile still shows the old unit', async () => {
			await follow(page, () => page.locator('main a', { hasText: 'プロフィールへ戻る' }).click());
			const u = await fact(page, '所属');
			if (u !== unitToday)
				return `所属 "${u}", was "${unitToday}"`;
			return true;
		});
		await sc.step('on the 基準日 of the 発令 the directory and the profile show the new unit', async () => {
			const nav = await clickMenu(page, '職員名簿');
			if (nav !== true)
				return nav;
			await search(page, { q: SELF.no, asof: date });
			const cs = await cards(page);
			if (cs.length !== 1 || cs[0].unit !== target.name)
				return `directory on ${date}: ${JSON.stringify(cs)}`;
			await follow(page, () => page.locator(`${CARDS} a`).first().click());
			if (pathOf(page) !== `${selfHref}?asof=${date}`)
				return `at ${pathOf(page)}`;
			const u = await fact(page, '所属');
			if (!u || !u.includes(target.name) || u.includes(SELF.unit))
				return `所属 "${u}", expected ${target.name}`;
			const note = await text(page, 'main header.person p.note');
			if (!note.startsWith(`${date}（令和`))
				return `note "${note}"`;
			const first = await text(page, 'main ol.timeline li');
			if (!first.startsWith(`${date}（令和`) || !first.includes('異動') || !first.includes(target.name))
				return `latest 経歴 entry "${first}"`;
			return true;
		});
		await pageChecks(sc, page, vp, 'hr-profile-future', watch);
		await sc.step(`a 発令日 of ${BAD_DATE} is refused with 400 and a Japanese field error`, async () => {
			await follow(page, () => page.locator('main header.person .actions a', { hasText: '編集' }).click());
			const form = page.locator('main form[action$="/appointments"]');
			await form.locator('select[name="kind"]').selectOption({ label: '異動' });
			await form.locator('input[name="date"]').fill(BAD_DATE);
			await form.locator('select[name="unit"]').selectOption(TARGETS[0].code);
			await form.locator('select[name="position"]').selectOption(await optionValue(page, 'main form[action$="/appointments"] select[name="position"]', '主事'));
			const r = await follow(page, () => form.locator('button[type="submit"]', { hasText: '発令を登録' }).click());
			if (r.status() !== 400 || pathOf(page) !== `${selfHref}/appointments`)
				return `status ${r.status()} at ${pathOf(page)}`;
			const summary = await text(page, 'main div.alert[role="alert"]');
			if (!summary.includes('入力内容を確認してください（1件）') || !summary.includes(`発令日: ${MSG_BAD_ERA}`))
				return `summary "${summary}"`;
			if (await page.getAttribute('main div.alert[role="alert"] a', 'href') !== '#f-date')
				return 'the summary does not link to the field';
			const err = await text(page, '#e-date');
			if (!err.startsWith(MSG_BAD_ERA))
				return `field error "${err}"`;
			const input = page.locator('main form[action$="/appointments"] #f-date');
			if (await input.inputValue() !== BAD_DATE || await input.getAttribute('aria-invalid') !== 'true' ||
			    await input.getAttribute('aria-describedby') !== 'e-date')
				return `field value "${await input.inputValue()}", aria-invalid ${await input.getAttribute('aria-invalid')}`;
			return true;
		});
		await pageChecks(sc, page, vp, 'hr-appoint-error', watch);
	} finally {
		await context.close();
		sc.flush();
	}
}

run('staff browser tests', async (browser) => {
	let accounts = [];
	try {
		accounts = readAccounts();
	} catch (e) {
		emit(false, 'read the demo accounts', e.message);
	}
	const general = accounts.find((a) => a.role === 'general');
	const hr = accounts.find((a) => a.role === 'hr');
	if (!emit(general && hr, `${VAR}/demo-accounts.txt has a general and an hr account`,
	    `roles: "${accounts.map((a) => a.role).join(' ')}"`))
		return;
	/* The two widths run side by side; at each, the general user and
	 * then HR. */
	await Promise.all(VIEWPORTS.map(async (vp) => {
		await staffRun(browser, general, vp);
		await hrRun(browser, hr, vp);
	}));
});
