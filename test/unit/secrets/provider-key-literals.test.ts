// A provider key's regex is skipped when none of the literals read from it
// (src/text/required-literals.ts) occurs (src/secrets/find.ts): that is only
// safe if every match holds one of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SHAPE_LITERALS } from '../../../src/secrets/find.ts';
import { KEY_SHAPES } from '../../../src/secrets/provider-keys.ts';

describe('the literals a provider key shape is skipped by', () => {
  test('every shape has some (so the skip applies to each), as the providers print them', () => {
    const byKind = Object.fromEntries(KEY_SHAPES.map((shape, index) => [shape.kind, SHAPE_LITERALS[index]]));
    for (const shape of KEY_SHAPES) assert.ok(byKind[shape.kind]?.length, shape.kind);
    // Read from the regex, then cut to three characters: one search stands for `sk_live_`, `sk_test_`, `sk_prod_`.
    assert.deepEqual(byKind.stripe_key, ['sk_', 'rk_']);
    assert.deepEqual(byKind.aws_access_key_id, ['A3T', 'AKI', 'ASI', 'ABI', 'ACC']);
    assert.deepEqual(byKind.twilio_api_key, ['SK']);
  });
});

describe('every match of a provider key shape holds one of its literals', () => {
  // Text built from the shapes' own literals, their alphabets and separators, so that
  // matches (and near-matches) of every shape are frequent.
  const pieces = [...new Set(SHAPE_LITERALS.flatMap((literals) => literals ?? []))];
  // Key prefixes as the providers print them, each followed by a body of the kind its shape takes.
  const prefixes = ['sk-ant-api03-', 'sk-proj-', 'sk_live_', 'rk_test_', 'whsec_', 'AKIA', 'ASIA', 'ghp_', 'github_pat_', 'xoxb-', 'xapp-1-', 'hooks.slack.com/services/', 'AIza', 'napi_', 'npg_', 'SK', 'SG.', 'npm_', 'eyJ'];
  const fragment = fc.oneof(
    fc.constantFrom(...pieces, ...pieces.map((piece) => piece.slice(1)), '.', '-', '_', ' ', '\n', '/', '='),
    fc.tuple(fc.constantFrom(...prefixes), fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,70}$/), fc.stringMatching(/^[A-Z0-9]{16}$/), fc.stringMatching(/^[0-9a-f]{32}$/))).map(([prefix, body]) => prefix + body),
    fc.stringMatching(/^[A-Za-z0-9]{1,40}$/),
    // Keys in three dotted parts: a JWT, a SendGrid key.
    fc.tuple(fc.constantFrom('eyJ', 'SG.'), fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), fc.constantFrom('.eyJ', '.'), fc.stringMatching(/^[A-Za-z0-9_-]{30,64}$/), fc.constantFrom('.', ''), fc.stringMatching(/^[A-Za-z0-9_-]{0,20}$/)).map((parts) => parts.join('')),
  );
  const text = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

  test('fast-check: each match of a shape in a generated text holds one of its literals (so skipping a text without them misses nothing)', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const [index, shape] of KEY_SHAPES.entries()) {
          const literals = SHAPE_LITERALS[index]!;
          for (const match of input.matchAll(new RegExp(shape.pattern.source, shape.pattern.flags))) {
            assert.ok(literals.some((literal) => match[0].includes(literal)), `${shape.kind}: ${match[0]}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
