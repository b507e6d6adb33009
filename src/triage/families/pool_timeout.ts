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
      // PgCat's answer when no server connection could be checked out for the client in time (its pool, not the
      // app's, ran dry) or every server of the shard is banned; Java object pools print the same words.
      id: 'pgcat-no-connection-from-pool',
      kind: 'wording',
      pattern: /\bcould not get connection from the pool\b/i,
      weight: 0.8,
      clients: ['any'],
      source: 'postgresml/pgcat src/client.rs error_response "could not get connection from the pool - {err}" (AllServersDown after a checkout outwaits connect_timeout: postgresml/pgcat#824)',
      alternatives: [{ family: 'cannot_connect', weight: 0.5 }],
    },
    {
      // Agroal (Quarkus, Keycloak): the pool had no free connection within acquisition-timeout.
      id: 'agroal-acquisition-timeout',
      kind: 'wording',
      // Agroal 1.x words the same timeout "Sorry, acquisition timeout!" (Hibernate wraps it as
      // "Unable to acquire JDBC Connection [Sorry, acquisition timeout!]").
      pattern: /Acquisition timeout while waiting for new connection|Sorry, acquisition timeout!/,
      weight: 0.9,
      clients: ['jdbc'],
      source: 'agroal/agroal agroal-pool ConnectionPool.handlerFromSharedCache / waitAvailableHandler: "Acquisition timeout while waiting for new connection", "Sorry, acquisition timeout!" (keycloak/keycloak#44929, #16448, #46673)',
    },
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
      // psycopg2's own pools (SimpleConnectionPool, ThreadedConnectionPool) do not wait: getconn() with maxconn
      // connections already out raises PoolError at once. The app's pool ran dry, as with a timed-out wait.
      // Its other PoolError ("connection pool is closed", "trying to put unkeyed connection") is not exhaustion.
      id: 'psycopg2-pool-exhausted',
      kind: 'wording',
      pattern: /\bPoolError: connection pool exhausted\b/,
      weight: 0.9,
      clients: ['psycopg2'],
      source: 'psycopg/psycopg2 lib/pool.py AbstractConnectionPool._getconn: raise PoolError("connection pool exhausted") (Oslandia/lopocs#36)',
    },
    {
      id: 'npgsql-pool-exhausted',
      kind: 'wording',
      pattern: /The connection pool has been exhausted/i,
      weight: 0.95,
      clients: ['any'],
      source: 'npgsql ConnectorPool: "The connection pool has been exhausted, either raise MaxPoolSize ... or Timeout" (siteserver/cms#1424)',
    },
    {
      id: 'pgbouncer-query-wait-timeout',
      kind: 'wording',
      pattern: /query_wait_timeout/,
      weight: 0.9,
      clients: ['pgbouncer'],
      source: 'PgBouncer janitor.c: client waited longer than query_wait_timeout for a server connection',
    },
    {
      // Supavisor's pool had no server connection to give within its checkout timeout (both pool modes).
      id: 'supavisor-checkout-timeout',
      kind: 'wording',
      pattern: /\(ECHECKOUTTIMEOUT\) unable to check out connection\s{1,40}from the pool/,
      weight: 0.9,
      clients: ['supavisor'],
      source: 'Supabase Supavisor ClientHandler (ECHECKOUTTIMEOUT) in its pooler logs (supabase/supabase#48163, transaction mode)',
    },
    {
      id: 'sqlx-pool-timed-out',
      kind: 'wording',
      pattern: /(?:pool )?timed out while waiting for an open connection|\bPoolTimed?Out\b/,
      weight: 0.88,
      clients: ['any'],
      source: 'launchbadge/sqlx Error::PoolTimedOut and its Display (transact-rs/sqlx#2345; as the variant name in a Debug print, fuyufjh/mior#9)',
    },
    {
      id: 'dbconnection-queue-dropped',
      kind: 'wording',
      pattern: /connection not available and request was dropped from queue/,
      weight: 0.95,
      clients: ['any'],
      source: 'elixir-ecto/db_connection DBConnection.ConnectionError (Ecto/Postgrex pool queue_target)',
    },
    {
      id: 'deadpool-wait-timeout',
      kind: 'wording',
      pattern: /Timeout occurred while waiting for a slot to become available/,
      weight: 0.9,
      clients: ['any'],
      source: 'bikeshedder/deadpool PoolError::Timeout(TimeoutType::Wait) Display',
    },
    {
      // bb8 retries a failing connect until connection_timeout and then reports only this, so a refused or
      // unreachable server reads the same as a pool held by slow work: the runbook's first check tells them apart.
      id: 'bb8-timed-out',
      kind: 'wording',
      pattern: /\bTimed out in bb8\b/,
      weight: 0.8,
      clients: ['tokio-postgres', 'diesel'],
      source: 'djc/bb8 bb8/src/api.rs RunError::TimedOut Display "Timed out in bb8" (maplibre/martin#496)',
      alternatives: [{ family: 'cannot_connect', weight: 0.4 }],
    },
    {
      // Npgsql 2.x, still shipped inside older Hangfire.PostgreSql and Marten builds.
      id: 'npgsql2-pool-timeout',
      kind: 'wording',
      pattern: /Timeout while getting a connection from pool\.|Connection pool exceeds maximum size\./,
      weight: 0.9,
      clients: ['npgsql'],
      source: 'npgsql 2.x src/Npgsql/NpgsqlConnectorPool.cs RequestConnector: "Timeout while getting a connection from pool." / "Connection pool exceeds maximum size." (hangfire-postgres/Hangfire.PostgreSql#14)',
    },
    {
      // Vapor's pool (AsyncKit EventLoopConnectionPool) under Fluent and PostgresKit.
      id: 'asynckit-request-timeout',
      kind: 'wording',
      pattern: /Connection request (?:\(ID [^)\n]{1,40}\) )?timed out\. This might indicate a connection deadlock|ConnectionPoolTimeoutError\.connectionRequestTimeout|\bconnectionRequestTimeout\b/,
      weight: 0.9,
      clients: ['any'],
      source: 'vapor/async-kit Sources/AsyncKit/ConnectionPool/EventLoopConnectionPool.swift "Connection request timed out. This might indicate a connection deadlock in your application." and ConnectionPoolTimeoutError.connectionRequestTimeout (vapor/fluent#716)',
    },
  ],
  runbook,
};
