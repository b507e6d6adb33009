// The .pgpass scanner reads only the tokens (runs without whitespace but an
// escaped one) that hold four ':' (src/secrets/scanners/pgpass.ts), found with a
// few native searches per ':'. Whatever the text, it must find what it finds in
// each token read alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scanPgpassLines } from '../../../src/secrets/scanners/pgpass.ts';

// A token: non-whitespace, or whitespace right after a backslash that is not a line end.
const TOKEN = /(?:[^\s]|(?<=\\)[^\S\n\r\u2028\u2029])+/g;

function byToken(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKEN)].flatMap((m) => scanPgpassLines(m[0]).map((span) => ({ start: span.start + m.index, end: span.end + m.index })));
}

test('the spans found in a text are the spans found in each of its tokens alone', () => {
  const piece = fc.constantFrom('host:5432:db:user:', 'localhost:*:*:app:', 'h\\:x:1:d:u:', 'pw', 'abc', '12:00:00', '{"a":"b"}', ':', 'a', '1', '*', ' ', '\t', '\n', '\\', '\\:', '\\ ', '\\\\', '"', "'", '\u00a0', '\\\u00a0', '\r', '\u2028', 'h.x');
  let found = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      const spans = scanPgpassLines(text).map(({ start, end }) => ({ start, end }));
      found += spans.length;
      assert.deepEqual(spans, byToken(text));
    }),
    { numRuns: 5000 },
  );
  assert.ok(found > 300, `only ${found} lines found`);
});
