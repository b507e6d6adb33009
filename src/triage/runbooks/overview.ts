// The Markdown overview of every runbook (family → ordered checks) that
// docs/runbooks.md holds; a test keeps the committed file equal to this output.
import type { FamilyId, Runbook } from '../types.ts';

export const OVERVIEW_COMMAND = 'node --import tsx scripts/runbooks-doc.ts';

export function runbooksOverview(runbooks: Record<FamilyId, Runbook>): string {
  const lines = [
    '# Runbooks',
    '',
    `<!-- generated from src/triage/runbooks/*.ts by \`${OVERVIEW_COMMAND}\`; do not edit by hand -->`,
    '',
    'Each family\'s checks run in this order, one at a time: **confirmed** leads to the',
    'fix and a re-check, **ruled out** to the next check; when every check is ruled out,',
    'the runbook says what to collect next (`collectNext` in `src/triage/runbooks/<id>.ts`). The first checks of the five lesson families',
    '(auth_failed, cannot_connect, driver_missing, stale_connection, too_many_connections)',
    'and unknown\'s `ask_exact_error` are fixed by the contract. Where a client does a',
    'check or a fix differently, the step carries a variant for it (listed after the title).',
    '',
  ];
  for (const runbook of Object.values(runbooks)) {
    lines.push(`## ${runbook.family}`, '');
    runbook.steps.forEach((step, index) => {
      const clients = Object.keys(step.clientVariants ?? {});
      const variants = clients.length > 0 ? ` _(variants: ${clients.join(', ')})_` : '';
      lines.push(`${index + 1}. \`${step.id}\`: ${step.title}${variants}`);
    });
    lines.push('');
  }
  return lines.join('\n');
}
