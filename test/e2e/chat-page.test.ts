// The chat page in real Chromium against the real service on a real
// PostgreSQL: every flow a user goes through, by mouse and by keyboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageOnOwnCluster } from '../support/browser.ts';
import { focusRing, horizontalOverflow, openTab, paste, tabTo, untilAnswered } from '../support/page.ts';

const AUTH_ERROR = 'psql: error: connection to server at "ep-cool-darkness-123456.us-east-2.aws.neon.tech" (3.18.1.1), port 5432 failed: FATAL:  password authentication failed for user "neondb_owner"';
const REFUSED_ERROR = 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)';
const NEON_URL_WITH_PASSWORD = 'postgresql://neondb_owner:npg_PageFAKE77x@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb';

// A fixed port: a restart comes back on the same origin, as it does for a user.
const running = pageOnOwnCluster({}, { samePortOnRestart: true });

const answer = (page: Page, answerId: string) => untilAnswered(page, () => page.click(`.card button.answer.${answerId}`));

test('a pasted error becomes a triage card: plain title, evidence marked in the paste, and the runbook as done / current / ahead', async () => {
  const { context, page, problems } = await openTab(running);
  await paste(page, REFUSED_ERROR);
  const triage = page.locator('.card.triage');
  assert.equal(await triage.locator('h3').textContent(), 'Cannot reach the server');
  assert.equal(await triage.locator('.family').getAttribute('data-family'), 'cannot_connect');
  assert.deepEqual(await triage.locator('.excerpt mark').allTextContents(), ['ECONNREFUSED 127.0.0.1']);
  assert.match(await triage.locator('.alternatives').textContent() ?? '', /Connection settings never loaded\s*env_missing/);
  const statuses = () => triage.locator('.steps .step').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status));
  assert.deepEqual(await statuses(), ['current', 'ahead', 'ahead', 'ahead', 'ahead']);
  assert.equal(await triage.locator('.steps [aria-current="step"]').getAttribute('data-step-id'), 'verify_host');

  // The current check: what to do, the command with Copy, Verify (the probe decides verify_host) and the two answers.
  const check = page.locator('.card.check');
  assert.equal(await check.locator('.eyebrow').textContent(), 'Check 1 of 5 · Cannot reach the server');
  assert.ok((await check.locator('.command').count()) >= 1);
  assert.deepEqual(await check.locator('.answers button').allTextContents(), ['Verify', 'Confirmed', 'Ruled out']);

  await answer(page, 'ruled_out');
  assert.deepEqual(await statuses(), ['done', 'current', 'ahead', 'ahead', 'ahead']);
  assert.equal(await triage.locator('.step.done .step-status').textContent(), 'Ruled out');
  // The answered check folds to one line; only the new one has buttons.
  assert.match(await page.locator('details.earlier summary').textContent() ?? '', /^Check 1 of 5: .*Ruled out$/);
  assert.equal(await page.locator('.card button.answer').count(), 2);
  assert.equal(await page.locator('.card.check.current .eyebrow').textContent(), 'Check 2 of 5 · Cannot reach the server');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Enter sends, Shift+Enter adds a line, and the hint tells an error, a URL, a .env file and a question apart', async () => {
  const { context, page, problems } = await openTab(running);
  const hint = () => page.locator('#paste-hint').getAttribute('data-kind');
  await page.focus('#text');
  await page.keyboard.type('FATAL:  password authentication failed for user "app"');
  assert.equal(await hint(), 'error');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('DETAIL:  Connection matched pg_hba.conf line 99');
  assert.equal(await page.inputValue('#text'), 'FATAL:  password authentication failed for user "app"\nDETAIL:  Connection matched pg_hba.conf line 99');
  assert.equal(await page.locator('#messages > li').count(), 0, 'Shift+Enter did not send');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.card.triage');
  assert.equal(await page.inputValue('#text'), '');
  assert.equal(await page.locator('li.user pre').textContent(), 'FATAL:  password authentication failed for user "app"\nDETAIL:  Connection matched pg_hba.conf line 99');
  assert.equal(await page.locator('li.user .chip').textContent(), 'Error');

  for (const [text, kind] of [
    ['postgresql://app@ep-x-1.us-east-2.aws.neon.tech/app?sslmode=require', 'url'],
    ['host=db.internal dbname=app user=app sslmode=require', 'url'],
    ['# local settings\nDATABASE_URL=postgresql://app@localhost/app\nPORT=3000', 'env'],
    ['how do I rotate the password of neondb_owner?', 'question'],
    ['', 'empty'],
  ] as const) {
    await page.fill('#text', text);
    assert.equal(await hint(), kind, text);
  }
  // Enter on an empty input sends nothing.
  await page.press('#text', 'Enter');
  assert.equal(await page.locator('#messages > li.user').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('quick actions set the input up for an audit or a runbook, and say what to paste', async () => {
  const { context, page } = await openTab(running);
  await page.click('button[data-quick="audit"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'text');
  assert.equal(await page.locator('label[for="text"]').textContent(), 'Paste the connection string to audit');
  assert.match(await page.locator('#paste-hint').textContent() ?? '', /six parts/);
  assert.equal(await page.getAttribute('button[data-quick="audit"]', 'aria-pressed'), 'true');
  await page.click('button[data-quick="runbook"]');
  assert.equal(await page.locator('label[for="text"]').textContent(), 'Paste the exact error your app printed');
  assert.equal(await page.getAttribute('button[data-quick="audit"]', 'aria-pressed'), 'false');
  await paste(page, 'postgresql://app@ep-x-1.us-east-2.aws.neon.tech/app');
  assert.equal(await page.locator('.card.audit').count(), 1);
  // Sent: the input is back to its plain self.
  assert.equal(await page.locator('label[for="text"]').textContent(), 'Error, connection string or .env file');
  await context.close();
});

test('Copy puts the check\'s command on the clipboard', async () => {
  const { context, page } = await openTab(running);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.service.url });
  await paste(page, AUTH_ERROR);
  const first = page.locator('.card.check .command').first();
  const command = await first.locator('code').textContent();
  assert.match(command ?? '', /^node -e "const u=new URL\(process\.env\.DATABASE_URL\)/);
  await first.locator('button.copy').click();
  await page.waitForFunction(() => document.querySelector('.card.check button.copy')?.textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);
  assert.equal(await page.locator('#status').textContent(), 'Command copied to the clipboard.');
  await context.close();
});

test('the connection-string audit shows the six parts and findings by severity, one line each until opened', async () => {
  const { context, page, problems } = await openTab(running);
  await paste(page, 'postgresql://app@ep-cool-darkness-123456.us-east-2.aws.neon.tech/app');
  const audit = page.locator('.card.audit');
  assert.deepEqual(await audit.locator('table.parts tbody th').allTextContents(), ['Driver / scheme', 'User', 'Password', 'Host and port', 'Database', 'Parameters']);
  assert.equal(await audit.locator('tr[data-part="host"] .part-value').textContent(), 'ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432');
  assert.equal(await audit.locator('tr[data-part="password"] .part-value').textContent(), 'absent');
  const groups = await audit.locator('.findings [data-severity]').evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.severity));
  assert.deepEqual(groups, [...groups].sort((a, b) => ['error', 'warn', 'info'].indexOf(a as string) - ['error', 'warn', 'info'].indexOf(b as string)));
  assert.ok(groups.includes('error'));

  // Collapsed: one line, the fix hidden until the finding is opened.
  const sslmode = audit.locator('details.finding[data-finding="sslmode_missing"]');
  assert.equal(await sslmode.evaluate((d) => (d as HTMLDetailsElement).open), false);
  const summaryHeight = await sslmode.locator('summary').evaluate((s) => s.getBoundingClientRect().height);
  assert.ok(summaryHeight < 40, `the summary is one line (${summaryHeight}px)`);
  assert.equal(await sslmode.locator('.fix').isVisible(), false);
  await sslmode.locator('summary').click();
  assert.equal(await sslmode.locator('.fix').isVisible(), true);
  assert.match(await sslmode.locator('.fix').textContent() ?? '', /sslmode=require/);

  // What each part controls is there, folded.
  await audit.locator('tr[data-part="host"] summary').click();
  assert.match(await audit.locator('tr[data-part="host"] .part-more').textContent() ?? '', /When it is wrong/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pasted password never reaches the page: shown redacted, with a calm warning to rotate it and how', async () => {
  const { context, page } = await openTab(running);
  await paste(page, NEON_URL_WITH_PASSWORD);
  const warning = page.locator('.card.secret');
  assert.equal(await warning.getAttribute('role'), 'note');
  assert.equal(await warning.locator('.secret-title').textContent(), 'Your paste held a secret. It was redacted.');
  assert.match(await warning.textContent() ?? '', /rotate it \(Neon console: Roles, Reset password\)/);
  assert.ok(await warning.isVisible());
  assert.ok(!(await page.content()).includes('npg_PageFAKE77x'));
  assert.deepEqual(await page.locator('li.user .redacted').allTextContents(), ['<redacted>']);
  await context.close();
});

