import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';
import { positionOf } from '../../../../src/triage/runbook-state.ts';
import { runbookProblems } from './runbook-problems.ts';

for (const runbook of Object.values(RUNBOOKS)) {
  describe(`the ${runbook.family} runbook`, () => {
    test("starts with the contract's first check and has enough ordered checks, each complete, sourced, snake_case and free of secrets", () => {
      assert.deepEqual(runbookProblems(runbook), []);
    });

    test('confirming its first check leads to that check\'s fix', () => {
      const firstId = runbook.steps[0]?.id ?? '';
      const position = positionOf(runbook, [{ stepId: firstId, answer: 'confirmed' }]);
      assert.equal(position.kind, 'fix');
      assert.equal(position.kind === 'fix' && position.step.fix, runbook.steps[0]?.fix);
    });

    test('ruling out every check ends exhausted with what to collect next', () => {
      const answers = runbook.steps.map((step) => ({ stepId: step.id, answer: 'ruled_out' as const }));
      assert.deepEqual(positionOf(runbook, answers), {
        kind: 'exhausted',
        total: runbook.steps.length,
        collectNext: runbook.collectNext,
      });
    });
  });
}
