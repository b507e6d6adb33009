// The findings catalogue is a contract: ids in code, in the docs table and
// in what the audit emits must match, and the registry stays sorted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { FINDING_IDS, RULES } from '../../../src/connstr/findings/registry.ts';
import { loadLibpqFixtures } from './libpq-fixtures.ts';

const docs = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'connstr.md'), 'utf8');
const documented = [...docs.matchAll(/^\| `([a-z_0-9]+)` \| (?:error|warn|info)/gm)].map((m) => m[1] as string);

test('the rule registry is sorted by id and has no duplicates', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.deepEqual(ids, [...new Set(ids)].sort());
});

test('every finding id is documented in docs/connstr.md and nothing else is', () => {
  assert.deepEqual([...documented].sort(), [...FINDING_IDS].sort());
});

test('the audit emits only catalogued ids over every fixture', () => {
  const emitted = new Set<string>();
  for (const { input } of loadLibpqFixtures().inputs) for (const f of auditConnectionString(input).findings) emitted.add(f.id);
  assert.deepEqual([...emitted].filter((id) => !FINDING_IDS.includes(id)), []);
  assert.ok(emitted.size >= 20, `only ${emitted.size} ids emitted`);
});
