// Verify on the page, in real Chromium against the real service: the live
// probe decides a check against the database the service is set up with (the
// test cluster here), the verdict card shows what it saw and which probe check
// decided, and the runbook moves as the server says. A manual check offers no
// Verify. By mouse and by keyboard; axe-core on each new state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { assertNoViolations, conversationOf, focusRing, keepScreenshot, paste, tabTo } from '../support/page.ts';
import { startServiceOn } from '../support/service.ts';

const AUTH_ERROR = 'FATAL:  password authentication failed for user "neondb_owner"';

const running = pageOnOwnCluster();

/** Records, from before the click, whether the page showed its working state while the probe ran. */
async function watchWorkingState(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { button: false, busyCard: false, status: '' };
    (window as unknown as { __working: typeof seen }).__working = seen;
    new MutationObserver(() => {
      const button = document.querySelector('.card.current button.verify.working');
      if (button && button.textContent === 'Verifying…') seen.button = true;
      if (document.querySelector('.card.current[aria-busy="true"]')) seen.busyCard = true;
      const status = document.querySelector('#status')?.textContent ?? '';
      if (document.body.hasAttribute('data-busy') && status.startsWith('Verifying')) seen.status = status;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function workingStateSeen(page: Page) {
  return page.evaluate(() => (window as unknown as { __working: unknown }).__working);
}

async function verdictsShown(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.card.verdict').length === n && !document.body.hasAttribute('data-busy'), count);
}

const statuses = (page: Page) => page.locator('.card.triage .steps .step').evaluateAll((items) => items.map((item) => [(item as HTMLElement).dataset.stepId, (item as HTMLElement).dataset.status, item.querySelector('.step-status')?.textContent]));

test('Verify on a live check: a working state, then the verdict card with its evidence and deciding probe check, and the runbook moves; a manual check offers no Verify', async () => {
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(running.service.url);
  await paste(page, AUTH_ERROR);

  const current = page.locator('.card.check.current');
  assert.equal(await current.locator('button.verify').getAttribute('data-probe-check'), 'startup_auth');
  assert.match(await current.locator('.verify-note').textContent() ?? '', /^Verify runs the live probe's startup_auth check \(read-only\) against the database this pgtriage is set up with \(DATABASE_URL\) and answers for you\.$/);
  assert.deepEqual(await current.locator('.answers button').allTextContents(), ['Verify', 'Confirmed', 'Ruled out']);

  await watchWorkingState(page);
  await current.locator('button.verify').click();
  await verdictsShown(page, 1);
  const working = (await workingStateSeen(page)) as { button: boolean; busyCard: boolean; status: string };
  assert.deepEqual(working, { button: true, busyCard: true, status: 'Verifying with the live probe (startup_auth)…' });

  // The cluster takes DATABASE_URL's password: the probe rules the stale password out.
  const verdict = page.locator('.card.verdict');
  assert.equal(await verdict.locator('.verdict-line').getAttribute('data-verdict'), 'ruled_out');
  assert.equal(await verdict.locator('h3').textContent(), await page.locator('.card.triage .steps .step').first().locator('.step-title').textContent());
  assert.match(await verdict.locator('.evidence-text').textContent() ?? '', /^the probe logged in with DATABASE_URL \(.+\): the password is right/);
  assert.equal(await verdict.locator('.decided-by code').first().textContent(), 'startup_auth');
  assert.match(await verdict.locator('.moved').textContent() ?? '', /as if you had answered Ruled out/);
  assert.match(await page.locator('#messages li[data-type="user_verify"]').textContent() ?? '', /You asked the live probe to verify “/);
  assert.deepEqual((await statuses(page)).slice(0, 2), [
    ['rotate_password', 'done', 'Ruled out'],
    ['check_user_name', 'current', 'Current'],
  ]);
  assert.match(await page.locator('details.earlier summary').first().textContent() ?? '', /Check 1 of \d+: .*Ruled out/);
  assert.match(await page.locator('#status').textContent() ?? '', /Live probe: ruled out\./);
  await assertNoViolations(page, 'verdict card, light, wide');
  await keepScreenshot(verdict, 'light-wide-verdict-card');

  // Live checks until the first manual one, by keyboard: Tab to Verify, Enter; focus moves to the next check.
  for (let verdicts = 2; ; verdicts++) {
    if ((await page.locator('.card.check.current button.verify').count()) === 0) break;
    await tabTo(page, '.card.check.current button.verify');
    assert.deepEqual(await focusRing(page), { style: 'solid', widthPx: 3 });
    await page.keyboard.press('Enter');
    await verdictsShown(page, verdicts);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.card')?.classList.contains('current')), true, 'focus on the new current card');
    assert.ok(verdicts < 6, 'a manual check comes within the auth_failed runbook');
  }
  const kept = await running.cluster.query<{ type: string; verdict: string | null }>(
    "select body->>'type' as type, body->>'verdict' as verdict from messages where conversation_id = $1 and body->>'type' in ('user_verify', 'verdict') order by seq",
    [conversationOf(page)],
    'postgres',
  );
  assert.ok(kept.length >= 4 && kept.length % 2 === 0, JSON.stringify(kept));
  assert.ok(kept.every((row, i) => row.type === (i % 2 === 0 ? 'user_verify' : 'verdict')));

  // The first manual check: only Confirmed / Ruled out, with the command to copy.
  const manual = page.locator('.card.check.current');
  assert.equal(await manual.locator('button.verify').count(), 0);
  assert.deepEqual(await manual.locator('.answers button').allTextContents(), ['Confirmed', 'Ruled out']);
  assert.match(await manual.locator('.verify-note').textContent() ?? '', /No live probe decides this check/);
  const stepsNow = await statuses(page);
  const currentIndex = stepsNow.findIndex(([, status]) => status === 'current');
  assert.ok(currentIndex >= 2);
  assert.ok(stepsNow.slice(0, currentIndex).every(([, status, label]) => status === 'done' && (label === 'Ruled out' || label === 'Confirmed')), JSON.stringify(stepsNow));
  await assertNoViolations(page, 'manual check after verdicts, light, wide');
  await keepScreenshot(manual, 'light-wide-manual-check-card');

  // A reload shows the same verdicts and the same place in the runbook.
  await page.reload();
  await page.waitForSelector('.card.check.current');
  assert.deepEqual(await statuses(page), stepsNow);
  assert.equal(await page.locator('.card.verdict').count(), kept.length / 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the verdict and Verify pass axe in dark on a phone, and Verify on the fix card re-checks the fix', async () => {
  const context = await running.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(running.service.url);
  await paste(page, AUTH_ERROR);
  await assertNoViolations(page, 'live check card, dark, phone');
  await keepScreenshot(page.locator('.card.check.current'), 'dark-phone-live-check-card');
  // Confirmed by hand: the fix card; Verify there re-runs the probe, and ruled out now means resolved.
  await page.click('.card.current button.answer.confirmed');
  await page.waitForSelector('.card.fix.current');
  const fix = page.locator('.card.fix.current');
  assert.equal(await fix.locator('button.verify').getAttribute('data-probe-check'), 'startup_auth');
  assert.match(await fix.locator('.verify-note').textContent() ?? '', /ruled out now means the fix worked/);
  await fix.locator('button.verify').click();
  await verdictsShown(page, 1);
  assert.equal(await page.locator('.card.verdict .verdict-line').getAttribute('data-verdict'), 'ruled_out');
  assert.match(await page.locator('.card.verdict .moved').textContent() ?? '', /as if you had answered Fixed it/);
  await page.waitForSelector('.card.resolved');
  await assertNoViolations(page, 'verdict and resolved, dark, phone');
  await keepScreenshot(page.locator('.card.verdict'), 'dark-phone-verdict-card');
  await context.close();
});

test('a confirmed verdict: with a stale password in DATABASE_URL the probe confirms the check with the server\'s 28P01, the fix card follows, and the password never reaches the page', async () => {
  const stale = 'stale-FAKE-pw-Verify9';
  const staleService = await startServiceOn(running.cluster, { DATABASE_URL: running.cluster.url().replace(encodeURIComponent(running.cluster.password), stale) });
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(staleService.url);
    await paste(page, AUTH_ERROR);
    await page.click('.card.check.current button.verify');
    await verdictsShown(page, 1);
    const verdict = page.locator('.card.verdict');
    assert.equal(await verdict.locator('.verdict-line').getAttribute('data-verdict'), 'confirmed');
    assert.match(await verdict.locator('.evidence-text').textContent() ?? '', /password authentication failed for user "postgres" \(SQLSTATE 28P01\)/);
    assert.match(await verdict.locator('.decided-by').textContent() ?? '', /^Decided by the probe check startup_auth \(fail, the run took \d+ ms\), which points to auth_failed\.$/);
    assert.match(await verdict.locator('.moved').textContent() ?? '', /as if you had answered Confirmed/);
    await page.waitForSelector('.card.fix.current');
    assert.ok(!(await page.content()).includes(stale));
    await assertNoViolations(page, 'confirmed verdict and fix card, light, wide');
    await keepScreenshot(verdict, 'light-wide-verdict-confirmed');
  } finally {
    await context.close();
    await staleService.close();
  }
});
