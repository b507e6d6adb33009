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
import {
  ConversationEntity,
  MessageEntity,
  RunbookProgressEntity,
  type ConversationRow,
  type MessageRole,
  type MessageRow,
  type RunbookProgressRow,
} from './entities.ts';
import { Initial1764057600000 } from './migrations/1764057600000-initial.ts';
import { SharedState1764662400000 } from './migrations/1764662400000-shared-state.ts';
import { IdempotencyKeys1764748800000 } from './migrations/1764748800000-idempotency-keys.ts';

export type { ConversationRow, MessageRow, RunbookProgressRow };

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

export interface ConversationStore {
  createConversation(ownerHash: string): Promise<ConversationRow>;
  /** The conversation when it exists and belongs to this owner; otherwise null. */
  findConversation(id: string, ownerHash: string): Promise<ConversationRow | null>;
  /** Messages in seq order, those after `afterSeq`, at most `limit`. */
  listMessages(conversationId: string, page?: { afterSeq: number; limit: number }): Promise<MessageRow[]>;
  findProgress(conversationId: string): Promise<RunbookProgressRow | null>;
  /**
   * Appends messages in order and applies the progress change, atomically;
   * PGT_ERR_CONVERSATION_FULL when they would take it past `maxMessages`.
   */
  recordExchange(
    conversationId: string,
    messages: NewMessage[],
    progress: ProgressChange,
    options?: { maxMessages?: number; idempotency?: IdempotentWrite },
  ): Promise<{ saved: MessageRow[] } | { replay: StoredAnswer }>;
  /** The answer kept for this Idempotency-Key, if a post with it committed. */
  findAnswer(conversationId: string, key: string): Promise<StoredAnswer | null>;
  /**
   * A secret shared by every instance on this store, made on first use: the
   * first instance's random value wins, later ones read it.
   */
  sharedSecret(name: string): Promise<Buffer>;
  /** Counts a hit for `key` in a fixed window of `windowMs` (the rate limiter's store). */
  countHit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes one hit back (express-rate-limit's decrement). */
  uncountHit(key: string): Promise<void>;
  resetHits(key: string): Promise<void>;
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
    migrations: [Initial1764057600000, SharedState1764662400000, IdempotencyKeys1764748800000],
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
  return {
    async createConversation(ownerHash) {
      return conversations.save(conversations.create({ ownerHash }));
    },
    async findConversation(id, ownerHash) {
      if (!isUuid(id)) return null;
      return conversations.findOneBy({ id, ownerHash });
    },
    async listMessages(conversationId, page) {
      if (page === undefined) return messages.find({ where: { conversationId }, order: { seq: 'ASC' } });
      return messages.find({ where: { conversationId, seq: MoreThan(page.afterSeq) }, order: { seq: 'ASC' }, take: page.limit });
    },
    async findProgress(conversationId) {
      return progress.findOneBy({ conversationId });
    },
    async recordExchange(conversationId, newMessages, change, { maxMessages, idempotency } = {}) {
      return dataSource.transaction(async (manager) => {
        const next = await nextSeq(manager, conversationId);
        if (idempotency !== undefined) {
          // The key first: a twin post with the same key waits here on the
          // primary key until this one commits, then finds it taken.
          const inserted = await manager.query(
            'insert into idempotency_keys (conversation_id, key, request_hash, response) values ($1, $2, $3, $4) on conflict do nothing returning key',
            [conversationId, idempotency.key, idempotency.requestHash, idempotency.response],
          );
          if (inserted.length === 0) {
            const replay = await answerFor(manager, conversationId, idempotency.key);
            if (replay !== null) return { replay };
          }
        }
        if (maxMessages !== undefined && next - 1 + newMessages.length > maxMessages) {
          throw new errors.PGT_ERR_CONVERSATION_FULL({ details: { maxMessages } });
        }
        const saved = await manager.save(
          MessageEntity,
          newMessages.map((message, offset) => manager.create(MessageEntity, { conversationId, seq: next + offset, ...message })),
        );
        if (change.kind === 'set') await manager.save(RunbookProgressEntity, { conversationId, ...change.progress });
        if (change.kind === 'clear') await manager.delete(RunbookProgressEntity, { conversationId });
        await manager.update(ConversationEntity, { id: conversationId }, { updatedAt: new Date() });
        return { saved };
      });
    },
    async findAnswer(conversationId, key) {
      return answerFor(dataSource.manager, conversationId, key);
    },
    async sharedSecret(name) {
      await dataSource.query('insert into instance_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, randomBytes(32).toString('base64')]);
      const [row] = await dataSource.query('select value from instance_secrets where name = $1', [name]);
      return Buffer.from(String(row.value), 'base64');
    },
    async countHit(key, windowMs) {
      // One statement: a new window when the last one is over, else one more hit.
      const [row] = await dataSource.query(
        `insert into rate_limit_hits as r (key, hits, reset_at) values ($1, 1, now() + make_interval(secs => $2 / 1000.0))
         on conflict (key) do update set
           hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
           reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
         returning hits, reset_at`,
        [key, windowMs],
      );
      return { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
    },
    async uncountHit(key) {
      await dataSource.query('update rate_limit_hits set hits = greatest(hits - 1, 0) where key = $1', [key]);
    },
    async resetHits(key) {
      await dataSource.query('delete from rate_limit_hits where key = $1', [key]);
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

// The conversation row is locked so two exchanges at once cannot take the same seq.
async function nextSeq(manager: EntityManager, conversationId: string): Promise<number> {
  await manager.query('select id from conversations where id = $1 for update', [conversationId]);
  const [row] = await manager.query('select coalesce(max(seq), 0) + 1 as next from messages where conversation_id = $1', [conversationId]);
  return Number(row.next);
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
