// `npm start` as a user runs it: a real process on the embedded default.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../support/ports.ts';
import { serveProcess } from '../support/serve-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-serve-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function serve(env: Record<string, string>) {
  return serveProcess(env, children);
}

test('SIGTERM stops the service and its embedded PostgreSQL cleanly', async () => {
  const port = await freePort();
  const running = serve({ PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port) });
  await running.ready;
  assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  assert.ok(existsSync(join(dataDir, 'pg', 'postmaster.pid')));
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 0);
  assert.ok(!existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'the embedded server shut down');
});

test('an embedded port already in use stops the start with a clear message, not a stack trace', async () => {
  const blocker: Server = createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    const running = serve({ PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), PORT: String(await freePort()) });
    assert.equal(await running.exited, 1);
    assert.equal(running.output().stderr.trim(), `pgtriage: embedded PostgreSQL: port ${port} on 127.0.0.1 is in use; set EMBEDDED_PG_PORT to a free port`);
  } finally {
    blocker.close();
  }
});

test('a service port already in use stops the start with a clear message and stops the embedded server', async () => {
  const blocker: Server = createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    const running = serve({ PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port) });
    assert.equal(await running.exited, 1);
    assert.equal(running.output().stderr.trim(), `pgtriage: PORT: 127.0.0.1:${port} is in use; set PORT to a free port or stop the other service`);
    assert.ok(!existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'the embedded server was stopped');
  } finally {
    blocker.close();
  }
});
