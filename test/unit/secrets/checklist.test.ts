// The secret checklist: gitignore verdicts with real gitignore semantics, the
// inventory from a description and from a pasted .env, live values flagged
// and never echoed, recovery in order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildChecklist } from '../../../src/secrets/checklist/checklist.ts';
import { checkGitignore } from '../../../src/secrets/checklist/gitignore.ts';
import { FAKE } from '../../support/fake-secrets.ts';

describe('does the .gitignore keep .env out', () => {
  const rows: Array<[string, string, boolean, string | null]> = [
    ['a plain .env line', 'node_modules\n.env\n', true, '.env'],
    ['*.env re-included by !.env', '*.env\n!.env\n', false, '!.env'],
    ['an anchored /config/.env only', '/config/.env\n', false, null],
    ['a directory-only .env/', '.env/\n', false, null],
    ['a commented-out # .env', '# .env\n', false, null],
    ['.env* with !.env.example', '.env*\n!.env.example\n', true, '.env*'],
    ['trailing spaces after .env', '.env   \n', true, '.env'],
    ['**/.env', '**/.env\n', true, '**/.env'],
    ['CRLF line ends', 'dist\r\n.env\r\n', true, '.env'],
  ];
  for (const [title, gitignore, envIgnored, rule] of rows) {
    test(title, () => assert.deepEqual(checkGitignore(gitignore), { envIgnored, rule }));
  }
  test('.env.example stays tracked under .env* with !.env.example', () => {
    assert.equal(checkGitignore('.env*\n!.env.example\n', '.env.example').envIgnored, false);
  });
  test('no .gitignore given: null', () => assert.deepEqual(checkGitignore(undefined), { envIgnored: null, rule: null }));
});

describe('the inventory', () => {
  test('from a description: the conventional names, loaded the Python way for FastAPI', () => {
    const checklist = buildChecklist({ description: 'FastAPI on Neon with Stripe and OpenAI' });
    assert.deepEqual(checklist.secrets.map((s) => s.name), ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'OPENAI_API_KEY']);
    for (const item of checklist.secrets) {
      assert.equal(item.live, false);
      assert.match(item.howLoaded, /python-dotenv.*os\.getenv\("/);
      assert.doesNotMatch(item.howLoaded, /process\.env/);
      assert.match(item.whereItLives, /\.env.*secret store/);
      assert.equal(item.recovery.length, 3);
      assert.match(item.recovery[0] as string, /^Rotate it at /);
      assert.match(item.recovery[1] as string, /history/);
      assert.match(item.recovery[2] as string, /^Check for use/);
    }
    assert.match(checklist.secrets[1]?.recovery[0] as string, /Roll key/);
    assert.deepEqual(checklist.gitignore, { envIgnored: null, rule: null });
  });

  test('from a description of a Node app: dotenv and process.env; mail, Sentry and sessions named', () => {
    const checklist = buildChecklist({ description: 'An Express API with SendGrid email, Sentry and JWT login' });
    const names = checklist.secrets.map((s) => s.name);
    for (const name of ['SENDGRID_API_KEY', 'SENTRY_DSN', 'JWT_SECRET']) assert.ok(names.includes(name), names.join(', '));
    assert.match(checklist.secrets[0]?.howLoaded as string, /dotenv.*process\.env\./);
  });

  test('from a pasted .env: names as written, live values flagged and never echoed, placeholders not live', () => {
    const password = FAKE.password(301);
    const key = FAKE.stripeLive(302);
    const env = `# app\nDATABASE_URL=postgresql://app:${password}@ep-x.neon.tech/neondb\nPAYMENTS_KEY="${key}"\nOPENAI_API_KEY=your-key-here\nPORT=8000\nDEBUG=true\n`;
    const checklist = buildChecklist({ description: 'Next.js on Neon', env, gitignore: '.env\n' });
    const byName = new Map(checklist.secrets.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()], ['DATABASE_URL', 'PAYMENTS_KEY', 'OPENAI_API_KEY']);
    assert.equal(byName.get('DATABASE_URL')?.live, true);
    assert.equal(byName.get('PAYMENTS_KEY')?.live, true);
    assert.equal(byName.get('PAYMENTS_KEY')?.provider, 'Stripe');
    assert.equal(byName.get('OPENAI_API_KEY')?.live, false);
    const json = JSON.stringify(checklist);
    assert.ok(!json.includes(password) && !json.includes(key), 'a value was echoed');
    assert.deepEqual(checklist.findings.filter((f) => f.id === 'live_secret').map((f) => f.name), ['DATABASE_URL', 'PAYMENTS_KEY']);
    assert.deepEqual(checklist.gitignore, { envIgnored: true, rule: '.env' });
  });

  test('a .gitignore that lets .env through is an error finding', () => {
    const checklist = buildChecklist({ env: 'DATABASE_URL=', gitignore: '*.env\n!.env\n' });
    assert.ok(checklist.findings.some((f) => f.id === 'env_not_ignored' && f.severity === 'error' && f.message.includes('!.env')));
  });

  test('a key pasted into the description is flagged and not echoed', () => {
    const key = FAKE.openai(303);
    const checklist = buildChecklist({ description: `my openai key is ${key}` });
    assert.ok(checklist.findings.some((f) => f.id === 'live_secret'));
    assert.ok(!JSON.stringify(checklist).includes(key));
    // Its shape says whose it is: that secret is live, so its recovery is owed.
    assert.deepEqual(checklist.secrets.map((s) => [s.name, s.live]), [['OPENAI_API_KEY', true]]);
    const named = buildChecklist({ description: `Next.js with OpenAI; key ${key}`, env: 'OPENAI_API_KEY=\n' });
    assert.deepEqual(named.secrets.map((s) => [s.name, s.live]), [['OPENAI_API_KEY', true]]);
  });
});
