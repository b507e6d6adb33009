// The `pgtriage` command as users run it: a real process through npx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

function pgtriage(args: string[], input?: string) {
  const run = spawnSync('npx', ['--no-install', 'pgtriage', ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn .*\n/gm, '') };
}

test('npx pgtriage triage --json names the family, the evidence and the next check', () => {
  const run = pgtriage(['triage', '--json', 'FATAL:  sorry, too many clients already']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.family, 'too_many_connections');
  assert.ok(result.confidence > 0 && result.confidence <= 1);
  assert.ok(result.evidence.length > 0);
  assert.equal(result.secretExposed, false);
  assert.equal(result.runbook.steps[0].id, 'reduce_pool_size');
  assert.ok(result.runbook.steps.every((step: { id: string; title: string }) => step.id && step.title));
});

test('triage reads stdin with -, and flags and redacts a pasted password', () => {
  const run = pgtriage(['triage', '--json', '-'], 'error: password authentication failed for user "app"\nDATABASE_URL=postgres://app:Sup3rFAKEpw@db.example.com/app\n');
  const result = JSON.parse(run.stdout);
  assert.equal(result.family, 'auth_failed');
  assert.equal(result.secretExposed, true);
  assert.ok(!run.stdout.includes('Sup3rFAKEpw'));
});

test('triage --jsonl answers one line per input with the same id, and a bad line with an error line', () => {
  const input = [
    JSON.stringify({ id: 'a', text: 'Error: getaddrinfo ENOTFOUND ep-typo.us-east-2.aws.neon.tech' }),
    'not json',
    JSON.stringify({ id: 7, text: "Error: Cannot find module 'pg'" }),
    JSON.stringify({ id: 'no-text' }),
  ].join('\n');
  const run = pgtriage(['triage', '--jsonl'], input);
  assert.equal(run.status, 1);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => [line.id, line.family ?? line.error.code]), [
    ['a', 'cannot_connect'],
    [null, 'PGT_ERR_BAD_JSON'],
    [7, 'driver_missing'],
    ['no-text', 'PGT_ERR_BAD_REQUEST'],
  ]);
});

test('parse --json gives the libpq map with the password redacted, the parts and the findings', () => {
  const run = pgtriage(['parse', '--json', 'postgresql://neondb_owner:npgFAKE123@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require']);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.libpq.password, '<redacted>');
  assert.equal(report.libpq.host, 'ep-cool-darkness-123456.us-east-2.aws.neon.tech');
  assert.ok(Array.isArray(report.findings));
  assert.ok(report.findings.some((finding: { id: string }) => finding.id === 'secret_exposed'));
  assert.ok(!run.stdout.includes('npgFAKE123'));
});

test('parse exits 1 on a string libpq rejects, with its reason', () => {
  const run = pgtriage(['parse', '--json', 'host=db port']);
  assert.equal(run.status, 1);
  assert.match(JSON.parse(run.stdout).error.message, /missing "=" after "port"/);
});

test('parse --jsonl keeps ids in order', () => {
  const input = ['postgresql://h/db', 'host=h dbname=d'].map((text, id) => JSON.stringify({ id, text })).join('\n');
  const lines = pgtriage(['parse', '--jsonl'], input).stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => [line.id, line.ok]), [[0, true], [1, true]]);
});

test('an unknown command or option is a usage error, not a stack trace', () => {
  for (const args of [['frobnicate'], ['triage', '--yaml', 'x'], []]) {
    const run = pgtriage(args);
    assert.equal(run.status, 2);
    assert.match(run.stdout + run.stderr, /usage: pgtriage/);
    assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/);
  }
});

test('serve with a bad setting stops with one line naming the variable', () => {
  const run = spawnSync('npx', ['--no-install', 'pgtriage', 'serve'], { encoding: 'utf8', env: { ...process.env, PORT: 'eighty' } });
  assert.equal(run.status, 1);
  assert.equal(run.stderr.replace(/^npm warn .*\n/gm, '').trim(), 'pgtriage: PORT: not a port number; use a whole number from 0 to 65535');
});

test('parse - ignores the newline echo adds, and --libpq=15 judges 16/17 keywords as libpq 15 does', () => {
  const piped = JSON.parse(pgtriage(['parse', '--json', '-'], 'host=h sslmode=require\n').stdout);
  assert.equal(piped.ok, true);
  assert.equal(piped.libpq.sslmode, 'require');
  const modern = 'host=h require_auth=scram-sha-256';
  assert.equal(JSON.parse(pgtriage(['parse', '--json', modern]).stdout).ok, true);
  const old = pgtriage(['parse', '--json', '--libpq=15', modern]);
  assert.equal(old.status, 1);
  assert.match(JSON.parse(old.stdout).error.message, /invalid connection option "require_auth"/);
  assert.equal(pgtriage(['parse', '--libpq=99', modern]).status, 2);
});
