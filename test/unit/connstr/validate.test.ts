// libpq's checks before the network, against the oracle's --connect-check
// fixtures (PQconnectStart in an isolated namespace), then version-specific
// rules the libpq 15 oracle cannot show.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConninfo } from '../../../src/connstr/parse.ts';
import { redactText } from '../../../src/connstr/redact.ts';
import { parseLibpqInt, validateLaterLikeLibpq, validateLikeLibpq } from '../../../src/connstr/validate.ts';
import { loadLibpqFixtures } from './libpq-fixtures.ts';

const fixtures = loadLibpqFixtures();

describe(`value checks agree with libpq ${fixtures.version} before the network`, () => {
  test('every parsed fixture gets the same pre-network errors (service lookups excepted)', (t) => {
    const offences: string[] = [];
    let compared = 0;
    let excluded = 0;
    for (const { id, input } of fixtures.inputs) {
      const want = fixtures.checkById.get(id);
      const parsed = parseConninfo(input, { libpqMajor: fixtures.major });
      if (want === undefined || !parsed.ok || want.pre_network_errors === undefined) continue;
      // A service name is looked up in files of the machine, not in the string.
      if (parsed.options.service !== undefined) {
        excluded++;
        continue;
      }
      compared++;
      // The oracle splits libpq's message into lines, so a value holding a
      // newline spans two; and the tail of a DNS error for a host name with a
      // newline (`" to address: ...`) lands among the pre-network lines.
      const got = validateLikeLibpq(parsed.options, fixtures.major)
        .flatMap((e) => redactText(e, parsed.secretFragments).split('\n'))
        .filter((l) => l.trim() !== '');
      const expected = want.pre_network_errors.filter((l) => !l.startsWith('" to address: '));
      if (JSON.stringify(got) !== JSON.stringify(expected)) offences.push(`${id}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
    }
    t.diagnostic(`pre-network agreement: ${compared - offences.length}/${compared} (${excluded} with service= excluded)`);
    assert.ok(compared > 300);
    assert.deepEqual(offences, []);
  });
});

describe('validateLikeLibpq', () => {
  const cases: Array<[string, Record<string, string>, number, string[]]> = [
    ['accepts a plain Neon setting', { host: 'ep-x.aws.neon.tech', sslmode: 'require', channel_binding: 'require' }, 17, []],
    ['rejects a weak sslmode with sslrootcert=system from libpq 16', { sslmode: 'require', sslrootcert: 'system' }, 16, ['weak sslmode "require" may not be used with sslrootcert=system (use "verify-full")']],
    ['allows a weak sslmode with sslrootcert=system in libpq 15', { sslmode: 'require', sslrootcert: 'system' }, 15, []],
    ['rejects sslnegotiation=direct without a verifying or required sslmode', { sslnegotiation: 'direct' }, 17, ['weak sslmode "prefer" may not be used with sslnegotiation=direct (use "require", "verify-ca", or "verify-full")']],
    ['rejects an unknown load_balance_hosts value', { load_balance_hosts: 'yes' }, 16, ['invalid load_balance_hosts value: "yes"']],
    ['reports every host whose port is out of range', { host: 'a,b', port: '0,70000' }, 17, ['invalid port number: "0"', 'invalid port number: "70000"']],
    ['stops at a port that is not an integer', { host: 'a,b', port: 'x,0' }, 17, ['invalid integer value "x" for connection option "port"']],
    ['walks the hosts twice for prefer-standby', { host: 'a', port: '0', target_session_attrs: 'prefer-standby' }, 17, ['invalid port number: "0"', 'invalid port number: "0"']],
    ['defaults the TLS minimum to TLSv1.2 when checking the range', { ssl_max_protocol_version: 'TLSv1.1' }, 17, ['invalid SSL protocol version range']],
    ['takes inet_aton forms of hostaddr and refuses others', { host: 'a,b,c', hostaddr: '127.1,0x7f.0.0.1,256.1.1.1' }, 17, ['could not parse network address "256.1.1.1": Name or service not known']],
  ];
  for (const [title, options, major, errors] of cases) test(title, () => assert.deepEqual(validateLikeLibpq(options, major), errors));

  const ints: Array<[string, number | undefined]> = [[' 5432', 5432], ['5432 ', 5432], ['+5432', 5432], ['05432', 5432], ['5432abc', undefined], ['', undefined], ['99999999999', undefined]];
  for (const [text, n] of ints) test(`parses the port text ${JSON.stringify(text)} as libpq's strtol does`, () => assert.equal(parseLibpqInt(text), n));
});

test('connect_timeout and keepalive values are checked as libpq does when connecting', () => {
  assert.deepEqual(validateLaterLikeLibpq({ connect_timeout: '10s', keepalives: '1', keepalives_idle: ' 30 ' }), ['invalid integer value "10s" for connection option "connect_timeout"']);
});
