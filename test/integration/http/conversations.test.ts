import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

const AUTH_ERROR = 'error: password authentication failed for user "neondb_owner"';
const LIVE_PASSWORD = 'npg_LiveFAKE93kd';

const running = serviceOnOwnCluster();

test('a new conversation answers 201 with an id and sets an httpOnly owner cookie', async () => {
  const client = cookieClient(running.service.url);
  const created = await client.request('POST', '/api/conversations');
  assert.equal(created.status, 201);
  assert.match(created.json.id, /^[0-9a-f-]{36}$/);
  assert.match(created.headers.get('set-cookie') ?? '', /pgtriage_owner=.+HttpOnly/i);
});

test('a pasted lesson error gets its family, the runbook and the first check', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const { status, json } = await client.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR });
  assert.equal(status, 200);
  const triage = json.replies.find((reply: { type: string }) => reply.type === 'triage');
  assert.equal(triage.family, 'auth_failed');
  assert.equal(triage.runbook.steps[0].id, 'rotate_password');
  const check = json.replies.find((reply: { type: string }) => reply.type === 'check');
  assert.equal(check.step.id, 'rotate_password');
  assert.deepEqual(check.answers, ['confirmed', 'ruled_out']);
});

test('ruled out moves to the next check, and the conversation reads back in order', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR });
  const answered = await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'rotate_password', answer: 'ruled_out' } });
  assert.equal(answered.json.replies[0].type, 'check');
  assert.equal(answered.json.replies[0].index, 1);
  const read = await client.request('GET', `/api/conversations/${id}`);
  assert.equal(read.json.id, id);
  assert.deepEqual(read.json.messages.map((m: { type: string }) => m.type), ['user_text', 'triage', 'check', 'phrasing', 'user_answer', 'check', 'phrasing']);
  assert.deepEqual(read.json.messages.map((m: { seq: number }) => m.seq), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(read.json.state.step.id, answered.json.replies[0].step.id);
});

test('another owner gets 404 for a conversation that exists', async () => {
  const owner = cookieClient(running.service.url);
  const stranger = cookieClient(running.service.url);
  const { json: { id } } = await owner.request('POST', '/api/conversations');
  await stranger.request('POST', '/api/conversations');
  assert.equal((await stranger.request('GET', `/api/conversations/${id}`)).status, 404);
  assert.equal((await stranger.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR })).status, 404);
  assert.equal((await cookieClient(running.service.url).request('GET', `/api/conversations/${id}`)).status, 404);
});

test('an answer out of turn is refused with what is expected, and nothing is recorded', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR });
  const refused = await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'rotate_password', answer: 'resolved' } });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'PGT_ERR_ANSWER_OUT_OF_TURN');
  assert.deepEqual(refused.json.expected, ['confirmed', 'ruled_out']);
  assert.equal((await client.request('GET', `/api/conversations/${id}`)).json.messages.length, 4);
});

test('bad input gets a clear coded error, never a stack trace', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const cases: [unknown, number, string][] = [
    ['{not json', 400, 'PGT_ERR_BAD_JSON'],
    [{ text: '' }, 400, 'PGT_ERR_BAD_MESSAGE'],
    [{ text: 42 }, 400, 'PGT_ERR_BAD_MESSAGE'],
    [{ answer: { stepId: 'x', answer: 'maybe' } }, 400, 'PGT_ERR_BAD_MESSAGE'],
    [{ switch: 'accept' }, 409, 'PGT_ERR_ANSWER_OUT_OF_TURN'],
    [{ text: 'x'.repeat(300 * 1024) }, 413, 'PGT_ERR_TOO_LARGE'],
  ];
  for (const [body, status, code] of cases) {
    const response = await client.request('POST', `/api/conversations/${id}/messages`, body);
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(response.json.code, code);
    assert.deepEqual(Object.keys(response.json).slice(0, 4), ['error', 'code', 'message', 'statusCode']);
    assert.doesNotMatch(response.text, /at .*\.ts:\d+/);
  }
  assert.equal((await client.request('GET', `/api/conversations/${id}`)).json.messages.length, 0);
});

test('a pasted password is redacted before it is stored, shown or logged, and the user is told to rotate it', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const text = `${AUTH_ERROR}\nDATABASE_URL=postgresql://neondb_owner:${LIVE_PASSWORD}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require`;
  const posted = await client.request('POST', `/api/conversations/${id}/messages`, { text });
  assert.ok(posted.json.replies.some((reply: { type: string }) => reply.type === 'secret_warning'));
  assert.ok(!posted.text.includes(LIVE_PASSWORD));
  const read = await client.request('GET', `/api/conversations/${id}`);
  assert.ok(!read.text.includes(LIVE_PASSWORD));
  assert.match(read.json.messages[0].text, /<redacted>/);
  const rows = await running.cluster.query('select body::text as body from messages');
  assert.ok(rows.length > 0);
  assert.ok(rows.every((row) => !String(row.body).includes(LIVE_PASSWORD)));
  assert.ok(running.service.logs.length > 0);
  assert.ok(running.service.logs.every((line) => !line.includes(LIVE_PASSWORD)));
});

