import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('env_missing', {
  valid: [
    ...corpusCases('env_missing'),
    {
      text: "Error: No database host or connection string was set, and key parameters have default values (host: localhost, user: app, db: app, password: null). Is an environment variable missing? Alternatively, if you intended to connect with these parameters, please set the host to 'localhost' explicitly.",
      source: '@neondatabase/serverless src/client.ts NeonClient.connect() (neondatabase/serverless at ecce07e41487303a67095f7a95a9194d7ce4d89f)',
      client: 'neon-serverless',
      evidence: 'No database host or connection string was set',
    },
  ],
  invalid: [
    {
      title: "MySQL's missing default database (a statement without USE, nothing unset in the env)",
      text: 'ER_NO_DB_ERROR: No database selected',
      source: "MySQL server error 1046, near @neondatabase/serverless's \"No database host or connection string was set\"",
    },
    {
      title: "Go's nil mark in a log line's error field, the connection target intact (a logging bug, batch 26)",
      text: "level=error msg=\"query failed\" dsn=postgres://app@db:5432/app err=%!s(<nil>)",
      source: "Go fmt format error \"%!s(<nil>)\" outside the host (pkg.go.dev/fmt); near Oteemo/charts#332's \"jdbc:postgresql://%!s(<nil>):5432/sonarDB\"",
    },
    {
      title: "deno-postgres refusing a DSN of another database (the URL is wrong, no setting is missing, batch 25)",
      text: "error: Uncaught ConnectionParamsError: Supplied DSN has invalid driver: mysql.",
      source: "denodrivers/postgres connection/connection_params.ts parseOptionsFromDsn (near \"Missing connection parameters: database\", denodrivers/postgres#121)",
    },
    {
      title: "node-postgres sent a password and the server refused it (the pgpass fallback never ran: no _checkPgPass frame, batch 25)",
      text: "error: password authentication failed for user \"neondb_owner\"\n    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)\n    at Parser.handlePacket (/app/node_modules/pg-protocol/dist/parser.js:126:29)\n    at Client._handleErrorMessage (/app/node_modules/pg/lib/client.js:326:12)",
      source: "brianc/node-postgres packages/pg/lib/client.js (near neondatabase/serverless#7's crash inside _checkPgPass)",
      family: "auth_failed",
    },
    {
      title: "Knex with its client set but the pg package missing (the driver, not the settings, batch 24)",
      text: "Knex: run\n$ npm install pg --save\nCannot find module 'pg'",
      source: "knex/knex lib/client.js initializeDriver (near \"knex: Required configuration option 'client' is missing.\", TryGhost/Ghost-CLI#1296)",
      family: "driver_missing",
    },
    {
      title: "Prisma's initialization error for a server it could not reach (not the Prisma 7 missing adapter, batch 23)",
      text: "PrismaClientInitializationError: Can't reach database server at `db.example.com:5432`\n\nPlease make sure your database server is running at `db.example.com:5432`.",
      source: "Prisma P1001 (prisma.io/docs/orm/reference/error-reference#p1001); the same error class as the driver-adapter requirement of ThomasAurelius/volunteer_planner#26",
      family: "cannot_connect",
    },
    {
      title: "Npgsql's 28P01: a password was sent and refused (auth_failed), not none configured",
      text: 'Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "app"',
      source: 'npgsql PostgresException for the server\'s 28P01, beside its own "No password has been provided" (npgsql/npgsql#5249)',
      family: 'auth_failed',
    },
    {
      title: "a port scanner's garbage startup packet (the server names no missing user: not a settings problem)",
      text: 'FATAL:  invalid length of startup packet',
      source: 'PostgreSQL postmaster ProcessStartupPacket: logged for non-PostgreSQL clients probing 5432 (neighbour of "no PostgreSQL user name specified in startup packet")',
      family: 'unknown',
    },
    {
      title: "the same Node createHmac TypeError from a JWT library (no pg SCRAM frame: not a database password)",
      text: 'TypeError [ERR_INVALID_ARG_TYPE]: The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received undefined\n    at prepareSecretKey (node:internal/crypto/keys:580:11)\n    at new Hmac (node:internal/crypto/hash:134:9)\n    at Object.createHmac (node:crypto:165:10)\n    at Object.sign (/app/node_modules/jwa/index.js:141:23)\n    at Object.jwsSign [as sign] (/app/node_modules/jws/lib/sign-stream.js:32:24)',
      source: 'Node.js crypto.createHmac ERR_INVALID_ARG_TYPE under jwa/jws (jsonwebtoken signing with an unset secret)',
      family: 'unknown',
    },
    {
      title: "a route parameter named userId, not R2DBC's missing user option",
      text: "No value found for userId in path parameters",
      source: "r2dbc-spi's \"No value found for user\" names the option; a longer identifier is not it",
    },
    {
      title: "a database that is configured but does not exist on the server",
      text: "FATAL:  database \"grafana\" does not exist",
      source: "PostgreSQL 3D000 invalid_catalog_name",
      family: 'database_missing',
    },
    {
      title: "Liquibase's 'Connection could not be created to <a real URL>' (only a null target is a missing setting)",
      text: 'liquibase.exception.DatabaseException: Connection could not be created to jdbc:postgresql://db:5432/app with driver org.postgresql.Driver.  Connection to db:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
      source: 'liquibase DatabaseFactory "Connection could not be created to %s with driver %s" (null target from kryptokrona/kryptokrona-api#5)',
      family: 'cannot_connect',
    },
    {
      title: 'a TypeORM driver name that is set but wrong (a typo, not an unloaded config)',
      text: 'MissingDriverError: Wrong driver: "postgress" given. Supported drivers are: "aurora-mysql", "postgres"',
      source: 'typeorm/typeorm src/error/MissingDriverError.ts',
    },
    {
      title: 'a Prisma error after the .env file was loaded',
      text: 'Environment variables loaded from .env\nPrisma schema loaded from prisma/schema.prisma\nDatasource "db": PostgreSQL database "neondb", schema "public" at "ep-cool-darkness-123456.us-east-2.aws.neon.tech"\n\nError: P1001: Can\'t reach database server at `ep-cool-darkness-123456.us-east-2.aws.neon.tech`:`5432`',
      source: 'Prisma CLI output with P1001 (rphlmr/supa-fly-stack#88)',
      family: 'cannot_connect',
    },
    {
      title: 'a wrong password for a named user',
      text: 'error: password authentication failed for user "neondb_owner"',
      source: 'PostgreSQL auth.c',
      family: 'auth_failed',
    },
    {
      title: 'a malformed URL that is present',
      text: "TypeError [ERR_INVALID_URL]: Invalid URL\n    at new URL (node:internal/url:775:36)\n    at parse (node_modules/pg-connection-string/index.js:29:14)",
      source: 'typeorm/typeorm#10293',
      family: 'url_malformed',
    },
    {
      title: "Flyway with a url that it could not reach (configured, not missing)",
      text: "ERROR: Unable to obtain connection from database (jdbc:postgresql://localhost:5432/app) for user 'postgres': Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
      source: "flyway/flyway JdbcUtils.openConnection \"Unable to obtain connection from database (%s) for user '%s'\" wrapping pgjdbc's refusal",
      family: 'cannot_connect',
    },
  ],
});
