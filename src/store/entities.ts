// Data Mapper schemas (no decorators, no Active Record): the rows are plain
// records and only src/store knows they come from TypeORM.
import { EntitySchema } from 'typeorm';
import type { AnswerRecord } from '../triage/runbook-state.ts';
import type { ClientId, FamilyId } from '../triage/types.ts';

export interface ConversationRow {
  id: string;
  ownerHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export type MessageRole = 'user' | 'assistant';

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  /** The message as shown: a user message (already redacted) or a structured reply. */
  body: Record<string, unknown>;
  createdAt: Date;
}

export interface RunbookProgressRow {
  conversationId: string;
  family: FamilyId;
  client: ClientId | null;
  answers: AnswerRecord[];
  /** A different family the user may switch to, offered but not yet answered. */
  pendingFamily: FamilyId | null;
  pendingClient: ClientId | null;
  updatedAt: Date;
}

export const ConversationEntity = new EntitySchema<ConversationRow>({
  name: 'Conversation',
  tableName: 'conversations',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    ownerHash: { name: 'owner_hash', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});

export const MessageEntity = new EntitySchema<MessageRow>({
  name: 'Message',
  tableName: 'messages',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    conversationId: { name: 'conversation_id', type: 'uuid' },
    seq: { type: 'integer' },
    role: { type: 'text' },
    body: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});

export const RunbookProgressEntity = new EntitySchema<RunbookProgressRow>({
  name: 'RunbookProgress',
  tableName: 'runbook_progress',
  columns: {
    conversationId: { name: 'conversation_id', type: 'uuid', primary: true },
    family: { type: 'text' },
    client: { type: 'text', nullable: true },
    answers: { type: 'jsonb' },
    pendingFamily: { name: 'pending_family', type: 'text', nullable: true },
    pendingClient: { name: 'pending_client', type: 'text', nullable: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
});
