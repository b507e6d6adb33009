// The text view's decoding of \xNN byte escapes (Apache's error log, Python bytes reprs): a valid UTF-8 run
// reads as its characters and maps back to the escapes it came from; anything else stays as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seeThrough, toInputSpan } from '../../../src/text/view.ts';

test('a UTF-8 run of \\xNN escapes reads as its characters (XSCE/xsce#901, Apache ap_escape_logitem)', () => {
  const input = 'la autentificaci\\xc3\\xb3n password fall\\xc3\\xb3 para el usuario \\xc2\\xabAdmin\\xc2\\xbb';
  const view = seeThrough(input);
  assert.equal(view.text, 'la autentificación password falló para el usuario «Admin»');
  const at = view.text.indexOf('autentificación');
  const span = toInputSpan(view, input, at, at + 'autentificación'.length);
  assert.equal(input.slice(span.start, span.end), 'autentificaci\\xc3\\xb3n');
});

test('the same run JSON-escaped once or twice reads the same', () => {
  assert.equal(seeThrough('fall\\\\xc3\\\\xb3').text, 'falló');
  assert.equal(seeThrough('fall\\\\\\\\xc3\\\\\\\\xb3').text, 'falló');
});

test('a four-byte character maps both of its code units to its first escape', () => {
  const input = 'x \\xf0\\x9f\\x98\\x80 y';
  const view = seeThrough(input);
  assert.equal(view.text, 'x 😀 y');
  assert.equal(view.offsets[2], 2);
  assert.equal(view.offsets[3], 2);
  assert.equal(view.offsets[4], input.indexOf(' y'));
});

test('escapes that are not a non-ASCII UTF-8 run stay as written', () => {
  for (const input of ['C:\\xampp\\htdocs', 'a lone \\x80 byte', 'ascii \\x41\\x42', 'cut \\xc3 off', 'half \\xc']) {
    assert.equal(seeThrough(input).text, input.replace(/\\\\/g, '\\'), input);
  }
});
