// The startup health check: one round trip through the pool, one log line.
import { performance } from 'node:perf_hooks';
import { describeError, type ResilientPool } from './pool.ts';

export interface HealthCheckResult {
  readonly ok: boolean;
  /** `SHOW server_version`, e.g. "17.6". */
  readonly serverVersion?: string;
  readonly latencyMs: number;
  readonly error?: { readonly code?: string; readonly message: string };
}

export async function healthCheck(pool: ResilientPool): Promise<HealthCheckResult> {
  const startedAt = performance.now();
  const elapsedMs = () => Math.round((performance.now() - startedAt) * 10) / 10;
  try {
    const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
    const result: HealthCheckResult = { ok: true, serverVersion: rows[0]?.server_version, latencyMs: elapsedMs() };
    pool.logger.info({ health: result }, 'database health check passed');
    return result;
  } catch (error) {
    const result: HealthCheckResult = { ok: false, latencyMs: elapsedMs(), error: describeError(error) };
    pool.logger.error({ health: result }, 'database health check failed');
    return result;
  }
}
