import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('pool_timeout', {
  valid: corpusCases('pool_timeout'),
  invalid: [
    {
      title: "Supavisor refusing a client past the session-mode limit (no checkout wait, batch 33)",
      text: "ClientHandler: (EMAXCONNSESSION) max clients reached in session mode - max clients are limited to pool_size: 15",
      source: "Supabase Supavisor session mode, near its (ECHECKOUTTIMEOUT) checkout timeout (supabase/supabase#48163)",
    },
    {
      title: "psycopg2's pool used after the app closed it (not exhausted, batch 31)",
      text: "psycopg2.pool.PoolError: connection pool is closed",
      source: "psycopg/psycopg2 lib/pool.py _getconn: raise PoolError(\"connection pool is closed\"), near its \"connection pool exhausted\" (Oslandia/lopocs#36)",
    },
    {
      title: "Agroal relaying pgjdbc's failed connect (the pool tried to open a connection, it did not wait for a free one, batch 25)",
      text: "2024-04-23 10:55:11,771 WARN  [io.agroal.pool] (agroal-11) Datasource '<default>': The connection attempt failed.",
      source: "agroal ConnectionFactory warning with pgjdbc's \"The connection attempt failed.\" (keycloak/keycloak#29010; near Agroal's \"Sorry, acquisition timeout!\", keycloak/keycloak#46673)",
      family: "cannot_connect",
    },
    {
      title: "PostgresNIO's own connect timeout (the TCP connect, not AsyncKit's pool request, batch 24)",
      text: "PSQLError(code: connectionError, underlying: NIOCore.ChannelError.connectTimeout(10 seconds))",
      source: "vapor/postgres-nio PSQLError connectionError over NIO ChannelError.connectTimeout (near AsyncKit \"Connection request timed out\", vapor/fluent#716)",
    },
    {
      title: "Npgsql 4's connect-phase timeout (opening a connection, not waiting for the pool, batch 24)",
      text: "Npgsql.NpgsqlException (0x80004005): Exception while connecting\n ---> System.TimeoutException: The operation has timed out.",
      source: "npgsql NpgsqlConnector.Connect (near Npgsql 2's \"Timeout while getting a connection from pool.\", hangfire-postgres/Hangfire.PostgreSql#14)",
    },
    {
      title: "a tokio timeout around a query (tokio's Elapsed, not bb8's pool wait, batch 24)",
      text: "Pool error: deadline has elapsed",
      source: "tokio::time::error::Elapsed Display \"deadline has elapsed\" (near bb8's \"Timed out in bb8\", maplibre/martin#496)",
    },
    {
      title: "PgCat's answer for a database and user it has no pool for (batch 23)",
      text: "psql: error: connection to server at \"pgcat.pgcat.svc.cluster.local\" (10.108.15.8), port 6432 failed: FATAL:  No pool configured for database: \"orders\", user: \"app\"",
      source: "postgresml/pgcat src/client.rs \"No pool configured for database: {:?}, user: {:?}\" (postgresml/pgcat#346)",
      family: "database_missing",
    },
    {
      title: "Hibernate acquiring a connection the server refused for lack of slots (the server, not the pool)",
      text: "org.hibernate.exception.GenericJDBCException: Unable to acquire JDBC Connection [FATAL: sorry, too many clients already] [n/a]",
      source: "Hibernate LogicalConnectionManagedImpl wrapping pgjdbc 53300",
      family: 'too_many_connections',
    },
    {
      title: 'a connect attempt that timed out',
      text: 'Error: Connection terminated due to connection timeout\n    at Connection.<anonymous> (node_modules/pg/lib/client.js:132:36)',
      source: 'alexandrainst/node-red-contrib-postgresql#27',
      family: 'connect_timeout',
    },
    {
      title: 'a server out of connection slots',
      text: 'FATAL:  sorry, too many clients already',
      source: 'tpetry/stackbricks-community#24',
      family: 'too_many_connections',
    },
    {
      title: 'a statement timeout',
      text: 'psycopg2.errors.QueryCanceled: canceling statement due to statement timeout',
      source: 'PostgreSQL 57014 as psycopg2 names it',
      family: 'unknown',
    },
  ],
});
