// The conversation: a message in, structured replies out. Decisions come from
// the triage rules and the runbook walker; this module only sequences them and
// records each exchange atomically.
import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { auditConnectionString } from '../connstr/audit.ts';
import { findConnectionStrings } from '../connstr/find.ts';
import { redactDeep } from '../secrets/redact.ts';
import { createPhraser, type Phraser } from '../llm/phraser.ts';
import { connectionStringAuditJob } from '../llm/prompts/connection-string-audit.ts';
import { incidentRunbookJob } from '../llm/prompts/incident-runbook.ts';
import type { PhrasingJob } from '../llm/types.ts';
import { errors } from '../errors.ts';
import { liveCheckFor } from '../probe/runbook-map.ts';
import type { Probe } from '../probe/service.ts';
import { verifyStep } from '../probe/verify.ts';
import { MAX_CONVERSATION_MESSAGES, type MessageInput, type Page } from '../schemas.ts';
import type { ConversationStore, MessageRow, ProgressChange, RunbookProgressRow, StoredAnswer } from '../store/conversation-store.ts';
import { triage } from '../triage/classify.ts';
import { familyById } from '../triage/registry.ts';
import { advance, answersAt, positionOf, RunbookAnswerError, type StepAnswer } from '../triage/runbook-state.ts';
import { runbookForClient } from '../triage/runbooks/for-client.ts';
import { RUNBOOKS } from '../triage/runbooks/registry.ts';
import type { ClientId, Evidence, FamilyId, Runbook } from '../triage/types.ts';
import { CHECKLIST_MESSAGE_TYPES, checklistStateOf, checklistViewOf, onChecklist, onTick, withTicks, type ChecklistView } from './checklist.ts';
import { lastWritten } from './last-written.ts';
import { createPhrasingRuns, isPending, replyOf, storedOf, type PhrasingListener, type StoredPhrasing } from './phrasing.ts';
import { positionReply, SECRET_WARNING, switchOfferReply, triageReply, type Reply, type SwitchChoice, type UserMessage } from './replies.ts';

const MAX_AUDITS_PER_MESSAGE = 3;

/** A message as the body schema (src/schemas.ts) reads it. */
export type ChatInput = MessageInput;

export interface ConversationView {
  id: string;
  messages: ({ seq: number; role: 'user' | 'assistant'; createdAt: string } & Record<string, unknown>)[];
  /** Where the runbook stands now, with the answers it accepts; null before any triage. */
  state: Reply | null;
  /** The current secret checklist's ticks (every item id of it, true when ticked); null before any checklist. */
  checklist: ChecklistView | null;
  /** Pass as `after` for the next page; null when this page is the last. */
  nextAfter: number | null;
}

/** A line of the owner's conversation list, titled by the runbook's family or the first pasted line. */
export interface ConversationSummary {
  id: string;
  title: string;
  family: FamilyId | null;
  createdAt: string;
  updatedAt: string;
}

export const CONVERSATION_LIST_LIMIT = 50;
const TITLE_MAX_CHARS = 80;

export interface Chat {
  start(ownerToken: string): Promise<{ id: string }>;
  /** The owner's conversations that hold a message, most recently active first. */
  list(ownerToken: string): Promise<{ conversations: ConversationSummary[] }>;
  read(id: string, ownerToken: string, page?: Page): Promise<ConversationView>;
  /**
   * With an idempotency key, a retry of a post that committed gets its first
   * answer back (`replayed`) and stores nothing again, on any instance.
   */
  post(id: string, ownerToken: string, input: ChatInput, options?: { idempotencyKey?: string }): Promise<{ replies: Reply[]; replayed: boolean }>;
  /** Checks the conversation and the phrasing exist, then returns how to follow it (sections, then `done`). */
  watchPhrasing(id: string, ownerToken: string, phrasingId: string): Promise<(listener: PhrasingListener) => () => void>;
  /** Ends model calls in flight (their offline phrasing is stored); call before closing the store. */
  close(): Promise<void>;
}

/** Only a hash of the owner's cookie is stored: a leaked store row opens no conversation. */
export function ownerHashOf(ownerToken: string): string {
  return createHash('sha256').update(ownerToken).digest('hex');
}

