// Writes docs/runbooks.md from the runbook registry. Usage: node --import tsx scripts/runbooks-doc.ts
import { writeFileSync } from 'node:fs';
import { RUNBOOKS } from '../src/triage/runbooks/registry.ts';
import { runbooksOverview } from '../src/triage/runbooks/overview.ts';

writeFileSync(new URL('../docs/runbooks.md', import.meta.url), runbooksOverview(RUNBOOKS));
