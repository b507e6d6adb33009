// Pool benchmark: node --import tsx bench/pool.ts
// Starts its own PostgreSQL cluster, measures on it in one run, stops it.
// Prints figures as ratios against a baseline measured in the same run
// (timings belong in bench/, never in test assertions).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { createPool, DEFAULT_POOL_SETTINGS } from '../src/db/pool.ts';
import { startCluster } from '../test/support/cluster.ts';

const ROUNDS = 7;
const CHECKOUTS_PER_ROUND = 2_000;
const FRESH_CONNECTIONS_PER_ROUND = 100;

interface Checkouts {
  connect(): Promise<pg.PoolClient>;
  query(text: string): Promise<unknown>;
}

/**
 * Mean ms per call for each operation, best of ROUNDS. Rounds interleave the
 * operations so that load from elsewhere on the machine hits them alike.
 */
async function meanMs(iterations: number, operations: ReadonlyArray<() => Promise<unknown>>): Promise<number[]> {
  for (const operation of operations) {
    for (let i = 0; i < Math.min(iterations, 100); i++) await operation();
  }
  const best = operations.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, operation] of operations.entries()) {
      const startedAt = performance.now();
      for (let i = 0; i < iterations; i++) await operation();
      best[index] = Math.min(best[index]!, (performance.now() - startedAt) / iterations);
    }
  }
  return best;
}

const checkout = (pool: Checkouts) => async () => (await pool.connect()).release();
const selectOne = (pool: Checkouts) => () => pool.query('select 1');

const cluster = await startCluster();
const logger = pino({ level: 'silent' });
const single = { poolSize: 1, maxOverflow: 0 };
const plain = new pg.Pool({ connectionString: cluster.url(), max: 1 });
// pg-pool's end() resolves before its sockets have closed; stopping the
// cluster then makes the server's goodbye an 'error' event on this pool.
plain.on('error', () => {});
// Back-to-back checkouts are milliseconds apart, inside the default 500 ms window.
const inside = createPool({ ...DEFAULT_POOL_SETTINGS, ...single, name: 'bench-inside', connectionString: cluster.url() }, { logger });
// A zero window pings on every checkout: each one behaves as if idle past the window.
const outside = createPool({ ...DEFAULT_POOL_SETTINGS, ...single, name: 'bench-outside', connectionString: cluster.url(), prePingBypassMs: 0 }, { logger });

try {
  const [{ server_version: version } = { server_version: '?' }] = await cluster.query<{ server_version: string }>('show server_version');
  console.log(`pool bench: PostgreSQL ${version} on loopback, Node ${process.version}, best of ${ROUNDS} rounds`);

  const rows: Array<[string, number, number]> = [];
  for (const [label, measure] of [['checkout + release', checkout], ['query("select 1")', selectOne]] as const) {
    const [baseline = 0, insideMs = 0, outsideMs = 0] = await meanMs(CHECKOUTS_PER_ROUND, [measure(plain), measure(inside), measure(outside)]);
    rows.push([`${label}, plain pg.Pool`, baseline, 1]);
    rows.push([`${label}, pre-ping, inside bypass window`, insideMs, insideMs / baseline]);
    rows.push([`${label}, pre-ping, outside bypass window`, outsideMs, outsideMs / baseline]);
  }
  const [pooledMs = 0, freshMs = 0] = await meanMs(FRESH_CONNECTIONS_PER_ROUND, [selectOne(inside), async () => {
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    try {
      await client.query('select 1');
    } finally {
      await client.end();
    }
  }]);
  rows.push(['select 1 on the resilient pool', pooledMs, 1]);
  rows.push(['select 1 on a fresh connection (scram-sha-256)', freshMs, freshMs / pooledMs]);

  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, ms, ratio] of rows) {
    console.log(`${label.padEnd(width)}  ${ms.toFixed(4).padStart(9)} ms  ${ratio.toFixed(2).padStart(7)}x`);
  }
  console.log(`pre-ping overhead per checkout vs plain: inside window ${(rows[1]![2]).toFixed(2)}x, outside window ${(rows[2]![2]).toFixed(2)}x`);
  console.log(`fresh connection per query vs pooled query: ${(freshMs / pooledMs).toFixed(1)}x`);
} finally {
  await Promise.all([plain.end(), inside.end(), outside.end()]);
  await cluster.stop();
}
