// No server answered at that address (lesson row 2): refused, unresolvable,
// unreachable, or not accepting connections yet.
import { runbook } from '../runbooks/cannot_connect.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

// node-postgres and postgres.js fall back to localhost:5432 when no setting reached them.
const LOCAL = String.raw`(?:127\.0\.0\.1|::1|\[::1\]|localhost|0\.0\.0\.0)`;
const UNLOADED_SETTINGS = [{ family: 'env_missing', weight: 0.5 }] as const;

export const family: FamilyModule = {
  meta: {
    id: 'cannot_connect',
    title: 'Cannot reach the server',
    summary: 'Nothing answered at the host and port the client used: refused, unresolvable, unreachable or not started.',
  },
  patterns: [
    {
      // Npgsql's connect-phase wrapper; the inner SocketException names the cause (refused, unreachable, address not available).
      id: 'npgsql-exception-while-connecting',
      kind: 'wording',
      pattern: /\bException while connecting\b/,
      weight: 0.7,
      clients: ['npgsql'],
      source: 'npgsql src/Npgsql/Internal/NpgsqlConnector.cs: NpgsqlException("Exception while connecting", e) (jmrnilsson/MinMQ#27)',
    },
    {
      // EADDRNOTAVAIL on connect: no local address/port to reach the server from (IPv6 off, ephemeral ports exhausted).
      id: 'address-not-available',
      kind: 'wording',
      pattern: /Cannot assign requested address|SocketException \(99\): Address not available/,
      weight: 0.6,
      clients: ['npgsql', 'libpq', 'any'],
      source: 'strerror(EADDRNOTAVAIL) glibc "Cannot assign requested address", musl "Address not available" via .NET SocketException (99) (iPromKnight/zilean#15)',
    },
    {
      // Rails 7.1+ turns a libpq host error into this wording, hiding libpq's own text.
      id: 'rails-hostname-error',
      kind: 'wording',
      pattern: /There is an issue connecting with your hostname/,
      weight: 0.7,
      clients: ['rails'],
      source: 'rails/rails activerecord/lib/active_record/errors.rb DatabaseConnectionError.hostname_error (rails/rails#39723)',
    },
    {
      id: 'prisma-P1001',
      kind: 'client-code',
      pattern: /\bP1001\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1001',
    },
    {
      id: 'econnrefused-remote',
      kind: 'errno',
      pattern: new RegExp(String.raw`\bECONNREFUSED\s+(?!${LOCAL}(?![\w.-]))[\w.:\[\]-]{2,}`, 'i'),
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'postgres-js', 'drizzle'],
      source: 'Node.js net: "connect ECONNREFUSED <address>:<port>" (nodejs.org/api/errors.html#common-system-errors); retyped in lower case (csfloat/inspect#118)',
    },
    {
      // A Unix-socket directory (PGHOST=/var/run/postgresql) with no server in it.
      id: 'unix-socket-enoent',
      kind: 'errno',
      pattern: /\bconnect ENOENT \S{0,300}\.s\.PGSQL\.\d{1,5}\b/,
      weight: 0.93,
      clients: ['node-postgres', 'typeorm', 'postgres-js'],
      source: 'Node.js net over a Unix socket: "connect ENOENT <dir>/.s.PGSQL.5432" (reproduced live, test/integration/triage/more-errors.test.ts)',
    },
    {
      id: 'econnrefused-local',
      kind: 'errno',
      pattern: new RegExp(String.raw`\bECONNREFUSED\s+${LOCAL}(?![\w.-])`, 'i'),
      weight: 0.7,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex', 'postgres-js'],
      source: 'node-postgres defaults to localhost:5432 when no config reached it (csfloat/inspect#172)',
      alternatives: UNLOADED_SETTINGS,
    },
    {
      id: 'econnrefused-code',
      kind: 'errno',
      pattern: /\bECONNREFUSED\b(?!\s+[\w[:])/i,
      weight: 0.7,
      clients: ['node-postgres', 'typeorm', 'sequelize', 'knex'],
      source: "Node.js system error code field: code: 'ECONNREFUSED'",
    },
    {
      id: 'dns-errno',
      kind: 'errno',
      // Older Node on Windows and offline machines report a failed lookup as getaddrinfo ENOENT (sequelize/sequelize#7530).
      pattern: /\b(?:ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME)\b|\bgetaddrinfo ENOENT\b/i,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'prisma', 'postgres-js', 'sequelize', 'neon-serverless'],
      source: 'Node.js dns: "getaddrinfo ENOTFOUND <host>" (nodejs.org/api/dns.html#error-codes); "getaddrinfo ENOENT localhost:5432" (sequelize/sequelize#4664)',
    },
    {
      id: 'unreachable-errno',
      kind: 'errno',
      pattern: /\b(?:EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)\b/,
      weight: 0.9,
      clients: ['node-postgres', 'typeorm', 'postgres-js'],
      source: 'Node.js net system errors (nodejs.org/api/errors.html#common-system-errors)',
    },
    sqlstate('57P03', 0.8, 'cannot_connect_now'),
    sqlstate('08001', 0.6, 'sqlclient_unable_to_establish_sqlconnection'),
    {
      id: 'prisma-cant-reach',
      kind: 'wording',
      pattern: /Can't reach database server/i,
      weight: 0.95,
      clients: ['prisma'],
      source: 'Prisma P1001 message',
    },
    {
      id: 'translate-host-name',
      kind: 'wording',
      // Blanks, not spaces: a console hard-wraps at its width without a trailing blank
      // ("could not translate host\nname", TransformerOptimus/SuperAGI#370).
      pattern: /could not translate\s{1,8}host\s{1,8}name/i,
      weight: 0.95,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'ruby-pg', 'sqlalchemy', 'django'],
      source: 'libpq fe-connect.c: could not translate host name "%s" to address: %s',
    },
    {
      id: 'name-resolution',
      kind: 'wording',
      pattern: /Name or service not known|Name does not resolve|nodename nor servname provided|Temporary failure in name resolution|getaddrinfo failed|No such host is known|\bno such host\b|: server misbehaving\b|UnknownHostException|SequelizeHostNotFoundError|non-existing domain|:nxdomain\b/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'asyncpg', 'pgx', 'lib-pq', 'jdbc', 'sequelize', 'python'],
      source: 'getaddrinfo(3) gai_strerror texts; Go net "lookup x: no such host" / "lookup x on r:53: server misbehaving" (pgsty/pg_exporter#2); java.net.UnknownHostException; Erlang inet :nxdomain via Postgrex (elixir-ecto/postgrex#255)',
    },
    {
      // Postgrex before 0.12 (and DBConnection-era drivers copied from it: Mariaex, Tds) put the raw inet reason atom
      // after "tcp connect: " (%Postgrex.Error{message: "tcp connect: #{reason}"}), where later Postgrex prints
      // inet:format_error's words and the atom ("non-existing domain - :nxdomain"). These atoms name a host that did
      // not resolve or could not be reached; "timeout" is the connect timing out (connect_timeout).
      id: 'postgrex-raw-inet-reason',
      kind: 'errno',
      pattern: /\btcp connect: (?:nxdomain|ehostunreach|enetunreach)\b/,
      weight: 0.85,
      clients: ['postgrex'],
      source: 'elixir-ecto/postgrex 0.x lib/postgrex/protocol.ex connect: error(%Postgrex.Error{message: "tcp connect: #{reason}"}, s) (found with find_string; elixir-ecto/postgrex#21 "tcp connect: nxdomain"); erlang inet error atoms (erlang.org/doc/man/inet.html#posix-error-codes)',
    },
    {
      // Go's resolver gave up waiting for the DNS server: net.DNSError "lookup <name>[ on <server>]: i/o timeout".
      id: 'go-lookup-timeout',
      kind: 'wording',
      pattern: /\blookup \S{1,260}(?: on \S{1,60})?: (?:read udp \S{1,120}: )?i\/o timeout/,
      weight: 0.85,
      clients: ['go', 'pgx', 'lib-pq', 'server-log'],
      source: 'Go net DNSError.Error(): "lookup " + name + " on " + server + ": " + err (GoogleCloudPlatform/cloud-sql-proxy#2450)',
      alternatives: [{ family: 'connect_timeout', weight: 0.5 }],
    },
    {
      // psycopg 3 resolves the host itself before libpq connects (psycopg/_conninfo_attempts.py) and, when no host
      // resolves, raises OperationalError(str(last_exc)): CPython's socket.gaierror, whose errno is the negative
      // EAI_* code ("[Errno -2] Name or service not known", musl's "[Errno -3] Try again", "[Errno -5] No address
      // associated with hostname"). Django re-raises it as django.db.utils.OperationalError, SQLAlchemy wraps it.
      id: 'psycopg-host-not-resolved',
      kind: 'errno',
      pattern: /OperationalError(?::|\)) \[Errno -\d{1,2}\] /,
      weight: 0.9,
      clients: ['psycopg3', 'django', 'sqlalchemy'],
      source: 'psycopg/psycopg psycopg/_conninfo_attempts.py conninfo_attempts: raise e.OperationalError(str(last_exc)) (found with find_string); CPython socketmodule.c set_gaierror (linuxserver/docker-netbox#56: "[Errno -3] Try again")',
    },
    {
      id: 'connection-refused',
      kind: 'wording',
      pattern: /Connection refused|actively refused|ConnectionRefusedError|Connect call failed|\[Errno 111\]|os error 111|Connection to \S{1,255} refused|\bConnectionRefused: Unable to connect\b|\bkind: ConnectionRefused\b/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'asyncpg', 'pgx', 'lib-pq', 'jdbc', 'prisma', 'ruby-pg', 'sequelize'],
      source: 'strerror(ECONNREFUSED) via libpq "could not connect to server: Connection refused"; pgjdbc "Connection to host:port refused"; asyncpg "Connect call failed"; Bun fetch "ConnectionRefused: Unable to connect" under @neondatabase/serverless (neondatabase/serverless#167); Rust std::io::Error\'s Debug form "Os { code: 111, kind: ConnectionRefused, ... }" inside tokio-postgres\' Error { kind: Connect } (rust-postgres/rust-postgres#798)',
    },
    {
      // Without a host libpq tries the Unix socket: often no host setting reached it.
      id: 'unix-socket-missing',
      kind: 'wording',
      // Go's dial only on a PostgreSQL socket file (.s.PGSQL.<port>): an app's own socket missing (GitLab
      // Workhorse dialing Puma's gitlab.socket, sameersbn/docker-gitlab#2919) is not a database connect.
      pattern: /on socket "[^"\n]{1,200}" failed: No such file or directory|could not connect to server: No such file or directory|accepting connections on Unix domain socket|dial unix \S{0,200}\.s\.PGSQL\.\d{1,5}: connect: no such file or directory/i,
      weight: 0.75,
      clients: ['libpq', 'psycopg2', 'ruby-pg', 'django', 'lib-pq'],
      source: 'libpq fe-connect.c (PG14+: connection to server on socket "%s" failed; before: could not connect to server: No such file or directory)',
      alternatives: UNLOADED_SETTINGS,
    },
    {
      // The client could not even open a socket of that family: a sandbox (systemd RestrictAddressFamilies=,
      // a container without AF_UNIX or IPv6) forbids it, so no connection is ever attempted. Go's net package
      // wraps the socket(2) failure as "dial unix <path>: socket: <strerror>" (net/sock_posix.go
      // os.NewSyscallError("socket", err)); libpq says "could not create socket: %s" (fe-connect.c).
      // A server's own "could not create IPv6 socket for address ..." at startup is not this (no dial, no client).
      id: 'socket-family-not-supported',
      kind: 'wording',
      pattern: /\bdial (?:unix|tcp[46]?) \S{1,200}: socket: address family not supported by protocol|could not create socket: Address family not supported by protocol/i,
      weight: 0.85,
      clients: ['lib-pq', 'pgx', 'libpq'],
      source: 'Go net/sock_posix.go socket() wrapped as "socket: address family not supported by protocol" (EAFNOSUPPORT), Gitea under systemd with a Unix-socket host (roles-ansible/ansible_role_gitea#188); libpq fe-connect.c "could not create socket: %s"',
    },
    {
      id: 'unreachable',
      kind: 'wording',
      pattern: /No route to host|Network is unreachable|SequelizeHostNotReachableError/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'pgx', 'jdbc', 'sequelize'],
      source: 'strerror(EHOSTUNREACH / ENETUNREACH) via libpq and Go net',
    },
    {
      // musl libc (Alpine images) words ENETUNREACH "Network unreachable" and EHOSTUNREACH "Host is unreachable"
      // (musl src/errno/__strerror.h), after libpq's "port 5432 failed: " or any connect error's colon.
      id: 'unreachable-musl',
      kind: 'wording',
      pattern: /: (?:Network unreachable|Host is unreachable)\b/,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'sqlalchemy'],
      source: 'musl strerror(ENETUNREACH) through libpq in a container (supabase/cli#1910, an IPv6-only host)',
    },
    {
      // Supavisor's network restrictions: the client's address is not in the project's allowed CIDRs.
      id: 'supavisor-allow-list',
      kind: 'wording',
      pattern: /Address not in tenant allow_list/i,
      weight: 0.85,
      clients: ['supavisor'],
      source: 'Supabase Supavisor pooler network restrictions (supabase/supabase#30639 through Prisma; supabase/cli#1966)',
    },
    {
      // Neon's IP allow list and private networking, the same kind of refusal as Supavisor's allow_list above: the
      // proxy answered but will not let this client's address or network through.
      id: 'neon-ip-not-allowed',
      kind: 'wording',
      pattern: /is not allowed to connect to this endpoint|trying to access this endpoint from a blocked network/i,
      weight: 0.85,
      clients: ['neon-proxy'],
      source: 'neondatabase/neon proxy/src/auth/mod.rs AuthError::IpAddressNotAllowed, VpcEndpointIdNotAllowed, NetworkNotAllowed (at 6a35a3e9f149798df1b1761ee64099d8d75fbe90)',
    },
    {
      id: 'server-starting-up',
      kind: 'wording',
      pattern: /the database system is (?:starting up|not yet accepting connections|not accepting connections|in recovery mode)/i,
      weight: 0.8,
      clients: ['any'],
      source: 'PostgreSQL src/backend/tcop/backend_startup.c (57P03 cannot_connect_now)',
    },
    {
      id: 'pgbouncer-cannot-connect',
      kind: 'wording',
      pattern: /pgbouncer cannot connect to server|failed to create a backend \d{1,3} connection/i,
      weight: 0.85,
      clients: ['pgbouncer', 'any'],
      source: 'PgBouncer src/janitor.c "pgbouncer cannot connect to server"; pgpool-II child.c "failed to create a backend %d connection" (bitnami/charts#5428)',
    },
    {
      // PgBouncer's reasons for dropping a server connection it never got: the name did not resolve or the TCP
      // connect failed; behind server_login_retry the same reason comes back to clients as the cached error.
      id: 'pgbouncer-server-unreachable',
      kind: 'wording',
      pattern: /(?:closing because|cached error): (?:server DNS lookup failed|connect failed)\b/i,
      weight: 0.85,
      clients: ['pgbouncer'],
      source: 'PgBouncer disconnect_server reasons "server DNS lookup failed" and "connect failed", logged as "closing because: <reason>" and quoted as "server login has been failing, cached error: <reason> (server_login_retry)" (pgbouncer/pgbouncer#239, edoburu/docker-pgbouncer#17, cloudnative-pg/pgbouncer-containers#56)',
    },
    {
      // PgBouncer's resolver warning for the server's host name (udns, c-ares and evdns back ends alike).
      id: 'pgbouncer-dns-lookup-result',
      kind: 'wording',
      pattern: /\blookup failed: [^\s:]{1,253}: result=-?\d{1,6}\b/,
      weight: 0.8,
      clients: ['pgbouncer'],
      source: 'PgBouncer src/dnslookup.c log_warning("lookup failed: %s: result=%d", ...) (1.21+: "DNS lookup failed: %s: result=%d") (pgbouncer/pgbouncer#1126)',
    },
    {
      // A client waited past client_login_timeout for a pool whose server login never once succeeded.
      id: 'pgbouncer-login-timeout-server-down',
      kind: 'wording',
      pattern: /client_login_timeout \(server down\)/,
      weight: 0.85,
      clients: ['pgbouncer'],
      source: 'PgBouncer src/janitor.c pool_client_maint: disconnect_client(client, true, "client_login_timeout (server down)") while the pool has no welcome message yet (pgbouncer/pgbouncer#454)',
      alternatives: [{ family: 'connect_timeout', weight: 0.6 }],
    },
    {
      id: 'is-server-running',
      kind: 'wording',
      pattern: /Is the server running (?:on|locally)/i,
      weight: 0.6,
      clients: ['libpq', 'psycopg2', 'ruby-pg', 'sqlalchemy', 'django'],
      source: 'libpq fe-connect.c connection-failure hint (follows refused and timed-out alike)',
    },
    {
      id: 'could-not-connect',
      kind: 'wording',
      pattern: /could not connect to (?:server|database)|Unable to connect to server|failed to connect to `host=/i,
      weight: 0.55,
      clients: ['libpq', 'psycopg2', 'pgx'],
      source: 'libpq before PG14 "could not connect to server: <cause>"; pgAdmin "Unable to connect to server"; pgx "failed to connect to `host=..."',
    },
    {
      id: 'r2dbc-cannot-connect',
      kind: 'wording',
      pattern: /PostgresConnectionException: Cannot connect to \S{1,300}|Failed to obtain R2DBC Connection/,
      weight: 0.75,
      clients: ['r2dbc', 'spring'],
      source: 'pgjdbc/r2dbc-postgresql PostgresqlConnectionFactory.cannotConnect "Cannot connect to host:port"; spring-r2dbc ConnectionFactoryUtils "Failed to obtain R2DBC Connection" (jhipster/generator-jhipster#14106)',
    },
    {
      // The Cloud SQL / AlloyDB Auth Proxy's answer to the client it serves; the cause (refused, i/o timeout, no such IP type) follows.
      id: 'cloud-sql-proxy-dial',
      kind: 'wording',
      pattern: /failed to connect to instance: (?:Dial|Config) error|instance does not have IP of type/,
      weight: 0.7,
      clients: ['any'],
      source: 'GoogleCloudPlatform/cloud-sql-go-connector errtype DialError/ConfigError (GoogleCloudPlatform/cloud-sql-proxy#1717, cloud-sql-proxy-operator#385)',
    },
    {
      // Before any dial the Cloud SQL / AlloyDB connectors fetch the instance's IP and certificate from Google's
      // Admin API; a network failure there (a TLS handshake or dial timeout, refused, no DNS) means the proxy
      // cannot reach Google at all. A 403 on the same call is auth_failed/cloud-sql-proxy-not-authorized.
      id: 'cloud-sql-refresh-unreachable',
      kind: 'wording',
      pattern: /Refresh error: failed to get instance metadata[^]{0,400}?(?:net\/http: TLS handshake timeout|Client\.Timeout exceeded|i\/o timeout|connection refused|no such host|connection reset by peer)/,
      weight: 0.7,
      clients: ['any'],
      source: 'GoogleCloudPlatform/cloud-sql-go-connector internal/cloudsql refresh: errtype.NewRefreshError("failed to get instance metadata", ...) around the sqladmin connectSettings call (GoogleCloudPlatform/cloud-sql-proxy#2208: net/http: TLS handshake timeout)',
      alternatives: [{ family: 'connect_timeout', weight: 0.45 }],
    },
    {
      // The endpoint-level wrapper: the inner exception (refused, timed out, DNS) names the cause when it is pasted too.
      id: 'npgsql-failed-to-connect',
      kind: 'wording',
      pattern: /\bFailed to connect to (?:\[[0-9A-Fa-f:.]{2,45}\]|[\w.-]{1,253}):\d{1,5}\b/,
      weight: 0.7,
      clients: ['npgsql'],
      source: 'npgsql src/Npgsql/Internal/NpgsqlConnector.cs Connect(): "Failed to connect to {endpoint}" (npgsql/npgsql#4739, #5183)',
    },
    {
      // Windows socket errors in the OS language, and libpq's connection prefix translated.
      id: 'localized-refused',
      kind: 'wording',
      pattern: /Verbindungsaufbau abgelehnt|Verbindung verweigert|denegó expresamente dicha conexión|积极拒绝|Conexión rehusada|Connexion refusée|В (?:подключении|соединении) отказано|Подключение не установлено/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'lib-pq', 'node-postgres'],
      source: 'localized strerror(ECONNREFUSED) / WSAECONNREFUSED as libpq and Go print them (glibc ru: "В соединении отказано", as in curl and java.net.ConnectException output)',
    },
    {
      id: 'localized-could-not-connect',
      kind: 'wording',
      pattern: /no se pudo conectar con el servidor|fall[óo] la conexi[óo]n al servidor|连接到[^\n]{0,80}上的服务器|konnte nicht mit dem Server verbinden|n'a pas pu se connecter au serveur|无法联接到服务器|не удалось подключиться к серверу|подключиться к серверу [^\n]{0,120}?не удалось|n[ãa]o p[ôo]de conectar ao servidor/i,
      weight: 0.55,
      clients: ['libpq', 'psycopg2'],
      source: 'PostgreSQL src/backend/po and src/interfaces/libpq/po translations (es, de, fr, zh_CN, ja, ru, pt_BR, ko): "could not connect to server" / PG14+ "connection to server at ... failed"',
    },
    {
      // pgjdbc wraps the socket error; an UnknownHost or timeout cause, when shown, decides instead.
      id: 'jdbc-connection-attempt-failed',
      kind: 'wording',
      pattern: /The connection attempt failed|Error connecting to database: (?:TypeError: |Error: )?(?:fetch failed|Failed to fetch|Network connection lost)/i,
      weight: 0.6,
      clients: ['jdbc', 'neon-serverless'],
      source: 'pgjdbc ConnectionFactoryImpl "The connection attempt failed." (08001); @neondatabase/serverless HTTP fetch failure',
    },
    {
      // The same pgjdbc wrapper in the JVM's language (pgjdbc's own translation/*.po), read up to the first accented
      // letter so console mojibake still matches; only after PSQLException, where no other tool's words can sit.
      id: 'jdbc-connection-attempt-failed-localized',
      kind: 'wording',
      pattern: /PSQLException: (?:Опита за връзка бе неуспешен|Pokus o p\S{1,2}ipojen|Der Verbindungsversuch schlug fehl|El intento de conexi\S{1,3}n fall|La tentative de connexion a \S{1,3}chou|Il tentativo di connessione \S{1,2} fallito|接続試行は失敗しました|연결 시도가 실패했습니다|De poging om verbinding the maken faalde|Pr\S{1,2}ba nawi\S{1,2}zania po|A tentativa de conex\S{1,3}o falhou|Не удалось подключиться\.|Poku\S{1,2}aj konektovanja propao|Ba\S{1,2}lant\S{1,2} denemesi ba|尝试连线已失败|嘗試連線已失敗)/,
      weight: 0.6,
      clients: ['jdbc'],
      source: 'pgjdbc pgjdbc/src/main/java/org/postgresql/translation/{bg,cs,de,es,fr,it,ja,ko,nl,pl,pt_BR,ru,sr,tr,zh_CN,zh_TW}.po msgstr of "The connection attempt failed." (apache/flink-cdc#788)',
    },
    {
      // .NET words a SocketException in the OS language; thrown under NpgsqlConnector's connect methods it is the
      // connect itself that failed, whatever the words (the same frames decide Npgsql's connect timeouts).
      id: 'npgsql-socket-exception-on-connect',
      kind: 'wording',
      pattern: /SocketException \([^)\n]{1,12}\): [^\n][^]{0,999}?\bNpgsql\.(?:Internal\.)?NpgsqlConnector[.+]<?(?:ConnectAsync|RawOpen|Connect)\b/,
      weight: 0.65,
      clients: ['npgsql'],
      source: 'npgsql src/Npgsql/Internal/NpgsqlConnector.cs Connect/ConnectAsync opening the socket; .NET SocketException text localised by Windows (npgsql/npgsql#4376, German "Bei einem Socketvorgang war das Netzwerk inaktiv")',
      alternatives: [{ family: 'connect_timeout', weight: 0.4 }],
    },
    {
      // dart:io names a failed connect "Connection failed" whatever the OS said (refused, no such socket file,
      // unreachable); its reads and writes on a live socket say "Read failed" / "Write failed" instead.
      id: 'dart-socket-connection-failed',
      kind: 'wording',
      pattern: /\bConnection failed \(OS Error: [^,\n]{1,80}, errno = \d{1,5}\)/,
      weight: 0.65,
      clients: ['any'],
      source: 'dart-lang/sdk sdk/lib/_internal/vm/bin/socket_patch.dart createError(result, "Connection failed", address, port) under the postgres package (isoos/postgresql-dart#419)',
    },
    {
      id: 'websocket-failed',
      kind: 'wording',
      pattern: /WebSocket connection to '[^'\n]{1,300}' failed|WebSocket was closed before the connection was established|All attempts to open a WebSocket to connect to the database failed/,
      weight: 0.6,
      clients: ['neon-serverless'],
      source: '@neondatabase/serverless Pool/Client over WebSockets (browser and ws messages)',
    },
    {
      // Something answered, but not PostgreSQL: a wrong port (an HTTP or SSH server).
      id: 'not-a-postgres-server',
      kind: 'wording',
      // The GSSAPI twin (libpq 12+, gssencmode=prefer with a Kerberos ticket at hand) answered by a pooler that does not speak it.
      pattern: /received invalid response to (?:SSL|GSSAPI) negotiation|expected authentication request from server, but\b/i,
      weight: 0.7,
      clients: ['libpq', 'psycopg2'],
      source: 'libpq fe-connect.c PQconnectPoll "received invalid response to SSL negotiation: %c" / "... to GSSAPI negotiation: %c" (IIC2413/Syllabus-2023-2#208: port 22; supabase/supabase#29856: the Supabase pooler)',
    },
    {
      id: 'pg-isready-no-response',
      kind: 'wording',
      pattern: /:\d{2,5} - (?:no response|rejecting connections)\b/,
      weight: 0.75,
      clients: ['libpq'],
      source: 'pg_isready output "host:port - no response" / "- rejecting connections"',
    },
    {
      id: 'client-cannot-create-connection',
      kind: 'wording',
      pattern: /Can't create a connection to host/,
      weight: 0.55,
      clients: ['python'],
      source: 'pg8000 InterfaceError "Can\'t create a connection to host"',
    },
    {
      // NestJS wraps every failure of createConnection in it, entity and option errors too
      // (nestjs/typeorm#30, typeorm/typeorm#2304): alone it names no family, so it stays
      // below the naming threshold and the cause line beside it decides.
      id: 'nest-typeorm-unable-to-connect',
      kind: 'wording',
      pattern: /Unable to connect to the database/,
      weight: 0.25,
      clients: ['typeorm'],
      source: 'NestJS TypeOrmModule "Unable to connect to the database. Retrying (n)..." (nestjs/typeorm#30)',
    },
  ],
  nearMisses: [
    {
      id: 'host-is-an-empty-value',
      pattern: /\b(?:ENOTFOUND|EAI_AGAIN)\s+(?:undefined|null|None)\b|could not translate host name "(?:undefined|None|null)"/i,
      reason: 'The host is a JavaScript/Python empty value: the settings never loaded (env_missing).',
    },
    {
      id: 'pooler-tenant-lookup',
      pattern: /\(ENOTFOUND\) tenant\/user/,
      reason: 'Supabase Supavisor reports an unknown tenant or user as (ENOTFOUND): the user name is wrong, not the DNS (auth_failed).',
    },
  ],
  runbook,
};
