// The secret checklist on the page, in real Chromium against the real service
// on a real PostgreSQL: the quick action opens the form, the card has real
// checkboxes (labelled, by keyboard, a visible focus), each tick is posted and
// comes back after a reload and a restart of the service, the live-secret
// warning shows and the live value is nowhere on the page; axe-core finds no
// violation, light and dark, phone and wide.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { FAKE } from '../support/fake-secrets.ts';
import { axeViolations, describeViolations, focusRing, horizontalOverflow, keepScreenshot, openTab, tabTo } from '../support/page.ts';

const DB_PASSWORD = FAKE.neonPassword(601);
const STRIPE = FAKE.stripeLive(602);
const ENV = `DATABASE_URL=postgresql://neondb_owner:${DB_PASSWORD}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb\nSTRIPE_SECRET_KEY=${STRIPE}\nOPENAI_API_KEY=your-key-here\n`;

// A fixed port: after a restart the page comes back on the same origin.
const running = pageOnOwnCluster({}, { samePortOnRestart: true });

async function makeChecklist(page: Page): Promise<void> {
  await page.fill('.checklist-form textarea[name="description"]', 'FastAPI on Neon with Stripe and OpenAI');
  await page.fill('.checklist-form textarea[name="env"]', ENV);
  await page.fill('.checklist-form textarea[name="gitignore"]', 'node_modules\n');
  await page.click('.checklist-form button[type="submit"]');
  await page.waitForSelector('.card.checklist');
  await page.waitForFunction(() => !document.body.hasAttribute('data-busy'));
}

/** The ticks as the server has them. */
async function serverTicks(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate(async () => {
    const id = new URLSearchParams(location.search).get('c');
    const response = await fetch(`/api/conversations/${id}`);
    return (await response.json()).checklist.ticks;
  });
}

async function waitForProgress(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('.card.checklist .checklist-progress')?.textContent === expected && !document.querySelector('.card.checklist[aria-busy]'), text);
}

