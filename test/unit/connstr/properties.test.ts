// Property tests (fast-check): the audit never throws, always answers with a
// verdict and a reason, and never lets a password out.
//
// How "no leak" is asserted: passwords are built from letters that nothing
// else in the generated strings or in the audit's own wording uses in runs
// (Q Z J K V), possibly with reserved characters mixed in. Every run of two
// or more of those letters in the password must be absent from the JSON
// report and from the text format: wherever a reader cuts the password, no
// piece of it may survive.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { findConnectionStrings } from '../../../src/connstr/find.ts';
import { formatConnstrReport } from '../../../src/connstr/format.ts';
import { longPastes } from '../../support/long-pastes.ts';
import { isPlaceholder } from '../../../src/secrets/placeholder.ts';

const RUNS = 400;
const SECRET_LETTERS = 'QZJKV';
const RESERVED = ['@', ':', '/', '?', '#', '&', '=', '%', ' ', "'", '"', '\\', '[', ']', ',', '+', '$'];

const secretRun = fc.string({ unit: fc.constantFrom(...SECRET_LETTERS), minLength: 2, maxLength: 12 });
const passwordOf = (reserved: readonly string[]) =>
  fc
    .tuple(secretRun, fc.array(fc.tuple(fc.constantFrom(...reserved), secretRun), { maxLength: 3 }))
    .map(([head, rest]) => head + rest.map(([sep, run]) => sep + run).join(''));
const password = passwordOf(RESERVED);
// In a query an unencoded '&' IS a parameter separator: "password=a&b=c"
// sets two parameters for every reader, so no reader can know "b=c" was
// meant as password. Query embeddings therefore draw passwords without '&'
// (a lone '&' continuation is still covered: see redact.test.ts).
const queryPassword = passwordOf(RESERVED.filter((c) => c !== '&'));
const word = fc.string({ unit: fc.constantFrom(...'abcdefghimnoprstu0123456789-'), minLength: 1, maxLength: 10 });

function kvQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// Every way a password reaches the audit in real pastes.
const embeddings: Array<[string, (pw: string, user: string, host: string, db: string) => string, boolean?]> = [
  ['raw in the URI userinfo', (pw, u, h, d) => `postgresql://${u}:${pw}@${h}/${d}?sslmode=require`],
  ['encoded in the URI userinfo', (pw, u, h, d) => `postgresql://${u}:${encodeURIComponent(pw)}@${h}/${d}`],
  ['raw in the URI query', (pw, u, h, d) => `postgresql://${h}/${d}?user=${u}&password=${pw}`, true],
  ['encoded in the URI query', (pw, u, h, d) => `postgres://${h}/${d}?user=${u}&password=${encodeURIComponent(pw)}&sslmode=require`],
  ['quoted in keyword/value', (pw, u, h, d) => `host=${h} user=${u} password=${kvQuote(pw)} dbname=${d}`],
  ['unquoted in keyword/value', (pw, u, h, d) => `host=${h} password=${pw} user=${u} dbname=${d}`],
  ['in a quoted .env line', (pw, u, h, d) => `DATABASE_URL="postgresql://${u}:${pw}@${h}/${d}"`],
  ['in a JDBC URL', (pw, u, h, d) => `jdbc:postgresql://${h}:5432/${d}?user=${u}&password=${pw}&ssl=true`, true],
  ['in a SQLAlchemy URL', (pw, u, h, d) => `postgresql+psycopg2://${u}:${pw}@${h}/${d}`],
  ['behind a leading space', (pw, u, h, d) => ` postgresql://${u}:${pw}@${h}/${d}\n`],
  ['with the sslpassword keyword', (pw, _u, h, d) => `host=${h} dbname=${d} sslpassword=${kvQuote(pw)}`],
];

function leaks(pw: string, output: string): string[] {
  const runs = pw.split(new RegExp(`[^${SECRET_LETTERS}]+`)).filter((r) => r.length >= 2);
  return runs.filter((r) => output.includes(r));
}

