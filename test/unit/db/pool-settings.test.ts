// Settings are checked when the pool is built, before any connection is made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createPool, DEFAULT_POOL_SETTINGS, type PoolSettings } from '../../../src/db/pool.ts';

const logger = pino({ enabled: false });
const base: PoolSettings = { ...DEFAULT_POOL_SETTINGS, name: 'unit', connectionString: 'postgresql://app:s3cret@db.invalid:5432/app' };

test('the defaults are the lesson\'s free-tier starting point and stay under Neon\'s 300 s suspend', () => {
  assert.deepEqual(
    [DEFAULT_POOL_SETTINGS.poolSize, DEFAULT_POOL_SETTINGS.maxOverflow, DEFAULT_POOL_SETTINGS.prePing, DEFAULT_POOL_SETTINGS.maxLifetimeSeconds],
    [3, 5, true, 3600],
  );
  assert.ok(DEFAULT_POOL_SETTINGS.idleTimeoutMs < 300_000);
  assert.ok(Number.isFinite(DEFAULT_POOL_SETTINGS.connectionTimeoutMs) && DEFAULT_POOL_SETTINGS.connectionTimeoutMs > 0);
});

test('pool size plus overflow becomes node-postgres max, with keepalive and timeouts passed through', async () => {
  const pool = createPool(base, { logger });
  assert.deepEqual(
    [pool.options.max, pool.options.min, pool.options.idleTimeoutMillis, pool.options.connectionTimeoutMillis, pool.options.maxLifetimeSeconds, pool.options.keepAlive],
    [8, 0, 240_000, 10_000, 3600, true],
  );
  await pool.end();
});

const invalid: Array<[keyof PoolSettings, unknown, RegExp]> = [
  ['connectionTimeoutMs', 0, /connectionTimeoutMs must be a finite number above 0/],
  ['connectionTimeoutMs', Number.POSITIVE_INFINITY, /connectionTimeoutMs must be a finite number above 0/],
  ['poolSize', 0, /poolSize must be a finite number above 0/],
  ['maxOverflow', -1, /maxOverflow must be a finite number of 0 or more/],
  ['idleTimeoutMs', Number.NaN, /idleTimeoutMs must be a finite number of 0 or more/],
  ['retryMaxAttempts', 0, /retryMaxAttempts must be a finite number above 0/],
  ['name', '', /name must not be empty/],
  ['connectionString', '', /pool "unit" needs a connectionString/],
];
for (const [key, value, message] of invalid) {
  test(`a pool with ${key} = ${String(value)} is refused with a message naming the setting`, () => {
    assert.throws(() => createPool({ ...base, [key]: value }, { logger }), (error: Error) => error instanceof RangeError && message.test(error.message));
  });
}

test('the connection string, which holds the password, is not enumerable on the pool', async () => {
  const pool = createPool(base, { logger });
  assert.equal(JSON.stringify(pool.settings).includes('s3cret'), false);
  assert.equal(JSON.stringify(pool.options).includes('s3cret'), false);
  assert.equal(pool.settings.connectionString, base.connectionString);
  await pool.end();
});
