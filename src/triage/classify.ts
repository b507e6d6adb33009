// The classifier: redact first, then match every family's patterns against the
// normalized window of the redacted text, score, and answer one family with a
// calibrated confidence, the evidence that decided it and honest runner-ups.
//
// Scoring: a family's score is the weight of its strongest match, plus a small
// bonus for each further distinct pattern. Structured codes (SQLSTATE, errno,
// client codes) carry the highest weights where they are specific, so they
// outrank wording; generic codes (08006, SQLAlchemy e3q8) carry little.
// Confidence is the top score times its share of the score mass
// (s^4 / sum s^4), so a strong lone match stays near its weight and a close
// runner-up pulls it down. Only a structured code of weight 1 that nothing
// contradicts gives 1. Runner-ups split what the top leaves.
import { redactSecrets, rotationNotice } from '../secrets/redact.ts';
import { LiteralPrefilter, lowerCaseCode, requirementOf, Requirements, type Requirement } from './anchors.ts';
import { CLIENT_MARKER_ANCHORS, detectClient } from './client.ts';
import { innerStructure, STRUCTURE_WORDS, type InnerStructure } from './inner-error.ts';
import type { FamilyModule, FamilyPattern } from './family.ts';
import { hardWrapWidth, normalize, toInputSpan, unwrapJoins, wholeView, windowViews, type Joins } from './normalize.ts';
import { FAMILIES, familyById } from './registry.ts';
import { runbookForClient } from './runbooks/for-client.ts';
import type { Alternative, Evidence, FamilyId, TriageResult } from './types.ts';

/** Below this score nothing is named: the answer is `unknown`. */
const MIN_SCORE = 0.3;
/** An alternative is named only at or above this confidence. */
const MIN_ALTERNATIVE = 0.05;
const MAX_ALTERNATIVES = 3;
const MAX_EVIDENCE = 5;
/** Matches collected per pattern: enough for evidence, bounded on repetitive input. */
const MAX_MATCHES_PER_PATTERN = 3;
const BONUS_PER_EXTRA_PATTERN = 0.02;
const MAX_EXTRA_PATTERNS = 2;
/** Confidence of `unknown` when no pattern of any family matched at all. */
const UNRECOGNISED_CONFIDENCE = 0.5;
/** How much stronger the unwrapped reading of a hard-wrapped text must be to replace the pasted one. */
const HARD_WRAP_MARGIN = 0.05;
/**
 * A family found only in the wrappers around an innermost error that names a
 * family of its own keeps this share of its score: it stays an alternative,
 * the innermost error decides.
 */
const WRAPPER_ONLY_FACTOR = 0.5;

interface Compiled {
  family: FamilyModule;
  pattern: FamilyPattern;
  regex: RegExp;
  /** The anchors a match needs (anchors.ts); null: always tried. */
  requirement: Requirement | null;
}

interface Match {
  compiled: Compiled;
  start: number;
  end: number;
}

const COMPILED: readonly Compiled[] = FAMILIES.flatMap((family) =>
  family.patterns.map((pattern) => ({ family, pattern, regex: globalCopy(pattern.pattern), requirement: requirementOf(pattern.pattern) })),
);
// Near misses are numbered after the patterns: their place in the prefilter's anchor sets.
let nearMissIndex = COMPILED.length;
const NEAR_MISSES = new Map(
  FAMILIES.map((family) => [
    family.meta.id,
    (family.nearMisses ?? []).map((nearMiss) => ({ regex: globalCopy(nearMiss.pattern), requirement: requirementOf(nearMiss.pattern), index: nearMissIndex++ })),
  ]),
);

const HEAVIEST = Math.max(...COMPILED.map((c) => c.pattern.weight));

// A SQLSTATE read off the text's structure (inner-error.ts) counts as the family's own code pattern.
const BY_SQLSTATE = new Map(COMPILED.filter((c) => c.pattern.kind === 'sqlstate' && c.pattern.id.startsWith('sqlstate-')).map((c) => [c.pattern.id.slice('sqlstate-'.length), c]));

// The literal prefilter (anchors.ts): one pass over the text tells which patterns, near misses and
// client markers (client.ts, numbered after the near misses) can match at all.
// The words of inner-error.ts's searches (STRUCTURE_WORDS) join the same pass, after the markers.
const CLIENT_MARKERS_AT = nearMissIndex;
const STRUCTURE_WORDS_AT = CLIENT_MARKERS_AT + CLIENT_MARKER_ANCHORS.length;
const anyOf = (set: readonly string[] | null): Requirement | null => (set === null ? null : [[set]]);
const REQUIREMENTS = new Requirements([
  ...COMPILED.map((c) => c.requirement),
  ...[...NEAR_MISSES.values()].flatMap((list) => list.map((n) => n.requirement)),
  ...CLIENT_MARKER_ANCHORS.map(anyOf),
  ...STRUCTURE_WORDS.map(anyOf),
]);
const PREFILTER = new LiteralPrefilter(REQUIREMENTS.sets);

