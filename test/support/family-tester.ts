// A table-driven tester per family, in the manner of ESLint's RuleTester
// (https://eslint.org/docs/latest/integrate/nodejs-api#ruletester): real texts that must classify to the family, each
// with its source and client, the evidence that must decide it and, where the
// text is honestly ambiguous, the runner-up that must be named; near misses
// that must not classify to it. Duplicate cases are an error, and every
// answer must start the family's runbook at the contract's first check
// (test/support/first-checks.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { triage } from '../../src/triage/classify.ts';
import { FAMILY_IDS, type FamilyId } from '../../src/triage/types.ts';
import { FIRST_CHECKS } from './first-checks.ts';

export interface ValidCase {
  text: string;
  /** `owner/repo#issue` or a page URL. */
  source: string;
  client: string;
  /** A substring of one evidence span, or a span inside it. */
  evidence: string;
  /** A family that must be named among the alternatives. */
  alternative?: FamilyId;
}

export interface NearMiss {
  title: string;
  text: string;
  /** Why it looks like the family, and where the wording is from. */
  source: string;
  /** The family it is instead, when it is one. */
  family?: FamilyId;
}

export interface FamilyTesterOptions {
  valid: readonly ValidCase[];
  invalid: readonly NearMiss[];
}

interface CorpusRow extends ValidCase {
  id: string;
  family: FamilyId;
}

/** The rows of a JSON Lines fixture under test/fixtures/. */
export function readFixture<Row>(name: string): Row[] {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

export function readCorpus(): CorpusRow[] {
  return readFixture<CorpusRow>('triage-corpus.jsonl');
}

/**
 * The regression batches (triage-regression-N.jsonl): each was scored at first
 * sight, before any pattern was tuned on it, then fixed; it must stay right.
 */
export function regressionFixtures(): string[] {
  return readdirSync(new URL('../fixtures/', import.meta.url))
    .filter((name) => /^triage-regression-\d+\.jsonl$/.test(name))
    .sort();
}

/**
 * The real texts of the shared corpus that belong to one family, and the
 * regression rows that answer their own label (those carry an evidence; a row
 * answered by a family its label only accepts is checked in accuracy.test.ts).
 */
export function corpusCases(family: FamilyId): ValidCase[] {
  const regression = regressionFixtures().flatMap((name) => readFixture<CorpusRow>(name).filter((row) => typeof row.evidence === 'string'));
  return [...readCorpus(), ...regression]
    .filter((row) => row.family === family)
    .map(({ text, source, client, evidence, alternative }) => ({ text, source, client, evidence, ...(alternative ? { alternative } : {}) }));
}

export function assertNoDuplicateCases(options: Pick<FamilyTesterOptions, 'valid' | 'invalid'>): void {
  const seen = new Set<string>();
  for (const text of [...options.valid.map((c) => c.text), ...options.invalid.map((c) => c.text)]) {
    if (seen.has(text)) throw new Error(`duplicate test case: ${JSON.stringify(text.slice(0, 80))}`);
    seen.add(text);
  }
}

export function runFamilyTester(family: FamilyId, options: FamilyTesterOptions): void {
  if (!(FAMILY_IDS as readonly string[]).includes(family)) throw new Error(`"${family}" is not a contract family id`);
  assertNoDuplicateCases(options);
  if (family !== 'unknown' && options.valid.length === 0) throw new Error(`no valid cases for ${family}`);

  describe(`the ${family} family`, () => {
    for (const valid of options.valid) {
      test(`recognises ${valid.client} text from ${valid.source}: ${oneLine(valid.text)}`, () => {
        const result = triage(valid.text);
        assert.equal(result.family, family, `got ${result.family} (${result.evidence.map((e) => e.rule).join(', ')})`);
        assert.equal(result.runbook.steps[0]?.id, FIRST_CHECKS[family]);
        if (valid.evidence !== '') {
          assert.ok(
            result.evidence.some((e) => e.text.includes(valid.evidence) || (e.text.length >= 3 && valid.evidence.includes(e.text))),
            `evidence ${JSON.stringify(result.evidence.map((e) => e.text))} does not show ${JSON.stringify(valid.evidence)}`,
          );
        }
        for (const e of result.evidence) assert.equal(result.redactedText.slice(e.start, e.end), e.text);
        if (valid.alternative) {
          assert.ok(
            result.alternatives.some((a) => a.family === valid.alternative),
            `alternatives ${JSON.stringify(result.alternatives)} do not name ${valid.alternative}`,
          );
        }
      });
    }
    for (const miss of options.invalid) {
      test(`does not claim ${miss.title}`, () => {
        const result = triage(miss.text);
        assert.notEqual(result.family, family, `matched ${result.evidence.map((e) => e.rule).join(', ')}`);
        if (miss.family) assert.equal(result.family, miss.family);
      });
    }
  });
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 70 ? `${line.slice(0, 67)}...` : line;
}