export function createChat({
  store,
  logger = pino({ level: 'silent' }),
  phraser = createPhraser({ model: null, logger }),
  probe,
}: {
  store: ConversationStore;
  logger?: Logger;
  /** Offline templates only when absent. */
  phraser?: Phraser;
  /** Answers `{verify}` messages; without it they are refused as not understood. */
  probe?: Probe;
}): Chat {
  const phrasings = createPhrasingRuns({ phraser, store, logger });
  const written = lastWritten();

  async function owned(id: string, ownerToken: string) {
    const conversation = await store.findConversation(id, ownerHashOf(ownerToken));
    if (conversation === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
    return conversation;
  }

  async function exchangeOf(id: string, input: ChatInput, progress: RunbookProgressRow | null): Promise<Exchange> {
    if ('text' in input) return onText(input.text, progress);
    // The checklist lives beside the runbook: neither moves the other.
    if ('checklist' in input) return { ...onChecklist(input.checklist), change: { kind: 'keep' } };
    if ('tick' in input) {
      const state = checklistStateOf(await store.listMessagesOfTypes(id, CHECKLIST_MESSAGE_TYPES));
      return { ...onTick(input.tick, state), change: { kind: 'keep' }, jobs: [] };
    }
    // A verdict is phrased with the evidence and paste of the triage that started its runbook.
    const origin = originOf(await store.listMessages(id), 'switch' in input ? progress?.pendingFamily : progress?.family);
    if ('answer' in input) return onAnswer(input.answer, progress, origin);
    if ('verify' in input) return onVerify(input.verify, progress, origin, probe);
    return onSwitch(input.switch, progress, origin);
  }

  // Writes the exchange (with the seq it was answered from, when given) and answers it, or 'stale'.
  async function record(
    { id, ownerHash, requestHash, idempotencyKey }: { id: string; ownerHash: string; requestHash: string; idempotencyKey: string | undefined },
    { user, replies, change, jobs }: Exchange,
    before: RunbookProgressRow | null,
    expectedLastSeq: number | undefined,
  ): Promise<{ replies: Reply[]; replayed: boolean } | 'stale'> {
    const phrased = jobs.map((job) => phrasings.begin(id, job));
    // Built from redacted text already; the net catches what a reply might still quote.
    const safe = redactDeep({ user, replies });
    const bodies: Record<string, unknown>[] = [...safe.replies, ...phrased];
    const answered = [...safe.replies, ...phrased.map(replyOf)];
    const recorded = await store.recordExchange(id, [{ role: 'user', body: safe.user }, ...bodies.map((body) => ({ role: 'assistant' as const, body }))], change, {
      maxMessages: MAX_CONVERSATION_MESSAGES,
      idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash, response: { replies: answered.map((reply) => (reply.type === 'phrasing' ? storedOf(reply) : reply)) } },
      expectedLastSeq,
    });
    if ('stale' in recorded) return 'stale';
    if ('replay' in recorded) return replayOf(recorded.replay, requestHash);
    written.wrote(id, { ownerHash, lastSeq: recorded.lastSeq, before, change });
    const pending = phrased.filter(isPending);
    if (pending.length > 0) {
      phrasings.run(id, pending).catch((error: unknown) => logger.error({ errorName: (error as Error)?.name }, 'phrasing: run failed'));
    }
    return { replies: answered, replayed: false };
  }

  return {
    async start(ownerToken) {
      const conversation = await store.createConversation(ownerHashOf(ownerToken));
      return { id: conversation.id };
    },

    async list(ownerToken) {
      const rows = await store.listConversations(ownerHashOf(ownerToken), CONVERSATION_LIST_LIMIT);
      return {
        conversations: rows.map((row) => ({
          id: row.id,
          title: titleOf(row.family, row.firstText),
          family: row.family,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
        })),
      };
    },

    async read(id, ownerToken, { after, limit } = { after: 0, limit: MAX_CONVERSATION_MESSAGES }) {
      await owned(id, ownerToken);
      // One more than the page shows tells whether another page follows.
      const [messages, progress, checklistRows] = await Promise.all([
        store.listMessages(id, { afterSeq: after, limit: limit + 1 }),
        store.findProgress(id),
        store.listMessagesOfTypes(id, CHECKLIST_MESSAGE_TYPES),
      ]);
      // The ticks come from every checklist and tick message, not only this page's.
      const checklist = checklistStateOf(checklistRows);
      const shown = messages.slice(0, limit).map((message) => ({ ...message, body: withTicks(message.body, message.seq, checklist) }));
      const views = await Promise.all(
        shown.map(async (message) => (isStoredPhrasing(message.body) ? { ...viewOf(message), ...(await phrasings.settle(id, message.body)) } : viewOf(message))),
      );
      return {
        id,
        messages: views,
        state: progress ? stateOf(progress) : null,
        checklist: checklistViewOf(checklist),
        nextAfter: messages.length > limit ? (shown.at(-1)?.seq ?? null) : null,
      };
    },

    async post(id, ownerToken, input, { idempotencyKey } = {}) {
      const ownerHash = ownerHashOf(ownerToken);
      const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const post = { id, ownerHash, requestHash, idempotencyKey };
      // A verify runs a probe: it is answered once, from what the store says now.
      const known = 'verify' in input ? undefined : written.get(id, ownerHash);
      if (known !== undefined) {
        // A refusal (an answer out of turn, say) may only mean another tab moved on: read afresh before giving it.
        const exchange = await exchangeOf(id, input, known.progress).catch(() => undefined);
        const answer = exchange === undefined ? 'stale' : await record(post, exchange, known.progress, known.lastSeq);
        if (answer !== 'stale') return answer;
        written.forget(id);
      }
      const opened = await store.openForPost(id, ownerHash, idempotencyKey ?? null);
      if (opened === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
      if (opened.earlier !== null) return replayOf(opened.earlier, requestHash);
      const answer = await record(post, await exchangeOf(id, input, opened.progress), opened.progress, undefined);
      // Without an expected seq the store never answers stale.
      if (answer === 'stale') throw new Error('an exchange without an expected seq was answered stale');
      return answer;
    },

    async watchPhrasing(id, ownerToken, phrasingId) {
      await owned(id, ownerToken);
      const stored = await store.findPhrasing(id, phrasingId);
      if (stored === null || !isStoredPhrasing(stored)) throw new errors.PGT_ERR_NOT_FOUND({ message: 'no such phrasing in this conversation' });
      return (listener) => phrasings.watch(stored, id, listener);
    },

    close() {
      return phrasings.close();
    },
  };
}

function replayOf(earlier: StoredAnswer, requestHash: string): { replies: Reply[]; replayed: true } {
  if (earlier.requestHash !== requestHash) throw new errors.PGT_ERR_IDEMPOTENCY_KEY_REUSED();
  const replies = (earlier.response as { replies: Array<Reply | StoredPhrasing> }).replies;
  return { replies: replies.map((reply) => (reply.type === 'phrasing' ? replyOf(reply) : reply)), replayed: true };
}

interface Exchange {
  user: UserMessage;
  replies: Reply[];
  change: ProgressChange;
  /** What to phrase: each becomes a phrasing reply after the replies. */
  jobs: PhrasingJob[];
}

interface Origin {
  evidence: Evidence[];
  redactedText: string;
}

function isStoredPhrasing(body: Record<string, unknown>): body is StoredPhrasing {
  return body.type === 'phrasing' && typeof body.phrasingId === 'string' && typeof body.status === 'string';
}

/** The latest triage of this family and the paste it came from. */
function originOf(messages: readonly MessageRow[], family: FamilyId | null | undefined): Origin {
  for (let i = messages.length - 1; i >= 0; i--) {
    const body = messages[i]!.body as { type?: string; family?: string; evidence?: Evidence[] };
    if (body.type !== 'triage' || body.family !== family) continue;
    const paste = messages.slice(0, i).reverse().find((m) => m.body.type === 'user_text');
    return { evidence: body.evidence ?? [], redactedText: typeof paste?.body.text === 'string' ? paste.body.text : '' };
  }
  return { evidence: [], redactedText: '' };
}

function runbookJob(family: FamilyId, client: ClientId | null, answers: RunbookProgressRow['answers'], origin: Origin): PhrasingJob {
  const runbook = runbookFor(family, client);
  return incidentRunbookJob({ family, client, evidence: origin.evidence, redactedText: origin.redactedText, runbook, answers, position: positionOf(runbook, answers) });
}

function onText(text: string, progress: RunbookProgressRow | null): Exchange {
  // triage() redacts before it classifies; its redacted text is the only form of the message kept.
  const result = triage(text);
  const user: UserMessage = { type: 'user_text', text: result.redactedText };
  const replies: Reply[] = [];
  const audits = findConnectionStrings(text).slice(0, MAX_AUDITS_PER_MESSAGE).map((found) => auditConnectionString(found));

  let change: ProgressChange = { kind: 'keep' };
  const jobs: PhrasingJob[] = [];
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
      jobs.push(runbookJob(result.family, result.client, [], { evidence: result.evidence, redactedText: result.redactedText }));
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
  for (const report of audits) {
    replies.push({ type: 'audit', report, text: `Connection string audit: ${report.findings.length} finding(s).` });
    jobs.push(connectionStringAuditJob(report));
  }
  if (result.secretExposed || audits.some((report) => report.secretExposed)) replies.push(SECRET_WARNING);
  return { user, replies, change, jobs };
}

function onAnswer(answer: { stepId: string; answer: StepAnswer }, progress: RunbookProgressRow | null, origin: Origin | null): Exchange {
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
  const answers = [...progress.answers, answer];
  return {
    user: { type: 'user_answer', stepId: answer.stepId, answer: answer.answer },
    replies: [positionReply(progress.family, next, answersAt(next))],
    change: { kind: 'set', progress: { ...progressFields(progress), answers, pendingFamily: null, pendingClient: null } },
    jobs: [runbookJob(progress.family, progress.client, answers, origin ?? { evidence: [], redactedText: '' })],
  };
}

// The probe's verdict moves the runbook exactly as the user's answer would:
// at a check, confirmed or ruled_out; at the re-check after a fix, a check
// no longer confirmed means resolved. Inconclusive moves nothing.
async function onVerify(verify: { stepId: string }, progress: RunbookProgressRow | null, origin: Origin | null, probe: Probe | undefined): Promise<Exchange> {
  if (probe === undefined) throw new errors.PGT_ERR_BAD_MESSAGE({ message: 'the live probe is not available here; answer the check yourself with {"answer": ...}' });
  if (progress === null) throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: 'there is no runbook to verify yet: paste an error first' });
  const runbook = runbookFor(progress.family, progress.client);
  const position = positionOf(runbook, progress.answers);
  if ((position.kind !== 'check' && position.kind !== 'fix') || position.step.id !== verify.stepId || progress.pendingFamily) {
    const current = position.kind === 'check' || position.kind === 'fix' ? `"${position.step.id}"` : `none (the runbook is ${position.kind})`;
    throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: `only the current check can be verified; it is ${current}`, details: { expected: answersAt(position) } });
  }
  if (liveCheckFor(progress.family, verify.stepId) === undefined) {
    throw new errors.PGT_ERR_BAD_MESSAGE({ message: `"${verify.stepId}" is a manual check: no live probe decides it; run its verify command and answer with {"answer": ...}` });
  }
  const outcome = (await verifyStep(probe, { family: progress.family, stepId: verify.stepId }))!;
  const answer: StepAnswer | null =
    outcome.verdict === 'inconclusive' ? null : position.kind === 'check' ? outcome.verdict : outcome.verdict === 'ruled_out' ? 'resolved' : 'not_resolved';
  const reply: Reply = {
    type: 'verdict',
    family: progress.family,
    stepId: verify.stepId,
    verdict: outcome.verdict,
    evidence: outcome.evidence,
    probe: outcome.probe,
    answer,
    text: `Live check of "${position.step.title}": ${outcome.verdict.replace('_', ' ')}. ${outcome.evidence}`,
  };
  const user: UserMessage = { type: 'user_verify', stepId: verify.stepId };
  if (answer === null) return { user, replies: [reply, stateOf(progress)], change: { kind: 'keep' }, jobs: [] };
  const next = advance(runbook, position, { stepId: verify.stepId, answer });
  const answers = [...progress.answers, { stepId: verify.stepId, answer }];
  return {
    user,
    replies: [reply, positionReply(progress.family, next, answersAt(next))],
    change: { kind: 'set', progress: { ...progressFields(progress), answers, pendingFamily: null, pendingClient: null } },
    jobs: [runbookJob(progress.family, progress.client, answers, origin ?? { evidence: [], redactedText: '' })],
  };
}