/** For each pattern, near miss, client marker and structure word group, in that order: 1 when it can match the text. */
function candidates(text: string): Uint8Array {
  return REQUIREMENTS.met(PREFILTER.candidates(text));
}

// Every three characters of every anchor of every pattern's requirement, by the patterns that hold them: an anchor that
// occurs in the unwrapped reading but not as pasted crosses a dropped break, so one of its
// trigrams does (joinsCanWin). Not used when anchors hold characters the prefilter folds
// with the whole text (anchors.ts): then the unwrapped reading is always scanned.
const TRIGRAMS = new Map<number, number[]>();
const anchorsOf = (requirement: Requirement | null): string[] => requirement?.flat(2) ?? [];
const TRIGRAMS_EXACT = !COMPILED.some((c) => anchorsOf(c.requirement).some((anchor) => /[\u03c2\u03c3\ud800-\udfff]/.test(anchor)));
COMPILED.forEach((compiled, index) => {
  for (const anchor of anchorsOf(compiled.requirement)) {
    for (let at = 0; at + 3 <= anchor.length; at++) {
      const key = trigramKey(anchor.charCodeAt(at), anchor.charCodeAt(at + 1), anchor.charCodeAt(at + 2));
      const holders = TRIGRAMS.get(key) ?? [];
      if (holders[holders.length - 1] !== index) holders.push(index);
      TRIGRAMS.set(key, holders);
    }
  }
});

function trigramKey(a: number, b: number, c: number): number {
  return (a * 0x10000 + b) * 0x10000 + c;
}

export interface TriageOptions {
  /**
   * Skip the patterns whose anchor literals do not occur (default true). Off
   * only to measure the prefilter (bench/classify.ts) and to prove it changes
   * no answer (test/unit/triage/anchors.test.ts).
   */
  prefilter?: boolean;
}

export function triage(text: string, options: TriageOptions = {}): TriageResult {
  const prefilter = options.prefilter ?? true;
  // The view of the text (colours and escapes dropped) is built once: redaction scans it, and
  // when redaction changes nothing both readings below are read from it.
  const view = wholeView(text);
  const redaction = redactSecrets(text, view);
  const redactedText = redaction.text;
  const windows = windowViews(redactedText, redactedText === text ? view : undefined);
  let normalized = normalize(redactedText, { windows });
  let mayMatch = prefilter ? candidates(normalized.text) : null;
  let matches = matchAll(normalized.text, mayMatch);
  // A console that hard-wraps at its width cuts words ("could not transl\nate"):
  // read the text once more with those cuts undone, and keep that reading only
  // when it recognises something clearly stronger than the text as pasted.
  // Only a pattern heavier than that margin can make the unwrapped reading win,
  // so only those are tried on it first; all of them run when one matches.
  const width = hardWrapWidth(redactedText);
  const above = strongestWeight(matches) + HARD_WRAP_MARGIN;
  // Whether a pattern heavier than `above` can match the unwrapped reading at all is told
  // without building it: the pasted reading's candidates, and anchor trigrams at its joins.
  if (width > 0 && above < HEAVIEST && (mayMatch === null || heavierCandidate(mayMatch, above) || joinsCanWin(unwrapJoins(redactedText, width, windows), above))) {
    const unwrapped = normalize(redactedText, { hardWrapAt: width, windows });
    if (unwrapped.text !== normalized.text) {
      const unwrappedMayMatch = prefilter ? candidates(unwrapped.text) : null;
      if (matchAll(unwrapped.text, unwrappedMayMatch, above).length > 0) {
        normalized = unwrapped;
        mayMatch = unwrappedMayMatch;
        matches = matchAll(unwrapped.text, mayMatch);
      }
    }
  }

  // Structure before words: the innermost error and the SQLSTATEs the wrappers carry.
  const inner = innerStructure(normalized.text, mayMatch?.subarray(STRUCTURE_WORDS_AT));
  matches = [...matches, ...structuredMatches(inner)];

  const scores = new Map<FamilyId, number>();
  const byFamily = new Map<FamilyId, Match[]>();
  for (const match of matches) {
    const id = match.compiled.family.meta.id;
    const list = byFamily.get(id) ?? [];
    list.push(match);
    byFamily.set(id, list);
  }
  for (const [id, list] of byFamily) scores.set(id, familyScore(list));
  innermostFirst(inner, byFamily, scores);
  // Alternatives a deciding pattern declares (ECONNREFUSED on localhost: maybe the .env never loaded).
  for (const list of byFamily.values()) {
    for (const match of list) {
      for (const alternative of match.compiled.pattern.alternatives ?? []) {
        scores.set(alternative.family, Math.max(scores.get(alternative.family) ?? 0, alternative.weight));
      }
    }
  }

  const ranked = [...scores.entries()].sort(compareScores);
  const top = ranked[0];
  const client = detectClient(normalized.text, mayMatch?.subarray(CLIENT_MARKERS_AT, STRUCTURE_WORDS_AT));
  const base = {
    secretExposed: redaction.secretExposed,
    ...(redaction.secretExposed ? { secretNotice: rotationNotice(redaction.liveKinds) } : {}),
    client,
    redactedText,
  };

  if (top === undefined || top[1] < MIN_SCORE) {
    return { ...base, family: 'unknown', confidence: UNRECOGNISED_CONFIDENCE, evidence: [], alternatives: [], runbook: runbookForClient(familyById('unknown').runbook, client) };
  }

  const [family, topScore] = top;
  const confidence = round2(topScore * share(topScore, ranked));
  // The runner-ups share what the top answer leaves, each in proportion to
  // its strength and scaled by it, so a weak alternative stays small.
  const rest = ranked.slice(1).filter(([id, score]) => id !== 'unknown' && score >= MIN_SCORE);
  const alternatives: Alternative[] = rest
    .map(([id, score]) => ({ family: id, confidence: round2((1 - confidence) * share(score, rest) * score) }))
    .filter((alternative) => alternative.confidence >= MIN_ALTERNATIVE)
    .slice(0, MAX_ALTERNATIVES);

  return {
    ...base,
    family,
    confidence,
    evidence: evidenceOf(byFamily.get(family) ?? [], normalized, redactedText),
    alternatives,
    // The checks as the detected client needs them (pre-ping in SQLAlchemy vs node-postgres ...).
    runbook: runbookForClient(familyById(family).runbook, client),
  };
}

