import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startCluster, type TestCluster } from '../support/cluster.ts';
import { startTestService, type TestService } from '../support/service.ts';

let cluster: TestCluster;
let service: TestService;
let browser: Browser;
before(async () => {
  cluster = await startCluster();
  service = await startTestService({ STORE_URL: cluster.url(), DATABASE_URL: cluster.url() });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await service?.close();
  await cluster?.stop();
});

test('paste an error, see the runbook, rule out a check, reload into the same conversation', async () => {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(service.url);
  await page.waitForURL(/\?c=[0-9a-f-]{36}/);

  await page.fill('#text', 'psql: error: connection to server at "ep-cool-darkness-123456.us-east-2.aws.neon.tech" (3.18.1.1), port 5432 failed: FATAL:  password authentication failed for user "neondb_owner"');
  await page.click('#send');
  await page.waitForSelector('.family[data-family="auth_failed"]');
  assert.match(await page.textContent('.evidence') ?? '', /password authentication failed/);
  assert.equal(await page.getAttribute('li.check .step', 'data-step-id'), 'rotate_password');
  assert.equal(await page.getAttribute('.runbook li >> nth=0', 'data-step-id'), 'rotate_password');
  assert.ok((await page.locator('.runbook li').count()) >= 4);

  await page.click('#actions button[data-answer="ruled_out"]');
  await page.waitForSelector('li.check >> nth=1');
  const secondCheck = await page.getAttribute('li.check >> nth=1 >> .step', 'data-step-id');
  assert.ok(secondCheck && secondCheck !== 'rotate_password');
  assert.equal(await page.getAttribute('#actions button[data-answer="confirmed"]', 'data-step-id'), secondCheck);
  const before = await page.locator('#messages > li').allTextContents();

  await page.reload();
  await page.waitForSelector('li.check >> nth=1');
  assert.deepEqual(await page.locator('#messages > li').allTextContents(), before);
  assert.equal(await page.getAttribute('#actions button[data-answer="confirmed"]', 'data-step-id'), secondCheck);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('a pasted password never reaches the page: it shows redacted with a warning to rotate it', async () => {
  const page = await browser.newPage();
  await page.goto(service.url);
  await page.waitForURL(/\?c=/);
  await page.fill('#text', 'postgresql://neondb_owner:npg_PageFAKE77x@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb');
  await page.click('#send');
  await page.waitForSelector('li.secret_warning');
  const html = await page.content();
  assert.ok(!html.includes('npg_PageFAKE77x'));
  assert.match(await page.textContent('li.user') ?? '', /<redacted>/);
  await page.close();
});
