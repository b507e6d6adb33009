// The five errors of the lesson's triage table, produced live from real clients
// against real PostgreSQL 17 clusters on loopback, each then fed to the
// classifier as a user would paste it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { assertLiveError } from '../../support/live-error-expect.ts';
import { freePort } from '../../support/ports.ts';
import {
  childNodeError,
  fromError,
  holdConnections,
  nextError,
  pgConfig,
  pgConnectError,
  psqlError,
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

// The lesson's table fixes the first check of these five families.
const AUTH_FAILED = { family: 'auth_failed', firstStep: 'rotate_password' } as const;
const CANNOT_CONNECT = { family: 'cannot_connect', firstStep: 'verify_host' } as const;
const DRIVER_MISSING = { family: 'driver_missing', firstStep: 'install_driver' } as const;
const STALE_CONNECTION = { family: 'stale_connection', firstStep: 'confirm_pre_ping' } as const;
const TOO_MANY_CONNECTIONS = { family: 'too_many_connections', firstStep: 'reduce_pool_size' } as const;

// ------------------------------------------------------------------ auth_failed

test('a wrong password on a scram cluster is auth_failed, first check rotate_password', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), password: 'not-the-password' }));
  assertLiveError(error, {
    ...AUTH_FAILED,
    id: 'auth_failed/pg-wrong-password',
    producedBy: 'pg.Client.connect() with a wrong password against a PostgreSQL 17 scram-sha-256 cluster',
    code: '28P01',
    message: /^password authentication failed for user "postgres"$/,
    evidence: /28P01|password authentication failed/,
  });
});

test('psql with a wrong password on a scram cluster is auth_failed, first check rotate_password', async () => {
  const error = await psqlError({
    conninfo: { host: scram.host, port: scram.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable' },
    password: 'not-the-password',
  });
  assertLiveError(error, {
    ...AUTH_FAILED,
    id: 'auth_failed/psql-wrong-password',
    producedBy: 'psql (libpq 15) with a wrong PGPASSWORD against a PostgreSQL 17 scram-sha-256 cluster',
    message: /failed: FATAL: {2}password authentication failed for user "postgres"$/,
    evidence: /password authentication failed/,
  });
});

// ------------------------------------------------------------------ cannot_connect

test('a closed loopback port is cannot_connect, first check verify_host', async () => {
  const port = await freePort();
  const error = await pgConnectError(pgConfig({ ...superuser(scram), port }));
  assertLiveError(error, {
    ...CANNOT_CONNECT,
    id: 'cannot_connect/pg-closed-port',
    producedBy: 'pg.Client.connect() to a loopback port nothing listens on',
    code: 'ECONNREFUSED',
    message: new RegExp(`^connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`),
    evidence: /ECONNREFUSED/,
  });
});

test('a host under .invalid is cannot_connect, first check verify_host', async () => {
  const error = await pgConnectError(pgConfig({ ...superuser(scram), host: INVALID_HOST }));
  assertLiveError(error, {
    ...CANNOT_CONNECT,
    id: 'cannot_connect/pg-invalid-host',
    producedBy: 'pg.Client.connect() to a host under the .invalid TLD (RFC 6761: never resolves)',
    code: 'ENOTFOUND',
    message: /^getaddrinfo ENOTFOUND db\.pgtriage\.invalid$/,
    evidence: /ENOTFOUND/,
  });
});

test('psql against a closed loopback port is cannot_connect, first check verify_host', async () => {
  const port = await freePort();
  const error = await psqlError({ conninfo: { host: '127.0.0.1', port, user: 'postgres', dbname: 'postgres' } });
  assertLiveError(error, {
    ...CANNOT_CONNECT,
    id: 'cannot_connect/psql-closed-port',
    producedBy: 'psql (libpq 15) to a loopback port nothing listens on',
    message: new RegExp(`port ${port} failed: Connection refused$`),
    evidence: /Connection refused/,
  });
  assert.match(error.text, /Is the server running on that host and accepting TCP\/IP connections\?/);
});

test('psql against a host under .invalid is cannot_connect, first check verify_host', async () => {
  const error = await psqlError({ conninfo: { host: INVALID_HOST, port: 5432, user: 'postgres', dbname: 'postgres' } });
  assertLiveError(error, {
    ...CANNOT_CONNECT,
    id: 'cannot_connect/psql-invalid-host',
    producedBy: 'psql (libpq 15) to a host under the .invalid TLD (RFC 6761: never resolves)',
    message: /could not translate host name "db\.pgtriage\.invalid" to address/,
    evidence: /could not translate host name/,
  });
});

// ------------------------------------------------------------------ driver_missing

test('require("pg") in an app without node_modules is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({ source: "const pg = require('pg');\nnew pg.Pool().query('select 1');\n" });
  assertLiveError(error, {
    ...DRIVER_MISSING,
    id: 'driver_missing/node-require-pg',
    producedBy: "a CommonJS Node 20 app doing require('pg') in a folder without node_modules (its stderr)",
    code: 'MODULE_NOT_FOUND',
    message: /^Cannot find module 'pg'$/,
    evidence: /Cannot find module 'pg'/,
  });
});

