import { isKnownKeyword, keywordSince } from '../libpq-options.ts';
import { parameterKeys } from '../parameter-keys.ts';
import type { FindingRule } from './types.ts';

// Parameters other tools put in the same URL. libpq rejects any keyword it
// does not know (the whole string fails); node-postgres silently ignores
// them. Sources: Prisma PostgreSQL connector docs (connection URL
// arguments), pgjdbc connection properties, asyncpg connect() arguments.
const OWNERS: Readonly<Record<string, string>> = {
  schema: 'Prisma (the schema to use; libpq needs options=-c%20search_path%3D<schema>)',
  connection_limit: 'Prisma (its own pool size)',
  pool_timeout: 'Prisma (seconds to wait for a pooled connection)',
  pgbouncer: 'Prisma (pgbouncer=true turns off prepared statements for transaction-mode poolers such as Neon\'s -pooler host)',
  socket_timeout: 'Prisma (query timeout)',
  statement_cache_size: 'Prisma (prepared statement cache)',
  sslaccept: 'Prisma (strict/accept_invalid_certs)',
  sslidentity: 'Prisma (PKCS12 client identity)',
  currentSchema: 'pgjdbc (JDBC search_path)',
  loginTimeout: 'pgjdbc (seconds)',
  connectTimeout: 'pgjdbc (seconds; libpq: connect_timeout)',
  socketTimeout: 'pgjdbc (seconds)',
  sslfactory: 'pgjdbc (e.g. NonValidatingFactory)',
  prepareThreshold: 'pgjdbc (0 disables server-side prepared statements, needed behind PgBouncer)',
  ApplicationName: 'pgjdbc (libpq: application_name)',
  tcpKeepAlive: 'pgjdbc (libpq: keepalives)',
  stringtype: 'pgjdbc',
  ssl: 'pgjdbc, node-postgres or asyncpg (libpq accepts only ssl=true, as sslmode=require)',
  uselibpqcompat: 'node-postgres (libpq semantics for sslmode)',
  search_path: 'a server setting (libpq needs options=-c%20search_path%3D...)',
  statement_timeout: 'a server setting (libpq needs options=-c%20statement_timeout%3D...)',
  prepared_statement_cache_size: 'SQLAlchemy asyncpg dialect',
  server_settings: 'asyncpg',
  command_timeout: 'asyncpg',
};

export const rule: FindingRule = {
  meta: { id: 'non_libpq_parameter', severity: 'error', description: 'A parameter libpq does not know (Prisma, JDBC, node-postgres, asyncpg ...).' },
  check(ctx) {
    const form = ctx.meant.form;
    const keys = [...new Set(parameterKeys(ctx.unwrapped.meant, form))];
    const out = [];
    for (const key of keys) {
      if (key === 'requiressl' || isKnownKeyword(key, ctx.libpqMajor) || keywordSince(key) !== undefined) continue;
      if (key === 'ssl' && /[?&]ssl=true(&|$)/.test(ctx.unwrapped.meant) && form === 'uri') continue;
      const owner = OWNERS[key] ?? (OWNERS[key.toLowerCase()] !== undefined ? `${OWNERS[key.toLowerCase()]}; libpq keywords are lower case` : undefined);
      out.push({
        severity: 'error' as const,
        message: `"${ctx.safe(key)}" is not a libpq parameter${owner !== undefined ? `: it belongs to ${owner}` : ''}. libpq (psql, psycopg, pgx's libpq mode) rejects the whole string; node-postgres silently ignores it.`,
        fix: owner !== undefined ? 'Keep it only in the URL given to that tool; give libpq-based tools a copy without it.' : 'Remove it, or check the spelling against the libpq parameter list (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS).',
      });
    }
    return out;
  },
};
