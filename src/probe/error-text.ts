// The real error text a failure is classified by, in the wording users paste:
// the server's `SEVERITY: message (SQLSTATE code)` as psql and pgx print it,
// Node's own `connect ECONNREFUSED host:port` for socket errors.
import type { ProbeTarget } from './target.ts';

/** The text with the target's secrets cut out, for anything shown or kept. */
export function errorTextOf(error: unknown, target: ProbeTarget): string {
  return target.redact(rawErrorTextOf(error));
}

/**
 * Unredacted, for classification only: cutting out a very short password
 * everywhere would garble the words triage reads (`timeout e<redacted>pired`).
 */
export function rawErrorTextOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: unknown; severity?: unknown };
  const isServerError = typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
  return isServerError ? `${e.severity}: ${e.message} (SQLSTATE ${e.code})` : e.message;
}

export function sqlstateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
