// The app never loaded its connection settings: DATABASE_URL unset, the .env
// file not read, a setting that arrives as undefined / None.
import { runbook } from '../runbooks/env_missing.ts';
import type { FamilyModule } from '../family.ts';

// Connection settings by the names apps give them, with an optional prefix (NEON_DATABASE_URL, APP_DB_HOST).
const ENV_NAMES = String.raw`(?:[A-Z][A-Z0-9]{0,20}_){0,3}(?:DATABASE_(?:URL|URI)|DB_(?:URL|URI|HOST|PASSWORD|USER|NAME)|POSTGRES(?:QL)?_(?:URL|URI|HOST|PASSWORD|USER|DB|PRISMA_URL|URL_NON_POOLING)|PG(?:HOST|PASSWORD|USER|DATABASE)|SQLALCHEMY_DATABASE_URI|DIRECT_URL|PG_CONNECTION_STRING)`;

export const family: FamilyModule = {
  meta: {
    id: 'env_missing',
    title: 'Connection settings never loaded',
    summary: 'The process that connects never received its connection string or password: the environment variable is unset or the .env file was not loaded.',
  },
  patterns: [
    {
      // The client sent a startup packet without a user: the app's user setting never loaded (an empty
      // username in a GUI, a blank DB_USERNAME), so the server has no role to authenticate.
      id: 'no-user-in-startup-packet',
      kind: 'wording',
      pattern: /no PostgreSQL user name specified in startup packet/i,
      weight: 0.85,
      clients: ['any'],
      source: 'PostgreSQL src/backend/postmaster (ProcessStartupPacket) 28000 "no PostgreSQL user name specified in startup packet" (beekeeper-studio/beekeeper-studio#50: a blank username field)',
      alternatives: [{ family: 'auth_failed', weight: 0.45 }],
    },
    {
      // Older node-postgres handed a null/undefined password straight to crypto.createHmac in its SCRAM
      // code; newer releases say "client password must be a string" (pg-password-not-string) instead.
      // Path separators may arrive doubled (a Windows path inside an escaped JSON log line).
      id: 'pg-sasl-null-password-key',
      kind: 'wording',
      pattern: /The "key" argument must be of type string[^\n]{0,160}Received (?:null|undefined)\b[^]{0,400}?\bpg[\\/]{1,2}lib[\\/]{1,2}(?:crypto[\\/]{1,2})?sasl\.js/,
      weight: 0.9,
      clients: ['node-postgres', 'mikro-orm', 'knex', 'typeorm', 'sequelize'],
      source: 'Node.js ERR_INVALID_ARG_TYPE from crypto.createHmac under pg/lib/sasl.js createHMAC (mikro-orm/mikro-orm#866: password never set)',
    },
    {
      // R2DBC connection options built without a required setting (user, host, database).
      id: 'r2dbc-no-value-found',
      kind: 'wording',
      pattern: /No value found for (?:user|host|database|password)\b/,
      weight: 0.7,
      clients: ['r2dbc'],
      source: 'r2dbc/r2dbc-spi ConnectionFactoryOptions.getRequiredValue "No value found for %s" (jOOQ/jOOQ#12149)',
    },
    {
      // A data source or app configured without its database name.
      id: 'no-default-database',
      kind: 'wording',
      pattern: /No default database configured/i,
      weight: 0.6,
      clients: ['gui', 'any'],
      source: 'Grafana 12 grafana-postgresql-datasource without jsonData.database (featheredtoast/satisfactory-monitoring#10)',
    },
    {
      id: 'pg-password-not-string',
      kind: 'wording',
      pattern: /client password must be a (?:non-empty )?string/i,
      weight: 0.95,
      clients: ['node-postgres', 'typeorm', 'drizzle', 'knex', 'sequelize'],
      source: 'brianc/node-postgres packages/pg/lib/crypto/sasl.js (brianc/node-postgres#3210)',
    },
    {
      id: 'prisma-env-not-found',
      kind: 'wording',
      pattern: /Environment variable not found:|You must provide a nonempty URL|resolved to an empty string|EnvironmentFunctionalEvaluationError/i,
      weight: 0.97,
      clients: ['prisma'],
      source: 'Prisma P1012 schema validation: "Environment variable not found: DATABASE_URL."; Prisma 2 datamodel Diagnostics EnvironmentFunctionalEvaluationError (prisma/prisma#4844)',
    },
    {
      // Prisma 7 dropped its built-in engine: a PrismaClient given neither `adapter` nor `accelerateUrl` has no way to
      // the database at all (the URL moved out of schema.prisma), so the settings never reached the client.
      id: 'prisma-no-driver-adapter',
      kind: 'wording',
      pattern: /PrismaClient was instantiated without any options|A driver adapter is required to connect to your database/,
      weight: 0.85,
      clients: ['prisma'],
      source: '@prisma/client 7 PrismaClientInitializationError "PrismaClient was instantiated without any options. A driver adapter is required to connect to your database." (pris.ly/d/driver-adapters; ThomasAurelius/volunteer_planner#26)',
      alternatives: [{ family: 'driver_missing', weight: 0.45 }],
    },
    {
      id: 'variable-not-set',
      kind: 'wording',
      pattern: new RegExp(String.raw`\b${ENV_NAMES}\b["'\`]?(?: environment variable| env(?:ironment)? var(?:iable)?)?(?: is| was)?(?: not set| not defined| undefined| missing| required| empty| must be set| not found)\b`, 'i'),
      weight: 0.9,
      clients: ['any'],
      source: 'application guards around process.env / os.environ (e.g. "DATABASE_URL is not set")',
    },
    {
      id: 'missing-variable',
      kind: 'wording',
      pattern: new RegExp(String.raw`(?:Missing|Set the|No|KeyError:)\s+(?:required\s+)?(?:env(?:ironment)?\s+var(?:iable)?s?:?\s+)?['"\`]?${ENV_NAMES}\b`, 'i'),
      weight: 0.9,
      clients: ['django', 'python', 'node'],
      source: 'django-environ ImproperlyConfigured "Set the DATABASE_URL environment variable"; Python KeyError on os.environ',
    },
    {
      id: 'url-argument-undefined',
      kind: 'wording',
      pattern: /The "(?:url|connectionString|input)" argument must be of type string\. Received (?:type )?(?:undefined|null)/,
      weight: 0.93,
      clients: ['node-postgres', 'postgres-js', 'node'],
      source: 'Node.js ERR_INVALID_ARG_TYPE from url.parse / new URL on an unset variable',
    },
    {
      id: 'neon-no-connection-string',
      kind: 'wording',
      pattern: /No database connection string was provided to `?neon\(\)`?/,
      weight: 0.97,
      clients: ['neon-serverless'],
      source: 'neondatabase/serverless src/httpQuery.ts: "No database connection string was provided to `neon()`. Perhaps an environment variable has not been set?"',
    },
    {
      // The driver's Client/Pool with no host and every key setting at its default: the env never reached it.
      id: 'neon-no-host-defaults',
      kind: 'wording',
      pattern: /No database host or connection string was set/,
      weight: 0.95,
      clients: ['neon-serverless'],
      source: '@neondatabase/serverless src/client.ts NeonClient.connect() (neondatabase/serverless at ecce07e41487303a67095f7a95a9194d7ce4d89f)',
    },
    {
      id: 'sqlalchemy-empty-url',
      kind: 'wording',
      pattern: /Could not parse (?:rfc1738|SQLAlchemy) URL from string '(?:|None|none|undefined)'|'NoneType' object has no attribute '_instantiate_plugins'/,
      weight: 0.93,
      clients: ['sqlalchemy'],
      source: 'sqlalchemy/engine/url.py make_url on "" / None (create_engine(os.getenv(...)) with the variable unset)',
    },
    {
      id: 'value-never-loaded',
      kind: 'wording',
      pattern: /(?:role|user|database) "(?:None|undefined|null)"|\b(?:ENOTFOUND|EAI_AGAIN)\s+(?:undefined|null|None)\b|host name "(?:undefined|None|null)"|Connection could not be created to (?:null|undefined) with driver/,
      weight: 0.93,
      clients: ['node-postgres', 'asyncpg', 'psycopg2', 'sqlalchemy'],
      source: 'a JavaScript undefined / Python None used as a setting (Azure-Samples/graphrag-legalcases-postgres#20); Liquibase "Connection could not be created to null" (kryptokrona/kryptokrona-api#5)',
    },
    {
      // A Go template or fmt call filled the connection target from a value that was never set: fmt prints a nil
      // operand as %!s(<nil>) and a missing one as %!s(MISSING) (pkg.go.dev/fmt "Format errors"), text/template
      // (Helm) a missing map key as <no value>. Only where the host or URL should be: the same marks elsewhere in
      // a log line are a logging bug, not the connection's settings.
      id: 'template-value-missing-in-target',
      kind: 'wording',
      pattern: /(?:\bjdbc:postgresql:\/\/|\bpostgres(?:ql)?:\/\/(?:[^\s@\/]{1,200}@)?|\bhost=)(?:%!\w\((?:<nil>|MISSING)\)|<no value>)/,
      weight: 0.85,
      clients: ['go', 'jdbc'],
      source: 'Go fmt format errors "%!s(<nil>)" / "%!s(MISSING)" and text/template "<no value>", in SonarQube\'s "Create JDBC data source for jdbc:postgresql://%!s(<nil>):5432/sonarDB" from a Helm chart whose host value was unset (Oteemo/charts#332)',
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
    {
      id: 'framework-not-configured',
      kind: 'wording',
      pattern: /Failed to determine a suitable driver class|'url' attribute is not specified and no embedded datasource|settings\.DATABASES is improperly configured|Either (?:connection )?"[^"\n]{1,30}" or "host", "database" are required|ActiveRecord::AdapterNotSpecified/,
      weight: 0.9,
      clients: ['jdbc', 'django', 'drizzle', 'ruby-pg'],
      source: 'Spring Boot DataSourceProperties; django/db/backends/postgresql/base.py; drizzle-kit config validation; Rails',
    },
    {
      // Knex reads its dialect from the config object; a knexfile entry for another NODE_ENV, or no config at all,
      // leaves it empty and Knex stops before connecting.
      id: 'knex-no-client',
      kind: 'wording',
      pattern: /knex: Required configuration option 'client' is missing/,
      weight: 0.88,
      clients: ['knex'],
      source: 'knex/knex lib/client.js Client constructor: "knex: Required configuration option \'client\' is missing." (TryGhost/Ghost-CLI#1296)',
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
    {
      // t3-env / zod validation of process.env at start-up.
      id: 'env-validation-failed',
      kind: 'wording',
      pattern: /Invalid environment variables/,
      weight: 0.85,
      clients: ['node'],
      source: 't3-oss/t3-env createEnv: "❌ Invalid environment variables: { DATABASE_URL: [ \'Required\' ] }"',
    },
    {
      // new URL(undefined) fails as ERR_INVALID_URL; the input it echoes says why, so it outranks the code.
      id: 'url-input-undefined',
      kind: 'wording',
      pattern: /\binput: '(?:undefined|null)'/,
      weight: 0.99,
      clients: ['node-postgres', 'postgres-js', 'node'],
      source: "Node.js ERR_INVALID_URL error object: input: 'undefined' when the variable is unset",
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
    {
      // Flyway builds no DataSource when no url is configured (flyway.url / FLYWAY_URL / spring.flyway.url unset)
      // and refuses before it tries any database.
      id: 'flyway-no-datasource',
      kind: 'wording',
      pattern: /Unable to connect to the database\. Configure the url, user and password!/,
      weight: 0.9,
      clients: ['jdbc', 'spring'],
      source: 'flyway/flyway ConfigurationValidator.validate (older Flyway.execute): "Unable to connect to the database. Configure the url, user and password!" when the DataSource is null (found with find_string; flyway/flyway#3526)',
    },
    {
      id: 'jdbc-null-password',
      kind: 'wording',
      pattern: /Null value for 'password'/,
      weight: 0.93,
      clients: ['jdbc'],
      source: 'pgjdbc SCRAM client (com.ongres.scram Preconditions) when no password reached the driver (amigoscode/spring-data-jpa-course#1)',
    },
    {
      // No password reached the client at all: the libpq and pgjdbc twins of
      // node-postgres' "client password must be a string" (and of pgjdbc's
      // "Null value for 'password'" above), so the settings never loaded.
      id: 'no-password-supplied',
      kind: 'wording',
      pattern: /fe_sendauth:\s+no password supplied|requested (?:SCRAM-based|password-based) authentication, but no password was provided/i,
      weight: 0.85,
      clients: ['libpq', 'psycopg2', 'ruby-pg', 'jdbc'],
      source: 'libpq fe-auth.c "fe_sendauth: no password supplied" (reproduced live with psql 15 -w, test/integration/triage/more-errors.test.ts); pgjdbc ConnectionFactoryImpl',
      alternatives: [{ family: 'auth_failed', weight: 0.5 }],
    },
    {
      // node-postgres (and the Neon serverless driver, which bundles it) falls back to ~/.pgpass only when no
      // password was configured; a crash inside that lookup (a bundler or edge runtime without fs/path) means
      // the server asked for a password and the app never supplied one.
      id: 'pg-pgpass-fallback-crashed',
      kind: 'wording',
      pattern: /\bat [\w$]{1,40}\._checkPgPass \(/,
      weight: 0.6,
      clients: ['node-postgres', 'neon-serverless'],
      source: 'brianc/node-postgres packages/pg/lib/client.js _checkPgPass: pgpass is read only when this.password is null or undefined (neondatabase/serverless#7: "TypeError: ji.join is not a function ... at jt._checkPgPass" with no password in the URL)',
      alternatives: [{ family: 'url_malformed', weight: 0.3 }],
    },
    {
      // deno-postgres collects host, port, user and database from the options, the URL and PG* variables
      // (only with --allow-env) and names the ones still missing.
      id: 'deno-postgres-missing-parameters',
      kind: 'wording',
      pattern: /ConnectionParamsError: Missing connection parameters: |Missing connection parameters: [\w, ]{1,60}\. Connection parameters can be read/,
      weight: 0.85,
      clients: ['deno-postgres'],
      source: 'denodrivers/postgres connection/connection_params.ts assertRequiredOptions: ConnectionParamsError "Missing connection parameters: ${missing}. Connection parameters can be read from environment only if Deno is run with env permission" (denodrivers/postgres#121)',
    },
    {
      // Npgsql's twin of libpq's fe_sendauth above: the server asked for a password and none was configured.
      id: 'npgsql-no-password',
      kind: 'wording',
      pattern: /No password has been provided but the backend requires one/,
      weight: 0.85,
      clients: ['npgsql'],
      source: 'npgsql NpgsqlConnector.Auth.cs "No password has been provided but the backend requires one (in MD5|cleartext|SASL)" (npgsql/npgsql#3954, npgsql/efcore.pg#57)',
      alternatives: [{ family: 'auth_failed', weight: 0.5 }],
    },
    {
      id: 'vercel-postgres-missing-url',
      kind: 'wording',
      pattern: /missing_connection_string|no 'POSTGRES_URL' env var was found/,
      weight: 0.97,
      clients: ['node'],
      source: "@vercel/postgres VercelPostgresError 'missing_connection_string'",
    },
    {
      // pydantic-settings: the field is named on its own line, then "Field required".
      id: 'pydantic-field-required',
      kind: 'wording',
      pattern: new RegExp(String.raw`\b${ENV_NAMES}\s{1,10}[Ff]ield required`, 'i'),
      weight: 0.9,
      clients: ['python'],
      source: 'pydantic ValidationError for a BaseSettings field (v1 "field required (type=value_error.missing)", v2 "Field required [type=missing")',
    },
    {
      id: 'python-environ-keyerror',
      kind: 'wording',
      pattern: /os\.py", line \d{1,5}, in __getitem__\s{1,20}raise KeyError\(key\) from None/,
      weight: 0.7,
      clients: ['python', 'django', 'sqlalchemy'],
      source: 'CPython os._Environ.__getitem__: os.environ[name] for an unset variable (GraphtyLove/Face-recognition-project#21)',
    },
    {
      // TypeORM's type comes from the same config; undefined means the config never loaded.
      id: 'typeorm-driver-undefined',
      kind: 'wording',
      pattern: /Wrong driver: "?undefined"? given/,
      weight: 0.85,
      clients: ['typeorm'],
      source: 'typeorm/typeorm src/error/MissingDriverError.ts (nestjs/typeorm#1341)',
    },
    {
      // The same config object without the option: the settings the env should have filled.
      id: 'typeorm-option-not-set',
      kind: 'wording',
      pattern: /Option "(?:database|host|username|password|url|type)" is not set in your connection options/,
      weight: 0.85,
      clients: ['typeorm'],
      source: 'typeorm/typeorm src/error/NoConnectionOptionError.ts (nestjs/typeorm#89)',
      alternatives: [{ family: 'url_malformed', weight: 0.4 }],
    },
  ],
  runbook,
};
