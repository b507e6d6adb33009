// A real PgBouncer (Debian's `pgbouncer` package) in front of a test cluster,
// on a loopback port, for the errors only a transaction-mode pooler causes.
// It refuses to run as root, so it runs as the postgres OS user the clusters
// already use.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCluster } from './cluster.ts';
import { freePort } from './ports.ts';

export interface PgbouncerOptions {
  poolMode?: 'session' | 'transaction' | 'statement';
  /** Server connections per database/user pair; 1 makes every client share one backend. */
  poolSize?: number;
}

export interface TestPgbouncer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Everything PgBouncer logged, for failure messages. */
  readonly logs: string[];
  /** Resolves once PgBouncer logs a line matching the pattern, among the logs from index `since` on. */
  waitForLog(pattern: RegExp, since?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const PGBOUNCER_BINARY = '/usr/sbin/pgbouncer';

export async function startPgbouncer(upstream: TestCluster, options: PgbouncerOptions = {}): Promise<TestPgbouncer> {
  const folder = mkdtempSync(join(tmpdir(), 'pgtriage-pgbouncer-'));
  const port = await freePort();
  const logs: string[] = [];
  // Clients authenticate to PgBouncer by name only (trust, listed in auth_file);
  // PgBouncer logs in to the cluster with the password from [databases].
  writeFileSync(join(folder, 'userlist.txt'), `"${upstream.user}" ""\n`, { mode: 0o600 });
  writeFileSync(
    join(folder, 'pgbouncer.ini'),
    [
      '[databases]',
      `postgres = host=${upstream.host} port=${upstream.port} dbname=postgres user=${upstream.user} password=${upstream.password}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(folder, 'userlist.txt')}`,
      `pool_mode = ${options.poolMode ?? 'transaction'}`,
      `default_pool_size = ${options.poolSize ?? 1}`,
      'max_client_conn = 50',
      'server_login_retry = 1',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(folder, file), uid, gid);

  const child: ChildProcess = spawn(PGBOUNCER_BINARY, [join(folder, 'pgbouncer.ini')], {
    uid,
    gid,
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      logs.push(chunk.toString());
      if (/process up/.test(chunk.toString())) ready();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`pgbouncer exited with ${code}:\n${logs.join('')}`)));
  });
  return {
    host: '127.0.0.1',
    port,
    logs,
    async waitForLog(pattern, since = 0, timeoutMs = 15_000) {
      // Bounded: a line that never comes fails the test with what was logged instead of hanging the run.
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(logs.slice(since).join(''))) {
        if (Date.now() > deadline) throw new Error(`PgBouncer logged no ${pattern} within ${timeoutMs} ms; it logged:\n${logs.slice(since).join('')}`);
        await new Promise((done) => setTimeout(done, 10));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
