// The page when things go wrong, in real Chromium against the real service on
// a real PostgreSQL: a send that times out (a 503 reproduced with a lock held
// on the conversation) is retried with the same Idempotency-Key and stored
// once; a rate limit says when to try again; a conversation longer than one
// page reads whole; a service with PGTRIAGE_TOKEN asks for the token, keeps it
// in the tab only, and works with it (reached by a LAN-style name, so the page
// runs outside a secure context as it does beyond loopback).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Browser, Page, Request } from 'playwright-core';
import { chromiumForTests, launchChromium } from '../support/browser.ts';
import { startCluster, type TestCluster } from '../support/cluster.ts';
import { assertNoViolations, conversationOf, focusRing, keepScreenshot, paste, tabTo } from '../support/page.ts';
import { freePort } from '../support/ports.ts';
import { serviceForTests, startTestService, type TestService } from '../support/service.ts';

const AUTH_ERROR = 'FATAL:  password authentication failed for user "neondb_owner"';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const chromium = chromiumForTests();
let cluster: TestCluster;
before(async () => {
  cluster = await startCluster();
});
after(async () => {
  await cluster?.stop();
});

async function userMessages(id: string, database = 'postgres'): Promise<string[]> {
  const rows = await cluster.query<{ type: string }>("select body->>'type' as type from messages where conversation_id = $1 and role = 'user' order by seq", [id], database);
  return rows.map((row) => row.type);
}

/** The message posts the page made, with the key each carried. */
function recordPosts(page: Page): { key: string | undefined; body: string | null }[] {
  const posts: { key: string | undefined; body: string | null }[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && /\/api\/conversations\/[^/]+\/messages$/.test(request.url())) posts.push({ key: request.headers()['idempotency-key'], body: request.postData() });
  });
  return posts;
}

describe('a send that fails', () => {
  // The request deadline answers 503 while the store waits on a lock; the statement itself may wait longer.
  const running = serviceForTests(() => cluster, { REQUEST_TIMEOUT_MS: '4000', POOL_QUERY_TIMEOUT_MS: '60000' }, { samePortOnRestart: true });

  test('a 503 shows calmly with Retry; Retry (by keyboard) reuses the Idempotency-Key, gets the first answer back, and the store holds the message once', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const posts = recordPosts(page);
    await page.goto(running.service.url);
    await paste(page, AUTH_ERROR);
    const id = conversationOf(page);
    assert.deepEqual(await userMessages(id), ['user_text']);

    // Another session holds the conversation's row: the answer's write waits, the deadline answers 503.
    const holder = new pg.Client({ connectionString: cluster.url() });
    holder.on('error', () => {});
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from conversations where id = $1 for update', [id]);
      await tabTo(page, '.card.current button.answer.ruled_out');
      await page.keyboard.press('Enter');
      const failure = page.locator('#error .failure');
      await failure.waitFor();
      assert.equal(await failure.getAttribute('data-status'), '503');
      assert.equal(await failure.getAttribute('data-code'), 'PGT_ERR_REQUEST_TIMEOUT');
      assert.match(await failure.textContent() ?? '', /^The service could not finish that just now\. The service said: no answer within 4000 ms\.Nothing is lost: Retry sends the same message again/);
      assert.equal(await page.evaluate(() => document.activeElement?.matches('#error button.retry')), true, 'focus on Retry');
      assert.deepEqual(await focusRing(page), { style: 'solid', widthPx: 3 });
      assert.equal(await page.locator('#error').getAttribute('role'), 'alert');
      // Still on the first check, answerable.
      assert.equal(await page.locator('.card.check.current button.answer.ruled_out').isEnabled(), true);
      await assertNoViolations(page, 'failed send');
      await keepScreenshot(page.locator('#error'), 'light-wide-failed-send');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    // The first attempt's write goes on once the lock is gone: the message did arrive.
    for (let tries = 0; (await userMessages(id)).length < 2; tries++) {
      assert.ok(tries < 200, 'the first attempt committed');
      await sleep(25);
    }

    const replayed = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/messages'));
    await page.keyboard.press('Enter');
    const response = await replayed;
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['idempotent-replayed'], 'true');
    await page.waitForFunction(() => document.querySelector('.card.check.current .eyebrow')?.textContent?.startsWith('Check 2 of') && !document.body.hasAttribute('data-busy'));
    assert.equal(await page.locator('#error').textContent(), '');
    assert.deepEqual(await userMessages(id), ['user_text', 'user_answer']);
    const answers = posts.filter((post) => post.body?.includes('"answer"'));
    assert.equal(answers.length, 2);
    assert.match(answers[0]?.key ?? '', UUID_V4);
    assert.equal(answers[1]?.key, answers[0]?.key);
    // Each message has a key of its own.
    assert.notEqual(posts[0]?.key, answers[0]?.key);
    await context.close();
  });

  test('a service that is down: the paste stays in the input, and sending it again once the service is back reuses its key', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const page = await context.newPage();
    const posts = recordPosts(page);
    await page.goto(running.service.url);
    await paste(page, AUTH_ERROR);
    const id = conversationOf(page);
    await running.restart({
      whileDown: async () => {
        await page.fill('#text', 'Error: connect ECONNREFUSED 127.0.0.1:5432');
        await page.press('#text', 'Enter');
        const failure = page.locator('#error .failure');
        await failure.waitFor();
        assert.equal(await failure.getAttribute('data-status'), '0');
        assert.match(await failure.textContent() ?? '', /^The service did not answer\.What to do: Check that pgtriage is running, then try again\.Nothing is lost/);
        assert.equal(await page.inputValue('#text'), 'Error: connect ECONNREFUSED 127.0.0.1:5432');
        await assertNoViolations(page, 'no answer, dark, phone');
        await keepScreenshot(page.locator('#error'), 'dark-phone-failed-send');
      },
    });
    // Back on the same port and store; Enter again on the same text is the same message: the same key.
    await page.focus('#text');
    await page.press('#text', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('#messages li[data-type="user_text"]').length === 2 && !document.body.hasAttribute('data-busy'));
    assert.equal(posts.length, 3);
    assert.equal(posts[2]?.key, posts[1]?.key);
    assert.deepEqual(await userMessages(id), ['user_text', 'user_text']);
    assert.equal(await page.inputValue('#text'), '');
    await context.close();
  });
});