function onSwitch(choice: SwitchChoice, progress: RunbookProgressRow | null, origin: Origin | null): Exchange {
  if (progress?.pendingFamily == null) {
    throw new errors.PGT_ERR_ANSWER_OUT_OF_TURN({ message: 'no switch to another runbook is on offer' });
  }
  const user: UserMessage = { type: 'user_switch', choice };
  if (choice === 'decline') {
    const kept = { ...progressFields(progress), pendingFamily: null, pendingClient: null };
    return { user, replies: [stateOf({ ...progress, ...kept })], change: { kind: 'set', progress: kept }, jobs: [] };
  }
  const switched = { family: progress.pendingFamily, client: progress.pendingClient, answers: [], pendingFamily: null, pendingClient: null };
  const runbook = runbookFor(switched.family, switched.client);
  const position = positionOf(runbook, []);
  return {
    user,
    replies: [positionReply(switched.family, position, answersAt(position))],
    change: { kind: 'set', progress: switched },
    jobs: [runbookJob(switched.family, switched.client, [], origin ?? { evidence: [], redactedText: '' })],
  };
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

function titleOf(family: FamilyId | null, firstText: string | null): string {
  if (family !== null) return familyById(family).meta.title;
  const line = (firstText ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'Empty conversation';
  return line.length > TITLE_MAX_CHARS ? `${line.slice(0, TITLE_MAX_CHARS - 1)}…` : line;
}

function viewOf(message: MessageRow): ConversationView['messages'][number] {
  const { job: _job, ...body } = message.body;
  return { seq: message.seq, role: message.role, createdAt: message.createdAt.toISOString(), ...redactDeep(body) };
}
