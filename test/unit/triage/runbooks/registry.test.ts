import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';
import { FAMILY_IDS } from '../../../../src/triage/types.ts';

const LESSON_FAMILIES = ['auth_failed', 'cannot_connect', 'driver_missing', 'stale_connection', 'too_many_connections'];

test('the registry lists runbooks under contract family ids, sorted', () => {
  const ids = Object.keys(RUNBOOKS);
  assert.deepEqual(ids.filter((id) => !(FAMILY_IDS as readonly string[]).includes(id)), []);
  assert.deepEqual(ids, [...ids].sort());
});

test('each runbook is registered under its own family id', () => {
  for (const [id, runbook] of Object.entries(RUNBOOKS)) assert.equal(runbook?.family, id);
});

test('every lesson family has a runbook', () => {
  for (const id of LESSON_FAMILIES) assert.ok(id in RUNBOOKS, `${id} has no runbook`);
});
