// "Verify" in the chat: the probe decides a runbook check against
// DATABASE_URL only, its verdict moves the runbook as a user's answer does,
// and nothing pasted in the chat is ever dialled.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { freePort } from '../../support/ports.ts';
import { cookieClient, serviceForTests, type TestService } from '../../support/service.ts';
import { setUp } from '../../support/setup.ts';

const AUTH_ERROR = 'error: password authentication failed for user "postgres"';

async function conversationAt(service: TestService, text: string) {
  const client = cookieClient(service.url);
  const { json } = await client.request('POST', '/api/conversations');
  const pasted = await client.request('POST', `/api/conversations/${json.id}/messages`, { text });
  assert.equal(pasted.status, 200);
  return { client, id: json.id as string };
}

let cluster: TestCluster;
before(async () => {
  cluster = await startCluster();
});
after(async () => {
  await cluster?.stop();
});

describe('with DATABASE_URL holding a wrong password', () => {
  const running = serviceForTests(() => cluster, () => ({ DATABASE_URL: cluster.url().replace(encodeURIComponent(cluster.password), 'stale-FAKE-password') }));

  test('verifying rotate_password confirms it with the server\'s 28P01 as evidence and moves to the fix', async () => {
    const { client, id } = await conversationAt(running.service, AUTH_ERROR);
    const { status, json } = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'rotate_password' } });
    assert.equal(status, 200, JSON.stringify(json));
    const verdict = json.replies.find((r: { type: string }) => r.type === 'verdict');
    assert.equal(verdict.verdict, 'confirmed');
    assert.match(verdict.evidence, /password authentication failed for user "postgres" \(SQLSTATE 28P01\)/);
    assert.equal(verdict.probe.check, 'startup_auth');
    assert.ok(!JSON.stringify(json).includes('stale-FAKE-password'));
    const next = json.replies.find((r: { type: string }) => r.type === 'fix' || r.type === 'check');
    assert.deepEqual([next.type, next.step.id], ['fix', 'rotate_password']);
    const stored = await client.request('GET', `/api/conversations/${id}`);
    const kept = stored.json.messages.filter((m: { type: string }) => m.type === 'verdict' || m.type === 'user_verify');
    assert.deepEqual(kept.map((m: { type: string }) => m.type), ['user_verify', 'verdict']);
    assert.equal(stored.json.state.type, 'fix');
  });

  test('a host pasted in the chat is never dialled: only DATABASE_URL is', async () => {
    let dialled = 0;
    const listener: Server = createServer((socket) => {
      dialled++;
      socket.destroy();
    });
    const port = await freePort();
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    try {
      const { client, id } = await conversationAt(running.service, `${AUTH_ERROR}\nDATABASE_URL=postgresql://postgres:pasted-FAKE-pw@127.0.0.1:${port}/postgres`);
      const { json } = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'rotate_password' } });
      const verdict = json.replies.find((r: { type: string }) => r.type === 'verdict');
      assert.equal(verdict.verdict, 'confirmed');
      assert.ok(!verdict.evidence.includes(String(port)));
      assert.equal(dialled, 0);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  test('a manual check, a check out of turn and a malformed verify are refused with a specific error', async () => {
    const { client, id } = await conversationAt(running.service, AUTH_ERROR);
    const outOfTurn = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'check_user_name' } });
    assert.equal(outOfTurn.status, 409);
    assert.equal(outOfTurn.json.code, 'PGT_ERR_ANSWER_OUT_OF_TURN');
    const malformed = await client.request('POST', `/api/conversations/${id}/messages`, { verify: 'rotate_password' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.code, 'PGT_ERR_BAD_MESSAGE');
    const manualChat = await conversationAt(running.service, "Error: Cannot find module 'pg'");
    const manual = await manualChat.client.request('POST', `/api/conversations/${manualChat.id}/messages`, { verify: { stepId: 'install_driver' } });
    assert.equal(manual.status, 400);
    assert.match(manual.json.message, /manual check/);
  });
});

describe('with the right password in DATABASE_URL', () => {
  const running = serviceForTests(() => cluster);

  test('verifying rotate_password rules it out and moves to the next check', async () => {
    const { client, id } = await conversationAt(running.service, AUTH_ERROR);
    const { json } = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'rotate_password' } });
    const verdict = json.replies.find((r: { type: string }) => r.type === 'verdict');
    assert.equal(verdict.verdict, 'ruled_out');
    assert.match(verdict.evidence, /logged in/);
    const next = json.replies.find((r: { type: string }) => r.type === 'check');
    assert.deepEqual([next.type, next.step.id], ['check', 'check_user_name']);
  });
});

describe('with DATABASE_URL on a closed port', () => {
  const running = serviceForTests(() => cluster, async () => ({ DATABASE_URL: `postgresql://postgres:not-the-password@127.0.0.1:${await freePort()}/postgres` }));

  test('an inconclusive verdict is kept but does not move the runbook', async () => {
    const { client, id } = await conversationAt(running.service, AUTH_ERROR);
    const { json } = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'rotate_password' } });
    const verdict = json.replies.find((r: { type: string }) => r.type === 'verdict');
    assert.equal(verdict.verdict, 'inconclusive');
    assert.match(verdict.evidence, /ECONNREFUSED/);
    const state = (await client.request('GET', `/api/conversations/${id}`)).json.state;
    assert.deepEqual([state.type, state.step.id], ['check', 'rotate_password']);
  });
});

// A verify waits on the probe, whose budget (PROBE_TIMEOUT_MS) may be longer
// than the request deadline (REQUEST_TIMEOUT_MS, both 15 s by default): the
// deadline of a verify is the probe's budget plus its own, so the verdict is
// answered and never cut by a 503 while the probe is still within its budget.
describe('with DATABASE_URL on a server that accepts TCP and never answers', () => {
  let silent: Server;
  let port: number;
  const held = new Set<Socket>();
  setUp(async () => {
    silent = createServer((socket) => {
      held.add(socket);
    });
    port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
  });
  // Registered after the silent server's hooks: the service starts after it and closes before it.
  const running = serviceForTests(() => cluster, () => ({
    DATABASE_URL: `postgresql://postgres:not-the-password@127.0.0.1:${port}/postgres?connect_timeout=2`,
    REQUEST_TIMEOUT_MS: '1000',
    PROBE_TIMEOUT_MS: '2500',
  }));
  after(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('a verify that outlasts the request deadline still answers its verdict (the probe\'s budget extends it)', async () => {
    const { client, id } = await conversationAt(running.service, AUTH_ERROR);
    const { status, json } = await client.request('POST', `/api/conversations/${id}/messages`, { verify: { stepId: 'rotate_password' } });
    assert.equal(status, 200, JSON.stringify(json));
    const verdict = json.replies.find((r: { type: string }) => r.type === 'verdict');
    assert.equal(verdict.verdict, 'inconclusive');
    assert.match(verdict.evidence, /timeout/i);
  });
});
