// Every other family that a real client can be made to hit against a real
// PostgreSQL 17 cluster on loopback, produced live and fed to the classifier
// as a user would paste it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as legacyUrlParse } from 'node:url';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import {
  fromError,
  nextError,
  pgConfig,
  pgConnectError,
  pgQueryError,
  psqlError,
  type RealError,
  startSilentServer,
  type Target,
  typeormConnectError,
  typeormOptions,
  typeormQueryError,
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

before(async () => {
  [scram, tls, trust, idle] = await Promise.all([
    startCluster(),
    startCluster({
      ssl: true,
      hbaLines: ['hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all postgres 127.0.0.1/32 reject'],
    }),
    startCluster({ hbaLines: ['host all all 127.0.0.1/32 trust'] }),
    startCluster({ settings: { idle_session_timeout: '1s' } }),
  ]);
  await scram.query(`create role app login password '${APP_PASSWORD}'`);
  await scram.query('create table expenses (id int)');
  await tls.query(`create role app login password '${APP_PASSWORD}'`);
  assert.equal(process.env[UNSET_VARIABLE], undefined);
});

after(async () => {
  await Promise.all([scram?.stop(), tls?.stop(), trust?.stop(), idle?.stop()]);
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

function assertRaw(error: RealError, expected: { code?: string; message: RegExp }): void {
  assert.equal(error.code, expected.code, error.text);
  assert.match(error.message, expected.message, error.text);
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

// ------------------------------------------------------------------ ssl_required

test('the superuser without TLS on a TLS-only cluster is ssl_required', async () => {
  const error = await pgConnectError(pgConfig(superuser(tls)));
  assertRaw(error, { code: '28000', message: /^pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption$/ });
});

test('a role without TLS on a TLS-only cluster, matching no pg_hba.conf line, is ssl_required', async () => {
  const error = await pgConnectError(pgConfig(app(tls)));
  assertRaw(error, { code: '28000', message: /^no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/ });
});

test('psql with sslmode=disable on a TLS-only cluster is ssl_required', async () => {
  const error = await psqlError({ conninfo: libpq(tls, { user: 'app' }), password: APP_PASSWORD });
  assertRaw(error, { message: /failed: FATAL: {2}no pg_hba\.conf entry for host "127\.0\.0\.1", user "app", database "postgres", no encryption$/ });
});

// ------------------------------------------------------------------ ssl_unsupported

test('pg with ssl: true against a cluster without TLS is ssl_unsupported', async () => {
  const error = await pgConnectError(pgConfig(superuser(scram), { ssl: true }));
  assertRaw(error, { message: /^The server does not support SSL connections$/ });
});

test('psql with sslmode=require against a cluster without TLS is ssl_unsupported', async () => {
  const error = await psqlError({ conninfo: libpq(scram, { sslmode: 'require' }), password: scram.password });
  assertRaw(error, { message: /failed: server does not support SSL, but SSL was required$/ });
});

// ------------------------------------------------------------------ ssl_verify_failed

test('pg verifying the self-signed certificate of a cluster is ssl_verify_failed', async () => {
  const error = await pgConnectError(pgConfig(superuser(tls), { ssl: { rejectUnauthorized: true } }));
  assertRaw(error, { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: /^self-signed certificate$/ });
});

test('pg trusting the certificate but reaching it by an address it does not name is ssl_verify_failed', async () => {
  // The certificate says CN=127.0.0.1 and has no subjectAltName, and Node
  // checks an IP address against IP subjectAltNames only.
  const ca = readFileSync(join(tls.dataDir, 'pgdata', 'server.crt'), 'utf8');
  const error = await pgConnectError(pgConfig(superuser(tls), { ssl: { ca, rejectUnauthorized: true } }));
  assertRaw(error, { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: /^Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list: $/ });
});

test('psql with sslmode=verify-full against a self-signed cluster is ssl_verify_failed', async () => {
  const error = await psqlError({
    conninfo: libpq(tls, { sslmode: 'verify-full', sslrootcert: '/etc/ssl/certs/ca-certificates.crt' }),
    password: tls.password,
  });
  assertRaw(error, { message: /failed: SSL error: certificate verify failed$/ });
});

// ------------------------------------------------------------------ database_missing

test('a database that was never created is database_missing', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), database: 'appdb' }));
  assertRaw(error, { code: '3D000', message: /^database "appdb" does not exist$/ });
});

test('psql naming a database that was never created is database_missing', async () => {
  const error = await psqlError({ conninfo: libpq(scram, { dbname: 'appdb' }), password: scram.password });
  assertRaw(error, { message: /failed: FATAL: {2}database "appdb" does not exist$/ });
});

// ------------------------------------------------------------------ role_missing

