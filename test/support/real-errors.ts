// Real connection errors from real clients (node-postgres, TypeORM, psql/libpq,
// a bare Node process) against real servers the tests start on loopback. Each
// producer makes the failure happen and hands back what a user would paste, so
// the classifier is judged on the world's wording, not on strings we typed.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ClientId } from '../../src/triage/types.ts';
import type { TestCluster } from './cluster.ts';

/** A client of the triage contract, or `node` for Node's own URL parsing in app code. */
export type RealClient = ClientId | 'node';

export interface RealError {
  client: RealClient;
  message: string;
  /** SQLSTATE, errno or Node error code, when the client exposes one. */
  code?: string;
  /** What a user would paste: the printed error and its code, or the client's stderr. */
  text: string;
}

/** Where to connect and as whom; the password goes to the client only, never into a text. */
export interface Target {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
}

/** A cluster's superuser, as a client's target. */
export function superuser(cluster: TestCluster): Target {
  return { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password };
}

const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * What `console.error(err)` shows of a node-postgres, TypeORM or Node error
 * without its stack: `String(err)`, then the `code` property and, for Node's
 * URL errors, the `input` property, as users paste them.
 */
export function fromError(client: RealClient, error: unknown): RealError {
  if (!(error instanceof Error)) throw new Error(`expected an Error from ${client}, got ${String(error)}`);
  const { code: rawCode, input } = error as Error & { code?: unknown; input?: unknown };
  const code = typeof rawCode === 'string' && rawCode !== '' ? rawCode : undefined;
  const lines = [String(error)];
  if (code) lines.push(`  code: '${code}'`);
  if (typeof input === 'string') lines.push(`  input: '${input}'`);
  return { client, message: error.message, code, text: lines.join('\n') };
}

class ReproductionError extends Error {
  override readonly name = 'ReproductionError';
}

// ---------------------------------------------------------------- node-postgres

/**
 * Runs `act`, which must fail, then `cleanup` either way, and returns the
 * client's error as a user would paste it.
 */
async function failureOf(client: RealClient, what: string, act: () => Promise<unknown>, cleanup: () => Promise<unknown>): Promise<RealError> {
  let failure: { error: unknown } | undefined;
  try {
    await act();
  } catch (error) {
    failure = { error };
  } finally {
    await cleanup();
  }
  if (failure === undefined) throw new ReproductionError(`expected ${what} to fail, but it succeeded`);
  return fromError(client, failure.error);
}

/** Connects with node-postgres and returns the error it rejects with. */
export async function pgConnectError(config: pg.ClientConfig): Promise<RealError> {
  let client: pg.Client | undefined;
  return failureOf(
    'node-postgres',
    'node-postgres to connect',
    async () => {
      // The constructor parses connectionString, so a malformed URL throws here.
      client = new pg.Client(config);
      client.on('error', () => {});
      await client.connect();
    },
    async () => client?.end().catch(() => {}),
  );
}

/** Connects (which must work), runs one statement and returns the error it rejects with. */
export async function pgQueryError(config: pg.ClientConfig, sql: string | pg.QueryConfig): Promise<RealError> {
  const client = new pg.Client(config);
  client.on('error', () => {});
  await client.connect();
  return failureOf('node-postgres', `node-postgres on ${typeof sql === 'string' ? sql : sql.text}`, () => client.query(sql), () => client.end());
}

export function pgConfig(target: Target, extra: pg.ClientConfig = {}): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database ?? 'postgres',
    ...extra,
  };
}

// ---------------------------------------------------------------- TypeORM

export function typeormOptions(target: Target, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    host: target.host,
    port: target.port,
    username: target.user,
    password: target.password,
    database: target.database ?? 'postgres',
    ...extra,
  } as DataSourceOptions;
}

/** `DataSource.initialize()` and the error it rejects with. */
export async function typeormConnectError(options: DataSourceOptions): Promise<RealError> {
  let dataSource: DataSource | undefined;
  return failureOf(
    'typeorm',
    'TypeORM to initialize',
    async () => {
      dataSource = new DataSource(options);
      await dataSource.initialize();
    },
    async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
    },
  );
}

/** Initializes (which must work), runs one statement and returns TypeORM's error. */
export async function typeormQueryError(options: DataSourceOptions, sql: string): Promise<RealError> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  return failureOf('typeorm', `TypeORM on ${sql}`, () => dataSource.query(sql), () => dataSource.destroy());
}

// ---------------------------------------------------------------- psql (libpq)

export interface PsqlRun {
  /** libpq keywords: host, port, user, dbname, sslmode, connect_timeout, ... */
  conninfo?: Record<string, string | number>;
  /** A connection URI instead of keywords (it is passed as psql's dbname argument). */
  uri?: string;
  password?: string;
  sql?: string;
  /** Runs once psql has started, e.g. to break its connection mid-query. */
  whileRunning?: () => Promise<void>;
}

