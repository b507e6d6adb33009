import type { MigrationInterface, QueryRunner } from 'typeorm';

// The conversation list reads one owner's conversations, newest first.
export class OwnerIndex1796320000000 implements MigrationInterface {
  name = 'OwnerIndex1796320000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('create index conversations_owner_updated on conversations (owner_hash, updated_at desc)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index conversations_owner_updated');
  }
}
