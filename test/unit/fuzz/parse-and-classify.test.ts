// fast-check over the two pure entry points every route feeds: whatever the
// text, the parser and the classifier answer (no throw), with a report of the
// expected shape. Bounded: a fixed number of runs per property, and the test
// runner's timeout turns a hang into a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { triage } from '../../../src/triage/classify.ts';

// Fragments that steer the parser and classifier into their deeper branches.
const fragment = fc.constantFrom(
  'postgresql://', 'postgres://u:p@h:5432/db?sslmode=require', 'host=', 'password=', 'sslmode=verify-full', "'", '\\', '@', ':', '/', '?', '&', '=', '%', '%zz', '%00',
  '[', ']', '\n', '\r\n', '\0', '\ud83d', '\ude00', 'ECONNREFUSED', '28P01', 'FATAL: ', 'ERROR:  ', 'password authentication failed for user "x"',
  'SSL', 'timeout', 'ep-cool-darkness-123456.us-east-2.aws.neon.tech', '-pooler', ' at Object.<anonymous> (/app/x.js:1:1)', 'é', '\u{1F600}', ' '.repeat(50),
);
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.oneof(fragment, fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join('')),
);

test('triage answers every text with a family and a runbook', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(text, (input) => {
      const result = triage(input);
      assert.equal(typeof result.family, 'string');
      assert.ok(result.confidence >= 0 && result.confidence <= 1);
      assert.ok(Array.isArray(result.runbook.steps) && result.runbook.steps.length > 0);
    }),
    { numRuns: 1500 },
  );
});

test('the connection string audit answers every text with a report', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(text, (input) => {
      const report = auditConnectionString(input);
      assert.equal(typeof report.ok, 'boolean');
      assert.ok(Array.isArray(report.findings));
      JSON.stringify(report);
    }),
    { numRuns: 1500 },
  );
});
