// The literal prefilter must never skip a pattern that would match: every
// family pattern and near miss is run over every real text of the fixtures, and
// wherever it matches, the prefilter must have let it through.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { LiteralPrefilter, requiredLiterals } from '../../../src/triage/anchors.ts';
import { triage } from '../../../src/triage/classify.ts';
import { normalize } from '../../../src/triage/normalize.ts';
import { FAMILIES } from '../../../src/triage/registry.ts';
import { readFixture } from '../../support/family-tester.ts';

test('required literals are read off alternations, groups and runs, and nothing optional is required', () => {
  assert.deepEqual(requiredLiterals(/password authentication failed/i), ['password authentication failed']);
  assert.deepEqual(requiredLiterals(/\b(?:ENOTFOUND|EAI_AGAIN)\b/), ['enotfound', 'eai_again']);
  assert.deepEqual(requiredLiterals(/server\s{1,8}closed\s{1,8}the connection/), ['the connection']);
  // An optional part, a class-only pattern and a too-short literal give no requirement (always tried).
  assert.equal(requiredLiterals(/(?:ECONNRESET)?\d+/), null);
  assert.equal(requiredLiterals(/[A-Z]{5}/), null);
  assert.equal(requiredLiterals(/P1|P2/), null);
  // A lookbehind adds no required text; the literal after it still counts.
  assert.deepEqual(requiredLiterals(/(?<!SSL )certificate verify failed/), ['certificate verify failed']);
  // A backreference or a unicode escape is not understood: always tried, never wrongly skipped.
  assert.equal(requiredLiterals(/(a)bc\1/), null);
  assert.equal(requiredLiterals(/\u00e9tabli/), null);
});

test('an anchor inside or overlapping another is still found', () => {
  const prefilter = new LiteralPrefilter([['connect etimedout'], ['etimedout'], ['connect'], ['timedout error']]);
  const present = prefilter.present('Error: connect ETIMEDOUT 10.0.0.1:5432');
  assert.deepEqual([...present].sort(), ['connect', 'connect etimedout', 'etimedout']);
  const overlapping = prefilter.present('connect etimedout error');
  assert.ok(overlapping.has('timedout error'));
});

test('the prefilter lets through every pattern that matches a real text', () => {
  const regexes = FAMILIES.flatMap((family) => [
    ...family.patterns.map((p) => ({ id: `${family.meta.id}/${p.id}`, regex: p.pattern })),
    ...(family.nearMisses ?? []).map((n) => ({ id: `${family.meta.id}/near-miss/${n.id}`, regex: n.pattern })),
  ]).map(({ id, regex }) => ({ id, regex: new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')), anchors: requiredLiterals(regex) }));
  const prefilter = new LiteralPrefilter(regexes.map((r) => r.anchors));
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  let checked = 0;
  const skippedMatches: string[] = [];
  for (const name of names) {
    for (const row of readFixture<{ id: string; text: string }>(name)) {
      const text = normalize(row.text).text;
      const present = prefilter.present(text);
      for (const { id, regex, anchors } of regexes) {
        if (!regex.test(text)) continue;
        checked++;
        if (!LiteralPrefilter.mayMatch(anchors, present)) skippedMatches.push(`${id} on ${name}:${row.id}`);
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} matches checked`);
  assert.deepEqual(skippedMatches, []);
});

test('every fixture text gets the same answer with the prefilter as without it', () => {
  const names = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => name.endsWith('.jsonl'));
  const differences: string[] = [];
  for (const name of names) {
    for (const row of readFixture<{ id: string; text: string }>(name)) {
      const fast = triage(row.text);
      const full = triage(row.text, { prefilter: false });
      if (JSON.stringify(fast) !== JSON.stringify(full)) differences.push(`${name}:${row.id}`);
    }
  }
  assert.deepEqual(differences, []);
});
