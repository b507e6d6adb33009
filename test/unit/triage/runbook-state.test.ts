import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advance, answersAt, positionOf, RunbookAnswerError } from '../../../src/triage/runbook-state.ts';
import type { Runbook, RunbookStep } from '../../../src/triage/types.ts';

function step(id: string): RunbookStep {
  return { id, title: id, action: 'a', verify: 'v', confirmed: 'c', ruledOut: 'r', fix: 'f' };
}
const runbook: Runbook = { family: 'auth_failed', steps: [step('one'), step('two'), step('three')], collectNext: ['the exact error text'] };

test('a fresh runbook starts at its first check', () => {
  const position = positionOf(runbook, []);
  assert.equal(position.kind, 'check');
  assert.equal(position.kind === 'check' && position.step.id, 'one');
  assert.deepEqual(answersAt(position), ['confirmed', 'ruled_out']);
});

test('ruled out leads to the next check', () => {
  const position = positionOf(runbook, [{ stepId: 'one', answer: 'ruled_out' }]);
  assert.equal(position.kind === 'check' && position.step.id, 'two');
});

test('confirmed leads to the fix and a re-check, and a fix that worked resolves', () => {
  const fix = positionOf(runbook, [{ stepId: 'one', answer: 'confirmed' }]);
  assert.equal(fix.kind, 'fix');
  assert.deepEqual(answersAt(fix), ['resolved', 'not_resolved']);
  const done = advance(runbook, fix, { stepId: 'one', answer: 'resolved' });
  assert.equal(done.kind, 'resolved');
  assert.deepEqual(answersAt(done), []);
});

test('a fix that did not help moves on to the next check', () => {
  const position = positionOf(runbook, [
    { stepId: 'one', answer: 'confirmed' },
    { stepId: 'one', answer: 'not_resolved' },
  ]);
  assert.equal(position.kind === 'check' && position.step.id, 'two');
});

test('every check ruled out exhausts the runbook and says what to collect next', () => {
  const position = positionOf(runbook, ['one', 'two', 'three'].map((stepId) => ({ stepId, answer: 'ruled_out' as const })));
  assert.deepEqual(position, { kind: 'exhausted', total: 3, collectNext: ['the exact error text'] });
});

test('an answer for another step than the current one is refused with what is expected', () => {
  assert.throws(
    () => positionOf(runbook, [{ stepId: 'two', answer: 'ruled_out' }]),
    (error: unknown) => error instanceof RunbookAnswerError && /current check is "one"/.test(error.message),
  );
});

test('a re-check answer at a check is refused', () => {
  assert.throws(
    () => positionOf(runbook, [{ stepId: 'one', answer: 'resolved' }]),
    (error: unknown) => error instanceof RunbookAnswerError && error.expected.join() === 'confirmed,ruled_out',
  );
});

test('the same answers always give the same position', () => {
  const answers = [{ stepId: 'one', answer: 'ruled_out' as const }, { stepId: 'two', answer: 'confirmed' as const }];
  assert.deepEqual(positionOf(runbook, answers), positionOf(runbook, answers));
});
