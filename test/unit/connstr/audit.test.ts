// auditConnectionString: the contract body of `pgtriage parse --json`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { keywordSince } from '../../../src/connstr/libpq-options.ts';
import { loadLibpqFixtures } from './libpq-fixtures.ts';

const fixtures = loadLibpqFixtures();
const NEON = 'ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech';
const NEON_POOLER = 'ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech';
const PW = 's3cr3t-FAKE';

// The audit redacts greedily (a password may hold '/', '?' and '@', so
// anything that could be a piece of one is cut): its message must be libpq's
// with some spans replaced by <redacted>, never with other words.
function sameMessageModuloRedaction(shown: string, libpq: string): boolean {
  const pattern = shown.split('<redacted>').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(libpq);
}

function agreesWithLibpq(id: string, input: string, libpqMajor: number): boolean {
  const want = fixtures.parseById.get(id);
  if (want === undefined) return false;
  const report = auditConnectionString(input, { libpqMajor });
  if (report.ok !== want.ok) return false;
  if (!report.ok) {
    if (report.error === undefined || want.error === undefined) return false;
    return want.error_sha256 !== undefined || sameMessageModuloRedaction(report.error.message, want.error);
  }
  const got = report.libpq ?? {};
  const expected = want.parsed ?? {};
  if (Object.keys(got).join() !== Object.keys(expected).join()) return false;
  // Values libpq holds secret pieces in are redacted on both sides, maybe differently.
  return Object.keys(expected).every((k) => k === 'password' || want.secret_sha256?.[k] !== undefined || got[k] === expected[k]);
}

describe('the audit reports libpq\'s own verdict and keyword map', () => {
  test(`with the oracle's libpq ${fixtures.major} keywords it agrees on every fixture`, (t) => {
    const disagree = fixtures.inputs.filter(({ id, input }) => !agreesWithLibpq(id, input, fixtures.major)).map((f) => f.id);
    t.diagnostic(`audit agreement with libpq ${fixtures.version}: ${fixtures.inputs.length - disagree.length}/${fixtures.inputs.length}`);
    assert.deepEqual(disagree, []);
  });

  test('with the default libpq 17 keywords it differs only where a 16/17 keyword is used', (t) => {
    const disagree = fixtures.inputs.filter(({ id, input }) => !agreesWithLibpq(id, input, 17));
    t.diagnostic(`default (libpq 17 keywords) agreement with libpq ${fixtures.version}: ${fixtures.inputs.length - disagree.length}/${fixtures.inputs.length}`);
    for (const { input } of disagree) {
      const report = auditConnectionString(input);
      assert.ok(report.ok && report.libpqVersion.minimum >= 16, input);
      assert.ok(report.findings.some((f) => f.id === 'needs_newer_libpq'), input);
    }
    assert.ok(disagree.length > 0);
  });

  test('a libpq 16 keyword is accepted and flagged with the version it needs', () => {
    const report = auditConnectionString(`postgresql://u@${NEON}/db?sslmode=require&require_auth=scram-sha-256`);
    assert.equal(report.ok, true);
    assert.equal(report.libpq?.require_auth, 'scram-sha-256');
    assert.equal(report.libpqVersion.minimum, keywordSince('require_auth'));
    const finding = report.findings.find((f) => f.id === 'needs_newer_libpq');
    assert.match(finding?.message ?? '', /libpq 16 or newer.*invalid URI query parameter: "require_auth"/);
  });
});

