// Every other family that a real client can be made to hit against a real
// PostgreSQL 17 cluster on loopback, produced live and fed to the classifier
// as a user would paste it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as legacyUrlParse } from 'node:url';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { assertClassified, assertLiveError, assertReproduced } from '../../support/live-error-expect.ts';
import { startPgbouncer, type TestPgbouncer } from '../../support/pgbouncer.ts';
import {
  fromError,
  nextError,
  pgConfig,
  pgConnectError,
  pgQueryError,
  psqlError,
  startSilentServer,
  startTcpProxy,
  terminateBackends,
  type RealError,
  type Target,
  typeormConnectError,
  typeormOptions,
  typeormQueryError,
  waitForSleepingBackend,
} from '../../support/real-errors.ts';

// A variable no test machine sets: the app's settings were never loaded.
const UNSET_VARIABLE = 'PGTRIAGE_LIVE_ERRORS_NEVER_SET';
const APP_PASSWORD = `app-${Math.random().toString(36).slice(2)}`;

let scram: TestCluster;
// TLS on, and pg_hba.conf takes only TLS: the superuser is rejected outright
// without it, any other role finds no line at all.
let tls: TestCluster;
let trust: TestCluster;
let idle: TestCluster;
// A transaction-mode PgBouncer with one server connection in front of its own cluster.
let pooled: TestCluster;
let bouncer: TestPgbouncer;

before(async () => {
  [scram, tls, trust, idle, pooled] = await Promise.all([
    startCluster(),
    startCluster({
      ssl: true,
      hbaLines: ['hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all postgres 127.0.0.1/32 reject'],
    }),
    startCluster({ hbaLines: ['host all all 127.0.0.1/32 trust'] }),
    startCluster({ settings: { idle_session_timeout: '1s' } }),
    startCluster(),
  ]);
  bouncer = await startPgbouncer(pooled, { poolMode: 'transaction', poolSize: 1 });
  await scram.query(`create role app login password '${APP_PASSWORD}'`);
  await scram.query('create table expenses (id int)');
  await scram.query(`create role reporting password '${APP_PASSWORD}'`);
  await scram.query('create database ledger');
  await scram.query('revoke connect on database ledger from public');
  await tls.query(`create role app login password '${APP_PASSWORD}'`);
  assert.equal(process.env[UNSET_VARIABLE], undefined);
});

after(async () => {
  await bouncer?.stop();
  await Promise.all([scram?.stop(), tls?.stop(), trust?.stop(), idle?.stop(), pooled?.stop()]);
});

function superuser(cluster: TestCluster): Target {
  return { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password };
}

function app(cluster: TestCluster): Target {
  return { host: cluster.host, port: cluster.port, user: 'app', password: APP_PASSWORD };
}

