// Walks a runbook from the answers given so far. Pure and replayable: the same
// runbook and the same answers always give the same position, so a stored
// conversation resumes exactly where it was.
import type { Runbook, RunbookStep } from './types.ts';

/** confirmed / ruled_out answer a check; resolved / not_resolved answer the re-check after a fix. */
export const STEP_ANSWERS = ['confirmed', 'ruled_out', 'resolved', 'not_resolved'] as const;
export type StepAnswer = (typeof STEP_ANSWERS)[number];

export interface AnswerRecord {
  stepId: string;
  answer: StepAnswer;
}

export type RunbookPosition =
  | { kind: 'check'; step: RunbookStep; index: number; total: number }
  | { kind: 'fix'; step: RunbookStep; index: number; total: number }
  | { kind: 'resolved'; step: RunbookStep; index: number; total: number }
  | { kind: 'exhausted'; total: number; collectNext: string[] };

export function isStepAnswer(value: unknown): value is StepAnswer {
  return typeof value === 'string' && (STEP_ANSWERS as readonly string[]).includes(value);
}

/** The answers that make sense at a position (what the page offers as buttons). */
export function answersAt(position: RunbookPosition): StepAnswer[] {
  switch (position.kind) {
    case 'check':
      return ['confirmed', 'ruled_out'];
    case 'fix':
      return ['resolved', 'not_resolved'];
    default:
      return [];
  }
}

export class RunbookAnswerError extends Error {
  override readonly name = 'RunbookAnswerError';
  readonly expected: StepAnswer[];
  constructor({ message, expected }: { message: string; expected: StepAnswer[] }) {
    super(message);
    this.expected = expected;
  }
}

export function positionOf(runbook: Runbook, answers: readonly AnswerRecord[]): RunbookPosition {
  let position = start(runbook);
  for (const record of answers) position = advance(runbook, position, record);
  return position;
}

/** The position after one more answer; throws RunbookAnswerError when it does not fit. */
export function advance(runbook: Runbook, position: RunbookPosition, record: AnswerRecord): RunbookPosition {
  const expected = answersAt(position);
  if (position.kind === 'resolved' || position.kind === 'exhausted') {
    throw new RunbookAnswerError({ message: `the runbook is ${position.kind}; there is no check to answer`, expected });
  }
  if (record.stepId !== position.step.id) {
    throw new RunbookAnswerError({
      message: `the current check is "${position.step.id}", not "${record.stepId}"`,
      expected,
    });
  }
  if (!expected.includes(record.answer)) {
    throw new RunbookAnswerError({
      message: `"${record.answer}" does not answer a ${position.kind === 'check' ? 'check' : 're-check after a fix'}; expected ${expected.join(' or ')}`,
      expected,
    });
  }
  const total = runbook.steps.length;
  switch (record.answer) {
    case 'confirmed':
      return { kind: 'fix', step: position.step, index: position.index, total };
    case 'resolved':
      return { kind: 'resolved', step: position.step, index: position.index, total };
    default:
      // ruled_out, or a fix that did not help: the cause lies further on.
      return stepAt(runbook, position.index + 1);
  }
}

function start(runbook: Runbook): RunbookPosition {
  return stepAt(runbook, 0);
}

function stepAt(runbook: Runbook, index: number): RunbookPosition {
  const step = runbook.steps[index];
  const total = runbook.steps.length;
  if (step === undefined) return { kind: 'exhausted', total, collectNext: runbook.collectNext };
  return { kind: 'check', step, index, total };
}
