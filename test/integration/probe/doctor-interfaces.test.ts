// `pgtriage doctor` and POST /api/doctor as users run them (the README's
// contract): JSON shape, exit codes, the event stream, the
// embedded demo database when DATABASE_URL is unset.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort } from '../../support/ports.ts';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

function pgtriage(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only what the test sets: no DATABASE_URL or PROBE_* from the developer's shell.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|STORE_URL|PROBE_|PGTRIAGE_|EMBEDDED_PG_)/.test(key)));
    const child = spawn(process.execPath, ['bin/pgtriage.mjs', ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const running = serviceOnOwnCluster();

test('pgtriage doctor --json prints the contract shape and exits 0 when no check fails', async () => {
  const run = await pgtriage(['doctor', '--json'], { DATABASE_URL: running.cluster.url() });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(report).sort(), ['checks', 'cleanup', 'ok', 'target', 'timings']);
  assert.equal(report.ok, true);
  assert.deepEqual(Object.keys(report.target).sort(), ['database', 'host', 'port', 'user']);
  for (const c of report.checks) {
    assert.ok(['pass', 'fail', 'warn', 'skip'].includes(c.status));
    assert.equal(typeof c.durationMs, 'number');
    assert.equal(typeof c.observed, 'object');
  }
  assert.ok(!run.stdout.includes(running.cluster.password));
});

test('pgtriage doctor exits 1 and names the family when a check fails, without printing the password', async () => {
  const wrong = running.cluster.url().replace(encodeURIComponent(running.cluster.password), 'not-the-password');
  const run = await pgtriage(['doctor'], { DATABASE_URL: wrong });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /FAIL {2}startup_auth .*\[auth_failed\].*28P01/);
  assert.match(run.stdout, /SKIP {2}select_1 .*startup_auth failed/);
  assert.ok(!run.stdout.includes('not-the-password'));
});

test('pgtriage doctor --sanity --json gives the five steps, the writing ones skipped without PROBE_ALLOW_WRITES', async () => {
  const run = await pgtriage(['doctor', '--sanity', '--json'], { DATABASE_URL: running.cluster.url() });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.steps.map((s: { id: string; status: string }) => [s.id, s.status]), [
    ['health_check', 'pass'], ['schema_create', 'skip'], ['tables_exist', 'pass'], ['round_trip', 'skip'], ['restart_reread', 'skip'],
  ]);
});

test('--sanity belongs to doctor only, and a bad PROBE_TIMEOUT_MS exits 2 naming the variable', async () => {
  assert.equal((await pgtriage(['triage', '--sanity', 'x'], {})).status, 2);
  const run = await pgtriage(['doctor'], { DATABASE_URL: running.cluster.url(), PROBE_TIMEOUT_MS: 'soon' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /PROBE_TIMEOUT_MS/);
});

test('with DATABASE_URL unset, pgtriage doctor probes the embedded demo database', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-doctor-'));
  try {
    const run = await pgtriage(['doctor', '--json'], { PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const report = JSON.parse(run.stdout);
    assert.equal(report.target.database, 'demo');
    assert.equal(report.checks[0].observed.source, 'embedded');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('POST /api/doctor answers the doctor JSON, and {sanity: true} the sanity steps', async () => {
  const client = cookieClient(running.service.url);
  const doctor = await client.request('POST', '/api/doctor', {});
  assert.equal(doctor.status, 200);
  assert.equal(doctor.json.ok, true);
  assert.equal(doctor.json.checks[0].id, 'configuration');
  const sanity = await client.request('POST', '/api/doctor', { sanity: true });
  assert.equal(sanity.status, 200);
  assert.deepEqual(sanity.json.steps.map((s: { id: string }) => s.id), ['health_check', 'schema_create', 'tables_exist', 'round_trip', 'restart_reread']);
  const bad = await client.request('POST', '/api/doctor', { sanity: 'yes' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 'PGT_ERR_BAD_REQUEST');
});

test('POST /api/doctor with Accept: text/event-stream streams each check, then the report', async () => {
  const response = await fetch(new URL('/api/doctor', running.service.url), { method: 'POST', headers: { accept: 'text/event-stream', 'content-type': 'application/json' }, body: '{}' });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events = (await response.text()).trim().split('\n\n').map((block) => {
    const [eventLine, dataLine] = block.split('\n');
    return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) };
  });
  const checks = events.filter((e) => e.event === 'check');
  const report = events.at(-1)!;
  assert.equal(report.event, 'report');
  assert.deepEqual(checks.map((e) => e.data.id), report.data.checks.map((c: { id: string }) => c.id));
  assert.ok(checks.length >= 10);
});