function libpq(cluster: TestCluster, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return { host: cluster.host, port: cluster.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable', ...extra };
}

// First checks: the lesson's for auth_failed, cannot_connect and stale_connection, the
// runbooks' (src/triage/runbooks/) for the rest.
const AUTH_FAILED = { family: 'auth_failed', firstStep: 'rotate_password' } as const;
const CANNOT_CONNECT = { family: 'cannot_connect', firstStep: 'verify_host' } as const;
const STALE_CONNECTION = { family: 'stale_connection', firstStep: 'confirm_pre_ping' } as const;
const CONNECT_TIMEOUT = { family: 'connect_timeout', firstStep: 'time_cold_and_warm_connect' } as const;
const DATABASE_MISSING = { family: 'database_missing', firstStep: 'check_database_name_source' } as const;
const ENV_MISSING = { family: 'env_missing', firstStep: 'check_process_sees_url' } as const;
const PERMISSION_DENIED = { family: 'permission_denied', firstStep: 'check_connected_role' } as const;
const POOL_TIMEOUT = { family: 'pool_timeout', firstStep: 'compare_pool_with_server' } as const;
const POOLER_INCOMPATIBLE = { family: 'pooler_incompatible', firstStep: 'check_pooled_host' } as const;
const ROLE_MISSING = { family: 'role_missing', firstStep: 'check_role_name_source' } as const;
const SCHEMA_MISSING = { family: 'schema_missing', firstStep: 'check_target_database' } as const;
const SSL_REQUIRED = { family: 'ssl_required', firstStep: 'add_sslmode_require' } as const;
const SSL_UNSUPPORTED = { family: 'ssl_unsupported', firstStep: 'check_target_server' } as const;
const SSL_VERIFY_FAILED = { family: 'ssl_verify_failed', firstStep: 'identify_server_ca' } as const;
const URL_MALFORMED = { family: 'url_malformed', firstStep: 'parse_connection_string' } as const;
const UNKNOWN = { family: 'unknown', firstStep: 'ask_exact_error' } as const;

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

// ------------------------------------------------------------------ cannot_connect (Unix socket)

test('pg pointed at a socket directory where no server listens is cannot_connect', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'pgtriage-nosocket-'));
  try {
    const error = await pgConnectError({ host: folder, port: 5432, user: 'postgres' });
    const expected = {
      ...CANNOT_CONNECT,
      id: 'cannot_connect/pg-unix-socket-enoent',
      producedBy: 'pg.Client.connect() with host set to an empty directory (a Unix socket directory, as PGHOST=/var/run/postgresql) where no server listens',
      code: 'ENOENT',
      message: new RegExp(`^connect ENOENT ${folder}/\\.s\\.PGSQL\\.5432$`),
      evidence: /ENOENT|\.s\.PGSQL\.5432/,
    };
    assertReproduced(error, expected);
    await t.test('the classifier names it cannot_connect, first check verify_host', () => {
      assertClassified(error, expected);
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('psql pointed at a socket directory where no server listens is cannot_connect', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'pgtriage-nosocket-'));
  try {
    const error = await psqlError({ conninfo: { host: folder, port: 5432, user: 'postgres', dbname: 'postgres' } });
    assertLiveError(error, {
      ...CANNOT_CONNECT,
      id: 'cannot_connect/psql-unix-socket-missing',
      producedBy: 'psql (libpq 15) with host set to an empty directory (a Unix socket directory) where no server listens',
      message: new RegExp(`failed: No such file or directory$`),
      evidence: /No such file or directory|Is the server running locally/,
    });
    assert.match(error.text, /Is the server running locally and accepting connections on that socket\?/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ ssl_required

test('the superuser without TLS on a TLS-only cluster is ssl_required', async (t) => {
  const error = await pgConnectError(pgConfig(superuser(tls)));
  const expected = {
    ...SSL_REQUIRED,
    id: 'ssl_required/pg-hba-rejects-no-encryption',
    producedBy: 'pg.Client.connect() without TLS to a TLS cluster whose pg_hba.conf has hostnossl ... reject for the role',
    code: '28000',
    message: /^pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption$/,
    evidence: /no encryption|pg_hba\.conf rejects connection/,
  };
  assertReproduced(error, expected);
  await t.test('the classifier names it ssl_required, first check add_sslmode_require', () => {
    assertClassified(error, expected);
  });
});

test('psql with sslmode=disable on a TLS-only cluster whose pg_hba.conf rejects the role is ssl_required', async (t) => {
  const error = await psqlError({ conninfo: libpq(tls), password: tls.password });
  const expected = {
    ...SSL_REQUIRED,
    id: 'ssl_required/psql-hba-rejects-no-encryption',
    producedBy: 'psql (libpq 15) with sslmode=disable to a TLS cluster whose pg_hba.conf has hostnossl ... reject for the role',
    message: /failed: FATAL: {2}pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption$/,
    evidence: /no encryption|pg_hba\.conf rejects connection/,
  };
  assertReproduced(error, expected);
  await t.test('the classifier names it ssl_required, first check add_sslmode_require', () => {
    assertClassified(error, expected);
  });
});

test('a role without TLS on a TLS-only cluster, matching no pg_hba.conf line, is ssl_required', async () => {
  const error = await pgConnectError(pgConfig(app(tls)));
  assertLiveError(error, {
    ...SSL_REQUIRED,
    id: 'ssl_required/pg-no-hba-entry-no-encryption',
    producedBy: 'pg.Client.connect() without TLS to a TLS cluster whose pg_hba.conf has only hostssl lines for the role',
    code: '28000',
    message: /^no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/,
    evidence: /no encryption/,
  });
});

test('psql with sslmode=disable on a TLS-only cluster is ssl_required', async () => {
  const error = await psqlError({ conninfo: libpq(tls, { user: 'app' }), password: APP_PASSWORD });
  assertLiveError(error, {
    ...SSL_REQUIRED,
    id: 'ssl_required/psql-no-hba-entry-no-encryption',
    producedBy: 'psql (libpq 15) with sslmode=disable to a TLS cluster whose pg_hba.conf has only hostssl lines for the role',
    message: /failed: FATAL: {2}no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/,
    evidence: /no encryption/,
  });
});

// ------------------------------------------------------------------ ssl_unsupported

test('pg with ssl: true against a cluster without TLS is ssl_unsupported', async () => {
  const error = await pgConnectError(pgConfig(superuser(scram), { ssl: true }));
  assertLiveError(error, {
    ...SSL_UNSUPPORTED,
    id: 'ssl_unsupported/pg-ssl-true',
    producedBy: 'pg.Client.connect() with ssl: true to a cluster with ssl=off',
    message: /^The server does not support SSL connections$/,
    evidence: /server does not support SSL/,
  });
});

test('psql with sslmode=require against a cluster without TLS is ssl_unsupported', async () => {
  const error = await psqlError({ conninfo: libpq(scram, { sslmode: 'require' }), password: scram.password });
  assertLiveError(error, {
    ...SSL_UNSUPPORTED,
    id: 'ssl_unsupported/psql-sslmode-require',
    producedBy: 'psql (libpq 15) with sslmode=require to a cluster with ssl=off',
    message: /failed: server does not support SSL, but SSL was required$/,
    evidence: /server does not support SSL/,
  });
});

// ------------------------------------------------------------------ ssl_verify_failed

test('pg verifying the self-signed certificate of a cluster is ssl_verify_failed', async () => {
  const error = await pgConnectError(pgConfig(superuser(tls), { ssl: { rejectUnauthorized: true } }));
  assertLiveError(error, {
    ...SSL_VERIFY_FAILED,
    id: 'ssl_verify_failed/pg-self-signed',
    producedBy: 'pg.Client.connect() with ssl: { rejectUnauthorized: true } to a cluster with a self-signed certificate',
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    message: /^self-signed certificate$/,
    evidence: /DEPTH_ZERO_SELF_SIGNED_CERT|self-signed certificate/,
  });
});

test('pg trusting the certificate but reaching it by an address it does not name is ssl_verify_failed', async () => {
  // The certificate says CN=127.0.0.1 and has no subjectAltName, and Node
  // checks an IP address against IP subjectAltNames only.
  const ca = readFileSync(join(tls.dataDir, 'pgdata', 'server.crt'), 'utf8');
  const error = await pgConnectError(pgConfig(superuser(tls), { ssl: { ca, rejectUnauthorized: true } }));
  assertLiveError(error, {
    ...SSL_VERIFY_FAILED,
    id: 'ssl_verify_failed/pg-altname-mismatch',
    producedBy: "pg.Client.connect() with ssl: { ca: <the server's own certificate> } to 127.0.0.1, a certificate with CN=127.0.0.1 and no subjectAltName",
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    message: /^Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list: $/,
    evidence: /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/,
  });
});

test('psql with sslmode=verify-full against a self-signed cluster is ssl_verify_failed', async () => {
  const error = await psqlError({
    conninfo: libpq(tls, { sslmode: 'verify-full', sslrootcert: '/etc/ssl/certs/ca-certificates.crt' }),
    password: tls.password,
  });
  assertLiveError(error, {
    ...SSL_VERIFY_FAILED,
    id: 'ssl_verify_failed/psql-verify-full',
    producedBy: "psql (libpq 15) with sslmode=verify-full and the system CA bundle to a cluster with a self-signed certificate",
    message: /failed: SSL error: certificate verify failed$/,
    evidence: /certificate verify failed/,
  });
});

// ------------------------------------------------------------------ database_missing

test('a database that was never created is database_missing', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), database: 'appdb' }));
  assertLiveError(error, {
    ...DATABASE_MISSING,
    id: 'database_missing/pg-unknown-database',
    producedBy: 'pg.Client.connect() naming a database that was never created',
    code: '3D000',
    message: /^database "appdb" does not exist$/,
    evidence: /3D000|database "appdb" does not exist/,
  });
});

