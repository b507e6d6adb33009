// Every error family a real client can be made to hit against real servers on
// loopback (PostgreSQL 17 clusters, PgBouncer, a silent TCP server, a proxy
// that cuts connections), one row per reproduction: how it is produced, by
// which client, and what the error and the classifier must then say. The
// loop in live-errors.test.ts runs the rows in order.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as legacyUrlParse } from 'node:url';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import type { Reproduction } from '../../support/live-error-expect.ts';
import { startPgbouncer, type TestPgbouncer } from '../../support/pgbouncer.ts';
import { freePort } from '../../support/ports.ts';
import {
  childNodeError,
  fromError,
  holdConnections,
  nextError,
  pgConfig,
  pgConnectError,
  pgQueryError,
  psqlError,
  startSilentServer,
  superuser,
  terminateBackends,
  type RealError,
  type Target,
  typeormConnectError,
  typeormOptions,
  typeormQueryError,
  waitForNoClients,
  waitForSleepingBackend,
} from '../../support/real-errors.ts';
import { startTcpProxy } from '../../support/tcp-proxy.ts';

// RFC 6761: names under .invalid never resolve.
const INVALID_HOST = 'db.pgtriage.invalid';
// A variable no test machine sets: the app's settings were never loaded.
const UNSET_VARIABLE = 'PGTRIAGE_LIVE_ERRORS_NEVER_SET';

