// Every runbook check is either decided by a probe check or listed as manual
// with a reason, never both, and every name on either list exists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS_BY_ID } from '../../../src/probe/registry.ts';
import { LIVE_CHECKS, MANUAL_CHECKS } from '../../../src/probe/runbook-map.ts';
import { RUNBOOKS } from '../../../src/triage/runbooks/registry.ts';

const runbookChecks = Object.values(RUNBOOKS).flatMap((runbook) => runbook.steps.map((step) => `${runbook.family}/${step.id}`));

test('every mapped runbook check exists in src/triage/runbooks', () => {
  const unknown = [...Object.keys(LIVE_CHECKS), ...Object.keys(MANUAL_CHECKS)].filter((id) => !runbookChecks.includes(id));
  assert.deepEqual(unknown, []);
});

test('every runbook check is either verified live or listed as manual, and not both', () => {
  const unlisted = runbookChecks.filter((id) => !(id in LIVE_CHECKS) && !(id in MANUAL_CHECKS));
  assert.deepEqual(unlisted, []);
  const both = Object.keys(LIVE_CHECKS).filter((id) => id in MANUAL_CHECKS);
  assert.deepEqual(both, []);
});

test('every live runbook check names a probe check that exists, and no manual one lacks its reason', () => {
  for (const [id, live] of Object.entries(LIVE_CHECKS)) assert.ok(CHECKS_BY_ID[live.probeCheck], `${id} -> ${live.probeCheck}`);
  for (const [id, reason] of Object.entries(MANUAL_CHECKS)) assert.ok(reason.length > 10, id);
});

test('the lesson\'s first checks that a probe can see are verified live', () => {
  for (const id of ['auth_failed/rotate_password', 'cannot_connect/verify_host', 'too_many_connections/reduce_pool_size']) assert.ok(id in LIVE_CHECKS, id);
});

const login = (status: 'pass' | 'fail', error?: string) => ({
  configuration: { id: 'configuration', status: 'pass' as const, durationMs: 1, observed: {} },
  startup_auth: { id: 'startup_auth', status, durationMs: 1, observed: { method: 'SCRAM-SHA-256', user: 'app', ...(error ? { error } : {}) }, ...(error ? { message: error } : {}) },
});

test('rotate_password: confirmed by 28P01 on the probe\'s own login, ruled out by a login, inconclusive otherwise', () => {
  const decide = LIVE_CHECKS['auth_failed/rotate_password']!.decide;
  assert.equal(decide(login('fail', 'FATAL: password authentication failed for user "app" (SQLSTATE 28P01)')).verdict, 'confirmed');
  assert.equal(decide(login('pass')).verdict, 'ruled_out');
  assert.equal(decide(login('fail', 'FATAL: sorry, too many clients already (SQLSTATE 53300)')).verdict, 'inconclusive');
  assert.equal(decide({ startup_auth: { id: 'startup_auth', status: 'skip', durationMs: 0, observed: {} }, tcp: { id: 'tcp', status: 'fail', durationMs: 1, observed: {}, message: 'connect ECONNREFUSED 127.0.0.1:1' } }).verdict, 'inconclusive');
});