test('import("pg") in an ES module app without node_modules is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({ source: "const { default: pg } = await import('pg');\nawait new pg.Pool().query('select 1');\n", esm: true });
  // Node's ES module loader says "package", not "module", for a bare specifier.
  assertLiveError(error, {
    ...DRIVER_MISSING,
    id: 'driver_missing/node-import-pg',
    producedBy: "an ES module Node 20 app doing import('pg') in a folder without node_modules (its stderr)",
    code: 'ERR_MODULE_NOT_FOUND',
    message: /^Cannot find package 'pg' imported from /,
    evidence: /Cannot find package 'pg'/,
  });
});

test('TypeORM in an app where pg is not installed is driver_missing, first check install_driver', async () => {
  const error = await childNodeError({
    source: "const { DataSource } = require('typeorm');\nnew DataSource({ type: 'postgres', url: 'postgresql://app@127.0.0.1:5432/app' }).initialize();\n",
    packages: 'all-but-pg',
    client: 'typeorm',
  });
  assertLiveError(error, {
    ...DRIVER_MISSING,
    id: 'driver_missing/typeorm-no-pg',
    producedBy: 'a Node 20 app creating a TypeORM 1.1 postgres DataSource where typeorm resolves and pg does not (its stderr)',
    message: /^Postgres package has not been found installed\. Please run "npm install pg"\.$/,
    evidence: /DriverPackageNotInstalledError|Postgres package has not been found installed/,
  });
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
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-pool-idle-terminated',
      producedBy: "pg.Pool 'error' event after its idle client's backend was ended with pg_terminate_backend(pid)",
      code: '57P01',
      message: /^terminating connection due to administrator command$/,
      evidence: /57P01|terminating connection due to administrator command/,
    });
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
    assertLiveError(fatal, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-client-terminated-fatal',
      producedBy: "first 'error' event of a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)",
      code: '57P01',
      message: /^terminating connection due to administrator command$/,
      evidence: /57P01|terminating connection due to administrator command/,
    });
    assertLiveError(closed, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-client-terminated-closed',
      producedBy: "second 'error' event of a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)",
      message: /^Connection terminated unexpectedly$/,
      evidence: /Connection terminated unexpectedly/,
    });
    const error = await client.query('select 1').then(
      () => assert.fail('the query on a dead client succeeded'),
      (cause: unknown) => fromError('node-postgres', cause),
    );
    assertLiveError(error, {
      ...STALE_CONNECTION,
      id: 'stale_connection/pg-client-terminated-next-query',
      producedBy: 'the next query on a checked-out pg.Pool client whose backend was ended with pg_terminate_backend(pid)',
      message: /^Client has encountered a connection error and is not queryable$/,
      evidence: /Client has encountered a connection error and is not queryable/,
    });
  } finally {
    client.release(true);
    await pool.end();
  }
});

test('an app whose pg.Pool has no error listener crashes when its idle connection is terminated: stale_connection, first check confirm_pre_ping', async () => {
  const error = await childNodeError({
    packages: 'all',
    // node-postgres reads PG* variables; the password stays out of the source.
    env: { PGHOST: scram.host, PGPORT: String(scram.port), PGUSER: 'postgres', PGPASSWORD: scram.password, PGDATABASE: 'postgres' },
    source: [
      "const pg = require('pg');",
      'const pool = new pg.Pool();',
      "pool.query('select pg_backend_pid() as pid').then(({ rows }) => console.log(rows[0].pid));",
      'setInterval(() => {}, 1000);',
      '',
    ].join('\n'),
    onStdoutLine: async (pid) => {
      await scram.query('select pg_terminate_backend($1)', [Number(pid)]);
    },
  });
  assertLiveError(error, {
    ...STALE_CONNECTION,
    id: 'stale_connection/node-unhandled-pool-error-crash',
    producedBy: "the stderr of a Node 20 app with a pg.Pool and no pool.on('error'), crashed when its idle client's backend was ended with pg_terminate_backend(pid)",
    code: '57P01',
    message: /^terminating connection due to administrator command$/,
    evidence: /57P01|terminating connection due to administrator command/,
  });
  assert.match(error.text, /Unhandled 'error' event/);
  assert.match(error.text, /Emitted 'error' event on BoundPool instance/);
  assert.ok(!error.text.includes(scram.password), 'node-postgres printed the password');
});

