// A provider key's regex is skipped when none of its leading literals occurs
// (src/secrets/find.ts): that is only safe if every match holds one of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { leadingLiterals } from '../../../src/secrets/leading-literals.ts';
import { KEY_SHAPES } from '../../../src/secrets/provider-keys.ts';

describe('leading literals of a regex', () => {
  const cases: [RegExp, string[] | null][] = [
    [/\bnpg_[A-Za-z0-9]{12,100}/g, ['npg_']],
    [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10}/g, ['sk', 'rk']],
    [/\bxox[abposer]-[0-9A-Za-z-]{10,250}|\bxapp-\d-[A-Z0-9]{6,40}/g, ['xox', 'xapp-']],
    [/hooks\.slack\.com\/(?:services|workflows)\/([A-Za-z0-9+/]{20,120})/g, ['hooks.slack.com/']],
    // A quantifier makes the character before it optional (or repeated): it is not required as written.
    [/\babc?d/g, ['ab']],
    [/\babc*d/g, ['ab']],
    [/\babc{0,2}d/g, ['ab']],
    // An escape that is a class (\d, \w) ends the run; nothing before it: no literal, the regex always runs.
    [/\b\d{4}-x/g, null],
    [/[A-Z]{4}KEY/g, null],
    [/\b(?:AKIA|[A-Z]{4})x/g, null],
    [/abc|[0-9]/g, null],
    [/\bsecret_[a-z]+/gi, null],
  ];
  for (const [pattern, expected] of cases) {
    test(`${pattern} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(leadingLiterals(pattern), expected);
    });
  }

  test('every provider key shape has literals (so the prefilter applies to each)', () => {
    for (const shape of KEY_SHAPES) assert.ok(leadingLiterals(shape.pattern)?.length, shape.kind);
  });
});

describe('every match of a provider key shape holds one of its literals', () => {
  // Text built from the shapes' own literals, their alphabets and separators, so that
  // matches (and near-matches) of every shape are frequent.
  const pieces = [...new Set(KEY_SHAPES.flatMap((shape) => leadingLiterals(shape.pattern) ?? []))];
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
        for (const shape of KEY_SHAPES) {
          const literals = leadingLiterals(shape.pattern)!;
          for (const match of input.matchAll(new RegExp(shape.pattern.source, shape.pattern.flags))) {
            assert.ok(literals.some((literal) => match[0].includes(literal)), `${shape.kind}: ${match[0]}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
