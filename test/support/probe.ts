// The probe in-process against a test server, with the settings a test needs.
import { pino } from 'pino';
import { DEFAULT_POOL_SETTINGS } from '../../src/db/pool.ts';
import { createProbe, type Probe } from '../../src/probe/service.ts';
import type { CheckResult } from '../../src/probe/types.ts';
import type { TestCluster } from './cluster.ts';

export function probeFor(url: string, { allowWrites = false, expectedTables = [], timeoutMs = 15_000 }: { allowWrites?: boolean; expectedTables?: string[]; timeoutMs?: number } = {}): Probe {
  return createProbe(
    { url, source: 'DATABASE_URL', allowWrites, expectedTables, timeoutMs, pool: { ...DEFAULT_POOL_SETTINGS, retryMaxAttempts: 1 }, sampleIntervalMs: 50 },
    { logger: pino({ level: 'silent' }) },
  );
}

export function check(results: CheckResult[], id: string): CheckResult {
  const found = results.find((result) => result.id === id);
  if (!found) throw new Error(`no check ${id} in ${results.map((r) => r.id).join(', ')}`);
  return found;
}

/** Objects the probe may have left behind: schemas with its prefix, in every database of the cluster. */
export async function probeLeftovers(cluster: TestCluster, database = 'postgres'): Promise<string[]> {
  const rows = await cluster.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pgtriage\\_probe%'", [], database);
  return rows.map((row) => row.nspname);
}

/** The probe's sessions still open on the server. */
export async function probeSessions(cluster: TestCluster): Promise<number> {
  const rows = await cluster.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'pgtriage-probe%'");
  return rows[0]!.n;
}
