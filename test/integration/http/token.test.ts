import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

const TOKEN = 'a-long-random-token-for-tests-0123456789';
const running = serviceOnOwnCluster({ PGTRIAGE_TOKEN: TOKEN });

test('with PGTRIAGE_TOKEN set, the API refuses requests without the bearer token', async () => {
  const client = cookieClient(running.service.url);
  for (const token of [undefined, 'wrong', `${TOKEN}x`]) {
    const response = await client.request('POST', '/api/triage', { text: 'ECONNREFUSED' }, token ? { authorization: `Bearer ${token}` } : {});
    assert.equal(response.status, 401);
    assert.equal(response.json.code, 'PGT_ERR_UNAUTHORIZED');
  }
});

test('with the bearer token, the API answers', async () => {
  const client = cookieClient(running.service.url);
  const response = await client.request('POST', '/api/triage', { text: 'sorry, too many clients already' }, { authorization: `Bearer ${TOKEN}` });
  assert.equal(response.status, 200);
  assert.equal(response.json.family, 'too_many_connections');
});
