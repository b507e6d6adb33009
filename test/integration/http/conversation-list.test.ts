import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

const running = serviceOnOwnCluster();

async function conversationWith(client: ReturnType<typeof cookieClient>, text: string): Promise<string> {
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text });
  return id;
}

test('the list holds the owner\'s conversations, most recently active first, titled by family or first line', async () => {
  const client = cookieClient(running.service.url);
  const auth = await conversationWith(client, 'error: password authentication failed for user "neondb_owner"');
  const url = await conversationWith(client, '\n  postgresql://app:npg_ListFAKE42q@ep-x-1.us-east-2.aws.neon.tech/app\nsecond line');
  const question = await conversationWith(client, `why is my database slow ${'and so on '.repeat(20)}`);
  await client.request('POST', '/api/conversations'); // empty: nothing to resume, not listed

  const { status, json, text } = await client.request('GET', '/api/conversations');
  assert.equal(status, 200);
  assert.deepEqual(json.conversations.map((c: { id: string }) => c.id), [question, url, auth]);
  const [q, u, a] = json.conversations;
  assert.equal(a.title, 'Authentication failed');
  assert.equal(a.family, 'auth_failed');
  assert.equal(u.title, 'postgresql://app:<redacted>@ep-x-1.us-east-2.aws.neon.tech/app');
  assert.equal(u.family, null);
  assert.equal(q.title.length, 80);
  assert.ok(q.title.endsWith('…'));
  assert.ok(!text.includes('npg_ListFAKE42q'));
  assert.ok(Date.parse(a.updatedAt) <= Date.parse(q.updatedAt));

  // Answering a check is activity: the conversation moves to the top.
  await client.request('POST', `/api/conversations/${auth}/messages`, { answer: { stepId: 'rotate_password', answer: 'ruled_out' } });
  const again = await client.request('GET', '/api/conversations');
  assert.equal(again.json.conversations[0].id, auth);
});

test('another owner\'s conversations are not listed, and a visitor without a cookie gets an empty list', async () => {
  const owner = cookieClient(running.service.url);
  const stranger = cookieClient(running.service.url);
  await conversationWith(owner, 'FATAL: sorry, too many clients already');
  await conversationWith(stranger, 'FATAL: database "app" does not exist');
  const listed = await stranger.request('GET', '/api/conversations');
  assert.deepEqual(listed.json.conversations.map((c: { title: string }) => c.title), ['Database does not exist']);
  const anonymous = cookieClient(running.service.url);
  const empty = await anonymous.request('GET', '/api/conversations');
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.json, { conversations: [] });
});
