// The secret checklist (lesson prompt 3) as a chat flow, end to end: the real
// service on a real PostgreSQL store. A `{checklist}` message answers the
// checklist with items to tick and its phrasing; `{tick}` messages tick them,
// kept with the conversation through a reload and a restart of the service;
// a live value in the .env paste is found nowhere; bad ticks are catalogue errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FAKE } from '../../support/fake-secrets.ts';
import { fakeOpenAIForTests, modelEnv } from '../../support/openai-server.ts';
import { cookieClient, serviceOnOwnCluster, type TestService } from '../../support/service.ts';
import { readEvents } from '../../support/sse-client.ts';
import { setUp } from '../../support/setup.ts';

const DB_PASSWORD = FAKE.neonPassword(401);
const STRIPE = FAKE.stripeLive(402);
const SESSION = FAKE.password(403);
const SECRETS = [DB_PASSWORD, STRIPE, SESSION];
const ENV = [
  '# the app',
  `DATABASE_URL=postgresql://neondb_owner:${DB_PASSWORD}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require`,
  `STRIPE_SECRET_KEY="${STRIPE}"`,
  `SESSION_SECRET=${SESSION}`,
  'OPENAI_API_KEY=your-key-here',
  'PORT=8000',
].join('\n');
const CHECKLIST = { description: 'FastAPI on Neon with Stripe and OpenAI', env: ENV, gitignore: 'node_modules\n*.env\n!.env\n' };

type Json = Record<string, any>;
type Client = ReturnType<typeof cookieClient>;

const running = serviceOnOwnCluster();

