// TypeORM's PostgreSQL driver takes the `pg` module as its `driver` option and
// calls only `new driver.Pool(options)`, `driver.defaults` (for parseInt8) and
// `driver.native` (typeorm 1.x driver/postgres/PostgresDriver.js,
// loadDependencies and createPool). This object gives it a ResilientPool.
import pg from 'pg';
import { ResilientPool, type PoolDeps, type PoolSettings } from './pool.ts';

export interface TypeormPostgresDriver {
  /**
   * What TypeORM instantiates. The connection and pool options TypeORM builds
   * from its own `url`, `poolSize`, `connectTimeoutMS` and `extra` are
   * ignored: PoolSettings alone decide, as for every other pool.
   */
  readonly Pool: new (typeormOptions?: pg.PoolConfig) => ResilientPool;
  readonly defaults: typeof pg.defaults;
  readonly types: typeof pg.types;
  /** Every pool TypeORM built with this driver, e.g. for metrics and the health check. */
  readonly pools: readonly ResilientPool[];
}

export function typeormDriverFor(settings: PoolSettings, deps: PoolDeps): TypeormPostgresDriver {
  const pools: ResilientPool[] = [];
  class TypeormPool extends ResilientPool {
    constructor() {
      super(settings, deps);
      pools.push(this);
    }
  }
  // No `native` key: TypeORM would switch to pg-native when that is installed.
  return Object.freeze({ Pool: TypeormPool, defaults: pg.defaults, types: pg.types, pools });
}
