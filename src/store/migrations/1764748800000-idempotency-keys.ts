import type { MigrationInterface, QueryRunner } from 'typeorm';

// A message post carries an Idempotency-Key; its first answer is kept here,
// in the same transaction as the messages, so a retry on any instance gets
// that answer back and nothing is stored twice.
export class IdempotencyKeys1764748800000 implements MigrationInterface {
  name = 'IdempotencyKeys1764748800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table idempotency_keys (
        conversation_id uuid not null references conversations(id) on delete cascade,
        key text not null,
        request_hash text not null,
        response jsonb not null,
        created_at timestamptz not null default now(),
        primary key (conversation_id, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table idempotency_keys');
  }
}
