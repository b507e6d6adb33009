// pooler_incompatible: a session feature used through a transaction-mode
// pooler (`prepared statement "s0" already exists`, `prepared statement ...
// does not exist`, `unsupported startup parameter`). Neon's pooler is PgBouncer
// in transaction mode: protocol-level prepared statements work there, SQL-level
// PREPARE, SET, LISTEN and session state do not. The first check confirms the
// app really goes through a pooler; without one the cause lies elsewhere.
import type { Runbook } from '../types.ts';

export const runbook: Runbook = {
  family: 'pooler_incompatible',
  steps: [
    {
      id: 'check_pooled_host',
      title: 'Check the connection goes through a transaction-mode pooler',
      action: 'Pooled hosts: Neon `ep-...-pooler.<region>.aws.neon.tech`, Supabase `pooler.supabase.com:6543`, a PgBouncer on 6432. Each transaction may run on another server connection.',
      verify: '`node -e "const u=new URL(process.env.DATABASE_URL); console.log(u.hostname, u.port || 5432)"`; self-hosted PgBouncer: `psql -p 6432 -U pgbouncer pgbouncer -c "show config"` and read `pool_mode`.',
      confirmed: 'The host is a pooler in transaction mode.',
      ruledOut: 'The app connects directly to PostgreSQL (then the statement error comes from the app\'s own PREPARE/DEALLOCATE use).',
      fix: 'Use the direct host for what needs a session (migrations, LISTEN/NOTIFY, SET, advisory locks) and the pooled host for app queries; or apply the client fix in the next check.',
      source: 'https://neon.com/docs/connect/connection-pooling ; https://www.pgbouncer.org/features.html',
    },
    {
      id: 'disable_named_prepared_statements',
      title: 'Make the client stop caching named prepared statements',
      action: 'Clients that cache named statements per connection collide when the pooler hands them another server connection (`already exists` / `does not exist`).',
      verify: 'Does the error name a statement such as `s0`, `__asyncpg_stmt_1__` or `lrupsc_...`? Check the client\'s statement-cache setting in the URL or options.',
      confirmed: 'The client caches named prepared statements and the errors come through the pooler.',
      ruledOut: 'Statement caching is already off for this client.',
      fix: 'Turn the client\'s statement cache off for pooled connections (see the client\'s variant), or use the direct host.',
      source: 'https://neon.com/docs/connect/connection-pooling ; https://www.pgbouncer.org/config.html#max_prepared_statements',
      clientVariants: {
        prisma: { fix: 'Add `pgbouncer=true` to the pooled DATABASE_URL (Prisma then does not reuse named statements).' },
        asyncpg: { fix: '`asyncpg.connect(dsn, statement_cache_size=0)` (and `create_pool(..., statement_cache_size=0)`).' },
        sqlalchemy: { fix: 'With asyncpg: `create_async_engine(url, connect_args={"statement_cache_size": 0, "prepared_statement_cache_size": 0})`; with psycopg 3: `connect_args={"prepare_threshold": None}`.' },
        psycopg3: { fix: '`psycopg.connect(conninfo, prepare_threshold=None)`.' },
        pgx: { fix: 'Add `default_query_exec_mode=simple_protocol` (or `exec`) to the URL, or set `ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol`.' },
        'node-postgres': { fix: 'Do not pass `name` in query configs (`{ name: \'...\', text }` creates a named statement); unnamed parameterised queries are fine.' },
        jdbc: { fix: 'Add `prepareThreshold=0` to the JDBC URL.' },
        'postgres-js': { fix: '`postgres(url, { prepare: false })`.' },
      },
    },
    {
      id: 'use_direct_url_for_migrations',
      title: 'Run migrations and schema tools over the direct host',
      action: 'Migration tools (Prisma Migrate, schema engines, pg_dump) need a session; through the pooler they fail with prepared-statement or session errors.',
      verify: 'Does the error come from a migrate / db push / dump command? Is its URL the `-pooler` host?',
      confirmed: 'The migration or schema command runs through the pooled host.',
      ruledOut: 'Migrations already use the direct host.',
      fix: 'Point migrations at the direct host (same string without `-pooler`).',
      source: 'https://neon.com/docs/connect/connection-errors#error-undefined-database-error ; https://neon.com/docs/guides/prisma',
      clientVariants: {
        prisma: { fix: 'In schema.prisma set `directUrl = env("DIRECT_URL")` with the direct host; keep `url` on the pooled host with `pgbouncer=true`.' },
      },
    },
    {
      id: 'remove_unsupported_startup_parameters',
      title: 'Remove startup parameters the pooler does not track',
      action: 'PgBouncer accepts only a few startup parameters (client_encoding, datestyle, timezone, standard_conforming_strings, application_name); anything else in `options` or the startup packet is refused.',
      verify: 'The error names the parameter (`unsupported startup parameter: search_path`, `extra_float_digits`, `options`); list the URL\'s parameters: `node -e "console.log([...new URL(process.env.DATABASE_URL).searchParams.keys()])"`.',
      confirmed: 'The named parameter is set by the URL or the driver.',
      ruledOut: 'No extra startup parameters are sent.',
      fix:
        'Remove it from the URL, set it per role instead (`alter role app set search_path = app, public`), or use the direct host. Self-hosted PgBouncer: `ignore_startup_parameters = extra_float_digits`.',
      source: 'https://neon.com/docs/connect/connection-errors#unsupported-startup-parameter ; https://www.pgbouncer.org/config.html#ignore_startup_parameters',
    },
    {
      id: 'check_session_state_use',
      title: 'Look for session state that does not survive a transaction',
      action: 'In transaction mode, `SET`, SQL `PREPARE`, temporary tables, `LISTEN`, session advisory locks and `WITH HOLD` cursors are lost or leak between clients after each transaction.',
      verify: '`grep -rnE "\\bSET (search_path|role|session)|PREPARE |LISTEN |pg_advisory_lock|CREATE TEMP" src`',
      confirmed: 'The app relies on one of these outside a single transaction on the pooled host.',
      ruledOut: 'No session-level features are used.',
      fix: 'Move that work to a direct connection, use `SET LOCAL` inside the transaction, or transaction-level advisory locks (`pg_advisory_xact_lock`).',
      source: 'https://www.pgbouncer.org/features.html ; https://neon.com/docs/connect/connection-pooling',
    },
  ],
  collectNext: [
    'The exact error text with the statement or parameter it names.',
    'Host and port (pooled or direct) without the password, and the pooler\'s mode.',
    'Client, ORM and version, and whether it happens in the app or in a migration command.',
  ],
};