test('a role that was never created, on a trust cluster, is role_missing', async () => {
  const error = await pgConnectError(pgConfig({ host: trust.host, port: trust.port, user: 'neondb_owner' }));
  assertRaw(error, { code: '28000', message: /^role "neondb_owner" does not exist$/ });
});

test('psql naming a role that was never created, on a trust cluster, is role_missing', async () => {
  const error = await psqlError({ conninfo: libpq(trust, { user: 'neondb_owner' }) });
  assertRaw(error, { message: /failed: FATAL: {2}role "neondb_owner" does not exist$/ });
});

test('a missing role on a scram cluster reads as a wrong password, so it is auth_failed', async () => {
  // The server runs a mock SCRAM exchange for an unknown role and answers
  // 28P01, so that a client cannot probe which roles exist.
  const error = await pgConnectError(pgConfig({ ...superuser(scram), user: 'neondb_owner' }));
  assertRaw(error, { code: '28P01', message: /^password authentication failed for user "neondb_owner"$/ });
});

// ------------------------------------------------------------------ schema_missing

test('a table that was never created is schema_missing', async () => {
  const error = await pgQueryError(pgConfig(superuser(scram)), 'select * from users');
  assertRaw(error, { code: '42P01', message: /^relation "users" does not exist$/ });
});

test('TypeORM querying a table that was never created is schema_missing', async () => {
  const error = await typeormQueryError(typeormOptions(superuser(scram)), 'select * from users');
  assertRaw(error, { code: '42P01', message: /^relation "users" does not exist$/ });
  assert.match(error.text, /^QueryFailedError: relation "users" does not exist/);
});

test('psql querying a table that was never created is schema_missing', async () => {
  const error = await psqlError({ conninfo: libpq(scram), password: scram.password, sql: 'select * from users' });
  assertRaw(error, { message: /^ERROR: {2}relation "users" does not exist$/ });
});

// ------------------------------------------------------------------ permission_denied

test('a role reading a table it was never granted is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'select * from expenses');
  assertRaw(error, { code: '42501', message: /^permission denied for table expenses$/ });
});

test('a role creating a table in public on PostgreSQL 15+ is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'create table users (id int)');
  assertRaw(error, { code: '42501', message: /^permission denied for schema public$/ });
});

test('TypeORM creating a table in public as a role without CREATE is permission_denied', async () => {
  const error = await typeormQueryError(typeormOptions(app(scram)), 'create table users (id int)');
  assertRaw(error, { code: '42501', message: /^permission denied for schema public$/ });
  assert.match(error.text, /^QueryFailedError: permission denied for schema public/);
});

test('a role altering a table it does not own is permission_denied', async () => {
  const error = await pgQueryError(pgConfig(app(scram)), 'alter table expenses add column note text');
  assertRaw(error, { code: '42501', message: /^must be owner of table expenses$/ });
});

// ------------------------------------------------------------------ connect_timeout

test('a pg client whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    const error = await pgConnectError({ host: '127.0.0.1', port: silent.port, user: 'postgres', connectionTimeoutMillis: 200 });
    assertRaw(error, { message: /^timeout expired$/ });
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
    assertRaw(error, { message: /^Connection terminated due to connection timeout$/ });
  } finally {
    await pool.end();
    await silent.close();
  }
});

test('TypeORM whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    const error = await typeormConnectError(typeormOptions({ host: '127.0.0.1', port: silent.port, user: 'postgres' }, { connectTimeoutMS: 200 }));
    assertRaw(error, { message: /^Connection terminated due to connection timeout$/ });
  } finally {
    await silent.close();
  }
});

test('psql whose server accepts and never answers is connect_timeout', async () => {
  const silent = await startSilentServer();
  try {
    // connect_timeout has a floor of 2 seconds in libpq.
    const error = await psqlError({ conninfo: { host: '127.0.0.1', port: silent.port, user: 'postgres', connect_timeout: 2 } });
    assertRaw(error, { message: new RegExp(`port ${silent.port} failed: timeout expired$`) });
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
    assertRaw(error, { message: /^timeout exceeded when trying to connect$/ });
  } finally {
    held.release();
    await pool.end();
  }
});

// ------------------------------------------------------------------ env_missing

test('pg on a scram cluster with the password variable unset is env_missing', async () => {
  const error = await pgConnectError({ ...pgConfig(superuser(scram)), password: process.env[UNSET_VARIABLE] });
  assertRaw(error, { message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/ });
});

test('TypeORM on a scram cluster with the password variable unset is env_missing', async () => {
  const error = await typeormConnectError(typeormOptions({ ...superuser(scram), password: process.env[UNSET_VARIABLE] }));
  assertRaw(error, { message: /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string$/ });
});

test('url.parse of an unset DATABASE_URL is env_missing', () => {
  const error = fromError('node', catchSync(() => legacyUrlParse(process.env[UNSET_VARIABLE] as string)));
  assertRaw(error, { code: 'ERR_INVALID_ARG_TYPE', message: /^The "url" argument must be of type string\. Received undefined$/ });
});

