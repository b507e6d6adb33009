// The explanation under each decision, on the page: streamed from a real
// OpenAI-compatible server on loopback while a visible state says it is being
// written, kept with the conversation, and rendered as text only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { fakeOpenAIForTests, modelEnv, obedientAnswer, politeAnswer } from '../support/openai-server.ts';
import { axeViolations, describeViolations, keepScreenshot, seriousOrCritical } from '../support/page.ts';

const AUTH_ERROR = 'FATAL:  password authentication failed for user "neondb_owner"';
// Markup the output guard lets through (no URL, host, command or setting in it), and markup it drops.
const MARKUP_KEPT = '<b>Read this first</b> <i>then act</i> <marquee>now</marquee>';
const MARKUP_DROPPED = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let inject: string | null = null;
// Slow chunks: the page must show the pending state, then the sections as they come.
const fake = fakeOpenAIForTests((request) => ({ kind: 'text', text: inject !== null ? obedientAnswer(request, inject) : politeAnswer(request), chunkChars: 40, chunkDelayMs: 60 }));
const running = pageOnOwnCluster(() => modelEnv(fake, 20_000));

async function pasteAndWatch(page: Page, text: string): Promise<void> {
  await page.evaluate(() => {
    const seen: { working: boolean; sections: number }[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const card = document.querySelector('.card.phrasing');
      if (card) seen.push({ working: card.querySelector('.phrasing-source.working') !== null, sections: card.querySelectorAll('.phrasing-section').length });
    }).observe(document.querySelector('#messages') as Node, { childList: true, subtree: true });
  });
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

test('the explanation streams in under the triage with a visible working state, then stays after a reload', async () => {
  inject = null;
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(running.service.url);
  await pasteAndWatch(page, AUTH_ERROR);
  await page.waitForSelector('.card.check.current');
  // The deterministic answer is there before the model has finished.
  await page.waitForSelector('.card.phrasing .phrasing-source[data-source="model"]', { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: { working: boolean; sections: number }[] }).seen);
  assert.ok(seen.some((s) => s.working && s.sections === 0), `a working state first: ${JSON.stringify(seen)}`);
  assert.ok(seen.some((s) => s.working && s.sections > 0), `sections while still working: ${JSON.stringify(seen)}`);
  const card = page.locator('.card.phrasing');
  assert.equal(await card.locator('h3').textContent(), 'The runbook, explained');
  assert.match(await card.locator('.phrasing-source').textContent() ?? '', /^Written by the model/);
  const headings = await card.locator('.phrasing-section h4').allTextContents();
  assert.ok(headings.length >= 2, headings.join(' | '));
  const shown = await card.textContent();
  assert.match(shown ?? '', /explained in plain words/);
  await keepScreenshot(card, 'light-wide-phrasing-card');
  const violations = seriousOrCritical(await axeViolations(page));
  assert.deepEqual(violations, [], describeViolations(violations));

  await page.reload();
  await page.waitForSelector('.card.phrasing');
  assert.equal(await page.locator('.card.phrasing').textContent(), shown);
  await context.close();
});

for (const [payload, expectedSource] of [[MARKUP_KEPT, 'model'], [MARKUP_DROPPED, 'offline']] as const) {
  test(`markup in a model's reply stays inert text (${expectedSource === 'model' ? 'kept by the guard' : 'dropped by the guard'})`, async () => {
    inject = payload;
    const context = await running.browser.newContext({ viewport: { width: 390, height: 900 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(running.service.url);
    await pasteAndWatch(page, AUTH_ERROR);
    await page.waitForSelector('.card.phrasing .phrasing-source:not(.working)', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.querySelectorAll('#messages img, #messages script, #messages b, #messages i, #messages marquee').length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('.card.phrasing .phrasing-source').getAttribute('data-source'), expectedSource);
    if (expectedSource === 'model') assert.ok((await page.locator('.card.phrasing').textContent())?.includes(payload));
    await keepScreenshot(page.locator('.card.phrasing'), `dark-phone-phrasing-card-${expectedSource}`);
    await context.close();
  });
}
