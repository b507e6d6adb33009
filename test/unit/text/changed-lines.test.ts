// The lines of a text view that differ from the input (src/text/changed-lines.ts): redaction's
// line scanners read only those on the view, so a line left out must be a line of the input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changedLines } from '../../../src/text/changed-lines.ts';
import { seeThrough } from '../../../src/text/view.ts';

function runsOf(input: string): string[] {
  const view = seeThrough(input);
  const runs = changedLines(view, input);
  const out: string[] = [];
  for (let i = 0; i < runs.length; i += 2) out.push(view.text.slice(runs[i], runs[i + 1]));
  return out;
}

test('a JSON log line among plain ones: only its lines', () => {
  const input = 'plain one\n{"msg":"Error: x\\n    at y\\n"}\nplain two\n';
  assert.deepEqual(runsOf(input), ['{"msg":"Error: x\n    at y\n"}\n']);
});

test('colours, carriage returns and entities change their line; a line after a decoded break is changed', () => {
  assert.deepEqual(runsOf('a\n\u001b[31mred\u001b[0m\nb'), ['red\n']);
  assert.deepEqual(runsOf('a\r\nb\nc'), ['a\n']);
  assert.deepEqual(runsOf('a\nx &amp; y\nb'), ['x & y\n']);
  assert.deepEqual(runsOf('a\\nb\nc'), ['a\nb\n']);
  assert.deepEqual(runsOf('plain\nplain'), []);
});

test('a line a backslash continues goes with the next, and the other way', () => {
  assert.deepEqual(runsOf('a\npassword="x\\\ny\\"z"\nb\n'), ['password="x\\\ny"z"\n']);
  assert.deepEqual(runsOf('a\\\n\u001b[1mb\nc'), ['a\\\nb\n']);
});

test('every view line outside the runs is the input line it maps to, boundaries included', () => {
  const piece = fc.constantFrom('a', 'pw', ' ', '\n', '\\', '\\n', '\\"', '"', '\r', '\u001b[31m', '&amp;', '&', '\\xc3\\xb3', '\\u0041', ':');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const input = pieces.join('');
      const view = seeThrough(input);
      const runs = changedLines(view, input);
      const inRun = (at: number): boolean => {
        for (let i = 0; i < runs.length; i += 2) if (at >= runs[i]! && at < runs[i + 1]!) return true;
        return false;
      };
      for (let start = 0; start < view.text.length; ) {
        const newline = view.text.indexOf('\n', start);
        const end = newline === -1 ? view.text.length : newline + 1;
        if (!inRun(start)) {
          const from = view.offsets[start]!;
          // The same characters at the same offsets, starting an input line, and (last line) ending the input.
          assert.equal(input.slice(from, from + end - start), view.text.slice(start, end));
          for (let k = start; k < end; k++) assert.equal(view.offsets[k], from + k - start);
          if (end === view.text.length) assert.equal(view.offsets[end], input.length);
          if (view.text[end - 1] === '\n') assert.equal(input[from + end - 1 - start], '\n');
          assert.ok(from === 0 || input[from - 1] === '\n');
        }
        start = end;
      }
    }),
    { numRuns: 3000 },
  );
});
