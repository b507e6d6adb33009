// The sweep over the secrets corpus (test/fixtures/secrets-corpus.ts): no
// secret survives in any output field (the redacted text, triage's result,
// the connection-string audit of the paste and of each connection string the
// chat would audit), at least 95% of secret-bearing pastes are called live,
// at most 5% of secret-free look-alikes are. Figures: docs/secrets.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditConnectionString } from '../../../src/connstr/audit.ts';
import { findConnectionStrings } from '../../../src/connstr/find.ts';
import { redactSecrets } from '../../../src/secrets/redact.ts';
import { triage } from '../../../src/triage/classify.ts';
import { lookAlikes, secretPastes } from '../../fixtures/secrets-corpus.ts';

const PASTES = secretPastes();
const LOOK_ALIKES = lookAlikes();

/** The secret as the paste holds it (JSON-escaped inside a JSON log), and its ends when long: a partial cut is a leak too. */
function tracesOf(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const traces = [secret, escaped, JSON.stringify(escaped).slice(1, -1)];
  if (secret.length >= 16) traces.push(secret.slice(0, 10), secret.slice(-10));
  return traces;
}

test('the corpus is as large as promised', () => {
  assert.ok(PASTES.length >= 300, `${PASTES.length} pastes`);
  assert.ok(LOOK_ALIKES.length >= 150, `${LOOK_ALIKES.length} look-alikes`);
  assert.equal(new Set(PASTES.map((p) => p.id)).size, PASTES.length);
});

test('no secret of the corpus survives in any output field; >= 95% flagged; triage and the audit agree', (t) => {
  const leaks: string[] = [];
  const missed: string[] = [];
  const disagree: string[] = [];
  for (const paste of PASTES) {
    const redaction = redactSecrets(paste.text);
    const result = triage(paste.text);
    const report = auditConnectionString(paste.text);
    const audits = findConnectionStrings(paste.text).map((found) => auditConnectionString(found));
    const output = [redaction.text, JSON.stringify(result), JSON.stringify(report), JSON.stringify(audits)].join('\n');
    for (const secret of paste.secrets) if (tracesOf(secret).some((trace) => output.includes(trace))) leaks.push(`${paste.id}: ${secret}`);
    if (!redaction.secretExposed) missed.push(paste.id);
    if (result.secretExposed !== redaction.secretExposed || audits.some((audit) => audit.secretExposed && !result.secretExposed)) disagree.push(paste.id);
  }
  const flagged = PASTES.length - missed.length;
  t.diagnostic(`secret-bearing pastes: ${PASTES.length}, flagged live: ${flagged} (${((100 * flagged) / PASTES.length).toFixed(1)}%), leaks: ${leaks.length}`);
  assert.deepEqual(leaks, []);
  assert.deepEqual(disagree, []);
  assert.ok(flagged / PASTES.length >= 0.95, `missed: ${missed.join(', ')}`);
});

test('at most 5% of secret-free look-alikes are called live, and none loses its text to a live finding', (t) => {
  const alarms = LOOK_ALIKES.filter((look) => redactSecrets(look.text).secretExposed || triage(look.text).secretExposed).map((look) => look.id);
  t.diagnostic(`secret-free look-alikes: ${LOOK_ALIKES.length}, false alarms: ${alarms.length} (${((100 * alarms.length) / LOOK_ALIKES.length).toFixed(1)}%)`);
  assert.ok(alarms.length / LOOK_ALIKES.length <= 0.05, `false alarms: ${alarms.join(', ')}`);
});
