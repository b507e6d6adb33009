// The runbook checks must be able to fail: each broken runbook here is refused
// with the problem named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Runbook, RunbookStep } from '../../../../src/triage/types.ts';
import { runbookProblems } from './runbook-problems.ts';

function step(id: string, extra: Partial<RunbookStep> = {}): RunbookStep {
  return { id, title: 't', action: 'a', verify: 'v', confirmed: 'c', ruledOut: 'r', fix: 'f', source: 'https://example.org/doc', ...extra };
}
function runbook(steps: RunbookStep[], family: Runbook['family'] = 'connect_timeout'): Runbook {
  return { family, steps, collectNext: ['the exact error text'] };
}
const FIRST = 'time_cold_and_warm_connect';
const four = [step(FIRST), step('two'), step('three'), step('four')];

test('a complete runbook has no problems', () => {
  assert.deepEqual(runbookProblems(runbook(four)), []);
});

test('a runbook with fewer than four checks is refused', () => {
  assert.match(runbookProblems(runbook(four.slice(1))).join('\n'), /3 steps, needs at least 4/);
});

test('a family that does not start with its contract check is refused', () => {
  assert.match(runbookProblems(runbook(four, 'auth_failed')).join('\n'), /the contract says "rotate_password"/);
});

test('duplicate, non-snake_case ids and empty fields are each named', () => {
  const problems = runbookProblems(runbook([step('one'), step('one'), step('Two-x'), step('four', { fix: ' ', source: undefined })])).join('\n');
  assert.match(problems, /one: id used twice/);
  assert.match(problems, /Two-x: id is not snake_case/);
  assert.match(problems, /four: fix is empty/);
  assert.match(problems, /four: source is empty/);
});

test('a variant for an unknown client or with no text is refused', () => {
  const bad = step('one', { clientVariants: { perl: { fix: 'x' }, prisma: {} } as RunbookStep['clientVariants'] });
  const problems = runbookProblems(runbook([bad, ...four.slice(1)])).join('\n');
  assert.match(problems, /"perl" is not a ClientId/);
  assert.match(problems, /the prisma variant has no text/);
});

test('a real-looking password in step text is refused, a placeholder is not', () => {
  const leaked = step('one', { fix: 'set postgresql://app:Xk29fLq8mZ@ep-a-1.neon.tech/db' });
  assert.match(runbookProblems(runbook([leaked, ...four.slice(1)])).join('\n'), /looks like a real secret/);
  const placeholder = step(FIRST, { fix: 'set postgresql://app:<password>@ep-a-1.neon.tech/db' });
  assert.deepEqual(runbookProblems(runbook([placeholder, ...four.slice(1)])), []);
});

test('printing DATABASE_URL without a redacting sed is refused', () => {
  const raw = step('one', { verify: '`echo $DATABASE_URL`' });
  assert.match(runbookProblems(runbook([raw, ...four.slice(1)])).join('\n'), /without redacting/);
  const piped = step('one', { verify: '`printenv DATABASE_URL | cat`' });
  assert.match(runbookProblems(runbook([piped, ...four.slice(1)])).join('\n'), /without redacting/);
  const redacted = step(FIRST, { verify: "`printenv DATABASE_URL | sed -E 's#(://[^:/@]*:)[^@]*@#\\1****@#'`" });
  assert.deepEqual(runbookProblems(runbook([redacted, ...four.slice(1)])), []);
  const parsed = step(FIRST, { verify: '`printenv DATABASE_URL | npx pgtriage parse -`' });
  assert.deepEqual(runbookProblems(runbook([parsed, ...four.slice(1)])), []);
});

test('an unknown runbook may be short but must start by asking for the exact error', () => {
  assert.deepEqual(runbookProblems(runbook([step('ask_exact_error')], 'unknown')), []);
  assert.match(runbookProblems(runbook([step('guess')], 'unknown')).join('\n'), /the contract says "ask_exact_error"/);
});