test('psql naming a database that was never created is database_missing', async () => {
  const error = await psqlError({ conninfo: libpq(scram, { dbname: 'appdb' }), password: scram.password });
  assertLiveError(error, {
    ...DATABASE_MISSING,
    id: 'database_missing/psql-unknown-database',
    producedBy: 'psql (libpq 15) naming a database that was never created',
    message: /failed: FATAL: {2}database "appdb" does not exist$/,
    evidence: /database "appdb" does not exist/,
  });
});

// ------------------------------------------------------------------ role_missing

test('a role that was never created, on a trust cluster, is role_missing', async () => {
  const error = await pgConnectError(pgConfig({ host: trust.host, port: trust.port, user: 'neondb_owner' }));
  assertLiveError(error, {
    ...ROLE_MISSING,
    id: 'role_missing/pg-unknown-role-trust',
    producedBy: 'pg.Client.connect() naming a role that was never created, on a cluster whose pg_hba.conf says trust',
    code: '28000',
    message: /^role "neondb_owner" does not exist$/,
    evidence: /role "neondb_owner" does not exist/,
  });
});

test('psql naming a role that was never created, on a trust cluster, is role_missing', async () => {
  const error = await psqlError({ conninfo: libpq(trust, { user: 'neondb_owner' }) });
  assertLiveError(error, {
    ...ROLE_MISSING,
    id: 'role_missing/psql-unknown-role-trust',
    producedBy: 'psql (libpq 15) naming a role that was never created, on a cluster whose pg_hba.conf says trust',
    message: /failed: FATAL: {2}role "neondb_owner" does not exist$/,
    evidence: /role "neondb_owner" does not exist/,
  });
});

test('a role without LOGIN is auth_failed', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), user: 'reporting', password: APP_PASSWORD }));
  assertLiveError(error, {
    ...AUTH_FAILED,
    id: 'auth_failed/pg-role-not-permitted-to-log-in',
    producedBy: 'pg.Client.connect() as a role created without LOGIN (right password)',
    code: '28000',
    message: /^role "reporting" is not permitted to log in$/,
    evidence: /28000|not permitted to log in/,
  });
});

test('a missing role on a scram cluster reads as a wrong password, so it is auth_failed', async () => {
  // The server runs a mock SCRAM exchange for an unknown role and answers
  // 28P01, so that a client cannot probe which roles exist.
  const error = await pgConnectError(pgConfig({ ...superuser(scram), user: 'neondb_owner' }));
  assertLiveError(error, {
    ...AUTH_FAILED,
    id: 'auth_failed/pg-unknown-role-scram',
    producedBy: 'pg.Client.connect() naming a role that was never created, on a scram-sha-256 cluster',
    code: '28P01',
    message: /^password authentication failed for user "neondb_owner"$/,
    evidence: /28P01|password authentication failed/,
  });
});

// ------------------------------------------------------------------ schema_missing