describe('the report has the contract shape', () => {
  test('a parsed string has libpq, parts and findings, and no error', () => {
    const report = auditConnectionString(`postgresql://neondb_owner:${PW}@${NEON}:5432/neondb?sslmode=require`);
    assert.equal(report.ok, true);
    assert.equal(report.error, undefined);
    assert.deepEqual(report.libpq, { user: 'neondb_owner', password: '<redacted>', dbname: 'neondb', host: NEON, port: '5432', sslmode: 'require' });
    assert.deepEqual(report.parts, {
      scheme: 'postgresql',
      user: 'neondb_owner',
      password: { present: true, where: 'userinfo' },
      hosts: [{ host: NEON, port: '5432', kind: 'name' }],
      dbname: 'neondb',
      params: { sslmode: 'require' },
    });
    assert.deepEqual(report.explain?.map((e) => e.part), ['driver', 'user', 'password', 'host', 'database', 'parameters']);
    assert.equal(report.explain?.find((e) => e.part === 'password')?.value, 'present (in the userinfo)');
  });

  test('a rejected string has an error with libpq\'s reason and no libpq map', () => {
    const report = auditConnectionString('host=h port');
    assert.equal(report.ok, false);
    assert.deepEqual(report.error, { code: 'missing_equals', message: 'missing "=" after "port" in connection info string' });
    assert.equal(report.libpq, undefined);
    assert.ok(report.findings.some((f) => f.id === 'libpq_rejects'));
  });

  test('an error that quotes the password quotes it redacted', () => {
    const report = auditConnectionString('postgresql://u:p%zz-FAKE@h/db');
    assert.deepEqual(report.error, { code: 'invalid_percent_encoding', message: 'invalid percent-encoded token: "<redacted>"' });
  });

  test('a bad libpq parameter after a password is not mistaken for part of the password', () => {
    const report = auditConnectionString('postgresql://h/db?password=s3cr3t-FAKE&sslmode=%%FF');
    assert.deepEqual(report.error, { code: 'invalid_percent_encoding', message: 'invalid percent-encoded token: "%%FF"' });
    assert.equal(report.redacted, 'postgresql://h/db?password=<redacted>&sslmode=%%FF');
  });

  test('an unterminated IPv6 address is quoted as libpq quotes it', () => {
    assert.equal(auditConnectionString('postgresql://[::1').error?.message, 'end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://[::1"');
  });

  test('a .env line is rejected as pasted and audited as meant', () => {
    const report = auditConnectionString(`DATABASE_URL="postgresql://u:${PW}@${NEON}/neondb?sslmode=require"`);
    assert.equal(report.ok, false);
    assert.equal(report.form, 'env_line');
    assert.equal(report.meant?.ok, true);
    assert.equal(report.meant?.text, `postgresql://u:<redacted>@${NEON}/neondb?sslmode=require`);
    assert.equal(report.meant?.libpq?.host, NEON);
  });

  test('input longer than the limit is refused, not parsed', () => {
    const report = auditConnectionString(`host=${'h'.repeat(200_000)}`);
    assert.equal(report.ok, false);
    assert.equal(report.error?.code, 'input_too_long');
  });
});

