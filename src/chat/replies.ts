// The structured replies the chat sends and stores. Text is phrased from
// templates keyed by reply type, so wording never changes a decision.
import type { ConnstrReport } from '../connstr/audit.ts';
import type { FallbackReason, PhrasingSection, PhrasingSource, PromptId } from '../llm/types.ts';
import { liveCheckFor } from '../probe/runbook-map.ts';
import type { ChecklistFinding, ChecklistItem } from '../secrets/checklist/checklist.ts';
import type { GitignoreVerdict } from '../secrets/checklist/gitignore.ts';
import type { TickItem } from '../secrets/checklist/items.ts';
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
  | ChecklistReply
  | { type: 'tick'; itemId: string; done: boolean; label: string; progress: ChecklistProgress; text: string }
  | PhrasingReply;

export type ChecklistProgress = { done: number; total: number };

/** An item of the checklist with its tick (as stored: unticked; read back: the current tick). */
export type TickedItem = TickItem & { done: boolean };

/**
 * The secret checklist (lesson prompt 3): the `pgtriage checklist --json`
 * result, each secret and the .gitignore with the items to tick. Names of
 * variables only, never a value.
 */
export type ChecklistReply = {
  type: 'checklist';
  secrets: (ChecklistItem & { items: TickedItem[] })[];
  gitignore: GitignoreVerdict & { items: TickedItem[] };
  findings: ChecklistFinding[];
  /** Read back: false once a newer checklist replaced this one (only the current one is ticked). */
  current: boolean;
  progress: ChecklistProgress;
  text: string;
};

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
  | { type: 'user_verify'; stepId: string }
  /** A request for the checklist: the description (redacted), the .env's variable names (never its values). */
  | { type: 'user_checklist'; text: string; description: string | null; variables: string[]; gitignore: boolean }
  | { type: 'user_tick'; itemId: string; done: boolean };

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