test('a table that was never created is schema_missing', async () => {
  const error = await pgQueryError(pgConfig(superuser(scram)), 'select * from users');
  assertLiveError(error, {
    ...SCHEMA_MISSING,
    id: 'schema_missing/pg-unknown-table',
    producedBy: 'pg query select * from users on a database where users was never created',
    code: '42P01',
    message: /^relation "users" does not exist$/,
    evidence: /42P01|relation "users" does not exist/,
  });
});

test('TypeORM querying a table that was never created is schema_missing', async () => {
  const error = await typeormQueryError(typeormOptions(superuser(scram)), 'select * from users');
  assertLiveError(error, {
    ...SCHEMA_MISSING,
    id: 'schema_missing/typeorm-unknown-table',
    producedBy: 'TypeORM DataSource.query(select * from users) on a database where users was never created',
    code: '42P01',
    message: /^relation "users" does not exist$/,
    evidence: /42P01|relation "users" does not exist/,
  });
  assert.match(error.text, /^QueryFailedError: relation "users" does not exist/);
});

test('psql querying a table that was never created is schema_missing', async () => {
  const error = await psqlError({ conninfo: libpq(scram), password: scram.password, sql: 'select * from users' });
  assertLiveError(error, {
    ...SCHEMA_MISSING,
    id: 'schema_missing/psql-unknown-table',
    producedBy: 'psql (libpq 15) -c "select * from users" on a database where users was never created',
    message: /^ERROR: {2}relation "users" does not exist$/,
    evidence: /relation "users" does not exist/,
  });
});

// ------------------------------------------------------------------ permission_denied

test('a role reading a table it was never granted is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'select * from expenses');
  assertLiveError(error, {
    ...PERMISSION_DENIED,
    id: 'permission_denied/pg-table',
    producedBy: 'pg query select * from expenses as a role never granted SELECT on it',
    code: '42501',
    message: /^permission denied for table expenses$/,
    evidence: /42501|permission denied for table/,
  });
});

test('a role creating a table in public on PostgreSQL 15+ is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'create table users (id int)');
  assertLiveError(error, {
    ...PERMISSION_DENIED,
    id: 'permission_denied/pg-schema-public',
    producedBy: 'pg query create table users (...) as a non-owner role on PostgreSQL 17 (public has no CREATE for PUBLIC since 15)',
    code: '42501',
    message: /^permission denied for schema public$/,
    evidence: /42501|permission denied for schema public/,
  });
});

test('TypeORM creating a table in public as a role without CREATE is permission_denied', async () => {
  const error = await typeormQueryError(typeormOptions(app(scram)), 'create table users (id int)');
  assertLiveError(error, {
    ...PERMISSION_DENIED,
    id: 'permission_denied/typeorm-schema-public',
    producedBy: 'TypeORM DataSource.query(create table users (...)) as a non-owner role on PostgreSQL 17',
    code: '42501',
    message: /^permission denied for schema public$/,
    evidence: /42501|permission denied for schema public/,
  });
  assert.match(error.text, /^QueryFailedError: permission denied for schema public/);
});

test('a role connecting to a database whose CONNECT was revoked from PUBLIC is permission_denied', async () => {
  const error = await pgConnectError(pgConfig({ ...app(scram), database: 'ledger' }));
  assertLiveError(error, {
    ...PERMISSION_DENIED,
    id: 'permission_denied/pg-connect-database',
    producedBy: 'pg.Client.connect() as a role to a database after revoke connect on database ... from public',
    code: '42501',
    message: /^permission denied for database "ledger"$/,
    evidence: /42501|permission denied for database/,
  });
});

test('a role altering a table it does not own is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'alter table expenses add column note text');
  assertLiveError(error, {
    ...PERMISSION_DENIED,
    id: 'permission_denied/pg-must-be-owner',
    producedBy: 'pg query alter table expenses add column ... as a role that does not own it',
    code: '42501',
    message: /^must be owner of table expenses$/,
    evidence: /42501|must be owner of/,
  });
});

// ------------------------------------------------------------------ connect_timeout

test('a pg client whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    const error = await pgConnectError({ host: '127.0.0.1', port: silent.port, user: 'postgres', connectionTimeoutMillis: 200 });
    assertLiveError(error, {
      ...CONNECT_TIMEOUT,
      id: 'connect_timeout/pg-client-timeout-expired',
      producedBy: 'pg.Client.connect() with connectionTimeoutMillis: 200 to a loopback TCP server that accepts and never answers',
      message: /^timeout expired$/,
      evidence: /timeout expired/,
    });
  } finally {
    await silent.close();
  }
});

test('a pg pool whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  const pool = new pg.Pool({ host: '127.0.0.1', port: silent.port, user: 'postgres', connectionTimeoutMillis: 200 });
  try {
    const error = await pool.query('select 1').then(
      () => assert.fail('a silent server answered'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...CONNECT_TIMEOUT,
      id: 'connect_timeout/pg-pool-connection-timeout',
      producedBy: 'pg.Pool.query() with connectionTimeoutMillis: 200 to a loopback TCP server that accepts and never answers',
      message: /^Connection terminated due to connection timeout$/,
      evidence: /Connection terminated due to connection timeout/,
    });
  } finally {
    await pool.end();
    await silent.close();
  }
});

