import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthCheck } from '../../../src/db/health-check.ts';
import { captureLogs } from '../../support/log-capture.ts';
import { freePort } from '../../support/ports.ts';
import { usePoolsOnCluster } from '../../support/pools.ts';

const fx = usePoolsOnCluster();
const { poolFor } = fx;

test('a reachable database passes with its server version and latency, in one log line', async () => {
  const logs = captureLogs();
  const result = await healthCheck(poolFor('healthy', {}, logs.logger));
  const [version] = await fx.cluster.query<{ server_version: string }>('show server_version');
  assert.equal(result.ok, true);
  assert.equal(result.serverVersion, version?.server_version);
  assert.ok(result.latencyMs >= 0);
  const lines = logs.lines().filter((line) => /health check/.test(String(line.msg)));
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0]?.msg, lines[0]?.pool, lines[0]?.level], ['database health check passed', 'healthy', 30]);
});

test('an unreachable database fails with the error code, logged once without the password', async () => {
  const logs = captureLogs();
  const closedPort = await freePort();
  const url = fx.cluster.url().replace(`:${fx.cluster.port}/`, `:${closedPort}/`);
  const result = await healthCheck(poolFor('unreachable', { connectionString: url, retryMaxAttempts: 1 }, logs.logger));
  assert.equal(result.ok, false);
  assert.equal(result.error?.code, 'ECONNREFUSED');
  assert.equal(result.serverVersion, undefined);
  const lines = logs.lines().filter((line) => /health check/.test(String(line.msg)));
  assert.deepEqual(lines.map((line) => [line.msg, line.level]), [['database health check failed', 50]]);
  assert.equal(logs.text().includes(fx.cluster.password), false);
});
