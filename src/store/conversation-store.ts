// Repository functions over the conversation tables. Callers get plain
// records; every write of one exchange (the user's message, the replies and the
// runbook progress) commits together or not at all.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { createDataSource } from '../db/data-source.ts';
import { isStoreUnavailable } from '../db/retry.ts';
import { errors, PgtError } from '../errors.ts';
import type { PoolSettings, ResilientPool } from '../db/pool.ts';
import type { FamilyId } from '../triage/types.ts';
import {
  ConversationEntity,
  MessageEntity,
  RunbookProgressEntity,
  type ConversationRow,
  type MessageRole,
  type MessageRow,
  type RunbookProgressRow,
} from './entities.ts';
import { preparedStatements } from '../db/prepared.ts';
import { Initial1764057600000 } from './migrations/1764057600000-initial.ts';
import { SharedState1764662400000 } from './migrations/1764662400000-shared-state.ts';
import { IdempotencyKeys1764748800000 } from './migrations/1764748800000-idempotency-keys.ts';
import { ConversationLastSeq1764835200000 } from './migrations/1764835200000-conversation-last-seq.ts';
import { OwnerIndex1796320000000 } from './migrations/1796320000000-owner-index.ts';

export type { ConversationRow, MessageRow, RunbookProgressRow };

/** One line of an owner's conversation list: enough to title it without reading its messages. */
export interface ConversationSummaryRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  /** The runbook's family when one was started. */
  family: FamilyId | null;
  /** The first pasted text (already redacted when it was recorded). */
  firstText: string | null;
}

export interface NewMessage {
  role: MessageRole;
  body: Record<string, unknown>;
}

export type ProgressChange =
  | { kind: 'keep' }
  | { kind: 'set'; progress: Omit<RunbookProgressRow, 'conversationId' | 'updatedAt'> }
  | { kind: 'clear' };

/** A post's Idempotency-Key, what it asked (hashed) and what it was answered. */
export interface IdempotentWrite {
  key: string;
  requestHash: string;
  response: Record<string, unknown>;
}

export interface StoredAnswer {
  requestHash: string;
  response: Record<string, unknown>;
}

/** What a message post reads before it answers. */
export interface OpenedForPost {
  progress: RunbookProgressRow | null;
  /** The answer kept for the post's Idempotency-Key, when a post with it committed. */
  earlier: StoredAnswer | null;
  /** The seq of the conversation's last message (0 when it has none). */
  lastSeq: number;
}

/** `lastSeq` is the conversation's last seq after this exchange. */
export type RecordedExchange = { saved: number; lastSeq: number } | { replay: StoredAnswer } | { stale: true };

export interface ConversationStore {
  createConversation(ownerHash: string): Promise<ConversationRow>;
  /** The conversation when it exists and belongs to this owner; otherwise null. */
  findConversation(id: string, ownerHash: string): Promise<ConversationRow | null>;
  /** The owner's conversations that hold a message, most recently active first. */
  listConversations(ownerHash: string, limit: number): Promise<ConversationSummaryRow[]>;
  /** Messages in seq order, those after `afterSeq`, at most `limit`. */
  listMessages(conversationId: string, page?: { afterSeq: number; limit: number }): Promise<MessageRow[]>;
  /** The messages whose body has one of these types, in seq order. */
  listMessagesOfTypes(conversationId: string, types: readonly string[]): Promise<MessageRow[]>;
  findProgress(conversationId: string): Promise<RunbookProgressRow | null>;
  /**
   * Appends messages in order and applies the progress change, atomically;
   * PGT_ERR_CONVERSATION_FULL when they would take it past `maxMessages`.
   * `saved` counts the messages written: the caller has their bodies, so none come back.
   * With `expectedLastSeq`, it writes only while the conversation's last seq is
   * still that one, and answers `stale` when another exchange came first.
   */
  recordExchange(
    conversationId: string,
    messages: NewMessage[],
    progress: ProgressChange,
    options?: { maxMessages?: number; idempotency?: IdempotentWrite; expectedLastSeq?: number },
  ): Promise<RecordedExchange>;
  /**
   * What a message post needs, in one round trip: null when the conversation
   * is not this owner's; else its runbook progress and, for a key already
   * used, the answer kept for it.
   */
  openForPost(conversationId: string, ownerHash: string, idempotencyKey: string | null): Promise<OpenedForPost | null>;
  /** The answer kept for this Idempotency-Key, if a post with it committed. */
  findAnswer(conversationId: string, key: string): Promise<StoredAnswer | null>;
  /**
   * A secret shared by every instance on this store, made on first use: the
   * first instance's random value wins, later ones read it.
   */
  sharedSecret(name: string): Promise<Buffer>;
  /** Counts a hit for `key` in a fixed window of `windowMs` (the rate limiter's store). */
  countHit(key: string, windowMs: number, hits?: number): Promise<{ hits: number; resetAt: Date }>;
  /** The body of the phrasing message with this phrasingId in the conversation, or null. */
  findPhrasing(conversationId: string, phrasingId: string): Promise<Record<string, unknown> | null>;
  /** Replaces the body of that phrasing message (a pending phrasing, once complete). */
  updatePhrasing(conversationId: string, phrasingId: string, body: Record<string, unknown>): Promise<void>;
  /** Round trip to the store, for health checks. */
  ping(): Promise<void>;
  /** The pool under the store, for metrics and the startup health check. */
  readonly pool: ResilientPool;
  close(): Promise<void>;
}

