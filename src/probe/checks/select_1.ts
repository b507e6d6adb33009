// The first query through the stack users run: a TypeORM DataSource on
// pgtriage's resilient pool. The second SELECT 1 reuses the pooled
// connection, for the fresh-against-pooled comparison.
import { performance } from 'node:perf_hooks';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

export const select1: ProbeCheck = {
  id: 'select_1',
  dependsOn: ['startup_auth'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const startedAt = performance.now();
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const rows = await session.guard(dataSource.query('SELECT 1 AS ok'), signal);
    const firstQueryMs = Math.round(performance.now() - startedAt);
    const pooledAt = performance.now();
    await session.guard(dataSource.query('SELECT 1 AS ok'), signal);
    const pooledQueryMs = Math.round((performance.now() - pooledAt) * 10) / 10;
    session.timings.firstQuery = firstQueryMs;
    session.timings.pooledQuery = pooledQueryMs;
    return { status: 'pass', observed: { result: rows[0]?.ok ?? null, via: 'TypeORM DataSource on the resilient pool', firstQueryMs, pooledQueryMs } };
  },
};
