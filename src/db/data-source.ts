// Builds TypeORM DataSources; what they map (entities, migrations) is the
// caller's, so this layer knows nothing of the store's tables.
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface DataSourceSettings {
  url: string;
  entities: MixedList<EntitySchema>;
  migrations: MixedList<Function>;
  /** Pool size for this DataSource. */
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'pgtriage_migrations',
    synchronize: false,
    logging: false,
    poolSize: settings.poolSize ?? 5,
    applicationName: settings.applicationName ?? 'pgtriage',
    extra: { connectionTimeoutMillis: 10_000, keepAlive: true },
  });
}
