// The live probe on the page: the waterfall and the deployment sanity
// sequence stream in check by check, against real databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { axeViolations, describeViolations, keepScreenshot, seriousOrCritical } from '../support/page.ts';
import { startServiceOn } from '../support/service.ts';

const running = pageOnOwnCluster();

/** Counts, at every change of the live card, how many results it shows and whether it says it is running. */
async function watchLiveCard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { results: number; running: boolean }[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const card = document.querySelector('#live li:last-child .card');
      if (!card) return;
      seen.push({ results: card.querySelectorAll('.probe-checks li, .sanity-steps li:not([data-status="waiting"]):not([data-status="running"])').length, running: card.classList.contains('running') });
    }).observe(document.querySelector('#live') as Node, { childList: true, subtree: true });
  });
}

const seenStates = (page: Page) => page.evaluate(() => (window as unknown as { seen: { results: number; running: boolean }[] }).seen);

test('Check my database streams the probe into a waterfall of DNS, TCP, TLS, authentication and first query, marked pass / fail / warn', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await running.browser.newContext({ viewport: { width: colorScheme === 'light' ? 1280 : 390, height: 900 }, colorScheme });
    const page = await context.newPage();
    await page.goto(running.service.url);
    await watchLiveCard(page);
    await page.click('button[data-probe="doctor"]');
    const card = page.locator('#live .card.doctor');
    await page.waitForSelector('#live .card.doctor:not(.running)', { timeout: 60_000 });

    // It streamed: the card showed some checks, still running, before the report.
    const states = await seenStates(page);
    const total = await card.locator('.probe-checks li').count();
    assert.ok(total >= 10, `${total} checks`);
    assert.ok(states.some((s) => s.running && s.results > 0 && s.results < total), JSON.stringify(states));

    // The message names the check when one warns (cold_start reads timings, which a loaded machine skews).
    assert.equal(await card.locator('h3').textContent(), 'Every check passed', (await card.locator('.probe-checks li[data-status="warn"]').allTextContents()).join(' | '));
    assert.deepEqual(await card.locator('.waterfall .phase-label').allTextContents(), ['PassDNS', 'PassTCP', 'PassTLS', 'PassAuthentication', 'PassFirst query']);
    assert.match(await card.locator('.waterfall [data-phase="tcp"] .phase-time').textContent() ?? '', /^\d+ ms$/);
    assert.match(await card.locator('.waterfall [data-phase="auth"] .phase-time').textContent() ?? '', /^\d+ ms$/);
    assert.equal(await card.locator('.probe-checks li[data-status="fail"]').count(), 0);
    assert.match(await page.locator('#status').textContent() ?? '', /^Probe finished: nothing failed\.$/);
    const violations = seriousOrCritical(await axeViolations(page));
    assert.deepEqual(violations, [], describeViolations(violations));
    await keepScreenshot(card, `${colorScheme}-${colorScheme === 'light' ? 'wide' : 'phone'}-probe-waterfall`);
    await context.close();
  }
});

test('the deployment sanity check shows its five steps with progress; the writing steps are skipped without PROBE_ALLOW_WRITES', async () => {
  const context = await running.browser.newContext({ viewport: { width: 390, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(running.service.url);
  await watchLiveCard(page);
  await page.click('button[data-probe="sanity"]');
  await page.waitForSelector('#live .card.sanity:not(.running)', { timeout: 60_000 });
  const card = page.locator('#live .card.sanity');
  const statuses = await card.locator('.sanity-steps li').evaluateAll((items) => items.map((item) => [(item as HTMLElement).dataset.step, (item as HTMLElement).dataset.status]));
  assert.deepEqual(statuses, [
    ['health_check', 'pass'],
    ['schema_create', 'skip'],
    ['tables_exist', 'pass'],
    ['round_trip', 'skip'],
    ['restart_reread', 'skip'],
  ]);
  assert.equal(await card.locator('progress').getAttribute('value'), '5');
  assert.match(await card.textContent() ?? '', /PROBE_ALLOW_WRITES=true/);
  const states = await seenStates(page);
  assert.ok(states.some((s) => s.running && s.results > 0 && s.results < 5), JSON.stringify(states));
  await keepScreenshot(card, 'dark-phone-sanity-sequence');
  await context.close();
});

test('a probe against a wrong password fails at authentication, in red, naming the family', async () => {
  const wrong = new URL(running.cluster.url());
  wrong.password = 'not-the-password';
  const failing = await startServiceOn(running.cluster, { DATABASE_URL: wrong.href });
  try {
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(failing.url);
    await page.click('button[data-probe="doctor"]');
    await page.waitForSelector('#live .card.doctor:not(.running)', { timeout: 60_000 });
    const card = page.locator('#live .card.doctor');
    assert.match(await card.locator('h3').textContent() ?? '', /^\d+ checks? failed$/);
    assert.equal(await card.locator('.waterfall [data-phase="auth"]').getAttribute('data-status'), 'fail');
    assert.equal(await card.locator('.waterfall [data-phase="tcp"]').getAttribute('data-status'), 'pass');
    assert.equal(await card.locator('.waterfall [data-phase="firstQuery"]').getAttribute('data-status'), 'skip');
    const failed = card.locator('.probe-checks li[data-check="startup_auth"]');
    assert.equal(await failed.getAttribute('data-status'), 'fail');
    assert.match(await failed.textContent() ?? '', /Points to auth_failed/);
    assert.ok(!(await page.content()).includes('not-the-password'));
    await keepScreenshot(card, 'light-wide-probe-waterfall-failing');
    await context.close();
  } finally {
    await failing.close();
  }
});
