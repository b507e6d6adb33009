import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { DEFAULT_POOL_SETTINGS } from '../../../src/db/pool.ts';
import { openConversationStore, type ConversationStore } from '../../../src/store/conversation-store.ts';
import { startCluster, type TestCluster } from '../../support/cluster.ts';

let cluster: TestCluster;
let store: ConversationStore;
before(async () => {
  cluster = await startCluster();
  store = await openConversationStore({
    pool: { ...DEFAULT_POOL_SETTINGS, name: 'store', connectionString: cluster.url() },
    logger: pino({ level: 'silent' }),
  });
});
after(async () => {
  await store?.close();
  await cluster?.stop();
});

test('messages come back in the order they were recorded', async () => {
  const conversation = await store.createConversation('owner-a');
  await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'one' } }, { role: 'assistant', body: { text: 'two' } }], { kind: 'keep' });
  await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'three' } }], { kind: 'keep' });
  const messages = await store.listMessages(conversation.id);
  assert.deepEqual(messages.map((m) => [m.seq, m.role, m.body.text]), [[1, 'user', 'one'], [2, 'assistant', 'two'], [3, 'user', 'three']]);
});

test('a conversation is found only by its owner, and a malformed id finds nothing', async () => {
  const conversation = await store.createConversation('owner-a');
  assert.equal((await store.findConversation(conversation.id, 'owner-a'))?.id, conversation.id);
  assert.equal(await store.findConversation(conversation.id, 'owner-b'), null);
  assert.equal(await store.findConversation('not-a-uuid', 'owner-a'), null);
});

test('runbook progress is saved, replaced and cleared with the exchange', async () => {
  const conversation = await store.createConversation('owner-a');
  await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'x' } }], {
    kind: 'set',
    progress: { family: 'auth_failed', client: 'prisma', answers: [], pendingFamily: null, pendingClient: null },
  });
  await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'y' } }], {
    kind: 'set',
    progress: { family: 'auth_failed', client: 'prisma', answers: [{ stepId: 'rotate_password', answer: 'ruled_out' }], pendingFamily: null, pendingClient: null },
  });
  assert.deepEqual((await store.findProgress(conversation.id))?.answers, [{ stepId: 'rotate_password', answer: 'ruled_out' }]);
  await store.recordExchange(conversation.id, [], { kind: 'clear' });
  assert.equal(await store.findProgress(conversation.id), null);
});

test('an exchange that fails half-way leaves no message and no progress behind', async () => {
  const conversation = await store.createConversation('owner-a');
  await assert.rejects(
    store.recordExchange(
      conversation.id,
      [{ role: 'user', body: { text: 'kept?' } }, { role: 'system' as 'user', body: { text: 'violates the role check' } }],
      { kind: 'set', progress: { family: 'auth_failed', client: null, answers: [], pendingFamily: null, pendingClient: null } },
    ),
  );
  assert.deepEqual(await store.listMessages(conversation.id), []);
  assert.equal(await store.findProgress(conversation.id), null);
});

test('the store keeps working after its idle connections are killed on the server', async () => {
  const conversation = await store.createConversation('owner-a');
  // Idle past the pre-ping bypass, as connections killed on the server are: a
  // connection used within it is trusted unpinged, and whether the kill's FATAL
  // reached the client before the next checkout is then a race (lost once under load).
  await new Promise((resolve) => setTimeout(resolve, DEFAULT_POOL_SETTINGS.prePingBypassMs + 100));
  const killed = await cluster.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pgtriage-store'");
  assert.ok(killed.length > 0, 'the store had connections open to kill');
  await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'after the kill' } }], { kind: 'keep' });
  assert.equal((await store.listMessages(conversation.id)).length, 1);
});

test('with an expected last seq an exchange writes only while the conversation still ends there: stale otherwise, and the cap still answers full', async () => {
  const conversation = await store.createConversation('owner-a');
  const set = (family: 'auth_failed' | 'cannot_connect') => ({ kind: 'set' as const, progress: { family, client: null, answers: [], pendingFamily: null, pendingClient: null } });
  const opened = await store.openForPost(conversation.id, 'owner-a', null);
  assert.equal(opened?.lastSeq, 0);
  assert.deepEqual(await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'one' } }, { role: 'assistant', body: { text: 'two' } }], set('auth_failed'), { expectedLastSeq: 0 }), { saved: 2, lastSeq: 2 });
  // Answered from seq 0 again: another exchange came first, so nothing is written.
  assert.deepEqual(await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'late' } }], set('cannot_connect'), { expectedLastSeq: 0 }), { stale: true });
  const keyed = { key: 'k-stale', requestHash: 'h', response: { replies: [] } };
  assert.deepEqual(await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'late, keyed' } }], set('cannot_connect'), { expectedLastSeq: 1, idempotency: keyed }), { stale: true });
  assert.equal(await store.findAnswer(conversation.id, 'k-stale'), null, 'a stale keyed exchange keeps no answer for its key');
  assert.deepEqual((await store.listMessages(conversation.id)).map((m) => m.body.text), ['one', 'two']);
  assert.equal((await store.findProgress(conversation.id))?.family, 'auth_failed');
  assert.equal((await store.openForPost(conversation.id, 'owner-a', null))?.lastSeq, 2);
  // In turn, keyed: written, and the key's answer kept.
  assert.deepEqual(await store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'three' } }], set('cannot_connect'), { expectedLastSeq: 2, idempotency: keyed }), { saved: 1, lastSeq: 3 });
  assert.deepEqual((await store.findAnswer(conversation.id, 'k-stale'))?.response, { replies: [] });
  // The cap is told apart from a stale seq: full is full whatever seq was expected.
  await assert.rejects(store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'over' } }], { kind: 'keep' }, { expectedLastSeq: 3, maxMessages: 3 }), { code: 'PGT_ERR_CONVERSATION_FULL' });
  await assert.rejects(store.recordExchange(conversation.id, [{ role: 'user', body: { text: 'over' } }], { kind: 'keep' }, { expectedLastSeq: 1, maxMessages: 3 }), { code: 'PGT_ERR_CONVERSATION_FULL' });
  assert.equal((await store.listMessages(conversation.id)).length, 3);
});