async function conversation(on: TestService = running.service): Promise<{ client: Client; id: string; post: (body: unknown, headers?: Record<string, string>) => Promise<Json>; read: () => Promise<Json> }> {
  const client = cookieClient(on.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  return {
    client,
    id,
    post: (body, headers) => client.request('POST', `/api/conversations/${id}/messages`, body, headers),
    read: async () => (await client.request('GET', `/api/conversations/${id}`)).json,
  };
}

const itemIds = (checklist: Json): string[] => [...checklist.secrets.flatMap((s: Json) => s.items.map((i: Json) => i.id)), ...checklist.gitignore.items.map((i: Json) => i.id)];

function leaked(where: string, text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret}`);
}

test('a checklist message answers the checklist with items to tick, a live-secret warning and its phrasing', async () => {
  const { post, read } = await conversation();
  const posted = await post({ checklist: CHECKLIST });
  assert.equal(posted.status, 200, posted.text);
  const replies: Json[] = posted.json.replies;
  assert.deepEqual(replies.map((r) => r.type), ['checklist', 'secret_warning', 'phrasing']);
  const [checklist, warning, phrasing] = replies as [Json, Json, Json];

  assert.deepEqual(checklist.secrets.map((s: Json) => [s.name, s.live]), [['DATABASE_URL', true], ['STRIPE_SECRET_KEY', true], ['SESSION_SECRET', true], ['OPENAI_API_KEY', false]]);
  assert.deepEqual(checklist.gitignore, { envIgnored: false, rule: '!.env', items: [{ id: 'gitignore:.env', step: 'gitignore', label: 'Keep .env out of git with a line `.env` in .gitignore', detail: checklist.gitignore.items[0].detail, done: false }] });
  // A live value: keep, load, then rotate, history, check for use. A placeholder: keep and load only.
  const database = checklist.secrets[0];
  assert.deepEqual(database.items.map((i: Json) => i.id), ['DATABASE_URL:stored', 'DATABASE_URL:loaded', 'DATABASE_URL:rotated', 'DATABASE_URL:history', 'DATABASE_URL:use_checked']);
  assert.match(database.items[2].detail, /Neon Console → your project/);
  assert.deepEqual(checklist.secrets[3].items.map((i: Json) => i.id), ['OPENAI_API_KEY:stored', 'OPENAI_API_KEY:loaded']);
  assert.ok(itemIds(checklist).length === 18 && checklist.secrets.flatMap((s: Json) => s.items).every((i: Json) => i.done === false));
  assert.deepEqual(checklist.progress, { done: 0, total: 18 });
  assert.equal(checklist.current, true);
  assert.match(warning.text, /DATABASE_URL, STRIPE_SECRET_KEY and SESSION_SECRET/);

  assert.deepEqual([phrasing.prompt, phrasing.status, phrasing.source], ['secret-checklist', 'complete', 'offline']);
  assert.deepEqual(phrasing.sections.map((s: Json) => s.key).slice(0, 5), ['secret.DATABASE_URL', 'secret.STRIPE_SECRET_KEY', 'secret.SESSION_SECRET', 'secret.OPENAI_API_KEY', 'gitignore']);
  // The recovery text reaches the phrasing whole: no redaction marker in the product's own words.
  assert.match(phrasing.sections[0].text, /Reset the role password: Neon Console/);
  assert.doesNotMatch(phrasing.text, /<redacted>/);

  // What the user sent is kept as the description and the variable names, never the .env.
  const view = await read();
  const user = view.messages.find((m: Json) => m.type === 'user_checklist');
  assert.deepEqual({ ...user, seq: undefined, createdAt: undefined }, {
    seq: undefined,
    createdAt: undefined,
    role: 'user',
    type: 'user_checklist',
    text: 'Secret checklist for FastAPI on Neon with Stripe and OpenAI, a .env with 5 variables, a .gitignore',
    description: 'FastAPI on Neon with Stripe and OpenAI',
    variables: ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'SESSION_SECRET', 'OPENAI_API_KEY', 'PORT'],
    gitignore: true,
  });
  assert.deepEqual(view.checklist, { seq: view.messages.find((m: Json) => m.type === 'checklist').seq, ticks: Object.fromEntries(itemIds(checklist).map((id) => [id, false])), progress: { done: 0, total: 18 } });
  assert.equal(view.state, null, 'a checklist starts no runbook');

  // The same input gives the same ids in another conversation: they are stable.
  const other = await conversation();
  assert.deepEqual(itemIds((await other.post({ checklist: CHECKLIST })).json.replies[0]), itemIds(checklist));
});

test('ticks are kept with the conversation: the read back and a reload show them, unticking too', async () => {
  const { client, id, post, read } = await conversation();
  await post({ checklist: CHECKLIST });
  const ticked = await post({ tick: { itemId: 'DATABASE_URL:rotated', done: true } });
  assert.equal(ticked.status, 200, ticked.text);
  assert.deepEqual(ticked.json.replies, [
    { type: 'tick', itemId: 'DATABASE_URL:rotated', done: true, label: 'Rotate DATABASE_URL at PostgreSQL (Neon)', progress: { done: 1, total: 18 }, text: 'Done: Rotate DATABASE_URL at PostgreSQL (Neon) (1 of 18 done).' },
  ]);
  // Ticks at once, from two tabs: none is lost.
  const many = ['STRIPE_SECRET_KEY:rotated', 'STRIPE_SECRET_KEY:history', 'SESSION_SECRET:stored', 'gitignore:.env', 'OPENAI_API_KEY:loaded'];
  const answers = await Promise.all(many.map((itemId) => post({ tick: { itemId, done: true } })));
  assert.deepEqual(answers.map((a) => a.status), many.map(() => 200));
  await post({ tick: { itemId: 'OPENAI_API_KEY:loaded', done: false } });

  const view = await read();
  const done = Object.entries(view.checklist.ticks).filter(([, on]) => on).map(([itemId]) => itemId).sort();
  assert.deepEqual(done, ['DATABASE_URL:rotated', 'STRIPE_SECRET_KEY:history', 'STRIPE_SECRET_KEY:rotated', 'SESSION_SECRET:stored', 'gitignore:.env'].sort());
  assert.deepEqual(view.checklist.progress, { done: 5, total: 18 });
  const card = view.messages.find((m: Json) => m.type === 'checklist');
  assert.deepEqual(card.progress, { done: 5, total: 18 });
  assert.equal(card.secrets[0].items.find((i: Json) => i.id === 'DATABASE_URL:rotated').done, true);
  assert.equal(card.secrets[3].items.find((i: Json) => i.id === 'OPENAI_API_KEY:loaded').done, false);
  assert.equal(card.gitignore.items[0].done, true);

  // A reload is a new read with the same cookie; a page of one message still carries every tick.
  const reload = cookieClient(running.service.url);
  const paged = await reload.request('GET', `/api/conversations/${id}?limit=1`, undefined, { cookie: client.cookie });
  assert.equal(paged.status, 200);
  assert.deepEqual(paged.json.checklist, view.checklist);
});

test('a new checklist keeps the ticks of the items it still has, except recovery steps; ticks of the replaced one are refused', async () => {
  const { post, read } = await conversation();
  await post({ checklist: CHECKLIST });
  for (const itemId of ['DATABASE_URL:stored', 'DATABASE_URL:rotated', 'STRIPE_SECRET_KEY:loaded', 'gitignore:.env']) await post({ tick: { itemId, done: true } });
  // The user fixed .gitignore and dropped Stripe, and pasted the database URL live again.
  const again = await post({ checklist: { description: 'FastAPI on Neon with OpenAI', env: ENV.split('\n').filter((l) => !l.startsWith('STRIPE')).join('\n'), gitignore: '.env\n' } });
  assert.equal(again.status, 200, again.text);
  const view = await read();
  const cards = view.messages.filter((m: Json) => m.type === 'checklist');
  assert.deepEqual(cards.map((c: Json) => c.current), [false, true]);
  assert.equal(view.checklist.seq, cards[1].seq);
  assert.deepEqual(Object.entries(view.checklist.ticks).filter(([, on]) => on).map(([id]) => id), ['DATABASE_URL:stored'], 'rotation is owed again for a value pasted live again');
  const stale = await post({ tick: { itemId: 'STRIPE_SECRET_KEY:loaded', done: false } });
  assert.equal(stale.status, 422);
  assert.equal(stale.json.code, 'PGT_ERR_CHECKLIST_ITEM_NOT_FOUND');
});

describe('bad checklist and tick messages are catalogue errors that store nothing', () => {
  const cases: [string, (post: (body: unknown) => Promise<Json>) => Promise<Json>, number, string, RegExp][] = [
    ['a tick before any checklist', (post) => post({ tick: { itemId: 'DATABASE_URL:stored', done: true } }), 409, 'PGT_ERR_NO_CHECKLIST', /no secret checklist/],
    ['a tick of an unknown item', async (post) => (await post({ checklist: CHECKLIST }), post({ tick: { itemId: 'NOPE:stored', done: true } })), 422, 'PGT_ERR_CHECKLIST_ITEM_NOT_FOUND', /no item "NOPE:stored"/],
    ['a tick whose done is not a boolean', (post) => post({ tick: { itemId: 'DATABASE_URL:stored', done: 'yes' } }), 400, 'PGT_ERR_BAD_MESSAGE', /"tick.done" must be true or false/],
    ['a tick with a number for its id', (post) => post({ tick: { itemId: 7, done: true } }), 400, 'PGT_ERR_BAD_MESSAGE', /"tick.itemId" must be a string/],
    ['a tick that is not an object', (post) => post({ tick: 'DATABASE_URL:stored' }), 400, 'PGT_ERR_BAD_MESSAGE', /"tick" must be \{"itemId"/],
    ['a checklist with neither a description nor a .env', (post) => post({ checklist: { gitignore: '.env' } }), 400, 'PGT_ERR_BAD_MESSAGE', /needs a "description"/],
    ['a checklist whose env is not a string', (post) => post({ checklist: { env: ['DATABASE_URL=x'] } }), 400, 'PGT_ERR_BAD_MESSAGE', /"checklist.env" must be a string/],
    ['a checklist and a tick at once', (post) => post({ checklist: CHECKLIST, tick: { itemId: 'x', done: true } }), 400, 'PGT_ERR_BAD_MESSAGE', /exactly one of/],
    ['a .env over the size limit', (post) => post({ checklist: { env: `A=${'x'.repeat(64 * 1024)}` } }), 413, 'PGT_ERR_TOO_LARGE', /longer than/],
  ];
  for (const [title, send, status, code, message] of cases) {
    test(title, async () => {
      const { post, read } = await conversation();
      const refused = await send(post);
      assert.equal(refused.status, status, refused.text);
      assert.deepEqual([refused.json.code, refused.json.statusCode], [code, status]);
      assert.match(refused.json.message, message);
      assert.equal(typeof refused.json.fix, 'string');
      const stored = (await read()).messages.filter((m: Json) => m.type === 'user_tick' || (m.type === 'user_checklist' && title.startsWith('a checklist')));
      assert.deepEqual(stored, [], 'the refused message was stored');
    });
  }
});

test('with an Idempotency-Key, a retried checklist or tick is answered once and stored once', async () => {
  const { post, read } = await conversation();
  const first = await post({ checklist: CHECKLIST }, { 'idempotency-key': 'checklist-1' });
  const retry = await post({ checklist: CHECKLIST }, { 'idempotency-key': 'checklist-1' });
  assert.equal(retry.status, 200);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(retry.json, first.json);
  const tick = { tick: { itemId: 'SESSION_SECRET:rotated', done: true } };
  const ticked = await post(tick, { 'idempotency-key': 'tick-1' });
  const replayed = await post(tick, { 'idempotency-key': 'tick-1' });
  assert.deepEqual(replayed.json, ticked.json);
  assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
  const reused = await post({ tick: { itemId: 'SESSION_SECRET:rotated', done: false } }, { 'idempotency-key': 'tick-1' });
  assert.equal(reused.status, 422);
  assert.equal(reused.json.code, 'PGT_ERR_IDEMPOTENCY_KEY_REUSED');
  const view = await read();
  assert.equal(view.messages.filter((m: Json) => m.type === 'checklist').length, 1);
  assert.equal(view.messages.filter((m: Json) => m.type === 'user_tick').length, 1);
  assert.equal(view.checklist.ticks['SESSION_SECRET:rotated'], true);
});

test('ticks survive a restart of the service: another instance on the same store reads them back', async () => {
  const { client, id, post, read } = await conversation();
  await post({ checklist: CHECKLIST });
  await post({ tick: { itemId: 'STRIPE_SECRET_KEY:rotated', done: true } });
  const before = await read();
  await running.restart();
  const after = await cookieClient(running.service.url).request('GET', `/api/conversations/${id}`, undefined, { cookie: client.cookie });
  assert.equal(after.status, 200);
  assert.deepEqual(after.json, before);
  assert.equal(after.json.checklist.ticks['STRIPE_SECRET_KEY:rotated'], true);
  // And the restarted service takes further ticks on the same checklist.
  const next = await cookieClient(running.service.url).request('POST', `/api/conversations/${id}/messages`, { tick: { itemId: 'STRIPE_SECRET_KEY:history', done: true } }, { cookie: client.cookie });
  assert.deepEqual(next.json.replies[0].progress, { done: 2, total: 18 });
});

test('a live value in the .env paste is found in no response, read back, log line, store table or server log', async () => {
  const { post, read, id } = await conversation();
  const found: string[] = [];
  const posted = await post({ checklist: { ...CHECKLIST, description: `FastAPI on Neon; my session secret is SESSION_SECRET=${SESSION}` } });
  assert.equal(posted.status, 200, posted.text);
  found.push(...leaked('checklist answer', posted.text));
  for (const itemId of ['DATABASE_URL:rotated', 'SESSION_SECRET:rotated']) found.push(...leaked('tick answer', (await post({ tick: { itemId, done: true } })).text));
  found.push(...leaked('tick refusal', (await post({ tick: { itemId: STRIPE, done: true } })).text));
  const view = await read();
  assert.equal(view.id, id);
  found.push(...leaked('conversation read back', JSON.stringify(view)));
  found.push(...leaked('service log', running.service.logs.join('')));
  const tables = await running.cluster.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  for (const { table_name: table } of tables) {
    const rows = await running.cluster.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, '""')}" t`);
    found.push(...leaked(`store table ${table}`, rows.map((r) => r.row).join('\n')));
  }
  found.push(...leaked('PostgreSQL server log', running.cluster.logs.join('')));
  assert.deepEqual(found, []);
});

