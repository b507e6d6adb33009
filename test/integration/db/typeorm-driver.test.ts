import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataSource } from 'typeorm';
import { DEFAULT_POOL_SETTINGS, ResilientPool, type PoolSettings } from '../../../src/db/pool.ts';
import { typeormDriverFor, type TypeormPostgresDriver } from '../../../src/db/typeorm-driver.ts';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { captureLogs } from '../../support/log-capture.ts';

let cluster: TestCluster;
const logs = captureLogs();
const dataSources: DataSource[] = [];

before(async () => {
  cluster = await startCluster();
});
after(async () => {
  await Promise.all(dataSources.filter((dataSource) => dataSource.isInitialized).map((dataSource) => dataSource.destroy()));
  await cluster.stop();
});

async function dataSourceFor(name: string, overrides: Partial<PoolSettings> = {}): Promise<{ dataSource: DataSource; driver: TypeormPostgresDriver }> {
  const driver = typeormDriverFor({ ...DEFAULT_POOL_SETTINGS, name, connectionString: cluster.url(), ...overrides }, { logger: logs.logger });
  const dataSource = new DataSource({ type: 'postgres', driver, entities: [], synchronize: false, logging: false });
  dataSources.push(dataSource);
  await dataSource.initialize();
  return { dataSource, driver };
}

/** Opens `count` connections through TypeORM query runners and returns them. */
async function warm(dataSource: DataSource, count: number): Promise<void> {
  const runners = Array.from({ length: count }, () => dataSource.createQueryRunner());
  await Promise.all(runners.map((runner) => runner.connect()));
  await Promise.all(runners.map((runner) => runner.release()));
}

function killBackendsWhileFrozen(poolName: string): void {
  cluster.querySync(`select pg_terminate_backend(pid, 5000) from pg_stat_activity where application_name = 'pgtriage-${poolName}'`);
}

test('a TypeORM DataSource on the resilient pool survives pg_terminate_backend of its idle connections', async () => {
  const { dataSource, driver } = await dataSourceFor('typeorm', { poolSize: 2, maxOverflow: 0, prePingBypassMs: 0 });
  const [pool] = driver.pools;
  assert.ok(pool instanceof ResilientPool);
  await warm(dataSource, 2);
  assert.equal(pool.idleCount, 2);
  killBackendsWhileFrozen('typeorm');
  const rows = await Promise.all([dataSource.query('select 1 as ok'), dataSource.query('select 2 as ok')]);
  assert.deepEqual(rows.map(([row]) => row.ok), [1, 2]);
  assert.equal(pool.stats().prePingFailures, 2);
  // A transaction, through TypeORM's query runner, works as well.
  const inTransaction = await dataSource.transaction((manager) => manager.query('select 3 as ok'));
  assert.equal(inTransaction[0]?.ok, 3);
});

test('the same DataSource with pre-ping off fails after the kill, so it is the pre-ping that helps', async () => {
  const { dataSource } = await dataSourceFor('typeorm-off', { poolSize: 1, maxOverflow: 0, prePing: false });
  await warm(dataSource, 1);
  killBackendsWhileFrozen('typeorm-off');
  await assert.rejects(dataSource.query('select 1'), /terminating connection due to administrator command|Connection terminated unexpectedly/);
});
