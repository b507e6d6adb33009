import type { MigrationInterface, QueryRunner } from 'typeorm';

// The conversation row carries its last message seq, so one statement can
// lock the row, take the next seqs and write the exchange (no max() scan and
// no round trip per step).
export class ConversationLastSeq1764835200000 implements MigrationInterface {
  name = 'ConversationLastSeq1764835200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('alter table conversations add column last_seq integer not null default 0');
    await runner.query('update conversations c set last_seq = coalesce((select max(seq) from messages m where m.conversation_id = c.id), 0)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('alter table conversations drop column last_seq');
  }
}
