// The fault matrix (issue #8): each fault reproduced against a real server
// started here, and reported at the right layer with the family its real
// error text triages to; the layers above it are skipped with the reason.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { CheckResult } from '../../../src/probe/types.ts';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { freePort } from '../../support/ports.ts';
import { check, probeFor, probeLeftovers } from '../../support/probe.ts';
import { cookieClient, startTestService } from '../../support/service.ts';

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The first failing check, and that everything that depends on it was skipped. */
function failedAt(checks: CheckResult[], id: string, family: string): CheckResult {
  const failed = checks.filter((c) => c.status === 'fail');
  assert.equal(failed[0]?.id, id, JSON.stringify(checks.map((c) => [c.id, c.status, c.message]), null, 1));
  assert.equal(failed[0]!.family, family, failed[0]!.message);
  const after = checks.slice(checks.indexOf(failed[0]!) + 1);
  assert.ok(after.every((c) => c.status === 'skip'), JSON.stringify(after.map((c) => [c.id, c.status])));
  assert.match(after[0]?.message ?? 'skipped', /skipped/);
  return failed[0]!;
}

describe('on a scram-sha-256 server without TLS', () => {
  let cluster: TestCluster;
  before(async () => {
    // A role named in a trust line gets PostgreSQL's own "role does not exist"; under SCRAM the
    // server hides a missing role behind 28P01 (src/backend/libpq/auth.c, mock authentication).
    cluster = await startCluster({ hbaLines: ['local all all trust', 'host all nosuch 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256'] });
  });
  after(async () => {
    await cluster?.stop();
  });
  const url = (path = 'postgres', query = '') => cluster.url(path) + query;

  test('a wrong password fails at startup_auth with auth_failed and the server\'s 28P01', async () => {
    const report = await probeFor(url().replace(encodeURIComponent(cluster.password), 'wrong-password')).doctor();
    const failed = failedAt(report.checks, 'startup_auth', 'auth_failed');
    assert.match(failed.message ?? '', /password authentication failed for user "postgres" \(SQLSTATE 28P01\)/);
    assert.equal(failed.observed.method, 'SCRAM-SHA-256');
    assert.equal(report.ok, false);
  });

  test('a missing database fails at startup_auth with database_missing (3D000)', async () => {
    const failed = failedAt((await probeFor(url('no_such_db')).doctor()).checks, 'startup_auth', 'database_missing');
    assert.match(failed.message ?? '', /database "no_such_db" does not exist/);
  });

  test('a missing role fails at startup_auth with role_missing', async () => {
    const failed = failedAt((await probeFor(`postgresql://nosuch@127.0.0.1:${cluster.port}/postgres`).doctor()).checks, 'startup_auth', 'role_missing');
    assert.match(failed.message ?? '', /role "nosuch" does not exist/);
  });

  test('sslmode=require against a server without TLS fails at tls with ssl_unsupported', async () => {
    const failed = failedAt((await probeFor(url('postgres', '?sslmode=require')).doctor()).checks, 'tls', 'ssl_unsupported');
    assert.equal(failed.observed.serverOffersTls, false);
  });

  test('a missing table fails at schema with schema_missing, and the checks that need no table still run', async () => {
    const report = await probeFor(url(), { expectedTables: ['public.users'] }).doctor();
    const schema = check(report.checks, 'schema');
    assert.equal(schema.status, 'fail');
    assert.equal(schema.family, 'schema_missing');
    assert.match(String(schema.observed.error), /relation "public.users" does not exist \(SQLSTATE 42P01\)/);
    assert.equal(check(report.checks, 'server_facts').status, 'pass');
    assert.equal(report.ok, false);
  });

  test('a closed port fails at tcp with cannot_connect', async () => {
    const port = await freePort();
    const failed = failedAt((await probeFor(`postgresql://postgres:not-the-password@127.0.0.1:${port}/postgres`).doctor()).checks, 'tcp', 'cannot_connect');
    assert.match(failed.message ?? '', /ECONNREFUSED/);
  });

  test('a host under .invalid fails at dns with cannot_connect', async () => {
    const failed = failedAt((await probeFor('postgresql://postgres:not-the-password@db.invalid/postgres').doctor()).checks, 'dns', 'cannot_connect');
    assert.match(failed.message ?? '', /getaddrinfo (ENOTFOUND|EAI_AGAIN) db\.invalid/);
  });

  test('a connection string libpq cannot read fails at configuration with url_malformed, without echoing the password', async () => {
    const report = await probeFor('postgresql://app:s3cretFAKEpw@host/db?sslmode=require&nonsense=1').doctor();
    const failed = failedAt(report.checks, 'configuration', 'url_malformed');
    assert.match(failed.message ?? '', /invalid URI query parameter: "nonsense"/);
    assert.ok(!JSON.stringify(report).includes('s3cretFAKEpw'));
  });
});