describe('the audit never lets a password out', () => {
  for (const [where, build, inQuery] of embeddings) {
    test(`a password ${where} appears in neither the JSON report nor the text`, () => {
      fc.assert(
        fc.property(inQuery === true ? queryPassword : password, word, word, word, (pw, user, host, db) => {
          const report = auditConnectionString(build(pw, user, host, db));
          const output = JSON.stringify(report) + formatConnstrReport(report);
          assert.deepEqual(leaks(pw, output), []);
        }),
        { numRuns: RUNS },
      );
    });
  }

  test('a two-letter piece of a password with spaces, misread as a port between two cut pieces, is cut too', () => {
    // fast-check's counterexample once: the middle "QQ" of "QQ QQ QQQ" stood as a word between spaces.
    for (const pw of ['QQ QQ QQQ/QQ', 'QQQ QQ QQQ', 'QQZ QQ QQQ QQ']) {
      const report = auditConnectionString(`DATABASE_URL="postgresql://a:${pw}@a/a"`);
      assert.deepEqual(leaks(pw, JSON.stringify(report) + formatConnstrReport(report)), [], pw);
    }
  });

  test('a password equal to the user, host or database is still shown only as <redacted>', () => {
    fc.assert(
      fc.property(word, fc.constantFrom('user', 'host', 'db'), (same, which) => {
        // A word may be placeholder wording ("todo", "secret"): hidden, never live.
        fc.pre(!isPlaceholder(same));
        const input = `postgresql://${which === 'user' ? same : 'u'}:${same}@${which === 'host' ? same : 'h'}/${which === 'db' ? same : 'd'}`;
        const report = auditConnectionString(input);
        assert.equal(report.libpq?.password, '<redacted>');
        assert.equal(report.parts?.password.present, true);
        assert.equal(report.secretExposed, true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the audit answers every string', () => {
  const tricky = fc.constantFrom('postgresql://', 'postgres://', 'host=', ' ', "'", '\\', '@', ':', '/', '?', '&', '=', ',', '%', '%zz', '%00', '%FF', '[', ']', '\n', '\0', 'password=', 'sslmode=', 'é', '\u{1F600}');
  const mixed = fc.array(fc.oneof(tricky, fc.string({ maxLength: 6 })), { maxLength: 12 }).map((xs) => xs.join(''));
  const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), mixed);

  test('any string parses or fails with a code and a reason, and never throws', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const report = auditConnectionString(input);
        assert.equal(typeof report.ok, 'boolean');
        if (report.ok) assert.ok(report.libpq !== undefined && report.parts !== undefined);
        else assert.ok(report.error !== undefined && report.error.code !== '' && report.error.message !== '');
        assert.ok(Array.isArray(report.findings));
        for (const f of report.findings) assert.ok(['error', 'warn', 'info'].includes(f.severity) && f.id !== '' && f.message !== '');
        assert.equal(typeof formatConnstrReport(report), 'string');
        assert.doesNotThrow(() => JSON.parse(JSON.stringify(report)));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('the finder answers every message', () => {
  test('any message yields only strings that occur in it, and never throws', () => {
    const message = fc.array(fc.oneof(fc.constantFrom('postgresql://u:p@h/db', 'host=h port=5432', 'DATABASE_URL=', '"', '\n', ' ', 'password=', 'jdbc:'), fc.string({ maxLength: 8 })), { maxLength: 10 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(message, (text) => {
        for (const found of findConnectionStrings(text)) assert.ok(text.includes(found), found);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('long pastes', () => {
  // The timing lives in bench/parse.ts; this only asserts each gets an answer.
  for (const [title, input] of longPastes(20_000)) {
    test(`${title} gets a verdict and a finder answer`, () => {
      assert.equal(typeof auditConnectionString(input).ok, 'boolean');
      assert.ok(Array.isArray(findConnectionStrings(input)));
    });
  }
});
