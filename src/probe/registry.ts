// The doctor's checks in the order they run: each layer after the ones it
// depends on (an explicit list, like the triage registry).
import { coldStart } from './checks/cold_start.ts';
import { configuration } from './checks/configuration.ts';
import { connectionSlots } from './checks/connection_slots.ts';
import { dns } from './checks/dns.ts';
import { restartReread } from './checks/restart_reread.ts';
import { roundTrip } from './checks/round_trip.ts';
import { schema } from './checks/schema.ts';
import { schemaCreate } from './checks/schema_create.ts';
import { select1 } from './checks/select_1.ts';
import { serverFacts } from './checks/server_facts.ts';
import { stalePool } from './checks/stale_pool.ts';
import { startupAuth } from './checks/startup_auth.ts';
import { tcp } from './checks/tcp.ts';
import { tlsCheck } from './checks/tls.ts';
import type { ProbeCheck } from './types.ts';

export const DOCTOR_CHECKS: readonly ProbeCheck[] = Object.freeze([
  configuration,
  dns,
  tcp,
  tlsCheck,
  startupAuth,
  coldStart,
  select1,
  serverFacts,
  connectionSlots,
  schema,
  schemaCreate,
  roundTrip,
  restartReread,
  stalePool,
]);

export const CHECKS_BY_ID: Readonly<Record<string, ProbeCheck>> = Object.freeze(Object.fromEntries(DOCTOR_CHECKS.map((check) => [check.id, check])));

/** A check and every check it depends on, in run order. */
export function checksUpTo(id: string): ProbeCheck[] {
  const wanted = new Set<string>();
  const add = (checkId: string) => {
    if (wanted.has(checkId)) return;
    wanted.add(checkId);
    for (const dep of CHECKS_BY_ID[checkId]?.dependsOn ?? []) add(dep);
  };
  add(id);
  return DOCTOR_CHECKS.filter((check) => wanted.has(check.id));
}
