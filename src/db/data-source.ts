// Builds TypeORM DataSources over pgtriage's resilient pool; what they map
// (entities, migrations) is the caller's, so this layer knows nothing of the
// store's tables.
import type { Logger } from 'pino';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { PoolSettings, ResilientPool } from './pool.ts';
import { typeormDriverFor } from './typeorm-driver.ts';

export interface DataSourceSettings {
  pool: PoolSettings;
  entities: MixedList<EntitySchema>;
  migrations: MixedList<Function>;
  logger: Logger;
}

export function createDataSource(settings: DataSourceSettings): { dataSource: DataSource; pool: () => ResilientPool | undefined } {
  // The connection, its size and timeouts come from PoolSettings alone; TypeORM's
  // url/poolSize/extra would be ignored by this driver, so none are given.
  const driver = typeormDriverFor(settings.pool, { logger: settings.logger });
  const dataSource = new DataSource({
    type: 'postgres',
    driver,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'pgtriage_migrations',
    synchronize: false,
    logging: false,
  });
  return { dataSource, pool: () => driver.pools[0] };
}
