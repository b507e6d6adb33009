import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import type pg from 'pg';
import { PoolExhaustedError, type ResilientPool } from '../../../src/db/pool.ts';
import { usePoolsOnCluster, warm } from '../../support/pools.ts';

const fx = usePoolsOnCluster();
const { logs, poolFor } = fx;


/** pg_terminate_backend on every connection of one pool, while this process is frozen. */
function killBackendsWhileFrozen(poolName: string): void {
  fx.cluster.querySync(
    `select pg_terminate_backend(pid, 5000) from pg_stat_activity where application_name = 'pgtriage-${poolName}'`,
  );
}

/** Resolves once the pool has closed `count` connections. */
function removals(pool: ResilientPool, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onRemove = () => {
      if (++seen < count) return;
      pool.off('remove', onRemove);
      resolve();
    };
    pool.on('remove', onRemove);
  });
}

function isDeadConnectionError(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  // 57P01 is what Neon sends when it suspends a compute under an idle
  // connection too (neon.tech/docs/connect/connection-errors).
  return code === '57P01' || message === 'Connection terminated unexpectedly';
}

describe('pre-ping', () => {
  test('after every idle backend is killed, the next requests succeed with pre-ping', async () => {
    const pool = poolFor('preping-on', { poolSize: 3, maxOverflow: 0, prePingBypassMs: 0 });
    await warm(pool, 3);
    killBackendsWhileFrozen('preping-on');
    const results = await Promise.all([pool.query('select 1 as ok'), pool.query('select 2 as ok'), pool.query('select 3 as ok')]);
    assert.deepEqual(results.map((result) => result.rows[0]?.ok), [1, 2, 3]);
    assert.equal(pool.stats().prePingFailures, 3);
  });

  test('the same requests with pre-ping off fail the way users know, so it is the pre-ping that helps', async () => {
    const pool = poolFor('preping-off', { poolSize: 3, maxOverflow: 0, prePing: false });
    await warm(pool, 3);
    killBackendsWhileFrozen('preping-off');
    const results = await Promise.allSettled([pool.query('select 1'), pool.query('select 2'), pool.query('select 3')]);
    assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected', 'rejected']);
    for (const result of results) assert.ok(result.status === 'rejected' && isDeadConnectionError(result.reason), String((result as PromiseRejectedResult).reason));
    assert.deepEqual([pool.stats().prePings, pool.stats().retries], [0, 0]);
    // The dead clients were discarded on release: the pool works again.
    assert.equal((await pool.query('select 1 as ok')).rows[0]?.ok, 1);
  });

  test('inside the bypass window a connection is handed out without a ping', async () => {
    const pool = poolFor('preping-bypass', { poolSize: 1, maxOverflow: 0, prePingBypassMs: 60_000 });
    await warm(pool, 1);
    killBackendsWhileFrozen('preping-bypass');
    await assert.rejects(pool.query('select 1'), isDeadConnectionError);
    assert.equal(pool.stats().prePings, 0);
  });

  test('connect() pre-pings too and hands back a live client', async () => {
    const pool = poolFor('preping-connect', { poolSize: 1, maxOverflow: 0, prePingBypassMs: 0 });
    await warm(pool, 1);
    killBackendsWhileFrozen('preping-connect');
    const client = await pool.connect();
    try {
      assert.equal((await client.query('select 1 as ok')).rows[0]?.ok, 1);
    } finally {
      client.release();
    }
    assert.deepEqual([pool.stats().prePings, pool.stats().prePingFailures], [1, 1]);
  });
});

