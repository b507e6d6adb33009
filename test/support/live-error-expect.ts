// One assertion for every live reproduction: the raw error is the one we meant
// to produce (its code and wording), and the classifier names the family and
// first check the contract gives it. With PGTRIAGE_CAPTURE_FILE set (by
// scripts/capture-live-errors.ts) each asserted error is also appended there
// as one JSON line: the corpus in test/fixtures/live-errors.jsonl.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { triage } from '../../src/triage/classify.ts';
import type { FamilyId } from '../../src/triage/types.ts';
import type { RealError } from './real-errors.ts';

export interface LiveExpectation {
  /** Stable corpus id, `<family>/<client>-<what>`. */
  id: string;
  family: FamilyId;
  /** The id of the runbook's first check (the lesson fixes it for five families). */
  firstStep: string;
  /** How the error was produced, for the corpus reader. */
  producedBy: string;
  /** The SQLSTATE, errno or Node code the client exposes; absent when it has none. */
  code?: string;
  /** The client's own wording of the message. */
  message: RegExp;
  /** The decisive code or wording the classifier's evidence must hold. */
  evidence: RegExp;
}

/** What the corpus holds for one error. */
export interface LiveErrorRecord {
  id: string;
  family: FamilyId;
  client: RealError['client'];
  text: string;
  code: string | null;
  produced_by: string;
}

/** The error is the one meant, and the classifier names its family, first check and evidence. */
export function assertLiveError(error: RealError, expected: LiveExpectation): void {
  assertReproduced(error, expected);
  assertClassified(error, expected);
}

/** The live reproduction produced the error meant: its code and the client's wording. */
export function assertReproduced(error: RealError, expected: LiveExpectation): void {
  assert.equal(error.code, expected.code, error.text);
  assert.match(error.message, expected.message, error.text);
  assert.match(error.text, expected.evidence, `the decisive wording is not in the text itself:\n${error.text}`);
  record(error, expected);
}

/** The classifier, fed the text a user would paste, names the family, its first check and the decisive span. */
export function assertClassified(error: RealError, expected: LiveExpectation): void {
  const result = triage(error.text);
  const seen = [
    `${result.family} (confidence ${result.confidence.toFixed(2)}), first check ${result.runbook.steps[0]?.id}`,
    `evidence: ${JSON.stringify(result.evidence.map((evidence) => evidence.text))}`,
    `alternatives: ${JSON.stringify(result.alternatives)}`,
    `for the text:\n${error.text}`,
  ].join('\n');
  assert.equal(result.family, expected.family, seen);
  assert.equal(result.runbook.steps[0]?.id, expected.firstStep, seen);
  assert.ok(result.evidence.some((evidence) => expected.evidence.test(evidence.text)), `no evidence matches ${expected.evidence}:\n${seen}`);
}

function record(error: RealError, expected: LiveExpectation): void {
  // Read here, not once at start: only the capture script sets it, per child process.
  const file = process.env.PGTRIAGE_CAPTURE_FILE;
  if (!file) return;
  const line: LiveErrorRecord = {
    id: expected.id,
    family: expected.family,
    client: error.client,
    text: error.text,
    code: error.code ?? null,
    produced_by: expected.producedBy,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
