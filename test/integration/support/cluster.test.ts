import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startCluster, type TestCluster } from '../../support/cluster.ts';

let cluster: TestCluster;
before(async () => {
  cluster = await startCluster({ settings: { max_connections: '7' } });
});
after(async () => {
  await cluster.stop();
});

test('a test cluster answers on loopback with the settings it was given', async () => {
  const [row] = await cluster.query<{ max_connections: string }>('show max_connections');
  assert.equal(row?.max_connections, '7');
});

test('a test cluster comes back on the same port after a restart', async () => {
  await cluster.query('create table if not exists survives (id int)');
  await cluster.restart();
  const rows = await cluster.query("select to_regclass('public.survives') as t");
  assert.equal(rows[0]?.t, 'survives');
});

test('a test cluster rejects a wrong password with SQLSTATE 28P01', async () => {
  const client = new pg.Client({ connectionString: cluster.url().replace(cluster.password, 'wrong') });
  await assert.rejects(client.connect(), (error: { code?: string }) => error.code === '28P01');
});
