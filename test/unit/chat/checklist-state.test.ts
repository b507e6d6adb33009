// The checklist's ticks are folded from the conversation's own messages in
// seq order: a tick sets its item, a newer checklist keeps the ticks of the
// items it still has except recovery steps, and ticks of unknown items count
// for nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistStateOf, checklistViewOf, onChecklist, onTick, withTicks } from '../../../src/chat/checklist.ts';
import { FAKE } from '../../support/fake-secrets.ts';

const LIVE = `DATABASE_URL=postgresql://app:${FAKE.password(501)}@db.example.com/app\nOPENAI_API_KEY=your-key-here\n`;

function checklistBody(env: string): Record<string, unknown> {
  return onChecklist({ description: 'Express on Neon', env }).replies[0] as unknown as Record<string, unknown>;
}

const tick = (itemId: string, done: boolean) => ({ type: 'user_tick', itemId, done });

test('items: keep and load for every secret, the recovery steps only for a live one, .env in .gitignore when it is not', () => {
  const body = checklistBody(LIVE) as { secrets: { name: string; items: { id: string }[] }[]; gitignore: { items: { id: string }[] } };
  assert.deepEqual(body.secrets.map((s) => [s.name, s.items.map((i) => i.id.split(':')[1])]), [
    ['DATABASE_URL', ['stored', 'loaded', 'rotated', 'history', 'use_checked']],
    ['OPENAI_API_KEY', ['stored', 'loaded']],
  ]);
  assert.deepEqual(body.gitignore.items.map((i) => i.id), ['gitignore:.env']);
  const ignored = onChecklist({ env: LIVE, gitignore: '.env\n' }).replies[0] as unknown as { gitignore: { items: unknown[] } };
  assert.deepEqual(ignored.gitignore.items, []);
});

test('the fold: in seq order whatever order the rows come in, the last tick of an item wins', () => {
  const rows = [
    { seq: 9, body: tick('DATABASE_URL:stored', false) },
    { seq: 2, body: checklistBody(LIVE) },
    { seq: 4, body: tick('DATABASE_URL:stored', true) },
    { seq: 6, body: tick('DATABASE_URL:rotated', true) },
    { seq: 8, body: tick('NOT:an-item', true) },
  ];
  const view = checklistViewOf(checklistStateOf(rows));
  assert.equal(view?.seq, 2);
  assert.deepEqual(view?.progress, { done: 1, total: 8 });
  assert.equal(view?.ticks['DATABASE_URL:stored'], false);
  assert.equal(view?.ticks['DATABASE_URL:rotated'], true);
  assert.equal('NOT:an-item' in (view?.ticks ?? {}), false);
});

test('a newer checklist keeps ticks of the items it still has, not recovery steps; the older one reads back as replaced', () => {
  const state = checklistStateOf([
    { seq: 1, body: checklistBody(LIVE) },
    { seq: 3, body: tick('DATABASE_URL:stored', true) },
    { seq: 5, body: tick('DATABASE_URL:history', true) },
    { seq: 7, body: tick('OPENAI_API_KEY:loaded', true) },
    { seq: 9, body: checklistBody(LIVE.split('\n')[0] as string) },
  ]);
  assert.deepEqual(checklistViewOf(state)?.ticks, {
    'DATABASE_URL:stored': true,
    'DATABASE_URL:loaded': false,
    'DATABASE_URL:rotated': false,
    'DATABASE_URL:history': false,
    'DATABASE_URL:use_checked': false,
    'gitignore:.env': false,
  });
  assert.equal(withTicks(checklistBody(LIVE), 1, state).current, false);
  const current = withTicks(checklistBody(LIVE), 9, state) as { current: boolean; secrets: { items: { id: string; done: boolean }[] }[] };
  assert.equal(current.current, true);
  assert.equal(current.secrets[0]?.items.find((i) => i.id === 'DATABASE_URL:stored')?.done, true);
});

test('a tick: no checklist, an unknown item and a known one', () => {
  assert.throws(() => onTick({ itemId: 'DATABASE_URL:stored', done: true }, null), { code: 'PGT_ERR_NO_CHECKLIST', statusCode: 409 });
  const state = checklistStateOf([{ seq: 1, body: checklistBody(LIVE) }]);
  assert.throws(() => onTick({ itemId: 'DATABASE_URL:nope', done: true }, state), { code: 'PGT_ERR_CHECKLIST_ITEM_NOT_FOUND', statusCode: 422 });
  const { user, replies } = onTick({ itemId: 'DATABASE_URL:rotated', done: true }, state);
  assert.deepEqual(user, { type: 'user_tick', itemId: 'DATABASE_URL:rotated', done: true });
  assert.deepEqual((replies[0] as { progress: unknown }).progress, { done: 1, total: 8 });
  // The state it was given is not changed: the tick is recorded by its message.
  assert.equal(checklistViewOf(state)?.progress.done, 0);
});

test("the user's message keeps the description redacted and one line for the title, and the .env's names only", () => {
  const password = FAKE.password(502);
  const { user } = onChecklist({ description: `An Express API on Neon\nwith Stripe; my db password=${password} and more words`, env: LIVE });
  assert.equal((user as { type: string }).type, 'user_checklist');
  const { text, description, variables } = user as { text: string; description: string; variables: string[] };
  assert.ok(!JSON.stringify(user).includes(password));
  assert.match(description, /password=<redacted>/);
  assert.equal(text, 'Secret checklist for An Express API on Neon with Stripe; my db password=…, a .env with 2 variables');
  assert.deepEqual(variables, ['DATABASE_URL', 'OPENAI_API_KEY']);
});

test('a key pasted in the description: its secret is live, its recovery boxes are there, the warning names it', () => {
  const key = FAKE.openai(503);
  const { replies } = onChecklist({ description: `FastAPI with OpenAI, key ${key}` });
  const [checklist, warning] = replies as [{ secrets: { name: string; live: boolean; items: { id: string }[] }[] }, { type: string; text: string }];
  assert.deepEqual(checklist.secrets.map((s) => [s.name, s.live]), [['OPENAI_API_KEY', true]]);
  assert.ok(checklist.secrets[0]?.items.some((i) => i.id === 'OPENAI_API_KEY:rotated'));
  assert.equal(warning.type, 'secret_warning');
  assert.match(warning.text, /\(OPENAI_API_KEY\)/);
  assert.ok(!JSON.stringify(replies).includes(key));
});
