// The tables were never created on this database: migrations not run, or run
// against another database / branch / schema.
import { runbook } from '../runbooks/schema_missing.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'schema_missing',
    title: 'Tables missing',
    summary: 'The query names a table (or schema) that does not exist on the database the app is connected to.',
  },
  patterns: [
    sqlstate('42P01', 0.97, 'undefined_table'),
    sqlstate('3F000', 0.9, 'invalid_schema_name'),
    {
      id: 'prisma-P2021',
      kind: 'client-code',
      pattern: /\bP2021\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p2021',
    },
    {
      id: 'undefined-table-class',
      kind: 'client-code',
      pattern: /\bUndefinedTable(?:Error)?\b|PG::UndefinedTable/,
      weight: 0.95,
      clients: ['asyncpg', 'psycopg2', 'psycopg3', 'ruby-pg'],
      source: 'psycopg2.errors.UndefinedTable; asyncpg UndefinedTableError; PG::UndefinedTable (42P01)',
    },
    {
      id: 'relation-does-not-exist',
      kind: 'wording',
      pattern: /relation "[^"\n]{1,256}" does not exist|relation '[^'\n]{1,256}' does not exist|\brelation [A-Za-z_][\w$.-]{0,126} does not exist/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL src/backend/catalog/namespace.c RangeVarGetRelidExtended(): relation "%s" does not exist',
    },
    {
      id: 'prisma-table-does-not-exist',
      kind: 'wording',
      pattern: /The table `[^`\n]{1,256}` does not exist in the current database|The underlying table for model `[^`\n]{1,128}` does not exist/,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P2021 / P1014 messages',
    },
    {
      id: 'schema-does-not-exist',
      kind: 'wording',
      pattern: /schema "[^"\n]{1,128}" does not exist/i,
      weight: 0.9,
      clients: ['any'],
      source: 'PostgreSQL src/backend/catalog/namespace.c: schema "%s" does not exist (3F000)',
    },
    {
      // An app's own migrator refusing to start on a schema behind its code: Miniflux checks its schema_version
      // table (internal/database/migrations.go IsSchemaUpToDate "the database schema is not up to date:
      // current=v%d expected=v%d"; v0 on a database that was never migrated), Rails its schema_migrations
      // (ActiveRecord::PendingMigrationError "Migrations are pending. To resolve this issue, run: bin/rails db:migrate").
      id: 'app-migrations-not-run',
      kind: 'wording',
      pattern: /the database schema is not up to date: current=v\d{1,6} expected=v\d{1,6}|ActiveRecord::PendingMigrationError|Migrations are pending\. To resolve this issue, run/,
      weight: 0.85,
      clients: ['lib-pq', 'rails'],
      source: 'miniflux/v2 IsSchemaUpToDate (miniflux/v2#930: "[FATAL] You must run the SQL migrations, the database schema is not up to date: current=v0 expected=v42"); rails activerecord migration.rb PendingMigrationError',
    },
    {
      id: 'no-such-table',
      kind: 'wording',
      pattern: /\bno such table\b/i,
      weight: 0.85,
      clients: ['sqlalchemy', 'django', 'prisma'],
      source: 'SQLite "no such table": the app ran against its local SQLite fallback, not PostgreSQL',
    },
    {
      id: 'localized-relation-does-not-exist',
      kind: 'wording',
      pattern: /no existe la relaci[óo]n «[^»\n]{1,256}»|Relation »[^«\n]{1,256}« existiert nicht|la relation « ?[^»\n]{1,256} ?» n'existe pas|关系 "[^"\n]{1,256}" 不存在|リレーション"[^"\n]{1,256}"は存在しません|отношение "[^"\n]{1,256}" не существует|rela[çc][ãa]o "[^"\n]{1,256}" n[ãa]o existe/i,
      weight: 0.95,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko) (tum-ewk/lemlab#24)',
    },
    {
      // Users retell 42P01 in their own words: 'relation (table) "x" does not exist', 'relation doesnt exist' (romeerez/orchid-orm#294).
      id: 'relation-does-not-exist-retold',
      kind: 'wording',
      pattern: /\brelation \((?:table|view)\) "[^"\n]{1,256}" does not exist|\brelations? (?:does ?n[o'’]?t|do not|doesnt) exist\b/i,
      weight: 0.85,
      clients: ['any'],
      source: 'PostgreSQL 42P01 as paraphrased in issue titles and answers (romeerez/orchid-orm#294)',
    },
    {
      // zh/ja/ko messages put the name before the noun; translated back they read '"x" relation does not exist'.
      id: 'relation-name-first',
      kind: 'wording',
      pattern: /"[^"\n]{1,256}" relation(?:ship)? does not exist/i,
      weight: 0.8,
      clients: ['any'],
      source: 'PostgreSQL 42P01 as translated back from a localized server (django-mptt/django-mptt#623)',
    },
  ],
  nearMisses: [
    {
      id: 'missing-column',
      pattern: /column "[^"\n]{1,128}" of relation "[^"\n]{1,256}" does not exist/i,
      reason: 'A missing column (42703) is a query or migration-drift bug, not a database without its tables.',
    },
  ],
  runbook,
};