/** Runs psql, which must fail, and returns its stderr: real libpq wording. */
export async function psqlError(run: PsqlRun): Promise<RealError> {
  const conninfo = run.uri ?? Object.entries(run.conninfo ?? {}).map(([key, value]) => `${key}=${value}`).join(' ');
  // No ~/.pgpass, no ~/.psqlrc, no PG* variables of the caller: only what the run says.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: tmpdir(), PGPASSFILE: join(tmpdir(), 'pgtriage-no-pgpass'), LC_ALL: 'C' };
  if (run.password !== undefined) env.PGPASSWORD = run.password;
  const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>((done, fail) => {
    const child = execFile('psql', ['-X', '-w', '-v', 'ON_ERROR_STOP=1', '-c', run.sql ?? 'select 1', conninfo], { env }, (error, _stdout, stderrText) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
        fail(new ReproductionError(`psql did not run: ${error.message}`, { cause: error }));
        return;
      }
      done({ exitCode: child.exitCode, stderr: stderrText });
    });
    run.whileRunning?.().catch((error: unknown) => {
      child.kill();
      fail(error);
    });
  });
  if (exitCode === 0) throw new ReproductionError('expected psql to fail, but it succeeded');
  const text = stderr.trim();
  const message = text.split('\n')[0] ?? '';
  return { client: 'libpq', message, text };
}

// ---------------------------------------------------------------- a bare Node process

export interface ChildRun {
  /** The program, CommonJS unless `esm`. */
  source: string;
  esm?: boolean;
  /**
   * Packages (from this project's node_modules) the child can see: none (the
   * default), all of them, or all but `pg` (a driver never installed).
   */
  packages?: 'none' | 'all' | 'all-but-pg';
  /** Environment beyond PATH, e.g. PGPASSWORD for a child that connects. */
  env?: Record<string, string>;
  /** Called with each line the child writes to stdout, e.g. a backend pid to end. */
  onStdoutLine?: (line: string) => Promise<void> | void;
  /** Whose wording the failure is in; node-postgres unless said. */
  client?: RealClient;
}

/**
 * Runs a Node program, which must fail, in a fresh temp folder with the
 * packages the run asks for, and returns its stderr: what a crashed app prints.
 */
export async function childNodeError(run: ChildRun): Promise<RealError> {
  const folder = mkdtempSync(join(tmpdir(), 'pgtriage-child-'));
  try {
    const args: string[] = [];
    if (run.packages === 'all' || run.packages === 'all-but-pg') {
      const modules = join(folder, 'node_modules');
      mkdirSync(modules);
      for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
        if ((run.packages === 'all-but-pg' && name === 'pg') || name.startsWith('.')) continue;
        symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(modules, name));
      }
      // Without this Node follows each link back into the project, where pg is.
      if (run.packages === 'all-but-pg') args.push('--preserve-symlinks');
    }
    const file = join(folder, run.esm ? 'app.mjs' : 'app.cjs');
    writeFileSync(file, run.source);
    args.push(file);
    const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: folder,
        env: { PATH: process.env.PATH, ...run.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      let pending = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        pending += chunk;
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          Promise.resolve(run.onStdoutLine?.(line)).catch(fail);
          newline = pending.indexOf('\n');
        }
      });
      child.on('error', fail);
      child.on('close', (code) => done({ exitCode: code, stderr: text }));
    });
    if (exitCode === 0) throw new ReproductionError('expected the child process to fail, but it exited 0');
    const text = stderr.trim();
    // Node prints the throwing source line first, then `Name: message` (or
    // `Name [CODE]: message`); node-postgres names its server errors `error`.
    const message = text.split('\n').find((line) => /^(?:\w*Error|error)\b/.test(line))?.replace(/^(?:\w*Error|error)(?: \[\w+\])?: /, '') ?? '';
    const code = /^ {2}code: '([A-Z0-9_]+)'/m.exec(text)?.[1];
    return { client: run.client ?? 'node-postgres', message, code, text };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- servers and sockets

/** A loopback TCP server that accepts connections and never says a word. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new ReproductionError('silent server has no port');
  return {
    port: address.port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * Waits until a backend with this application_name sits in pg_sleep(): its
 * query surely in flight. Name each reproduction's client apart, because a
 * backend whose client vanished keeps sleeping until it next writes.
 */
export async function waitForSleepingBackend(query: Query, applicationName: string): Promise<void> {
  for (;;) {
    const [row] = await query(
      "select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep' and application_name = $1",
      [applicationName],
    );
    if (typeof row?.n === 'number' && row.n > 0) return;
    await new Promise((done) => setTimeout(done, 10));
  }
}

/** Ends the backends left behind by a reproduction whose client vanished. */
export async function terminateBackends(query: Query, applicationName: string): Promise<void> {
  await query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
}

/** Opens `count` connections and keeps them until release(): slots an app leaks. */
export async function holdConnections(config: pg.ClientConfig, count: number): Promise<{ release(): Promise<void> }> {
  const clients: pg.Client[] = [];
  for (let i = 0; i < count; i += 1) {
    const client = new pg.Client(config);
    client.on('error', () => {});
    await client.connect();
    clients.push(client);
  }
  return {
    async release() {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

/** Resolves with the next `error` event of an emitter (a pool or a client). */
export function nextError(emitter: { once(event: 'error', listener: (error: Error) => void): unknown }): Promise<Error> {
  return new Promise((done) => emitter.once('error', done));
}

/**
 * Waits until the server has no client backend but the asking one: a closed
 * client's backend exits a moment after the socket closes, and the slot it
 * held is free only then.
 */
export async function waitForNoClients(query: (sql: string) => Promise<Array<{ n?: unknown }>>): Promise<void> {
  for (;;) {
    const [row] = await query("select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()");
    if (row?.n === 0) return;
    await new Promise((done) => setTimeout(done, 20));
  }
}
