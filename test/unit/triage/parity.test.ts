// Every contract family id has a module, a registry entry and a tester, and
// nothing exists that the contract lacks. The contract ids are FAMILY_IDS in
// src/triage/types.ts; docs/families.md describes them (families-doc.test.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FAMILIES } from '../../../src/triage/registry.ts';
import { FAMILY_IDS } from '../../../src/triage/types.ts';

const sorted = [...FAMILY_IDS].sort();
const stems = (dir: URL, suffix: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .sort();

test('every contract family has a module file and no module file lacks a contract id', () => {
  assert.deepEqual(stems(new URL('../../../src/triage/families/', import.meta.url), '.ts'), sorted);
});

test('every contract family has a tester and no tester lacks a contract id', () => {
  assert.deepEqual(stems(new URL('./families/', import.meta.url), '.test.ts'), sorted);
});

test('the registry lists every family once, sorted by id, each under its own id', () => {
  assert.deepEqual(
    FAMILIES.map((family) => family.meta.id),
    sorted,
  );
  for (const family of FAMILIES) assert.equal(family.runbook.family, family.meta.id, `${family.meta.id} carries another family's runbook`);
});

test('each module file exports the family of its own name', () => {
  for (const id of FAMILY_IDS) {
    const source = readFileSync(new URL(`../../../src/triage/families/${id}.ts`, import.meta.url), 'utf8');
    assert.match(source, new RegExp(`id: '${id}'`));
    assert.match(source, new RegExp(`from '\\.\\./runbooks/${id}\\.ts'`));
  }
});

test('every pattern has a unique id within its family, a weight in 0..1, clients and a source', () => {
  for (const family of FAMILIES) {
    const ids = family.patterns.map((pattern) => pattern.id);
    assert.equal(new Set(ids).size, ids.length, `${family.meta.id} repeats a pattern id`);
    for (const pattern of family.patterns) {
      const where = `${family.meta.id}/${pattern.id}`;
      assert.ok(pattern.weight > 0 && pattern.weight <= 1, `${where} weight ${pattern.weight}`);
      assert.ok(pattern.clients.length > 0, `${where} names no client`);
      assert.ok(pattern.source.trim().length > 10, `${where} has no source`);
      // A weight of 1 is for a structured code that decides alone.
      if (pattern.weight === 1) assert.notEqual(pattern.kind, 'wording', `${where} is wording with weight 1`);
    }
    for (const nearMiss of family.nearMisses ?? []) assert.ok(nearMiss.reason.length > 10, `${family.meta.id}/${nearMiss.id} has no reason`);
  }
});
