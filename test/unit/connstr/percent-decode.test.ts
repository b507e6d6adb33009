// percent-decode.ts: libpq's conninfo_uri_decode on bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteOffset, firstByteAsPrinted, percentDecode } from '../../../src/connstr/percent-decode.ts';

const CASES: Array<[string, string, ReturnType<typeof percentDecode>]> = [
  ['leaves text without % alone', 'abc', { ok: true, value: 'abc' }],
  ['decodes either hex case', '%2f%2F', { ok: true, value: '//' }],
  ['joins bytes into UTF-8', '%C3%A9t%C3%A9', { ok: true, value: 'été' }],
  ['renders bytes that are not UTF-8 as \\xNN and keeps them as hex', 'a%FFb', { ok: true, value: 'a\\xffb', nonUtf8Hex: '61ff62' }],
  ['refuses % without two hex digits', 'p%zz', { ok: false, reason: 'invalid_token' }],
  ['refuses a % at the end', 'p%', { ok: false, reason: 'invalid_token' }],
  ['refuses %00', 'a%00', { ok: false, reason: 'forbidden_nul' }],
];
for (const [title, input, want] of CASES) test(`percentDecode ${title}`, () => assert.deepEqual(percentDecode(input), want));

test('positions are counted in UTF-8 bytes, as libpq reports them', () => assert.equal(byteOffset('éa', 1), 2));
test('a non-ASCII character is printed as its first byte, as C %c does', () => assert.equal(firstByteAsPrinted('é', 0), '\\xc3'));
