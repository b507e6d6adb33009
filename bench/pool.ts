// Pool benchmark: node --import tsx bench/pool.ts
// Starts its own PostgreSQL cluster, measures on it in one run, stops it.
// Prints figures as ratios against a baseline measured in the same run
// (timings belong in bench/, never in test assertions).
import pg from 'pg';
import pino from 'pino';
import { createPool, DEFAULT_POOL_SETTINGS } from '../src/db/pool.ts';
import { startCluster } from '../test/support/cluster.ts';
import { bestMeanMs } from './harness.ts';

const ROUNDS = 7;
const CHECKOUTS_PER_ROUND = 2_000;
const FRESH_CONNECTIONS_PER_ROUND = 100;

interface Checkouts {
  connect(): Promise<pg.PoolClient>;
  query(text: string): Promise<unknown>;
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
    const [baseline = 0, insideMs = 0, outsideMs = 0] = await bestMeanMs([measure(plain), measure(inside), measure(outside)], { rounds: ROUNDS, callsPerRound: CHECKOUTS_PER_ROUND, warmupCalls: 100 });
    rows.push([`${label}, plain pg.Pool`, baseline, 1]);
    rows.push([`${label}, pre-ping, inside bypass window`, insideMs, insideMs / baseline]);
    rows.push([`${label}, pre-ping, outside bypass window`, outsideMs, outsideMs / baseline]);
  }
  const [pooledMs = 0, freshMs = 0] = await bestMeanMs([selectOne(inside), async () => {
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    try {
      await client.query('select 1');
    } finally {
      await client.end();
    }
  }], { rounds: ROUNDS, callsPerRound: FRESH_CONNECTIONS_PER_ROUND, warmupCalls: 100 });
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
