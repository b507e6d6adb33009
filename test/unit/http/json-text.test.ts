// The answer's JSON text must be exactly JSON.stringify's, whatever the answer
// holds, with or without clean frozen values among its fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonText } from '../../../src/http/json-text.ts';
import { redactDeep } from '../../../src/secrets/redact.ts';
import { triage } from '../../../src/triage/classify.ts';
import { readFixture } from '../../support/family-tester.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

test('every triage answer of the sample texts is encoded as JSON.stringify encodes it, twice over (the runbook from its cache)', () => {
  const rows = readFixture<{ text: string }>('real-errors.sample.jsonl');
  assert.ok(rows.length > 50);
  for (const { text } of rows) {
    const answer = redactDeep(triage(text));
    assert.equal(jsonText(answer), JSON.stringify(answer));
    assert.equal(jsonText(answer), JSON.stringify(answer));
  }
});

test('any JSON-like answer, frozen fields read clean or not, undefined and function fields, is encoded as JSON.stringify encodes it', () => {
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
  })).node;
  const field = fc.tuple(tree, fc.constantFrom('plain', 'frozen', 'frozen and read', 'function'));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), field, { maxKeys: 6 }), (shape) => {
      const body: Record<string, unknown> = {};
      for (const [key, [value, kind]] of Object.entries(shape)) {
        if (kind === 'function') body[key] = () => value;
        else if (kind === 'plain') body[key] = value;
        else body[key] = kind === 'frozen' ? deepFreeze(structuredClone(value)) : redactDeep(deepFreeze(structuredClone(value)));
      }
      assert.equal(jsonText(body), JSON.stringify(body));
      assert.equal(jsonText(body), JSON.stringify(body));
    }),
    { numRuns: 500 },
  );
  for (const odd of [null, 'text', 3, [deepFreeze({ a: 1 })], { toJSON: () => 'x', runbook: redactDeep(deepFreeze({ a: 1 })) }, new Date(0)]) {
    assert.equal(jsonText(odd), JSON.stringify(odd));
  }
});