test('psql whose backend is terminated mid-session is stale_connection, first check confirm_pre_ping', async () => {
  const error = await psqlError({
    conninfo: { host: scram.host, port: scram.port, user: 'postgres', dbname: 'postgres', sslmode: 'disable' },
    password: scram.password,
    sql: 'select pg_terminate_backend(pg_backend_pid())',
  });
  assertLiveError(error, {
    ...STALE_CONNECTION,
    id: 'stale_connection/psql-backend-terminated',
    producedBy: 'psql (libpq 15) running select pg_terminate_backend(pg_backend_pid()) on its own session',
    message: /^FATAL: {2}terminating connection due to administrator command$/,
    evidence: /terminating connection due to administrator command|server closed the connection unexpectedly/,
  });
  assert.match(error.text, /^server closed the connection unexpectedly$/m);
});

// ------------------------------------------------------------------ too_many_connections

test('a max_connections cluster whose slots are held is too_many_connections, first check reduce_pool_size', async () => {
  const app: Target = { host: slots.host, port: slots.port, user: 'app', password: APP_PASSWORD };
  await waitForNoClients((sql) => slots.query(sql));
  const appSlots = await holdConnections(pgConfig(app), 4);
  try {
    const reserved = await pgConnectError(pgConfig(app));
    assertLiveError(reserved, {
      ...TOO_MANY_CONNECTIONS,
      id: 'too_many_connections/pg-reserved-slots',
      producedBy: 'pg.Client.connect() as a non-superuser with 4 of max_connections=5 held (superuser_reserved_connections=1)',
      code: '53300',
      message: /^remaining connection slots are reserved for roles with the SUPERUSER attribute$/,
      evidence: /53300|remaining connection slots are reserved/,
    });
    const lastSlot = await holdConnections(pgConfig(superuser(slots)), 1);
    try {
      const full = await pgConnectError(pgConfig(superuser(slots)));
      assertLiveError(full, {
        ...TOO_MANY_CONNECTIONS,
        id: 'too_many_connections/pg-too-many-clients',
        producedBy: 'pg.Client.connect() as the superuser with all of max_connections=5 held',
        code: '53300',
        message: /^sorry, too many clients already$/,
        evidence: /53300|sorry, too many clients already/,
      });
    } finally {
      await lastSlot.release();
    }
  } finally {
    await appSlots.release();
  }
});

test('a role at its CONNECTION LIMIT is too_many_connections, first check reduce_pool_size', async () => {
  await scram.query(`create role capped login password '${APP_PASSWORD}' connection limit 1`);
  const capped: Target = { host: scram.host, port: scram.port, user: 'capped', password: APP_PASSWORD };
  const held = await holdConnections(pgConfig(capped), 1);
  try {
    const error = await pgConnectError(pgConfig(capped));
    assertLiveError(error, {
      ...TOO_MANY_CONNECTIONS,
      id: 'too_many_connections/pg-role-connection-limit',
      producedBy: 'pg.Client.connect() as a role created with CONNECTION LIMIT 1 while one of its connections is open',
      code: '53300',
      message: /^too many connections for role "capped"$/,
      evidence: /53300|too many connections for role/,
    });
  } finally {
    await held.release();
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
    assertLiveError(error, {
      ...TOO_MANY_CONNECTIONS,
      id: 'too_many_connections/psql-reserved-slots',
      producedBy: 'psql (libpq 15) as a non-superuser with 4 of max_connections=5 held (superuser_reserved_connections=1)',
      message: /failed: FATAL: {2}remaining connection slots are reserved for roles with the SUPERUSER attribute$/,
      evidence: /remaining connection slots are reserved/,
    });
  } finally {
    await held.release();
  }
});
