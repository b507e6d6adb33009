// fast-check over every route's body against the real service: whatever is
// sent, the answer is the service's own (2xx or a catalogue 4xx), never a 500,
// and the service keeps answering. Bounded in runs and per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CATALOGUE } from '../../../src/errors.ts';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';
import { setUp } from '../../support/setup.ts';

const running = serviceOnOwnCluster();
let client: ReturnType<typeof cookieClient>;
let conversation: string;
setUp(async () => {
  client = cookieClient(running.service.url);
  conversation = (await client.request('POST', '/api/conversations')).json.id;
  await client.request('POST', `/api/conversations/${conversation}/messages`, { text: 'FATAL: sorry, too many clients already' });
});

const RUNS = 120;
const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('', ' ', '\u0000', '\ud83d', 'ECONNREFUSED', 'postgresql://u:p@h/db'));
// Bodies near the schemas (so the deeper branches run) and far from them.
const body = fc.oneof(
  fc.record({ text }, { requiredKeys: [] }),
  fc.record({ answer: fc.oneof(fc.record({ stepId: fc.oneof(text, fc.constantFrom('reduce_pool_size', 'check_pooler')), answer: fc.oneof(text, fc.constantFrom('confirmed', 'ruled_out', 'resolved', 'not_resolved')) }, { requiredKeys: [] }), fc.jsonValue()) }),
  fc.record({ switch: fc.oneof(fc.constantFrom('accept', 'decline'), fc.jsonValue()) }),
  fc.record({ verify: fc.oneof(fc.record({ stepId: text }, { requiredKeys: [] }), fc.jsonValue()) }),
  fc.record({ description: fc.oneof(text, fc.jsonValue()), env: fc.oneof(text, fc.jsonValue()), gitignore: fc.oneof(text, fc.jsonValue()) }, { requiredKeys: [] }),
  fc.jsonValue(),
).map((value) => JSON.stringify(value) ?? 'null');
const raw = fc.oneof(body, fc.string({ maxLength: 300 }), body.map((json) => json.slice(0, Math.max(0, json.length - 1))));

async function assertAnswered(method: string, path: string, payload?: string) {
  const response = await client.request(method, path, payload, payload === undefined ? {} : { 'content-type': 'application/json' });
  assert.ok(response.status < 500, `${method} ${path} ${payload} -> ${response.status} ${response.text}`);
  if (response.status >= 400) assert.ok(response.json?.code in CATALOGUE, response.text);
}

for (const path of ['/api/triage', '/api/parse', '/api/checklist', 'messages']) {
  test(`POST ${path}: any body gets a 2xx or a catalogue 4xx`, { timeout: 240_000 }, async () => {
    const target = path === 'messages' ? `/api/conversations/${conversation}/messages` : path;
    await fc.assert(fc.asyncProperty(raw, (payload) => assertAnswered('POST', target, payload)), { numRuns: RUNS });
  });
}

test('GET a conversation with any paging query and POST /api/conversations with any body', { timeout: 240_000 }, async () => {
  const query = fc.record({ after: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), limit: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })) }, { requiredKeys: [] });
  await fc.assert(
    fc.asyncProperty(query, raw, async (params, payload) => {
      const search = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
      await assertAnswered('GET', `/api/conversations/${conversation}?${search}`);
      await assertAnswered('POST', '/api/conversations', payload);
    }),
    { numRuns: RUNS },
  );
  assert.equal((await client.request('GET', '/healthz')).status, 200);
});
