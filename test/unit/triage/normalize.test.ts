import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize, toInputSpan } from '../../../src/triage/normalize.ts';

test('a line that ends in a blank is joined to the next, as a terminal or web page wrapped it', () => {
  const input = 'QueryFailedError: relation "match" \ndoes not exist';
  const { text } = normalize(input);
  assert.equal(text, 'QueryFailedError: relation "match" does not exist');
});

test('a line that ends in a word keeps its line break', () => {
  const input = 'Traceback (most recent call last):\n  File "app.py", line 3';
  assert.equal(normalize(input).text, input);
});

test('a joined line still maps every character back to the input', () => {
  const input = 'relation "match" \r\ndoes not exist';
  const normalized = normalize(input);
  const start = normalized.text.indexOf('does');
  const span = toInputSpan(normalized, input, start, start + 'does not exist'.length);
  assert.equal(input.slice(span.start, span.end), 'does not exist');
});