test('TypeORM whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    const error = await typeormConnectError(typeormOptions({ host: '127.0.0.1', port: silent.port, user: 'postgres' }, { connectTimeoutMS: 200 }));
    assertLiveError(error, {
      ...CONNECT_TIMEOUT,
      id: 'connect_timeout/typeorm-connection-timeout',
      producedBy: 'TypeORM DataSource.initialize() with connectTimeoutMS: 200 to a loopback TCP server that accepts and never answers',
      message: /^Connection terminated due to connection timeout$/,
      evidence: /Connection terminated due to connection timeout/,
    });
  } finally {
    await silent.close();
  }
});

test('psql whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    // connect_timeout has a floor of 2 seconds in libpq.
    const error = await psqlError({ conninfo: { host: '127.0.0.1', port: silent.port, user: 'postgres', connect_timeout: 2 } });
    assertLiveError(error, {
      ...CONNECT_TIMEOUT,
      id: 'connect_timeout/psql-timeout-expired',
      producedBy: 'psql (libpq 15) with connect_timeout=2 to a loopback TCP server that accepts and never answers',
      message: new RegExp(`port ${silent.port} failed: timeout expired$`),
      evidence: /timeout expired/,
    });
  } finally {
    await silent.close();
  }
});

// ------------------------------------------------------------------ pool_timeout

test('a pg pool of one whose client is held is pool_timeout', async () => {
  const pool = new pg.Pool({ ...pgConfig(superuser(scram)), max: 1, connectionTimeoutMillis: 100 });
  const held = await pool.connect();
  try {
    const error = await pool.query('select 1').then(
      () => assert.fail('the pool handed out a second client'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...POOL_TIMEOUT,
      id: 'pool_timeout/pg-pool-exhausted',
      producedBy: 'pg.Pool({ max: 1, connectionTimeoutMillis: 100 }).query() while its one client is checked out',
      message: /^timeout exceeded when trying to connect$/,
      evidence: /timeout exceeded when trying to connect/,
    });
  } finally {
    held.release();
    await pool.end();
  }
});

// ------------------------------------------------------------------ env_missing

test('pg on a scram cluster with the password variable unset is env_missing', async () => {
  const error = await pgConnectError({ ...pgConfig(superuser(scram)), password: process.env[UNSET_VARIABLE] });
  assertLiveError(error, {
    ...ENV_MISSING,
    id: 'env_missing/pg-password-undefined',
    producedBy: 'pg.Client.connect() with password: process.env.<unset> against a scram-sha-256 cluster',
    message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/,
    evidence: /client password must be a string/,
  });
});

test('TypeORM on a scram cluster with the password variable unset is env_missing', async () => {
  const error = await typeormConnectError(typeormOptions({ ...superuser(scram), password: process.env[UNSET_VARIABLE] }));
  assertLiveError(error, {
    ...ENV_MISSING,
    id: 'env_missing/typeorm-password-undefined',
    producedBy: 'TypeORM DataSource.initialize() with password: process.env.<unset> against a scram-sha-256 cluster',
    message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/,
    evidence: /client password must be a string/,
  });
});

test('psql on a scram cluster with no password at all is env_missing', async (t) => {
  const error = await psqlError({ conninfo: libpq(scram) });
  const expected = {
    ...ENV_MISSING,
    id: 'env_missing/psql-no-password-supplied',
    producedBy: 'psql (libpq 15) -w against a scram-sha-256 cluster with no PGPASSWORD, no .pgpass and no password in the connection string',
    message: /failed: fe_sendauth: no password supplied$/,
    evidence: /fe_sendauth: no password supplied/,
  };
  assertReproduced(error, expected);
  await t.test('the classifier names it env_missing, first check check_process_sees_url', () => {
    assertClassified(error, expected);
  });
});

test('url.parse of an unset DATABASE_URL is env_missing', () => {
  const error = fromError('node', catchSync(() => legacyUrlParse(process.env[UNSET_VARIABLE] as string)));
  assertLiveError(error, {
    ...ENV_MISSING,
    id: 'env_missing/node-url-parse-undefined',
    producedBy: "Node 20 url.parse(process.env.DATABASE_URL) with the variable unset, as apps do before handing parts to a driver",
    code: 'ERR_INVALID_ARG_TYPE',
    message: /^The "url" argument must be of type string\. Received undefined$/,
    evidence: /The "url" argument must be of type string\. Received undefined/,
  });
});

test('new URL of an unset DATABASE_URL is env_missing', () => {
  const error = fromError('node', catchSync(() => new URL(process.env[UNSET_VARIABLE] as string)));
  assertLiveError(error, {
    ...ENV_MISSING,
    id: 'env_missing/node-new-url-undefined',
    producedBy: 'Node 20 new URL(process.env.DATABASE_URL) with the variable unset',
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /undefined/,
  });
});

// ------------------------------------------------------------------ url_malformed

test('pg with an unencoded # in the password of its URL is url_malformed', async () => {
  const error = await pgConnectError({ connectionString: `postgresql://postgres:p#ss@127.0.0.1:${scram.port}/postgres` });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/pg-unencoded-hash',
    producedBy: 'new pg.Client({ connectionString }) with an unencoded # in the password (pg-connection-string redacts the input)',
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
  });
  assert.doesNotMatch(error.text, /p#ss/);
});