test('a different error during a runbook offers to switch, and accepting starts the new runbook', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR });
  const offered = await client.request('POST', `/api/conversations/${id}/messages`, { text: 'FATAL: sorry, too many clients already' });
  const offer = offered.json.replies.find((reply: { type: string }) => reply.type === 'switch_offer');
  assert.deepEqual([offer.from, offer.to], ['auth_failed', 'too_many_connections']);
  assert.equal((await client.request('GET', `/api/conversations/${id}`)).json.state.type, 'switch_offer');
  const accepted = await client.request('POST', `/api/conversations/${id}/messages`, { switch: 'accept' });
  assert.equal(accepted.json.replies[0].family, 'too_many_connections');
  assert.equal(accepted.json.replies[0].step.id, 'reduce_pool_size');
});

test('declining a switch keeps the current check', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: AUTH_ERROR });
  await client.request('POST', `/api/conversations/${id}/messages`, { text: 'FATAL: sorry, too many clients already' });
  const declined = await client.request('POST', `/api/conversations/${id}/messages`, { switch: 'decline' });
  assert.equal(declined.json.replies[0].family, 'auth_failed');
  assert.equal(declined.json.replies[0].step.id, 'rotate_password');
});

test('POST /api/triage and /api/parse answer with the CLI JSON', async () => {
  const client = cookieClient(running.service.url);
  const triaged = await client.request('POST', '/api/triage', { text: AUTH_ERROR });
  assert.equal(triaged.json.family, 'auth_failed');
  assert.equal(triaged.json.runbook.steps[0].id, 'rotate_password');
  const parsed = await client.request('POST', '/api/parse', { text: `postgresql://u:${LIVE_PASSWORD}@ep-x-123.us-east-2.aws.neon.tech/db` });
  assert.equal(parsed.json.ok, true);
  assert.ok(!parsed.text.includes(LIVE_PASSWORD));
  assert.equal((await client.request('POST', '/api/triage', {})).json.code, 'PGT_ERR_BAD_REQUEST');
});

test('health and metrics answer, and an unknown route is a coded 404', async () => {
  const client = cookieClient(running.service.url);
  assert.deepEqual((await client.request('GET', '/healthz')).json, { status: 'ok' });
  const metrics = await client.request('GET', '/metrics');
  assert.match(metrics.text, /pgtriage_process_cpu_seconds_total/);
  assert.match(metrics.text, /pgtriage_pool_total\{pool="store"\} [1-9]/);
  assert.match(metrics.text, /pgtriage_pool_checkouts_total\{pool="store"\} [1-9]/);
  const missing = await client.request('GET', '/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.code, 'PGT_ERR_NOT_FOUND');
});

test('a pasted connection string alone gets the audit, not a runbook', async () => {
  const client = cookieClient(running.service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const { json } = await client.request('POST', `/api/conversations/${id}/messages`, {
    text: 'postgresql://neondb_owner@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb',
  });
  assert.deepEqual(json.replies.map((reply: { type: string }) => reply.type), ['audit', 'phrasing']);
  const { report } = json.replies[0];
  assert.equal(report.ok, true);
  const ids = report.findings.map((finding: { id: string }) => finding.id);
  assert.ok(ids.includes('sslmode_missing') && ids.includes('neon_pooler'), ids.join());
  assert.equal((await client.request('GET', `/api/conversations/${id}`)).json.state, null);
});

test('every answered request leaves one log line of method, path, status and duration, and no body', async () => {
  const marker = `ECONNREFUSED request-log-${Date.now()}`;
  const triaged = await cookieClient(running.service.url).request('POST', '/api/triage', { text: marker });
  assert.equal(triaged.status, 200, triaged.text);
  const missing = await cookieClient(running.service.url).request('GET', '/api/no-such-route');
  assert.equal(missing.status, 404);
  const lines = () => running.service.logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
  // The line is written once the answer is out, which the client may see first.
  for (let waited = 0; !lines().some((entry) => entry.path === '/api/no-such-route') && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  const triageLines = lines().filter((entry) => entry.path === '/api/triage' && entry.method === 'POST');
  assert.ok(triageLines.length >= 1, JSON.stringify(lines()));
  assert.equal(triageLines.at(-1).status, 200);
  assert.equal(typeof triageLines.at(-1).durationMs, 'number');
  assert.equal(lines().filter((entry) => entry.path === '/api/no-such-route').length, 1);
  assert.equal(lines().find((entry) => entry.path === '/api/no-such-route').status, 404);
  assert.ok(running.service.logs.every((line) => !line.includes('request-log-')), 'no body is logged');
});
