// The database named in the connection does not exist on that server.
import { runbook } from '../runbooks/database_missing.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'database_missing',
    title: 'Database does not exist',
    summary: 'The server has no database with the name in the connection string.',
  },
  patterns: [
    sqlstate('3D000', 1, 'invalid_catalog_name'),
    {
      id: 'prisma-P1003',
      kind: 'client-code',
      pattern: /\bP1003\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1003',
    },
    {
      id: 'invalid-catalog-name-class',
      kind: 'client-code',
      pattern: /\bInvalidCatalogName(?:Error)?\b|ActiveRecord::NoDatabaseError/,
      weight: 0.97,
      clients: ['asyncpg', 'psycopg3', 'ruby-pg'],
      source: 'asyncpg InvalidCatalogNameError; psycopg.errors.InvalidCatalogName; Rails ActiveRecord::NoDatabaseError',
    },
    {
      id: 'database-does-not-exist',
      kind: 'wording',
      pattern: /database "[^"\n]{1,128}" does not exist|database '[^'\n]{1,128}' does not exist/i,
      weight: 0.97,
      clients: ['any'],
      source: 'PostgreSQL src/backend/utils/init/postinit.c InitPostgres(): database "%s" does not exist',
    },
    {
      id: 'prisma-database-does-not-exist',
      kind: 'wording',
      pattern: /Database `?[^\s`]{1,128}`? does not exist (?:on|at) the database server|A database with that name doesn't exist/i,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P1003 message; prisma migrate "A database with that name doesn\'t exist" (prisma/migrate#173)',
    },
    {
      id: 'pooler-no-such-database',
      kind: 'wording',
      pattern: /\bno such database\b|We could not find your database/i,
      weight: 0.9,
      clients: ['pgbouncer', 'ruby-pg'],
      source: 'PgBouncer src/client.c "no such database: %s"; Rails NoDatabaseError message',
    },
    {
      id: 'german-database',
      kind: 'wording',
      pattern: /Datenbank »[^«\n]{1,128}« existiert nicht/,
      weight: 0.95,
      clients: ['server-log', 'libpq'],
      source: 'PostgreSQL src/backend/po/de.po for database "%s" does not exist',
    },
  ],
  nearMisses: [
    {
      id: 'database-is-an-empty-value',
      pattern: /database "(?:None|undefined|null)" does not exist/,
      reason: 'The database name is a JavaScript/Python empty value: the settings never loaded (env_missing).',
    },
  ],
  runbook,
};
