import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runbookForClient } from '../../../../src/triage/runbooks/for-client.ts';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';
import type { Runbook } from '../../../../src/triage/types.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const runbook: Runbook = deepFreeze({
  family: 'stale_connection',
  steps: [
    {
      id: 'confirm_pre_ping',
      title: 'pre-ping',
      action: 'a',
      verify: 'general verify',
      confirmed: 'c',
      ruledOut: 'r',
      fix: 'general fix',
      source: 's',
      clientVariants: {
        sqlalchemy: { verify: 'grep pool_pre_ping', fix: 'pool_pre_ping=True' },
        prisma: { fix: 'retry on P1017' },
      },
    },
    { id: 'check_idle_limits', title: 'idle', action: 'a', verify: 'show idle_session_timeout', confirmed: 'c', ruledOut: 'r', fix: 'recycle', source: 's' },
  ],
  collectNext: ['the exact error text'],
});

test('a client with a variant gets its verify and fix in place of the general ones', () => {
  const step = runbookForClient(runbook, 'sqlalchemy').steps[0];
  assert.equal(step?.verify, 'grep pool_pre_ping');
  assert.equal(step?.fix, 'pool_pre_ping=True');
});

test('a variant that only has a fix keeps the general verify', () => {
  const step = runbookForClient(runbook, 'prisma').steps[0];
  assert.equal(step?.verify, 'general verify');
  assert.equal(step?.fix, 'retry on P1017');
});

test('steps without a variant for the client, and an unknown client, keep the general text', () => {
  assert.equal(runbookForClient(runbook, 'sqlalchemy').steps[1]?.fix, 'recycle');
  assert.deepEqual(runbookForClient(runbook, null), runbook);
  const { clientVariants: _, ...general } = runbook.steps[0]!;
  assert.deepEqual(runbookForClient(runbook, 'jdbc'), { ...runbook, steps: [general, runbook.steps[1]] });
});

test("a known client's runbook leaves out the other clients' variants; with no client they stay for the reader", () => {
  for (const client of ['sqlalchemy', 'prisma', 'jdbc'] as const) {
    assert.ok(runbookForClient(runbook, client).steps.every((step) => step.clientVariants === undefined), client);
  }
  assert.deepEqual(runbookForClient(runbook, null).steps[0]?.clientVariants, runbook.steps[0]?.clientVariants);
});

test('the input runbook is left untouched and the result shares no objects with it', () => {
  const result = runbookForClient(runbook, 'sqlalchemy');
  assert.equal(runbook.steps[0]?.fix, 'general fix');
  assert.notEqual(result.steps, runbook.steps);
  assert.notEqual(result.steps[0], runbook.steps[0]);
  assert.notEqual(result.collectNext, runbook.collectNext);
});

test('the same runbook and client give the same shared, deeply frozen result; another client another one', () => {
  const first = runbookForClient(runbook, 'prisma');
  assert.equal(runbookForClient(runbook, 'prisma'), first);
  assert.notEqual(runbookForClient(runbook, 'sqlalchemy'), first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.steps) && Object.isFrozen(first.steps[0]) && Object.isFrozen(first.collectNext));
  assert.throws(() => {
    (first.steps[0] as { fix: string }).fix = 'changed';
  }, TypeError);
  assert.equal(runbookForClient(runbook, 'prisma').steps[0]?.fix, 'retry on P1017');
});

test('a SQLAlchemy user asked to confirm pre-ping is told to set pool_pre_ping=True, a node-postgres user is not', () => {
  const sqlalchemy = runbookForClient(RUNBOOKS.stale_connection, 'sqlalchemy').steps[0];
  const nodePostgres = runbookForClient(RUNBOOKS.stale_connection, 'node-postgres').steps[0];
  assert.match(sqlalchemy?.fix ?? '', /pool_pre_ping=True/);
  assert.doesNotMatch(nodePostgres?.fix ?? '', /pool_pre_ping/);
  assert.match(nodePostgres?.fix ?? '', /idleTimeoutMillis/);
});