test('script in a pasted error or URL stays inert text', async () => {
  const { context, page } = await openTab(running);
  const payloads = [
    'FATAL: password authentication failed for user "<img src=x onerror=window.__pwned=1>"',
    'postgresql://"><script>window.__pwned=2</script><svg onload=window.__pwned=3>@ep-x-1.us-east-2.aws.neon.tech/db',
    'Error: connect ECONNREFUSED <iframe src="javascript:window.__pwned=4"></iframe>',
  ];
  for (const payload of payloads) await paste(page, payload);
  const injected = await page.evaluate(() => document.querySelectorAll('#messages img, #messages script, #messages svg, #messages iframe, #conversation-list img').length);
  assert.equal(injected, 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  const shown = await page.locator('#messages').textContent();
  assert.ok(shown?.includes('<img src=x onerror=window.__pwned=1>'));
  assert.ok(shown?.includes('<script>window.__pwned=2</script>'));
  // The list of conversations shows the first line as text too.
  await page.reload();
  await page.waitForSelector('#conversation-list li');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#conversation-list img').length), 0);
  await context.close();
});

test('a runbook completed by keyboard alone, with a visible focus on every control used', async () => {
  const { context, page, problems } = await openTab(running);
  await page.keyboard.press('Tab'); // the skip link comes first
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the input');
  await page.keyboard.press('Enter');
  await tabTo(page, '#text');
  await page.keyboard.type(AUTH_ERROR);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.card.check');
  // The new check takes focus: its heading, so a screen reader reads it first.
  await page.waitForFunction(() => document.activeElement?.closest('.card.check') !== null);

  await tabTo(page, '.card button.answer.ruled_out');
  assert.deepEqual(await focusRing(page), { style: 'solid', widthPx: 3 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.card.check.current .eyebrow')?.textContent?.startsWith('Check 2 of'));
  await page.waitForFunction(() => document.activeElement?.matches('.card.check.current h3'));

  await tabTo(page, '.card button.answer.confirmed');
  await page.keyboard.press('Space');
  await page.waitForSelector('.card.fix');
  await tabTo(page, '.card button.answer.resolved');
  assert.deepEqual(await focusRing(page), { style: 'solid', widthPx: 3 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.card.resolved');
  assert.match(await page.locator('.card.resolved h3').textContent() ?? '', /^Resolved: /);
  const statuses = await page.locator('.card.triage .steps .step').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status));
  assert.deepEqual(statuses.slice(0, 2), ['done', 'done']);
  assert.equal(await page.locator('.card button.answer').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('reload keeps the conversation, and the list resumes an earlier one', async () => {
  const { context, page, problems } = await openTab(running);
  await paste(page, AUTH_ERROR);
  await answer(page, 'ruled_out');
  const firstUrl = page.url();
  const firstMessages = await page.locator('#messages > li').allTextContents();
  await page.reload();
  await page.waitForSelector('.card.check.current');
  assert.deepEqual(await page.locator('#messages > li').allTextContents(), firstMessages);

  await page.click('#new-conversation');
  assert.equal(await page.locator('#messages > li').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'text');
  await paste(page, 'FATAL: sorry, too many clients already');
  await page.waitForFunction(() => document.querySelectorAll('#conversation-list li').length === 2);
  assert.deepEqual(await page.locator('#conversation-list .conversation-title').allTextContents(), ['Too many connections', 'Authentication failed']);
  assert.equal(await page.locator('#conversation-list a[aria-current="page"] .conversation-title').textContent(), 'Too many connections');

  await page.click('#conversation-list a >> text=Authentication failed');
  await page.waitForSelector('.card.triage h3 >> text=Authentication failed');
  assert.equal(page.url(), firstUrl);
  assert.deepEqual(await page.locator('#messages > li').allTextContents(), firstMessages);
  assert.equal(await page.locator('#conversation-list a[aria-current="page"] .conversation-title').textContent(), 'Authentication failed');
  // And carries on from where it stood.
  await answer(page, 'ruled_out');
  assert.match(await page.locator('.card.check.current .eyebrow').textContent() ?? '', /^Check 3 of/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('New conversation while the last one still loads: the new, empty one stays, and the late answer is dropped', async () => {
  const { context, page, problems } = await openTab(running);
  await paste(page, AUTH_ERROR);
  // The reload's read of the remembered conversation is held back until after the click.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let seen!: () => void;
  const reading = new Promise<void>((resolve) => (seen = resolve));
  await page.route(/\/api\/conversations\/[0-9a-f-]{36}(?:\?|$)/, async (route) => {
    seen();
    await held;
    await route.continue();
  });
  await page.reload();
  await reading;
  await page.click('#new-conversation');
  release();
  await page.waitForResponse(/\/api\/conversations\/[0-9a-f-]{36}(?:\?|$)/);
  // What the page would have drawn from the late answer, had it not been dropped.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#messages > li').count(), 0);
  assert.equal(await page.locator('#intro').isVisible(), true);
  assert.equal(new URL(page.url()).searchParams.get('c'), null);
  await page.unroute(/\/api\/conversations\//);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no failing request on a load: a favicon is served and nothing 404s', async () => {
  const { context, page, problems } = await openTab(running);
  await page.reload();
  await page.waitForSelector('#intro');
  for (const path of ['/favicon.ico', '/favicon.svg']) {
    const response = await page.request.get(new URL(path, running.service.url).href);
    assert.equal(response.status(), 200, path);
    assert.match(response.headers()['content-type'] ?? '', /^image\//);
  }
  const failed = running.service.logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request' && entry.status >= 400);
  assert.deepEqual(failed, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no sideways scroll from a 360 px phone to a wide screen, with every card on the page', async () => {
  const { context, page } = await openTab(running, { width: 360 });
  await paste(page, `${REFUSED_ERROR}\n${NEON_URL_WITH_PASSWORD}?application_name=${'a'.repeat(120)}`);
  await answer(page, 'ruled_out');
  for (const width of [360, 390, 768, 1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) (details as HTMLDetailsElement).open = true;
    });
    assert.equal(await horizontalOverflow(page), 0, `${width}px`);
  }
  await context.close();
});

test('restart keeps the conversation: the same page reloads into it after the service comes back', async () => {
  const { context, page } = await openTab(running);
  await paste(page, AUTH_ERROR);
  await answer(page, 'confirmed');
  const messages = await page.locator('#messages > li').allTextContents();
  await running.restart();
  await page.reload();
  await page.waitForSelector('.card.fix');
  assert.deepEqual(await page.locator('#messages > li').allTextContents(), messages);
  await answer(page, 'resolved');
  assert.equal(await page.locator('.card.resolved').count(), 1);
  await context.close();
});