test('new URL of an unset DATABASE_URL is env_missing', () => {
  const error = fromError('node', catchSync(() => new URL(process.env[UNSET_VARIABLE] as string)));
  assertRaw(error, { code: 'ERR_INVALID_URL', message: /^Invalid URL$/ });
  assert.match(error.text, /^ {2}input: 'undefined'$/m);
});

// ------------------------------------------------------------------ url_malformed

test('pg with an unencoded # in the password of its URL is url_malformed', async () => {
  const error = await pgConnectError({ connectionString: `postgresql://postgres:p#ss@127.0.0.1:${scram.port}/postgres` });
  assertRaw(error, { code: 'ERR_INVALID_URL', message: /^Invalid URL$/ });
  assert.doesNotMatch(error.text, /p#ss/);
});

test('pg with a port out of range in its URL is url_malformed', async () => {
  const error = await pgConnectError({ connectionString: 'postgresql://postgres@127.0.0.1:654321/postgres' });
  assertRaw(error, { code: 'ERR_INVALID_URL', message: /^Invalid URL$/ });
});

test('TypeORM with an unencoded # in the password of its URL is url_malformed', async () => {
  const error = await typeormConnectError({ type: 'postgres', url: `postgresql://postgres:p#ss@127.0.0.1:${scram.port}/postgres` });
  assertRaw(error, { code: 'ERR_INVALID_URL', message: /^Invalid URL$/ });
});

test('psql with a port out of range in its URI is url_malformed', async () => {
  const error = await psqlError({ uri: 'postgresql://postgres@127.0.0.1:654321/postgres' });
  assertRaw(error, { message: /^psql: error: invalid port number: "654321"$/ });
});

test('psql with a keyword missing its = in the connection string is url_malformed', async () => {
  const error = await psqlError({ uri: `host=127.0.0.1 port ${scram.port} dbname=postgres` });
  assertRaw(error, { message: /^psql: error: missing "=" after "port" in connection info string$/ });
});

test('psql with a misspelt sslmode in its URI is url_malformed', async () => {
  const error = await psqlError({ uri: `postgresql://postgres@127.0.0.1:${scram.port}/postgres?sslmode=requir` });
  assertRaw(error, { message: /^psql: error: invalid sslmode value: "requir"$/ });
});

// ------------------------------------------------------------------ stale_connection variants

test('an idle pooled connection ended by idle_session_timeout is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(idle)));
  try {
    const poolError = nextError(pool);
    await pool.query('select 1');
    const error = fromError('node-postgres', await poolError);
    assertRaw(error, { code: '57P05', message: /^terminating connection due to idle-session timeout$/ });
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
    assertRaw(error, { message: /^Client has encountered a connection error and is not queryable$/ });
  } finally {
    client.release(true);
    await pool.end();
  }
});

test('a query in flight when its backend is terminated is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(scram)));
  const client = await pool.connect();
  client.on('error', () => {});
  try {
    const [row] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    const query = client.query('select pg_sleep(60)').then(
      () => assert.fail('the terminated query finished'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    // Terminate only once the backend is really inside the sleep.
    for (;;) {
      const [state] = await scram.query<{ waiting: boolean }>(
        "select wait_event = 'PgSleep' as waiting from pg_stat_activity where pid = $1", [row?.pid],
      );
      if (state?.waiting) break;
    }
    await scram.query('select pg_terminate_backend($1)', [row?.pid]);
    const error = await query;
    assertRaw(error, { code: '57P01', message: /^terminating connection due to administrator command$/ });
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
    assert.equal(text, 'Postgres pool raised an error. error: terminating connection due to administrator command');
  } finally {
    await dataSource.destroy();
  }
});

// Last on the scram cluster: it restarts the server under the other tests' feet.
test('an idle pool across a server restart is stale_connection', async () => {
  const pool = new pg.Pool(pgConfig(superuser(scram)));
  try {
    await pool.query('select 1');
    const poolError = nextError(pool);
    await scram.restart();
    const error = fromError('node-postgres', await poolError);
    assertRaw(error, { code: '57P01', message: /^terminating connection due to administrator command$/ });
    // The pool dropped the dead client: the next query gets a fresh one.
    assert.equal((await pool.query('select 1 as one')).rows[0]?.one, 1);
  } finally {
    await pool.end();
  }
});

// ------------------------------------------------------------------ pooler_incompatible

test('a named prepared statement prepared twice on one session is the 42P05 of pooler_incompatible', async () => {
  const error = await pgQueryError(pgConfig(superuser(trust)), 'prepare s0 as select 1; prepare s0 as select 1');
  assertRaw(error, { code: '42P05', message: /^prepared statement "s0" already exists$/ });
});

function catchSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
