// The node process of `npm start` is SIGKILLed mid-run (issue #12): its
// embedded PostgreSQL is left orphaned on the data folder. The next start
// recognises its own orphan, stops it and starts; the acknowledged message is
// there, and a retry with the same Idempotency-Key stores nothing twice.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../support/ports.ts';
import { cookieClient } from '../support/service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-crash-'));
const children: ChildProcess[] = [];
let orphan: number | null = null;
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (orphan !== null && isAlive(orphan)) process.kill(orphan, 'SIGQUIT');
  rmSync(dataDir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/pgtriage.mjs', 'serve'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => stdout.includes('ready on http') && resolve());
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited };
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
