// The conversation: a message in, structured replies out. Decisions come from
// the triage rules and the runbook walker; this module only sequences them and
// records each exchange atomically.
import { createHash } from 'node:crypto';
import { auditConnectionString } from '../connstr/audit.ts';
import { findConnectionStrings } from '../connstr/find.ts';
import type { ConversationStore, MessageRow, ProgressChange, RunbookProgressRow, StoredAnswer } from '../store/conversation-store.ts';
import { triage } from '../triage/classify.ts';
import { errors } from '../errors.ts';
import { MAX_CONVERSATION_MESSAGES, type MessageInput, type Page } from '../schemas.ts';
import { advance, answersAt, positionOf, RunbookAnswerError, type StepAnswer } from '../triage/runbook-state.ts';
import { runbookForClient } from '../triage/runbooks/for-client.ts';
import { RUNBOOKS } from '../triage/runbooks/registry.ts';
import type { ClientId, FamilyId, Runbook } from '../triage/types.ts';
import { positionReply, SECRET_WARNING, switchOfferReply, triageReply, type Reply, type SwitchChoice, type UserMessage } from './replies.ts';

const MAX_AUDITS_PER_MESSAGE = 3;

/** A message as the body schema (src/schemas.ts) reads it. */
export type ChatInput = MessageInput;

export interface ConversationView {
  id: string;
  messages: ({ seq: number; role: 'user' | 'assistant'; createdAt: string } & Record<string, unknown>)[];
  /** Where the runbook stands now, with the answers it accepts; null before any triage. */
  state: Reply | null;
  /** Pass as `after` for the next page; null when this page is the last. */
  nextAfter: number | null;
}

export interface Chat {
  start(ownerToken: string): Promise<{ id: string }>;
  read(id: string, ownerToken: string, page?: Page): Promise<ConversationView>;
  /**
   * With an idempotency key, a retry of a post that committed gets its first
   * answer back (`replayed`) and stores nothing again, on any instance.
   */
  post(id: string, ownerToken: string, input: ChatInput, options?: { idempotencyKey?: string }): Promise<{ replies: Reply[]; replayed: boolean }>;
}

/** Only a hash of the owner's cookie is stored: a leaked store row opens no conversation. */
export function ownerHashOf(ownerToken: string): string {
  return createHash('sha256').update(ownerToken).digest('hex');
}

