// The check and fix replies tell a client which checks the live probe can
// decide (`probeCheck`), so a page offers Verify exactly there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positionReply } from '../../../src/chat/replies.ts';
import { MANUAL_CHECKS } from '../../../src/probe/runbook-map.ts';
import { answersAt, type RunbookPosition } from '../../../src/triage/runbook-state.ts';
import { RUNBOOKS } from '../../../src/triage/runbooks/registry.ts';
import type { FamilyId } from '../../../src/triage/types.ts';

function probeCheckAt(family: FamilyId, position: RunbookPosition): unknown {
  const reply = positionReply(family, position, answersAt(position)) as { probeCheck?: unknown };
  return reply.probeCheck;
}

test('auth_failed: the probe decides the first three checks (the login, then DATABASE_URL as libpq reads it); the last two are manual', () => {
  const { steps } = RUNBOOKS.auth_failed;
  assert.deepEqual(
    steps.map((step, index) => [step.id, probeCheckAt('auth_failed', { kind: 'check', step, index, total: steps.length })]),
    [
      ['rotate_password', 'startup_auth'],
      ['check_user_name', 'startup_auth'],
      ['check_password_encoding', 'configuration'],
      ['check_env_override', null],
      ['read_server_reason', null],
    ],
  );
});

test('every runbook step: a probe check on its check and fix replies exactly when it is not a manual check; none once resolved', () => {
  for (const [family, runbook] of Object.entries(RUNBOOKS) as [FamilyId, (typeof RUNBOOKS)[FamilyId]][]) {
    runbook.steps.forEach((step, index) => {
      const manual = `${family}/${step.id}` in MANUAL_CHECKS;
      for (const kind of ['check', 'fix'] as const) {
        const probeCheck = probeCheckAt(family, { kind, step, index, total: runbook.steps.length });
        if (manual) assert.equal(probeCheck, null, `${family}/${step.id} (${kind})`);
        else assert.ok(typeof probeCheck === 'string' && probeCheck.length > 0, `${family}/${step.id} (${kind})`);
      }
      assert.equal(probeCheckAt(family, { kind: 'resolved', step, index, total: runbook.steps.length }), null);
    });
  }
});
