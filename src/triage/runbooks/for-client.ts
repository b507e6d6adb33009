// The runbook as one client's user should read it: where a step has a variant
// for that client, its verify and fix replace the general ones. Pure; the input
// is never changed, so the registry's runbooks stay shared and frozen-safe.
import type { ClientId, Runbook } from '../types.ts';

export function runbookForClient(runbook: Runbook, client: ClientId | null): Runbook {
  const copy = structuredClone(runbook);
  if (client === null) return copy;
  for (const step of copy.steps) {
    const variant = step.clientVariants?.[client];
    if (variant?.verify !== undefined) step.verify = variant.verify;
    if (variant?.fix !== undefined) step.fix = variant.fix;
  }
  return copy;
}