test('pg with a port out of range in its URL is url_malformed', async () => {
  const error = await pgConnectError({ connectionString: 'postgresql://postgres@127.0.0.1:654321/postgres' });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/pg-port-out-of-range',
    producedBy: 'new pg.Client({ connectionString }) with port 654321',
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
  });
});

test('TypeORM with an unencoded # in the password of its URL is url_malformed', async () => {
  const error = await typeormConnectError({ type: 'postgres', url: `postgresql://postgres:p#ss@127.0.0.1:${scram.port}/postgres` });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/typeorm-unencoded-hash',
    producedBy: "TypeORM new DataSource({ type: 'postgres', url }) with an unencoded # in the password",
    code: 'ERR_INVALID_URL',
    message: /^Invalid URL$/,
    evidence: /ERR_INVALID_URL|Invalid URL/,
  });
});

test('psql with a port out of range in its URI is url_malformed', async () => {
  const error = await psqlError({ uri: 'postgresql://postgres@127.0.0.1:654321/postgres' });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/psql-invalid-port',
    producedBy: 'psql (libpq 15) with a URI whose port is 654321',
    message: /^psql: error: invalid port number: "654321"$/,
    evidence: /invalid port number/,
  });
});

test('psql with a keyword missing its = in the connection string is url_malformed', async () => {
  const error = await psqlError({ uri: `host=127.0.0.1 port ${scram.port} dbname=postgres` });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/psql-missing-equals',
    producedBy: 'psql (libpq 15) with a keyword/value connection string missing an =',
    message: /^psql: error: missing "=" after "port" in connection info string$/,
    evidence: /missing "=" after/,
  });
});

test('psql with a misspelt sslmode in its URI is url_malformed', async () => {
  const error = await psqlError({ uri: `postgresql://postgres@127.0.0.1:${scram.port}/postgres?sslmode=requir` });
  assertLiveError(error, {
    ...URL_MALFORMED,
    id: 'url_malformed/psql-invalid-sslmode',
    producedBy: 'psql (libpq 15) with a URI whose sslmode is misspelt requir',
    message: /^psql: error: invalid sslmode value: "requir"$/,
    evidence: /invalid sslmode value/,
  });
});

// ------------------------------------------------------------------ stale_connection variants

test('an idle pooled connection ended by idle_session_timeout is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(idle)));
  try {
    const poolError = nextError(pool);
    await pool.query('select 1');
    const error = fromError('node-postgres', await poolError);
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-pool-idle-session-timeout',
      producedBy: "pg.Pool 'error' event when idle_session_timeout=1s ends its idle client",
      code: '57P05',
      message: /^terminating connection due to idle-session timeout$/,
      evidence: /57P05|terminating connection due to idle-session timeout/,
    });
  } finally {
    await pool.end();
  }
});

test('a query on a held client after idle_session_timeout ended it is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(idle)));
  const client = await pool.connect();
  try {
    const events: Error[] = [];
    client.on('error', (event) => events.push(event));
    await new Promise((done) => client.once('end', done));
    assert.deepEqual(events.map((event) => event.message), [
      'terminating connection due to idle-session timeout',
      'Connection terminated unexpectedly',
    ]);
    const error = await client.query('select 1').then(
      () => assert.fail('a query on an ended client succeeded'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-client-idle-session-timeout-next-query',
      producedBy: 'the next query on a checked-out pg.Pool client after idle_session_timeout=1s ended its session',
      message: /^Client has encountered a connection error and is not queryable$/,
      evidence: /Client has encountered a connection error and is not queryable/,
    });
  } finally {
    client.release(true);
    await pool.end();
  }
});

test('a query in flight when its backend is terminated is stale_connection', async () => {
  const applicationName = 'pgtriage-in-flight';
  const pool = new pg.Pool({ ...pgConfig(superuser(scram)), application_name: applicationName });
  const client = await pool.connect();
  client.on('error', () => {});
  const query = (sql: string, params?: unknown[]) => scram.query(sql, params);
  try {
    const inFlight = client.query('select pg_sleep(60)').then(
      () => assert.fail('the terminated query finished'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    // Terminate only once the backend is really inside the sleep.
    await waitForSleepingBackend(query, applicationName);
    await terminateBackends(query, applicationName);
    const error = await inFlight;
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-query-in-flight-terminated',
      producedBy: 'a pg query (select pg_sleep(60)) whose backend was ended with pg_terminate_backend(pid) while it ran',
      code: '57P01',
      message: /^terminating connection due to administrator command$/,
      evidence: /57P01|terminating connection due to administrator command/,
    });
  } finally {
    client.release(true);
    await pool.end();
  }
});