// input, finding ids that must appear, finding ids that must not.
const FINDINGS: Array<[string, string, string[], string[]]> = [
  ['a live Neon password is flagged for rotation', `postgresql://u:${PW}@${NEON}/neondb?sslmode=require`, ['secret_exposed'], ['placeholder_password', 'sslmode_missing']],
  ['a Supabase placeholder is a placeholder, not an exposed secret', 'postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnopqrst.supabase.co:5432/postgres', ['placeholder_password'], ['secret_exposed']],
  ['a masked password is a placeholder', `postgresql://u:****@${NEON}/db?sslmode=require`, ['placeholder_password'], ['secret_exposed']],
  ['an unexpanded variable is a placeholder', 'postgresql://u:${DB_PASSWORD}@h/db?sslmode=require', ['placeholder_password'], ['secret_exposed']],
  ['postgres:postgres is a guessable password, and the scheme stays readable', 'postgresql://postgres:postgres@localhost:5432/postgres', ['password_equals_user', 'secret_exposed'], []],
  ['no password at all is noted', `postgresql://u@${NEON}/neondb?sslmode=require`, ['password_missing'], ['secret_exposed']],
  ['a Neon host without sslmode is an error', `postgresql://u@${NEON}/neondb`, ['sslmode_missing', 'node_postgres_differs'], []],
  ['sslmode=disable on Neon is an error', `postgresql://u@${NEON}/neondb?sslmode=disable`, ['sslmode_weak'], ['sslmode_missing']],
  ['requiressl=0 is a weak sslmode and an alias', 'postgresql://h/db?requiressl=0', ['sslmode_weak', 'ssl_alias'], []],
  ['ssl=true is translated to sslmode=require', 'postgresql://h/db?ssl=true', ['ssl_alias'], ['sslmode_missing', 'non_libpq_parameter']],
  ['a bogus sslmode is refused before connecting', 'postgresql://h/db?sslmode=bogus', ['value_rejected'], []],
  ['a port that is not a number is misread and refused', 'postgresql://h:5432:6543/db', ['port_misread', 'value_rejected'], []],
  ['a repeated sslmode: the last one wins, ssl=true included', 'postgresql://h/db?sslmode=disable&ssl=true', ['repeated_parameter'], ['sslmode_weak']],
  ['a connect_timeout with a unit is refused when connecting', 'postgresql://h/db?sslmode=require&connect_timeout=10s', ['value_rejected'], []],
  ['a repeated port: the last one wins', 'postgresql://h:5432/db?port=6543', ['port_misread'], []],
  ['an encoded space in the database name is deliberate', 'postgresql://h/my%20db?sslmode=require', [], ['database_misread']],
  ['a search_path inside a quoted options value is not a parameter', "host=h sslmode=require options='-c search_path=app'", [], ['non_libpq_parameter']],
  ['a URI with a password inside dbname= is still an exposed secret', 'dbname=postgresql://u:s3cr3t-FAKE@h/db', ['secret_exposed'], []],
  ['a password libpq never reached is still an exposed secret', "host=h password='s3cr3t-FAKE", ['secret_exposed', 'libpq_rejects'], []],
  ['a JDBC-style ;param lands in the database name', 'postgresql://h/db;sslmode=require', ['database_misread'], []],
  ['no database means the user name', 'postgresql://alice@h?sslmode=require', ['database_misread'], []],
  ['a pooler host explains transaction mode and offers the direct host', `postgresql://u@${NEON_POOLER}/neondb?sslmode=require`, ['neon_pooler', 'neon_endpoint_sni'], []],
  ['an endpoint option naming another endpoint is an error', `postgresql://u@${NEON}/neondb?sslmode=require&options=endpoint%3Dep-other-1`, ['neon_endpoint_sni'], []],
  ['sslsni=0 on Neon is an error', `postgresql://u@${NEON}/neondb?sslmode=require&sslsni=0`, ['neon_endpoint_sni'], []],
  ['Neon without channel_binding is noted', `postgresql://u@${NEON}/neondb?sslmode=require`, ['channel_binding'], []],
  ['channel_binding=require with sslmode=disable is an error', 'postgresql://h/db?sslmode=disable&channel_binding=require', ['channel_binding'], []],
  ['an unencoded @ in the password needs percent-encoding', `postgresql://u:p@ss-FAKE@${NEON}/db?sslmode=require`, ['percent_encoding_needed', 'node_postgres_differs'], []],
  ['an unencoded / in the password needs percent-encoding', 'postgresql://u:p/ss-FAKE@h/db', ['percent_encoding_needed'], []],
  ['an encoded password needs nothing', 'postgresql://u:p%40ss-FAKE@h/db?sslmode=require', [], ['percent_encoding_needed']],
  ['a trailing newline is whitespace that libpq keeps', `postgresql://u@h/db?sslmode=require\n`, ['whitespace', 'value_rejected'], []],
  ['a zero-width space is an invisible character', 'postgresql://u@h/db\u200b', ['whitespace'], []],
  ['a quoted URI is flagged', `"postgresql://u@h/db"`, ['quotes'], []],
  ['localhost with Neon-style settings is suspicious', 'postgresql://neondb_owner@localhost/neondb?sslmode=require', ['localhost_host'], ['sslmode_missing']],
  ['Prisma parameters are not libpq parameters', 'postgresql://u@h/db?sslmode=require&pgbouncer=true&connection_limit=1&schema=public', ['non_libpq_parameter', 'libpq_rejects'], []],
  ['uselibpqcompat is node-postgres only', 'postgresql://h/db?uselibpqcompat=true&sslmode=require', ['non_libpq_parameter'], []],
  ['a JDBC URL is explained', `jdbc:postgresql://h:5432/db?user=u&password=${PW}&ssl=true`, ['jdbc_url', 'secret_exposed'], []],
  ['a SQLAlchemy asyncpg URL is explained', 'postgresql+asyncpg://u@h/db', ['sqlalchemy_url'], []],
  ['postgres:// is noted for SQLAlchemy users', 'postgres://u@h/db?sslmode=require', ['sqlalchemy_url'], []],
  ['an upper-case scheme is not recognised by libpq', 'PostgreSQL://h/db', ['scheme_unrecognised'], []],
  ['mysql:// is not a PostgreSQL URI', 'mysql://u@h/db', ['scheme_unrecognised'], []],
  ['a psql command line is unwrapped', `psql 'postgresql://u@h/db?sslmode=require'`, ['shell_command'], []],
  ['keyword/value strings are unreadable for node-postgres', 'host=h dbname=db sslmode=require', ['node_postgres_differs'], []],
  ['an empty string is flagged', '', ['empty_input'], []],
  ['a NUL ends the string for libpq', 'host=h\u0000 port=1', ['nul_byte'], []],
];

