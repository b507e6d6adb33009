// `pgtriage checklist` as users run it (a real process through npx, real
// files) and POST /api/checklist on the real service: the same JSON contract,
// live values flagged and never printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FAKE } from '../support/fake-secrets.ts';
import { cookieClient, serviceOnOwnCluster } from '../support/service.ts';

const PASSWORD = FAKE.password(401);
const ENV = `DATABASE_URL=postgresql://app:${PASSWORD}@ep-x.us-east-2.aws.neon.tech/neondb\nOPENAI_API_KEY=\nPORT=8000\n`;

function pgtriage(args: string[], input?: string) {
  const run = spawnSync('npx', ['--no-install', 'pgtriage', ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn .*\n/gm, '') };
}

function assertContract(result: any): void {
  assert.deepEqual(Object.keys(result).sort(), ['findings', 'gitignore', 'secrets']);
  for (const item of result.secrets) {
    assert.deepEqual(Object.keys(item).sort(), ['howLoaded', 'ifCommitted', 'live', 'name', 'provider', 'recovery', 'whereItLives']);
    assert.equal(typeof item.live, 'boolean');
    assert.ok(Array.isArray(item.recovery) && item.recovery.length === 3);
  }
  assert.deepEqual(Object.keys(result.gitignore).sort(), ['envIgnored', 'rule']);
  assert.ok(Array.isArray(result.findings));
}

const dir = mkdtempSync(join(tmpdir(), 'pgtriage-checklist-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('pgtriage checklist --json reads --env and --gitignore files and prints the contract, never the values', () => {
  writeFileSync(join(dir, '.env'), ENV);
  writeFileSync(join(dir, '.gitignore'), '*.env\n!.env\n');
  const run = pgtriage(['checklist', '--json', '--env', join(dir, '.env'), '--gitignore', join(dir, '.gitignore'), 'FastAPI on Neon with Stripe and OpenAI']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assertContract(result);
  assert.deepEqual(result.secrets.map((s: { name: string }) => s.name), ['DATABASE_URL', 'OPENAI_API_KEY', 'STRIPE_SECRET_KEY']);
  assert.equal(result.secrets[0].live, true);
  assert.equal(result.secrets[1].live, false);
  assert.deepEqual(result.gitignore, { envIgnored: false, rule: '!.env' });
  assert.ok(!run.stdout.includes(PASSWORD));
});

test('pgtriage checklist reads the description from stdin and prints a checklist to tick', () => {
  const run = pgtriage(['checklist', '-'], 'Express on Neon with SendGrid\n');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\[ \] DATABASE_URL/);
  assert.match(run.stdout, /\[ \] SENDGRID_API_KEY/);
  assert.match(run.stdout, /process\.env\.DATABASE_URL/);
  assert.match(run.stdout, /\.env ignored by git: unknown/);
});

test('pgtriage checklist with nothing to read, or a file it cannot read, says so', () => {
  assert.equal(pgtriage(['checklist']).status, 2);
  const missing = pgtriage(['checklist', '--env', join(dir, 'nope.env'), 'app']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read .*nope\.env: ENOENT/);
  assert.equal(pgtriage(['checklist', '--env']).status, 2);
});

const running = serviceOnOwnCluster();

test('POST /api/checklist answers the same contract and never echoes a value', async () => {
  const client = cookieClient(running.service.url);
  const answer = await client.request('POST', '/api/checklist', { description: 'FastAPI on Neon with Stripe and OpenAI', env: ENV, gitignore: '.env\n' });
  assert.equal(answer.status, 200, answer.text);
  assertContract(answer.json);
  assert.equal(answer.json.secrets[0].live, true);
  assert.deepEqual(answer.json.gitignore, { envIgnored: true, rule: '.env' });
  assert.ok(!answer.text.includes(PASSWORD));
  assert.ok(!running.service.logs.join('').includes(PASSWORD));
});

test('POST /api/checklist with nothing to build from, or a non-string field, is a coded 400', async () => {
  const client = cookieClient(running.service.url);
  for (const body of [{}, { gitignore: '.env' }, { description: 42 }, { description: 'x', env: ['a'] }]) {
    const answer = await client.request('POST', '/api/checklist', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.json.code, 'PGT_ERR_BAD_REQUEST');
  }
});
