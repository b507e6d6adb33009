import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('schema_missing', {
  valid: corpusCases('schema_missing'),
  invalid: [
    {
      title: "Django's reminder to write a migration: the tables exist, the models changed (batch 26)",
      text: "Your models in app(s): 'core' have changes that are not yet reflected in a migration, and so won't be applied.\n  Run 'manage.py makemigrations' to make new migrations, and then re-run 'manage.py migrate' to apply them.",
      source: "django/core/management/commands/migrate.py warning (near miniflux/v2#930's \"the database schema is not up to date: current=v0 expected=v42\")",
    },
    {
      title: 'a relation that already exists (42P07)',
      text: 'ERROR:  relation "users" already exists',
      source: 'PostgreSQL heap.c heap_create_with_catalog 42P07',
      family: 'unknown',
    },
    {
      title: 'a retold migrations table that already exists',
      text: 'relation "migrations" already exists',
      source: 'db-migrate/node-db-migrate#589: 42P07 retold, the retold-42P01 wording must not claim it',
      family: 'unknown',
    },
    {
      title: 'a missing column of an existing table',
      text: 'ERROR:  column "email_verified" of relation "users" does not exist',
      source: 'PostgreSQL 42703: migration drift on one column, not a database without its tables',
      family: 'unknown',
    },
    {
      title: 'a table that already exists',
      text: 'psycopg2.errors.DuplicateTable: relation "users" already exists',
      source: 'PostgreSQL 42P07',
      family: 'unknown',
    },
    {
      title: 'a missing database',
      text: 'psycopg2.OperationalError: FATAL:  database "accounts" does not exist',
      source: 'apache/superset#1558',
      family: 'database_missing',
    },
  ],
});
