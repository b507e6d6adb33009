// What goes out to a model is facts, not pastes: every string passes through
// the one redactor (src/secrets), and the paste itself travels only as a short
// excerpt around the evidence, labelled as data by the prompt.
import { REDACTED, redactSecrets } from '../secrets/redact.ts';
import type { Facts } from './types.ts';

/** The most of a paste a prompt carries. */
export const EXCERPT_CHARS = 240;

/** Every string in the value, at any depth, through redactSecrets. */
export function redactFacts<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value).text as T;
  if (Array.isArray(value)) return value.map((item) => redactFacts(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactFacts(item)])) as T;
  }
  return value;
}

/** A short window of the (already redacted) paste around its first evidence span. */
export function excerptOf(redactedText: string, around?: { start: number; end: number }): string {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  const start = Math.max(0, Math.min(around?.start ?? 0, redactedText.length) - 80);
  const window = redactedText.slice(start, start + EXCERPT_CHARS * 2);
  let excerpt = flat(window).slice(0, EXCERPT_CHARS);
  // A cut must not leave half of the redaction marker behind, which would read as text.
  const partialMarker = excerpt.lastIndexOf('<');
  if (partialMarker !== -1 && REDACTED.startsWith(excerpt.slice(partialMarker)) && excerpt.slice(partialMarker) !== REDACTED) excerpt = excerpt.slice(0, partialMarker);
  return redactSecrets(`${start > 0 ? '… ' : ''}${excerpt}${start + EXCERPT_CHARS < redactedText.length ? ' …' : ''}`).text;
}

/** Every string value in the facts, depth first (what the output guard may find quoted back). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

/** Replaces every withheld value (configuration secrets) in a text; longest first. */
export function withoutWithheld(text: string, withheld: readonly string[]): string {
  let out = text;
  for (const value of [...withheld].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
  return out;
}

export type { Facts };
