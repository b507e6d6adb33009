// redact.ts: credential patterns and secret fragments.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactFragments, redactText, secretsByPattern, withPieces } from '../../../src/connstr/redact.ts';

const PATTERNS: Array<[string, string, string]> = [
  ['a URI password', 'postgresql://u:s3cr3t-FAKE@h/db', 'postgresql://u:<redacted>@h/db'],
  ['a URI password holding an unencoded @, up to the last @', 'postgresql://u:p@ss-FAKE@h/db', 'postgresql://u:<redacted>@h/db'],
  ['an empty URI password stays empty', 'postgresql://u:@h/db', 'postgresql://u:@h/db'],
  ['a query password', 'postgresql://h/db?user=u&password=s3cr3t-FAKE&sslmode=require', 'postgresql://h/db?user=u&password=<redacted>&sslmode=require'],
  ['a query password continued by an &-segment without =', 'postgresql://h/db?password=ab&cd-FAKE&sslmode=require', 'postgresql://h/db?password=<redacted>&sslmode=require'],
  ['a quoted keyword/value password, its quotes kept', "host=h password='a b-FAKE' port=1", "host=h password='<redacted>' port=1"],
  ['an unquoted keyword/value password and the bare words after it', 'host=h password=a b-FAKE port=1', 'host=h password=<redacted> port=1'],
  ['an ADO.NET password', 'Server=h;Password=s3cr3t-FAKE;Database=db', 'Server=h;Password=<redacted>;Database=db'],
  ['an env-line password, its quotes kept', 'PGPASSWORD="s3cr3t FAKE"', 'PGPASSWORD="<redacted>"'],
  ['a password inside a libpq error', 'invalid connection option "postgresql://u:pw-FAKE@h/db?sslmode"', 'invalid connection option "postgresql://u:<redacted>@h/db?sslmode"'],
];

describe('redactText', () => {
  for (const [title, input, want] of PATTERNS) test(`redacts ${title}`, () => assert.equal(redactText(input), want));

  test('redacts a known fragment wherever it appears', () => {
    assert.equal(redactText('host "ss-FAKE@h" not found', ['ss-FAKE']), 'host "<redacted>@h" not found');
  });

  test('leaves text without credentials alone', () => {
    const text = 'connection to server at "localhost" (::1), port 5432 failed: Connection refused';
    assert.equal(redactText(text), text);
  });
});

describe('redactFragments', () => {
  test('keeps a one-letter piece of a longer secret out of free text', () => {
    assert.equal(redactFragments('postgresql://u:p@ss-FAKE@h', ['p', 'p@ss-FAKE']), 'postgresql://u:<redacted>@h');
  });

  test('cuts even short pieces out of a value when asked to', () => {
    assert.equal(redactFragments('ss@h', ['ss'], { keepPieces: true }), '<redacted>@h');
  });
});

describe('withPieces and secretsByPattern', () => {
  test('splits a secret at reserved characters into pieces of three or more', () => {
    assert.deepEqual(withPieces(['ab@cdef/gh']), ['ab@cdef/gh', 'cdef']);
  });

  test('reports what the patterns cut', () => {
    assert.deepEqual(secretsByPattern('postgresql://u:pw-FAKE@h/db?password=other-FAKE').sort(), ['other-FAKE', 'pw-FAKE']);
  });
});
