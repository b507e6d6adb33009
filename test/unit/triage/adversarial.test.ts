// Hostile input must classify without error: long runs of near-matches, a
// megabyte on one line, binary junk. The assertions are on outcomes; the
// time it takes is measured in bench/classify.ts, never here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import { FAMILIES } from '../../../src/triage/registry.ts';

const KIB = 1024;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

// Each unit repeats to 64 KiB; the expected family is what the repetition really says.
const NEAR_MATCHES: Record<string, string> = {
  'almost a password failure': 'password authentication fai ',
  'unterminated quoted role names': 'role "aaaaaaaaaaaaaaaaaaaaaaaa',
  'escapes without an end': '\\\\\\\\\\"\\u001b[',
  'ANSI openers without a final byte': '\u001b[0;1;2;3;4;5;6;7;8;9;',
  'almost an errno': 'ECONNREFUSE ENOTFOUN ETIMEDOU ',
  'almost a SQLSTATE label': 'SQLSTATE[0800 code: 5330 ',
  'prepared statements that never close their quote': 'prepared statement "s',
  'whitespace between the words of a phrase': 'password \t \t \t \t \t \t ',
  'underscored names that look like settings': 'DATABASE_abcd_',
  'a missing variable that is never named': 'Missing environment variable ',
  'object names that never say does not exist': 'type "a" function ',
};

test('64 KiB of pg_hba lines that never say whether TLS was used read as the truncated pg_hba rejection', () => {
  const result = triage(fill('no pg_hba.conf entry for host "10.0.0.1", user "a", ', 64 * KIB));
  assert.equal(result.family, 'ssl_required');
  assert.equal(result.alternatives[0]?.family, 'auth_failed');
});

for (const [title, unit] of Object.entries(NEAR_MATCHES)) {
  test(`64 KiB of ${title} classify as unknown without error`, () => {
    const result = triage(fill(unit, 64 * KIB));
    assert.equal(result.family, 'unknown');
  });
}

test('a 1 MB single line with the error at its end is classified from its tail', () => {
  const text = fill('a', 1024 * KIB) + ' FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute';
  const result = triage(text);
  assert.equal(result.family, 'too_many_connections');
  assert.equal(result.redactedText.length, text.length);
  for (const e of result.evidence) assert.equal(result.redactedText.slice(e.start, e.end), e.text);
});

test('a 1 MB line of one repeated real error is classified', () => {
  const result = triage(fill('Error: Connection terminated unexpectedly ', 1024 * KIB));
  assert.equal(result.family, 'stale_connection');
  assert.ok(result.evidence.length <= 5);
});

test('random binary junk is unknown, its redacted text as long as the input', () => {
  let seed = 0x2545f491;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  for (let round = 0; round < 8; round++) {
    let junk = '';
    for (let i = 0; i < 64 * KIB; i++) junk += String.fromCharCode(next() % 0x10000);
    const result = triage(junk);
    // No wording of any client is in it: naming a family would be a false positive.
    assert.equal(result.family, 'unknown', JSON.stringify(result.evidence.map((e) => e.rule)));
    assert.equal(result.redactedText.length, junk.length);
    for (const e of result.evidence) assert.equal(result.redactedText.slice(e.start, e.end), e.text);
  }
});

// Two long bounded quantifiers over overlapping classes side by side
// (`[^\n]{1,200}[^]{0,800}?`) are tried in up to 200 x 800 ways wherever the
// words before them occur and the words after them do not: batch 23 brought
// one, and 64 KiB of .NET SocketException lines took 1,665x a linear scan
// (bench/classify.ts). One quantifier says the same (`[^\n][^]{0,999}?`).
test('no family pattern puts two long bounded quantifiers over character classes side by side', () => {
  const SIDE_BY_SIDE = /(\[\^[^\]]*\]|\.)\{\d+,(\d+)\}\??(\[\^[^\]]*\]|\.|\[\\s\\S\])\{\d+,(\d+)\}/g;
  const offending: string[] = [];
  for (const family of FAMILIES) {
    for (const { id, pattern } of [...family.patterns, ...(family.nearMisses ?? [])]) {
      for (const m of pattern.source.matchAll(SIDE_BY_SIDE)) {
        if (Number(m[2]) >= 50 && Number(m[4]) >= 50) offending.push(`${family.meta.id}/${id}: ${m[0]}`);
      }
    }
  }
  assert.deepEqual(offending, []);
  // The check itself sees the shape it is for.
  assert.equal([...'SocketException: [^\\n]{1,200}[^]{0,800}?\\bNpgsql'.matchAll(SIDE_BY_SIDE)].length, 1);
});
