// The store goes away under a running service: requests get a coded 503 and
// nothing half-written; when it is back, the service carries on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

const running = serviceOnOwnCluster({ POOL_RETRY_ATTEMPTS: '2', POOL_CONNECT_TIMEOUT_MS: '2000' });

test('with the store down, a message gets a coded 503 and health says unavailable; once it is back, nothing was half-written', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: 'FATAL: sorry, too many clients already' });

  await running.cluster.restart({
    whileDown: async () => {
      const refused = await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } });
      assert.equal(refused.status, 503);
      assert.equal(refused.json.code, 'PGT_ERR_STORE_UNAVAILABLE');
      assert.doesNotMatch(refused.text, /at .*\.ts:\d+|password/i);
      assert.equal((await client.request('GET', '/healthz')).status, 503);
    },
  });

  const read = await client.request('GET', `/api/conversations/${id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.json.messages.map((m: { type: string }) => m.type), ['user_text', 'triage', 'check', 'phrasing']);
  assert.equal(read.json.state.step.id, 'reduce_pool_size');
  const answered = await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } });
  assert.equal(answered.status, 200);
});
