// The lesson's "restart and re-read": a conversation survives a restart of the
// service on the embedded default (same data folder, same embedded cluster).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../../support/ports.ts';
import { cookieClient, startTestService, type TestService } from '../../support/service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-restart-'));
let service: TestService | undefined;
after(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a conversation reads back the same after the service restarts on the embedded default', async () => {
  const env = { PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  service = await startTestService(env);
  const client = cookieClient(service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  await client.request('POST', `/api/conversations/${id}/messages`, { text: 'Error: connect ECONNRESET 10.1.2.3:5432\nConnection terminated unexpectedly' });
  await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'confirm_pre_ping', answer: 'ruled_out' } });
  const before = (await client.request('GET', `/api/conversations/${id}`)).json;
  assert.ok(before.messages.length >= 5);
  assert.ok(service.logs.some((line) => line.includes('"firstRun":true')));
  await service.close();

  service = await startTestService(env);
  assert.ok(service.logs.some((line) => line.includes('"firstRun":false')));
  const again = cookieClient(service.url);
  const after = await again.request('GET', `/api/conversations/${id}`, undefined, { cookie: client.cookie });
  assert.equal(after.status, 200);
  assert.deepEqual(after.json, before);
});

test('a second service on a data folder already in use is refused with a clear message', async () => {
  assert.ok(service, 'the first test left a running service');
  const port = await freePort();
  await assert.rejects(
    startTestService({ PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) }),
    /is held by a running PostgreSQL \(pid \d+\)/,
  );
});
