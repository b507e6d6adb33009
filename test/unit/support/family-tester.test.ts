import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoDuplicateCases, corpusCases, readCorpus } from '../../support/family-tester.ts';

const text = 'FATAL:  password authentication failed for user "app"';

test('the family tester rejects a text listed twice, as valid or as near miss', () => {
  const valid = { text, source: 'absmach/supermq-devops#129', client: 'psql', evidence: 'password authentication failed' };
  assert.throws(() => assertNoDuplicateCases({ valid: [valid, valid], invalid: [] }), /duplicate test case/);
  assert.throws(() => assertNoDuplicateCases({ valid: [valid], invalid: [{ title: 'the same text', text, source: 'x' }] }), /duplicate test case/);
  assert.doesNotThrow(() => assertNoDuplicateCases({ valid: [valid], invalid: [] }));
});

test('the shared corpus has no duplicate texts and gives each family its own rows', () => {
  const rows = readCorpus();
  assert.equal(new Set(rows.map((row) => row.text)).size, rows.length);
  assert.equal(new Set(rows.map((row) => row.id)).size, rows.length);
  assert.ok(corpusCases('auth_failed').length >= 8);
});

test('every family has at least eight corpus texts from at least three clients', () => {
  const byFamily = new Map<string, { rows: number; clients: Set<string> }>();
  for (const row of readCorpus()) {
    const entry = byFamily.get(row.family) ?? { rows: 0, clients: new Set<string>() };
    entry.rows++;
    entry.clients.add(row.client);
    byFamily.set(row.family, entry);
  }
  for (const [family, { rows, clients }] of byFamily) {
    assert.ok(rows >= 8, `${family} has ${rows} texts`);
    assert.ok(clients.size >= 3, `${family} has ${clients.size} clients`);
  }
  assert.equal(byFamily.size, 19);
});
