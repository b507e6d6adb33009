// The five errors of the lesson's triage table, produced live from real clients
// against real PostgreSQL 17 clusters on loopback, each then fed to the
// classifier as a user would paste it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { freePort } from '../../support/ports.ts';
import {
  childNodeError,
  fromError,
  holdConnections,
  nextError,
  pgConfig,
  pgConnectError,
  psqlError,
  type RealError,
  type Target,
  waitForNoClients,
} from '../../support/real-errors.ts';

// RFC 6761: names under .invalid never resolve.
const INVALID_HOST = 'db.pgtriage.invalid';

let scram: TestCluster;
// max_connections=5 with one slot kept for superusers: four app connections
// fill the rest, the fifth superuser connection fills the last.
let slots: TestCluster;
const APP_PASSWORD = `app-${Math.random().toString(36).slice(2)}`;

before(async () => {
  [scram, slots] = await Promise.all([
    startCluster({ authMethod: 'scram-sha-256' }),
    startCluster({ settings: { max_connections: '5', superuser_reserved_connections: '1', reserved_connections: '0' } }),
  ]);
  await slots.query(`create role app login password '${APP_PASSWORD}'`);
});

after(async () => {
  await Promise.all([scram?.stop(), slots?.stop()]);
});

function superuser(cluster: TestCluster): Target {
  return { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password };
}

function assertRaw(error: RealError, expected: { code?: string; message: RegExp }): void {
  assert.equal(error.code, expected.code, error.text);
  assert.match(error.message, expected.message, error.text);
}

// ------------------------------------------------------------------ auth_failed

test('a wrong password on a scram cluster is auth_failed, first check rotate_password', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), password: 'not-the-password' }));
  assertRaw(error, { code: '28P01', message: /^password authentication failed for user "postgres"$/ });
});

test('psql with a wrong password on a scram cluster is auth_failed, first check rotate_password', async () => {
  const error = await psqlError({
    conninfo: { host: scram.host, port: scram.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable' },
    password: 'not-the-password',
  });
  assertRaw(error, { message: /failed: FATAL: {2}password authentication failed for user "postgres"$/ });
});

// ------------------------------------------------------------------ cannot_connect

test('a closed loopback port is cannot_connect, first check verify_host', async () => {
  const port = await freePort();
  const error = await pgConnectError(pgConfig({ ...superuser(scram), port }));
  assertRaw(error, { code: 'ECONNREFUSED', message: new RegExp(`^connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`) });
});

test('a host under .invalid is cannot_connect, first check verify_host', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), host: INVALID_HOST }));
  assertRaw(error, { code: 'ENOTFOUND', message: /^getaddrinfo ENOTFOUND db\.pgtriage\.invalid$/ });
});

test('psql against a closed loopback port is cannot_connect, first check verify_host', async () => {
  const port = await freePort();
  const error = await psqlError({ conninfo: { host: '127.0.0.1', port, user: 'postgres', dbname: 'postgres' } });
  assertRaw(error, { message: new RegExp(`port ${port} failed: Connection refused$`) });
  assert.match(error.text, /Is the server running on that host and accepting TCP\/IP connections\?/);
});

test('psql against a host under .invalid is cannot_connect, first check verify_host', async () => {
  const error = await psqlError({ conninfo: { host: INVALID_HOST, port: 5432, user: 'postgres', dbname: 'postgres' } });
  assertRaw(error, { message: /could not translate host name "db\.pgtriage\.invalid" to address/ });
});

// ------------------------------------------------------------------ driver_missing

test('require("pg") in an app without node_modules is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({ source: "const pg = require('pg');\nnew pg.Pool().query('select 1');\n" });
  assertRaw(error, { code: 'MODULE_NOT_FOUND', message: /^Cannot find module 'pg'$/ });
});

test('import("pg") in an ES module app without node_modules is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({ source: "const { default: pg } = await import('pg');\nawait new pg.Pool().query('select 1');\n", esm: true });
  // Node's ES module loader says "package", not "module", for a bare specifier.
  assertRaw(error, { code: 'ERR_MODULE_NOT_FOUND', message: /^Cannot find package 'pg' imported from / });
});

