// The runbook as one client's user should read it: where a step has a variant
// for that client, its verify and fix replace the general ones. Pure: the
// registry's runbooks are never changed, and each answer is built once per
// (runbook, client) and handed out deeply frozen, so every triage call, chat
// reply and response shares it instead of copying about 6 KB of text.
import type { ClientId, Runbook } from '../types.ts';

const BUILT = new WeakMap<Runbook, Map<ClientId | null, Runbook>>();

/**
 * The runbook as `client` needs it: its variant's verify and fix in place of
 * the general ones. For a known client the other clients' variants are left
 * out (they are most of a runbook's size, and every answer, stored message and
 * log line carried them); with no client detected they stay, so a reader can
 * find theirs. The result is deeply frozen: read it, never change it.
 */
export function runbookForClient(runbook: Runbook, client: ClientId | null): Runbook {
  let byClient = BUILT.get(runbook);
  if (byClient === undefined) BUILT.set(runbook, (byClient = new Map()));
  let built = byClient.get(client);
  if (built === undefined) byClient.set(client, (built = deepFreeze(build(runbook, client))));
  return built;
}

function build(runbook: Runbook, client: ClientId | null): Runbook {
  const copy = structuredClone(runbook);
  if (client === null) return copy;
  for (const step of copy.steps) {
    const variant = step.clientVariants?.[client];
    if (variant?.verify !== undefined) step.verify = variant.verify;
    if (variant?.fix !== undefined) step.fix = variant.fix;
    delete step.clientVariants;
  }
  return copy;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
