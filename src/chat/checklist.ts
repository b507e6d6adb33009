// Lesson prompt 3 in the chat: a `{checklist}` message answers the secret
// checklist with items to tick, a `{tick}` message ticks one. The ticks are
// the conversation's own messages (`user_tick`), folded in seq order over the
// checklist messages, so a tick commits with its message or not at all, and a
// reload or a restart reads back exactly what was recorded.
import { buildChecklist, envVariableNames, type Checklist, type ChecklistInput } from '../secrets/checklist/checklist.ts';
import { checklistItems, gitignoreItems, RECOVERY_STEPS, secretItems, type TickItem } from '../secrets/checklist/items.ts';
import { REDACTED, redactSecrets } from '../secrets/redact.ts';
import { secretChecklistJob } from '../llm/prompts/secret-checklist.ts';
import type { PhrasingJob } from '../llm/types.ts';
import { errors } from '../errors.ts';
import type { ChecklistReply, Reply, UserMessage } from './replies.ts';

/** The message types the checklist's state is folded from. */
export const CHECKLIST_MESSAGE_TYPES = ['checklist', 'user_tick'] as const;

export interface ChecklistState {
  /** The seq of the current (latest) checklist message. */
  seq: number;
  /** Its items, in order. */
  items: TickItem[];
  /** Ticked or not, per item id of the current checklist. */
  ticks: Map<string, boolean>;
}

/** What GET /api/conversations/:id shows of the checklist: the current one's seq, every item's tick and the count. */
export interface ChecklistView {
  seq: number;
  ticks: Record<string, boolean>;
  progress: { done: number; total: number };
}

const DESCRIPTION_IN_TITLE = 60;

export function onChecklist(input: ChecklistInput): { user: UserMessage; replies: Reply[]; jobs: PhrasingJob[] } {
  // buildChecklist names variables, never their values; the description and the
  // summary are redacted here, and the whole exchange passes redactDeep after.
  const checklist = buildChecklist(input);
  const description = redactSecrets(input.description ?? '').text.trim();
  const variables = envVariableNames(input.env ?? '');
  const user: UserMessage = {
    type: 'user_checklist',
    text: summaryOf(description, variables.length, input.gitignore !== undefined),
    description: description === '' ? null : description,
    variables,
    gitignore: input.gitignore !== undefined,
  };
  const replies: Reply[] = [checklistReply(checklist)];
  const live = checklist.secrets.filter((secret) => secret.live).map((secret) => secret.name);
  const liveInDescription = checklist.findings.some((finding) => finding.id === 'live_secret' && finding.name === undefined);
  if (live.length > 0 || liveInDescription) replies.push(liveWarning(live, liveInDescription));
  return { user, replies, jobs: [secretChecklistJob(checklist)] };
}

export function onTick(tick: { itemId: string; done: boolean }, state: ChecklistState | null): { user: UserMessage; replies: Reply[] } {
  if (state === null) throw new errors.PGT_ERR_NO_CHECKLIST();
  const item = state.items.find((each) => each.id === tick.itemId);
  if (item === undefined) {
    throw new errors.PGT_ERR_CHECKLIST_ITEM_NOT_FOUND({ message: `the current secret checklist has no item "${tick.itemId}"`, details: { itemId: tick.itemId } });
  }
  const ticks = new Map(state.ticks).set(item.id, tick.done);
  const progress = progressOf(state.items, ticks);
  return {
    user: { type: 'user_tick', itemId: item.id, done: tick.done },
    replies: [
      {
        type: 'tick',
        itemId: item.id,
        done: tick.done,
        label: item.label,
        progress,
        text: `${tick.done ? 'Done' : 'Not done'}: ${item.label} (${progress.done} of ${progress.total} done).`,
      },
    ],
  };
}

/**
 * The current checklist and its ticks, from the checklist and tick messages in
 * seq order. A tick sets its item; a newer checklist replaces the items and
 * keeps the ticks of those it still has, except recovery steps, which start
 * again: a value pasted live again is a new exposure.
 */
export function checklistStateOf(rows: readonly { seq: number; body: Record<string, unknown> }[]): ChecklistState | null {
  let state: ChecklistState | null = null;
  for (const { seq, body } of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (body.type === 'checklist') {
      const items = itemsOfReply(body as unknown as ChecklistReply);
      const kept = new Map<string, boolean>();
      for (const item of items) kept.set(item.id, !RECOVERY_STEPS.has(item.step) && (state?.ticks.get(item.id) ?? false));
      state = { seq, items, ticks: kept };
    } else if (body.type === 'user_tick' && state !== null && typeof body.itemId === 'string' && state.ticks.has(body.itemId)) {
      state.ticks.set(body.itemId, body.done === true);
    }
  }
  return state;
}

