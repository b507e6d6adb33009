import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, readEnvironment } from '../../src/config.ts';

test('with nothing set, the defaults the README documents apply', () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, null);
  assert.equal(config.storeUrl, null);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 3000);
  assert.equal(config.token, null);
  assert.equal(config.probeAllowWrites, false);
  assert.deepEqual(config.probeExpectedTables, []);
  assert.equal(config.probeTimeoutMs, 15_000);
  assert.ok(Object.isFrozen(config));
  assert.deepEqual([config.pool.poolSize, config.pool.maxOverflow, config.pool.prePing, config.pool.maxLifetimeSeconds], [3, 5, true, 3600]);
  assert.deepEqual(config.openai, { apiKey: null, baseUrl: null, model: 'gpt-4o-mini', timeoutMs: 15000 });
});

test('pool settings come from POOL_* variables', () => {
  const config = loadConfig({ POOL_SIZE: '10', POOL_MAX_OVERFLOW: '0', POOL_PRE_PING: 'false', POOL_RECYCLE_SECONDS: '1800' });
  assert.deepEqual([config.pool.poolSize, config.pool.maxOverflow, config.pool.prePing, config.pool.maxLifetimeSeconds], [10, 0, false, 1800]);
});

const bad: [Record<string, string>, string, RegExp][] = [
  [{ PORT: 'eighty' }, 'PORT', /whole number/],
  [{ PORT: '70000' }, 'PORT', /whole number/],
  [{ HOST: '0.0.0.0' }, 'PGTRIAGE_TOKEN', /required when HOST is not a loopback/],
  [{ PGTRIAGE_TOKEN: 'short' }, 'PGTRIAGE_TOKEN', /shorter than 16/],
  [{ PROBE_ALLOW_WRITES: 'maybe' }, 'PROBE_ALLOW_WRITES', /true or false/],
  [{ PROBE_EXPECTED_TABLES: 'users;drop' }, 'PROBE_EXPECTED_TABLES', /not a table name/],
  [{ PROBE_TIMEOUT_MS: '500' }, 'PROBE_TIMEOUT_MS', /at least 1000/],
  [{ STORE_URL: 'mysql://u:hunter2secret@h/db' }, 'STORE_URL', /postgresql:\/\//],
  [{ STORE_URL: 'postgresql://u:p#ss hunter2secret@h:99999/db' }, 'STORE_URL', /percent-encode/],
  [{ OPENAI_BASE_URL: 'ftp://x' }, 'OPENAI_BASE_URL', /http/],
  [{ OPENAI_TIMEOUT_MS: '15s' }, 'OPENAI_TIMEOUT_MS', /whole number/],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
  [{ POOL_SIZE: '0' }, 'POOL_SIZE', /at least 1/],
  [{ POOL_CONNECT_TIMEOUT_MS: '10s' }, 'POOL_CONNECT_TIMEOUT_MS', /whole number/],
  [{ POOL_PRE_PING: 'sometimes' }, 'POOL_PRE_PING', /true or false/],
];
for (const [env, variable, fix] of bad) {
  test(`a bad ${variable} stops the start with one line naming it and the fix, without the value`, () => {
    assert.throws(() => loadConfig(env), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, variable);
      assert.ok(error.message.startsWith(`${variable}: `));
      assert.match(error.message, fix);
      assert.ok(!error.message.includes('\n'));
      assert.ok(!error.message.includes('hunter2secret'));
      return true;
    });
  });
}

test('a broken DATABASE_URL is accepted at start: diagnosing it is the point', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgresql://u:p#ss@h/db' }).databaseUrl, 'postgresql://u:p#ss@h/db');
});

test('.env is read, and the real environment wins over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtriage-env-'));
  try {
    writeFileSync(join(dir, '.env'), 'PORT=4100\nHOST=127.0.0.2\n');
    const env = readEnvironment({ cwd: dir, env: { PORT: '4200' } });
    const config = loadConfig(env, { cwd: dir });
    assert.equal(config.port, 4200);
    assert.equal(config.host, '127.0.0.2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
