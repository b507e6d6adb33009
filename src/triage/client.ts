// Names the client stack a pasted text came from, by the marks each stack
// leaves in its messages and stack traces. The layer that owns the pool comes
// first (SQLAlchemy over psycopg2, TypeORM over pg, Rails over ruby-pg, Spring
// over HikariCP and pgjdbc, MikroORM over Knex), because that is where a
// runbook's client-specific fix applies. The ids are CLIENT_IDS (types.ts),
// documented in docs/clients.md.
import { topLevelAlternatives } from '../text/required-literals.ts';
import { requiredLiterals } from './anchors.ts';
import type { ClientId } from './types.ts';

/**
 * Where a marker with no literal for the prefilter (anchors.ts) is tried: at
 * each occurrence of `literal` whose preceding character passes `before`,
 * the marker anchored `back` characters earlier, where every match starts.
 * An indexOf per occurrence instead of the regex tried at every position.
 */
interface Pin {
  literal: string;
  back: number;
  before: (code: number) => boolean;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isCodeChar = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x5a);

interface Marker {
  client: ClientId;
  pattern: RegExp;
  pin?: Pin;
}

const MARKERS: readonly Marker[] = [
  // Prisma: P-codes, engine and client names (prisma.io/docs/orm/reference/error-reference).
  // P1001/P2024 wordings, the pris.ly links, datamodel and schema-engine errors. The P-code ranges run P1xxx to P6xxx
  // (P6xxx: Accelerate, prisma.io/docs/orm/reference/error-reference#prisma-accelerate). The engine logs a failed
  // connection as "Error in PostgreSQL connection: <tokio-postgres Error>" (prisma/prisma-engines quaint), before tokio-postgres.
  // quaint's ErrorKind::QueryError around the driver's error Debug print ("QueryError(Error { kind: Db", also in the mobc pool's
  // log of Prisma 2, prisma/prisma-client-js#305), before tokio-postgres.
  { client: 'prisma', pattern: /\bPrisma|\bprisma[:.\s/]|Error in PostgreSQL connection: |\bP[1-6]0\d\d\b|migration_engine|sql_migration_connector|Error querying the database: db error|[Cc]an't reach database server at|Timed out fetching a new connection from the connection pool|\bpris\.ly\/|Error in datamodel|Schema engine error|\bConnectorError\(|\bQueryError\((?:Postgres)?Error \{/ },
  // TypeORM's DataSource and @nestjs/typeorm's retry log; n8n, which runs on TypeORM, wraps its DataSource failure as
  // "There was an error initializing DB" (n8n-io/n8n packages/cli, as in n8n-io/n8n#10197).
  // Its CLI's failure lines ("Error during migration generation:", "Error during query execution:", typeorm src/commands/*.ts).
  // Its ConnectionManager.get() throws ConnectionNotFoundError: Connection "<name>" was not found (typeorm src/error/ConnectionNotFoundError.ts).
  // n8n's own package in a stack frame (node_modules/n8n/dist/, its CLI and DataSource; the Postgres workflow node is
  // n8n-nodes-base, not this path): n8n's database runs on TypeORM (sarveshpro/n8n-heroku#20).
  { client: 'typeorm', pattern: /typeorm|node_modules[\\/]n8n[\\/]dist[\\/]|QueryFailedError|DriverPackageNotInstalledError|ConnectionNotFoundError|Error during (?:migration (?:generation|run|revert|creation)|query execution|schema (?:synchronization|drop)):|Error during Data Source initialization|Unable to connect to the database\. Retrying \(|There was an error initializing DB/i },
  // MikroORM wraps Knex (v5) and its own driver exceptions (mikro-orm/mikro-orm core/platforms/ExceptionConverter.ts).
  { client: 'mikro-orm', pattern: /MikroORM|@mikro-orm|PostgreSqlExceptionConverter/ },
  // Sequelize's error classes (sequelize lib/errors) and its CLI banner.
  // Its connection manager's missing-driver error (`Please install ${moduleName} package manually`, older `'pg' module`),
  // and pg-hstore, the package only its postgres dialect requires; its query log line "Executing (default): <sql>"
  // (lib/dialects/abstract/query.js; "Executing: <sql>" before 2.0).
  { client: 'sequelize', pattern: /\bSequelize[A-Z]\w{0,40}Error\b|node_modules[\\/][Ss]equelize[\\/]|\bSequelize (?:CLI )?\[Node:|\bsequelize db:|\binstall '?pg'? (?:package|module) manually|\bpg-hstore\b|(?:^|\n)Executing(?: \([\w-]{1,40}\))?: (?:CREATE|SELECT|INSERT|UPDATE|DELETE|ALTER|DROP|START|COMMIT)\b/ },
  { client: 'kysely', pattern: /\bkysely\b/i },
  // NocoDB's SQL client (packages/nocodb/src/db/sql-client, a Knex client) frames its errors in a box
  // "EXCEPTION OCCURED!! in PGClient @ <method>" (nocodb/nocodb#3529); its source tree names itself.
  // Knex's CLI reads its settings from a knexfile (knex/bin/cli.js --knexfile, default knexfile.js/.ts).
  // Knex's CLI names the knexfile environment it runs ("Using environment: production", knex bin/cli.js; Sequelize CLI
  // quotes it: Using environment "development".).
  { client: 'knex', pattern: /\bKnex(?:TimeoutError)?\b|node_modules[\\/]knex[\\/]|EXCEPTION OCCURED!! in PGClient\b|nocodb[\\/]packages[\\/]nocodb|\bknexfile\b|(?:^|\n)Using environment: [\w-]{1,40}/ },
  // Knex prefixes every query error with the query: `${sql} - ${err.message}` (knex lib/client.js query()); the SQL's case varies, and
  // a JSON-serialised message escapes the quotes.
  { client: 'knex', pattern: /\b(?:select|insert into|update|delete from|create (?:table|database|index|schema)|alter table|drop table)\b[^\n]{1,600}? - (?:relation \\?"|duplicate key value|column \\?"|permission denied|syntax error at|null value in|insert or update on|update or delete on|value too long|invalid input syntax|there is no unique|must be owner)/i },
  // drizzle-orm's own classes in frames when its name is bundled away: NodePgPreparedQuery/NodePgSession (drizzle-orm/node-postgres),
  // PgDialect and the pg-core source tree.
  { client: 'drizzle', pattern: /drizzle|\bNodePg(?:PreparedQuery|Session|Database)\b|\bPgDialect\.|[\\/]pg-core[\\/]dialect\./i },
  // GUI clients name themselves, or show pgAdmin's dialog title; SQLTools' "Error opening connection <driver error>"
  // (an exporter's "Error opening connection to database (...)" is not it: prometheus-community/postgres_exporter#517).
  { client: 'gui', pattern: /\bpgAdmin|\bDbGate\b|dbgate-plugin-postgres|\(postgres-jdbc-[0-9a-f]{8,16}-[0-9a-f]{8,16}\)|\bDBeaver\b|\borg\.jkiss\.dbeaver\b|\bDataGrip\b|\bTablePlus\b|\bPostico\b|\bSQLTools\b|\bNavicat\b|Unable to connect to server:|Error (?:selecting|opening) connection\b(?! to\b)/ },
  { client: 'vercel-postgres', pattern: /VercelPostgresError|@vercel[\\/+]postgres/ },
  // SQLAlchemy wraps a DBAPI error as `(module.Class) message` (sqlalchemy/exc.py StatementError.__str__),
  // and names create_engine() when its keyword arguments do not fit the dialect.
  // Its QueuePool's own timeout (sqlalchemy/pool/impl.py "QueuePool limit of size %d overflow %d reached").
  // Home Assistant's recorder (homeassistant/components/recorder/core.py create_engine) and Airflow (airflow/settings.py)
  // run on SQLAlchemy; their own logger and package paths mark it when SQLAlchemy's name is not in the paste.
  // The wrapper also appears indented, inside a repr (OperationalError('(psycopg2.OperationalError) ...')) or a JSON string.
  // Alembic is SQLAlchemy's migration tool (sqlalchemy/alembic), its logger alembic.runtime.migration and table alembic_version.
  { client: 'sqlalchemy', pattern: /sqlalchemy|sqlalche\.me|\balembic\b|QueuePool limit of size \d{1,6} overflow|(?:^|[\n:'"(])[ \t]{0,8}\((?:psycopg2?|asyncpg|pg8000)\.[\w.]{1,60}\) |sent to create_engine\(\)|homeassistant[.\/]components[.\/]recorder\b|site-packages[\\/]airflow[\\/]/i },
  // Django's technical 500 page: its title "<Exception> at /path/" and its exception_value block (django/views/templates/technical_500.html).
  // Django's CursorWrapper line every database error's traceback passes (django/db/backends/utils.py _execute), and
  // Django-only packages in a traceback's paths: django-environ (module environ), django-allauth, django-braces.
  { client: 'django', pattern: /\bdjango\b|\b(?:OperationalError|ProgrammingError|InterfaceError) at \/|class="exception_value"|return self\.cursor\.execute\(sql, params\)|site-packages[\\/](?:environ|allauth|braces)[\\/]/i },
  // Sequel over the pg gem names itself; a bare PG:: error is most often Rails (the corpus: 30 rails to 2 plain pg).
  // hanami-model 1.x runs on rom-sql, which is Sequel over the pg gem (hanami/model#430).
  // Sequel's adapter source in a backtrace (sequel/adapters/postgres.rb), before the PG:: error it raises.
  { client: 'ruby-pg', pattern: /\bSequel::\w{1,40}Error\b|\bHanami::Model\b|\bsequel[\\/]adapters[\\/]/ },
  // php-activerecord (jpfuentes2/php-activerecord) is a PHP library: its path is not Rails'.
  { client: 'rails', pattern: /ActiveRecord::|(?<!php-)\bactiverecord\b|\bactive_record\b|'postgresql' Active Record adapter|\bbin\/rails\b|\brake aborted!|\brake db:(?:create|migrate|setup|prepare|schema:load)\b|\bPG::[A-Z]|\bConnectionBad: |[\\/]gems[\\/]pg-\d/ },
  // The serverless driver's own wordings (neondatabase/serverless src): HTTP fetch and WebSocket failures, neon() without a URL.
  // Its package path also on Windows (node_modules\@neondatabase\serverless\index.js, vercel/next-learn#385).
  { client: 'neon-serverless', pattern: /@neondatabase[\\/]serverless|NeonDbError|Error connecting to database: (?:fetch failed|Failed to fetch|ConnectionRefused|Error:)|All attempts to open a WebSocket to connect to the database failed|connection string was provided to `neon\(\)`/ },
  // postgres.js's own Deno module (deno.land/x/postgresjs, porsager/postgres README), before deno-postgres's module URL,
  // which is a prefix of it (supabase/edge-runtime#81).
  { client: 'postgres-js', pattern: /deno\.land\/x\/postgresjs\b/ },
  // deno-postgres's own module URL, and tokio-postgres' Error Debug print, before postgres.js: both also name a
  // PostgresError (deno-postgres' class; wait-for-db's wrapper around tokio_postgres::Error, palfrey/wait-for-db#50).
  // Its startup loop's own error for an unexpected message (denodrivers/postgres connection/connection.ts:
  // "Unknown response for startup: ${msg.type}"; lib/pq's is lower-case and says pq:), its authentication switch's
  // "Unknown auth message code ${code}" and its TLS start's "The certificate used to secure the TLS connection is
  // invalid" / "TLS connection failed with message: " (same file; lib/pq says "pq: unknown authentication response").
  // Deno's own print of an uncaught PostgresError ("error: Uncaught (in promise) PostgresError: ..."): deno-postgres, the
  // Deno-native driver, in every such corpus row (3 of 3); postgres.js on Deno is marked by its deno.land/x/postgresjs path above.
  { client: 'deno-postgres', pattern: /deno\.land\/x\/postgres|\bUnknown response for startup: |\bUnknown auth message code \d|The certificate used to secure the TLS connection is invalid|\bTLS connection failed with message: |\bUncaught (?:\(in promise\) )?PostgresError\b/ },
  { client: 'tokio-postgres', pattern: /\bError \{ kind: (?:Db|Closed|Connect|Io|Tls)\b/ },
  // Bun.sql's ERR_POSTGRES_* codes (oven-sh/bun src/sql/postgres) before postgres.js, which shares the PostgresError name.
  { client: 'bun-sql', pattern: /\bERR_POSTGRES_[A-Z_]{3,40}\b|\bbun:sql\b|\bBun\.sql\b/ },
  // postgres.js: PostgresError class and its upper-case connection error codes.
  // Its error objects name the ErrorResponse field S "severity_local" (porsager/postgres src/types.js errorFields),
  // as util.inspect or JSON prints them; pg names the same field "severity".
  { client: 'postgres-js', pattern: /\bseverity_local: '|"severity_local": ?"|\bPostgresError\b|node_modules[\\/]postgres[\\/]|postgres\/cjs\/src\/|\b(?:CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)\b/ },
  // Deno's own socket error classes (Deno.errors.ConnectionRefused ...) as it prints an uncaught one, and deno-postgres's
  // ConnectionParamsError (denodrivers/postgres connection/connection_params.ts). Not the word Deno alone: postgres.js
  // runs on Deno too (denoland/deno#28510).
  { client: 'deno-postgres', pattern: /deno\.land\/x\/postgres|\$deno\$|\bConnectionParamsError\b|\bUncaught (?:\(in promise\) )?(?:ConnectionRefused|ConnectionReset|ConnectionAborted|TimedOut|NotConnected|AddrNotAvailable)\b/i },
  // asyncpg's and asyncio's connect wordings (MagicStack/asyncpg connect_utils.py).
  { client: 'asyncpg', pattern: /asyncpg|Connect call failed \(|rejected SSL upgrade|connection was closed in the middle of operation/ },
  // psycopg 3's own prefixes around libpq's message (psycopg/pq/pq_ctypes.py consume_input, psycopg/generators.py connect),
  // also as Python prints the exception's repr: OperationalError('connection failed: ...') (psycopg/psycopg#1188).
  // Its 3.0 pre-release name and wrapper packages (psycopg3, psycopg3_c, psycopg3_binary: psycopg/psycopg#59).
  // psycopg_pool's PoolTimeout text (psycopg_pool/pool.py "couldn't get a connection after %.2f sec"), pasted without the class.
  { client: 'psycopg3', pattern: /\bpsycopg\.|psycopg_pool|couldn't get a connection after [\d.]{1,12} sec|\bpsycopg3(?:_c|_binary)?\b|\bpsycopg\b(?!2)|\bconsuming input failed: |\bOperationalError(?:: |\(['"])connection failed: / },
  // psycopg2's DSN parse failure (psycopg/psycopgmodule.c parse_dsn: "invalid dsn: %s").
  { client: 'psycopg2', pattern: /psycopg2|\binvalid dsn: / },
  // .NET: Npgsql and EF Core's provider and execution strategy.
  // Npgsql 2.x's pool (NpgsqlConnectorPool.cs) throws a bare System.Exception: "Timeout while getting a connection from pool."
  // PostgresException's InvariantSeverity (npgsql src/Npgsql/PostgresException.cs, also copied into Exception.Data)
  // is printed by apps that log the data items, as the *arr apps do ("Severity: FATAL;InvariantSeverity: FATAL;SqlState: ...").
  // PostgresException's Message is "<SqlState>: <MessageText>" (npgsql src/Npgsql/PostgresException.cs), e.g. "53300: sorry, ...",
  // not after a severity word (Dart's postgres prints "PostgreSQLSeverity.fatal 28P01: ...", golang-migrate "ERROR 42P01: ...").
  // .NET's own socket and stream errors (dotnet/runtime Strings.resx net_io_readfailure, EndOfStreamException,
  // System.Net.Sockets.SocketException) are the layer
  // under Npgsql, the only .NET client listed, as Node's are under node-postgres; so are SslStream's refusal of the server's
  // certificate (dotnet/runtime net_ssl_io_cert_validation "The remote certificate is invalid according to the validation
  // procedure") and the connection-string builders' "Keyword not supported: " (Npgsql's and System.Data.Common's).
  // Capital K: Python's "keyword not supported: <kwarg>" is a function's keyword argument.
  { client: 'npgsql', pattern: /\bNpgsql|Unable to (?:read data from|write data to) the transport connection|\bEndOfStreamException\b|\bSystem\.Net\.Sockets\.SocketException\b|The remote certificate is invalid according to the validation procedure|\bKeyword not supported: |\bInvariantSeverity\b|Timeout while getting a connection from pool\.|EntityFrameworkCore|The connection pool has been exhausted, either raise MaxPoolSize|Exception while (?:reading from stream|connecting)\b/ },
  // PostgresException's "<SqlState>: <MessageText>" holds no literal to anchor it: it is tried at each ': ' five characters after a code's start.
  { client: 'npgsql', pattern: /(?<=^|[\s'"(>])(?<!(?:ERROR|FATAL|PANIC|WARNING|[Ss]everity\.\w{1,10}) )(?:0[8A]|2[2358BDF]|3[D9F]|4[02]|5[3357]|XX)[0-9A-Z]{3}: (?:[a-z]|SSL )/, pin: { literal: ': ', back: 5, before: isCodeChar } },
  // pgconn's connect error quoting the server's answer ("failed to connect to `host=...`: server error (FATAL: ...)", jackc/pgx
  // pgconn/errors.go), before Postgrex: a pooler written in Elixir (Supavisor) may quote a DBConnection error in it (supabase/cli#4419).
  { client: 'pgx', pattern: /failed to connect to `[^`\n]{1,300}`: server error \(/ },
  // Elixir: Postgrex under DBConnection and Ecto.
  // and ecto_sql's `mix ecto.create` failure (lib/mix/tasks/ecto.create.ex "The database for %s couldn't be created"),
  // which quotes psql's words in older Ecto; Ecto 0.x said "The database for repo <Repo> couldn't be created".
  { client: 'postgrex', pattern: /\bPostgrex\b|\bDBConnection\b|\bEcto\b|\bmix ecto\.|The database for (?:repo )?[\w.]{1,100} couldn't be created/ },
  // PHP: PDO's SQLSTATE[...] prefix, Laravel's and Doctrine's namespaces, the pgsql extension.
  // PHP's own startup/runtime prefixes (php-src main.c php_error_cb) and the pgsql extensions' names.
  // PHP names the failing function before its message (php_error_docref: "pg_connect(): Unable to connect ...", "pg_query() expects parameter 1"); a C module's
  // "in pg_connect():" at a line's end is not PHP (libzbxpgsql).
  // Moodle (a PHP application, lib/dml/pgsql_native_moodle_database.php) names itself in its database errors and unit names.
  { client: 'php', pattern: /\bPHP (?:Warning|Fatal error|Startup):|\bmoodle\b|\bpdo_pgsql\b|\bSQLSTATE\[[0-9A-Z]{5}\]|\bPDOException\b|Illuminate\\|\bIlluminate\/(?:Database|Foundation)\/|Doctrine\\DBAL|\bpg_(?:connect|pconnect|query|exec|query_params)\(\)(?:: \S| expects )|An exception occurred in (?:the )?driver:|\bSQLSTATE\\\[[0-9A-Z]{5}\\\]|(?:^|\n)could not find driver$|: 7 (?:ERROR|FATAL): / },
  { client: 'r2dbc', pattern: /\bio\.r2dbc\b|\bR2DBC\b|\br2dbc:postgresql:/ },
  // Spring Boot's failure analysis banner for a DataSource it could not configure (LoggingFailureAnalysisReporter).
  { client: 'spring', pattern: /org\.springframework|\bspring\.datasource\b|Failed to configure a DataSource: / },
  // HikariCP's PoolInitializationException: "Failed to initialize pool: " + the driver's message (HikariPool.checkFailFast).
  { client: 'jdbc', pattern: /org\.postgresql|PSQLException|HikariPool|com\.zaxxer|com\.mchange|java\.(?:net|sql)\.|javax\.(?:persistence|net)\.|org\.hibernate|sun\.security\.|\bliquibase\b|\bflyway\b|\borg\.flywaydb\b|\bjdbc:postgresql:|Connection is not available, request timed out|SQL State\s{0,4}:\s{0,4}[0-9A-Z]{5}\b|Check that the hostname and port are correct and that the postmaster is accepting TCP\/IP connections|\bConnection to [\w.-]{1,253}:\d{1,5} refused\.|The authentication type \d{1,2} is not supported|Connections could not be acquired from the underlying database|[Nn]o suitable driver found for (?:jdbc:|postgres)|Unable to find a JDBC driver corresponding to the database kind|\bio\.agroal\.|\[io\.agroal\.pool\]|Failed to obtain JDBC connection\b|\bio\.debezium\.|\bFailed to initialize pool: / },
  // Error::PoolTimedOut prints "pool timed out while waiting for an open connection" (sqlx-core error.rs; 0.3: without "pool").
  // sqlx::Error::Io's Debug print (sqlx-core error.rs Io(#[from] std::io::Error)): "Io(Os { code: 104, kind: ConnectionReset, ...".
  // Its driver crates since 0.7 (sqlx-postgres, sqlx-core) name log targets and paths with an underscore
  // (sqlx_postgres::options::pgpass), where \bsqlx\b does not end.
  { client: 'sqlx', pattern: /\bsqlx\b|\bsqlx[-_](?:postgres|core)\b|\bIo\(Os \{ code: \d{1,5}, kind: |\bSQLx\b|SqlxError|error communicating with database|error returned from database|\bPoolTimedOut\b|timed out while waiting for an open connection/ },
  // r2d2 is the pool Diesel re-exports (diesel::r2d2) and logs under its own target ("ERROR r2d2").
  // Vaultwarden (DbConnType over diesel::r2d2, its Error::DieselCon) and Lemmy (crates/db_schema, diesel-async) run on Diesel.
  // and diesel_codegen's infer_schema! macro failing at compile time.
  // Its CLI's crate name in a panic's source path (".../diesel_cli-0.5.3/src/main.rs"), where \bdiesel\b does not match.
  { client: 'diesel', pattern: /\bdiesel\b|\bdiesel_cli\b|\binfer_schema!|\bBadConnection\(|\br2d2\b|\bDieselCon\b|\bvaultwarden::util\]|crates\/db_schema\/src\/utils\.rs/ },
  // tokio-postgres: its Error's Debug print (kind/cause) and its SqlState(E...) codes.
  // deadpool-postgres pools tokio-postgres connections and logs under "deadpool.postgres".
  // Its Display of Kind::Tls ("error performing TLS handshake", tokio-postgres src/error/mod.rs), and bb8's pool timeout
  // ("Timed out in bb8", djc/bb8 RunError::TimedOut): bb8-postgres pools tokio-postgres connections.
  { client: 'tokio-postgres', pattern: /tokio[-_]postgres|\bdeadpool[._]postgres\b|\berror performing TLS handshake\b|\bTimed out in bb8\b|\bDbError \{|\bkind: (?:Db|Closed|Connect|Io|Tls)\b|SqlState\(E[0-9A-Z]{5}\)|\bdb error: FATAL:/ },
  // Proxies' and poolers' own log lines, before the Go drivers whose net errors they quote: the Cloud SQL and
  // AlloyDB Auth Proxies, Supavisor's handlers (supabase/supavisor lib/supavisor/client_handler.ex, db_handler.ex).
  // Pgpool-II's default log_line_prefix, '%t: pid %p: ' and since 4.2 '%m: %a pid %p: ' (pgpool.conf.sample;
  // "2019-08-26 02:52:29: pid 123: LOG:", "2023-12-01 11:43:25.838: psql pid 174: WARNING:"), before node-postgres'
  // getaddrinfo it quotes.
  { client: 'server-log', pattern: /\d\d:\d\d:\d\d(?:\.\d{1,3})?: (?:[\w.-]{1,40} )?pid \d{1,9}: (?:LOG|WARNING|ERROR|FATAL|DETAIL|HINT|DEBUG|CONTEXT|NOTICE):  \S|couldn't connect to "[^"\n]{1,200}": |failed to connect to instance: |proxy server error: |The proxy has encountered a terminal error: |[Rr]efresh error: failed to get instance metadata|\b(?:ClientHandler|DbHandler): |lib\/supavisor\// },
  // PgBouncer's log (src/server.c, src/client.c: "closing because: %s (age=...)", "login attempt: db=%s user=%s tls=%s",
  // and the "C-0x...: db/user@addr:port" socket prefix of src/objects.c).
  // and its refusal past max_client_conn ("no more connections allowed (max_client_conn)", src/client.c).
  // and its answer while server_login_retry holds back a failed server login (src/client.c "server login has been failing, ...").
  { client: 'pgbouncer', pattern: /no more connections allowed \(max_client_conn\)|server login has been failing\b|closing because: [^\n]{1,120}\(age=\d|\blogin attempt: db=\S{1,64} user=\S{1,64} tls=|\b[CS]-0x[0-9a-f]{4,16}: [^\s\/]{1,64}\/[^\s@]{1,64}@/ },
  // pgconn's connectError wraps the dial failure as "dial error (...)" (jackc/pgx pgconn/errors.go), before lib/pq's bare dial tcp.
  // pgconn also wraps a failed socket write on an open connection as pgconnError{msg: "write failed"} ("write failed: write tcp ...").
  // GORM v2's postgres driver (go-gorm/postgres) runs on pgx. Its wordings also when a tool wraps the line between words
  // (wrangler's API error box, cloudflare/workers-sdk#4106).
  { client: 'pgx', pattern: /\bpgx\b|\bgorm\.Open\b|\bgorm\.io\/|pgconn|pgxpool|jackc\/pgx|\(SQLSTATE [0-9A-Z]{5}\)|failed to connect to\s{1,8}`(?:host|user)=|\bdial error \(|\bdial error: dial |failed to write startup message\s{1,8}\(|\bwrite failed: write tcp / },
  // lib/pq, and Go's net errors (dial tcp/unix, Windows connectex) under database/sql, whose usual driver it is.
  // golang-migrate's postgres driver (its ErrDirty: "Dirty database version %v. Fix and force version.") runs on lib/pq.
  // Go's net.OpError on an open connection prints "write tcp <local>-><remote>: write: <errno>" (net/net.go OpError.Error).
  // database/sql's driver.ErrBadConn ("driver: bad connection"), which lib/pq returns for a connection it cannot reuse.
  { client: 'lib-pq', pattern: /\bpq: |\bdriver: bad connection\b|lib\/pq|\bdial (?:tcp|unix)\b|\b(?:read|write) tcp [\d.:\[\]a-fA-F]{3,60}->[\d.:\[\]a-fA-F]{3,60}: (?:read|write): |\bconnectex: |Dirty database version \d{1,20}\. Fix and force version|unknown driver "?postgres"? \(forgotten import\?\)|only "require" \(default\), "verify-full"/ },
  // node-postgres's own wordings (packages/pg/lib/client.js, pg-pool, sasl.js), its lower-case `error: <server message>`
  // (DatabaseError's name), and Node's socket errors, the layer under every Node client listed above.
  // pg-connection-string (brianc/node-postgres packages/pg-connection-string), and DatabaseError's own name and length
  // fields (pg-protocol src/messages.ts) as util.inspect or JSON prints them, whatever the order and line breaks.
  // pg-cloudflare's socket class (brianc/node-postgres packages/pg-cloudflare, CloudflareSocket), pg's socket on Workers.
  { client: 'node-postgres', pattern: /node_modules[\\/]pg(?:-pool|-protocol|-connection-string)?[\\/]|\bname: 'error',\s{1,40}length: \d|\blength: \d{1,6},\s{1,40}name: 'error'|"name": ?"error",\s{1,40}"length": ?\d|\bpg-pool\b|\bpg-protocol\b|TCPConnectWrap|\b(?:connect|read|write) (?:ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|getaddrinfo(?! failed)|\binternalConnectMultiple\b|\bAggregateError \[E(?:CONNREFUSED|TIMEDOUT|HOSTUNREACH|NETUNREACH)\]|\bsyscall: '(?:connect|read|write)'|SASL: SCRAM-SERVER-(?:FIRST|FINAL)-MESSAGE|Connection terminated (?:unexpectedly|due to connection timeout)|timeout exceeded when trying to connect|is not queryable|TLSSocket\.onConnectSecure|Cannot find module 'pg'|\bpg-native\b|"name": ?"error", ?"severity": ?"|Could not find `pg`|The server does not support SSL connections|Stream unexpectedly ended during query execution|\bCloudflareSocket\b|\bconnect econnrefused\b|"syscall": ?"(?:connect|read|write)"|\berror: (?:password authentication failed|relation "|database "|role "|no pg_hba|connection is insecure|sorry, too many|remaining connection slots|permission denied|self[- ]signed certificate)/ },
  // Its name where PgBouncer itself is speaking or running: its own "pgbouncer cannot connect to server", its config file, its
  // syslog tag, an image or path segment (bitnami/pgbouncer). Not the name in a sentence ("when using pgbouncer ..."): there the
  // text is the client's error and the writer only says PgBouncer is in front (6 rows named wrong by the bare name, 1 right),
  // nor a connection parameter (Prisma's ?pgbouncer=true, a parser quoting it back: diesel-rs/diesel#3647).
  { client: 'pgbouncer', pattern: /\bpgbouncer cannot connect to server|\bpgbouncer\.ini\b|\bpgbouncer\[\d{1,9}\]|[\w.-]\/pgbouncer\b(?!\s{0,2}=)/i },
  // psql also prefixes a script's errors with file:line (psql:schema.sql:72: ERROR: ...).
  // and psql's own prompt "dbname=# " / "dbname=> " at the start of a pasted line.
  // psql's reconnect after a lost connection (src/bin/psql/common.c "The connection to the server was lost. Attempting reset: "),
  // and pg_dump/pg_restore naming the libpq call that failed ("error returned by PQputCopyData: ...").
  // pg_dumpall's own prefix (src/bin/pg_dump/pg_dumpall.c logs as "pg_dumpall: error: ...").
  { client: 'libpq', pattern: /\b(?:psql|pg_dump|pg_dumpall|pg_restore|pg_isready|createdb): |\bpsql:(?=[A-Za-z])|\bpsql:[^\s:]{1,200}:\d{1,6}: |PQconsumeInput|The connection to the server was lost\. Attempting reset: |\berror returned by PQ[a-zA-Z]{3,30}: |fe_sendauth|(?:^|\n)[\w-]{1,63}=[#>] /m },
  // A server log line: `2024-01-01 10:00:00.000 UTC [123] FATAL:`, and Supavisor's `region=x [error]`.
  // and Amazon RDS's default log_line_prefix '%t:%r:%u@%d:[%p]:' ("host:user@db:[123]:FATAL:").
  // and NixOS's module default log_line_prefix '[%p] ' under journald ("postgres[272]: [272] ERROR:", nixos/modules/services/databases/postgresql.nix).
  // Lines only the server's log has: LOG lines, the STATEMENT line log_min_error_statement adds, the "at character N" the
  // server log appends for a cursor position (src/backend/utils/error/elog.c), jsonlog's and CloudNativePG's error_severity
  // key (src/backend/utils/error/jsonlog.c), Heroku Postgres' "sql_error_code = 28P01" lines, a '%t ' prefix without a pid,
  // and pgBadger's documented prefix 'user=%u,db=%d,app=%a,client=%h '.
  // The timestamp before a pid holds no literal to anchor it: it is tried at each ':' two characters after a match's start.
  { client: 'server-log', pattern: /\d\d:\d\d:\d\d(?:\.\d{1,6})? (?:[A-Z]{2,5}|[+-]\d\d(?::?\d\d)?) \[\d{1,9}(?:-\d{1,9})?\]/, pin: { literal: ':', back: 2, before: isDigit } },
  { client: 'server-log', pattern: /(?:^|\n)[ \t]{0,8}LOG:  \S|\bSTATEMENT:  \S|\S at character \d{1,6}\b|"error_severity": ?"|\bsql_error_code = [0-9A-Z]{5}\b|\d\d:\d\d:\d\d(?:\.\d{1,6})? [A-Z]{2,5} (?:LOG|ERROR|FATAL|STATEMENT|DETAIL|HINT|WARNING):  \S|\buser=[^,\s]{0,64},db=[^,\s]{0,64},app=[^,\n]{0,64},client=\S{0,64} (?:LOG|ERROR|FATAL|DETAIL|WARNING|STATEMENT): |\bpostgres(?:ql)?\[\d{1,9}\]: \[\d{1,9}\] (?:LOG|ERROR|FATAL|DETAIL|WARNING|STATEMENT|HINT): |\bregion=\w{1,30} \[(?:error|warning|info|notice)\]|@[\w.$-]{0,63}:\[\d{1,9}\]:(?:LOG|FATAL|ERROR|DETAIL|WARNING|STATEMENT): |\d\d:\d\d:\d\d(?:\.\d{1,6})? [A-Z]{2,5},"[^"\n]{0,63}","[^"\n]{0,63}",(?:p?\d{1,9})?,/ },
];

/**
 * The markers as tried: each alternative of a marker on its own with its own
 * anchors, so the prefilter lets through only the alternatives whose anchors
 * occur (a marker's alternatives are adjacent and name one client: the same
 * answer as the whole marker). A pinned marker stays whole and sticky.
 */
const MARKS: readonly Marker[] = MARKERS.flatMap(({ client, pattern, pin }) =>
  pin === undefined ? topLevelAlternatives(pattern).map((alternative) => ({ client, pattern: alternative })) : [{ client, pattern: new RegExp(pattern.source, `${pattern.flags}y`), pin }],
);

/**
 * Each mark's anchor literals (anchors.ts), in order: the classifier's literal
 * prefilter reads them in the same pass as the families' anchors, and a mark
 * none of whose anchors occurs is not tried (null: a pinned mark, always
 * tried at its pin; every other alternative has anchors, client.test.ts).
 */
export const CLIENT_MARKER_ANCHORS: readonly (readonly string[] | null)[] = MARKS.map(({ pattern, pin }) => (pin === undefined ? requiredLiterals(pattern) : null));

/**
 * The first client whose marker matches. `mayMatch` (from the prefilter, one
 * entry per mark as in CLIENT_MARKER_ANCHORS) skips the marks that cannot
 * match; without it every mark is tried. Either way the same answer.
 */
export function detectClient(text: string, mayMatch?: Uint8Array): ClientId | null {
  for (let index = 0; index < MARKS.length; index++) {
    if (mayMatch !== undefined && mayMatch[index] === 0) continue;
    const { client, pattern, pin } = MARKS[index]!;
    if (pin === undefined ? pattern.test(text) : pinnedMatch(text, pattern, pin)) return client;
  }
  return null;
}

function pinnedMatch(text: string, sticky: RegExp, { literal, back, before }: Pin): boolean {
  for (let at = text.indexOf(literal, back); at !== -1; at = text.indexOf(literal, at + 1)) {
    if (!before(text.charCodeAt(at - 1))) continue;
    sticky.lastIndex = at - back;
    if (sticky.test(text)) return true;
  }
  return false;
}