describe('server restarts and checked-out connections', () => {
  test('a request made while the server restarts is retried and succeeds, and so do the next ones', async () => {
    const pool = poolFor('restart', { poolSize: 2, maxOverflow: 0, retryMaxAttempts: 40, retryBaseDelayMs: 50, retryMaxDelayMs: 250 });
    await warm(pool, 2);
    let during: Promise<pg.QueryResult> | undefined;
    await fx.cluster.restart({ whileDown: () => { during = pool.query('select 1 as ok'); } });
    assert.equal((await during)?.rows[0]?.ok, 1);
    assert.ok(pool.stats().retries >= 1, 'the first connect, made while the server was down, was retried');
    const retried = logs.lines().filter((line) => line.pool === 'restart' && line.msg === 'connect failed; retrying');
    assert.equal(retried.length, pool.stats().retries);
    for (const line of retried) assert.match(String((line.error as { code?: string }).code), /^(ECONNREFUSED|57P03)$/);
    const after = await Promise.all([pool.query('select 1 as ok'), pool.query('select 1 as ok')]);
    assert.deepEqual(after.map((result) => result.rows[0]?.ok), [1, 1]);
  });

  test('a connection killed mid-query fails that request only; the process lives and the pool recovers', async () => {
    const pool = poolFor('mid-query', { poolSize: 1, maxOverflow: 0 });
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    const failed = client.query('select pg_sleep(60)').then(() => undefined, (reason: Error) => reason);
    await fx.cluster.query('select pg_terminate_backend($1, 5000)', [pid]);
    const error = await failed;
    assert.ok(isDeadConnectionError(error), String(error));
    client.release(error);
    // The statement may have run: it is reported, never retried.
    assert.equal(pool.stats().retries, 0);
    assert.equal((await pool.query('select 1 as ok')).rows[0]?.ok, 1);
    assert.deepEqual([pool.totalCount, pool.idleCount], [1, 1]);
  });

  test('a connection killed while checked out and idle does not crash the process', async () => {
    const pool = poolFor('checked-out', { poolSize: 1, maxOverflow: 0 });
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    const lost = once(client, 'error');
    await fx.cluster.query('select pg_terminate_backend($1, 5000)', [pid]);
    await lost;
    client.release();
    assert.equal((await pool.query('select 1 as ok')).rows[0]?.ok, 1);
    assert.ok(logs.lines().some((line) => line.pool === 'checked-out' && line.msg === 'connection lost while checked out'));
  });
});