/** The servers the rows fail against, started once for all of them. */
export interface Lab {
  /** scram-sha-256, with an `app` role, a table it was not granted, a NOLOGIN role, a database it may not connect to, a role capped at one connection. */
  scram: TestCluster;
  /** max_connections=5 with one slot kept for superusers: four app connections fill the rest. */
  slots: TestCluster;
  /** TLS on, and pg_hba.conf takes only TLS: the superuser is rejected outright without it, any other role finds no line at all. */
  tls: TestCluster;
  /** pg_hba.conf says trust. */
  trust: TestCluster;
  /** idle_session_timeout=1s. */
  idle: TestCluster;
  /** Behind a transaction-mode PgBouncer with one server connection. */
  pooled: TestCluster;
  bouncer: TestPgbouncer;
  /** Accepts connections and never says a word. */
  silent: { port: number };
  /** A loopback port nothing listens on. */
  closedPort: number;
  /** An empty folder, as a Unix socket directory where no server listens. */
  socketDir: string;
  appPassword: string;
  /** Every password of the lab: none may appear in an error text. */
  secrets: string[];
  stop(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  const appPassword = `app-${Math.random().toString(36).slice(2)}`;
  const [scram, slots, tls, trust, idle, pooled] = await Promise.all([
    startCluster(),
    startCluster({ settings: { max_connections: '5', superuser_reserved_connections: '1', reserved_connections: '0' } }),
    startCluster({
      ssl: true,
      hbaLines: ['hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all postgres 127.0.0.1/32 reject'],
    }),
    startCluster({ hbaLines: ['host all all 127.0.0.1/32 trust'] }),
    startCluster({ settings: { idle_session_timeout: '1s' } }),
    startCluster(),
  ]);
  const bouncer = await startPgbouncer(pooled, { poolMode: 'transaction', poolSize: 1 });
  const silent = await startSilentServer();
  await scram.query(`create role app login password '${appPassword}'`);
  await scram.query('create table expenses (id int)');
  await scram.query(`create role reporting password '${appPassword}'`);
  await scram.query(`create role capped login password '${appPassword}' connection limit 1`);
  await scram.query('create database ledger');
  await scram.query('revoke connect on database ledger from public');
  await slots.query(`create role app login password '${appPassword}'`);
  await tls.query(`create role app login password '${appPassword}'`);
  assert.equal(process.env[UNSET_VARIABLE], undefined);
  const socketDir = mkdtempSync(join(tmpdir(), 'pgtriage-nosocket-'));
  const clusters = [scram, slots, tls, trust, idle, pooled];
  return {
    scram, slots, tls, trust, idle, pooled, bouncer, silent, socketDir, appPassword,
    closedPort: await freePort(),
    secrets: [appPassword, ...clusters.map((cluster) => cluster.password)],
    async stop() {
      await bouncer.stop();
      await silent.close();
      await Promise.all(clusters.map((cluster) => cluster.stop()));
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

function app(lab: Lab, cluster: TestCluster): Target {
  return { host: cluster.host, port: cluster.port, user: 'app', password: lab.appPassword };
}

function libpq(cluster: TestCluster, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { host: cluster.host, port: cluster.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable', ...extra };
}

async function rejected(promise: Promise<unknown>, what: string, client: RealError['client'] = 'node-postgres'): Promise<RealError> {
  return promise.then(
    () => assert.fail(`${what} succeeded`),
    (cause: unknown) => fromError(client, cause),
  );
}

function thrown(run: () => unknown): RealError {
  try {
    run();
  } catch (error) {
    return fromError('node', error);
  }
  throw new Error('expected the call to throw');
}

/**
 * A checked-out pg.Pool client whose session the server ends (`end` does it,
 * or the server's own timeout): its two error events (the server's FATAL, then
 * the closed socket) and the error of its next query.
 */
async function endedClient(
  cluster: TestCluster,
  end: (pid: number) => Promise<unknown>,
): Promise<{ fatal: RealError; closed: RealError; nextQuery: RealError }> {
  const pool = new pg.Pool(pgConfig(superuser(cluster)));
  const client = await pool.connect();
  try {
    const events: Error[] = [];
    client.on('error', (error) => events.push(error));
    const ended = new Promise((done) => client.once('end', done));
    const [row] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    await end(row?.pid ?? 0);
    await ended;
    const [fatal, closed] = events.map((event) => fromError('node-postgres', event));
    assert.ok(fatal && closed && events.length === 2, `expected two error events, got ${events.map((event) => event.message).join('; ')}`);
    const nextQuery = await rejected(client.query('select 1'), 'a query on an ended client');
    return { fatal, closed, nextQuery };
  } finally {
    client.release(true);
    await pool.end();
  }
}

const terminate = (cluster: TestCluster) => (pid: number) => cluster.query('select pg_terminate_backend($1)', [pid]);
// idle_session_timeout ends the session by itself.
const idleTimeout = () => Promise.resolve();

/** The next 'error' event of a pg.Pool whose idle client is ended by `end` (given its backend pid). */
async function idlePoolError(config: pg.PoolConfig, end: (pid: number) => Promise<unknown>): Promise<RealError> {
  const pool = new pg.Pool(config);
  try {
    const poolError = nextError(pool);
    const [row] = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    await end(row?.pid ?? 0);
    return fromError('node-postgres', await poolError);
  } finally {
    await pool.end();
  }
}

/** The app role holds four of the five slots of the `slots` cluster while `run` runs. */
async function withAppSlotsHeld<T>(lab: Lab, run: () => Promise<T>): Promise<T> {
  await waitForNoClients((sql) => lab.slots.query(sql));
  const held = await holdConnections(pgConfig(app(lab, lab.slots)), 4);
  try {
    return await run();
  } finally {
    await held.release();
  }
}

/** psql over TLS through a loopback proxy that cuts the connection (FIN or RST) while a query runs. */
async function psqlCutMidQuery(lab: Lab, cut: 'cutAll' | 'resetAll'): Promise<RealError> {
  const proxy = await startTcpProxy(lab.tls);
  const applicationName = `pgtriage-${cut}`;
  const query = (sql: string, params?: unknown[]) => lab.tls.query(sql, params);
  try {
    return await psqlError({
      conninfo: libpq(lab.tls, { port: proxy.port, sslmode: 'require', application_name: applicationName }),
      password: lab.tls.password,
      sql: 'select pg_sleep(60)',
      whileRunning: async () => {
        await waitForSleepingBackend(query, applicationName);
        proxy[cut]();
      },
    });
  } finally {
    await terminateBackends(query, applicationName);
    await proxy.close();
  }
}

/** A TypeORM logger that keeps what TypeORM logs, as its console logger would print it. */
function recordingLogger(lines: string[]): Logger {
  return {
    logQuery() {},
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log(_level, message) {
      lines.push(String(message));
    },
  };
}

const ADMIN_TERMINATE = { code: '57P01', message: /^terminating connection due to administrator command$/, evidence: /57P01|terminating connection due to administrator command/ };

export const REPRODUCTIONS: ReadonlyArray<Reproduction<Lab>> = [
  // ---------------------------------------------------------------- auth_failed
  {
    id: 'auth_failed/pg-wrong-password', family: 'auth_failed', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with a wrong password against a PostgreSQL 17 scram-sha-256 cluster',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), password: 'not-the-password' })),
    code: '28P01',
    message: /^password authentication failed for user "postgres"$/,
    evidence: /28P01|password authentication failed/,
  },
  {
    id: 'auth_failed/psql-wrong-password', family: 'auth_failed', client: 'libpq',
    producedBy: 'psql (libpq 15) with a wrong PGPASSWORD against a PostgreSQL 17 scram-sha-256 cluster',
    produce: (lab) => psqlError({ conninfo: libpq(lab.scram), password: 'not-the-password' }),
    message: /failed: FATAL: {2}password authentication failed for user "postgres"$/,
    evidence: /password authentication failed/,
  },
  {
    id: 'auth_failed/pg-role-not-permitted-to-log-in', family: 'auth_failed', client: 'node-postgres',
    producedBy: 'pg.Client.connect() as a role created without LOGIN (right password)',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), user: 'reporting', password: lab.appPassword })),
    code: '28000',
    message: /^role "reporting" is not permitted to log in$/,
    evidence: /28000|not permitted to log in/,
  },
  {
    // The server runs a mock SCRAM exchange for an unknown role and answers
    // 28P01, so that a client cannot probe which roles exist.
    id: 'auth_failed/pg-unknown-role-scram', family: 'auth_failed', client: 'node-postgres',
    producedBy: 'pg.Client.connect() naming a role that was never created, on a scram-sha-256 cluster',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), user: 'neondb_owner' })),
    code: '28P01',
    message: /^password authentication failed for user "neondb_owner"$/,
    evidence: /28P01|password authentication failed/,
  },

  // ---------------------------------------------------------------- cannot_connect
  {
    id: 'cannot_connect/pg-closed-port', family: 'cannot_connect', client: 'node-postgres',
    producedBy: 'pg.Client.connect() to a loopback port nothing listens on',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), port: lab.closedPort })),
    code: 'ECONNREFUSED',
    message: (lab) => new RegExp(`^connect ECONNREFUSED 127\\.0\\.0\\.1:${lab.closedPort}$`),
    evidence: /ECONNREFUSED/,
  },
  {
    id: 'cannot_connect/pg-invalid-host', family: 'cannot_connect', client: 'node-postgres',
    producedBy: 'pg.Client.connect() to a host under the .invalid TLD (RFC 6761: never resolves)',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), host: INVALID_HOST })),
    code: 'ENOTFOUND',
    message: /^getaddrinfo ENOTFOUND db\.pgtriage\.invalid$/,
    evidence: /ENOTFOUND/,
  },
  {
    id: 'cannot_connect/psql-closed-port', family: 'cannot_connect', client: 'libpq',
    producedBy: 'psql (libpq 15) to a loopback port nothing listens on',
    produce: (lab) => psqlError({ conninfo: { host: '127.0.0.1', port: lab.closedPort, user: 'postgres', dbname: 'postgres' } }),
    message: (lab) => new RegExp(`port ${lab.closedPort} failed: Connection refused$`),
    evidence: /Connection refused/,
    textHas: [/Is the server running on that host and accepting TCP\/IP connections\?/],
  },
  {
    id: 'cannot_connect/psql-invalid-host', family: 'cannot_connect', client: 'libpq',
    producedBy: 'psql (libpq 15) to a host under the .invalid TLD (RFC 6761: never resolves)',
    produce: () => psqlError({ conninfo: { host: INVALID_HOST, port: 5432, user: 'postgres', dbname: 'postgres' } }),
    message: /could not translate host name "db\.pgtriage\.invalid" to address/,
    evidence: /could not translate host name/,
  },
  {
    id: 'cannot_connect/pg-unix-socket-enoent', family: 'cannot_connect', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with host set to an empty directory (a Unix socket directory, as PGHOST=/var/run/postgresql) where no server listens',
    produce: (lab) => pgConnectError({ host: lab.socketDir, port: 5432, user: 'postgres' }),
    code: 'ENOENT',
    message: (lab) => new RegExp(`^connect ENOENT ${lab.socketDir}/\\.s\\.PGSQL\\.5432$`),
    evidence: /ENOENT|\.s\.PGSQL\.5432/,
  },
  {
    id: 'cannot_connect/psql-unix-socket-missing', family: 'cannot_connect', client: 'libpq',
    producedBy: 'psql (libpq 15) with host set to an empty directory (a Unix socket directory) where no server listens',
    produce: (lab) => psqlError({ conninfo: { host: lab.socketDir, port: 5432, user: 'postgres', dbname: 'postgres' } }),
    message: /failed: No such file or directory$/,
    evidence: /No such file or directory|Is the server running locally/,
    textHas: [/Is the server running locally and accepting connections on that socket\?/],
  },

  // ---------------------------------------------------------------- driver_missing
  {
    id: 'driver_missing/node-require-pg', family: 'driver_missing', client: 'node-postgres',
    producedBy: "a CommonJS Node 20 app doing require('pg') in a folder without node_modules (its stderr)",
    produce: () => childNodeError({ source: "const pg = require('pg');\nnew pg.Pool().query('select 1');\n" }),
    code: 'MODULE_NOT_FOUND',
    message: /^Cannot find module 'pg'$/,
    evidence: /Cannot find module 'pg'/,
  },
  {
    // Node's ES module loader says "package", not "module", for a bare specifier.
    id: 'driver_missing/node-import-pg', family: 'driver_missing', client: 'node-postgres',
    producedBy: "an ES module Node 20 app doing import('pg') in a folder without node_modules (its stderr)",
    produce: () => childNodeError({ source: "const { default: pg } = await import('pg');\nawait new pg.Pool().query('select 1');\n", esm: true }),
    code: 'ERR_MODULE_NOT_FOUND',
    message: /^Cannot find package 'pg' imported from /,
    evidence: /Cannot find package 'pg'/,
  },
  {
    id: 'driver_missing/typeorm-no-pg', family: 'driver_missing', client: 'typeorm',
    producedBy: 'a Node 20 app creating a TypeORM 1.1 postgres DataSource where typeorm resolves and pg does not (its stderr)',
    produce: () =>
      childNodeError({
        source: "const { DataSource } = require('typeorm');\nnew DataSource({ type: 'postgres', url: 'postgresql://app@127.0.0.1:5432/app' }).initialize();\n",
        packages: 'all-but-pg',
        client: 'typeorm',
      }),
    message: /^Postgres package has not been found installed\. Please run "npm install pg"\.$/,
    evidence: /DriverPackageNotInstalledError|Postgres package has not been found installed/,
    textHas: [/^DriverPackageNotInstalledError: /m],
  },

  // ---------------------------------------------------------------- too_many_connections
  {
    id: 'too_many_connections/pg-reserved-slots', family: 'too_many_connections', client: 'node-postgres',
    producedBy: 'pg.Client.connect() as a non-superuser with 4 of max_connections=5 held (superuser_reserved_connections=1)',
    produce: (lab) => withAppSlotsHeld(lab, () => pgConnectError(pgConfig(app(lab, lab.slots)))),
    code: '53300',
    message: /^remaining connection slots are reserved for roles with the SUPERUSER attribute$/,
    evidence: /53300|remaining connection slots are reserved/,
  },
  {
    id: 'too_many_connections/pg-too-many-clients', family: 'too_many_connections', client: 'node-postgres',
    producedBy: 'pg.Client.connect() as the superuser with all of max_connections=5 held',
    produce: (lab) =>
      withAppSlotsHeld(lab, async () => {
        const lastSlot = await holdConnections(pgConfig(superuser(lab.slots)), 1);
        try {
          return await pgConnectError(pgConfig(superuser(lab.slots)));
        } finally {
          await lastSlot.release();
        }
      }),
    code: '53300',
    message: /^sorry, too many clients already$/,
    evidence: /53300|sorry, too many clients already/,
  },
  {
    id: 'too_many_connections/psql-reserved-slots', family: 'too_many_connections', client: 'libpq',
    producedBy: 'psql (libpq 15) as a non-superuser with 4 of max_connections=5 held (superuser_reserved_connections=1)',
    produce: (lab) => withAppSlotsHeld(lab, () => psqlError({ conninfo: libpq(lab.slots, { user: 'app' }), password: lab.appPassword })),
    message: /failed: FATAL: {2}remaining connection slots are reserved for roles with the SUPERUSER attribute$/,
    evidence: /remaining connection slots are reserved/,
  },
  {
    id: 'too_many_connections/pg-role-connection-limit', family: 'too_many_connections', client: 'node-postgres',
    producedBy: 'pg.Client.connect() as a role created with CONNECTION LIMIT 1 while one of its connections is open',
    produce: async (lab) => {
      const capped: Target = { host: lab.scram.host, port: lab.scram.port, user: 'capped', password: lab.appPassword };
      const held = await holdConnections(pgConfig(capped), 1);
      try {
        return await pgConnectError(pgConfig(capped));
      } finally {
        await held.release();
      }
    },
    code: '53300',
    message: /^too many connections for role "capped"$/,
    evidence: /53300|too many connections for role/,
  },

  // ---------------------------------------------------------------- ssl_required
  {
    id: 'ssl_required/pg-hba-rejects-no-encryption', family: 'ssl_required', client: 'node-postgres',
    producedBy: 'pg.Client.connect() without TLS to a TLS cluster whose pg_hba.conf has hostnossl ... reject for the role',
    produce: (lab) => pgConnectError(pgConfig(superuser(lab.tls))),
    code: '28000',
    message: /^pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption$/,
    evidence: /no encryption|pg_hba\.conf rejects connection/,
  },
  {
    id: 'ssl_required/psql-hba-rejects-no-encryption', family: 'ssl_required', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=disable to a TLS cluster whose pg_hba.conf has hostnossl ... reject for the role',
    produce: (lab) => psqlError({ conninfo: libpq(lab.tls), password: lab.tls.password }),
    message: /failed: FATAL: {2}pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption$/,
    evidence: /no encryption|pg_hba\.conf rejects connection/,
  },
  {
    id: 'ssl_required/pg-no-hba-entry-no-encryption', family: 'ssl_required', client: 'node-postgres',
    producedBy: 'pg.Client.connect() without TLS to a TLS cluster whose pg_hba.conf has only hostssl lines for the role',
    produce: (lab) => pgConnectError(pgConfig(app(lab, lab.tls))),
    code: '28000',
    message: /^no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/,
    evidence: /no encryption/,
  },
  {
    id: 'ssl_required/psql-no-hba-entry-no-encryption', family: 'ssl_required', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=disable to a TLS cluster whose pg_hba.conf has only hostssl lines for the role',
    produce: (lab) => psqlError({ conninfo: libpq(lab.tls, { user: 'app' }), password: lab.appPassword }),
    message: /failed: FATAL: {2}no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/,
    evidence: /no encryption/,
  },

  // ---------------------------------------------------------------- ssl_unsupported
  {
    id: 'ssl_unsupported/pg-ssl-true', family: 'ssl_unsupported', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with ssl: true to a cluster with ssl=off',
    produce: (lab) => pgConnectError(pgConfig(superuser(lab.scram), { ssl: true })),
    message: /^The server does not support SSL connections$/,
    evidence: /server does not support SSL/,
  },
  {
    id: 'ssl_unsupported/psql-sslmode-require', family: 'ssl_unsupported', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=require to a cluster with ssl=off',
    produce: (lab) => psqlError({ conninfo: libpq(lab.scram, { sslmode: 'require' }), password: lab.scram.password }),
    message: /failed: server does not support SSL, but SSL was required$/,
    evidence: /server does not support SSL/,
  },

  // ---------------------------------------------------------------- ssl_verify_failed
  {
    id: 'ssl_verify_failed/pg-self-signed', family: 'ssl_verify_failed', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with ssl: { rejectUnauthorized: true } to a cluster with a self-signed certificate',
    produce: (lab) => pgConnectError(pgConfig(superuser(lab.tls), { ssl: { rejectUnauthorized: true } })),
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    message: /^self-signed certificate$/,
    evidence: /DEPTH_ZERO_SELF_SIGNED_CERT|self-signed certificate/,
  },
  {
    // The certificate says CN=127.0.0.1 and has no subjectAltName, and Node
    // checks an IP address against IP subjectAltNames only.
    id: 'ssl_verify_failed/pg-altname-mismatch', family: 'ssl_verify_failed', client: 'node-postgres',
    producedBy: "pg.Client.connect() with ssl: { ca: <the server's own certificate> } to 127.0.0.1, a certificate with CN=127.0.0.1 and no subjectAltName",
    produce: (lab) => {
      const ca = readFileSync(join(lab.tls.dataDir, 'pgdata', 'server.crt'), 'utf8');
      return pgConnectError(pgConfig(superuser(lab.tls), { ssl: { ca, rejectUnauthorized: true } }));
    },
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    message: /^Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list: $/,
    evidence: /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/,
  },
  {
    id: 'ssl_verify_failed/psql-verify-full', family: 'ssl_verify_failed', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=verify-full and the system CA bundle to a cluster with a self-signed certificate',
    produce: (lab) =>
      psqlError({
        conninfo: libpq(lab.tls, { sslmode: 'verify-full', sslrootcert: '/etc/ssl/certs/ca-certificates.crt' }),
        password: lab.tls.password,
      }),
    message: /failed: SSL error: certificate verify failed$/,
    evidence: /certificate verify failed/,
  },

  // ---------------------------------------------------------------- database_missing
  {
    id: 'database_missing/pg-unknown-database', family: 'database_missing', client: 'node-postgres',
    producedBy: 'pg.Client.connect() naming a database that was never created',
    produce: (lab) => pgConnectError(pgConfig({ ...superuser(lab.scram), database: 'appdb' })),
    code: '3D000',
    message: /^database "appdb" does not exist$/,
    evidence: /3D000|database "appdb" does not exist/,
  },
  {
    id: 'database_missing/psql-unknown-database', family: 'database_missing', client: 'libpq',
    producedBy: 'psql (libpq 15) naming a database that was never created',
    produce: (lab) => psqlError({ conninfo: libpq(lab.scram, { dbname: 'appdb' }), password: lab.scram.password }),
    message: /failed: FATAL: {2}database "appdb" does not exist$/,
    evidence: /database "appdb" does not exist/,
  },

  // ---------------------------------------------------------------- role_missing
  {
    id: 'role_missing/pg-unknown-role-trust', family: 'role_missing', client: 'node-postgres',
    producedBy: 'pg.Client.connect() naming a role that was never created, on a cluster whose pg_hba.conf says trust',
    produce: (lab) => pgConnectError(pgConfig({ host: lab.trust.host, port: lab.trust.port, user: 'neondb_owner' })),
    code: '28000',
    message: /^role "neondb_owner" does not exist$/,
    evidence: /role "neondb_owner" does not exist/,
  },
  {
    id: 'role_missing/psql-unknown-role-trust', family: 'role_missing', client: 'libpq',
    producedBy: 'psql (libpq 15) naming a role that was never created, on a cluster whose pg_hba.conf says trust',
    produce: (lab) => psqlError({ conninfo: libpq(lab.trust, { user: 'neondb_owner' }) }),
    message: /failed: FATAL: {2}role "neondb_owner" does not exist$/,
    evidence: /role "neondb_owner" does not exist/,
  },

  // ---------------------------------------------------------------- schema_missing
  {
    id: 'schema_missing/pg-unknown-table', family: 'schema_missing', client: 'node-postgres',
    producedBy: 'pg query select * from users on a database where users was never created',
    produce: (lab) => pgQueryError(pgConfig(superuser(lab.scram)), 'select * from users'),
    code: '42P01',
    message: /^relation "users" does not exist$/,
    evidence: /42P01|relation "users" does not exist/,
  },
  {
    id: 'schema_missing/typeorm-unknown-table', family: 'schema_missing', client: 'typeorm',
    producedBy: 'TypeORM DataSource.query(select * from users) on a database where users was never created',
    produce: (lab) => typeormQueryError(typeormOptions(superuser(lab.scram)), 'select * from users'),
    code: '42P01',
    message: /^relation "users" does not exist$/,
    evidence: /42P01|relation "users" does not exist/,
    textHas: [/^QueryFailedError: relation "users" does not exist/],
  },
  {
    id: 'schema_missing/psql-unknown-table', family: 'schema_missing', client: 'libpq',
    producedBy: 'psql (libpq 15) -c "select * from users" on a database where users was never created',
    produce: (lab) => psqlError({ conninfo: libpq(lab.scram), password: lab.scram.password, sql: 'select * from users' }),
    message: /^ERROR: {2}relation "users" does not exist$/,
    evidence: /relation "users" does not exist/,
  },

  // ---------------------------------------------------------------- permission_denied
  {
    id: 'permission_denied/pg-table', family: 'permission_denied', client: 'node-postgres',
    producedBy: 'pg query select * from expenses as a role never granted SELECT on it',
    produce: (lab) => pgQueryError(pgConfig(app(lab, lab.scram)), 'select * from expenses'),
    code: '42501',
    message: /^permission denied for table expenses$/,
    evidence: /42501|permission denied for table/,
  },
  {
    id: 'permission_denied/pg-schema-public', family: 'permission_denied', client: 'node-postgres',
    producedBy: 'pg query create table users (...) as a non-owner role on PostgreSQL 17 (public has no CREATE for PUBLIC since 15)',
    produce: (lab) => pgQueryError(pgConfig(app(lab, lab.scram)), 'create table users (id int)'),
    code: '42501',
    message: /^permission denied for schema public$/,
    evidence: /42501|permission denied for schema public/,
  },
  {
    id: 'permission_denied/typeorm-schema-public', family: 'permission_denied', client: 'typeorm',
    producedBy: 'TypeORM DataSource.query(create table users (...)) as a non-owner role on PostgreSQL 17',
    produce: (lab) => typeormQueryError(typeormOptions(app(lab, lab.scram)), 'create table users (id int)'),
    code: '42501',
    message: /^permission denied for schema public$/,
    evidence: /42501|permission denied for schema public/,
    textHas: [/^QueryFailedError: permission denied for schema public/],
  },
  {
    id: 'permission_denied/pg-connect-database', family: 'permission_denied', client: 'node-postgres',
    producedBy: 'pg.Client.connect() as a role to a database after revoke connect on database ... from public',
    produce: (lab) => pgConnectError(pgConfig({ ...app(lab, lab.scram), database: 'ledger' })),
    code: '42501',
    message: /^permission denied for database "ledger"$/,
    evidence: /42501|permission denied for database/,
  },
  {
    id: 'permission_denied/pg-must-be-owner', family: 'permission_denied', client: 'node-postgres',
    producedBy: 'pg query alter table expenses add column ... as a role that does not own it',
    produce: (lab) => pgQueryError(pgConfig(app(lab, lab.scram)), 'alter table expenses add column note text'),
    code: '42501',
    message: /^must be owner of table expenses$/,
    evidence: /42501|must be owner of/,
  },

  // ---------------------------------------------------------------- connect_timeout
  {
    id: 'connect_timeout/pg-client-timeout-expired', family: 'connect_timeout', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with connectionTimeoutMillis: 200 to a loopback TCP server that accepts and never answers',
    produce: (lab) => pgConnectError({ host: '127.0.0.1', port: lab.silent.port, user: 'postgres', connectionTimeoutMillis: 200 }),
    message: /^timeout expired$/,
    evidence: /timeout expired/,
  },
  {
    id: 'connect_timeout/pg-pool-connection-timeout', family: 'connect_timeout', client: 'node-postgres',
    producedBy: 'pg.Pool.query() with connectionTimeoutMillis: 200 to a loopback TCP server that accepts and never answers',
    produce: async (lab) => {
      const pool = new pg.Pool({ host: '127.0.0.1', port: lab.silent.port, user: 'postgres', connectionTimeoutMillis: 200 });
      try {
        return await rejected(pool.query('select 1'), 'a query to a silent server');
      } finally {
        await pool.end();
      }
    },
    message: /^Connection terminated due to connection timeout$/,
    evidence: /Connection terminated due to connection timeout/,
  },
  {
    id: 'connect_timeout/typeorm-connection-timeout', family: 'connect_timeout', client: 'typeorm',
    producedBy: 'TypeORM DataSource.initialize() with connectTimeoutMS: 200 to a loopback TCP server that accepts and never answers',
    produce: (lab) => typeormConnectError(typeormOptions({ host: '127.0.0.1', port: lab.silent.port, user: 'postgres' }, { connectTimeoutMS: 200 })),
    message: /^Connection terminated due to connection timeout$/,
    evidence: /Connection terminated due to connection timeout/,
  },
  {
    // connect_timeout has a floor of 2 seconds in libpq.
    id: 'connect_timeout/psql-timeout-expired', family: 'connect_timeout', client: 'libpq',
    producedBy: 'psql (libpq 15) with connect_timeout=2 to a loopback TCP server that accepts and never answers',
    produce: (lab) => psqlError({ conninfo: { host: '127.0.0.1', port: lab.silent.port, user: 'postgres', connect_timeout: 2 } }),
    message: (lab) => new RegExp(`port ${lab.silent.port} failed: timeout expired$`),
    evidence: /timeout expired/,
  },

  // ---------------------------------------------------------------- pool_timeout
  {
    id: 'pool_timeout/pg-pool-exhausted', family: 'pool_timeout', client: 'node-postgres',
    producedBy: 'pg.Pool({ max: 1, connectionTimeoutMillis: 1000 }).query() while its one client is checked out',
    produce: async (lab) => {
      // The same timeout bounds the first connect: 1 s keeps it from firing on a loaded machine.
      const pool = new pg.Pool({ ...pgConfig(superuser(lab.scram)), max: 1, connectionTimeoutMillis: 1000 });
      const held = await pool.connect();
      try {
        return await rejected(pool.query('select 1'), 'a second client from a pool of one');
      } finally {
        held.release();
        await pool.end();
      }
    },
    message: /^timeout exceeded when trying to connect$/,
    evidence: /timeout exceeded when trying to connect/,
  },

  // ---------------------------------------------------------------- env_missing
  {
    id: 'env_missing/pg-password-undefined', family: 'env_missing', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with password: process.env.<unset> against a scram-sha-256 cluster',
    produce: (lab) => pgConnectError({ ...pgConfig(superuser(lab.scram)), password: process.env[UNSET_VARIABLE] }),
    message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/,
    evidence: /client password must be a string/,
  },
  {
    id: 'env_missing/typeorm-password-undefined', family: 'env_missing', client: 'typeorm',
    producedBy: 'TypeORM DataSource.initialize() with password: process.env.<unset> against a scram-sha-256 cluster',
    produce: (lab) => typeormConnectError(typeormOptions({ ...superuser(lab.scram), password: process.env[UNSET_VARIABLE] })),
    message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/,
    evidence: /client password must be a string/,
  },
  {
    id: 'env_missing/psql-no-password-supplied', family: 'env_missing', client: 'libpq',
    producedBy: 'psql (libpq 15) -w against a scram-sha-256 cluster with no PGPASSWORD, no .pgpass and no password in the connection string',
    produce: (lab) => psqlError({ conninfo: libpq(lab.scram) }),
    message: /failed: fe_sendauth: no password supplied$/,
    evidence: /fe_sendauth: no password supplied/,
  },
  {
    id: 'env_missing/node-url-parse-undefined', family: 'env_missing', client: 'node',
    producedBy: 'Node 20 url.parse(process.env.DATABASE_URL) with the variable unset, as apps do before handing parts to a driver',
    produce: async () => thrown(() => legacyUrlParse(process.env[UNSET_VARIABLE] as string)),
    code: 'ERR_INVALID_ARG_TYPE',
    message: /^The "url" argument must be of type string\. Received undefined$/,
    evidence: /The "url" argument must be of type string\. Received undefined/,
  },
  {
    id: 'env_missing/node-new-url-undefined', family: 'env_missing', client: 'node',
    producedBy: 'Node 20 new URL(process.env.DATABASE_URL) with the variable unset',
    produce: async () => thrown(() => new URL(process.env[UNSET_VARIABLE] as string)),
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /undefined/,
  },

  // ---------------------------------------------------------------- url_malformed
  {
    id: 'url_malformed/pg-unencoded-hash', family: 'url_malformed', client: 'node-postgres',
    producedBy: 'new pg.Client({ connectionString }) with an unencoded # in the password (pg-connection-string redacts the input)',
    produce: (lab) => pgConnectError({ connectionString: `postgresql://postgres:p#ss@127.0.0.1:${lab.scram.port}/postgres` }),
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
    textLacks: [/p#ss/],
  },
  {
    id: 'url_malformed/pg-port-out-of-range', family: 'url_malformed', client: 'node-postgres',
    producedBy: 'new pg.Client({ connectionString }) with port 654321',
    produce: () => pgConnectError({ connectionString: 'postgresql://postgres@127.0.0.1:654321/postgres' }),
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
  },
  {
    id: 'url_malformed/typeorm-unencoded-hash', family: 'url_malformed', client: 'typeorm',
    producedBy: "TypeORM new DataSource({ type: 'postgres', url }) with an unencoded # in the password",
    produce: (lab) => typeormConnectError({ type: 'postgres', url: `postgresql://postgres:p#ss@127.0.0.1:${lab.scram.port}/postgres` }),
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
  },
  {
    id: 'url_malformed/psql-invalid-port', family: 'url_malformed', client: 'libpq',
    producedBy: 'psql (libpq 15) with a URI whose port is 654321',
    produce: () => psqlError({ uri: 'postgresql://postgres@127.0.0.1:654321/postgres' }),
    message: /^psql: error: invalid port number: "654321"$/,
    evidence: /invalid port number/,
  },
  {
    id: 'url_malformed/psql-missing-equals', family: 'url_malformed', client: 'libpq',
    producedBy: 'psql (libpq 15) with a keyword/value connection string missing an =',
    produce: (lab) => psqlError({ uri: `host=127.0.0.1 port ${lab.scram.port} dbname=postgres` }),
    message: /^psql: error: missing "=" after "port" in connection info string$/,
    evidence: /missing "=" after/,
  },
  {
    id: 'url_malformed/psql-invalid-sslmode', family: 'url_malformed', client: 'libpq',
    producedBy: 'psql (libpq 15) with a URI whose sslmode is misspelt requir',
    produce: (lab) => psqlError({ uri: `postgresql://postgres@127.0.0.1:${lab.scram.port}/postgres?sslmode=requir` }),
    message: /^psql: error: invalid sslmode value: "requir"$/,
    evidence: /invalid sslmode value/,
  },

  // ---------------------------------------------------------------- pooler_incompatible
  {
    // The same 42P05 text as through PgBouncer below, byte for byte but the
    // port: text alone cannot tell the two apart, so the contract's wording
    // makes it pooler_incompatible, and the runbook's first check (is the host
    // pooled?) is what rules the pooler out here.
    id: 'pooler_incompatible/pg-prepare-twice', family: 'pooler_incompatible', client: 'node-postgres',
    producedBy: 'pg simple query "prepare s0 as select 1; prepare s0 as select 1" on one direct session (no pooler)',
    produce: (lab) => pgQueryError(pgConfig(superuser(lab.trust)), 'prepare s0 as select 1; prepare s0 as select 1'),
    code: '42P05',
    message: /^prepared statement "s0" already exists$/,
    evidence: /42P05|prepared statement "s0" already exists/,
  },
  {
    id: 'pooler_incompatible/pg-pgbouncer-startup-parameter', family: 'pooler_incompatible', client: 'node-postgres',
    producedBy: 'pg.Client.connect() with statement_timeout (sent as a startup parameter) through PgBouncer 1.18',
    produce: (lab) =>
      pgConnectError({ host: lab.bouncer.host, port: lab.bouncer.port, user: 'postgres', database: 'postgres', statement_timeout: 5000 }),
    code: '08P01',
    message: /^unsupported startup parameter: statement_timeout$/,
    evidence: /unsupported startup parameter/,
  },
  {
    id: 'pooler_incompatible/psql-pgbouncer-options', family: 'pooler_incompatible', client: 'libpq',
    producedBy: "psql (libpq 15) with options='-c statement_timeout=5000' through PgBouncer 1.18",
    produce: (lab) =>
      psqlError({
        conninfo: { host: lab.bouncer.host, port: lab.bouncer.port, user: 'postgres', dbname: 'postgres', options: "'-c statement_timeout=5000'" },
      }),
    message: /failed: FATAL: {2}unsupported startup parameter: options$/,
    evidence: /unsupported startup parameter/,
  },
  {
    id: 'pooler_incompatible/pg-pgbouncer-prepared-exists', family: 'pooler_incompatible', client: 'node-postgres',
    producedBy: "two pg.Clients running { name: 's0' } queries through a transaction-mode PgBouncer 1.18 with one server connection",
    produce: async (lab) => {
      const config = { host: lab.bouncer.host, port: lab.bouncer.port, user: 'postgres', database: 'postgres' };
      const first = new pg.Client(config);
      const second = new pg.Client(config);
      try {
        await first.connect();
        await second.connect();
        // node-postgres prepares a query that has a name once per client; both
        // clients share PgBouncer's one server connection.
        await first.query({ name: 's0', text: 'select 1 as one' });
        return await rejected(second.query({ name: 's0', text: 'select 1 as one' }), 'the second prepare');
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    },
    code: '42P05',
    message: /^prepared statement "s0" already exists$/,
    evidence: /42P05|prepared statement "s0" already exists/,
  },
  {
    id: 'pooler_incompatible/pg-pgbouncer-prepared-missing', family: 'pooler_incompatible', client: 'node-postgres',
    producedBy: 'a pg.Client re-running a { name } query through a transaction-mode PgBouncer 1.18 after its server connection was replaced',
    produce: async (lab) => {
      const client = new pg.Client({ host: lab.bouncer.host, port: lab.bouncer.port, user: 'postgres', database: 'postgres' });
      try {
        await client.connect();
        await client.query({ name: 'monthly', text: 'select 1 as one' });
        const [row] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
        const since = lab.bouncer.logs.length;
        await lab.pooled.query('select pg_terminate_backend($1)', [row?.pid]);
        // PgBouncer 1.18 closes the killed server connection as `server conn crashed?`, or, when it reads
        // the FATAL while the connection sits idle, as `SV_IDLE server got dirty` (seen in a full run).
        await lab.bouncer.waitForLog(/closing because: (?:server conn crashed|SV_IDLE server got dirty)/, since);
        return await rejected(client.query({ name: 'monthly', text: 'select 1 as one' }), 'the statement on the new server connection');
      } finally {
        await client.end();
      }
    },
    code: '26000',
    message: /^prepared statement "monthly" does not exist$/,
    evidence: /26000|prepared statement "monthly" does not exist/,
  },

  // ---------------------------------------------------------------- plain query bugs: unknown, not a connection family
  {
    id: 'unknown/pg-bind-parameter-count', family: 'unknown', client: 'node-postgres',
    producedBy: 'pg query with two placeholders and one value on a direct session (no pooler)',
    produce: (lab) => pgQueryError(pgConfig(superuser(lab.trust)), { text: 'select $1::int + $2::int as total', values: [1] }),
    code: '08P01',
    message: /^bind message supplies 1 parameters, but prepared statement "" requires 2$/,
    evidence: /bind message supplies 1 parameters/,
  },
  {
    id: 'unknown/pg-statement-timeout', family: 'unknown', client: 'node-postgres',
    producedBy: 'pg query select pg_sleep(5) on a client with statement_timeout: 50 (a slow query, not a connection problem)',
    produce: (lab) => pgQueryError(pgConfig(superuser(lab.trust), { statement_timeout: 50 }), 'select pg_sleep(5)'),
    code: '57014',
    message: /^canceling statement due to statement timeout$/,
    evidence: /57014|canceling statement due to statement timeout/,
  },
  {
    id: 'unknown/pg-syntax-error', family: 'unknown', client: 'node-postgres',
    producedBy: 'pg query "selec 1" on a direct session',
    produce: (lab) => pgQueryError(pgConfig(superuser(lab.trust)), 'selec 1'),
    code: '42601',
    message: /^syntax error at or near "selec"$/,
    evidence: /42601|syntax error at or near/,
  },

  // ---------------------------------------------------------------- stale_connection
  {
    id: 'stale_connection/pg-pool-idle-terminated', family: 'stale_connection', client: 'node-postgres',
    producedBy: "pg.Pool 'error' event after its idle client's backend was ended with pg_terminate_backend(pid)",
    produce: (lab) => idlePoolError(pgConfig(superuser(lab.scram)), terminate(lab.scram)),
    ...ADMIN_TERMINATE,
  },
  {
    id: 'stale_connection/pg-client-terminated-fatal', family: 'stale_connection', client: 'node-postgres',
    producedBy: "first 'error' event of a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)",
    produce: async (lab) => (await endedClient(lab.scram, terminate(lab.scram))).fatal,
    ...ADMIN_TERMINATE,
  },
  {
    id: 'stale_connection/pg-client-terminated-closed', family: 'stale_connection', client: 'node-postgres',
    producedBy: "second 'error' event of a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)",
    produce: async (lab) => (await endedClient(lab.scram, terminate(lab.scram))).closed,
    message: /^Connection terminated unexpectedly$/,
    evidence: /Connection terminated unexpectedly/,
  },
  {
    id: 'stale_connection/pg-client-terminated-next-query', family: 'stale_connection', client: 'node-postgres',
    producedBy: 'the next query on a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)',
    produce: async (lab) => (await endedClient(lab.scram, terminate(lab.scram))).nextQuery,
    message: /^Client has encountered a connection error and is not queryable$/,
    evidence: /Client has encountered a connection error and is not queryable/,
  },
  {
    id: 'stale_connection/node-unhandled-pool-error-crash', family: 'stale_connection', client: 'node-postgres',
    producedBy: "the stderr of a Node 20 app with a pg.Pool and no pool.on('error'), crashed when its idle client's backend was ended with pg_terminate_backend(pid)",
    produce: (lab) =>
      childNodeError({
        packages: 'all',
        // node-postgres reads PG* variables; the password stays out of the source.
        env: { PGHOST: lab.scram.host, PGPORT: String(lab.scram.port), PGUSER: 'postgres', PGPASSWORD: lab.scram.password, PGDATABASE: 'postgres' },
        source: [
          "const pg = require('pg');",
          'const pool = new pg.Pool();',
          "pool.query('select pg_backend_pid() as pid').then(({ rows }) => console.log(rows[0].pid));",
          'setInterval(() => {}, 1000);',
          '',
        ].join('\n'),
        onStdoutLine: async (pid) => {
          await terminate(lab.scram)(Number(pid));
        },
      }),
    ...ADMIN_TERMINATE,
    textHas: [/Unhandled 'error' event/, /Emitted 'error' event on BoundPool instance/],
  },
  {
    id: 'stale_connection/psql-backend-terminated', family: 'stale_connection', client: 'libpq',
    producedBy: 'psql (libpq 15) running select pg_terminate_backend(pg_backend_pid()) on its own session',
    produce: (lab) =>
      psqlError({ conninfo: libpq(lab.scram), password: lab.scram.password, sql: 'select pg_terminate_backend(pg_backend_pid())' }),
    message: /^FATAL: {2}terminating connection due to administrator command$/,
    evidence: /terminating connection due to administrator command|server closed the connection unexpectedly/,
    textHas: [/^server closed the connection unexpectedly$/m],
  },
  {
    id: 'stale_connection/pg-pool-idle-session-timeout', family: 'stale_connection', client: 'node-postgres',
    producedBy: "pg.Pool 'error' event when idle_session_timeout=1s ends its idle client",
    produce: (lab) => idlePoolError(pgConfig(superuser(lab.idle)), idleTimeout),
    code: '57P05',
    message: /^terminating connection due to idle-session timeout$/,
    evidence: /57P05|terminating connection due to idle-session timeout/,
  },
  {
    id: 'stale_connection/pg-client-idle-session-timeout-fatal', family: 'stale_connection', client: 'node-postgres',
    producedBy: "first 'error' event of a checked-out pg.Pool client after idle_session_timeout=1s ended its session",
    produce: async (lab) => (await endedClient(lab.idle, idleTimeout)).fatal,
    code: '57P05',
    message: /^terminating connection due to idle-session timeout$/,
    evidence: /57P05|terminating connection due to idle-session timeout/,
  },
  {
    id: 'stale_connection/pg-client-idle-session-timeout-closed', family: 'stale_connection', client: 'node-postgres',
    producedBy: "second 'error' event of a checked-out pg.Pool client after idle_session_timeout=1s ended its session",
    produce: async (lab) => (await endedClient(lab.idle, idleTimeout)).closed,
    message: /^Connection terminated unexpectedly$/,
    evidence: /Connection terminated unexpectedly/,
  },
  {
    id: 'stale_connection/pg-client-idle-session-timeout-next-query', family: 'stale_connection', client: 'node-postgres',
    producedBy: 'the next query on a checked-out pg.Pool client after idle_session_timeout=1s ended its session',
    produce: async (lab) => (await endedClient(lab.idle, idleTimeout)).nextQuery,
    message: /^Client has encountered a connection error and is not queryable$/,
    evidence: /Client has encountered a connection error and is not queryable/,
  },
  {
    id: 'stale_connection/pg-query-in-flight-terminated', family: 'stale_connection', client: 'node-postgres',
    producedBy: 'a pg query (select pg_sleep(60)) whose backend was ended with pg_terminate_backend(pid) while it ran',
    produce: async (lab) => {
      const applicationName = 'pgtriage-in-flight';
      const pool = new pg.Pool({ ...pgConfig(superuser(lab.scram)), application_name: applicationName });
      const client = await pool.connect();
      client.on('error', () => {});
      const query = (sql: string, params?: unknown[]) => lab.scram.query(sql, params);
      try {
        const inFlight = rejected(client.query('select pg_sleep(60)'), 'the terminated query');
        // Terminate only once the backend is really inside the sleep.
        await waitForSleepingBackend(query, applicationName);
        await terminateBackends(query, applicationName);
        return await inFlight;
      } finally {
        client.release(true);
        await pool.end();
      }
    },
    ...ADMIN_TERMINATE,
  },
  {
    id: 'stale_connection/typeorm-pool-warning', family: 'stale_connection', client: 'typeorm',
    producedBy: "TypeORM's pool error log line after its idle pooled connection was ended with pg_terminate_backend(pid)",
    produce: async (lab) => {
      const lines: string[] = [];
      const dataSource = new DataSource(typeormOptions(superuser(lab.scram), { logger: recordingLogger(lines) }));
      await dataSource.initialize();
      try {
        const [row] = (await dataSource.query('select pg_backend_pid() as pid')) as Array<{ pid: number }>;
        await terminate(lab.scram)(row?.pid ?? 0);
        const warning = (): string | undefined => lines.find((line) => line.startsWith('Postgres pool raised an error.'));
        while (warning() === undefined) await new Promise((done) => setTimeout(done, 10));
        const text = warning() ?? '';
        return { client: 'typeorm', message: text, text };
      } finally {
        await dataSource.destroy();
      }
    },
    message: /^Postgres pool raised an error\. error: terminating connection due to administrator command$/,
    evidence: /terminating connection due to administrator command/,
  },
  {
    // A proxy stands for the NAT, load balancer or pooler that forgets an idle
    // connection and answers the next packet with a reset.
    id: 'stale_connection/pg-pool-idle-reset', family: 'stale_connection', client: 'node-postgres',
    producedBy: "pg.Pool 'error' event when a loopback TCP proxy resets its idle TLS connection (RST), as a NAT or load balancer does",
    produce: async (lab) => {
      const proxy = await startTcpProxy(lab.tls);
      try {
        const config = { ...pgConfig({ ...superuser(lab.tls), port: proxy.port }), ssl: { rejectUnauthorized: false } };
        return await idlePoolError(config, async () => proxy.resetAll());
      } finally {
        await proxy.close();
      }
    },
    code: 'ECONNRESET',
    message: /^read ECONNRESET$/,
    evidence: /ECONNRESET/,
  },
  {
    id: 'stale_connection/psql-ssl-syscall-eof', family: 'stale_connection', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=require through a loopback TCP proxy that closes the connection (FIN, no TLS close_notify) mid-query',
    produce: (lab) => psqlCutMidQuery(lab, 'cutAll'),
    message: /^SSL SYSCALL error: EOF detected$/,
    evidence: /SSL SYSCALL error/,
  },
  {
    id: 'stale_connection/psql-server-closed-unexpectedly', family: 'stale_connection', client: 'libpq',
    producedBy: 'psql (libpq 15) with sslmode=require through a loopback TCP proxy that resets the connection (RST) mid-query',
    produce: (lab) => psqlCutMidQuery(lab, 'resetAll'),
    message: /^server closed the connection unexpectedly$/,
    evidence: /server closed the connection unexpectedly/,
    textHas: [/^connection to server was lost$/m],
  },
  {
    // Last on the scram cluster: it restarts the server under the other rows' feet.
    id: 'stale_connection/pg-pool-server-restart', family: 'stale_connection', client: 'node-postgres',
    producedBy: "pg.Pool 'error' event when the server restarts (fast shutdown) under its idle client",
    produce: async (lab) => {
      const pool = new pg.Pool(pgConfig(superuser(lab.scram)));
      try {
        await pool.query('select 1');
        const poolError = nextError(pool);
        await lab.scram.restart();
        const error = fromError('node-postgres', await poolError);
        // The pool dropped the dead client: the next query gets a fresh one.
        assert.equal((await pool.query('select 1 as one')).rows[0]?.one, 1);
        return error;
      } finally {
        await pool.end();
      }
    },
    ...ADMIN_TERMINATE,
  },
];
