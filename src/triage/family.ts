// The shape of one error family, ESLint-rule style
// (https://eslint.org/docs/latest/extend/custom-rules#rule-structure): what
// the family is (`meta`), the patterns that recognise it with the client that
// prints each one and where that wording is from, the near misses it must not
// swallow, and its runbook.
import type { ClientId, EvidenceKind, FamilyId, Runbook } from './types.ts';

export type PatternKind = EvidenceKind;

/** Who prints a wording: a client stack, or the server / a pooler on the wire. */
export type PatternClient = ClientId | 'neon-proxy' | 'supavisor' | 'node' | 'python' | 'go' | 'any';

export interface FamilyPattern {
  /** Unique within the family; the evidence rule is `<family>/<id>`. */
  id: string;
  kind: PatternKind;
  /**
   * Linear by construction: literals, bounded classes and bounded repeats
   * only, never a quantified group that can match the same text two ways.
   * The classifier runs it global (its own `g` and `y` flags are dropped).
   */
  pattern: RegExp;
  /**
   * Strength 0..1: how surely this match alone names the family. 1 is kept
   * for a structured code that cannot mean anything else.
   */
  weight: number;
  clients: readonly PatternClient[];
  /** Client and version, or the issue / page the wording was seen in. */
  source: string;
  /**
   * Families that also fit when this pattern decides (honest ambiguity), each
   * with the weight it would have on its own; the runbook's first check tells
   * them apart.
   */
  alternatives?: readonly { family: FamilyId; weight: number }[];
}

/**
 * A wording that looks like this family but is not it (a statement timeout is
 * not a connect timeout). Any of the family's matches that overlaps a near
 * miss is dropped.
 */
export interface NearMiss {
  id: string;
  pattern: RegExp;
  /** Why it is not this family, and where the wording is from. */
  reason: string;
}

export interface FamilyMeta {
  id: FamilyId;
  title: string;
  summary: string;
}

export interface FamilyModule {
  meta: FamilyMeta;
  patterns: readonly FamilyPattern[];
  nearMisses?: readonly NearMiss[];
  runbook: Runbook;
}
