// The server's own idle limit (idle_session_timeout, PostgreSQL 14+) closes
// pooled connections, as a proxy's or Neon's suspend does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usePoolsOnCluster, warm } from '../../support/pools.ts';

const fx = usePoolsOnCluster({ settings: { idle_session_timeout: '1s' } });
const { logs, poolFor } = fx;


test('connections expired by idle_session_timeout while the app was frozen are replaced by pre-ping', async () => {
  const pool = poolFor('idle-frozen', { poolSize: 2, maxOverflow: 0, prePingBypassMs: 0 });
  await warm(pool, 2);
  // Blocks this process until the server has closed both idle connections.
  fx.cluster.querySync(`DO $$ BEGIN
    LOOP
      PERFORM pg_stat_clear_snapshot();
      EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'pgtriage-idle-frozen');
      PERFORM pg_sleep(0.05);
    END LOOP;
  END $$`);
  assert.equal(pool.idleCount, 2, 'the pool has not noticed yet');
  const results = await Promise.all([pool.query('select 1 as ok'), pool.query('select 2 as ok')]);
  assert.deepEqual(results.map((result) => result.rows[0]?.ok), [1, 2]);
  assert.equal(pool.stats().prePingFailures, 2);
});

test('connections expired by idle_session_timeout while the app runs are dropped quietly, and the next request succeeds', async () => {
  const pool = poolFor('idle-running', { poolSize: 2, maxOverflow: 0 });
  await warm(pool, 2);
  // pg-pool emits 'error' once per idle client the server closes.
  await new Promise<void>((resolve) => {
    let closed = 0;
    pool.on('error', () => {
      if (++closed === 2) resolve();
    });
  });
  assert.equal(pool.totalCount, 0);
  assert.equal((await pool.query('select 1 as ok')).rows[0]?.ok, 1);
  const closedLines = logs.lines().filter((line) => line.pool === 'idle-running' && line.msg === 'idle connection closed by the server or network');
  assert.equal(closedLines.length, 2);
  assert.deepEqual(closedLines[0]?.error, { code: '57P05', message: 'terminating connection due to idle-session timeout' });
});
