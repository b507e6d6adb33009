// The contract's first checks are written once (test/support/first-checks.ts);
// the README's family table says the same, with each check's title as the
// runbook words it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RUNBOOKS } from '../../../src/triage/runbooks/registry.ts';
import { FAMILY_IDS } from '../../../src/triage/types.ts';
import { FIRST_CHECKS } from '../../support/first-checks.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('the first-check table names every contract family once', () => {
  assert.deepEqual(Object.keys(FIRST_CHECKS).sort(), [...FAMILY_IDS].sort());
});

test("the README's family table lists each family's first check and its title", () => {
  const rows = [...README.matchAll(/^\| `([a-z_]+)` \| `([a-z_]+)`: (.+?) \|$/gm)].map(([, family, check, title]) => ({ family, check, title }));
  assert.deepEqual(
    rows.map(({ family, check }) => [family, check]),
    Object.entries(FIRST_CHECKS).sort(([a], [b]) => a.localeCompare(b)),
  );
  for (const { family, title } of rows) assert.equal(title, RUNBOOKS[family as keyof typeof RUNBOOKS].steps[0]?.title, family);
});
