// A proxy between the app and PostgreSQL closes every connection with no
// server message (Neon's proxy, PgBouncer or a load balancer restarting): what
// users then see is "Connection terminated unexpectedly". Or a NAT forgets the
// flows and nothing comes back at all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createPool, DEFAULT_POOL_SETTINGS, type PoolSettings, type ResilientPool } from '../../../src/db/pool.ts';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { captureLogs } from '../../support/log-capture.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';

let cluster: TestCluster;
let proxy: TcpProxy;
const logs = captureLogs();
const pools: ResilientPool[] = [];

before(async () => {
  cluster = await startCluster();
  proxy = await startTcpProxy({ host: cluster.host, port: cluster.port });
});
after(async () => {
  await Promise.all(pools.filter((pool) => !pool.ending).map((pool) => pool.end()));
  await proxy.close();
  await cluster.stop();
});

function poolThroughProxy(name: string, overrides: Partial<PoolSettings> = {}): ResilientPool {
  const connectionString = cluster.url().replace(`:${cluster.port}/`, `:${proxy.port}/`);
  const pool = createPool({ ...DEFAULT_POOL_SETTINGS, name, connectionString, poolSize: 2, maxOverflow: 0, ...overrides }, { logger: logs.logger });
  pools.push(pool);
  return pool;
}

/** Opens poolSize connections at once and returns them all to the pool. */
async function warm(pool: ResilientPool): Promise<void> {
  const clients = await Promise.all(Array.from({ length: pool.settings.poolSize }, () => pool.connect()));
  for (const client of clients) client.release();
}

test('with pre-ping off, requests on connections the proxy just cut fail with "Connection terminated unexpectedly"', async () => {
  const pool = poolThroughProxy('cut-off', { prePing: false });
  await warm(pool);
  // The cut and the requests happen in one tick: the requests reach the
  // sockets before the pool has read their close.
  proxy.cutAll();
  const results = await Promise.allSettled([pool.query('select 1'), pool.query('select 2')]);
  assert.deepEqual(results.map((result) => (result.status === 'rejected' ? (result.reason as Error).message : 'ok')), [
    'Connection terminated unexpectedly',
    'Connection terminated unexpectedly',
  ]);
});

test('with pre-ping, the same requests succeed on fresh connections', async () => {
  const pool = poolThroughProxy('cut-on', { prePingBypassMs: 0 });
  await warm(pool);
  proxy.cutAll();
  const results = await Promise.all([pool.query('select 1 as ok'), pool.query('select 2 as ok')]);
  assert.deepEqual(results.map((result) => result.rows[0]?.ok), [1, 2]);
  assert.equal(pool.stats().prePingFailures, 2);
  const failures = logs.lines().filter((line) => line.pool === 'cut-on' && line.msg === 'pre-ping found a dead connection; replacing it');
  assert.deepEqual(failures.map((line) => (line.error as { message: string }).message), ['Connection terminated unexpectedly', 'Connection terminated unexpectedly']);
});

test('a connection that silently stopped answering fails its pre-ping within prePingTimeoutMs and is replaced', async () => {
  const pool = poolThroughProxy('blackhole', { poolSize: 1, prePingBypassMs: 0, prePingTimeoutMs: 200 });
  await warm(pool);
  proxy.blackholeAll();
  const result = await pool.query('select 1 as ok');
  assert.equal(result.rows[0]?.ok, 1);
  assert.equal(pool.stats().prePingFailures, 1);
  const failure = logs.lines().find((line) => line.pool === 'blackhole' && line.msg === 'pre-ping found a dead connection; replacing it');
  assert.deepEqual(failure?.error, { message: 'Query read timeout' });
});
