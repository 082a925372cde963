#!/usr/bin/env node
/* A browser-test step whose check forgot to return its verdict: it returns
 * undefined, and must fail. Uses the real harness (no browser is started).
 * harness-expect: the step returned undefined
 * harness-passes: 1 */
'use strict';
const { Scenario, tap } = require('../browser/lib/harness');

(async () => {
	const sc = new Scenario('self-test');
	await sc.step('a step that returns true', () => true);
	await sc.step('a step whose check result is dropped', async () => {
		const check = () => 'the heading is wrong';
		check();
	});
	sc.flush();
	console.log(`1..${tap.n}`);
	process.exit(tap.failed ? 1 : 0);
})();
