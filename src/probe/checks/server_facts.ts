// What the server is and the limits it sets on sessions. Settings come from
// pg_settings in their base unit (ms for the timeouts). Neon is recognised by
// its host name (src/connstr/neon.ts) or by its own `neon.*` settings.
import { readNeonHost } from '../../connstr/neon.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';

const SETTINGS = [
  'max_connections',
  'superuser_reserved_connections',
  // PostgreSQL 16 and later (runtime-config-connection.html).
  'reserved_connections',
  'idle_session_timeout',
  'idle_in_transaction_session_timeout',
  'statement_timeout',
] as const;

export const serverFacts: ProbeCheck = {
  id: 'server_facts',
  dependsOn: ['select_1'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const [version] = await session.guard(
      dataSource.query(`SELECT version() AS version, current_setting('server_version') AS server_version,
        EXISTS (SELECT 1 FROM pg_settings WHERE name LIKE 'neon.%') AS neon_settings,
        extract(epoch FROM now() - pg_postmaster_start_time())::int AS uptime_seconds,
        (SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user) AS role_connection_limit,
        (SELECT count(*)::int FROM pg_stat_activity WHERE usename = current_user) AS role_sessions`),
      signal,
    );
    const rows: { name: string; setting: string }[] = await session.guard(
      dataSource.query('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [[...SETTINGS]]),
      signal,
    );
    const value = (name: (typeof SETTINGS)[number]) => {
      const row = rows.find((r) => r.name === name);
      return row === undefined ? null : Number(row.setting);
    };
    const maxConnections = value('max_connections') ?? 0;
    const superuserReserved = value('superuser_reserved_connections') ?? 0;
    const reserved = value('reserved_connections') ?? 0;
    const usableSlots = Math.max(0, maxConnections - superuserReserved - reserved);
    session.facts = { maxConnections, usableSlots };
    const idleSessionTimeoutMs = value('idle_session_timeout');
    const observed = {
      version: version.version,
      serverVersion: version.server_version,
      isNeon: readNeonHost(session.settings.host) !== undefined || version.neon_settings === true,
      maxConnections,
      superuserReservedConnections: superuserReserved,
      reservedConnections: value('reserved_connections'),
      usableSlots,
      idleSessionTimeoutMs,
      idleInTransactionSessionTimeoutMs: value('idle_in_transaction_session_timeout'),
      statementTimeoutMs: value('statement_timeout'),
      uptimeSeconds: version.uptime_seconds,
      // -1: no limit of the role's own (CREATE ROLE ... CONNECTION LIMIT).
      roleConnectionLimit: version.role_connection_limit,
      roleSessions: version.role_sessions,
    };
    const poolIdleMs = session.options.pool.idleTimeoutMs;
    if (idleSessionTimeoutMs !== null && idleSessionTimeoutMs > 0 && idleSessionTimeoutMs <= poolIdleMs) {
      return {
        status: 'warn',
        observed: { ...observed, poolIdleTimeoutMs: poolIdleMs },
        message:
          `the server ends sessions idle for ${idleSessionTimeoutMs} ms (idle_session_timeout) while pools here keep idle connections up to ${poolIdleMs} ms: ` +
          'a pooled connection dies under the app. Keep the pool\'s idle timeout below the server\'s (POOL_IDLE_TIMEOUT_MS, pg idleTimeoutMillis, SQLAlchemy pool_recycle) and keep pre-ping on',
        family: 'stale_connection',
      };
    }
    return { status: 'pass', observed };
  },
};
