// The structured replies the chat sends and stores. Text is phrased from
// templates keyed by reply type, so wording never changes a decision.
import type { ConnstrReport } from '../connstr/audit.ts';
import type { FallbackReason, PhrasingSection, PhrasingSource, PromptId } from '../llm/types.ts';
import { liveCheckFor } from '../probe/runbook-map.ts';
import { familyById } from '../triage/registry.ts';
import type { RunbookPosition, StepAnswer } from '../triage/runbook-state.ts';
import type { Alternative, ClientId, Evidence, FamilyId, RunbookStep, TriageResult } from '../triage/types.ts';

export type SwitchChoice = 'accept' | 'decline';

export type Reply =
  | {
      type: 'triage';
      family: FamilyId;
      /** The family in plain words (its module's meta.title). */
      title: string;
      confidence: number;
      evidence: Evidence[];
      alternatives: (Alternative & { title: string })[];
      client: ClientId | null;
      secretExposed: boolean;
      runbook: { family: FamilyId; steps: { id: string; title: string }[] };
      text: string;
    }
  | {
      type: 'check' | 'fix' | 'resolved';
      family: FamilyId;
      step: RunbookStep;
      index: number;
      total: number;
      answers: StepAnswer[];
      /** The live probe check that decides this step (`{verify: {stepId}}`); null for a manual check, and once resolved. */
      probeCheck: string | null;
      text: string;
    }
  | { type: 'exhausted'; family: FamilyId; total: number; collectNext: string[]; text: string }
  | { type: 'switch_offer'; from: FamilyId; to: FamilyId; choices: SwitchChoice[]; text: string }
  | { type: 'audit'; report: ConnstrReport; text: string }
  | {
      type: 'verdict';
      family: FamilyId;
      stepId: string;
      /** What the live probe decided (src/probe/runbook-map.ts); inconclusive moves nothing. */
      verdict: 'confirmed' | 'ruled_out' | 'inconclusive';
      /** What it observed, redacted. */
      evidence: string;
      probe: { check: string; status: string; durationMs: number; family?: string };
      /** The answer the verdict gave the runbook; null when inconclusive (nothing moved). */
      answer: StepAnswer | null;
      text: string;
    }
  | { type: 'secret_warning'; text: string }
  | { type: 'note'; text: string }
  | PhrasingReply;

/**
 * The explanation of the replies before it (lesson prompt `prompt`). Headings
 * and verdicts come from the engine; `source` says whether the text is the
 * model's or the offline templates'. `pending` until the model is done; the
 * sections stream from `events` (server-sent events).
 */
export type PhrasingReply = {
  type: 'phrasing';
  phrasingId: string;
  prompt: PromptId;
  status: 'pending' | 'complete';
  source: PhrasingSource | null;
  fallbackReason?: FallbackReason;
  sections: PhrasingSection[];
  events: string;
  text: string;
};

export type UserMessage =
  | { type: 'user_text'; text: string }
  | { type: 'user_answer'; stepId: string; answer: StepAnswer }
  | { type: 'user_switch'; choice: SwitchChoice }
  | { type: 'user_verify'; stepId: string };

export function triageReply(result: TriageResult): Reply {
  const lead = result.evidence[0];
  const confidence = Math.round(result.confidence * 100);
  const runnerUp = result.alternatives[0];
  const text =
    result.family === 'unknown'
      ? 'This text matches no known error family. Paste the exact error text your app printed (the whole message, with any code such as 28P01 or ECONNREFUSED).'
      : `This looks like ${result.family} (${confidence}% sure${lead ? `, decided by "${lead.text}"` : ''})` +
        `${runnerUp ? `; it could also be ${runnerUp.family}` : ''}. The runbook has ${result.runbook.steps.length} checks.`;
  return {
    type: 'triage',
    family: result.family,
    title: familyById(result.family).meta.title,
    confidence: result.confidence,
    evidence: result.evidence,
    alternatives: result.alternatives.map((alternative) => ({ ...alternative, title: familyById(alternative.family).meta.title })),
    client: result.client,
    secretExposed: result.secretExposed,
    runbook: { family: result.family, steps: result.runbook.steps.map(({ id, title }) => ({ id, title })) },
    text,
  };
}

export function positionReply(family: FamilyId, position: RunbookPosition, answers: StepAnswer[]): Reply {
  switch (position.kind) {
    case 'check':
    case 'fix': {
      const probeCheck = liveCheckFor(family, position.step.id)?.probeCheck ?? null;
      const text = position.kind === 'check' ? `Check ${position.index + 1} of ${position.total}: ${position.step.title}` : `Confirmed: ${position.step.title}. Apply the fix, then run your app again: did it work?`;
      return { type: position.kind, family, step: position.step, index: position.index, total: position.total, answers, probeCheck, text };
    }
    case 'resolved':
      return { type: 'resolved', family, step: position.step, index: position.index, total: position.total, answers, probeCheck: null, text: `Resolved by "${position.step.title}". Keep the fix in your deployment checklist.` };
    case 'exhausted':
      return {
        type: 'exhausted',
        family,
        total: position.total,
        collectNext: position.collectNext,
        text: `Every check of ${family} is ruled out. Collect these and paste them here (passwords are redacted automatically):`,
      };
  }
}

export function switchOfferReply(from: FamilyId, to: FamilyId): Reply {
  return {
    type: 'switch_offer',
    from,
    to,
    choices: ['accept', 'decline'],
    text: `This is a different error (${to}) from the one being checked (${from}). Switch to the ${to} runbook?`,
  };
}

export const SECRET_WARNING: Reply = {
  type: 'secret_warning',
  text: 'Your message held a live secret (a password or key). It was redacted before anything was stored or shown; treat it as exposed and rotate it (Neon console: Roles, Reset password).',
};