export async function openConversationStore({ pool, logger }: { pool: PoolSettings; logger: Logger }): Promise<ConversationStore> {
  const { dataSource, pool: poolOf } = createDataSource({
    pool,
    logger,
    entities: [ConversationEntity, MessageEntity, RunbookProgressEntity],
    migrations: [Initial1764057600000, SharedState1764662400000, IdempotencyKeys1764748800000, ConversationLastSeq1764835200000, OwnerIndex1796320000000],
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return storeOver(dataSource, poolOf() as ResilientPool);
}

// The store names its own outage: a driver error that means "the database is
// down, refusing or frozen" becomes the catalogue's PGT_ERR_STORE_UNAVAILABLE
// (503); anything else stays what it is.
function unavailableAs503<T extends object>(store: T): T {
  for (const [key, value] of Object.entries(store)) {
    if (typeof value !== 'function') continue;
    (store as Record<string, unknown>)[key] = async (...args: unknown[]) => {
      try {
        return await value(...args);
      } catch (error) {
        if (!(error instanceof PgtError) && isStoreUnavailable(error)) throw new errors.PGT_ERR_STORE_UNAVAILABLE({ cause: error });
        throw error;
      }
    };
  }
  return store;
}

function storeOver(dataSource: DataSource, pool: ResilientPool): ConversationStore {
  return unavailableAs503(storeFunctions(dataSource, pool));
}

function storeFunctions(dataSource: DataSource, pool: ResilientPool): ConversationStore {
  const conversations = dataSource.getRepository(ConversationEntity);
  const messages = dataSource.getRepository(MessageEntity);
  const progress = dataSource.getRepository(RunbookProgressEntity);
  // The statements every message post and rate-limited write runs.
  const prepared = preparedStatements(pool, pool.logger);
  return {
    async createConversation(ownerHash) {
      return conversations.save(conversations.create({ ownerHash }));
    },
    async findConversation(id, ownerHash) {
      if (!isUuid(id)) return null;
      return conversations.findOneBy({ id, ownerHash });
    },
    async listConversations(ownerHash, limit) {
      const rows: { id: string; created_at: Date; updated_at: Date; family: FamilyId | null; first_text: string | null }[] = await dataSource.query(
        `select c.id, c.created_at, c.updated_at, p.family,
                (select m.body->>'text' from messages m
                  where m.conversation_id = c.id and m.body->>'type' in ('user_text', 'user_checklist')
                  order by m.seq limit 1) as first_text
           from conversations c
           left join runbook_progress p on p.conversation_id = c.id
          where c.owner_hash = $1 and exists (select 1 from messages m where m.conversation_id = c.id)
          order by c.updated_at desc, c.id
          limit $2`,
        [ownerHash, limit],
      );
      return rows.map((row) => ({ id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, family: row.family, firstText: row.first_text }));
    },
    async listMessages(conversationId, page) {
      if (page === undefined) return messages.find({ where: { conversationId }, order: { seq: 'ASC' } });
      return messages.find({ where: { conversationId, seq: MoreThan(page.afterSeq) }, order: { seq: 'ASC' }, take: page.limit });
    },
    async listMessagesOfTypes(conversationId, types) {
      return messages
        .createQueryBuilder('message')
        .where('message.conversation_id = :conversationId', { conversationId })
        .andWhere(`message.body->>'type' in (:...types)`, { types: [...types] })
        .orderBy('message.seq', 'ASC')
        .getMany();
    },
    async findProgress(conversationId) {
      return progress.findOneBy({ conversationId });
    },
    async recordExchange(conversationId, newMessages, change, { maxMessages = 2 ** 31 - 1, idempotency, expectedLastSeq } = {}) {
      const { text, values } = exchangeStatement(conversationId, newMessages, change, maxMessages, idempotency, expectedLastSeq);
      const { rows: [row] } = await prepared.query('exchange', text, values);
      if (row?.base !== null && row?.base !== undefined) {
        return { saved: Number(row.saved), lastSeq: Number(row.base) + newMessages.length };
      }
      if (idempotency !== undefined) {
        const replay = await answerFor(dataSource.manager, conversationId, idempotency.key);
        if (replay !== null) return { replay };
      }
      // Nothing was written: the cap, or (with an expected seq) another exchange first.
      const full = row?.current === null || row?.current === undefined || Number(row.current) + newMessages.length > maxMessages;
      if (!full && expectedLastSeq !== undefined) return { stale: true };
      throw new errors.PGT_ERR_CONVERSATION_FULL({ details: { maxMessages } });
    },
    async openForPost(conversationId, ownerHash, idempotencyKey) {
      if (!isUuid(conversationId)) return null;
      const { rows: [row] } = await prepared.query(
        'open_for_post',
        `select c.last_seq, p.family, p.client, p.answers, p.pending_family, p.pending_client, p.updated_at, k.request_hash, k.response
           from conversations c
           left join runbook_progress p on p.conversation_id = c.id
           left join idempotency_keys k on k.conversation_id = c.id and k.key = $3
          where c.id = $1 and c.owner_hash = $2`,
        [conversationId, ownerHash, idempotencyKey],
      );
      if (row === undefined) return null;
      return {
        progress: row.family === null ? null : {
          conversationId, family: row.family, client: row.client, answers: row.answers,
          pendingFamily: row.pending_family, pendingClient: row.pending_client, updatedAt: row.updated_at,
        },
        earlier: row.request_hash === null ? null : { requestHash: row.request_hash, response: row.response },
        lastSeq: Number(row.last_seq),
      };
    },
    async findAnswer(conversationId, key) {
      return answerFor(dataSource.manager, conversationId, key);
    },
    async sharedSecret(name) {
      await dataSource.query('insert into instance_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, randomBytes(32).toString('base64')]);
      const [row] = await dataSource.query('select value from instance_secrets where name = $1', [name]);
      return Buffer.from(String(row.value), 'base64');
    },
    async countHit(key, windowMs, hits = 1) {
      // One statement: a new window when the last one is over, else one more hit.
      // An upsert with RETURNING always gives its one row.
      const { rows: [row] } = await prepared.query<{ hits: string; reset_at: Date }>(
        'count_hit',
        `insert into rate_limit_hits as r (key, hits, reset_at) values ($1, $3, now() + make_interval(secs => $2 / 1000.0))
         on conflict (key) do update set
           hits = case when r.reset_at <= now() then $3 else r.hits + $3 end,
           reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
         returning hits, reset_at`,
        [key, windowMs, hits],
      );
      return { hits: Number(row!.hits), resetAt: new Date(row!.reset_at) };
    },
    async findPhrasing(conversationId, phrasingId) {
      const found = await messages
        .createQueryBuilder('message')
        .where('message.conversation_id = :conversationId', { conversationId })
        .andWhere(`message.body->>'type' = 'phrasing' and message.body->>'phrasingId' = :phrasingId`, { phrasingId })
        .getOne();
      return found?.body ?? null;
    },
    async updatePhrasing(conversationId, phrasingId, body) {
      await dataSource.query(`update messages set body = $3::jsonb where conversation_id = $1 and body->>'type' = 'phrasing' and body->>'phrasingId' = $2`, [
        conversationId,
        phrasingId,
        JSON.stringify(body),
      ]);
    },
    async ping() {
      await dataSource.query('select 1');
    },
    pool,
    async close() {
      await dataSource.destroy();
    },
  };
}

async function answerFor(manager: EntityManager, conversationId: string, key: string): Promise<StoredAnswer | null> {
  const [row] = await manager.query('select request_hash, response from idempotency_keys where conversation_id = $1 and key = $2', [conversationId, key]);
  return row === undefined ? null : { requestHash: String(row.request_hash), response: row.response as Record<string, unknown> };
}

/**
 * One exchange as one statement, so it commits whole or not at all in one
 * round trip. The update of the conversation row takes its lock and the next
 * seqs (an UPDATE re-reads the latest row version after waiting, so two
 * exchanges at once never take the same seq), and checks the message cap on
 * that version. With an Idempotency-Key, the row is locked first (the latest
 * version again), then the key's row is written, and everything else only if
 * it was: a twin post waits on the row, then finds the key taken and writes
 * nothing. Both orders take the row before the key, so two posts never wait
 * on each other in a cycle. With `expectedLastSeq`, nothing is written unless
 * the row's last seq is still that one (an optimistic write: the caller
 * answered from what it last knew). `current` is the last seq the statement
 * saw, which tells the cap from another exchange when nothing was written.
 */
function exchangeStatement(
  conversationId: string,
  messages: NewMessage[],
  change: ProgressChange,
  maxMessages: number,
  idempotency: IdempotentWrite | undefined,
  expectedLastSeq: number | undefined,
): { text: string; values: unknown[] } {
  const values: unknown[] = [conversationId, messages.length, JSON.stringify(messages), maxMessages];
  const param = (value: unknown) => `$${values.push(value)}`;
  const ctes: string[] = [];
  let current: string;
  if (idempotency === undefined) {
    const expected = expectedLastSeq === undefined ? '' : ` and last_seq = ${param(expectedLastSeq)}`;
    ctes.push(`gate as (update conversations set last_seq = last_seq + $2, updated_at = now()
      where id = $1 and last_seq + $2 <= $4${expected} returning last_seq - $2 as base)`);
    current = '(select last_seq from conversations where id = $1)';
  } else {
    const expected = expectedLastSeq === undefined ? '' : ` and (select last_seq from locked) = ${param(expectedLastSeq)}`;
    ctes.push('locked as (select last_seq from conversations where id = $1 for update)');
    ctes.push(`keyed as (insert into idempotency_keys (conversation_id, key, request_hash, response)
      select $1, ${param(idempotency.key)}, ${param(idempotency.requestHash)}, ${param(JSON.stringify(idempotency.response))}::jsonb
      where (select last_seq from locked) + $2 <= $4${expected}
      on conflict do nothing returning 1)`);
    ctes.push(`gate as (update conversations set last_seq = last_seq + $2, updated_at = now()
      where id = $1 and exists (select 1 from keyed) returning last_seq - $2 as base)`);
    current = '(select last_seq from locked)';
  }
  ctes.push(`inserted as (insert into messages (conversation_id, seq, role, body)
    select $1, gate.base + m.ord, m.value->>'role', m.value->'body'
    from gate, jsonb_array_elements($3::jsonb) with ordinality as m(value, ord)
    returning 1)`);
  if (change.kind === 'set') {
    const { family, client, answers, pendingFamily, pendingClient } = change.progress;
    ctes.push(`progress as (insert into runbook_progress (conversation_id, family, client, answers, pending_family, pending_client, updated_at)
      select $1, ${param(family)}, ${param(client)}, ${param(JSON.stringify(answers))}::jsonb, ${param(pendingFamily)}, ${param(pendingClient)}, now() from gate
      on conflict (conversation_id) do update set family = excluded.family, client = excluded.client, answers = excluded.answers,
        pending_family = excluded.pending_family, pending_client = excluded.pending_client, updated_at = now())`);
  }
  if (change.kind === 'clear') ctes.push('progress as (delete from runbook_progress where conversation_id = $1 and exists (select 1 from gate))');
  return {
    text: `with ${ctes.join(',\n')}
      select (select base from gate) as base,
        (select count(*) from inserted) as saved,
        ${current} as current`,
    values,
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
