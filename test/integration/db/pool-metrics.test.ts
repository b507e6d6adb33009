import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { registerPoolMetrics } from '../../../src/db/pool-metrics.ts';
import { usePoolsOnCluster } from '../../support/pools.ts';

const fx = usePoolsOnCluster();
const { logs, poolFor } = fx;

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('a scrape shows each pool\'s utilisation and counters under its name', async () => {
  const registry = new Registry();
  const store = poolFor('store', { prePingBypassMs: 0 });
  const probe = poolFor('probe');
  registerPoolMetrics(store, registry);
  registerPoolMetrics(probe, registry);

  await store.query('select 1');
  fx.cluster.querySync("select pg_terminate_backend(pid, 5000) from pg_stat_activity where application_name = 'pgtriage-store'");
  await store.query('select 1');
  await store.query('select 1');

  const text = await registry.metrics();
  assert.match(text, /# TYPE pgtriage_pool_checkouts_total counter/);
  assert.match(text, /# TYPE pgtriage_pool_total gauge/);
  assert.deepEqual(
    ['total', 'idle', 'waiting', 'checkouts_total', 'pre_pings_total', 'pre_ping_failures_total', 'recycles_total', 'retries_total', 'exhaustions_total']
      .map((metric) => sample(text, `pgtriage_pool_${metric}{pool="store"}`)),
    [1, 1, 0, 3, 2, 1, 0, 0, 0],
  );
  assert.equal(sample(text, 'pgtriage_pool_checkouts_total{pool="probe"}'), 0);
});

test('counters follow the pool between scrapes and never go down', async () => {
  const registry = new Registry();
  const pool = poolFor('scraped');
  registerPoolMetrics(pool, registry);
  await pool.query('select 1');
  const first = sample(await registry.metrics(), 'pgtriage_pool_checkouts_total{pool="scraped"}');
  await pool.query('select 1');
  await pool.query('select 1');
  const second = sample(await registry.metrics(), 'pgtriage_pool_checkouts_total{pool="scraped"}');
  assert.deepEqual([first, second], [1, 3]);
});

test('registering two pools with one name on one registry is refused', () => {
  const registry = new Registry();
  registerPoolMetrics(poolFor('twin'), registry);
  assert.throws(() => registerPoolMetrics(poolFor('twin'), registry), /a pool named "twin" already has metrics in this registry/);
});

test('each change in pool size is logged with the utilisation, and no secret', async () => {
  const pool = poolFor('logged', { poolSize: 1, maxOverflow: 1 });
  const first = await pool.connect();
  const second = await pool.connect();
  const overflowClosed = once(pool, 'remove');
  first.release();
  await overflowClosed;
  second.release();
  const lastClosed = once(pool, 'remove');
  await pool.end();
  await lastClosed;
  const changes = logs.lines().filter((line) => line.pool === 'logged' && /^pool (opened|closed) a connection$/.test(String(line.msg)));
  assert.deepEqual(changes.map((line) => [line.msg, line.total]), [
    ['pool opened a connection', 1],
    ['pool opened a connection', 2],
    ['pool closed a connection', 1],
    ['pool closed a connection', 0],
  ]);
  assert.equal(logs.text().includes(fx.cluster.password), false);
});