describe('a rate limit', () => {
  let service: TestService;
  before(async () => {
    // A store of its own: writes are counted per client in the store, across every instance on it.
    await cluster.query('create database page_rate_limit', [], 'postgres');
    service = await startTestService({ STORE_URL: cluster.url('page_rate_limit'), DATABASE_URL: cluster.url(), RATE_LIMIT_WRITES_PER_MINUTE: '3' });
  });
  after(async () => {
    await service?.close();
  });

  test('a 429 says when to try again (Retry-After), with Retry on the same key', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const posts = recordPosts(page);
    await page.goto(service.url);
    await paste(page, AUTH_ERROR); // two writes: the conversation and the message
    await page.click('.card.current button.answer.ruled_out'); // the third
    await page.waitForFunction(() => document.querySelector('.card.check.current .eyebrow')?.textContent?.startsWith('Check 2 of') && !document.body.hasAttribute('data-busy'));
    const limited = page.waitForResponse((response) => response.url().endsWith('/messages'));
    await page.click('.card.current button.answer.ruled_out');
    const response = await limited;
    assert.equal(response.status(), 429);
    const retryAfter = Number(response.headers()['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, String(retryAfter));
    const failure = page.locator('#error .failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-code'), 'PGT_ERR_RATE_LIMITED');
    assert.match(await failure.textContent() ?? '', /^Too many messages this minute\. The service said: too many writes from this client; at most 3 a minute\.You can send again in/);
    assert.equal(await failure.locator('.retry-after').getAttribute('data-seconds'), String(retryAfter));
    assert.match(await failure.locator('.retry-after').textContent() ?? '', new RegExp(`^You can send again in ${retryAfter} s \\(at \\d\\d?:\\d\\d:\\d\\d( [AP]M)?\\)\\.$`));
    assert.equal(await page.evaluate(() => document.activeElement?.matches('#error button.retry')), true);
    assert.deepEqual(await userMessages(conversationOf(page), 'page_rate_limit'), ['user_text', 'user_answer']);
    await assertNoViolations(page, 'rate limited');
    await keepScreenshot(page.locator('#error'), 'light-wide-rate-limited');
    // Retry before the time: refused again, and it was the same message (the same key).
    const again = page.waitForResponse((response) => response.url().endsWith('/messages'));
    await page.keyboard.press('Enter');
    assert.equal((await again).status(), 429);
    assert.equal(posts.length, 4);
    assert.equal(posts[3]?.key, posts[2]?.key);
    assert.notEqual(posts[2]?.key, posts[1]?.key);
    await page.locator('#error .failure .retry-after').waitFor();
    await context.close();
  });
});

