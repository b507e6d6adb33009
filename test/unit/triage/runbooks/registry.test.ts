import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';
import { FAMILY_IDS } from '../../../../src/triage/types.ts';

test('the registry holds exactly the contract family ids, sorted', () => {
  assert.deepEqual(Object.keys(RUNBOOKS), [...FAMILY_IDS].sort());
});

test('each runbook is registered under its own family id', () => {
  for (const [id, runbook] of Object.entries(RUNBOOKS)) assert.equal(runbook?.family, id);
});
