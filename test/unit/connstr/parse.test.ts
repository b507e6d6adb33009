// Differential test: every committed libpq fixture must get libpq's verdict,
// keyword map (same order, same values, password compared by sha256) and, on
// failure, libpq's exact reason (compared by sha256 where it quotes a secret).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseConninfo } from '../../../src/connstr/parse.ts';
import { loadLibpqFixtures } from './libpq-fixtures.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const fixtures = loadLibpqFixtures();

function disagreement(id: string, input: string): string | undefined {
  const want = fixtures.parseById.get(id);
  if (want === undefined) return 'no oracle record';
  const got = parseConninfo(input, { libpqMajor: fixtures.major });
  if (got.ok !== want.ok) return `verdict ${got.ok} vs libpq ${want.ok}`;
  if ((got.truncatedAtNul ?? null) !== (want.truncated_at_nul ?? null)) return 'NUL truncation differs';
  if (!got.ok) {
    const same = want.error_sha256 !== undefined ? sha256(got.error.rawMessage) === want.error_sha256 : got.error.rawMessage === want.error;
    return same ? undefined : `error differs: libpq says ${JSON.stringify(want.error)}`;
  }
  const wantParsed = want.parsed ?? {};
  if (Object.keys(got.options).join(',') !== Object.keys(wantParsed).join(',')) {
    return `keywords ${Object.keys(got.options).join(',')} vs libpq ${Object.keys(wantParsed).join(',')}`;
  }
  for (const [key, value] of Object.entries(got.options)) {
    const hashed = want.secret_sha256?.[key];
    if (hashed !== undefined ? sha256(value) !== hashed : value !== wantParsed[key]) return `value of ${key} differs`;
    if ((got.nonUtf8Hex[key] ?? null) !== (want.non_utf8_hex?.[key] ?? null) && hashed === undefined) return `bytes of ${key} differ`;
  }
  return undefined;
}

describe(`the parser agrees with libpq ${fixtures.version} on every committed fixture`, () => {
  test(`all ${fixtures.inputs.length} fixtures get libpq's verdict, keyword map and reason`, (t) => {
    const offences = fixtures.inputs
      .map(({ id, input }) => ({ id, why: disagreement(id, input) }))
      .filter((o) => o.why !== undefined);
    const agree = fixtures.inputs.length - offences.length;
    t.diagnostic(`agreement with libpq ${fixtures.version}: ${agree}/${fixtures.inputs.length}`);
    assert.deepEqual(offences, []);
  });

  test('the fixtures cover both forms, both verdicts and each libpq error wording', () => {
    const records = [...fixtures.parseById.values()];
    const wordings = [
      'invalid connection option',
      'missing "=" after',
      'unterminated quoted string',
      'invalid percent-encoded token',
      'forbidden value %00',
      'end of string reached when looking for matching "]"',
      'IPv6 host address may not be empty',
      'unexpected character',
      'missing key/value separator',
      'extra key/value separator',
      'invalid URI query parameter',
    ];
    for (const wording of wordings) assert.ok(records.some((r) => r.error?.includes(wording)), wording);
    assert.ok(records.filter((r) => r.ok).length > 200);
    assert.ok(records.filter((r) => !r.ok).length > 100);
  });
});

describe('parseConninfo beyond the oracle version', () => {
  const cases: Array<[string, string, number, boolean]> = [
    ['require_auth is rejected by libpq 15', 'postgresql://h/db?require_auth=scram-sha-256', 15, false],
    ['require_auth is accepted by libpq 16', 'postgresql://h/db?require_auth=scram-sha-256', 16, true],
    ['load_balance_hosts is accepted by libpq 16', 'host=h1,h2 load_balance_hosts=random', 16, true],
    ['sslnegotiation is rejected by libpq 16', 'host=h sslnegotiation=direct', 16, false],
    ['sslnegotiation is accepted by libpq 17', 'host=h sslnegotiation=direct', 17, true],
  ];
  for (const [title, input, major, ok] of cases) {
    test(title, () => assert.equal(parseConninfo(input, { libpqMajor: major }).ok, ok));
  }

  test('the libpq 17 keyword set is the default', () => {
    assert.equal(parseConninfo('host=h sslnegotiation=direct').ok, true);
  });
});