describe('findings', () => {
  for (const [title, input, present, absent] of FINDINGS) {
    test(title, () => {
      const ids = auditConnectionString(input).findings.map((f) => f.id);
      for (const id of present) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
      for (const id of absent) assert.ok(!ids.includes(id), `${id} unexpected in ${ids.join(', ')}`);
    });
  }

  test('the percent-encoding fix shows the corrected string with the password still redacted', () => {
    const fix = auditConnectionString('postgresql://user@corp.com:p@ss-FAKE@h/db').findings.find((f) => f.id === 'percent_encoding_needed')?.fix ?? '';
    assert.match(fix, /postgresql:\/\/user%40corp\.com:<redacted>@h\/db/);
    assert.ok(!fix.includes('ss-FAKE'));
  });

  test('the pooler finding offers the same string on the direct host', () => {
    const fix = auditConnectionString(`postgresql://u:${PW}@${NEON_POOLER}/neondb?sslmode=require`).findings.find((f) => f.id === 'neon_pooler')?.fix ?? '';
    assert.ok(fix.endsWith(`postgresql://u:<redacted>@${NEON}/neondb?sslmode=require`));
  });

  test('the SNI finding offers options=endpoint%3D<endpoint-id>', () => {
    const fix = auditConnectionString(`postgresql://u@${NEON}/neondb?sslmode=require`).findings.find((f) => f.id === 'neon_endpoint_sni')?.fix ?? '';
    assert.ok(fix.endsWith('&options=endpoint%3Dep-cool-darkness-a1b2c3d4'));
  });

  test('a password that is also the user name is redacted where it is the password, not everywhere', () => {
    const report = auditConnectionString('postgresql://postgres:postgres@localhost:5432/postgres');
    assert.equal(report.redacted, 'postgresql://postgres:<redacted>@localhost:5432/postgres');
    assert.equal(report.libpq?.password, '<redacted>');
    assert.equal(report.parts?.user, 'postgres');
  });

  test('a bracketed placeholder is reported as a placeholder, not as characters to encode', () => {
    const ids = auditConnectionString('postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnopqrst.supabase.co:5432/postgres').findings.map((f) => f.id);
    assert.ok(!ids.includes('percent_encoding_needed'));
  });

  test('findings come sorted by severity: errors first', () => {
    const order = { error: 0, warn: 1, info: 2 };
    const severities = auditConnectionString(`postgresql://u:p@ss-FAKE@${NEON_POOLER}/neondb`).findings.map((f) => order[f.severity]);
    assert.deepEqual(severities, [...severities].sort((a, b) => a - b));
  });
});