test('the checklist by keyboard: the form, the card, ticks on the server through a reload and a restart', async () => {
  const { context, page, problems } = await openTab(running);
  await tabTo(page, '#checklist-open');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.checklist-form');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).name), 'description');
  assert.equal(await page.getAttribute('#checklist-open', 'aria-expanded'), 'true');
  // Escape closes the form and gives the focus back to the quick action.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.checklist-form').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'checklist-open');
  assert.equal(await page.getAttribute('#checklist-open', 'aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.checklist-form');
  // Nothing to read: said on the form, nothing sent.
  await page.click('.checklist-form button[type="submit"]');
  assert.match((await page.textContent('.checklist-form .form-error')) ?? '', /Describe your app or paste its \.env/);
  assert.equal(await page.locator('#messages > li').count(), 0);

  await makeChecklist(page);
  assert.equal(await page.locator('.checklist-form').count(), 0, 'the form closes once the checklist is there');
  assert.match((await page.textContent('.card.checklist h3')) ?? '', /^3 secrets to keep safe$/);
  // The live-secret warning, calm and visible, names what to rotate; the values are nowhere on the page.
  const warning = (await page.textContent('.card.secret')) ?? '';
  assert.match(warning, /DATABASE_URL and STRIPE_SECRET_KEY/);
  assert.match(warning, /rotate/);
  assert.equal(await page.locator('.secret-item.live .badge.error').count(), 2);
  const html = await page.content();
  assert.ok(!html.includes(DB_PASSWORD) && !html.includes(STRIPE), 'a live value is on the page');

  // Real checkboxes, each with its label and its description.
  const boxes = page.locator('.card.checklist input[type="checkbox"]');
  const count = await boxes.count();
  assert.equal(count, 13);
  assert.deepEqual(
    await page.evaluate(() => [...document.querySelectorAll('.card.checklist input[type="checkbox"]')].filter((box) => (box as HTMLInputElement).labels?.length !== 1 || !document.getElementById(box.getAttribute('aria-describedby') ?? '')).length),
    0,
  );
  await waitForProgress(page, `0 of ${count} done`);

  // Tick by keyboard: Tab to the box, Space; the focus ring is visible.
  await tabTo(page, 'input[data-item-id="DATABASE_URL:rotated"]', { limit: 80 });
  assert.deepEqual(await focusRing(page), { style: 'solid', widthPx: 3 });
  await page.keyboard.press('Space');
  await waitForProgress(page, `1 of ${count} done`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-item-id')), 'DATABASE_URL:rotated', 'the focus stays on the box');
  // By mouse, on the label.
  await page.click('li.tick[data-item-id="gitignore:.env"] label');
  await waitForProgress(page, `2 of ${count} done`);
  await page.click('li.tick[data-item-id="STRIPE_SECRET_KEY:stored"] label');
  await waitForProgress(page, `3 of ${count} done`);
  await page.click('li.tick[data-item-id="STRIPE_SECRET_KEY:stored"] label');
  await waitForProgress(page, `2 of ${count} done`);
  assert.match((await page.textContent('#status')) ?? '', /^Not done: Keep STRIPE_SECRET_KEY/);
  const ticked = { 'DATABASE_URL:rotated': true, 'gitignore:.env': true };
  const onServer = await serverTicks(page);
  assert.deepEqual(Object.fromEntries(Object.entries(onServer).filter(([, on]) => on)), ticked);
  assert.equal(Object.keys(onServer).length, count);

  const checked = () => page.evaluate(() => [...document.querySelectorAll('.card.checklist input:checked')].map((box) => box.getAttribute('data-item-id')).sort());
  await page.reload();
  await page.waitForSelector('.card.checklist');
  assert.deepEqual(await checked(), Object.keys(ticked).sort());
  await waitForProgress(page, `2 of ${count} done`);

  await running.restart();
  await page.reload();
  await page.waitForSelector('.card.checklist');
  assert.deepEqual(await checked(), Object.keys(ticked).sort());
  // Tick messages are not shown as messages of their own.
  assert.deepEqual(await page.locator('#messages > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-type'))), ['user_checklist', 'checklist', 'secret_warning', 'phrasing']);
  // The list is read after the conversation, on its own request: waited for, not read at once.
  await page.waitForFunction(() => /Secret checklist for FastAPI on Neon/.test(document.querySelector('#conversation-list')?.textContent ?? ''), undefined, { timeout: 10_000 });
  await keepScreenshot(page.locator('.card.checklist'), 'light-wide-checklist-card');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, colorScheme, screen] of [[1440, 'light', 'wide'], [390, 'dark', 'phone'], [1440, 'dark', 'wide'], [390, 'light', 'phone']] as const) {
  test(`no axe-core violation on the form and the card, ${colorScheme} ${screen}; no sideways scroll`, async () => {
    const { context, page, problems } = await openTab(running, { width, colorScheme });
    await page.click('#checklist-open');
    await page.waitForSelector('.checklist-form');
    let violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await keepScreenshot(page.locator('.checklist-form'), `${colorScheme}-${screen}-checklist-form`);
    await makeChecklist(page);
    await page.click('li.tick[data-item-id="DATABASE_URL:stored"] label');
    await waitForProgress(page, '1 of 13 done');
    await page.click('.card.checklist details.recovery summary');
    violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.equal(await horizontalOverflow(page), 0);
    await keepScreenshot(page.locator('.card.checklist'), `${colorScheme}-${screen}-checklist-card`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a tick the server refuses is undone on the page and the error says what to do', async () => {
  const { context, page } = await openTab(running);
  await page.click('#checklist-open');
  await makeChecklist(page);
  // Another tab replaces the checklist: this page's boxes now name items that are gone.
  await page.evaluate(async () => {
    const id = new URLSearchParams(location.search).get('c');
    await fetch(`/api/conversations/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checklist: { description: 'Express on Neon' } }) });
  });
  await page.click('li.tick[data-item-id="STRIPE_SECRET_KEY:loaded"] label');
  await page.waitForFunction(() => document.querySelector('#error')?.textContent?.includes('no item'));
  assert.equal(await page.isChecked('input[data-item-id="STRIPE_SECRET_KEY:loaded"]'), false);
  assert.match((await page.textContent('#error')) ?? '', /What to do: GET the conversation/);
  await context.close();
});
