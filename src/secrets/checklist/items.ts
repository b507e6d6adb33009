// The secret checklist as items a user ticks off (lesson prompt 3 in the
// chat): per secret, keeping it out of the repository and loading it from the
// environment; for a value that was pasted live, the recovery steps in order
// (rotate, remove from history, check for use); and `.env` in .gitignore when
// the pasted one does not keep it out. Ids are built from the variable's name
// and the step, so the same checklist always has the same ids and a
// re-submitted checklist keeps the ticks of the items it still has.
import type { Checklist, ChecklistItem } from './checklist.ts';
import type { GitignoreVerdict } from './gitignore.ts';

export type TickStep = 'stored' | 'loaded' | 'rotated' | 'history' | 'use_checked' | 'gitignore';

export interface TickItem {
  id: string;
  step: TickStep;
  /** What to do, in a few words (the box's label). */
  label: string;
  /** How, from the checklist (the box's description). */
  detail: string;
}

/** Recovery items start unticked in every new checklist: a value pasted live again is a new exposure. */
export const RECOVERY_STEPS: ReadonlySet<TickStep> = new Set(['rotated', 'history', 'use_checked']);

export const GITIGNORE_ITEM_ID = 'gitignore:.env';

export function secretItems(secret: ChecklistItem): TickItem[] {
  const id = (step: TickStep) => `${secret.name}:${step}`;
  const items: TickItem[] = [
    { id: id('stored'), step: 'stored', label: `Keep ${secret.name} in .env locally and in the host's secret store in production`, detail: secret.whereItLives },
    { id: id('loaded'), step: 'loaded', label: `Load ${secret.name} from the environment at start, with no default in the code`, detail: secret.howLoaded },
  ];
  if (!secret.live) return items;
  const [rotate = '', history = '', checkUse = ''] = secret.recovery;
  return [
    ...items,
    { id: id('rotated'), step: 'rotated', label: `Rotate ${secret.name} at ${secret.provider}`, detail: rotate },
    { id: id('history'), step: 'history', label: `Remove ${secret.name} from git history if it was ever committed`, detail: history },
    { id: id('use_checked'), step: 'use_checked', label: `Check ${secret.provider} for use of the old ${secret.name}`, detail: checkUse },
  ];
}

export function gitignoreItems(gitignore: GitignoreVerdict): TickItem[] {
  if (gitignore.envIgnored === true) return [];
  const detail =
    gitignore.envIgnored === false
      ? `The .gitignore given lets .env through${gitignore.rule !== null ? ` (decided by "${gitignore.rule}")` : ''}: add a line \`.env\` after any \`!\` rule, then check that \`git ls-files .env\` prints nothing.`
      : 'No .gitignore was given: make sure it has a line `.env`, and that `git ls-files .env` prints nothing.';
  return [{ id: GITIGNORE_ITEM_ID, step: 'gitignore', label: 'Keep .env out of git with a line `.env` in .gitignore', detail }];
}

/** Every item of a checklist, secrets first, in order. */
export function checklistItems(checklist: Checklist): TickItem[] {
  return [...checklist.secrets.flatMap(secretItems), ...gitignoreItems(checklist.gitignore)];
}
