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
      pattern: /\bInvalidCatalogName(?:Error)?\b/,
      weight: 0.97,
      clients: ['asyncpg', 'psycopg3'],
      source: 'asyncpg InvalidCatalogNameError; psycopg.errors.InvalidCatalogName (3D000)',
    },
    {
      // Rails wraps more than 3D000 in it (a refused socket too), so the message beside it decides when it says more.
      id: 'rails-no-database-error',
      kind: 'client-code',
      pattern: /\bActiveRecord::NoDatabaseError\b/,
      weight: 0.7,
      clients: ['ruby-pg'],
      source: 'Rails ActiveRecord::NoDatabaseError (ToolJet/ToolJet#220: raised around "could not connect to server: No such file or directory")',
    },
    {
      id: 'database-does-not-exist',
      kind: 'wording',
      // pgAdmin and some shells double the quotes of a quoted name (pgadmin-org/pgadmin3#411).
      // Guillemets and the misspelt "does not exists" come from localised or retyped messages (doctrine/dbal#1168).
      // A name replaced by an angle-bracket placeholder ("FATAL: database <name> does not exist") is how a redacted paste
      // reads (dbeaver/dbeaver#18435); the severity before it keeps prose out.
      pattern: /database "{1,2}[^"\n]{1,128}"{1,2} does not exists?|database '[^'\n]{1,128}' does not exists?|database « ?[^»\n]{1,128} ?» does not exists?|FATAL:\s{1,4}database <[^<>\n]{1,64}> does not exists?/i,
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
      // PgCat's twin of PgBouncer's "no such database": no pool is configured for that database and user pair.
      id: 'pgcat-no-pool-configured',
      kind: 'wording',
      pattern: /No pool configured for database: "[^"\n]{1,128}", user: "[^"\n]{1,128}"/,
      weight: 0.85,
      clients: ['any'],
      source: 'postgresml/pgcat src/client.rs error_response "No pool configured for database: {:?}, user: {:?}" (postgresml/pgcat#346)',
      alternatives: [{ family: 'role_missing', weight: 0.5 }],
    },
    {
      id: 'localized-database-does-not-exist',
      kind: 'wording',
      pattern: /no existe la base de datos «[^»\n]{1,128}»|la base de datos «[^»\n]{1,128}» no existe|Datenbank »[^«\n]{1,128}« existiert nicht|la base de donn[ée]es « ?[^»\n]{1,128} ?» n'existe pas|数据库 "[^"\n]{1,128}" 不存在|データベース"[^"\n]{1,128}"は存在しません|база данных "[^"\n]{1,128}" не существует|banco de dados "[^"\n]{1,128}" n[ãa]o existe/i,
      weight: 0.95,
      clients: ['server-log', 'libpq', 'psycopg2', 'node-postgres', 'jdbc'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko); es as the server prints it: "FATAL:  no existe la base de datos «entregable»" (psql transcripts found with find_string)',
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
