// A live reproduction is a row of data: how to make a real client fail
// against a real server, and what must then hold. The raw error is the one we
// meant to produce (its client, code and wording), and the classifier names the
// family and the contract's first check for it (test/support/first-checks.ts).
// With PGTRIAGE_CAPTURE_FILE set (by scripts/capture-live-errors.ts) each
// reproduced error is also appended there as one JSON line: the corpus in
// test/fixtures/live-errors.jsonl.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { triage } from '../../src/triage/classify.ts';
import type { FamilyId } from '../../src/triage/types.ts';
import { FIRST_CHECKS } from './first-checks.ts';
import type { RealClient, RealError } from './real-errors.ts';

export interface Reproduction<Lab> {
  /** Stable corpus id, `<family>/<client>-<what>`. */
  id: string;
  /** The family the classifier must name; its first check comes from FIRST_CHECKS. */
  family: FamilyId;
  /** Whose wording the error is in. */
  client: RealClient;
  /** How the error is produced, in words, for the corpus reader. */
  producedBy: string;
  /** Makes the failure happen against the lab's servers and returns what a user would paste. */
  produce(lab: Lab): Promise<RealError>;
  /** The SQLSTATE, errno or Node code the client exposes; absent when it has none. */
  code?: string;
  /** The client's own wording of the message (a function where it names a port or path of the lab). */
  message: RegExp | ((lab: Lab) => RegExp);
  /** The decisive code or wording the classifier's evidence must hold. */
  evidence: RegExp;
  /** More the printed text must hold: the client's hints and prefixes. */
  textHas?: readonly RegExp[];
  /** What the printed text must not hold, e.g. a password the URL carried. */
  textLacks?: readonly RegExp[];
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

/** The reproduction produced the error meant, and the text holds none of the lab's passwords. */
export function assertReproduced<Lab>(error: RealError, row: Reproduction<Lab>, lab: Lab, secrets: readonly string[]): void {
  assert.ok(row.id.startsWith(`${row.family}/`), `the id ${row.id} does not start with its family`);
  assert.equal(error.client, row.client, error.text);
  assert.equal(error.code, row.code, error.text);
  assert.match(error.message, typeof row.message === 'function' ? row.message(lab) : row.message, error.text);
  assert.match(error.text, row.evidence, `the decisive wording is not in the text itself:\n${error.text}`);
  for (const pattern of row.textHas ?? []) assert.match(error.text, pattern);
  for (const pattern of row.textLacks ?? []) assert.doesNotMatch(error.text, pattern);
  for (const secret of secrets) assert.ok(!error.text.includes(secret), `${row.client} printed a password`);
  record(error, row);
}

/** The classifier, fed the text a user would paste, names the family, its first check and the decisive span. */
export function assertClassified(error: RealError, row: Pick<Reproduction<unknown>, 'family' | 'evidence'>): void {
  const result = triage(error.text);
  const seen = [
    `${result.family} (confidence ${result.confidence.toFixed(2)}), first check ${result.runbook.steps[0]?.id}`,
    `evidence: ${JSON.stringify(result.evidence.map((evidence) => evidence.text))}`,
    `alternatives: ${JSON.stringify(result.alternatives)}`,
    `for the text:\n${error.text}`,
  ].join('\n');
  assert.equal(result.family, row.family, seen);
  assert.equal(result.runbook.steps[0]?.id, FIRST_CHECKS[row.family], seen);
  assert.ok(result.evidence.some((evidence) => row.evidence.test(evidence.text)), `no evidence matches ${row.evidence}:\n${seen}`);
}

function record(error: RealError, row: Pick<Reproduction<unknown>, 'id' | 'family' | 'producedBy'>): void {
  // Read here, not once at start: only the capture script sets it, per child process.
  const file = process.env.PGTRIAGE_CAPTURE_FILE;
  if (!file) return;
  const line: LiveErrorRecord = {
    id: row.id,
    family: row.family,
    client: error.client,
    text: error.text,
    code: error.code ?? null,
    produced_by: row.producedBy,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
