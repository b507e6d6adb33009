// docs/families.md is the contract in words; it stays in step with the code:
// the same ids, each first check as its runbook words it, and every wording it
// quotes classified to its family.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import { RUNBOOKS } from '../../../src/triage/runbooks/registry.ts';
import { FAMILY_IDS, type FamilyId } from '../../../src/triage/types.ts';
import { FIRST_CHECKS } from '../../support/first-checks.ts';

const DOC = readFileSync(new URL('../../../docs/families.md', import.meta.url), 'utf8');
const rows = [...DOC.matchAll(/^\| `([a-z_]+)` \| (.+?) \| (.+?) \| `([a-z_]+)`: (.+?) \|$/gm)].map(([, family, , wording, check, title]) => ({
  family: family as FamilyId,
  wording: [...(wording ?? '').matchAll(/`([^`]+)`/g)].map(([, text]) => text ?? ''),
  check,
  title,
}));

test('docs/families.md has one row per contract family, sorted by id', () => {
  assert.deepEqual(rows.map((row) => row.family), [...FAMILY_IDS].sort());
});

test("each row's first check is the contract's, titled as its runbook's first step", () => {
  for (const row of rows) {
    assert.equal(row.check, FIRST_CHECKS[row.family], row.family);
    assert.equal(row.title, RUNBOOKS[row.family].steps[0]?.title, row.family);
  }
});

test('every wording the doc quotes classifies to its family', () => {
  const misses = rows.flatMap((row) =>
    row.wording.map((text) => ({ row, text, got: triage(text).family })).filter(({ row, got }) => got !== row.family),
  );
  assert.deepEqual(misses.map(({ row, text, got }) => `${row.family}: ${JSON.stringify(text)} -> ${got}`), []);
  assert.ok(rows.flatMap((row) => row.wording).length >= 50);
});
