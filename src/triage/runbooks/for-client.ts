// The runbook as one client's user should read it: where a step has a variant
// for that client, its verify and fix replace the general ones. Pure; the input
// is never changed, so the registry's runbooks stay shared and frozen-safe.
import type { ClientId, Runbook } from '../types.ts';

/**
 * The runbook as `client` needs it: its variant's verify and fix in place of
 * the general ones. For a known client the other clients' variants are left
 * out (they are most of a runbook's size, and every answer, stored message and
 * log line carried them); with no client detected they stay, so a reader can
 * find theirs.
 */
export function runbookForClient(runbook: Runbook, client: ClientId | null): Runbook {
  const copy = copyOf(runbook);
  if (client === null) return copy;
  for (const step of copy.steps) {
    const variant = step.clientVariants?.[client];
    if (variant?.verify !== undefined) step.verify = variant.verify;
    if (variant?.fix !== undefined) step.fix = variant.fix;
    delete step.clientVariants;
  }
  return copy;
}

/**
 * A deep copy of a runbook's plain data (objects, arrays, strings): what
 * structuredClone gives, at a fraction of its cost on every triage call.
 */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = copyOf(item);
  return out as T;
}
