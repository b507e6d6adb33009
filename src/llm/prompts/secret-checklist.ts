// Prompt 3, the secret checklist for your own app: the inventory of secrets
// (where each lives, how it is loaded, what a commit exposes, the recovery
// steps), the .gitignore check and the findings, as facts; sections one per
// secret, `gitignore`, one per finding. The checklist itself comes from
// src/secrets (`buildChecklist`, also `pgtriage checklist --json`); this only
// phrases it.
import type { Checklist, ChecklistFinding, ChecklistItem } from '../../secrets/checklist/checklist.ts';
import type { GitignoreVerdict } from '../../secrets/checklist/gitignore.ts';
import { redactFacts } from '../facts.ts';
import type { PhrasingJob, SectionSpec } from '../types.ts';

export const KEYS = ['secrets', 'gitignore', 'findings', 'sections'] as const;
export const UNTRUSTED_KEYS = [] as const;

export interface SecretChecklistFacts {
  secrets: (ChecklistItem & { key: string })[];
  gitignore: GitignoreVerdict;
  findings: (Pick<ChecklistFinding, 'id' | 'severity' | 'message'> & { key: string; name: string | null })[];
  sections: string[];
}

export function secretChecklistJob(checklist: Checklist): PhrasingJob {
  const unique = uniqueKeys();
  const secrets = checklist.secrets.map(({ name, provider, live, whereItLives, howLoaded, ifCommitted, recovery }) => ({
    key: unique(`secret.${name}`),
    name,
    provider,
    live,
    whereItLives,
    howLoaded,
    ifCommitted,
    recovery: [...recovery],
  }));
  const findings = checklist.findings.map(({ id, message, severity, name }) => ({
    key: unique(`finding.${id}${name !== undefined ? `.${name}` : ''}`),
    id,
    severity,
    name: name ?? null,
    message,
  }));
  const facts: SecretChecklistFacts = redactFacts({
    secrets,
    gitignore: { envIgnored: checklist.gitignore.envIgnored, rule: checklist.gitignore.rule },
    findings,
    sections: [...secrets.map((s) => s.key), 'gitignore', ...findings.map((f) => f.key)],
  });
  return { prompt: 'secret-checklist', facts: { ...facts }, sections: sectionsOf(facts) };
}

function uniqueKeys(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count > 1 ? `${key}.${count}` : key;
  };
}

function sectionsOf(facts: SecretChecklistFacts): SectionSpec[] {
  return [
    ...facts.secrets.map((s) => ({ key: s.key, heading: `${s.name} (${s.provider}${s.live ? ', live' : ''})` })),
    { key: 'gitignore', heading: '.gitignore' },
    ...facts.findings.map((f) => ({ key: f.key, heading: `${f.severity}: ${f.id}${f.name !== null ? ` (${f.name})` : ''}` })),
  ];
}

export function offline(facts: SecretChecklistFacts, section: SectionSpec): string {
  const secret = facts.secrets.find((s) => s.key === section.key);
  if (secret !== undefined) {
    return [
      `${secret.name} (${secret.provider}${secret.live ? ', a live value was pasted' : ''}).`,
      `Where it lives: ${secret.whereItLives}`,
      `How it is loaded: ${secret.howLoaded}`,
      `If it is committed: ${secret.ifCommitted}`,
      `Recovery, in this order: ${secret.recovery.map((step, i) => `${i + 1}. ${step}`).join(' ')}`,
    ].join('\n');
  }
  if (section.key === 'gitignore') {
    const rule = facts.gitignore.rule !== null ? ` (decided by the line \`${facts.gitignore.rule}\`)` : '';
    if (facts.gitignore.envIgnored === true) return `.env is git-ignored${rule}: the secrets in it stay out of commits.`;
    if (facts.gitignore.envIgnored === false) return `.env is not git-ignored${rule}: committing the folder would commit every secret in it.`;
    return 'No .gitignore was read, so whether .env is ignored is unknown.';
  }
  const finding = facts.findings.find((f) => f.key === section.key);
  return finding?.message ?? '';
}
