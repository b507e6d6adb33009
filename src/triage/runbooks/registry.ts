// Every family's runbook, keyed by family id. Read from the family registry
// (src/triage/registry.ts, the one explicit sorted list of families) so that
// list is written down once; each family module imports its own runbook file.
import { FAMILIES } from '../registry.ts';
import type { FamilyId, Runbook } from '../types.ts';

export const RUNBOOKS: Readonly<Record<FamilyId, Runbook>> = Object.freeze(
  Object.fromEntries(FAMILIES.map((family) => [family.meta.id, family.runbook])) as Record<FamilyId, Runbook>,
);