/** Each structured SQLSTATE whose code a family owns, as a match of that family's code pattern. */
function structuredMatches(inner: InnerStructure): Match[] {
  return inner.sqlstates.flatMap((found) => {
    const compiled = BY_SQLSTATE.get(found.value);
    return compiled === undefined ? [] : [{ compiled, start: found.start, end: found.end }];
  });
}

/**
 * When the wrappers hold an innermost error and some family recognises it
 * there, a family that matched only the wrappers' own words (a pool's
 * "could not acquire", a framework's "transient failure") steps back: the
 * innermost error decides. A code is the server's verdict wherever it is
 * printed (Npgsql's `Exception data: SqlState:` follows the stack), so a
 * family with a code match never steps back.
 */
function innermostFirst(inner: InnerStructure, byFamily: Map<FamilyId, Match[]>, scores: Map<FamilyId, number>): void {
  // The innermost link some family recognises; a link cut off mid-word names none.
  for (const layer of inner.layers) {
    const inside = (match: Match): boolean => match.start < layer.end && layer.start < match.end;
    const innerFamilies = new Set<FamilyId>();
    for (const [id, list] of byFamily) {
      const found = list.filter(inside);
      if (found.length > 0 && familyScore(found) >= MIN_SCORE) innerFamilies.add(id);
    }
    if (innerFamilies.size === 0) continue;
    for (const [id, list] of byFamily) {
      if (innerFamilies.has(id) || list.some((match) => match.compiled.pattern.kind === 'sqlstate')) continue;
      scores.set(id, (scores.get(id) ?? 0) * WRAPPER_ONLY_FACTOR);
    }
    return;
  }
}

/** Whether a pattern heavier than `above` is among the prefilter's candidates. */
function heavierCandidate(mayMatch: Uint8Array, above: number): boolean {
  for (let index = 0; index < COMPILED.length; index++) if (mayMatch[index] === 1 && COMPILED[index]!.pattern.weight > above) return true;
  return false;
}

/**
 * Whether an anchor of a pattern heavier than `above` may cross a join of the
 * unwrapped reading (a dropped break, or the line prefix it keeps): the
 * readings are the same text elsewhere, so an anchor found only in the
 * unwrapped one crosses a join, and one of its trigrams does, inside the
 * join's window. True when it cannot tell (joins not exact, a character whose
 * lower case is not one character).
 */
