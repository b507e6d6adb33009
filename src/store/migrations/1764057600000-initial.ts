import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764057600000 implements MigrationInterface {
  name = 'Initial1764057600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table conversations (
        id uuid primary key default gen_random_uuid(),
        owner_hash text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`
      create table messages (
        id uuid primary key default gen_random_uuid(),
        conversation_id uuid not null references conversations(id) on delete cascade,
        seq integer not null,
        role text not null check (role in ('user', 'assistant')),
        body jsonb not null,
        created_at timestamptz not null default now(),
        unique (conversation_id, seq)
      )`);
    await runner.query(`
      create table runbook_progress (
        conversation_id uuid primary key references conversations(id) on delete cascade,
        family text not null,
        client text,
        answers jsonb not null default '[]',
        pending_family text,
        pending_client text,
        updated_at timestamptz not null default now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table runbook_progress');
    await runner.query('drop table messages');
    await runner.query('drop table conversations');
  }
}
