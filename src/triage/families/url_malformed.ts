// The connection string itself is broken: bad scheme, bad port, an unescaped
// character in the password, an option the driver does not know.
import { runbook } from '../runbooks/url_malformed.ts';
import type { FamilyModule } from '../family.ts';

export const family: FamilyModule = {
  meta: {
    id: 'url_malformed',
    title: 'Malformed connection string',
    summary: 'The client could not parse the connection string or one of its options.',
  },
  patterns: [
    {
      // xorm's own key=value parser (Grafana, Gitea) rejects a DSN token without "=".
      id: 'xorm-pq-invalid-option',
      kind: 'wording',
      pattern: /\bpq: invalid option: "/,
      weight: 0.85,
      clients: ['lib-pq'],
      source: 'go-xorm/xorm dialect_postgres.go parseOpts: errorf("invalid option: %q") with the "pq: " prefix (grafana/grafana#10374)',
    },
    {
      // Hasura's startup log when HASURA_GRAPHQL_DATABASE_URL does not parse as a URI (its value is then not echoed).
      id: 'hasura-database-url-parse',
      kind: 'wording',
      pattern: /parsing database url failed/i,
      weight: 0.9,
      clients: ['any'],
      source: 'hasura/graphql-engine server startup log mkDBUriLog: {"kind":"postgres_connection","info":{"error":"parsing database url failed"}} when URI.parseURI fails (hasura/graphql-engine-heroku#87)',
    },
    {
      // Ecto's repo supervisor parses the :url setting itself and raises this for any URL it cannot use
      // ("path should be a database name", "host is not present", an unknown scheme).
      id: 'ecto-invalid-url',
      kind: 'client-code',
      pattern: /\bEcto\.InvalidURLError\b/,
      weight: 0.9,
      clients: ['postgrex'],
      source: 'elixir-ecto/ecto lib/ecto/exceptions.ex Ecto.InvalidURLError ("invalid url <url>, <message>"), raised by lib/ecto/repo/supervisor.ex parse_url (superfly/flyctl#1612)',
    },
    {
      // An empty or non-numeric port reaches the socket layer: the connection settings are malformed (often empty).
      id: 'socket-bad-port',
      kind: 'wording',
      pattern: /Expected "port" to be a number between 0 and 65535|Port should be >= 0 and < 65536/,
      weight: 0.75,
      clients: ['node', 'bun-sql'],
      source: 'Node.js ERR_SOCKET_BAD_PORT "Port should be >= 0 and < 65536" (nodejs.org/api/errors.html#err_socket_bad_port); Bun\'s node:net wording (oven-sh/bun#2981)',
      alternatives: [{ family: 'env_missing', weight: 0.5 }],
    },
    {
      // Go net.SplitHostPort: the host string lacks its port.
      id: 'go-missing-port',
      kind: 'wording',
      pattern: /dial tcp: address [^\s:]{1,253}: missing port in address/,
      weight: 0.7,
      clients: ['go'],
      source: 'Go net.SplitHostPort AddrError "missing port in address" (GoogleCloudPlatform/cloud-sql-proxy#670)',
    },
    {
      // Go's port lookup: the text after the last ":" of the host was not a number (a password with "/" or "@"
      // split the URL there), so the dial never started.
      id: 'go-unknown-port',
      kind: 'wording',
      pattern: /\bdial tcp: address tcp\/[^\s:]{1,64}: unknown port\b/,
      weight: 0.8,
      clients: ['lib-pq', 'go'],
      source: 'golang/go src/net/ipsock.go and lookup.go: AddrError{Err: "unknown port", Addr: network+"/"+service} for a non-numeric port (grafana/grafana#10364, #10562)',
    },
    {
      // A run-time setting passed in the connection string's options (a URL parameter the driver forwards as a
      // startup parameter, such as ssl=true to pgx) that the server only takes from its configuration file: the server
      // refuses it at startup, hence FATAL (a SET in a session gets ERROR).
      id: 'startup-parameter-cannot-be-changed',
      kind: 'wording',
      pattern: /FATAL:?\s{1,4}parameter "[^"\n]{1,64}" cannot be changed (?:now|without restarting the server)/,
      weight: 0.85,
      clients: ['any'],
      source: 'PostgreSQL src/backend/utils/misc/guc.c set_config_option: 55P02 "parameter "%s" cannot be changed now" (PGC_SIGHUP) and "... without restarting the server" (PGC_POSTMASTER) for a startup-packet option (ory/hydra#1942)',
      alternatives: [{ family: 'cannot_connect', weight: 0.3 }],
    },
    {
      id: 'prisma-P1013',
      kind: 'client-code',
      pattern: /\bP1013\b/,
      weight: 1,
      clients: ['prisma'],
      source: 'prisma.io/docs/orm/reference/error-reference#p1013',
    },
    {
      id: 'node-invalid-url',
      kind: 'errno',
      pattern: /\b(?:ERR_)?INVALID_URL\b/,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'postgres-js', 'drizzle'],
      source: 'Node.js WHATWG URL parser (typeorm/typeorm#10293) (also shortened to INVALID_URL by users, modelcontextprotocol/servers#1929)',
    },
    {
      id: 'invalid-url',
      kind: 'wording',
      pattern: /\bInvalid URL\b|URIError: URI (?:malformed|error)\b|The provided database string is invalid/,
      weight: 0.9,
      clients: ['node-postgres', 'postgres-js', 'prisma'],
      source: 'new URL() TypeError "Invalid URL" (nickscamara/open-deep-research#38); decodeURIComponent URIError in pg-connection-string and postgres.js parseUrl ("URI error" under Bun, porsager/postgres#735); Prisma P1013',
      // A .env placeholder that was never replaced parses as an invalid URL too.
      alternatives: [{ family: 'env_missing', weight: 0.4 }],
    },
    {
      // pg-connection-string reads URL.searchParams of a parse that an unencoded "?" or "#" in the password cut short.
      id: 'pg-connection-string-search-params',
      kind: 'wording',
      pattern: /Cannot read propert(?:y|ies) of undefined \(reading 'searchParams'\)/,
      weight: 0.7,
      clients: ['node-postgres'],
      source: 'brianc/node-postgres packages/pg-connection-string/index.js parse() (brianc/node-postgres#3557)',
    },
    {
      // .NET's connection-string builders refuse a keyword they do not know before any connect: Npgsql's
      // NpgsqlConnectionStringBuilder and System.Data.Common's DbConnectionOptions throw ArgumentException
      // "Keyword not supported: <keyword>" (quoted and with a full stop in System.Data.Common), which .NET Framework
      // prints with "Parameter name: keyword" and .NET Core with "(Parameter 'keyword')". Capital K only: a Python
      // wrapper's "TypeError: keyword not supported: prepare" is a function's keyword argument, not the string.
      id: 'dotnet-keyword-not-supported',
      kind: 'wording',
      pattern: /\bKeyword not supported: ['"]?[\w .;\\-]{1,80}/,
      weight: 0.85,
      clients: ['npgsql'],
      source: 'npgsql NpgsqlConnectionStringBuilder indexer: ArgumentException("Keyword not supported: " + keyword, nameof(keyword)); System.Data.Common DbConnectionOptions "Keyword not supported: \'{0}\'." (fknx/linqpad-postgresql-driver#31: "Keyword not supported: ssl / Parameter name: keyword")',
    },
    {
      // GUI clients and drivers that validate the string before connecting (t8y2/dbx#470).
      id: 'invalid-connection-string',
      kind: 'wording',
      pattern: /\binvalid (?:PostgreSQL |Postgres |database )?connection (?:string|URL|URI)\b/i,
      weight: 0.9,
      clients: ['any'],
      source: 'dbx "Invalid PostgreSQL connection URL: invalid connection string" (t8y2/dbx#470); Npgsql/pgx "invalid connection string"',
    },
    {
      // @vercel/postgres refuses a direct (non-pooled) string for its pool: the wrong one of the two strings was set.
      id: 'vercel-postgres-invalid-connection-string',
      kind: 'client-code',
      pattern: /\binvalid_connection_string\b|This connection string is meant to be used with a direct connection/,
      weight: 0.9,
      clients: ['vercel-postgres'],
      source: "vercel/storage packages/postgres/src/create-pool.ts VercelPostgresError 'invalid_connection_string' (vercel/next-learn#344, vercel/storage#614)",
    },
    {
      id: 'libpq-conninfo',
      kind: 'wording',
      pattern: /invalid connection option|invalid dsn|missing "=" after|invalid port number|invalid URI query parameter|invalid percent-encoded token|invalid sslmode value|unterminated quoted string in connection info string|invalid integer value "[^"\n]{0,100}" for connection option/i,
      weight: 0.95,
      clients: ['libpq', 'psycopg2', 'psycopg3', 'sqlalchemy', 'django', 'ruby-pg'],
      source: 'libpq fe-connect.c conninfo_parse / conninfo_uri_parse_options (dalibo/temboard#1019)',
    },
    {
      // libpq 17's connectOptions2 refuses option combinations before any connect: direct TLS negotiation with a
      // sslmode that allows plaintext, sslrootcert=system without verify-full, or a value an option does not take.
      // pgjdbc and lib/pq copy the wording.
      id: 'libpq-conflicting-options',
      kind: 'wording',
      pattern: /\bweak sslmode "[^"\n]{0,20}" may not be used with (?:sslnegotiation=direct|sslrootcert=system)|\binvalid (?:sslnegotiation|sslnegotation|gssencmode|channel_binding|target_session_attrs|load_balance_hosts|ssl_m(?:in|ax)_protocol_version) value\b/i,
      weight: 0.9,
      clients: ['libpq', 'gui', 'jdbc', 'lib-pq'],
      source: 'postgres/postgres src/interfaces/libpq/fe-connect.c connectOptions2: weak sslmode "%s" may not be used with sslnegotiation=direct (use ...), invalid %s value: "%s"; pgjdbc SslNegotiation.of; lib/pq conn config check (TablePlus/TablePlus#3842)',
    },
    {
      id: 'sqlalchemy-url',
      kind: 'wording',
      pattern: /Can't load plugin: sqlalchemy\.dialects:|Could not parse (?:rfc1738|SQLAlchemy) URL from string/,
      weight: 0.9,
      clients: ['sqlalchemy'],
      source: 'sqlalchemy NoSuchModuleError for a misspelt or postgres:// scheme (miguelgrinberg/Flask-Migrate#197); ArgumentError from make_url',
    },
    {
      id: 'prisma-url-protocol',
      kind: 'wording',
      pattern: /the URL (?:for datasource `[^`\n]{1,64}` )?must start with the protocol/i,
      weight: 0.9,
      clients: ['prisma'],
      source: 'Prisma P1012 datasource validation',
      alternatives: [{ family: 'env_missing', weight: 0.5 }],
    },
    {
      // class-validator's @IsUrl() on the settings object: "<property> must be a URL address".
      id: 'validated-url-setting',
      kind: 'wording',
      pattern: /URL must be a URL address/,
      weight: 0.75,
      clients: ['typeorm', 'node'],
      source: 'class-validator IsUrl default message "$property must be a URL address" on a database URL setting (twentyhq/twenty#11104)',
    },
    {
      id: 'go-url-parse',
      kind: 'wording',
      pattern: /failed to parse as (?:URL|DSN)|cannot parse `|unsupported sslmode "|net\/url: invalid userinfo|invalid port "[^"\n]{0,40}"(?:\(MISSING\))? after host|invalid character "[^"\n]{1,8}" in host name/,
      weight: 0.9,
      clients: ['pgx', 'lib-pq', 'go'],
      source: 'jackc/pgx pgconn config.go ParseConfig; lib/pq conn.go sslmode check (lib/pq#1006); Go net/url errors, also as mangled by a printf of a %-escaped password: invalid port ":abc%!"(MISSING) after host (grafana/xk6-sql#21)',
    },
    {
      id: 'jdbc-url-not-accepted',
      kind: 'wording',
      pattern: /claims to not accept jdbcUrl|Invalid JDBC URL/i,
      weight: 0.9,
      clients: ['jdbc'],
      source: 'HikariCP DriverDataSource "Driver org.postgresql.Driver claims to not accept jdbcUrl, postgres://..."',
    },
    {
      // pgjdbc's Driver.parseURL logs why it turned a URL down before DriverManager says "No suitable driver".
      id: 'pgjdbc-url-rejected',
      kind: 'wording',
      pattern: /JDBC URL (?:must contain a \/ at the end of the host or port|contains too many \/ characters)/,
      weight: 0.9,
      clients: ['jdbc'],
      source: 'pgjdbc org/postgresql/Driver.java parseURL LOGGER warnings (pgjdbc/pgjdbc#2421)',
    },
    {
      // java.sql.DriverManager found no driver that accepts the URL: pgjdbc only takes "jdbc:postgresql:", so a
      // libpq-style postgres:// URL, jdbc:postgres: or jdbc://postgresql is the URL's fault, not a missing jar.
      id: 'jdbc-postgres-url-not-accepted',
      kind: 'wording',
      pattern: /No suitable driver found for (?:jdbc:\/\/postgres|jdbc:postgres:|postgres(?:ql)?:\/\/)/i,
      weight: 0.85,
      clients: ['jdbc', 'spring'],
      source: 'OpenJDK java.sql.DriverManager.getConnection "No suitable driver found for " + url; pgjdbc Driver.parseURL requires the "jdbc:postgresql:" prefix (diirt/diirt#89)',
      alternatives: [{ family: 'driver_missing', weight: 0.4 }],
    },
    {
      // Liquibase asks the JDBC driver for a connection and gets null: the driver does not accept the URL
      // (pgjdbc returns null for anything not starting with "jdbc:postgresql:", so a quoted URL, a libpq
      // postgres:// URL or a typo lands here). A refused or failed connect carries the driver's own message instead.
      id: 'liquibase-driver-returned-null',
      kind: 'wording',
      pattern: /with driver [\w.$]{1,120}\.\s{1,3}Possibly the wrong driver for the given database URL/,
      weight: 0.8,
      clients: ['jdbc'],
      source: 'liquibase/liquibase liquibase-core liquibase/database/jvm/JdbcConnection.java open(): "Connection could not be created to " + url + " with driver " + driver + ".  Possibly the wrong driver for the given database URL" when Driver.connect returns null (liquibase/docker#129)',
      alternatives: [{ family: 'driver_missing', weight: 0.4 }],
    },
    {
      // Flyway picks its database type from the JDBC URL; a libpq-style URL (postgresql://...) without the jdbc:
      // prefix is claimed by none (DatabaseTypeRegister "No database found to handle " + url). With jdbc:postgresql:
      // the URL is fine and the PostgreSQL module is missing (driver_missing/flyway-database-module-missing).
      id: 'flyway-url-without-jdbc',
      kind: 'wording',
      pattern: /No database found to handle (?!jdbc:)(?:postgres(?:ql)?:\/\/|[\w.+-]{1,40}:)/,
      weight: 0.85,
      clients: ['jdbc'],
      source: 'flyway/flyway DatabaseTypeRegister.getDatabaseTypeForUrl: "No database found to handle " + url, the URL given as postgresql://user:pass@host/db (open-metadata/OpenMetadata#20037)',
      alternatives: [{ family: 'driver_missing', weight: 0.4 }],
    },
    {
      // Exposed (Kotlin) takes the dialect from the JDBC URL's subprotocol (jdbc:<name>:) and knows only the names it
      // registered ("postgresql", and "pgsql" for pgjdbc-ng in later releases): another name is the URL's fault, or
      // the dialect's module is missing.
      id: 'exposed-no-dialect-for-url',
      kind: 'wording',
      pattern: /No dialect registered for [\w-]{1,40}\. URL=jdbc:/,
      weight: 0.75,
      clients: ['jdbc'],
      source: 'JetBrains/Exposed exposed-core Database.kt: error("No dialect registered for $name. URL=$url") (JetBrains/Exposed#916)',
      alternatives: [{ family: 'driver_missing', weight: 0.4 }],
    },
    {
      // ActiveRecord 3-4 derives the adapter file from the adapter name (or a URL's scheme): "pg" or "postgres" is
      // not an adapter it has, so it asks for a gem that does not exist; the name is wrong, not the gem.
      id: 'activerecord-unknown-adapter-name',
      kind: 'wording',
      pattern: /Please install the (?:pg|postgres|pgsql) adapter|connection_adapters\/(?:pg|postgres|pgsql)_adapter\b/,
      weight: 0.75,
      clients: ['rails'],
      source: 'rails activerecord 3.x-4.0 connection_specification.rb: "Please install the #{spec[:adapter]} adapter: `gem install activerecord-#{spec[:adapter]}-adapter` (#{e.message})" (sinatra-activerecord/sinatra-activerecord#4)',
      alternatives: [{ family: 'driver_missing', weight: 0.45 }],
    },
    {
      id: 'scheme-not-accepted',
      kind: 'wording',
      pattern: /invalid DSN: scheme is expected to be either|Datasource URL must start with `?prisma:\/\/|URL must start with the protocol `?prisma:\/\//,
      weight: 0.92,
      clients: ['asyncpg', 'prisma'],
      source: 'MagicStack/asyncpg connect_utils._parse_connect_dsn (a postgresql+asyncpg:// SQLAlchemy URL passed to asyncpg); Prisma Accelerate / Data Proxy URL check',
    },
    {
      id: 'dj-database-url-scheme',
      kind: 'wording',
      pattern: /SCHEMES\[url\.scheme\]/,
      weight: 0.8,
      clients: ['django'],
      source: 'jazzband/dj-database-url parse(): KeyError on an unknown or empty scheme (vitorfs/bootcamp#89)',
      alternatives: [{ family: 'env_missing', weight: 0.4 }],
    },
    {
      // neon() parses the string itself before any request: not a URL at all, or a URL without scheme, user, host or database.
      id: 'neon-connection-string-invalid',
      kind: 'wording',
      pattern: /Database connection string (?:provided to `?neon\(\)`? is not a valid URL|format for `?neon\(\)`? should be)/,
      weight: 0.95,
      clients: ['neon-serverless'],
      source: '@neondatabase/serverless src/httpQuery.ts neon() (neondatabase/serverless at ecce07e41487303a67095f7a95a9194d7ce4d89f)',
    },
  ],
  runbook,
};
