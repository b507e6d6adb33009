// axe-core (WCAG 2.0 / 2.1, A and AA) on every card of the chat page, light
// and dark, phone and wide; a screenshot of each card is kept under
// test-results/e2e/ for review (git-ignored).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { ARTIFACTS_DIR, axeViolations, conversationOf, describeViolations, keepScreenshot, paste, seriousOrCritical, untilAnswered, type AxeViolation } from '../support/page.ts';
import { setUp } from '../support/setup.ts';

const SCHEMES = ['light', 'dark'] as const;
const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'wide', width: 1440, height: 900 },
] as const;

const running = pageOnOwnCluster();
/** The owner's cookie and the two conversations that hold every card. */
let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;
let walked: string;
let fixing: string;
const report: Record<string, { view: string; violations: AxeViolation[] }[]> = {};

const answer = (page: Page, answerId: string) => untilAnswered(page, () => page.click(`.card.current button.answer.${answerId}`));

setUp(async () => {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  await page.goto(running.service.url);
  // Triage with an alternative, an earlier check, the current check, an audit with findings, a secret warning.
  await paste(page, 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\nDATABASE_URL=postgresql://app:npg_AxeFAKE31z@localhost/app');
  await answer(page, 'ruled_out');
  walked = conversationOf(page);
  await page.click('#new-conversation');
  // A confirmed check: the fix card.
  await paste(page, 'FATAL:  password authentication failed for user "neondb_owner"');
  await answer(page, 'confirmed');
  fixing = conversationOf(page);
  storageState = await context.storageState();
  await context.close();
});
after(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, 'axe-report.json'), `${JSON.stringify(report, null, 2)}\n`);
});

for (const scheme of SCHEMES) {
  for (const screen of SCREENS) {
    test(`no serious or critical WCAG 2 A/AA violation, ${scheme} on a ${screen.name} (${screen.width} px); every card photographed`, async () => {
      const context = await running.browser.newContext({ viewport: { width: screen.width, height: screen.height }, colorScheme: scheme, storageState });
      const page = await context.newPage();
      const label = `${scheme}-${screen.name}`;
      const runs: { view: string; violations: AxeViolation[] }[] = (report[label] = []);
      const check = async (view: string) => {
        const violations = await axeViolations(page);
        runs.push({ view, violations });
        assert.deepEqual(seriousOrCritical(violations), [], `${label} ${view}:\n${describeViolations(seriousOrCritical(violations))}`);
      };

      await page.goto(running.service.url);
      await page.click('#new-conversation');
      await page.waitForSelector('#intro:not([hidden])');
      await check('empty conversation');
      await keepScreenshot(page, `${label}-empty`);

      await page.goto(`${running.service.url}/?c=${walked}`);
      await page.waitForSelector('.card.check.current');
      await check('triage, check, audit, secret warning');
      await keepScreenshot(page.locator('.card.triage'), `${label}-triage-card`);
      await keepScreenshot(page.locator('.card.check.current'), `${label}-check-card`);
      await keepScreenshot(page.locator('details.earlier'), `${label}-earlier-check-folded`);
      await keepScreenshot(page.locator('.card.audit'), `${label}-audit-card`);
      await keepScreenshot(page.locator('.card.secret'), `${label}-secret-warning`);
      await keepScreenshot(page.locator('li.user').first(), `${label}-pasted`);
      await keepScreenshot(page.locator('#composer'), `${label}-composer`);
      await keepScreenshot(page.locator('nav.history'), `${label}-conversation-list`);
      // Opened: every folded finding, part and earlier check.
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details')) (details as HTMLDetailsElement).open = true;
      });
      await check('every details element open');
      await keepScreenshot(page.locator('.card.audit'), `${label}-audit-card-open`);
      await keepScreenshot(page, `${label}-conversation`);

      // Focus on a control shows, in this scheme too.
      await page.focus('.card.current button.answer.confirmed');
      await keepScreenshot(page.locator('.card.current .answers'), `${label}-focus-ring`);

      await page.goto(`${running.service.url}/?c=${fixing}`);
      await page.waitForSelector('.card.fix.current');
      await check('fix card');
      await keepScreenshot(page.locator('.card.fix.current'), `${label}-fix-card`);
      await context.close();
    });
  }
}

test('the axe run reports a page that breaks the rules (the checks above can fail)', async () => {
  const page = await running.browser.newPage();
  await page.setContent('<!doctype html><html lang="en"><title>t</title><main><p style="color:#c8c8c8;background:#fff">faint text</p><input type="text"></main></html>');
  const ids = seriousOrCritical(await axeViolations(page)).map((v) => v.id).sort();
  assert.deepEqual(ids, ['color-contrast', 'label']);
  await page.close();
});