function joinsCanWin(joins: Joins, above: number): boolean {
  if (!joins.exact || !TRIGRAMS_EXACT) return true;
  for (const { text, at, prefix } of joins.windows) {
    // Trigrams that hold the join point or a character of the kept prefix.
    for (let start = Math.max(0, at - 2); start <= at + prefix - 1 && start + 3 <= text.length; start++) {
      // Lower-cased as the prefilter folds them; -1 for a character whose lower case is several.
      const a = lowerCaseCode(text.charCodeAt(start));
      const b = lowerCaseCode(text.charCodeAt(start + 1));
      const c = lowerCaseCode(text.charCodeAt(start + 2));
      if (a < 0 || b < 0 || c < 0) return true;
      for (const index of TRIGRAMS.get(trigramKey(a, b, c)) ?? []) if (COMPILED[index]!.pattern.weight > above) return true;
    }
  }
  return false;
}

function strongestWeight(matches: readonly Match[]): number {
  return matches.reduce((strongest, match) => Math.max(strongest, match.compiled.pattern.weight), 0);
}

/**
 * Every match of every pattern heavier than `above` (all of them by default),
 * without the matches a near miss of the same family covers; `mayMatch`: the
 * prefilter's candidates for this text (null: every pattern is tried).
 */
function matchAll(text: string, mayMatch: Uint8Array | null, above = -1): Match[] {
  const matches: Match[] = [];
  const nearMissSpans = new Map<FamilyId, [number, number][] | null>();
  for (let index = 0; index < COMPILED.length; index++) {
    const compiled = COMPILED[index]!;
    if (compiled.pattern.weight <= above || (mayMatch !== null && mayMatch[index] === 0)) continue;
    const id = compiled.family.meta.id;
    let excluded = nearMissSpans.get(id);
    if (excluded === undefined) {
      excluded = nearMissSpansOf(id, text, mayMatch);
      nearMissSpans.set(id, excluded);
    }
    for (const [start, end] of spansOf(compiled.regex, text)) {
      if (excluded !== null && excluded.some(([from, to]) => start < to && from < end)) continue;
      matches.push({ compiled, start, end });
    }
  }
  return matches;
}

/** Where a family's near misses match (null: nowhere); asked only for a family some pattern of which is tried. */
function nearMissSpansOf(id: FamilyId, text: string, mayMatch: Uint8Array | null): [number, number][] | null {
  const spans: [number, number][] = [];
  for (const { regex, index } of NEAR_MISSES.get(id) ?? []) {
    if (mayMatch !== null && mayMatch[index] === 0) continue;
    for (const [start, end] of spansOf(regex, text)) spans.push([start, end]);
  }
  return spans.length > 0 ? spans : null;
}

function spansOf(regex: RegExp, text: string): [number, number][] {
  const spans: [number, number][] = [];
  regex.lastIndex = 0;
  while (spans.length < MAX_MATCHES_PER_PATTERN) {
    const found = regex.exec(text);
    if (found === null) break;
    const end = found.index + found[0].length;
    spans.push([found.index, end]);
    regex.lastIndex = end > found.index ? end : found.index + 1;
  }
  return spans;
}

function familyScore(matches: readonly Match[]): number {
  const weights = new Map<string, number>();
  for (const { compiled } of matches) weights.set(compiled.pattern.id, compiled.pattern.weight);
  const sorted = [...weights.values()].sort((a, b) => b - a);
  const strongest = sorted[0] ?? 0;
  const extra = Math.min(sorted.length - 1, MAX_EXTRA_PATTERNS) * BONUS_PER_EXTRA_PATTERN;
  // Extra wording can strengthen but never reach the certainty of a lone code.
  return Math.min(strongest >= 1 ? 1 : 0.99, strongest + extra);
}

/** The part of the score mass (sum of score^4) that one score holds. */
function share(score: number, ranked: readonly [FamilyId, number][]): number {
  const mass = ranked.reduce((sum, [, other]) => sum + other ** 4, 0);
  return mass > 0 ? score ** 4 / mass : 0;
}

function compareScores(a: [FamilyId, number], b: [FamilyId, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

function evidenceOf(matches: readonly Match[], normalized: ReturnType<typeof normalize>, redactedText: string): Evidence[] {
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  const sorted = [...matches].sort((a, b) => b.compiled.pattern.weight - a.compiled.pattern.weight || a.start - b.start);
  for (const { compiled, start, end } of sorted) {
    if (seen.has(compiled.pattern.id)) continue;
    seen.add(compiled.pattern.id);
    const span = toInputSpan(normalized, redactedText, start, end);
    evidence.push({
      text: redactedText.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      kind: compiled.pattern.kind,
      rule: `${compiled.family.meta.id}/${compiled.pattern.id}`,
    });
    if (evidence.length === MAX_EVIDENCE) break;
  }
  return evidence;
}

/** The classifier owns iteration: every pattern runs global and never sticky. */
function globalCopy(regex: RegExp): RegExp {
  return new RegExp(regex.source, `${regex.flags.replace(/[gy]/g, '')}g`);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
