// Pool utilisation in Prometheus format (prom-client), read from
// ResilientPool.stats() at scrape time, one series per pool name.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PoolStats, ResilientPool } from './pool.ts';

type StatKey = keyof PoolStats;

const GAUGES: ReadonlyArray<[name: string, help: string, stat: StatKey]> = [
  ['pgtriage_pool_total', 'Open connections, checked out or idle.', 'total'],
  ['pgtriage_pool_idle', 'Open connections waiting in the pool.', 'idle'],
  ['pgtriage_pool_waiting', 'Checkouts queued for a free connection.', 'waiting'],
];

const COUNTERS: ReadonlyArray<[name: string, help: string, stat: StatKey]> = [
  ['pgtriage_pool_checkouts_total', 'Connections handed out by connect() or query().', 'checkouts'],
  ['pgtriage_pool_pre_pings_total', 'Pre-ping round trips made on checkout.', 'prePings'],
  ['pgtriage_pool_pre_ping_failures_total', 'Dead connections found by pre-ping and replaced.', 'prePingFailures'],
  ['pgtriage_pool_recycles_total', 'Connections closed for reaching maxLifetimeSeconds.', 'recycles'],
  ['pgtriage_pool_retries_total', 'Connect attempts repeated after a transient failure.', 'retries'],
  ['pgtriage_pool_exhaustions_total', 'Checkouts that gave up waiting for a free connection.', 'exhaustions'],
];

// prom-client refuses a metric name twice per registry, so every pool
// registered on one registry shares one set of metrics.
const poolsByRegistry = new WeakMap<Registry, Set<ResilientPool>>();

export function registerPoolMetrics(pool: ResilientPool, registry: Registry): void {
  let pools = poolsByRegistry.get(registry);
  if (!pools) {
    pools = new Set();
    poolsByRegistry.set(registry, pools);
    defineMetrics(registry, pools);
  }
  for (const other of pools) {
    if (other.settings.name === pool.settings.name) throw new Error(`a pool named "${pool.settings.name}" already has metrics in this registry`);
  }
  pools.add(pool);
}

function defineMetrics(registry: Registry, pools: ReadonlySet<ResilientPool>): void {
  for (const [name, help, stat] of GAUGES) {
    new Gauge({
      name, help, labelNames: ['pool'], registers: [registry],
      collect() {
        for (const pool of pools) this.set({ pool: pool.settings.name }, pool.stats()[stat]);
      },
    });
  }
  for (const [name, help, stat] of COUNTERS) {
    new Counter({
      name, help, labelNames: ['pool'], registers: [registry],
      // The pool owns the count; a scrape copies it.
      collect() {
        this.reset();
        for (const pool of pools) this.inc({ pool: pool.settings.name }, pool.stats()[stat]);
      },
    });
  }
}
