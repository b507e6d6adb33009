// The node process of `npm start` is SIGKILLed mid-run (issue #12): its
// embedded PostgreSQL is left orphaned on the data folder. The next start
// recognises its own orphan, stops it and starts; the acknowledged message is
// there, and a retry with the same Idempotency-Key stores nothing twice.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../support/ports.ts';
import { serveProcess } from '../support/serve-process.ts';
import { isAlive } from '../../src/db/embedded.ts';
import { cookieClient } from '../support/service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-crash-'));
const children: ChildProcess[] = [];
let orphan: number | null = null;
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (orphan !== null && isAlive(orphan)) process.kill(orphan, 'SIGQUIT');
  rmSync(dataDir, { recursive: true, force: true });
});


function serve(env: Record<string, string>) {
  return serveProcess(env, children);
}

test('after SIGKILL of the service, the next start stops its orphaned PostgreSQL and starts; nothing acknowledged is lost or doubled', async () => {
  const port = await freePort();
  const env = { PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port) };
  const url = `http://127.0.0.1:${port}`;
  const first = serve(env);
  await first.ready;
  const client = cookieClient(url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const message = { text: 'FATAL: sorry, too many clients already' };
  const acknowledged = await client.request('POST', `/api/conversations/${id}/messages`, message, { 'idempotency-key': 'crash-1' });
  assert.equal(acknowledged.status, 200);

  first.child.kill('SIGKILL');
  await first.exited;
  orphan = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  assert.ok(isAlive(orphan), 'the embedded PostgreSQL outlived its node process');

  const second = serve(env);
  await second.ready;
  assert.ok(!isAlive(orphan), 'the orphan was stopped');
  const read = await client.request('GET', `/api/conversations/${id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.json.messages.filter((m: { role: string }) => m.role === 'user').map((m: { text: string }) => m.text), [message.text]);
  assert.deepEqual(read.json.messages.slice(1, 3).map((m: { type: string }) => m.type), ['triage', 'check']);
  const retried = await client.request('POST', `/api/conversations/${id}/messages`, message, { 'idempotency-key': 'crash-1' });
  assert.equal(retried.status, 200);
  assert.equal(retried.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(retried.json, acknowledged.json);
  assert.equal((await client.request('GET', `/api/conversations/${id}`)).json.messages.length, read.json.messages.length);

  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
  assert.ok(!existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'the embedded server shut down');
  assert.ok(!existsSync(join(dataDir, 'owner.pid')));
});