describe('a long conversation', () => {
  const running = serviceForTests(() => cluster);

  test('longer than one page: the page follows nextAfter to the end and shows every message', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(running.service.url);
    await paste(page, AUTH_ERROR);
    const id = conversationOf(page);
    // The same error again and again (a note and the current check each time), then one answer, straight to the API.
    await page.evaluate(async ({ id, text }) => {
      for (let i = 0; i < 40; i++) {
        const response = await fetch(`/api/conversations/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `${text} (${i})` }) });
        if (!response.ok) throw new Error(`post ${i}: ${response.status}`);
      }
    }, { id, text: AUTH_ERROR });
    const count = (await cluster.query<{ count: string }>('select count(*) from messages where conversation_id = $1', [id], 'postgres'))[0]?.count ?? '0';
    assert.ok(Number(count) > 100, count);

    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().includes(`/api/conversations/${id}?`)) reads.push(new URL(request.url()).search);
    });
    await page.reload();
    await page.waitForSelector('.card.check.current');
    assert.equal(await page.locator('#messages > li').count(), Number(count));
    const seqs = await page.locator('#messages > li').evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.seq)));
    assert.deepEqual(seqs, Array.from({ length: Number(count) }, (_, i) => i + 1));
    assert.deepEqual(reads.slice(0, 2), ['?after=0&limit=100', '?after=100&limit=100']);
    // The last message is the current check, answerable.
    await page.click('.card.current button.answer.ruled_out');
    await page.waitForFunction(() => document.querySelector('.card.check.current .eyebrow')?.textContent?.startsWith('Check 2 of') && !document.body.hasAttribute('data-busy'));
    await context.close();
  });
});

describe('a service with PGTRIAGE_TOKEN', () => {
  const TOKEN = 'page-e2e-token-4f9c2a7d1b8e6035';
  let service: TestService;
  let lanBrowser: Browser;
  let origin: string;
  before(async () => {
    const port = await freePort();
    service = await startTestService({ STORE_URL: cluster.url(), DATABASE_URL: cluster.url(), PORT: String(port), PGTRIAGE_TOKEN: TOKEN, PGTRIAGE_ALLOWED_HOSTS: 'pgtriage-lan.test' });
    // A name on the LAN, mapped to loopback inside Chromium: plain http there is not a secure context.
    lanBrowser = await launchChromium({ args: ['--host-resolver-rules=MAP pgtriage-lan.test 127.0.0.1'] });
    origin = `http://pgtriage-lan.test:${port}`;
  });
  after(async () => {
    await lanBrowser?.close();
    await service?.close();
  });

  test('without the token the page says so and asks for it; a wrong one is refused; with it the page works, by keyboard, and nothing keeps the token but the tab', async () => {
    const context = await lanBrowser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const posts = recordPosts(page);
    const authorizations = new Set<string>();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) authorizations.add(request.headers().authorization ?? 'none');
    });
    await page.goto(origin);
    assert.deepEqual(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID]), [false, 'undefined']);

    const form = page.locator('#error form.token-form');
    await form.waitFor();
    assert.equal(await form.locator('.failure-title').textContent(), 'This pgtriage asks for its access token.');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent), 'Access token');
    assert.equal(await form.locator('input').getAttribute('type'), 'password');
    await assertNoViolations(page, 'token form');
    await keepScreenshot(page.locator('#error'), 'light-wide-token-form');

    // A paste without the token: refused clearly, the paste kept.
    await page.fill('#text', AUTH_ERROR);
    await page.press('#text', 'Enter');
    await page.waitForFunction(() => !document.body.hasAttribute('data-busy') && document.querySelector('#error form.token-form'));
    assert.equal(await page.locator('#messages > li').count(), 0);
    assert.equal(await page.inputValue('#text'), AUTH_ERROR);

    // A wrong token, typed and submitted by keyboard.
    await page.focus('#error input');
    await page.keyboard.type('not-the-token-at-all-0000');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#error .failure-title')?.textContent === 'That token was not accepted.');
    await page.waitForFunction(() => document.activeElement?.matches('#error input'));

    // The right one: the paste that waited goes through with it.
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.card.check.current');
    await page.waitForFunction(() => !document.body.hasAttribute('data-busy'));
    assert.equal(await page.locator('#error').textContent(), '');
    assert.equal(await page.inputValue('#text'), '');
    // Refused before a conversation was made, then sent once with the token.
    assert.equal(posts.length, 1);
    assert.match(posts[0]?.key ?? '', UUID_V4, 'a version 4 UUID without crypto.randomUUID');
    assert.deepEqual(await userMessages(conversationOf(page)), ['user_text']);

    // The probe's server-sent events carry the token too (read with fetch).
    await page.click('button[data-probe="doctor"]');
    await page.waitForSelector('.card.doctor[aria-busy="false"]');
    assert.equal(await page.locator('.card.doctor .phase[data-phase="auth"]').getAttribute('data-status'), 'pass');
    assert.ok(authorizations.has(`Bearer ${TOKEN}`));
    await assertNoViolations(page, 'working with a token');

    // Kept in this tab only: not in localStorage or a cookie, and a new tab asks again.
    const kept = await page.evaluate(() => ({ session: sessionStorage.getItem('pgtriage.token'), local: JSON.stringify({ ...localStorage }), cookie: document.cookie }));
    assert.equal(kept.session, TOKEN);
    assert.ok(!kept.local.includes(TOKEN) && !kept.cookie.includes(TOKEN));
    assert.ok(!(await context.cookies()).some((cookie) => cookie.value.includes(TOKEN)));
    const other = await context.newPage();
    await other.goto(`${origin}/?c=${conversationOf(page)}`);
    await other.locator('#error form.token-form').waitFor();

    // Nothing about the token on the service's side: no log line, no row.
    assert.ok(!service.logs.join('\n').includes(TOKEN));
    const tables = await cluster.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'", [], 'postgres');
    for (const { table_name } of tables) {
      const [row] = await cluster.query<{ dump: string | null }>(`select string_agg(t::text, ' ') as dump from "${table_name}" t`, [], 'postgres');
      assert.ok(!(row?.dump ?? '').includes(TOKEN), table_name);
    }
    await context.close();
  });
});
