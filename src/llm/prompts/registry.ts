// The three prompts by id: the keys their template in prompts/<id>.md uses,
// which keys hold the user's paste, and their offline template.
import type { Facts, PromptId, SectionSpec } from '../types.ts';
import * as connectionStringAudit from './connection-string-audit.ts';
import * as incidentRunbook from './incident-runbook.ts';
import * as secretChecklist from './secret-checklist.ts';

export interface PromptModule {
  readonly keys: readonly string[];
  readonly untrustedKeys: readonly string[];
  offline(facts: Facts, section: SectionSpec): string;
}

function entry(module: { KEYS: readonly string[]; UNTRUSTED_KEYS: readonly string[]; offline(facts: never, section: SectionSpec): string }): PromptModule {
  return { keys: module.KEYS, untrustedKeys: module.UNTRUSTED_KEYS, offline: module.offline as (facts: Facts, section: SectionSpec) => string };
}

export const PROMPTS: Readonly<Record<PromptId, PromptModule>> = Object.freeze({
  'connection-string-audit': entry(connectionStringAudit),
  'incident-runbook': entry(incidentRunbook),
  'secret-checklist': entry(secretChecklist),
});
