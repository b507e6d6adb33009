import type { MigrationInterface, QueryRunner } from 'typeorm';

// State that every instance on one STORE_URL must agree on: the key that signs
// owner cookies, and the rate limiter's counts.
export class SharedState1764662400000 implements MigrationInterface {
  name = 'SharedState1764662400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table instance_secrets (
        name text primary key,
        value text not null,
        created_at timestamptz not null default now()
      )`);
    await runner.query(`
      create unlogged table rate_limit_hits (
        key text primary key,
        hits integer not null,
        reset_at timestamptz not null
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table rate_limit_hits');
    await runner.query('drop table instance_secrets');
  }
}
