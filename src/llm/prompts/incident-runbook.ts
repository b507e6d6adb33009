// Prompt 2, the deterministic incident runbook: the family, its evidence, the
// ordered checks and the verdicts so far, as facts; sections `overview` and one
// per check, in runbook order. The offline template phrases the same keys.
import type { AnswerRecord, RunbookPosition } from '../../triage/runbook-state.ts';
import type { ClientId, Evidence, FamilyId, Runbook, RunbookStep } from '../../triage/types.ts';
import { excerptOf, redactFacts } from '../facts.ts';
import type { PhrasingJob, SectionSpec } from '../types.ts';

export const KEYS = ['family', 'client', 'evidence', 'checks', 'verdicts', 'position', 'excerpt', 'sections'] as const;
/** Keys holding what the user pasted: data for the model, never a source the guard accepts. */
export const UNTRUSTED_KEYS = ['excerpt'] as const;

/** A check as the model sees it: the step's own words, without its source or client variants. */
export type RunbookCheckFacts = Pick<RunbookStep, 'id' | 'title' | 'action' | 'verify' | 'confirmed' | 'ruledOut' | 'fix'>;

export interface IncidentRunbookFacts {
  family: FamilyId;
  client: ClientId | null;
  evidence: { text: string; kind: string }[];
  checks: RunbookCheckFacts[];
  verdicts: { check: string; verdict: string }[];
  position: { kind: RunbookPosition['kind']; check: string | null; number: number | null; total: number; collectNext?: string[] };
  excerpt: string;
  sections: string[];
}

export interface IncidentRunbookInput {
  family: FamilyId;
  client: ClientId | null;
  evidence: readonly Evidence[];
  /** The paste as triage kept it (redacted). */
  redactedText: string;
  /** The runbook with the client's variants applied. */
  runbook: Runbook;
  answers: readonly AnswerRecord[];
  position: RunbookPosition;
}

const MAX_EVIDENCE = 3;

export function incidentRunbookJob(input: IncidentRunbookInput): PhrasingJob {
  const checks = input.runbook.steps.map(({ id, title, action, verify, confirmed, ruledOut, fix }) => ({ id, title, action, verify, confirmed, ruledOut, fix }));
  const position = input.position;
  const facts: IncidentRunbookFacts = redactFacts({
    family: input.family,
    client: input.client,
    evidence: input.evidence.slice(0, MAX_EVIDENCE).map(({ text, kind }) => ({ text, kind })),
    checks,
    verdicts: input.answers.map(({ stepId, answer }) => ({ check: stepId, verdict: answer })),
    position:
      position.kind === 'exhausted'
        ? { kind: position.kind, check: null, number: null, total: position.total, collectNext: position.collectNext }
        : { kind: position.kind, check: position.step.id, number: position.index + 1, total: position.total },
    excerpt: excerptOf(input.redactedText, input.evidence[0]),
    sections: ['overview', ...checks.map((check) => check.id)],
  });
  return { prompt: 'incident-runbook', facts: { ...facts }, sections: sectionsOf(facts) };
}

function sectionsOf(facts: IncidentRunbookFacts): SectionSpec[] {
  return [
    { key: 'overview', heading: facts.family },
    ...facts.checks.map((check) => ({ key: check.id, heading: check.title, verdict: verdictOf(facts, check.id) })),
  ];
}

/** The latest answer given for a check (a confirmed check whose fix did not help ends not_resolved). */
function verdictOf(facts: IncidentRunbookFacts, checkId: string): string | null {
  return facts.verdicts.filter((v) => v.check === checkId).at(-1)?.verdict ?? null;
}

const VERDICT_WORDS: Record<string, string> = {
  confirmed: 'confirmed',
  ruled_out: 'ruled out',
  resolved: 'resolved by its fix',
  not_resolved: 'confirmed, but its fix did not help',
};

export function offline(facts: IncidentRunbookFacts, section: SectionSpec): string {
  if (section.key === 'overview') return overview(facts);
  const check = facts.checks.find((c) => c.id === section.key);
  if (check === undefined) return '';
  const number = facts.checks.indexOf(check) + 1;
  return [
    `Check ${number} of ${facts.checks.length}. ${check.action}`,
    `How to verify: ${check.verify}`,
    `Confirmed when: ${check.confirmed}`,
    `Ruled out when: ${check.ruledOut}`,
    `The fix, if confirmed: ${check.fix}`,
  ].join('\n');
}

function overview(facts: IncidentRunbookFacts): string {
  const titleOf = (id: string | null) => facts.checks.find((c) => c.id === id)?.title ?? id ?? '';
  const evidence = facts.evidence.map((e) => `"${e.text}" (${e.kind})`).join(', ');
  const lines = [
    `The rule engine names this error ${facts.family}${evidence !== '' ? `, decided by ${evidence}` : ''}${facts.client !== null ? `, printed by ${facts.client}` : ''}.`,
    `Its runbook has ${facts.checks.length} checks, taken one at a time in this order: each confirms or rules out one cause before the next is tried.`,
  ];
  if (facts.verdicts.length > 0) lines.push(`So far: ${facts.verdicts.map((v) => `"${titleOf(v.check)}" ${VERDICT_WORDS[v.verdict] ?? v.verdict}`).join('; ')}.`);
  const at = facts.position;
  if (at.kind === 'check') lines.push(`Next: check ${at.number} of ${at.total}, "${titleOf(at.check)}".`);
  if (at.kind === 'fix') lines.push(`"${titleOf(at.check)}" is confirmed: apply its fix, then run the app again.`);
  if (at.kind === 'resolved') lines.push(`Resolved by the fix of "${titleOf(at.check)}".`);
  if (at.kind === 'exhausted') lines.push(`Every check is ruled out. Collect next: ${(at.collectNext ?? []).join('; ')}.`);
  return lines.join(' ');
}
