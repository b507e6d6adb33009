// A session feature used through a transaction-mode pooler (PgBouncer,
// Supavisor, Neon's -pooler endpoint): named prepared statements, startup
// parameters the pooler does not pass on.
import { runbook } from '../runbooks/pooler_incompatible.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'pooler_incompatible',
    title: 'Session feature through a transaction pooler',
    summary: 'The client relies on session state (prepared statements, startup parameters) that a transaction-mode pooler does not keep.',
  },
  patterns: [
    sqlstate('42P05', 0.9, 'duplicate_prepared_statement'),
    sqlstate('26000', 0.85, 'invalid_sql_statement_name'),
    {
      id: 'prepared-statement-class',
      kind: 'client-code',
      pattern: /\bDuplicatePreparedStatement(?:Error)?\b|PG::DuplicatePstatement|\bInvalidSQLStatementName(?:Error)?\b|PG::InvalidSqlStatementName/,
      weight: 0.93,
      clients: ['asyncpg', 'psycopg3', 'ruby-pg'],
      source: 'asyncpg DuplicatePreparedStatementError / InvalidSQLStatementNameError; ruby-pg PG::DuplicatePstatement (42P05, 26000)',
    },
    {
      id: 'prepared-statement-exists',
      kind: 'wording',
      pattern: /prepared statement\s{1,4}"[^"\n]{1,64}" already exists/i,
      weight: 0.95,
      clients: ['prisma', 'asyncpg', 'pgx', 'ruby-pg', 'node-postgres', 'psycopg3'],
      source: 'PostgreSQL src/backend/commands/prepare.c StorePreparedStatement() (prisma/orm#4752)',
    },
    {
      id: 'prepared-statement-missing',
      kind: 'wording',
      pattern: /prepared statement "[^"\n]{1,64}" does not exist|unnamed prepared statement does not exist/i,
      weight: 0.9,
      clients: ['prisma', 'asyncpg', 'pgx', 'lib-pq', 'ruby-pg', 'psycopg3'],
      source: 'PostgreSQL prepare.c FetchPreparedStatement() (prisma/orm#22831)',
    },
    {
      // PgBouncer >= 1.21 tracks protocol-level prepared statements itself and answers with its own
      // wording (FATAL, SQLSTATE 08P01) when a name collides or vanished across pooled server connections.
      id: 'pgbouncer-prepared-statement',
      kind: 'wording',
      pattern: /prepared statement name is already in use|prepared statement did not exist/i,
      weight: 0.95,
      clients: ['pgbouncer', 'pgx', 'lib-pq'],
      source: 'PgBouncer src/server.c / src/client.c prepared-statement tracking (pgbouncer/pgbouncer#1118)',
    },
    {
      id: 'unsupported-startup-parameter',
      kind: 'wording',
      pattern: /unsupported\s{1,4}startup\s{1,4}parameter|\bstartup parameters? [^\n]{0,40}?\b(?:extra_float_digits|search_path)\b/i,
      weight: 0.95,
      clients: ['pgbouncer', 'lib-pq', 'pgx', 'jdbc', 'node-postgres'],
      source: 'PgBouncer src/client.c "unsupported startup parameter: %s" (prometheus-community/pgbouncer_exporter#99)',
    },
    {
      // Amazon RDS Proxy pools like a transaction pooler and refuses the startup packet's options parameter
      // (search_path, statement_timeout set with -c), answering FATAL "Feature not supported: ...".
      id: 'rds-proxy-command-line-options',
      kind: 'wording',
      pattern: /RDS Proxy currently doesn.t support command-line options/i,
      weight: 0.95,
      clients: ['psycopg2', 'psycopg3', 'sqlalchemy', 'libpq'],
      source: 'Amazon RDS Proxy (psycopg/psycopg2#1577, through SQLAlchemy; stac-utils/pgstac#156, psycopg 3)',
    },
    {
      id: 'asyncpg-pgbouncer-hint',
      kind: 'wording',
      pattern: /pgbouncer with pool_mode set to "transaction"/i,
      weight: 0.95,
      clients: ['asyncpg'],
      source: 'MagicStack/asyncpg asyncpg/exceptions/_base.py hint for prepared-statement errors behind PgBouncer',
    },
  ],
  runbook,
};