describe('a server that accepts TCP and never answers', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  before(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  test('is bounded by connect_timeout and fails at tls with connect_timeout', { timeout: 60_000 }, async () => {
    const report = await probeFor(`postgresql://postgres:not-the-password@127.0.0.1:${port}/postgres?connect_timeout=2`).doctor();
    assert.equal(check(report.checks, 'tcp').status, 'pass');
    const failed = failedAt(report.checks, 'tls', 'connect_timeout');
    assert.match(failed.message ?? '', /timeout expired/);
  });

  test('through the service: at most two runs at once, a third is refused, and other requests are answered meanwhile', { timeout: 120_000 }, async () => {
    const store = await startCluster();
    const service = await startTestService({ STORE_URL: store.url(), DATABASE_URL: `postgresql://postgres:not-the-password@127.0.0.1:${port}/postgres?sslmode=disable`, PROBE_TIMEOUT_MS: '4000' });
    try {
      const client = cookieClient(service.url);
      const dialled = sockets.size;
      const running = [client.request('POST', '/api/doctor', {}), client.request('POST', '/api/doctor', {})];
      // Each run dials twice (tcp, then tls, which hangs): both are in flight.
      await waitFor(() => sockets.size >= dialled + 4);
      const third = await client.request('POST', '/api/doctor', {});
      assert.equal(third.status, 429);
      assert.equal(third.json.code, 'PGT_ERR_PROBE_BUSY');
      assert.equal((await client.request('GET', '/healthz')).status, 200);
      assert.equal((await client.request('POST', '/api/triage', { text: 'FATAL: sorry, too many clients already' })).json.family, 'too_many_connections');
      for (const answer of await Promise.all(running)) {
        assert.equal(answer.status, 200);
        assert.equal(answer.json.ok, false);
        assert.equal(answer.json.checks.find((c: CheckResult) => c.status === 'fail').family, 'connect_timeout');
      }
    } finally {
      await service.close();
      await store.stop();
    }
  });

  test('with sslmode=disable too, bounded by the probe\'s own budget', { timeout: 60_000 }, async () => {
    const report = await probeFor(`postgresql://postgres:not-the-password@127.0.0.1:${port}/postgres?sslmode=disable`, { timeoutMs: 3_000 }).doctor();
    const failed = report.checks.find((c) => c.status === 'fail')!;
    assert.ok(['tls', 'startup_auth'].includes(failed.id), failed.id);
    assert.equal(failed.family, 'connect_timeout');
  });
});

describe('on a server whose pg_hba.conf accepts only TLS, with a self-signed certificate', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster({ ssl: true, hbaLines: ['local all all trust', 'hostssl all all 127.0.0.1/32 scram-sha-256'] });
  });
  after(async () => {
    await cluster?.stop();
  });
  const base = () => `postgresql://postgres:${encodeURIComponent(cluster.password)}@127.0.0.1:${cluster.port}/postgres`;

  test('sslmode=disable fails at startup_auth with ssl_required (no pg_hba.conf entry ... no encryption)', async () => {
    const report = await probeFor(`${base()}?sslmode=disable`).doctor();
    assert.equal(check(report.checks, 'tls').observed.serverOffersTls, true);
    const failed = failedAt(report.checks, 'startup_auth', 'ssl_required');
    assert.match(failed.message ?? '', /no pg_hba\.conf entry .* no encryption/);
  });

  test('sslmode=verify-full fails at tls with ssl_verify_failed', async () => {
    const failed = failedAt((await probeFor(`${base()}?sslmode=verify-full`).doctor()).checks, 'tls', 'ssl_verify_failed');
    assert.match(failed.message ?? '', /verify-full/);
    assert.match(String(failed.observed.chainError), /self-signed certificate/);
    assert.equal((failed.observed.certificate as { selfSigned: boolean }).selfSigned, true);
  });

  test('sslmode=require passes as libpq reads it, with a warning that node-postgres would refuse the certificate and the fix', async () => {
    const report = await probeFor(`${base()}?sslmode=require`).doctor();
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => c.status === 'fail')));
    const tls = check(report.checks, 'tls');
    assert.equal(tls.status, 'warn');
    assert.equal(tls.family, 'ssl_verify_failed');
    assert.equal(tls.observed.nodePostgres, 'verify-full');
    assert.equal(tls.observed.protocol, 'TLSv1.3');
    assert.match(tls.message ?? '', /uselibpqcompat=true/);
    assert.equal(check(report.checks, 'select_1').status, 'pass');
    assert.equal(check(report.checks, 'startup_auth').observed.method, 'SCRAM-SHA-256');
  });
});

describe('when every connection slot is taken', () => {
  let cluster: TestCluster;
  const held: pg.Client[] = [];
  before(async () => {
    cluster = await startCluster({ settings: { max_connections: '5' } });
    // Superuser connections may use the reserved slots too: hold every one.
    for (;;) {
      const client = new pg.Client({ connectionString: cluster.url() });
      client.on('error', () => {});
      try {
        await client.connect();
        held.push(client);
      } catch {
        break;
      }
    }
  });
  after(async () => {
    await Promise.all(held.map((client) => client.end()));
    await cluster?.stop();
  });

  test('the probe fails at startup_auth with too_many_connections (53300)', async () => {
    assert.ok(held.length >= 3, `held ${held.length}`);
    const failed = failedAt((await probeFor(cluster.url()).doctor()).checks, 'startup_auth', 'too_many_connections');
    assert.match(failed.message ?? '', /53300/);
  });
});

describe('when the server ends idle sessions (idle_session_timeout)', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster({ settings: { idle_session_timeout: '2s' } });
  });
  after(async () => {
    await cluster?.stop();
  });

  test('server_facts warns with stale_connection and the probe still gets through on its pre-ping pool', async () => {
    const report = await probeFor(cluster.url(), { allowWrites: true }).doctor();
    const facts = check(report.checks, 'server_facts');
    assert.equal(facts.status, 'warn');
    assert.equal(facts.family, 'stale_connection');
    assert.equal(facts.observed.idleSessionTimeoutMs, 2000);
    assert.match(facts.message ?? '', /idle_session_timeout/);
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => c.status === 'fail')));
    assert.deepEqual(await probeLeftovers(cluster), []);
  });
});
