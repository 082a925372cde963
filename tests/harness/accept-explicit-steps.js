#!/usr/bin/env node
/* Explicit verdicts pass: true and a result object { ok: true }; a failure
 * text and { ok: false } are failures, checked here through verdict().
 * harness-passes: 4 */
'use strict';
const { Scenario, tap, verdict } = require('../browser/lib/harness');

(async () => {
	const sc = new Scenario('self-test');
	await sc.step('a step that returns true', () => true);
	await sc.step('a step that returns { ok: true }', async () => ({ ok: true, rows: 3 }));
	await sc.step('a failure text is a failure', () => {
		const v = verdict('the heading is wrong');
		return v.ok === false && v.why === 'the heading is wrong';
	});
	await sc.step('{ ok: false, why } and false are failures', () =>
		verdict({ ok: false, why: 'x' }).why === 'x' && !verdict(false).ok && !verdict(null).ok);
	sc.flush();
	console.log(`1..${tap.n}`);
	process.exit(tap.failed ? 1 : 0);
})();
