// One real cluster per test file and the ResilientPools a test opens on it,
// all ended and stopped after the file.
import { after, before } from 'node:test';
import type pino from 'pino';
import { createPool, DEFAULT_POOL_SETTINGS, type PoolSettings, type ResilientPool } from '../../src/db/pool.ts';
import { startCluster, type ClusterOptions, type TestCluster } from './cluster.ts';
import { captureLogs, type CapturedLogs } from './log-capture.ts';

export interface PoolsOnCluster {
  readonly cluster: TestCluster;
  readonly logs: CapturedLogs;
  poolFor(name: string, overrides?: Partial<PoolSettings>, logger?: pino.Logger): ResilientPool;
}

export function usePoolsOnCluster(options: ClusterOptions = {}): PoolsOnCluster {
  let cluster: TestCluster | undefined;
  const logs = captureLogs();
  const pools: ResilientPool[] = [];
  before(async () => {
    cluster = await startCluster(options);
  });
  after(async () => {
    await Promise.all(pools.filter((pool) => !pool.ending).map((pool) => pool.end()));
    await cluster?.stop();
  });
  const started = (): TestCluster => {
    if (cluster === undefined) throw new Error('the cluster starts in before()');
    return cluster;
  };
  return {
    get cluster() {
      return started();
    },
    logs,
    poolFor(name, overrides = {}, logger = logs.logger) {
      const pool = createPool({ ...DEFAULT_POOL_SETTINGS, name, connectionString: started().url(), ...overrides }, { logger });
      pools.push(pool);
      return pool;
    },
  };
}

/** Opens `count` connections at once and returns them all to the pool. */
export async function warm(pool: ResilientPool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  for (const client of clients) client.release();
}
