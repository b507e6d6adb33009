// schema_missing: the tables were never created on this database (`relation
// "x" does not exist`, SQLSTATE 42P01, `no such table`). The first check makes
// sure the app is connected where the tables should be: `no such table` is
// SQLite's wording, so the app fell back to a local SQLite file because the
// PostgreSQL settings were never loaded (the env_missing runner-up).
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'schema_missing',
  steps: [
    {
      id: 'check_target_database',
      title: 'Check the app is connected to the database that has the tables',
      action: 'Migrations may have run against another database, branch or server than the one the app uses. `no such table` comes from SQLite, not PostgreSQL.',
      verify: 'From the app\'s connection: `select current_database(), current_user, current_setting(\'search_path\'), inet_server_addr();`, next to the host and database your migrations used.',
      confirmed: 'The error says `no such table` (SQLite), or the app\'s database, branch or host differs from where migrations ran.',
      ruledOut: 'The app and the migrations use the same host, branch and database.',
      fix: 'Point the app at the migrated database (load DATABASE_URL; for SQLite fallbacks see env_missing), or run migrations against the app\'s database.',
      source: 'https://www.postgresql.org/docs/current/functions-info.html ; https://docs.djangoproject.com/en/stable/ref/settings/#databases',
    },
    {
      id: 'run_migrations',
      title: 'Check the migrations ran on this database',
      action: 'A new branch, environment or test database has no tables until migrations run; a tool\'s own bookkeeping table (e.g. TypeORM `migrations`, real-errors b107) appears only after the first run.',
      verify: 'Look for the tool\'s table: `select to_regclass(\'_prisma_migrations\'), to_regclass(\'alembic_version\'), to_regclass(\'django_migrations\'), to_regclass(\'migrations\');`',
      confirmed: 'The tool\'s table is missing (NULL) or lists fewer migrations than the code has.',
      ruledOut: 'All migrations are recorded as applied here.',
      fix: 'Run them against this database (see the client\'s command), as part of the deploy.',
      source: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/development-and-production ; https://alembic.sqlalchemy.org/en/latest/tutorial.html#running-our-first-migration',
      clientVariants: {
        prisma: { fix: '`npx prisma migrate deploy` (production) or `npx prisma migrate dev` (development), with `directUrl` on the direct host.' },
        sqlalchemy: { fix: '`alembic upgrade head` with the app\'s DATABASE_URL (or `Base.metadata.create_all(engine)` for projects without Alembic).' },
        django: { fix: '`python manage.py migrate` with the same settings module the app uses.' },
        typeorm: { fix: '`npx typeorm migration:run -d <data-source file>`; `synchronize: true` only for throwaway databases.' },
        drizzle: { fix: '`npx drizzle-kit migrate` (or `push` for prototypes) against the app\'s DATABASE_URL.' },
      },
    },
    {
      id: 'check_search_path',
      title: 'Check the table is in a schema on the search_path',
      action: 'Unqualified names are looked up in `search_path`. A table in another schema is "missing". Through a transaction pooler, a session `SET search_path` is lost.',
      verify: '`select table_schema, table_name from information_schema.tables where table_name ilike \'<table>\';` and `show search_path;`',
      confirmed: 'The table exists in a schema not on the search_path.',
      ruledOut: 'No such table in any schema, or its schema is on the path.',
      fix: 'Qualify the name (`app.users`), or set the path per role: `alter role <role> set search_path = app, public;` (Prisma: `?schema=app`).',
      source: 'https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH',
    },
    {
      id: 'check_identifier_case',
      title: 'Check the table name\'s letter case and quoting',
      action: 'PostgreSQL folds unquoted names to lower case. A table created as `"Task"` must be queried as `"Task"`; `Task` without quotes looks for `task` (real-errors b115).',
      verify: '`select table_schema, table_name from information_schema.tables where lower(table_name) = lower(\'<table>\');`',
      confirmed: 'The table exists with other letter case than the query uses.',
      ruledOut: 'No table of that name exists in any letter case.',
      fix: 'Use one convention: create and query unquoted lower-case names, or quote consistently (ORMs quote for you; hand-written SQL must match).',
      source: 'https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS',
    },
    {
      id: 'check_test_database',
      title: 'Check the test or preview database gets the schema too',
      action: 'Test runners and preview deployments often use their own database or Neon branch, created empty or from a parent taken before the migration.',
      verify: 'Which DATABASE_URL the failing run uses (test config, CI variables, preview branch), and whether migrations run in that job.',
      confirmed: 'The failing run uses a database where no migration step runs.',
      ruledOut: 'The same migrated database is used, or the job migrates first.',
      fix: 'Run migrations in the test / preview setup, or create the Neon branch from a parent that has the schema.',
      source: 'https://neon.com/docs/introduction/branching',
    },
  ],
  collectNext: [
    'The exact error text with the relation name and SQLSTATE (42P01).',
    'The output of `select current_database(), current_user, current_setting(\'search_path\')` from the app.',
    'The migration tool, its status output, and the database it ran against.',
    'Where the table should be (schema and name as created).',
  ],
};
