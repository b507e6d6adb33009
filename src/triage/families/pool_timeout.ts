// The client's own pool ran dry: every pooled connection was checked out
// (often leaked) and the wait for one timed out. The server may be fine.
import { runbook } from '../runbooks/pool_timeout.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'pool_timeout',
    title: 'Client pool exhausted',
    summary: "The application's own connection pool had no free connection within its wait time.",
  },
  patterns: [
    {
      id: 'prisma-P2024',
      kind: 'client-code',
      pattern: /\bP2024\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p2024',
    },
    {
      id: 'sqlalchemy-3o7r',
      kind: 'client-code',
      pattern: /sqlalche\.me\/e\/(?:\d{1,2}\/)?3o7r\b/,
      weight: 0.97,
      clients: ['sqlalchemy'],
      source: 'docs.sqlalchemy.org/en/20/errors.html#error-3o7r (QueuePool limit ... reached)',
    },
    {
      id: 'sqlalchemy-queuepool-limit',
      kind: 'wording',
      pattern: /QueuePool limit of size \d{1,6} overflow -?\d{1,6} reached/i,
      weight: 0.97,
      clients: ['sqlalchemy'],
      source: 'sqlalchemy/pool/impl.py QueuePool._do_get',
    },
    {
      id: 'prisma-timed-out-fetching',
      kind: 'wording',
      pattern: /Timed out fetching a (?:new )?connection from the (?:connection )?pool/i,
      weight: 0.97,
      clients: ['prisma'],
      source: 'Prisma P2024 message',
    },
    {
      id: 'pg-pool-timeout',
      kind: 'wording',
      pattern: /timeout exceeded when trying to connect/i,
      weight: 0.9,
      clients: ['node-postgres', 'typeorm', 'drizzle'],
      source: 'brianc/node-postgres packages/pg-pool/index.js connectionTimeoutMillis',
    },
    {
      id: 'rails-pool-timeout',
      kind: 'wording',
      pattern: /could not obtain a (?:database )?connection from the pool|ActiveRecord::ConnectionTimeoutError/i,
      weight: 0.95,
      clients: ['ruby-pg'],
      source: 'rails activerecord/lib/active_record/connection_adapters/abstract/connection_pool/queue.rb',
    },
    {
      id: 'hikari-not-available',
      kind: 'wording',
      pattern: /Connection is not available, request timed out after/i,
      weight: 0.95,
      clients: ['jdbc'],
      source: 'brettwooldridge/HikariCP HikariPool.createTimeoutException',
    },
    {
      id: 'knex-acquire-timeout',
      kind: 'wording',
      pattern: /Timeout acquiring a connection\. The pool is probably full|KnexTimeoutError/i,
      weight: 0.95,
      clients: ['knex'],
      source: 'knex/knex lib/client.js acquireConnection',
    },
    {
      id: 'sequelize-acquire-timeout',
      kind: 'wording',
      pattern: /ConnectionAcquireTimeoutError|ResourceRequest timed out/,
      weight: 0.92,
      clients: ['sequelize'],
      source: 'sequelize lib/errors/connection/connection-acquire-timeout-error.js; generic-pool "ResourceRequest timed out"',
    },
    {
      id: 'psycopg-pool-timeout',
      kind: 'wording',
      pattern: /couldn't get a connection after [\d.]{1,12} sec|\bPoolTimeout\b/,
      weight: 0.95,
      clients: ['psycopg3'],
      source: 'psycopg/psycopg psycopg_pool/pool.py PoolTimeout',
    },
    {
      id: 'npgsql-pool-exhausted',
      kind: 'wording',
      pattern: /The connection pool has been exhausted/i,
      weight: 0.95,
      clients: ['any'],
      source: 'npgsql ConnectorPool: "The connection pool has been exhausted, either raise MaxPoolSize ... or Timeout" (siteserver/cms#1424)',
    },
  ],
  runbook,
};