test('TypeORM whose idle pooled connection is terminated logs a stale_connection warning', async () => {
  const lines: string[] = [];
  const dataSource = new DataSource(typeormOptions(superuser(scram), { logger: recordingLogger(lines) }));
  await dataSource.initialize();
  try {
    const [row] = (await dataSource.query('select pg_backend_pid() as pid')) as Array<{ pid: number }>;
    await scram.query('select pg_terminate_backend($1)', [row?.pid]);
    while (!lines.some((line) => line.startsWith('Postgres pool raised an error.'))) {
      await new Promise((done) => setTimeout(done, 10));
    }
    const text = lines.find((line) => line.startsWith('Postgres pool raised an error.')) ?? '';
    assertLiveError({ client: 'typeorm', message: text, text }, {
      ...STALE_CONNECTION,
      id: 'stale_connection/typeorm-pool-warning',
      producedBy: "TypeORM's pool error log line after its idle pooled connection was ended with pg_terminate_backend(pid)",
      message: /^Postgres pool raised an error\. error: terminating connection due to administrator command$/,
      evidence: /terminating connection due to administrator command/,
    });
  } finally {
    await dataSource.destroy();
  }
});

test('an idle pooled TLS connection reset by the network is stale_connection', async () => {
  // A proxy stands for the NAT, load balancer or pooler that forgets an idle
  // connection and answers the next packet with a reset.
  const proxy = await startTcpProxy(tls.port);
  const pool = new pg.Pool({ ...pgConfig({ ...superuser(tls), port: proxy.port }), ssl: { rejectUnauthorized: false } });
  try {
    await pool.query('select 1');
    const poolError = nextError(pool);
    proxy.reset();
    const error = fromError('node-postgres', await poolError);
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-pool-idle-reset',
      producedBy: "pg.Pool 'error' event when a loopback TCP proxy resets its idle TLS connection (RST), as a NAT or load balancer does",
      code: 'ECONNRESET',
      message: /^read ECONNRESET$/,
      evidence: /ECONNRESET/,
    });
  } finally {
    await pool.end();
    await proxy.stop();
  }
});

/** psql over TLS through a loopback proxy that cuts the connection (FIN or RST) while a query runs. */
async function psqlCutMidQuery(cut: 'drop' | 'reset'): Promise<RealError> {
  const proxy = await startTcpProxy(tls.port);
  const applicationName = `pgtriage-${cut}`;
  const query = (sql: string, params?: unknown[]) => tls.query(sql, params);
  try {
    return await psqlError({
      conninfo: libpq(tls, { port: proxy.port, sslmode: 'require', application_name: applicationName }),
      password: tls.password,
      sql: 'select pg_sleep(60)',
      whileRunning: async () => {
        await waitForSleepingBackend(query, applicationName);
        proxy[cut]();
      },
    });
  } finally {
    await terminateBackends(query, applicationName);
    await proxy.stop();
  }
}

test('psql over TLS whose connection is dropped mid-query is stale_connection', async () => {
  const error = await psqlCutMidQuery('drop');
  assertLiveError(error, {
    ...STALE_CONNECTION,
    id: 'stale_connection/psql-ssl-syscall-eof',
    producedBy: 'psql (libpq 15) with sslmode=require through a loopback TCP proxy that closes the connection (FIN, no TLS close_notify) mid-query',
    message: /^SSL SYSCALL error: EOF detected$/,
    evidence: /SSL SYSCALL error/,
  });
});

test('psql over TLS whose connection is reset mid-query is stale_connection', async () => {
  const error = await psqlCutMidQuery('reset');
  assertLiveError(error, {
    ...STALE_CONNECTION,
    id: 'stale_connection/psql-server-closed-unexpectedly',
    producedBy: 'psql (libpq 15) with sslmode=require through a loopback TCP proxy that resets the connection (RST) mid-query',
    message: /^server closed the connection unexpectedly$/,
    evidence: /server closed the connection unexpectedly/,
  });
  assert.match(error.text, /^connection to server was lost$/m);
});

// Last on the scram cluster: it restarts the server under the other tests' feet.
test('an idle pool across a server restart is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(scram)));
  try {
    await pool.query('select 1');
    const poolError = nextError(pool);
    await scram.restart();
    const error = fromError('node-postgres', await poolError);
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-pool-server-restart',
      producedBy: "pg.Pool 'error' event when the server restarts (fast shutdown) under its idle client",
      code: '57P01',
      message: /^terminating connection due to administrator command$/,
      evidence: /57P01|terminating connection due to administrator command/,
    });
    // The pool dropped the dead client: the next query gets a fresh one.
    assert.equal((await pool.query('select 1 as one')).rows[0]?.one, 1);
  } finally {
    await pool.end();
  }
});

// ------------------------------------------------------------------ pooler_incompatible

// The same 42P05 text as through PgBouncer below, byte for byte but the port:
// text alone cannot tell the two apart, so the contract's wording makes it
// pooler_incompatible, and the runbook's first check (is the host pooled?)
// is what rules the pooler out here.
test('a named prepared statement prepared twice on one session is the 42P05 of pooler_incompatible', async () => {
  const error = await pgQueryError(pgConfig(superuser(trust)), 'prepare s0 as select 1; prepare s0 as select 1');
  assertLiveError(error, {
    ...POOLER_INCOMPATIBLE,
    id: 'pooler_incompatible/pg-prepare-twice',
    producedBy: 'pg simple query "prepare s0 as select 1; prepare s0 as select 1" on one direct session (no pooler)',
    code: '42P05',
    message: /^prepared statement "s0" already exists$/,
    evidence: /42P05|prepared statement "s0" already exists/,
  });
});