export function createChat({ store }: { store: ConversationStore }): Chat {
  async function owned(id: string, ownerToken: string) {
    const conversation = await store.findConversation(id, ownerHashOf(ownerToken));
    if (conversation === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
    return conversation;
  }

  return {
    async start(ownerToken) {
      const conversation = await store.createConversation(ownerHashOf(ownerToken));
      return { id: conversation.id };
    },

    async read(id, ownerToken, { after, limit } = { after: 0, limit: MAX_CONVERSATION_MESSAGES }) {
      await owned(id, ownerToken);
      // One more than the page shows tells whether another page follows.
      const [messages, progress] = await Promise.all([store.listMessages(id, { afterSeq: after, limit: limit + 1 }), store.findProgress(id)]);
      const shown = messages.slice(0, limit);
      return {
        id,
        messages: shown.map(viewOf),
        state: progress ? stateOf(progress) : null,
        nextAfter: messages.length > limit ? (shown.at(-1)?.seq ?? null) : null,
      };
    },

    async post(id, ownerToken, input, { idempotencyKey } = {}) {
      const opened = await store.openForPost(id, ownerHashOf(ownerToken), idempotencyKey ?? null);
      if (opened === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
      const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      if (opened.earlier !== null) return replayOf(opened.earlier, requestHash);
      const { progress } = opened;
      const { user, replies, change } =
        'text' in input ? onText(input.text, progress) : 'answer' in input ? onAnswer(input.answer, progress) : onSwitch(input.switch, progress);
      const recorded = await store.recordExchange(id, [{ role: 'user', body: user }, ...replies.map((reply) => ({ role: 'assistant' as const, body: reply }))], change, {
        maxMessages: MAX_CONVERSATION_MESSAGES,
        idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash, response: { replies } },
      });
      if ('replay' in recorded) return replayOf(recorded.replay, requestHash);
      return { replies, replayed: false };
    },
  };
}

function replayOf(earlier: StoredAnswer, requestHash: string): { replies: Reply[]; replayed: true } {
  if (earlier.requestHash !== requestHash) throw new errors.PGT_ERR_IDEMPOTENCY_KEY_REUSED();
  return { replies: (earlier.response as { replies: Reply[] }).replies, replayed: true };
}

interface Exchange {
  user: UserMessage;
  replies: Reply[];
  change: ProgressChange;
}

function onText(text: string, progress: RunbookProgressRow | null): Exchange {
  // triage() redacts before it classifies; its redacted text is the only form of the message kept.
  const result = triage(text);
  const user: UserMessage = { type: 'user_text', text: result.redactedText };
  const replies: Reply[] = [];
  const audits = findConnectionStrings(text).slice(0, MAX_AUDITS_PER_MESSAGE).map((found) => auditConnectionString(found));

  let change: ProgressChange = { kind: 'keep' };
  const onlyConnectionStrings = audits.length > 0 && result.family === 'unknown';
  if (!onlyConnectionStrings) {
    if (result.family === 'unknown') {
      replies.push(triageReply(result));
      if (progress) replies.push(stateOf(progress));
    } else if (progress === null) {
      replies.push(triageReply(result));
      const runbook = runbookFor(result.family, result.client);
      replies.push(positionReply(result.family, positionOf(runbook, []), answersAt(positionOf(runbook, []))));
      change = { kind: 'set', progress: { family: result.family, client: result.client, answers: [], pendingFamily: null, pendingClient: null } };
    } else if (progress.family === result.family) {
      replies.push({ type: 'note', text: `Still ${result.family}: carry on with the current check.` });
      replies.push(stateOf(progress));
    } else {
      replies.push(triageReply(result));
      replies.push(switchOfferReply(progress.family, result.family));
      change = { kind: 'set', progress: { ...progressFields(progress), pendingFamily: result.family, pendingClient: result.client } };
    }
  }
  // The error leads; the audit of any connection string pasted with it follows.
  for (const report of audits) replies.push({ type: 'audit', report, text: `Connection string audit: ${report.findings.length} finding(s).` });
  if (result.secretExposed || audits.some((report) => report.secretExposed)) replies.push(SECRET_WARNING);
  return { user, replies, change };
}

function onAnswer(answer: { stepId: string; answer: StepAnswer }, progress: RunbookProgressRow | null): Exchange {
  if (progress === null) {
    throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: 'there is no runbook to answer yet: paste an error first' });
  }
  const runbook = runbookFor(progress.family, progress.client);
  let next;
  try {
    next = advance(runbook, positionOf(runbook, progress.answers), answer);
  } catch (error) {
    if (error instanceof RunbookAnswerError) {
      throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: error.message, details: { expected: error.expected } });
    }
    throw error;
  }
  return {
    user: { type: 'user_answer', stepId: answer.stepId, answer: answer.answer },
    replies: [positionReply(progress.family, next, answersAt(next))],
    change: { kind: 'set', progress: { ...progressFields(progress), answers: [...progress.answers, answer], pendingFamily: null, pendingClient: null } },
  };
}

function onSwitch(choice: SwitchChoice, progress: RunbookProgressRow | null): Exchange {
  if (progress?.pendingFamily == null) {
    throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: 'no switch to another runbook is on offer' });
  }
  const user: UserMessage = { type: 'user_switch', choice };
  if (choice === 'decline') {
    const kept = { ...progressFields(progress), pendingFamily: null, pendingClient: null };
    return { user, replies: [stateOf({ ...progress, ...kept })], change: { kind: 'set', progress: kept } };
  }
  const switched = { family: progress.pendingFamily, client: progress.pendingClient, answers: [], pendingFamily: null, pendingClient: null };
  const runbook = runbookFor(switched.family, switched.client);
  const position = positionOf(runbook, []);
  return { user, replies: [positionReply(switched.family, position, answersAt(position))], change: { kind: 'set', progress: switched } };
}

function stateOf(progress: RunbookProgressRow): Reply {
  const runbook = runbookFor(progress.family, progress.client);
  const position = positionOf(runbook, progress.answers);
  if (progress.pendingFamily) return switchOfferReply(progress.family, progress.pendingFamily);
  return positionReply(progress.family, position, answersAt(position));
}

function runbookFor(family: FamilyId, client: ClientId | null): Runbook {
  return runbookForClient(RUNBOOKS[family], client);
}

function progressFields(progress: RunbookProgressRow): Omit<RunbookProgressRow, 'conversationId' | 'updatedAt'> {
  const { family, client, answers, pendingFamily, pendingClient } = progress;
  return { family, client, answers, pendingFamily, pendingClient };
}

function viewOf(message: MessageRow): ConversationView['messages'][number] {
  return { seq: message.seq, role: message.role, createdAt: message.createdAt.toISOString(), ...message.body };
}