test('TypeORM in an app where pg is not installed is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({
    source: "const { DataSource } = require('typeorm');\nnew DataSource({ type: 'postgres', url: 'postgresql://app@127.0.0.1:5432/app' }).initialize();\n",
    packages: 'all-but-pg',
    client: 'typeorm',
  });
  assertRaw(error, { message: /^Postgres package has not been found installed\. Please run "npm install pg"\.$/ });
  assert.match(error.text, /^DriverPackageNotInstalledError: /m);
});

// ------------------------------------------------------------------ stale_connection

test('an idle pooled connection killed with pg_terminate_backend is stale_connection, first check confirm_pre_ping', async () => {
  const pool = new pg.Pool(pgConfig(superuser(scram)));
  try {
    const [row] = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    const poolError = nextError(pool);
    await scram.query('select pg_terminate_backend($1)', [row?.pid]);
    const error = fromError('node-postgres', await poolError);
    assertRaw(error, { code: '57P01', message: /^terminating connection due to administrator command$/ });
  } finally {
    await pool.end();
  }
});

test('the next query on a checked-out client whose backend was killed is stale_connection, first check confirm_pre_ping', async () => {
  const pool = new pg.Pool(pgConfig(superuser(scram)));
  const client = await pool.connect();
  try {
    const events: Error[] = [];
    client.on('error', (error) => events.push(error));
    const ended = new Promise((done) => client.once('end', done));
    const [row] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    await scram.query('select pg_terminate_backend($1)', [row?.pid]);
    await ended;
    // The client's own error events: the server's FATAL, then the closed socket.
    const [fatal, closed] = events.map((event) => fromError('node-postgres', event));
    assert.ok(fatal && closed, `expected two error events, got ${events.length}`);
    assertRaw(fatal, { code: '57P01', message: /^terminating connection due to administrator command$/ });
    assertRaw(closed, { message: /^Connection terminated unexpectedly$/ });
    const error = await client.query('select 1').then(
      () => assert.fail('the query on a dead client succeeded'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertRaw(error, { message: /^Client has encountered a connection error and is not queryable$/ });
  } finally {
    client.release(true);
    await pool.end();
  }
});

test('psql whose backend is terminated mid-session is stale_connection, first check confirm_pre_ping', async () => {
  const error = await psqlError({
    conninfo: { host: scram.host, port: scram.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable' },
    password: scram.password,
    sql: 'select pg_terminate_backend(pg_backend_pid())',
  });
  assertRaw(error, { message: /^FATAL: {2}terminating connection due to administrator command$/ });
  assert.match(error.text, /^server closed the connection unexpectedly$/m);
});

// ------------------------------------------------------------------ too_many_connections

test('a max_connections cluster whose slots are held is too_many_connections, first check reduce_pool_size', async () => {
  const app: Target = { host: slots.host, port: slots.port, user: 'app', password: APP_PASSWORD };
  await waitForNoClients((sql) => slots.query(sql));
  const appSlots = await holdConnections(pgConfig(app), 4);
  try {
    const reserved = await pgConnectError(pgConfig(app));
    assertRaw(reserved, { code: '53300', message: /^remaining connection slots are reserved for roles with the SUPERUSER attribute$/ });
    const lastSlot = await holdConnections(pgConfig(superuser(slots)), 1);
    try {
      const full = await pgConnectError(pgConfig(superuser(slots)));
      assertRaw(full, { code: '53300', message: /^sorry, too many clients already$/ });
    } finally {
      await lastSlot.release();
    }
  } finally {
    await appSlots.release();
  }
});

test('psql on a max_connections cluster whose slots are held is too_many_connections, first check reduce_pool_size', async () => {
  const app: Target = { host: slots.host, port: slots.port, user: 'app', password: APP_PASSWORD };
  await waitForNoClients((sql) => slots.query(sql));
  const held = await holdConnections(pgConfig(app), 4);
  try {
    const error = await psqlError({
      conninfo: { host: slots.host, port: slots.port, user: 'app', dbname: 'postgres', sslmode: 'disable' },
      password: APP_PASSWORD,
    });
    assertRaw(error, { message: /failed: FATAL: {2}remaining connection slots are reserved for roles with the SUPERUSER attribute$/ });
  } finally {
    await held.release();
  }
});
