// What a runbook must satisfy, as a list of readable problems (empty = fine),
// so one table-driven test can check every family and show every fault at once.
import { findSecrets } from '../../../../src/secrets/find.ts';
import { CLIENT_IDS, type Runbook, type RunbookStep } from '../../../../src/triage/types.ts';
import { FIRST_CHECKS } from '../../../support/first-checks.ts';

export { CLIENT_IDS };

const MIN_STEPS = 4;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const STEP_TEXT_FIELDS = ['id', 'title', 'action', 'verify', 'confirmed', 'ruledOut', 'fix', 'source'] as const;
// A command that prints the connection string must pipe it through something
// that redacts it or keeps only a harmless part (a count, the scheme).
const PRINTS_URL =
  /(?:echo\s+"?\$\{?DATABASE_URL|printenv\s+DATABASE_URL|console\.log\(\s*process\.env\.DATABASE_URL\s*\))(?![^`]*\|\s*(?:sed\b|npx pgtriage parse|tr -cd|cut -d: -f1\b))/;

export function runbookProblems(runbook: Runbook): string[] {
  const problems: string[] = [];
  const minSteps = runbook.family === 'unknown' ? 1 : MIN_STEPS;
  if (runbook.steps.length < minSteps) problems.push(`${runbook.family}: ${runbook.steps.length} steps, needs at least ${minSteps}`);
  const first = FIRST_CHECKS[runbook.family];
  if (runbook.steps[0]?.id !== first) {
    problems.push(`${runbook.family}: first step is "${runbook.steps[0]?.id}", the contract says "${first}"`);
  }
  const seen = new Set<string>();
  for (const step of runbook.steps) {
    const where = `${runbook.family}/${step.id}`;
    if (!SNAKE_CASE.test(step.id)) problems.push(`${where}: id is not snake_case`);
    if (seen.has(step.id)) problems.push(`${where}: id used twice`);
    seen.add(step.id);
    for (const field of STEP_TEXT_FIELDS) {
      if ((step[field] ?? '').trim() === '') problems.push(`${where}: ${field} is empty`);
    }
    problems.push(...variantProblems(where, step));
    for (const text of textsOf(step)) problems.push(...textProblems(where, text));
  }
  if (runbook.collectNext.length === 0) problems.push(`${runbook.family}: collectNext is empty`);
  for (const item of runbook.collectNext) {
    if (item.trim() === '') problems.push(`${runbook.family}: collectNext has an empty item`);
    problems.push(...textProblems(`${runbook.family}/collectNext`, item));
  }
  return problems;
}

function variantProblems(where: string, step: RunbookStep): string[] {
  const problems: string[] = [];
  for (const [client, variant] of Object.entries(step.clientVariants ?? {})) {
    if (!(CLIENT_IDS as readonly string[]).includes(client)) problems.push(`${where}: "${client}" is not a ClientId`);
    const texts = [variant.verify, variant.fix].filter((text) => text !== undefined);
    if (texts.length === 0 || texts.some((text) => text.trim() === '')) problems.push(`${where}: the ${client} variant has no text`);
  }
  return problems;
}

function textsOf(step: RunbookStep): string[] {
  const variants = Object.values(step.clientVariants ?? {}).flatMap((v) => [v.verify ?? '', v.fix ?? '']);
  return [step.title, step.action, step.verify, step.confirmed, step.ruledOut, step.fix, ...variants];
}

function textProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  for (const secret of findSecrets(text)) {
    if (!secret.placeholder) problems.push(`${where}: looks like a real secret (${secret.kind}): "${text.slice(secret.start, secret.end)}"`);
  }
  if (PRINTS_URL.test(text)) problems.push(`${where}: prints DATABASE_URL without redacting the password`);
  return problems;
}
