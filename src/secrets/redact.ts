// The one entry point for redaction: triage, the connection-string audit, the
// chat, the store, the logs and the model requests all call redactSecrets.
import { findSecrets } from './find.ts';
import type { TextView } from '../text/view.ts';
import { SECRET_KINDS, type SecretFinding, type SecretKind } from './kinds.ts';

export const REDACTED = '<redacted>';

export interface Redaction {
  /** The input with every secret, placeholders included, replaced by `<redacted>`. */
  text: string;
  findings: SecretFinding[];
  /** At least one live (non-placeholder) secret was in the text: it must be rotated. */
  secretExposed: boolean;
  /** Kinds of live secrets found, in order of first appearance. */
  liveKinds: SecretKind[];
  /** How many findings were placeholders (templates, masks, documented test keys): hidden, nothing to rotate. */
  placeholders: number;
}

// The audit redacts the same short strings (parts, messages, fixes) many
// times over; a pure function's answers can be kept. Bounded in count and size.
const CACHE = new Map<string, Redaction>();
const CACHE_ENTRIES = 512;
const CACHE_MAX_CHARS = 2048;

/** `view`: seeThrough(text) (src/text/view.ts), when the caller already has it; the same answer either way. */
export function redactSecrets(text: string, view?: TextView): Redaction {
  const cacheable = text.length <= CACHE_MAX_CHARS;
  const cached = cacheable ? CACHE.get(text) : undefined;
  if (cached !== undefined) return cached;
  const redaction = redact(text, view);
  if (cacheable) {
    if (CACHE.size >= CACHE_ENTRIES) CACHE.delete(CACHE.keys().next().value as string);
    CACHE.set(text, redaction);
  }
  return redaction;
}

function redact(text: string, view?: TextView): Redaction {
  const findings = findSecrets(text, view);
  const parts: string[] = [];
  let cursor = 0;
  for (const finding of findings) {
    parts.push(text.slice(cursor, finding.start), REDACTED);
    cursor = finding.end;
  }
  parts.push(text.slice(cursor));
  const live = findings.filter((finding) => !finding.placeholder);
  return Object.freeze({
    text: findings.length === 0 ? text : parts.join(''),
    findings,
    secretExposed: live.length > 0,
    liveKinds: [...new Set(live.map((finding) => finding.kind))],
    placeholders: findings.length - live.length,
  });
}

/** Tells the user which live secrets a text held and that they must be rotated. */
export function rotationNotice(kinds: readonly SecretKind[]): string {
  const names = kinds.map((kind) => SECRET_KINDS[kind]);
  return `The text you pasted contained ${names.join(', ')}. It was redacted before anything kept it, but treat it as exposed: rotate it now (Neon console → Roles & Databases → Reset password, or revoke the key at its provider) and update it wherever it is set.`;
}

/**
 * The text with its live secrets replaced and placeholders left as they are:
 * the last net over text already built from redacted input (a response, a
 * stored reply, a log line), where a template such as `user:password@host`
 * in a runbook's advice must stay readable.
 */
export function redactLiveSecrets(text: string): string {
  const { findings, secretExposed } = redactSecrets(text);
  if (!secretExposed) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (const finding of findings) {
    if (finding.placeholder) continue;
    parts.push(text.slice(cursor, finding.start), REDACTED);
    cursor = finding.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/**
 * Every string inside a JSON-like value with its live secrets redacted (responses, stored messages, log records).
 * What holds no live secret comes back as the same object, not a copy.
 */
export function redactDeep<T>(value: T): T {
  return redactValue(value, 0) as T;
}

const MAX_DEPTH = 16;
// Deeply frozen values already read and found clean (a runbook shared by every
// answer): they cannot change, so they are not read again.
const CLEAN_FROZEN = new WeakSet<object>();

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactLiveSecrets(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (CLEAN_FROZEN.has(value)) return value;
  let frozen = Object.isFrozen(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const safe = redactValue(item, depth + 1);
      if (safe !== item) (out ??= value.slice())[index] = safe;
      frozen &&= isSettled(item);
    }
    if (out !== undefined) return out;
  } else {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const safe = redactValue(item, depth + 1);
      if (safe !== item) (out ??= { ...value })[key] = safe;
      frozen &&= isSettled(item);
    }
    if (out !== undefined) return out;
  }
  if (frozen) CLEAN_FROZEN.add(value);
  return value;
}

/** A value redactDeep read whole and found clean, which can no longer change (a runbook shared by every answer). */
export function isCleanAndFrozen(value: object): boolean {
  return CLEAN_FROZEN.has(value);
}

/** A leaf, or an object that can no longer change and was found clean. */
function isSettled(item: unknown): boolean {
  return item === null || typeof item !== 'object' || CLEAN_FROZEN.has(item);
}
