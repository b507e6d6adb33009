import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('cannot_connect', {
  valid: [
    ...corpusCases('cannot_connect'),
    {
      text: 'error: This IP address 203.0.113.7 is not allowed to connect to this endpoint. Please add it to the allowed list in the Neon console. Make sure to check for IPv4 or IPv6 addresses.',
      source: 'neondatabase/neon proxy/src/auth/mod.rs AuthError::IpAddressNotAllowed at 6a35a3e9f149798df1b1761ee64099d8d75fbe90',
      client: 'node-postgres',
      evidence: 'is not allowed to connect to this endpoint',
    },
    {
      text: 'psql: error: connection to server at "ep-cool-darkness-123456.us-east-2.aws.neon.tech" (203.0.113.10), port 5432 failed: ERROR:  This connection is trying to access this endpoint from a blocked network.',
      source: 'neondatabase/neon proxy/src/auth/mod.rs AuthError::NetworkNotAllowed at 6a35a3e9f149798df1b1761ee64099d8d75fbe90',
      client: 'libpq',
      evidence: 'trying to access this endpoint from a blocked network',
    },
    {
      text: "connection to server at \"<host>\" (<IP>), port <port> failed: received invalid response to GSSAPI negotiation",
      source: "supabase/supabase#29856",
      client: "libpq",
      evidence: "received invalid response to GSSAPI negotiation",
    },
    {
      // libpq 14+ in Russian: the host sits between "подключиться к серверу" and "не удалось".
      text: 'psql: ошибка: подключиться к серверу "db.internal" (10.0.0.5), порту 5432 не удалось: В соединении отказано\n\tСервер действительно работает по данному адресу и принимает TCP-соединения?',
      source: 'https://github.com/postgres/postgres/blob/master/src/interfaces/libpq/po/ru.po',
      client: 'psql',
      evidence: 'В соединении отказано',
    },
  ],
  invalid: [
    {
      title: "a web API's refusal of a caller (not the Neon proxy's allow list)",
      text: 'HTTP 403: this IP address is not allowed to call this endpoint',
      source: "generic REST wording that mentions an IP and an endpoint, near the Neon proxy's \"is not allowed to connect to this endpoint\" (neondatabase/neon proxy/src/auth/mod.rs)",
    },
    {
      title: "the pooler's refusal of a user without the project ref (not its network restrictions, batch 33)",
      text: "FATAL: Tenant or user not found",
      source: "Supabase Supavisor, near its \"Address not in tenant allow_list\" (supabase/supabase#30639)",
      family: 'auth_failed',
    },
    {
      title: "a sentence about unreachable networks (no connect error's colon, batch 33)",
      text: "Note: the health check marks a node down when its network unreachable alarm fires",
      source: "prose, near musl's strerror \"Network unreachable\" after libpq's \"port 5432 failed: \" (supabase/cli#1910)",
    },
    {
      title: "old Postgrex's raw gen_tcp timeout after \"tcp connect: \" (the connect timed out, batch 31)",
      text: "** (EXIT) %Postgrex.Error{message: \"tcp connect: timeout\", postgres: nil}",
      source: "elixir-ecto/postgrex 0.x \"tcp connect: #{reason}\" with gen_tcp:connect's {error, timeout}, near \"tcp connect: nxdomain\" (elixir-ecto/postgrex#21)",
      family: "connect_timeout",
    },
    {
      title: "an app's own Unix socket missing behind Go's dial (not a PostgreSQL .s.PGSQL socket file, batch 32)",
      text: "level=error msg=\"badgateway: failed to receive response\" error=\"dial unix /home/git/gitlab/tmp/sockets/gitlab.socket: connect: no such file or directory\"",
      source: "GitLab Workhorse dialing Puma's socket (sameersbn/docker-gitlab#2919); near the PostgreSQL socket form \"dial unix /tmp/.s.PGSQL.5432: connect: no such file or directory\"",
    },
    {
      title: "PgBouncer's bare client_login_timeout (the client never finished its login; no server down, batch 32)",
      text: "2019-12-11 10:19:10.557 24802 WARNING C-0x1ee0ef0: (nodb)/(nouser)@10.11.1.107:11048 Pooler Error: client_login_timeout",
      source: "PgBouncer src/janitor.c disconnect_client(client, true, \"client_login_timeout\") for a client still in login (pgbouncer/pgbouncer#445); near \"client_login_timeout (server down)\"",
    },
    {
      title: "another program's server DNS lookup failure (not PgBouncer's closing reason, batch 32)",
      text: "Shadowsocks server DNS lookup failed: Host not found",
      source: "a proxy client's own resolver message (found with find_string); near PgBouncer's \"closing because: server DNS lookup failed\"",
    },
    {
      title: "a cached password failure behind PgBouncer's server_login_retry (the cached reason decides, batch 32)",
      text: "{\"error\":\"server login has been failing, cached error: password authentication failed for user \\\"postgres\\\" (server_login_retry)\"}",
      source: "PgBouncer \"server login has been failing, cached error: %s (server_login_retry)\" quoting the server's 28P01 (an app's runbook, found with find_string); near cloudnative-pg/pgbouncer-containers#56",
      family: "auth_failed",
    },
    {
      title: "the server's own IPv6 listen socket failing at startup (no client dial; the server starts on IPv4, batch 26)",
      text: "LOG:  could not create IPv6 socket for address \"::1\": Address family not supported by protocol\nLOG:  listening on IPv4 address \"127.0.0.1\", port 5432",
      source: "PostgreSQL src/backend/libpq/pqcomm.c StreamServerPort \"could not create %s socket for address \\\"%s\\\": %m\" (near roles-ansible/ansible_role_gitea#188's \"dial unix ...: socket: address family not supported by protocol\")",
    },
    {
      title: "Docker's port proxy unable to listen on IPv6 (a listen, not a database dial, batch 26)",
      text: "Error starting userland proxy: listen tcp6 [::]:5432: socket: address family not supported by protocol",
      source: "moby/moby userland proxy on a host with IPv6 turned off, as quoted in public setup notes (find_string); near roles-ansible/ansible_role_gitea#188",
    },
    {
      title: "the Cloud SQL connector's refresh answered 403 (Google was reached; the proxy's account is refused, batch 25)",
      text: "failed to get instance: Refresh error: failed to get instance metadata (connection name = \"proj:region:db\"): googleapi: Error 403: The client is not authorized to make this request., notAuthorized",
      source: "GoogleCloudPlatform/cloud-sql-go-connector refresh error with googleapi 403 (near GoogleCloudPlatform/cloud-sql-proxy#2208's TLS handshake timeout)",
      family: "auth_failed",
    },
    {
      title: "dart:io failing a write on a live socket (Write failed, not Connection failed, batch 24)",
      text: "SocketException: Write failed (OS Error: Broken pipe, errno = 32), address = 10.0.0.5, port = 5432",
      source: "dart-lang/sdk socket_patch.dart \"Write failed\" (near \"Connection failed (OS Error: ...)\", isoos/postgresql-dart#419)",
      family: "stale_connection",
    },
    {
      title: "pgjdbc's German wording for a connection already closed (not the localised connect failure, batch 23)",
      text: "org.postgresql.util.PSQLException: Die Verbindung wurde geschlossen.",
      source: "pgjdbc translation/de.po \"This connection has been closed.\" (near de \"Der Verbindungsversuch schlug fehl.\", apache/flink-cdc#788)",
    },
    {
      title: "a localised SocketException from Npgsql's read buffer (a live connection reset, not a connect, batch 23)",
      text: "System.Net.Sockets.SocketException (10054): Eine vorhandene Verbindung wurde vom Remotehost geschlossen.\n   bei Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)",
      source: "npgsql NpgsqlReadBuffer.Ensure over Windows WSAECONNRESET in German (near npgsql/npgsql#4376, a SocketException under NpgsqlConnector.Connect)",
      family: "stale_connection",
    },
    {
      title: "libpq's GSSAPI authentication error (the credentials step, not the encryption negotiation, batch 23)",
      text: "psql: error: connection to server at \"db.example.com\" (10.0.0.5), port 5432 failed: GSSAPI continuation error: Unspecified GSS failure.  Minor code may provide more information: No Kerberos credentials available",
      source: "libpq fe-gssapi-common.c pg_GSS_error \"GSSAPI continuation error\" (near \"received invalid response to GSSAPI negotiation\", supabase/supabase#29856)",
    },
    {
      title: "Npgsql's stream wrapper after the connection was made (not the connect-phase wrapper)",
      text: "Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.IO.EndOfStreamException: Attempted to read past the end of the stream.",
      source: "npgsql src/Npgsql/Internal/NpgsqlReadBuffer.cs \"Exception while reading from stream\"",
      family: 'stale_connection',
    },
    {
      title: "the server itself failing to bind its listen address (EADDRINUSE, not EADDRNOTAVAIL on connect)",
      text: "2024-01-01 10:00:00.000 UTC [1] LOG:  could not bind IPv4 address \"0.0.0.0\": Address already in use",
      source: "PostgreSQL src/backend/libpq/pqcomm.c ListenServerPort \"could not bind %s address\"",
    },
    {
      title: "Rails' username/password error from the same file as the hostname error",
      text: "ActiveRecord::DatabaseConnectionError: There is an issue connecting to your database with your username/password, username: app.\n\nPlease check your database configuration to ensure the username/password are valid.",
      source: "rails/rails activerecord/lib/active_record/errors.rb DatabaseConnectionError.username_error",
      family: 'auth_failed',
    },
    {
      title: "\"server misbehaving\" without the Go resolver's \"lookup x on r:53:\" colon form",
      text: "Warning: the upstream server is misbehaving; retrying the health check",
      source: "the Go resolver prints \": server misbehaving\" after the lookup; prose is not a DNS failure",
    },
    {
      title: "an R2DBC authentication failure (not R2DBC's 'Cannot connect to')",
      text: 'io.r2dbc.postgresql.ExceptionFactory$PostgresqlAuthenticationFailure: [28P01] password authentication failed for user "postgres"',
      source: 'pgjdbc/r2dbc-postgresql ExceptionFactory PostgresqlAuthenticationFailure (R2DBC cannot-connect wording from jhipster/generator-jhipster#14106)',
      family: 'auth_failed',
    },
    {
      title: "the Cloud SQL / AlloyDB proxy's dial wrapper around an i/o timeout",
      text: 'failed to connect to instance: Dial error: failed to dial (instance URI = "staging/us-west3/staging/staging"): dial tcp 172.30.225.2:5433: i/o timeout',
      source: 'GoogleCloudPlatform/alloydb-auth-proxy#23',
      family: 'connect_timeout',
    },
    {
      title: "pgx's 'failed to connect to `host=...`' wrapper around a pooler's authentication answer",
      text: 'failed to connect to postgres: failed to connect to `host=aws-1-us-east-2.pooler.supabase.com user=postgres.<project-ref> database=postgres`: server error (FATAL: Tenant or user not found (SQLSTATE XX000))',
      source: 'supabase/cli#4277 (near Npgsql "Failed to connect to 127.0.0.1:5432", npgsql/npgsql#5183)',
      family: 'auth_failed',
    },
    {
      title: 'a file ENOENT (only getaddrinfo ENOENT is a failed lookup)',
      text: "Error: ENOENT: no such file or directory, open '/app/.env'",
      source: 'Node.js fs system error (nodejs.org/api/errors.html#common-system-errors); getaddrinfo ENOENT from sequelize/sequelize#7530',
    },
    {
      title: "NestJS's retry wrapper around a failure that is not a connection",
      text: '[Nest] 65795   - 3/27/2019, 8:04:20 AM   [TypeOrmModule] Unable to connect to the database. Retrying (1)... +63ms\nTypeORMError: Entity metadata for Post#author was not found.',
      source: 'nestjs/typeorm#30: the wrapper is printed for entity and option errors too',
    },
    {
      title: 'a connect attempt that timed out',
      text: 'psql: error: connection to server at "db.example.com" (203.0.113.7), port 5432 failed: Connection timed out\n\tIs the server running on that host and accepting TCP/IP connections?',
      source: 'libpq fe-connect.c PG14+ wording with strerror(ETIMEDOUT)',
      family: 'connect_timeout',
    },
    {
      title: 'a host name that is a JavaScript undefined',
      text: 'Error: getaddrinfo ENOTFOUND undefined\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)',
      source: 'brianc/node-postgres#1086 (host from an unset environment variable)',
      family: 'env_missing',
    },
    {
      title: 'a server that refuses TLS',
      text: 'psycopg2.OperationalError: connection to server at "localhost" (::1), port 5432 failed: server does not support SSL, but SSL was required',
      source: 'gpu-mode/kernelbot#176',
      family: 'ssl_unsupported',
    },
    {
      title: "a positive errno under Django's OperationalError (a file, not a host lookup)",
      text: "django.db.utils.OperationalError: [Errno 13] Permission denied: '/var/lib/app/db.sqlite3'",
      source: "CPython OSError strerror (positive errno); psycopg's resolver failure carries the negative EAI_* code",
    },
    {
      title: "pip failing to resolve its index while installing psycopg",
      text: "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Try again')': /simple/psycopg/",
      source: "pip/urllib3 NewConnectionError with the same gaierror text: a package download, not a database connection",
    },
    {
      title: "Go's dial that resolved the name and then timed out connecting",
      text: 'failed to connect to `host=db user=app database=app`: dial error (dial tcp 10.0.0.5:5432: i/o timeout)',
      source: 'Go net.Dialer i/o timeout on connect (no "lookup"), as pgconn prints it',
      family: 'connect_timeout',
    },
    {
      title: "Rust's io::Error Debug form for a reset of an open connection (not a refused connect, batch 30)",
      text: 'Error { kind: Io, cause: Some(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" }) }',
      source: 'tokio-postgres Error { kind: Io } around std::io::ErrorKind::ConnectionReset, near the kind: ConnectionRefused of rust-postgres/rust-postgres#798',
      family: 'stale_connection',
    },
  ],
});