describe('the phrasing of the checklist against a real Chat Completions server on loopback', () => {
  const fake = fakeOpenAIForTests();
  let withModel: TestService;
  setUp(async () => {
    withModel = await running.another(modelEnv(fake, 10_000));
  });

  test('the model phrases it (streamed, then kept); no pasted value reaches the model', async () => {
    const { client, post, read } = await conversation(withModel);
    const posted = await post({ checklist: CHECKLIST });
    assert.equal(posted.status, 200, posted.text);
    const pending = posted.json.replies.find((r: Json) => r.type === 'phrasing');
    assert.deepEqual([pending.prompt, pending.status], ['secret-checklist', 'pending']);
    const { events } = await readEvents(new URL(pending.events, withModel.url).href, { cookie: client.cookie });
    const done = events.at(-1)!;
    assert.equal(done.event, 'done');
    assert.deepEqual([done.data.status, done.data.source], ['complete', 'model']);
    assert.deepEqual(done.data.sections.map((s: Json) => s.heading).slice(0, 2), ['DATABASE_URL (PostgreSQL (Neon), live)', 'STRIPE_SECRET_KEY (Stripe, live)']);
    const kept = (await read()).messages.find((m: Json) => m.type === 'phrasing');
    assert.deepEqual(kept.sections, done.data.sections);
    const sent = fake.requests.map((r) => r.raw).join('\n');
    assert.match(sent, /STRIPE_SECRET_KEY/);
    assert.deepEqual(leaked('model request', sent), []);
  });
});
