// The stale-pool demonstration: one connection in a plain pg.Pool and one in
// pgtriage's pre-ping pool, both idle; the app "freezes" (their sockets stop
// being read, as a suspended serverless function or a blocked event loop
// does), the server terminates both backends (the probe's own, by pid), then
// the app wakes and queries. The plain pool hands out the dead connection and
// the query fails (57P01); the pre-ping pool tests it first and replaces it.
import pg from 'pg';
import { createPool, type ResilientPool } from '../../db/pool.ts';
import { errorTextOf } from '../error-text.ts';
import { destroyClient, PROBE_APPLICATION_NAME } from '../session.ts';
import { nodePostgresUrl } from '../target.ts';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { triage } from '../../triage/classify.ts';

const GONE_POLL_MS = 25;

export const stalePool: ProbeCheck = {
  id: 'stale_pool',
  dependsOn: ['select_1'],
  async run({ session, signal, timeoutMs, target, log }): Promise<CheckOutcome> {
    const dataSource = await session.dataSource({ timeoutMs, signal });
    const plainConfig = session.clientConfig({ timeoutMs, applicationName: `${PROBE_APPLICATION_NAME}-stale-plain` });
    const plain = new pg.Pool(Object.assign(plainConfig, { max: 1, idleTimeoutMillis: 0 }));
    plain.on('error', () => {});
    const prePing: ResilientPool = createPool(
      {
        ...session.options.pool,
        name: 'probe-stale',
        connectionString: nodePostgresUrl(session.settings, session.tlsDecision),
        poolSize: 1,
        maxOverflow: 0,
        prePing: true,
        prePingBypassMs: 0,
        retryMaxAttempts: 1,
        connectionTimeoutMs: Math.max(1, Math.round(timeoutMs)),
      },
      { logger: log },
    );
    const onAbort = () => [plain, prePing].forEach((pool) => clientsOf(pool).forEach(destroyClient));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const pids = [await backendPid(plain), await backendPid(prePing)];
      const sockets = [plain, prePing].map((pool) => clientsOf(pool)[0]!.connection.stream);
      sockets.forEach((socket) => socket.pause());
      await session.guard(dataSource.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]), signal);
      while (Number((await session.guard(dataSource.query('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids]), signal))[0].n) > 0) {
        await new Promise((resolve) => setTimeout(resolve, GONE_POLL_MS));
      }
      // The plain pool hands out its idle client before any byte of the termination is read.
      const client = await plain.connect();
      const dead = client.query('SELECT 1');
      sockets[0]!.resume();
      let plainError: unknown = null;
      await dead.catch((error) => (plainError = error));
      client.release(plainError ? (plainError as Error) : undefined);
      sockets[1]!.resume();
      let prePingError: unknown = null;
      await session.guard(prePing.query('SELECT 1'), signal).catch((error) => (prePingError = error));
      const plainText = plainError ? errorTextOf(plainError, target) : null;
      const observed = {
        terminatedPids: pids,
        plainPool: plainText ? { failed: true, error: plainText, family: triage(plainText).family } : { failed: false },
        prePingPool: prePingError ? { recovered: false, error: errorTextOf(prePingError, target) } : { recovered: true, prePingFailures: prePing.stats().prePingFailures },
      };
      if (prePingError) {
        return { status: 'fail', observed, message: 'the pre-ping pool did not recover from a terminated connection', errorText: errorTextOf(prePingError, target) };
      }
      return { status: 'pass', observed, message: plainText ? 'a plain pool handed out a dead connection and failed; the pre-ping pool replaced it and answered' : 'the pre-ping pool answered after its connection was terminated' };
    } finally {
      signal.removeEventListener('abort', onAbort);
      await Promise.all([plain.end().catch(() => {}), prePing.end().catch(() => {})]);
    }
  },
};

async function backendPid(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query('SELECT pg_backend_pid() AS pid');
  return rows[0].pid as number;
}

function clientsOf(pool: pg.Pool): (pg.Client & { connection: { stream: import('node:net').Socket } })[] {
  return (pool as unknown as { _clients: (pg.Client & { connection: { stream: import('node:net').Socket } })[] })._clients;
}
