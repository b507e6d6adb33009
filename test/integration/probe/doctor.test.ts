// The doctor and the sanity sequence on a healthy cluster: every layer
// passes, writes happen only when allowed and leave nothing behind.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { check, probeFor, probeLeftovers, probeSessions } from '../../support/probe.ts';

let cluster: TestCluster;
before(async () => {
  cluster = await startCluster();
  await cluster.query('CREATE TABLE public.users (id int)');
});
after(async () => {
  await cluster?.stop();
});

test('a healthy cluster with writes allowed passes every check and leaves no object or session behind', async () => {
  const report = await probeFor(cluster.url(), { allowWrites: true, expectedTables: ['public.users', 'users'] }).doctor();
  assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => c.status !== 'pass'), null, 2));
  assert.deepEqual(report.target, { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres' });
  assert.ok(!JSON.stringify(report).includes(cluster.password));
  assert.deepEqual(
    report.checks.map((c) => [c.id, c.status]),
    [
      ['configuration', 'pass'], ['dns', 'pass'], ['tcp', 'pass'], ['tls', 'pass'], ['startup_auth', 'pass'], ['cold_start', 'pass'],
      ['select_1', 'pass'], ['server_facts', 'pass'], ['connection_slots', 'pass'], ['schema', 'pass'], ['schema_create', 'pass'],
      ['round_trip', 'pass'], ['restart_reread', 'pass'], ['stale_pool', 'pass'],
    ],
  );
  assert.equal(check(report.checks, 'startup_auth').observed.method, 'SCRAM-SHA-256');
  assert.deepEqual(check(report.checks, 'schema').observed.found, ['public.users', 'users']);
  assert.equal(check(report.checks, 'server_facts').observed.maxConnections, 100);
  assert.equal(check(report.checks, 'round_trip').observed.readFromSecondConnection, true);
  assert.equal(check(report.checks, 'restart_reread').observed.rowReadBack, true);
  const stale = check(report.checks, 'stale_pool').observed as { plainPool: { failed: boolean; family?: string }; prePingPool: { recovered: boolean } };
  assert.deepEqual([stale.plainPool.failed, stale.plainPool.family, stale.prePingPool.recovered], [true, 'stale_connection', true]);
  for (const phase of ['tcp', 'tls', 'auth', 'firstQuery', 'freshConnection', 'pooledQuery', 'total']) {
    assert.equal(typeof report.timings[phase], 'number', phase);
  }
  assert.match(report.cleanup.dropped ?? '', /^pgtriage_probe_[0-9a-f]{8}$/);
  assert.deepEqual(await probeLeftovers(cluster), []);
  assert.equal(await probeSessions(cluster), 0);
});

test('without PROBE_ALLOW_WRITES the writing checks are skipped and nothing is created', async () => {
  const report = await probeFor(cluster.url()).doctor();
  assert.equal(report.ok, true);
  for (const id of ['schema_create', 'round_trip', 'restart_reread']) {
    assert.equal(check(report.checks, id).status, 'skip', id);
  }
  assert.match(check(report.checks, 'schema_create').message ?? '', /PROBE_ALLOW_WRITES/);
  assert.equal(report.cleanup.dropped, null);
  assert.deepEqual(await probeLeftovers(cluster), []);
});

test('the sanity sequence passes its five steps end to end with writes allowed, and drops its schema', async () => {
  const report = await probeFor(cluster.url(), { allowWrites: true }).sanity();
  assert.deepEqual(report.steps.map((s) => [s.id, s.status]), [
    ['health_check', 'pass'], ['schema_create', 'pass'], ['tables_exist', 'pass'], ['round_trip', 'pass'], ['restart_reread', 'pass'],
  ]);
  assert.equal(report.ok, true);
  assert.equal(check(report.steps, 'tables_exist').observed.probeTablePresent, true);
  assert.deepEqual(await probeLeftovers(cluster), []);
});

test('without writes the sanity sequence skips its writing steps and writes nothing', async () => {
  const report = await probeFor(cluster.url()).sanity();
  assert.deepEqual(report.steps.map((s) => [s.id, s.status]), [
    ['health_check', 'pass'], ['schema_create', 'skip'], ['tables_exist', 'pass'], ['round_trip', 'skip'], ['restart_reread', 'skip'],
  ]);
  assert.equal(report.ok, true);
  assert.deepEqual(await probeLeftovers(cluster), []);
});

test('a step failing after the schema was created still drops it', async () => {
  // The fresh process cannot read the row when the table is gone under it: restart_reread fails mid-run.
  const probe = probeFor(cluster.url(), { allowWrites: true });
  const report = await probe.sanity({
    onCheck: (result) => {
      if (result.id === 'round_trip') cluster.querySync(`DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pgtriage\\_probe\\_%' LOOP EXECUTE format('DROP TABLE %I.probe_row', s); END LOOP; END $$`);
    },
  });
  assert.equal(check(report.steps, 'round_trip').status, 'pass');
  assert.equal(check(report.steps, 'restart_reread').status, 'fail');
  assert.equal(check(report.steps, 'restart_reread').family, 'schema_missing');
  assert.equal(report.ok, false);
  assert.deepEqual(await probeLeftovers(cluster), []);
});