export function checklistViewOf(state: ChecklistState | null): ChecklistView | null {
  if (state === null) return null;
  return { seq: state.seq, ticks: Object.fromEntries(state.ticks), progress: progressOf(state.items, state.ticks) };
}

/** A checklist message as read back: the current one with its ticks, an earlier one marked as replaced. */
export function withTicks(body: Record<string, unknown>, seq: number, state: ChecklistState | null): Record<string, unknown> {
  if (body.type !== 'checklist') return body;
  const reply = body as unknown as ChecklistReply;
  if (state === null || seq !== state.seq) return { ...reply, current: false };
  const tick = (item: ChecklistReply['gitignore']['items'][number]) => ({ ...item, done: state.ticks.get(item.id) ?? false });
  return {
    ...reply,
    current: true,
    secrets: reply.secrets.map((secret) => ({ ...secret, items: secret.items.map(tick) })),
    gitignore: { ...reply.gitignore, items: reply.gitignore.items.map(tick) },
    progress: progressOf(state.items, state.ticks),
  };
}

function checklistReply(checklist: Checklist): ChecklistReply {
  const unticked = (item: TickItem) => ({ ...item, done: false });
  const secrets = checklist.secrets.map((secret) => ({ ...secret, items: secretItems(secret).map(unticked) }));
  const total = checklistItems(checklist).length;
  const live = checklist.secrets.filter((secret) => secret.live).length;
  return {
    type: 'checklist',
    secrets,
    gitignore: { ...checklist.gitignore, items: gitignoreItems(checklist.gitignore).map(unticked) },
    findings: checklist.findings,
    current: true,
    progress: { done: 0, total },
    text:
      `Secret checklist: ${checklist.secrets.length} secret${checklist.secrets.length === 1 ? '' : 's'}` +
      `${live > 0 ? `, ${live} pasted live (rotate ${live === 1 ? 'it' : 'them'} first)` : ''}; ${total} item${total === 1 ? '' : 's'} to tick.`,
  };
}

function itemsOfReply(reply: ChecklistReply): TickItem[] {
  const plain = ({ id, step, label, detail }: TickItem) => ({ id, step, label, detail });
  return [...(reply.secrets ?? []).flatMap((secret) => (secret.items ?? []).map(plain)), ...(reply.gitignore?.items ?? []).map(plain)];
}

function progressOf(items: readonly TickItem[], ticks: ReadonlyMap<string, boolean>): { done: number; total: number } {
  return { done: items.filter((item) => ticks.get(item.id) === true).length, total: items.length };
}

function liveWarning(names: readonly string[], inDescription: boolean): Reply {
  const where = [...names.map((name) => name), ...(inDescription ? ['a key in the description'] : [])];
  const list = where.length === 1 ? where[0] : `${where.slice(0, -1).join(', ')} and ${where.at(-1)}`;
  return {
    type: 'secret_warning',
    text:
      `Your paste held a live secret (${list}). It was redacted before anything was stored or shown, and only variable names are kept. ` +
      'Treat it as exposed: rotate it at its provider first (the checklist says where), then remove it from git history if it was committed.',
  };
}

function summaryOf(description: string, variables: number, gitignore: boolean): string {
  const parts: string[] = [];
  if (description !== '') parts.push(shortened(description.replace(/\s+/g, ' ')));
  if (variables > 0) parts.push(`a .env with ${variables} variable${variables === 1 ? '' : 's'}`);
  if (gitignore) parts.push('a .gitignore');
  return `Secret checklist for ${parts.join(', ')}`;
}

/** At most DESCRIPTION_IN_TITLE characters, never cutting a redaction marker in two. */
function shortened(text: string): string {
  if (text.length <= DESCRIPTION_IN_TITLE) return text;
  let cut = text.slice(0, DESCRIPTION_IN_TITLE - 1);
  const open = cut.lastIndexOf('<');
  if (open !== -1 && !cut.includes('>', open) && REDACTED.startsWith(cut.slice(open))) cut = cut.slice(0, open);
  return `${cut.trimEnd()}…`;
}