describe('sizing, lifetime and exhaustion', () => {
  test('overflow connections close once idle for overflowIdleMs (0: on release); poolSize stay for reuse', async () => {
    const pool = poolFor('overflow', { poolSize: 2, maxOverflow: 2, overflowIdleMs: 300 });
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
    assert.equal(pool.totalCount, 4);
    const removed = removals(pool, 2);
    for (const client of clients) client.release();
    // Kept idle at first, so a burst right after reuses them instead of opening new ones.
    assert.deepEqual([pool.totalCount, pool.idleCount], [4, 4]);
    await removed;
    assert.deepEqual([pool.totalCount, pool.idleCount], [2, 2]);

    const atOnce = poolFor('overflow-at-once', { poolSize: 2, maxOverflow: 2, overflowIdleMs: 0 });
    const held = await Promise.all(Array.from({ length: 4 }, () => atOnce.connect()));
    const closed = removals(atOnce, 2);
    for (const client of held) client.release();
    await closed;
    assert.deepEqual([atOnce.totalCount, atOnce.idleCount], [2, 2]);
  });

  test('steady writers above poolSize reuse overflow connections instead of reopening them', async () => {
    const pool = poolFor('overflow-reuse', { poolSize: 1, maxOverflow: 3 });
    let opened = 0;
    pool.on('connect', () => opened++);
    // Four writers, each releasing and checking out again at once, for 40 rounds.
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let round = 0; round < 40; round++) {
        const client = await pool.connect();
        await client.query('select 1');
        client.release();
      }
    }));
    assert.ok(opened <= 4, `opened ${opened} connections for 160 checkouts by 4 writers`);
  });

  test('connections past maxLifetimeSeconds are recycled and counted', async () => {
    const pool = poolFor('recycle', { poolSize: 2, maxOverflow: 0, maxLifetimeSeconds: 0.2 });
    const removed = removals(pool, 2);
    await warm(pool, 2);
    await removed;
    assert.deepEqual([pool.totalCount, pool.stats().recycles], [0, 2]);
    assert.equal((await pool.query('select 1 as ok')).rows[0]?.ok, 1);
  });

  test('a connection that outlives maxLifetimeSeconds while checked out is recycled on release; one closed for another cause is not counted', async () => {
    const pool = poolFor('recycle-held', { poolSize: 1, maxOverflow: 2, maxLifetimeSeconds: 0.2, prePing: false });
    const [kept, overflow, killed] = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    assert.ok(kept && overflow && killed);
    const [row] = (await killed.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    const lost = once(killed, 'error');
    await fx.cluster.query('select pg_terminate_backend($1)', [row?.pid]);
    await lost;
    // All three are past their lifetime now.
    await new Promise((done) => setTimeout(done, 300));
    const removed = removals(pool, 3);
    killed.release();
    overflow.release(new Error('the app saw a failure'));
    kept.release();
    await removed;
    assert.deepEqual([pool.totalCount, pool.stats().recycles], [0, 1]);
  });

  test('an exhausted pool fails with an error naming the pool and the wait, logged with a timestamp', async () => {
    // 1 s: the first connection must open within the budget on a loaded machine too.
    const pool = poolFor('exhaust', { poolSize: 1, maxOverflow: 0, connectionTimeoutMs: 1_000 });
    const held = await pool.connect();
    try {
      const error = await pool.connect().then(() => undefined, (reason: unknown) => reason);
      assert.ok(error instanceof PoolExhaustedError, String(error));
      assert.equal(error.code, 'PGT_ERR_POOL_EXHAUSTED');
      assert.match(error.message, /^pool "exhaust" exhausted: no connection became free after waiting \d+ ms \(all 1 in use\)/);
      assert.equal(error.message.includes(`${error.waitedMs} ms`), true);
      assert.equal(pool.stats().exhaustions, 1);
      const line = logs.lines().find((entry) => entry.pool === 'exhaust' && entry.code === 'PGT_ERR_POOL_EXHAUSTED');
      assert.ok(line, 'the exhaustion was logged');
      assert.equal(line.level, 50);
      assert.equal(line.waitedMs, error.waitedMs);
      assert.ok(!Number.isNaN(Date.parse(String(line.at))), `timestamp: ${String(line.at)}`);
    } finally {
      held.release();
    }
  });

  test('query() and connect() count checkouts; the snapshot shows the pool state', async () => {
    const pool = poolFor('stats', { poolSize: 2, maxOverflow: 0 });
    await pool.query('select 1');
    const client = await pool.connect();
    assert.deepEqual(pool.stats(), {
      total: 1, idle: 0, waiting: 0, checkouts: 2, prePings: 0, prePingFailures: 0, recycles: 0, retries: 0, exhaustions: 0,
    });
    client.release();
  });
});

describe('secrets', () => {
  test('the password appears in no log line, error or serialised pool', async () => {
    const pool = poolFor('secret', { poolSize: 1, maxOverflow: 0, connectionTimeoutMs: 1_000 });
    const held = await pool.connect();
    const exhausted = await pool.connect().then(() => undefined, (reason: unknown) => reason);
    held.release();
    const wrong = poolFor('secret-wrong', { connectionString: fx.cluster.url().replace(fx.cluster.password, `${fx.cluster.password}x`) });
    const refused = await wrong.query('select 1').then(() => undefined, (reason: unknown) => reason);
    assert.equal((refused as { code?: string }).code, '28P01');
    assert.ok(logs.lines().length > 10, 'the earlier tests logged');
    assert.equal(logs.text().includes(fx.cluster.password), false);
    for (const value of [exhausted, refused, pool.options, pool.settings]) {
      assert.equal(JSON.stringify(value).includes(fx.cluster.password), false);
    }
  });
});