test('pg with statement_timeout through a transaction-mode PgBouncer is pooler_incompatible', async () => {
  const error = await pgConnectError({ host: bouncer.host, port: bouncer.port, user: 'postgres', database: 'postgres', statement_timeout: 5000 });
  assertLiveError(error, {
    ...POOLER_INCOMPATIBLE,
    id: 'pooler_incompatible/pg-pgbouncer-startup-parameter',
    producedBy: 'pg.Client.connect() with statement_timeout (sent as a startup parameter) through PgBouncer 1.18',
    code: '08P01',
    message: /^unsupported startup parameter: statement_timeout$/,
    evidence: /unsupported startup parameter/,
  });
});

test('psql passing options through PgBouncer is pooler_incompatible', async () => {
  const error = await psqlError({
    conninfo: { host: bouncer.host, port: bouncer.port, user: 'postgres', dbname: 'postgres', options: "'-c statement_timeout=5000'" },
  });
  assertLiveError(error, {
    ...POOLER_INCOMPATIBLE,
    id: 'pooler_incompatible/psql-pgbouncer-options',
    producedBy: "psql (libpq 15) with options='-c statement_timeout=5000' through PgBouncer 1.18",
    message: /failed: FATAL: {2}unsupported startup parameter: options$/,
    evidence: /unsupported startup parameter/,
  });
});

test('two pg clients preparing the same named statement through a transaction-mode PgBouncer is pooler_incompatible', async () => {
  const config = { host: bouncer.host, port: bouncer.port, user: 'postgres', database: 'postgres' };
  const first = new pg.Client(config);
  const second = new pg.Client(config);
  try {
    await first.connect();
    await second.connect();
    // node-postgres prepares a query that has a name once per client; both
    // clients share PgBouncer's one server connection.
    await first.query({ name: 's0', text: 'select 1 as one' });
    const error = await second.query({ name: 's0', text: 'select 1 as one' }).then(
      () => assert.fail('the second prepare succeeded'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...POOLER_INCOMPATIBLE,
      id: 'pooler_incompatible/pg-pgbouncer-prepared-exists',
      producedBy: "two pg.Clients running { name: 's0' } queries through a transaction-mode PgBouncer 1.18 with one server connection",
      code: '42P05',
      message: /^prepared statement "s0" already exists$/,
      evidence: /42P05|prepared statement "s0" already exists/,
    });
  } finally {
    await Promise.all([first.end(), second.end()]);
  }
});

test('a named statement reused after PgBouncer replaced its server connection is pooler_incompatible', async () => {
  const client = new pg.Client({ host: bouncer.host, port: bouncer.port, user: 'postgres', database: 'postgres' });
  try {
    await client.connect();
    await client.query({ name: 'monthly', text: 'select 1 as one' });
    const [row] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    const since = bouncer.logs.length;
    await pooled.query('select pg_terminate_backend($1)', [row?.pid]);
    await bouncer.waitForLog(/closing because: server conn crashed/, since);
    const error = await client.query({ name: 'monthly', text: 'select 1 as one' }).then(
      () => assert.fail('the statement survived the new server connection'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...POOLER_INCOMPATIBLE,
      id: 'pooler_incompatible/pg-pgbouncer-prepared-missing',
      producedBy: "a pg.Client re-running a { name } query through a transaction-mode PgBouncer 1.18 after its server connection was replaced",
      code: '26000',
      message: /^prepared statement "monthly" does not exist$/,
      evidence: /26000|prepared statement "monthly" does not exist/,
    });
  } finally {
    await client.end();
  }
});

// ------------------------------------------------------------------ plain query bugs are not pooler_incompatible

test('a bind message with too few parameters, a plain query bug that names a prepared statement, is unknown, not pooler_incompatible', async () => {
  const error = await pgQueryError(pgConfig(superuser(trust)), { text: 'select $1::int + $2::int as total', values: [1] });
  assertLiveError(error, {
    ...UNKNOWN,
    id: 'unknown/pg-bind-parameter-count',
    producedBy: 'pg query with two placeholders and one value on a direct session (no pooler)',
    code: '08P01',
    message: /^bind message supplies 1 parameters, but prepared statement "" requires 2$/,
    evidence: /bind message supplies 1 parameters/,
  });
});

test('a statement cancelled by statement_timeout is unknown, not connect_timeout', async () => {
  const error = await pgQueryError(pgConfig(superuser(trust), { statement_timeout: 50 }), 'select pg_sleep(5)');
  assertLiveError(error, {
    ...UNKNOWN,
    id: 'unknown/pg-statement-timeout',
    producedBy: 'pg query select pg_sleep(5) on a client with statement_timeout: 50 (a slow query, not a connection problem)',
    code: '57014',
    message: /^canceling statement due to statement timeout$/,
    evidence: /57014|canceling statement due to statement timeout/,
  });
});

test('a syntax error is unknown, not a connection family', async () => {
  const error = await pgQueryError(pgConfig(superuser(trust)), 'selec 1');
  assertLiveError(error, {
    ...UNKNOWN,
    id: 'unknown/pg-syntax-error',
    producedBy: 'pg query "selec 1" on a direct session',
    code: '42601',
    message: /^syntax error at or near "selec"$/,
    evidence: /42601|syntax error at or near/,
  });
});

function catchSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
