import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('url_malformed', {
  valid: [
    ...corpusCases('url_malformed'),
    {
      text: 'Error: Database connection string provided to `neon()` is not a valid URL. Connection string: postgres//app@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb',
      source: '@neondatabase/serverless src/httpQuery.ts neon() (neondatabase/serverless at ecce07e41487303a67095f7a95a9194d7ce4d89f)',
      client: 'neon-serverless',
      evidence: 'is not a valid URL',
    },
    {
      text: 'Error: Database connection string format for `neon()` should be: postgresql://user:password@host.tld/dbname?option=value',
      source: '@neondatabase/serverless src/httpQuery.ts neon() (neondatabase/serverless at ecce07e41487303a67095f7a95a9194d7ce4d89f)',
      client: 'neon-serverless',
      evidence: 'Database connection string format for `neon()` should be',
    },
  ],
  invalid: [
    {
      title: 'neon() with no connection string at all (unset, not malformed)',
      text: 'Error: No database connection string was provided to `neon()`. Perhaps an environment variable has not been set?',
      source: '@neondatabase/serverless src/httpQuery.ts neon(), beside its "not a valid URL" check',
      family: 'env_missing',
    },
    {
      title: "a Python wrapper's TypeError for an unexpected keyword argument (a function's keyword, not a connection string's; batch 31)",
      text: "TypeError: keyword not supported: prepare",
      source: "a test in a psycopg async wrapper that raises TypeError on any unexpected keyword (found with find_string), near .NET's \"Keyword not supported: ssl\" (fknx/linqpad-postgresql-driver#31)",
    },
    {
      title: "Hasura's startup log when the database URL parsed (its redacted echo, batch 32)",
      text: "{\"type\":\"startup\",\"timestamp\":\"2020-05-20T19:33:15.610+0000\",\"level\":\"info\",\"detail\":{\"kind\":\"postgres_connection\",\"info\":{\"retries\":1,\"database_url\":\"postgres://username:...@host:5432/db-name\"}}}",
      source: "hasura/graphql-engine mkDBUriLog success branch (hasura/graphql-engine#4833); near \"parsing database url failed\" (hasura/graphql-engine-heroku#87)",
    },
    {
      title: "another Ecto exception (an invalid changeset, not an invalid URL, batch 32)",
      text: "** (Ecto.InvalidChangesetError) could not perform insert because changeset is invalid.",
      source: "elixir-ecto/ecto lib/ecto/exceptions.ex Ecto.InvalidChangesetError, beside Ecto.InvalidURLError (superfly/flyctl#1612)",
    },
    {
      title: "Flyway 10 with a jdbc:postgresql: URL and no flyway-database-postgresql module (the URL is right, batch 26)",
      text: "org.flywaydb.core.api.FlywayException: No database found to handle jdbc:postgresql://db:5432/app",
      source: "flyway/flyway DatabaseTypeRegister; Flyway 10 moved PostgreSQL support to flyway-database-postgresql (public setup notes, find_string); near open-metadata/OpenMetadata#20037",
      family: "driver_missing",
    },
    {
      title: "Liquibase's driver accepted the URL and the connect itself failed (the driver's reason follows, not 'Possibly the wrong driver', batch 25)",
      text: "liquibase.exception.DatabaseException: Connection could not be created to jdbc:postgresql://db:5432/app with driver org.postgresql.Driver.  Connection to db:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
      source: "liquibase-core JdbcConnection.open catch (SQLException): \"Connection could not be created to \" + url + \" with driver \" + driver + \".  \" + sqle.getMessage() (near liquibase/docker#129)",
      family: "cannot_connect",
    },
    {
      title: "a query-dialect registry without a JDBC URL (not Exposed's URL subprotocol, batch 24)",
      text: "Error: No dialect registered for \"postgres\". Available: mysql, sqlite",
      source: "a dialect registry's own lookup error (near Exposed's \"No dialect registered for pgsql. URL=jdbc:pgsql://...\", JetBrains/Exposed#916)",
    },
    {
      title: "pgjdbc passing on another database's URL (its FINE log), not rejecting a malformed PostgreSQL one",
      text: 'FINE: JDBC URL must start with "jdbc:postgresql:" but was: jdbc:mysql://localhost/app',
      source: 'pgjdbc org/postgresql/Driver.java parseURL: the prefix check that returns null so DriverManager tries the next driver',
    },
    {
      title: 'DriverManager with a well-formed jdbc:postgresql URL (the driver jar is missing)',
      text: 'java.sql.SQLException: No suitable driver found for jdbc:postgresql://db:5432/app',
      source: 'OpenJDK java.sql.DriverManager "No suitable driver found for" with the URL pgjdbc accepts',
      family: 'driver_missing',
    },
    {
      title: 'DriverManager with a MySQL URL (another database, not a malformed PostgreSQL URL)',
      text: 'java.sql.SQLException: No suitable driver found for jdbc:mysql://localhost:3306/app',
      source: 'OpenJDK java.sql.DriverManager "No suitable driver found for" for a MySQL URL',
    },
    {
      title: "ActiveRecord asking for the real postgresql adapter's gem (missing pg gem, not a wrong adapter name)",
      text: 'Please install the postgresql adapter: `gem install activerecord-postgresql-adapter` (pg is not part of the bundle. Add it to Gemfile.)',
      source: 'fs/rails-base#55',
      family: 'driver_missing',
    },
    {
      title: "Node's bad-port error from the app's own HTTP listen(), not the database connection",
      text: "RangeError [ERR_SOCKET_BAD_PORT]: options.port should be >= 0 and < 65536. Received type string ('abc').",
      source: "Node.js net.Server.listen ERR_SOCKET_BAD_PORT \"options.port should be ...\"",
    },
    {
      title: "Go's missing-port error from the app's own listener, not a dial to the database",
      text: "listen tcp: address 8080: missing port in address",
      source: "Go net.Listen with net.SplitHostPort AddrError",
    },
    {
      title: "psql's getopt complaint about a command-line flag (not a connection option)",
      text: "psql: invalid option -- 'W'",
      source: "getopt_long \"invalid option -- '%c'\" as psql prints it",
    },
    {
      title: "@vercel/postgres's missing string (env never loaded), beside its invalid_connection_string",
      text: "VercelPostgresError: VercelPostgresError - 'missing_connection_string': You did not supply a 'connectionString' and no 'POSTGRES_URL' env var was found.",
      source: 'SawyerHood/draw-a-ui#65 (invalid_connection_string from vercel/next-learn#344)',
      family: 'env_missing',
    },
    {
      title: 'a connection string that is valid but points at a dead host',
      text: 'connection string is valid, but: Error: connect ECONNREFUSED 10.0.0.5:5432',
      source: 'node-postgres refusal quoted after the user checked the string: the retold invalid-string wording must not claim it',
      family: 'cannot_connect',
    },
    {
      title: 'an empty connection string (the variable was never set)',
      text: "sqlalchemy.exc.ArgumentError: Could not parse rfc1738 URL from string ''",
      source: 'sqlalchemy/engine/url.py make_url on an unset variable',
      family: 'env_missing',
    },
    {
      title: 'a fetch of an unrelated URL',
      text: 'TypeError: Failed to parse URL from /api/users',
      source: 'Node.js fetch (undici) on a relative URL, not a connection string',
    },
    {
      title: 'a host that does not resolve',
      text: 'Error: getaddrinfo ENOTFOUND db.internal.example',
      source: 'Node.js dns',
      family: 'cannot_connect',
    },
    {
      title: "the server's refusal of a direct TLS start without ALPN (the options were valid, batch 29)",
      text: 'FATAL:  received direct SSL connection request without ALPN protocol negotiation extension',
      source: 'postgres/postgres src/backend/libpq/be-secure-openssl.c (PostgreSQL 17) when a client starts TLS directly without the postgresql ALPN',
    },
    {
      title: 'a server setting with a bad value (a server parameter, not a connection option)',
      text: 'FATAL:  invalid value for parameter "ssl_min_protocol_version": "TLSv1.9"',
      source: 'PostgreSQL guc.c parse_and_validate_value for ssl_min_protocol_version in postgresql.conf',
    },
    {
      title: "a SET of a server-only setting in a session (ERROR, not a startup option the connection string carried, batch 30)",
      text: 'ERROR:  parameter "wal_level" cannot be changed without restarting the server',
      source: 'PostgreSQL guc.c set_config_option for a PGC_POSTMASTER parameter set with SET or ALTER SYSTEM ... near ory/hydra#1942',
    },
    {
      title: "Go's resolver failing on the host name (the port parsed, batch 30)",
      text: 'dial tcp: lookup db on 127.0.0.11:53: no such host',
      source: 'golang/go net.DNSError near the AddrError "unknown port" of grafana/grafana#10364',
      family: 'cannot_connect',
    },
  ],
});
