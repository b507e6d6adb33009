// The runbook as one client's user should read it: where a step has a variant
// for that client, its verify and fix replace the general ones. Pure; the input
// is never changed, so the registry's runbooks stay shared and frozen-safe.
import type { ClientId, Runbook, RunbookStep } from '../types.ts';

/**
 * The runbook as `client` needs it: its variant's verify and fix in place of
 * the general ones. For a known client the other clients' variants are left
 * out (they are most of a runbook's size, and every answer, stored message and
 * log line carried them); with no client detected they stay, so a reader can
 * find theirs.
 */
export function runbookForClient(runbook: Runbook, client: ClientId | null): Runbook {
  if (client === null) return copyOf(runbook);
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(runbook)) copy[key] = key === 'steps' ? runbook.steps.map((step) => stepFor(step, client)) : copyOf(value);
  return copy as unknown as Runbook;
}

/** A copy of the step with the client's variant in place, the variants left out rather than copied and then dropped. */
function stepFor(step: RunbookStep, client: ClientId): RunbookStep {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step)) if (key !== 'clientVariants') copy[key] = copyOf(value);
  const variant = step.clientVariants?.[client];
  if (variant?.verify !== undefined) copy.verify = variant.verify;
  if (variant?.fix !== undefined) copy.fix = variant.fix;
  return copy as unknown as RunbookStep;
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
