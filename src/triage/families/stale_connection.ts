// A pooled connection died under the client (lesson row 4): the server, a
// proxy or a NAT closed it while it sat idle, or the compute was suspended.
import { runbook } from '../runbooks/stale_connection.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'stale_connection',
    title: 'Connection died under the client',
    summary: 'A connection the client held (usually from its pool) was closed by the server, a proxy or the network.',
  },
  patterns: [
    {
      // Supavisor lost the server connection it had paired with the client: the client gets XX000
      // "DbHandler exited" and the pooler logs the shutdown reason.
      id: 'supavisor-db-handler-exit',
      kind: 'wording',
      pattern: /\{:shutdown, :db_handler_exit\}|\bDbHandler exited\b/,
      weight: 0.75,
      clients: ['supavisor', 'server-log'],
      source: 'supabase/supavisor lib/supavisor/client_handler.ex: sock_send(Server.error_message("XX000", "DbHandler exited")), {:stop, {:shutdown, :db_handler_exit}} (supabase/supavisor#459)',
      alternatives: [{ family: 'cannot_connect', weight: 0.45 }],
    },
    {
      // WSAETIMEDOUT on a read (`wsarecv:`): the established connection stopped answering.
      id: 'windows-wsarecv-timeout',
      kind: 'wording',
      pattern: /wsarecv: A connection attempt failed because the connected party did not properly respond/,
      weight: 0.88,
      clients: ['lib-pq', 'pgx'],
      source: 'Windows Sockets WSAETIMEDOUT (10060) on WSARecv, as Go prints it ("read tcp a->b: wsarecv: A connection attempt failed ...")',
    },
    {
      // DBConnection: every pooled connection is disconnected (the server or network dropped them).
      id: 'dbconnection-disconnected',
      kind: 'wording',
      pattern: /connection not available because of disconnection/,
      weight: 0.7,
      clients: ['postgrex'],
      source: 'elixir-ecto/db_connection lib/db_connection/holder.ex "connection not available because of disconnection" (elixir-ecto/postgrex#324)',
      alternatives: [{ family: 'cannot_connect', weight: 0.5 }],
    },
    {
      // pgjdbc lost the socket in the middle of a COPY (CopyManager, Debezium's replication stream).
      id: 'pgjdbc-copy-connection-failed',
      kind: 'wording',
      pattern: /Database connection failed when (?:starting|canceling|ending|writing to|reading from) copy/,
      weight: 0.85,
      clients: ['jdbc'],
      source: 'pgjdbc org/postgresql/core/v3/QueryExecutorImpl.java startCopy/cancelCopy/endCopy/writeToCopy/readFromCopy: "Database connection failed when ... copy" (yugabyte/yugabyte-db#21652)',
    },
    {
      // r2dbc-pool validated an idle connection before handing it out and found it dead.
      id: 'r2dbc-pool-validation-failed',
      kind: 'wording',
      pattern: /R2dbcNonTransientResourceException: Connection validation failed/,
      weight: 0.75,
      clients: ['r2dbc'],
      source: 'r2dbc/r2dbc-pool ConnectionPool: "Connection validation failed" (r2dbc/r2dbc-pool#189)',
    },
    {
      // The peer closed the socket during the TLS handshake: JSSE's wording of libpq's "SSL SYSCALL error: EOF detected".
      id: 'jsse-handshake-terminated',
      kind: 'wording',
      pattern: /Remote host terminated the handshake|SSL error: Connection reset|Client network socket disconnected before secure TLS connection was established|NIOSSLError\.handshakeFailed\([^\n]{0,80}EOF during handshake/,
      weight: 0.6,
      clients: ['jdbc', 'gui', 'any'],
      source: 'JDK sun.security.ssl SSLHandshakeException "Remote host terminated the handshake" as pgjdbc prints it (dbeaver/dbeaver#37381, #17425); Node.js lib/_tls_wrap.js ECONNRESET "Client network socket disconnected before secure TLS connection was established" (porsager/postgres#1044); swift-nio-ssl NIOSSLError.handshakeFailed with BoringSSL\'s "EOF during handshake" under PostgresNIO (vapor/vapor#3042, vapor/postgres-kit#247)',
      alternatives: [{ family: 'ssl_unsupported', weight: 0.4 }],
    },
    sqlstate('57P01', 0.97, 'admin_shutdown'),
    sqlstate('57P02', 0.85, 'crash_shutdown'),
    sqlstate('57P05', 0.9, 'idle_session_timeout'),
    sqlstate('25P03', 0.85, 'idle_in_transaction_session_timeout'),
    sqlstate('25P04', 0.85, 'transaction_timeout (PostgreSQL 17)'),
    sqlstate('08006', 0.5, 'connection_failure'),
    {
      id: 'prisma-P1017',
      kind: 'client-code',
      pattern: /\bP1017\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1017',
    },
    {
      id: 'econnreset',
      kind: 'errno',
      pattern: /\bECONNRESET\b/i,
      weight: 0.85,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'postgres-js', 'prisma'],
      source: 'Node.js net: "read ECONNRESET" (nodejs.org/api/errors.html#common-system-errors)',
    },
    {
      // A read that timed out is a live connection gone silent, not a connect attempt.
      id: 'read-etimedout',
      kind: 'errno',
      pattern: /\bread ETIMEDOUT\b|syscall: 'read'/,
      weight: 0.9,
      clients: ['node-postgres', 'typeorm', 'knex'],
      source: 'Node.js net: "read ETIMEDOUT" on an idle pooled connection (brianc/node-postgres#2924)',
    },
    {
      // Node's net.Socket after the server's FIN: a write on the half-closed socket fails with EPIPE, whose message is
      // "This socket has been ended by the other party" (lib/net.js writeAfterFIN); pastes often drop the code.
      id: 'node-write-after-fin',
      kind: 'wording',
      pattern: /\bThis socket has been ended by the other party\b/,
      weight: 0.75,
      clients: ['node-postgres', 'postgres-js', 'node'],
      source: 'nodejs/node lib/net.js writeAfterFIN: makeError(\'EPIPE\', \'This socket has been ended by the other party\') (brianc/node-postgres#725, pg from AWS Lambda)',
    },
    {
      // uvloop (asyncpg's usual event loop) refuses I/O on a stream transport it has already closed:
      // RuntimeError "unable to perform operation on <TCPTransport closed=True ...>; the handler is closed". The
      // pooled connection's socket was gone when the driver used it. A datagram transport (UDPTransport) is not a
      // database connection.
      id: 'uvloop-closed-stream-transport',
      kind: 'wording',
      pattern: /unable to perform operation on <(?:TCP|Unix)Transport closed=True\b[^>\n]{0,120}>; the handler is closed/,
      weight: 0.75,
      clients: ['asyncpg', 'sqlalchemy', 'python'],
      source: 'MagicStack/uvloop uvloop/handles/handle.pyx UVHandle._ensure_alive: RuntimeError("unable to perform operation on {!r}; the handler is closed") (sqlalchemy/sqlalchemy#8871, SQLAlchemy asyncio over asyncpg under Sanic)',
    },
    {
      id: 'epipe',
      kind: 'errno',
      pattern: /\bEPIPE\b/,
      weight: 0.7,
      clients: ['node-postgres', 'postgres-js'],
      source: 'Node.js net: "write EPIPE"',
    },
    {
      id: 'postgres-js-connection-closed',
      kind: 'client-code',
      pattern: /\bCONNECTION_(?:CLOSED|DESTROYED)\b/,
      weight: 0.9,
      clients: ['postgres-js'],
      source: 'porsager/postgres src/connection.js Errors.connection("CONNECTION_CLOSED", ...)',
    },
    {
      // Npgsql reading from a socket the server or a middlebox already closed (an idle pooled connection, npgsql/npgsql#1164).
      id: 'npgsql-end-of-stream',
      kind: 'wording',
      pattern: /Exception while reading from stream|\bEndOfStreamException\b|Attempted to read past the end of the stream/,
      weight: 0.85,
      clients: ['npgsql'],
      source: 'npgsql NpgsqlReadBuffer.Ensure: NpgsqlException "Exception while reading from stream" ---> EndOfStreamException (npgsql/npgsql#2962, #4864)',
    },
    {
      // WSAECONNRESET as Windows and .NET/Java on Windows word it (pgjdbc/r2dbc-postgresql#14).
      id: 'windows-connection-reset',
      kind: 'wording',
      pattern: /An existing connection was forcibly closed by the remote host|Eine vorhandene Verbindung wurde vom Remotehost geschlossen/,
      weight: 0.85,
      clients: ['npgsql', 'jdbc', 'r2dbc', 'python'],
      source: 'Windows Sockets WSAECONNRESET (10054) message (learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2)',
    },
    {
      id: 'r2dbc-connection-closed',
      kind: 'client-code',
      pattern: /\bPostgresConnectionClosedException\b|Cannot exchange messages because the connection is closed/,
      weight: 0.9,
      clients: ['r2dbc'],
      source: 'pgjdbc/r2dbc-postgresql ReactorNettyClient.PostgresConnectionClosedException (komapper/komapper#425)',
    },
    {
      // Amazon RDS Proxy's log when the client side of a borrowed connection went away mid-request.
      id: 'rds-proxy-connection-closed',
      kind: 'wording',
      pattern: /The TCP channel was closed by either the client or the proxy|was closed in the middle of a request/,
      weight: 0.75,
      clients: ['any'],
      source: 'Amazon RDS Proxy connection log (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.troubleshooting.html; npgsql/efcore.pg#2848)',
    },
    {
      // Bun.sql: its own PostgresError class with ERR_POSTGRES_* codes.
      id: 'bun-sql-connection-closed',
      kind: 'client-code',
      pattern: /\bERR_POSTGRES_CONNECTION_CLOSED\b|\bPostgresError: Connection closed\b/,
      weight: 0.9,
      clients: ['bun-sql'],
      source: 'oven-sh/bun src/sql/postgres: PostgresError "Connection closed", code ERR_POSTGRES_CONNECTION_CLOSED (oven-sh/bun#16691)',
    },
    {
      // tokio-postgres Error's Debug print, as Prisma's engine and Rust apps log it; Kind::Closed displays "connection closed".
      id: 'tokio-postgres-kind-closed',
      kind: 'client-code',
      pattern: /\bkind: Closed\b/,
      weight: 0.9,
      clients: ['tokio-postgres', 'prisma'],
      source: 'sfackler/rust-postgres tokio-postgres/src/error/mod.rs Kind::Closed (prisma/prisma#6664)',
    },
    {
      id: 'admin-shutdown-class',
      kind: 'client-code',
      pattern: /\bAdminShutdown(?:Error)?\b/,
      weight: 0.95,
      clients: ['psycopg2', 'psycopg3', 'asyncpg'],
      source: 'psycopg2.errors.AdminShutdown; asyncpg AdminShutdownError (57P01; viperadnan-git/google-drive-telegram-bot#85)',
    },
    {
      id: 'asyncpg-connection-does-not-exist',
      kind: 'client-code',
      pattern: /ConnectionDoesNotExistError|connection was closed in the middle of operation/,
      weight: 0.92,
      clients: ['asyncpg'],
      source: 'MagicStack/asyncpg asyncpg/exceptions/__init__.py ConnectionDoesNotExistError',
    },
    {
      id: 'server-closed-unexpectedly',
      kind: 'wording',
      pattern: /server\s{1,8}closed\s{1,8}the\s{1,8}connection\s{1,8}unexpectedly/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'sqlalchemy', 'django', 'ruby-pg'],
      source: 'libpq fe-misc.c pqReadData(): "server closed the connection unexpectedly"',
    },
    {
      id: 'pg-terminated-unexpectedly',
      kind: 'wording',
      pattern: /Connection\s{1,8}terminated\s{1,8}unexpectedly/i,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'drizzle', 'knex', 'sequelize'],
      source: 'brianc/node-postgres packages/pg/lib/client.js (brianc/node-postgres#1324)',
    },
    {
      id: 'pg-connection-terminated',
      kind: 'wording',
      pattern: /Connection terminated\b/i,
      weight: 0.7,
      clients: ['node-postgres'],
      source: 'brianc/node-postgres packages/pg/lib/client.js "Connection terminated" (client.end() while queries ran)',
    },
    {
      id: 'pg-not-queryable',
      kind: 'wording',
      pattern: /Client has encountered a connection error and is not queryable/i,
      weight: 0.95,
      clients: ['node-postgres'],
      source: 'brianc/node-postgres packages/pg/lib/client.js _handleErrorEvent',
    },
    {
      id: 'terminating-connection',
      kind: 'wording',
      pattern: /terminating connection (?:due to (?:administrator command|idle-session timeout|idle-in-transaction timeout|transaction timeout|unexpected postmaster exit|conflict with recovery)|because of crash of another server process)/i,
      weight: 0.95,
      clients: ['any'],
      source: 'PostgreSQL src/backend/tcop/postgres.c ProcessInterrupts() (57P01, 57P05, 25P03; 25P04 "due to transaction timeout" since 17, pgdogdev/pgdog#839)',
    },
    {
      id: 'localized-connection-ended',
      kind: 'wording',
      // 57P02 (another backend crashed) too, as each translation words it: the server ends every session at once.
      pattern: /Verbindung wird abgebrochen aufgrund von Anweisung des Administrators|Verbindung wird abgebrochen wegen Absturz eines anderen Serverprozesses|terminando la conexi[óo]n debido a una falla en otro proceso servidor|arr[êe]t de la connexion [àa] cause de l'arr[êe]t brutal d'un autre processus serveur|la connessione [èe] stata terminata a causa del crash di un altro processo del server|他のサーバープロセスがクラッシュしたため接続を終了します|закрытие подключения из-за краха другого серверного процесса|中断联接, 因为其它服务器进程崩溃|conexi[óo]n debido a una orden del administrador|suite [àa] la demande de l'administrateur|由于管理员命令中断联接|по команде администратора|el servidor cerr[óo] la conexi[óo]n inesperadamente|Server beendete die Verbindung unerwartet|le serveur a ferm[ée] la connexion de fa[çc]on inattendue|服务器意外地关闭了联接|сервер неожиданно закрыл соединение/i,
      weight: 0.9,
      clients: ['server-log', 'libpq', 'psycopg2'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko): 57P01 and libpq "server closed the connection unexpectedly" (zdavatz/oddb.org#297); 57P02 "terminating connection because of crash of another server process" in de, es, fr, it, ja, ru, zh_CN (src/backend/po; fr as logged, PnX-SI/gn_mobile_occtax#221)',
    },
    {
      id: 'ssl-syscall',
      kind: 'wording',
      pattern: /SSL SYSCALL error|SSL connection has been closed unexpectedly|SSL error: (?:unexpected eof|decryption failed or bad record mac)|\b(?:sslv3|tlsv1) alert bad record mac\b/i,
      weight: 0.87,
      clients: ['libpq', 'psycopg2', 'sqlalchemy', 'django', 'ruby-pg'],
      source: 'libpq fe-secure-openssl.c pgtls_read(): "SSL SYSCALL error: EOF detected"; OpenSSL "sslv3 alert bad record mac" when a forked worker reuses the parent connection (celery/celery#814)',
    },
    {
      id: 'connection-reset',
      kind: 'wording',
      pattern: /Connection reset by peer|Connection reset\b|could not send data to server|Broken pipe/i,
      weight: 0.8,
      clients: ['libpq', 'psycopg2', 'asyncpg', 'pgx', 'jdbc', 'python'],
      source: 'strerror(ECONNRESET / EPIPE) via libpq "could not receive data from server"; java.net.SocketException: Connection reset',
    },
    {
      id: 'already-closed',
      kind: 'wording',
      pattern: /connection already closed|connection not open|the connection is (?:closed|lost)|\bconnection is closed\b|This connection has been closed|no connection to the server|connection to the server has been closed|\bdatabase connection (?:was )?lost\b/i,
      weight: 0.85,
      clients: ['psycopg2', 'psycopg3', 'asyncpg', 'jdbc', 'libpq', 'ruby-pg', 'django', 'gui', 'any'],
      source: 'psycopg2 InterfaceError "connection already closed"; asyncpg "connection is closed"; pgjdbc "This connection has been closed."; pgAdmin "the connection to the server has been closed" (pgadmin-org/pgadmin4#928); PostgREST "Database connection lost" (PostgREST/postgrest#1345)',
    },
    {
      id: 'jdbc-io-error',
      kind: 'wording',
      pattern: /An I\/O error occurred while sending to the backend|Failed to validate connection/i,
      weight: 0.85,
      clients: ['jdbc'],
      source: 'pgjdbc QueryExecutorImpl (08006); HikariCP PoolBase.isConnectionAlive "Failed to validate connection"',
    },
    {
      id: 'go-bad-connection',
      kind: 'wording',
      pattern: /driver: bad connection|\bconn closed\b|unexpected EOF|\b(?:tcp|ssl) (?:recv|send): closed\b/i,
      weight: 0.75,
      clients: ['lib-pq', 'pgx', 'go'],
      source: 'Go database/sql driver.ErrBadConn "driver: bad connection"; pgx "conn closed"; io.ErrUnexpectedEOF; Elixir DBConnection "tcp recv: closed" (UrbanCCD-UChicago/plenario2#396)',
    },
    {
      id: 'prisma-server-closed',
      kind: 'wording',
      pattern: /Server has closed the connection/i,
      weight: 0.92,
      clients: ['prisma'],
      source: 'Prisma P1017 message',
    },
    {
      id: 'sqlalchemy-invalid-transaction',
      kind: 'wording',
      pattern: /Can't reconnect until invalid transaction is rolled back/i,
      weight: 0.75,
      clients: ['sqlalchemy'],
      source: 'SQLAlchemy engine/base.py (docs.sqlalchemy.org/en/20/errors.html#error-8s2b)',
    },
    {
      id: 'server-shutting-down',
      kind: 'wording',
      pattern: /the database system is shutting down|lost synchronization with server/i,
      weight: 0.8,
      clients: ['any'],
      source: 'PostgreSQL backend_startup.c (57P03 while shutting down); libpq fe-protocol3.c',
    },
    {
      id: 'dead-socket',
      kind: 'wording',
      pattern: /PQsocket\(\) can't get socket descriptor|server conn crashed|client_idle_timeout|server_idle_timeout/,
      weight: 0.8,
      clients: ['ruby-pg', 'pgbouncer'],
      source: 'ruby-pg PG::ConnectionBad on a dead connection; PgBouncer disconnect reasons',
    },
    {
      // Supavisor's fallback error names the client's state and the Erlang reason: ":closed" after authentication is
      // gen_tcp's peer-closed socket, the backend connection it was proxying to having gone away mid-session.
      id: 'supavisor-internal-error-closed',
      kind: 'wording',
      pattern: /\bInternal error \([a-z_]{1,30}\): :closed\b/,
      weight: 0.8,
      clients: ['supavisor'],
      source: 'supabase/supavisor lib/supavisor/client_handler/error.ex process/2 fallback "Internal error (#{context}): #{inspect(error)}" sent as XX000 (PostHog/posthog#68069)',
    },
  ],
  nearMisses: [
    {
      // libpq with sslmode=prefer: the TLS attempt fails (SSL SYSCALL), it retries in the clear and the
      // port answers in another protocol ('H' from an HTTP proxy). The connection never opened, so
      // nothing died under the client: the wrong service on the port is the cause (cannot_connect).
      id: 'ssl-syscall-then-not-postgres',
      // Ends before "received": a console cutting the line mid-word must not undo it.
      pattern: /SSL SYSCALL error[^]{0,160}?expected authentication request from server, but\b/,
      reason: 'libpq fe-connect.c PQconnectPoll: the startup retry after a failed TLS attempt got "expected authentication request from server, but received %c" (dani-garcia/vaultwarden#4803: Traefik on the port).',
    },
    {
      id: 'connect-timeout-not-stale',
      pattern: /Connection termini?ated due to connection timeout/i,
      reason: 'node-postgres says this when the connect attempt timed out (connect_timeout), not when a live connection died.',
    },
  ],
  runbook,
};
