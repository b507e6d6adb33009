// Repository functions over the conversation tables. Callers get plain
// records; every write of one exchange (the user's message, the replies and the
// runbook progress) commits together or not at all.
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from '../db/data-source.ts';
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
import { Initial1764057600000 } from './migrations/1764057600000-initial.ts';
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

export interface ConversationStore {
  createConversation(ownerHash: string): Promise<ConversationRow>;
  /** The conversation when it exists and belongs to this owner; otherwise null. */
  findConversation(id: string, ownerHash: string): Promise<ConversationRow | null>;
  /** The owner's conversations that hold a message, most recently active first. */
  listConversations(ownerHash: string, limit: number): Promise<ConversationSummaryRow[]>;
  listMessages(conversationId: string): Promise<MessageRow[]>;
  findProgress(conversationId: string): Promise<RunbookProgressRow | null>;
  /** Appends messages in order and applies the progress change, atomically. */
  recordExchange(conversationId: string, messages: NewMessage[], progress: ProgressChange): Promise<MessageRow[]>;
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
    migrations: [Initial1764057600000, OwnerIndex1796320000000],
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

function storeOver(dataSource: DataSource, pool: ResilientPool): ConversationStore {
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
    async listConversations(ownerHash, limit) {
      const rows: { id: string; created_at: Date; updated_at: Date; family: FamilyId | null; first_text: string | null }[] = await dataSource.query(
        `select c.id, c.created_at, c.updated_at, p.family,
                (select m.body->>'text' from messages m
                  where m.conversation_id = c.id and m.body->>'type' = 'user_text'
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
    async listMessages(conversationId) {
      return messages.find({ where: { conversationId }, order: { seq: 'ASC' } });
    },
    async findProgress(conversationId) {
      return progress.findOneBy({ conversationId });
    },
    async recordExchange(conversationId, newMessages, change) {
      return dataSource.transaction(async (manager) => {
        const next = await nextSeq(manager, conversationId);
        const saved = await manager.save(
          MessageEntity,
          newMessages.map((message, offset) => manager.create(MessageEntity, { conversationId, seq: next + offset, ...message })),
        );
        if (change.kind === 'set') await manager.save(RunbookProgressEntity, { conversationId, ...change.progress });
        if (change.kind === 'clear') await manager.delete(RunbookProgressEntity, { conversationId });
        await manager.update(ConversationEntity, { id: conversationId }, { updatedAt: new Date() });
        return saved;
      });
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

// The conversation row is locked so two exchanges at once cannot take the same seq.
async function nextSeq(manager: EntityManager, conversationId: string): Promise<number> {
  await manager.query('select id from conversations where id = $1 for update', [conversationId]);
  const [row] = await manager.query('select coalesce(max(seq), 0) + 1 as next from messages where conversation_id = $1', [conversationId]);
  return Number(row.next);
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
