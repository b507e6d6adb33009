// The connection attempt itself timed out: a firewall dropping packets, a
// wrong port that never answers, or a suspended compute waking up slowly.
import { runbook } from '../runbooks/connect_timeout.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'connect_timeout',
    title: 'Connection attempt timed out',
    summary: 'The client gave up before the server answered the connection attempt.',
  },
  patterns: [
    {
      // WSAETIMEDOUT (10060) as Windows words it, behind Go's `dial tcp ...: connectex:` and .NET/Java on Windows;
      // Rust prints the code. A read on a live connection (`wsarecv:`) is stale_connection (near miss below).
      id: 'windows-wsaetimedout',
      kind: 'wording',
      pattern: /A connection attempt failed because the connected party did not properly respond after a period of time|\(os error 10060\)/,
      weight: 0.85,
      clients: ['lib-pq', 'pgx', 'npgsql', 'jdbc', 'server-log'],
      source: 'Windows Sockets WSAETIMEDOUT (10060) message (learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2; GoogleCloudPlatform/alloydb-auth-proxy#24)',
    },
    {
      id: 'prisma-P1002',
      kind: 'client-code',
      pattern: /\bP1002\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1002',
    },
    {
      id: 'postgres-js-connect-timeout',
      kind: 'client-code',
      pattern: /\bCONNECT_TIMEOUT\b/,
      weight: 0.95,
      clients: ['postgres-js'],
      source: 'porsager/postgres src/connection.js: Errors.connection("CONNECT_TIMEOUT", ...)',
    },
    {
      // Postgrex before 0.12 put gen_tcp's raw reason after "tcp connect: ": the atom timeout is the connect attempt
      // outliving its :connect_timeout (later Postgrex: "tcp connect (host:port): timeout").
      id: 'postgrex-tcp-connect-timeout',
      kind: 'errno',
      pattern: /\btcp connect(?: \([^)\n]{1,260}\))?: timeout\b/,
      weight: 0.85,
      clients: ['postgrex'],
      source: 'elixir-ecto/postgrex 0.x lib/postgrex/protocol.ex connect: %Postgrex.Error{message: "tcp connect: #{reason}"} with gen_tcp:connect/4\'s {error, timeout} (erlang.org/doc/man/gen_tcp.html#connect-4)',
    },
    {
      id: 'connect-etimedout',
      kind: 'errno',
      pattern: /\bconnect ETIMEDOUT\b/,
      weight: 0.92,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'postgres-js'],
      source: 'Node.js net: "connect ETIMEDOUT <address>:<port>"',
    },
    {
      id: 'etimedout',
      kind: 'errno',
      pattern: /\bETIMEDOUT\b/,
      weight: 0.8,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex'],
      source: "Node.js system error code: code: 'ETIMEDOUT'",
    },
    {
      // Node's connect gave up on every address it tried (net.connect with autoSelectFamily).
      id: 'node-socket-connection-timeout',
      kind: 'client-code',
      pattern: /\bERR_SOCKET_CONNECTION_TIMEOUT\b|\bSocket connection timeout\b/,
      weight: 0.9,
      clients: ['node'],
      source: "nodejs/node lib/internal/errors.js E('ERR_SOCKET_CONNECTION_TIMEOUT', 'Socket connection timeout') (drizzle-team/drizzle-kit-mirror#553)",
    },
    {
      // The server gave up waiting for the client to finish logging in (authentication_timeout).
      id: 'server-authentication-timeout',
      kind: 'wording',
      pattern: /canceling authentication due to timeout/i,
      weight: 0.85,
      clients: ['server-log', 'libpq', 'any'],
      source: 'PostgreSQL src/backend/tcop/postgres.c ProcessInterrupts: "canceling authentication due to timeout" while ClientAuthInProgress (TablePlus/TablePlus#3492)',
      alternatives: [{ family: 'auth_failed', weight: 0.4 }],
    },
    {
      id: 'prisma-reached-but-timed-out',
      kind: 'wording',
      pattern: /was reached but timed out/i,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P1002 message',
    },
    {
      id: 'pg-connection-timeout',
      kind: 'wording',
      pattern: /Connection termini?ated due to connection timeout/i,
      weight: 0.97,
      clients: ['node-postgres', 'typeorm', 'drizzle'],
      source: 'brianc/node-postgres packages/pg/lib/client.js (connectionTimeoutMillis); pg-pool 2.0.x printed it misspelt "terminiated" (brianc/node-pg-pool#89)',
    },
    {
      id: 'timeout-expired',
      kind: 'wording',
      pattern: /\btimeout expired\b/i,
      weight: 0.9,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'sqlalchemy', 'django'],
      source: 'libpq fe-connect.c connect_timeout: "timeout expired"; psycopg 3 "connection timeout expired"',
    },
    {
      id: 'tcp-connect-timed-out',
      kind: 'wording',
      pattern: /(?:could not connect to server|failed):\s+(?:Operation|Connection) timed out/i,
      weight: 0.92,
      clients: ['libpq', 'psycopg2', 'sqlalchemy', 'ruby-pg'],
      source: 'libpq fe-connect.c with strerror(ETIMEDOUT) (PG14+: connection to server at ... failed: Connection timed out)',
    },
    {
      id: 'timed-out',
      kind: 'wording',
      pattern: /\b(?:Operation|Connection) timed out\b/i,
      weight: 0.75,
      clients: ['libpq', 'psycopg2', 'python'],
      source: 'strerror(ETIMEDOUT) as printed by libpq and Python sockets (ctti-clinicaltrials/aact#474)',
    },
    {
      id: 'go-dial-timeout',
      kind: 'wording',
      pattern: /dial tcp \S{1,200}: i\/o timeout|\bdial error \(timeout/i,
      weight: 0.9,
      clients: ['pgx', 'lib-pq'],
      source: 'Go net.Dialer: "dial tcp host:5432: i/o timeout"; pgx "dial error (timeout: ...)"',
    },
    {
      // An application's own startup check that gave up on the first connection within its configured timeout;
      // n8n's DbConnectionTimeoutError carries the cause (pg's connection timeout) only as `cause`, not in the text.
      id: 'app-db-connection-not-established-in-time',
      kind: 'wording',
      pattern: /\bcould not establish (?:a |the )?(?:database |db )?connection within (?:the (?:configured )?timeout|[\d,.\u00a0\u202f ]{1,12}ms\b)/i,
      weight: 0.85,
      clients: ['typeorm', 'any'],
      source: "n8n-io/n8n packages/workflow/src/errors/db-connection-timeout-error.ts: `Could not establish database connection within the configured timeout of ${n} ms` (n8n-io/n8n#10682)",
      alternatives: [{ family: 'cannot_connect', weight: 0.4 }],
    },
    {
      id: 'java-connect-timed-out',
      kind: 'wording',
      pattern: /SocketTimeoutException: connect timed out|Connection attempt timed out/i,
      weight: 0.92,
      clients: ['jdbc'],
      source: 'java.net.SocketTimeoutException; pgjdbc ConnectionFactoryImpl "Connection attempt timed out."',
    },
    {
      id: 'sequelize-timed-out',
      kind: 'wording',
      pattern: /SequelizeConnectionTimedOutError|ConnectionTimedOutError/,
      weight: 0.9,
      clients: ['sequelize'],
      source: 'sequelize lib/errors/connection/connection-timed-out-error.js',
    },
    {
      id: 'prisma-P1008',
      kind: 'client-code',
      pattern: /\bP1008\b|Operations timed out after/,
      weight: 0.7,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1008',
    },
    {
      // Generic deadline errors: a connect deadline when nothing more specific is said.
      id: 'deadline-exceeded',
      kind: 'wording',
      pattern: /context deadline exceeded|asyncio\.exceptions\.TimeoutError|concurrent\.futures\._base\.TimeoutError/,
      weight: 0.5,
      clients: ['pgx', 'asyncpg'],
      source: 'Go context.DeadlineExceeded around pgx.Connect; asyncio.wait_for in asyncpg connect_utils',
    },
    {
      id: 'undici-connect-timeout',
      kind: 'client-code',
      pattern: /\bConnectTimeoutError\b|\bUND_ERR_CONNECT_TIMEOUT\b/,
      weight: 0.9,
      clients: ['neon-serverless', 'node'],
      source: 'Node.js fetch (undici) ConnectTimeoutError, as @neondatabase/serverless surfaces it over HTTP',
    },
    {
      // deadpool (Rust pools under tokio-postgres clients) names the stage that ran out of time.
      id: 'deadpool-create-timeout',
      kind: 'wording',
      pattern: /Timeout occurred while creating a new object/,
      weight: 0.85,
      clients: ['any'],
      source: 'bikeshedder/deadpool PoolError::Timeout(TimeoutType::Create) Display (t8y2/dbx#4236)',
      alternatives: [{ family: 'pool_timeout', weight: 0.4 }],
    },
    {
      // GUIs and apps that reach the database through an SSH tunnel (Beekeeper Studio, DbGate and others on the
      // ssh2 module): the SSH server never finished its handshake within readyTimeout, so no database was reached.
      id: 'ssh2-handshake-timeout',
      kind: 'wording',
      pattern: /Timed out while waiting for handshake/,
      weight: 0.8,
      clients: ['gui', 'node'],
      source: 'mscdex/ssh2 lib/client.js readyTimeout: "Timed out while waiting for handshake" (beekeeper-studio/beekeeper-studio#3331)',
      alternatives: [{ family: 'cannot_connect', weight: 0.5 }],
    },
    {
      // asyncpg wraps connect in asyncio timeouts: a connect frame followed by a bare TimeoutError or CancelledError.
      id: 'asyncpg-connect-timeout-frames',
      kind: 'wording',
      pattern: /asyncpg[\\/](?:connection|connect_utils|pool)\.py", line \d{1,5}, in _{0,2}(?:connect|connect_addr|create_ssl_connection|get_new_connection)\b[^]{0,2000}?\b(?:TimeoutError|CancelledError)\b/,
      weight: 0.8,
      clients: ['asyncpg'],
      source: 'MagicStack/asyncpg connect_utils.py _connect_addr under compat.timeout (MagicStack/asyncpg#1309; developmentseed/tipg#72)',
    },
    {
      id: 'npgsql-connect-timeout',
      kind: 'wording',
      // The message is localised with the .NET runtime ("Timeout für den Vorgang wurde überschritten", npgsql/npgsql#4400),
      // so the connect-phase frame decides, not the words; NpgsqlTimeout.Check is the connect deadline itself (npgsql/npgsql#1291).
      pattern: /Timeout during connection attempt|TimeoutException: [^\n][^]{0,919}?\bNpgsql\.(?:Internal\.)?NpgsqlConnector[.+]<?(?:ConnectAsync|RawOpen|Connect|Open)\b|\bNpgsql\.(?:Util\.)?NpgsqlTimeout\.Check\b/,
      weight: 0.85,
      clients: ['npgsql'],
      source: 'npgsql NpgsqlConnector.Connect/RawOpen/Open under its connect timeout (aws/aws-lambda-dotnet#288, npgsql/npgsql#5658)',
    },
  ],
  nearMisses: [
    {
      id: 'windows-read-timeout-not-connect',
      pattern: /wsarecv: A connection attempt failed because the connected party did not properly respond/,
      reason: 'WSAETIMEDOUT on a read of an established connection (Go `wsarecv:`), not on connect: stale_connection.',
    },
    {
      id: 'pool-wait-timed-out',
      pattern: /QueuePool limit of size \d{1,6} overflow -?\d{1,6} reached, connection timed out/i,
      reason: 'SQLAlchemy says "connection timed out" when the wait for a pooled connection ran out (pool_timeout).',
    },
  ],
  runbook,
};
