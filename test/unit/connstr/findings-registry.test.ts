// The findings catalogue is a contract: one rule per finding id, in a file of
// its name; the ids in code, in the docs table and in what the audit emits
// match, and the registry stays sorted.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

test('each rule is the file of its id, and the findings folder holds only rules', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'connstr', 'findings');
  const stems = readdirSync(dir).map((name) => name.replace(/\.ts$/, '')).filter((stem) => stem !== 'registry' && stem !== 'types');
  assert.deepEqual(stems.sort(), [...FINDING_IDS].sort());
  for (const id of FINDING_IDS) assert.match(readFileSync(join(dir, `${id}.ts`), 'utf8'), new RegExp(`meta: \\{ id: '${id}'`), id);
});

test('every rule reports on some libpq fixture: none is dead', () => {
  const emitted = new Set<string>();
  for (const { input } of loadLibpqFixtures().inputs) for (const f of auditConnectionString(input).findings) emitted.add(f.id);
  assert.deepEqual(FINDING_IDS.filter((id) => !emitted.has(id)), []);
});
