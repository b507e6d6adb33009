import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('stale_connection', {
  valid: corpusCases('stale_connection'),
  invalid: [
    {
      title: "uvloop refusing I/O on a closed datagram transport (a UDP socket is never a database connection, batch 31)",
      text: "RuntimeError: unable to perform operation on <UDPTransport closed=True reading=False 0x7f846b618920>; the handler is closed",
      source: "MagicStack/uvloop handle.pyx _ensure_alive on a UDPTransport, near the TCPTransport form under asyncpg (sqlalchemy/sqlalchemy#8871)",
    },
    {
      title: "Node's socket closed before it ever connected (nothing was open to go stale, batch 31)",
      text: "Error [ERR_SOCKET_CLOSED_BEFORE_CONNECTION]: Socket closed before the connection was established",
      source: "nodejs/node lib/internal/errors.js ERR_SOCKET_CLOSED_BEFORE_CONNECTION, near lib/net.js writeAfterFIN \"This socket has been ended by the other party\" (brianc/node-postgres#725)",
    },
    {
      title: "Supavisor's fallback error with an upstream timeout (not a closed socket, batch 32)",
      text: "Internal error (authenticated): :etimedout",
      source: "supabase/supavisor lib/supavisor/client_handler/error.ex \"Internal error (#{context}): #{inspect(error)}\" with another Erlang reason; near \":closed\" (PostHog/posthog#68069)",
    },
    {
      title: "libpq's TLS attempt failing and its cleartext retry meeting an HTTP server on the port (nothing was open to die, batch 25)",
      text: "BadConnection(\n    \"SSL SYSCALL error: No error information\\nexpected authentication request from server, but received H\\n\",\n)",
      source: "libpq fe-connect.c PQconnectPoll (dani-garcia/vaultwarden#4803: Traefik's TCP router on 5432)",
      family: "cannot_connect",
    },
    {
      title: "a NIOSSL handshake that failed on the certificate (verification, not the peer closing, batch 24)",
      text: "PSQLError(code: connectionError, underlying: NIOSSL.NIOSSLError.handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED])))",
      source: "swift-nio-ssl NIOSSLError.handshakeFailed with BoringSSL CERTIFICATE_VERIFY_FAILED (near \"EOF during handshake\", vapor/vapor#3042)",
      family: "ssl_verify_failed",
    },
    {
      title: "Supavisor refusing a new client because its pool is full (the DbHandler exit is stale, this is not)",
      text: 'error: Max client connections reached',
      source: 'Supavisor client limit as node-postgres prints it (supabase/supabase#21166)',
      family: 'too_many_connections',
    },
    {
      title: "Node's TLS handshake that completed but could not verify the certificate (the disconnect before TLS is stale, this is not)",
      text: 'Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)',
      source: 'Node.js lib/_tls_wrap.js onConnectSecure UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      family: 'ssl_verify_failed',
    },
    {
      title: "DBConnection's queue timeout (the pool ran dry, the connections are alive)",
      text: "** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 2000ms. This means requests are coming in and your connection pool cannot serve them fast enough.",
      source: "elixir-ecto/db_connection lib/db_connection/connection_pool.ex queue timeout message",
      family: 'pool_timeout',
    },
    {
      title: "an R2DBC constraint violation (a query error, not a dead connection)",
      text: "io.r2dbc.spi.R2dbcDataIntegrityViolationException: duplicate key value violates unique constraint \"users_pkey\"",
      source: "r2dbc-postgresql ExceptionFactory 23505 mapping",
      family: 'unknown',
    },
    {
      title: "pgjdbc's \"SSL error:\" prefix on a certificate the client could not verify",
      text: "org.postgresql.util.PSQLException: SSL error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
      source: "pgjdbc org.postgresql.ssl.MakeSSL \"SSL error: %s\" with JSSE PKIX text",
      family: 'ssl_verify_failed',
    },
    {
      title: "RDS Proxy's log of a client connecting (its closed-mid-request lines are stale, this is not)",
      text: '2023-08-23T14:04:38.878Z [INFO] [proxyEndpoint=rds-cluster-proxy-read-only] [clientConnection=3043571052] A new client connected from 1.1.1.75:47330.',
      source: 'npgsql/efcore.pg#2848',
      family: 'unknown',
    },
    {
      title: 'a statement timeout (the transaction-timeout wording is stale, this is not)',
      text: 'ERROR:  canceling statement due to statement timeout',
      source: 'PostgreSQL src/backend/tcop/postgres.c ProcessInterrupts() 57014 (stale 25P04 from pgdogdev/pgdog#839)',
      family: 'unknown',
    },
    {
      title: "Bun.sql's PostgresError carrying a server error (its code is not CONNECTION_CLOSED)",
      text: 'PostgresError: password authentication failed for user "postgres"\n code: "ERR_POSTGRES_SERVER_ERROR"',
      source: 'oven-sh/bun src/sql/postgres PostgresError ERR_POSTGRES_SERVER_ERROR (stale ERR_POSTGRES_CONNECTION_CLOSED from oven-sh/bun#16691)',
      family: 'auth_failed',
    },
    {
      title: 'the misspelt pg-pool connect timeout',
      text: 'Error: Connection terminiated due to connection timeout',
      source: 'brianc/node-pg-pool#89',
      family: 'connect_timeout',
    },
    {
      title: 'a connect attempt that timed out (node-postgres says terminated)',
      text: 'Error: Connection terminated due to connection timeout',
      source: 'brianc/node-pg-pool#116',
      family: 'connect_timeout',
    },
    {
      title: 'a server that requires TLS and closed the plain connection',
      text: 'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\nFATAL:  SSL connection is required. Please specify SSL options and retry.',
      source: 'Azure/azure-cli-extensions#3390',
      family: 'ssl_required',
    },
    {
      title: 'a unique violation',
      text: 'error: duplicate key value violates unique constraint "data_pkey"',
      source: 'mozilla-services/screenshots#613',
      family: 'unknown',
    },
    {
      title: "an app's own log line that starts like pgjdbc's copy failure",
      text: 'ERROR app.sessions - Database connection failed when retrieving user game sessions',
      source: "an application's wording; pgjdbc says \"Database connection failed when reading from copy\" only around a COPY",
      family: 'unknown',
    },
    {
      title: "pgjdbc's copy misuse on a live connection",
      text: 'org.postgresql.util.PSQLException: Tried to read from inactive copy',
      source: 'pgjdbc QueryExecutorImpl.readFromCopy: the copy had already ended, the socket is fine',
      family: 'unknown',
    },
    {
      title: "the French server's own recovery notice after a crash (no session of the client ended there, batch 30)",
      text: "2023-05-10 12:40:58.001 CEST [249296] LOG:  le système de bases de données n'a pas été arrêté proprement ; restauration automatique en cours",
      source: 'PostgreSQL src/backend/po/fr.po "database system was not properly shut down; automatic recovery in progress", near PnX-SI/gn_mobile_occtax#221',
    },
  ],
});
