// Probe benchmark: node --import tsx bench/probe.ts
// Starts its own PostgreSQL cluster and measures, in one run, the probe's
// layers up to SELECT 1 (configuration, dns, tcp, tls, startup_auth,
// select_1: each layer dials on its own, then a TypeORM DataSource on the
// resilient pool) against a bare pg.Client connect + SELECT 1 to the same
// server, as a ratio; and the whole doctor run. Goal: at most 1.3x.
import pg from 'pg';
import pino from 'pino';
import { DEFAULT_POOL_SETTINGS } from '../src/db/pool.ts';
import { checksUpTo } from '../src/probe/registry.ts';
import { runDoctor } from '../src/probe/doctor.ts';
import { runSequence, type ProbeRunOptions } from '../src/probe/run.ts';
import { resolveTarget } from '../src/probe/target.ts';
import { startCluster } from '../test/support/cluster.ts';
import { bestMeanMs } from './harness.ts';

const ROUNDS = 7;
const PER_ROUND = 10;
const GOAL = 1.3;

const cluster = await startCluster();
const options = (): ProbeRunOptions => ({
  target: resolveTarget({ url: cluster.url(), source: 'DATABASE_URL' }),
  logger: pino({ level: 'silent' }),
  pool: DEFAULT_POOL_SETTINGS,
  allowWrites: false,
  expectedTables: [],
  timeoutMs: 15_000,
  sampleIntervalMs: 1_000,
});
const upToSelect1 = checksUpTo('select_1').map((check) => ({ check }));

async function probeToSelect1(): Promise<void> {
  const run = await runSequence(upToSelect1, options());
  if (run.results.some((result) => result.status === 'fail')) throw new Error(JSON.stringify(run.results));
}

async function bareConnectSelect1(): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.url() });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}

try {
  const [{ server_version: version } = { server_version: '?' }] = await cluster.query<{ server_version: string }>('show server_version');
  console.log(`probe bench: PostgreSQL ${version} on loopback (scram-sha-256, no TLS), Node ${process.version}, best of ${ROUNDS} rounds of ${PER_ROUND}`);
  const [bare = 0, probe = 0] = await bestMeanMs([bareConnectSelect1, probeToSelect1], { rounds: ROUNDS, callsPerRound: PER_ROUND, warmupCalls: 1 });
  const ratio = probe / bare;
  console.log(`  bare pg connect + SELECT 1        ${bare.toFixed(2)} ms  (baseline)`);
  console.log(`  probe up to select_1 (6 layers)   ${probe.toFixed(2)} ms  ${ratio.toFixed(2)}x  goal <= ${GOAL}x: ${ratio <= GOAL ? 'met' : 'NOT met'}`);
  const doctorRuns: number[] = [];
  for (let i = 0; i < 3; i++) doctorRuns.push((await runDoctor(options())).timings.total ?? Number.NaN);
  const doctorMs = Math.min(...doctorRuns);
  console.log(`  whole doctor run (read-only)      ${doctorMs} ms  ${(doctorMs / bare).toFixed(1)}x the bare connect (includes the slots check's 1 s between samples)`);
} finally {
  await cluster.stop();
}
