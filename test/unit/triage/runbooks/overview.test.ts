import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OVERVIEW_COMMAND, runbooksOverview } from '../../../../src/triage/runbooks/overview.ts';
import { RUNBOOKS } from '../../../../src/triage/runbooks/registry.ts';

test('the overview lists every family with its checks in order', () => {
  const overview = runbooksOverview(RUNBOOKS);
  for (const runbook of Object.values(RUNBOOKS)) {
    const section = overview.split(`## ${runbook.family}\n`)[1]?.split('\n## ')[0] ?? '';
    const ids = [...section.matchAll(/^\d+\. `([a-z0-9_]+)`/gm)].map((match) => match[1]);
    assert.deepEqual(ids, runbook.steps.map((step) => step.id), runbook.family);
  }
});

test('docs/runbooks.md is the current overview', () => {
  const committed = readFileSync(new URL('../../../../docs/runbooks.md', import.meta.url), 'utf8');
  assert.equal(committed, runbooksOverview(RUNBOOKS), `docs/runbooks.md is stale: run \`${OVERVIEW_COMMAND}\``);
});
