// Client detection as a tested output: `client` is one of CLIENT_IDS (or null),
// the ids are documented, detection is measured against the labelled client of
// every fixture row, and the runbook's first check follows the detected client.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import { CLIENT_MARKER_ANCHORS, detectClient } from '../../../src/triage/client.ts';
import { familyById } from '../../../src/triage/registry.ts';
import { runbookForClient } from '../../../src/triage/runbooks/for-client.ts';
import { CLIENT_IDS, isClientId, type ClientId } from '../../../src/triage/types.ts';
import { readFixture } from '../../support/family-tester.ts';

interface Row {
  id: string;
  text: string;
  client: string;
  source?: string;
}

const FIXTURES = readdirSync(new URL('../../fixtures/', import.meta.url)).filter((name) => /^(?:triage-|real-errors)/.test(name) && name.endsWith('.jsonl'));
const ROWS = FIXTURES.flatMap((name) => readFixture<Row>(name).map((row) => ({ ...row, name })));

test('every fixture row is labelled with a client id or "other"', () => {
  const bad = ROWS.filter((row) => row.client !== 'other' && !isClientId(row.client)).map((row) => `${row.name}:${row.id} "${row.client}"`);
  assert.deepEqual(bad, []);
});

test('docs/clients.md documents every client id, and only those', () => {
  const doc = readFileSync(new URL('../../../docs/clients.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...CLIENT_IDS].sort());
});

// Measured on the labelled corpus: a client the text shows no mark of cannot be
// detected (most misses are null), and a layer below the labelled one is a
// disagreement (psycopg2 under a SQLAlchemy label). The floors are the figures
// at this commit (docs/clients.md); they may only go up.
const MIN_PRECISION = 0.98;
const MIN_AGREEMENT = 0.83;

test('detection agrees with the labelled client (precision and agreement at or above their floors)', () => {
  const labelled = ROWS.filter((row) => isClientId(row.client));
  let detected = 0;
  let agree = 0;
  for (const row of labelled) {
    const client = detectClient(row.text);
    if (client !== null) detected++;
    if (client === row.client) agree++;
  }
  assert.ok(labelled.length > 1000, `only ${labelled.length} labelled rows`);
  const precision = agree / detected;
  const agreement = agree / labelled.length;
  assert.ok(precision >= MIN_PRECISION, `precision ${precision.toFixed(3)} (${agree}/${detected})`);
  assert.ok(agreement >= MIN_AGREEMENT, `agreement ${agreement.toFixed(3)} (${agree}/${labelled.length})`);
});

test('triage names a client from CLIENT_IDS or none, for every fixture text', () => {
  for (const row of ROWS) {
    const { client } = triage(row.text);
    assert.ok(client === null || isClientId(client), `${row.name}:${row.id} -> ${client}`);
  }
});

// One real text per client stack (a fixture row, found by its source), and the
// setting that client's first pre-ping check must name.
function bySource(source: string): string {
  const row = ROWS.find((r) => r.source === source);
  if (!row) throw new Error(`no fixture row from ${source}`);
  return row.text;
}

const PRE_PING: readonly { client: ClientId; text: string; source: string; shows: string }[] = [
  { client: 'sqlalchemy', source: 'apache/airflow#17120', text: bySource('apache/airflow#17120'), shows: 'pool_pre_ping' },
  { client: 'node-postgres', source: 'brianc/node-postgres#3202', text: bySource('brianc/node-postgres#3202'), shows: 'idleTimeoutMillis' },
  { client: 'prisma', source: 'prisma/web#3116', text: bySource('prisma/web#3116'), shows: 'P1017' },
  { client: 'psycopg3', source: 'psycopg/psycopg#731', text: bySource('psycopg/psycopg#731'), shows: 'check=' },
  { client: 'asyncpg', source: 'MagicStack/asyncpg#624', text: bySource('MagicStack/asyncpg#624'), shows: 'max_inactive_connection_lifetime' },
  { client: 'django', source: 'grafana-cold-storage/oncall#1409', text: bySource('grafana-cold-storage/oncall#1409'), shows: 'CONN_HEALTH_CHECKS' },
  { client: 'postgres-js', source: 'porsager/postgres#43', text: bySource('porsager/postgres#43'), shows: 'idle_timeout' },
  { client: 'pgx', source: 'vegaprotocol/vega#7006', text: bySource('vegaprotocol/vega#7006'), shows: 'pgxpool' },
  {
    client: 'rails',
    source: 'osunyorg/admin#1084',
    text: '**ActiveRecord::ConnectionNotEstablished** in **db:migrate**\nconnection to server at "10.20.6.45", port 35951 failed: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.',
    shows: 'idle_timeout',
  },
  { client: 'npgsql', source: 'npgsql/npgsql#2962', text: bySource('npgsql/npgsql#2962'), shows: 'Connection Idle Lifetime' },
  { client: 'postgrex', source: 'UrbanCCD-UChicago/plenario2#396', text: bySource('UrbanCCD-UChicago/plenario2#396'), shows: 'idle_interval' },
  { client: 'php', source: 'doctrine/dbal#7010', text: bySource('doctrine/dbal#7010'), shows: 'PDO::ATTR_PERSISTENT' },
  { client: 'bun-sql', source: 'oven-sh/bun#16691', text: bySource('oven-sh/bun#16691'), shows: 'idleTimeout' },
];

for (const { client, text, source, shows } of PRE_PING) {
  test(`a ${client} text (${source}) gets the ${client} pre-ping check`, () => {
    const result = triage(text);
    assert.equal(result.family, 'stale_connection');
    assert.equal(result.client, client);
    const step = result.runbook.steps[0];
    assert.equal(step?.id, 'confirm_pre_ping');
    assert.ok(`${step.verify} ${step.fix}`.includes(shows), `${client}: ${step.verify} / ${step.fix}`);
  });
}

test('the pre-ping variants differ per client: no two clients get the same verify', () => {
  const verifies = PRE_PING.map(({ text }) => triage(text).runbook.steps[0]?.verify);
  assert.equal(new Set(verifies).size, verifies.length);
});

// Clients without a stale-connection text among the fixtures: their variant, read straight from the runbook.
const PRE_PING_SETTING: Partial<Record<ClientId, string>> = {
  spring: 'spring.datasource.hikari',
  r2dbc: 'spring.r2dbc.pool',
  'lib-pq': 'SetConnMaxIdleTime',
  sqlx: 'test_before_acquire',
  diesel: 'test_on_check_out',
  sequelize: 'evict',
  knex: 'idleTimeoutMillis',
  'ruby-pg': 'PG::ConnectionBad',
};
const POOL_SIZE_SETTING: Partial<Record<ClientId, string>> = {
  rails: 'pool:',
  spring: 'maximum-pool-size',
  npgsql: 'Maximum Pool Size',
  'lib-pq': 'SetMaxOpenConns',
  postgrex: 'pool_size',
  sqlx: 'max_connections',
  php: 'pm.max_children',
  sequelize: 'pool: { max',
  knex: 'pool: { min: 0, max',
};

test('each client gets its own pre-ping and pool-size settings', () => {
  for (const [client, setting] of Object.entries(PRE_PING_SETTING) as [ClientId, string][]) {
    const step = runbookForClient(familyById('stale_connection').runbook, client).steps[0];
    assert.ok(`${step?.verify} ${step?.fix}`.includes(setting), `${client} pre-ping: ${step?.verify} / ${step?.fix}`);
  }
  for (const [client, setting] of Object.entries(POOL_SIZE_SETTING) as [ClientId, string][]) {
    const step = runbookForClient(familyById('too_many_connections').runbook, client).steps[0];
    assert.equal(step?.id, 'reduce_pool_size');
    assert.ok(`${step?.verify} ${step?.fix}`.includes(setting), `${client} pool size: ${step?.fix}`);
  }
});

// The layer that owns the connection wins over the one under it whose frames it prints (batch 22): each pair is
// the owning layer's real text and a near miss showing only the lower layer.
const LAYERS: readonly { title: string; text: string; client: ClientId | null }[] = [
  { title: "DBeaver's frames over pgjdbc's", text: bySource('dbeaver/dbeaver#11572'), client: 'gui' },
  { title: 'pgjdbc alone', text: 'org.postgresql.util.PSQLException: Connection attempt timed out.\n\tat org.postgresql.Driver$ConnectThread.getResult(Driver.java:418)', client: 'jdbc' },
  { title: "the AlloyDB Auth Proxy's own line quoting Go's net error", text: bySource('GoogleCloudPlatform/alloydb-auth-proxy#514'), client: 'server-log' },
  { title: "a Go app's own dial error", text: 'dial tcp 10.0.0.5:5432: connectex: No connection could be made because the target machine actively refused it.', client: 'lib-pq' },
  // Batch 33: marks each client prints, and the near miss each must not take.
  { title: "postgres.js's Deno module URL (deno.land/x/postgresjs)", text: bySource('supabase/edge-runtime#81'), client: 'postgres-js' },
  { title: "deno-postgres's module URL stays deno-postgres", text: 'error: Uncaught (in promise) Error: x\n    at Connection.#startup (https://deno.land/x/postgres@v0.19.3/connection/connection.ts:435:19)', client: 'deno-postgres' },
  { title: "Deno's print of an uncaught PostgresError", text: bySource('supabase/supabase#10577'), client: 'deno-postgres' },
  { title: 'a PostgresError on Node (no Deno uncaught print) stays postgres.js', text: 'PostgresError: password authentication failed for user "app"\n    at ErrorResponse (file:///app/node_modules/postgres/src/connection.js:790:26)', client: 'postgres-js' },
  { title: "the serverless driver's package path on Windows", text: bySource('neondatabase/serverless#162'), client: 'neon-serverless' },
  { title: "pg-cloudflare's CloudflareSocket", text: bySource('cloudflare/cloudflare-docs#23250'), client: 'node-postgres' },
  { title: "pg_dumpall's prefix", text: bySource('slowfound/supabase-database-backup#4'), client: 'libpq' },
  { title: "Prisma's quaint QueryError around a tokio-postgres error", text: bySource('prisma/prisma-client-js#305'), client: 'prisma' },
  { title: "tokio-postgres's own Error Debug print (no QueryError) stays tokio-postgres", text: 'Error { kind: Db, cause: Some(DbError { severity: "FATAL", code: SqlState(E53300), message: "sorry, too many clients already" }) }', client: 'tokio-postgres' },
  { title: "pgconn's connect error quoting a pooler's Elixir error", text: bySource('supabase/cli#4419'), client: 'pgx' },
  { title: 'a DBConnection error without pgconn stays Postgrex', text: '** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 10000ms', client: 'postgrex' },
  { title: "pgconn's wording wrapped between words by a tool's box (wrangler, cloudflare/workers-sdk#4106)", text: '  Failed to connect to database using the provided information: failed to connect to\n  `host=(OMITTED) user=postgres database=postgres`: failed to write startup message\n  (write failed: EOF) [code: 2015]', client: 'pgx' },
  { title: "SQLAlchemy's DBAPI wrapper without its name", text: bySource('mgurg/malgori_cmms_api#22'), client: 'sqlalchemy' },
  { title: "Postgrex's wrapper of the same shape (an Elixir module, not a Python DBAPI)", text: '** (Postgrex.Error) FATAL 28P01 (invalid_password) password authentication failed for user "postgres"', client: 'postgrex' },
  { title: "PgBouncer's own log lines", text: bySource('brainsam/pgbouncer#7'), client: 'pgbouncer' },
  { title: "Supavisor's handler log", text: bySource('supabase/supavisor#459'), client: 'server-log' },
  // Batch 23: marks that named the wrong client. php-activerecord's path is PHP's, not the activerecord gem's.
  { title: 'php-activerecord over PDO', text: bySource('jpfuentes2/php-activerecord#569'), client: 'php' },
  { title: "the activerecord gem's own path", text: bySource('haines/pg-aws_rds_iam#639'), client: 'rails' },
  // An exporter's "Error opening connection to database (...)" is not SQLTools' "Error opening connection <error>".
  { title: "postgres_exporter's connection error (lib/pq)", text: bySource('prometheus-community/postgres_exporter#517'), client: 'lib-pq' },
  { title: "SQLTools' connection error", text: 'ERROR: Error opening connection connect ECONNREFUSED 127.0.0.1:5432, {"code":-32001,"data":{"driver":"PostgreSQL","driverOptions":{}}}', client: 'gui' },
  // PgBouncer's socket prefix "C-0x...: db/user@addr:port"; pgconn's "dial error (" before Go's bare dial tcp.
  { title: "PgBouncer's client-socket log prefix", text: bySource('pgbouncer/pgbouncer#445'), client: 'pgbouncer' },
  { title: "pgconn's dial error", text: bySource('supabase/cli#3738'), client: 'pgx' },
  // Batch 24: marks each client prints, and the near miss each must not take.
  { title: "Prisma's engine log around a tokio-postgres error", text: bySource('prisma/orm#6664'), client: 'prisma' },
  { title: 'tokio-postgres alone', text: 'Error { kind: Closed, cause: None }', client: 'tokio-postgres' },
  { title: "pgx v5's ConnectError (failed to connect to `user=...`)", text: bySource('zitadel/zitadel#10804'), client: 'pgx' },
  { title: "Go database/sql naming pgx's driver (not lib/pq's \"postgres\")", text: 'sql: unknown driver "pgx" (forgotten import?)', client: 'pgx' },
  { title: "database/sql without lib/pq's \"postgres\" driver imported", text: bySource('lib/pq#1024'), client: 'lib-pq' },
  { title: "lib/pq's sslmode refusal", text: bySource('lib/pq#1006'), client: 'lib-pq' },
  { title: "Ecto's mix ecto.create quoting psql", text: bySource('phoenixframework/phoenix#1528'), client: 'postgrex' },
  { title: 'psql alone', text: 'psql: FATAL:  password authentication failed for user "postgres"', client: 'libpq' },
  { title: 'hanami-model (rom-sql over Sequel)', text: bySource('hanami/model#430'), client: 'ruby-pg' },
  { title: 'a bare PG:: error', text: 'PG::ConnectionBad: FATAL:  database "app_development" does not exist', client: 'rails' },
  { title: "n8n's DataSource failure (TypeORM)", text: bySource('n8n-io/n8n#10197'), client: 'typeorm' },
  { title: "SQLAlchemy's QueuePool timeout without its name", text: bySource('langflow-ai/langflow#6866'), client: 'sqlalchemy' },
  { title: "sqlx's PoolTimedOut as it prints", text: bySource('postgresml/postgresml#1279'), client: 'sqlx' },
  { title: "r2d2's log target (Diesel's pool)", text: bySource('diesel-rs/diesel#3647'), client: 'diesel' },
  { title: "deadpool-postgres's log target", text: bySource('deadpool-rs/deadpool#201'), client: 'tokio-postgres' },
  { title: "PgBouncer's max_client_conn refusal through psql", text: bySource('pgbouncer/pgbouncer#392'), client: 'pgbouncer' },
  { title: "node-postgres' SSL refusal", text: bySource('brianc/node-postgres#553'), client: 'node-postgres' },
  { title: "pgjdbc's SSL refusal (no \"connections\")", text: 'org.postgresql.util.PSQLException: The server does not support SSL.', client: 'jdbc' },
  { title: "libpq's SSL refusal", text: 'psql: error: server does not support SSL, but SSL was required', client: 'libpq' },
  { title: "pgjdbc's refused connection without its hint", text: bySource('joker8023/confluence#2'), client: 'jdbc' },
  { title: "libpq's refused connection", text: 'psql: error: connection to server at "localhost" (::1), port 5432 failed: Connection refused', client: 'libpq' },
  { title: "Npgsql 2's pool timeout", text: 'System.Exception: Timeout while getting a connection from pool.', client: 'npgsql' },
  // Batch 25.
  { title: "deno-postgres's PostgresError with its module URL (before postgres.js's class name)", text: bySource('denodrivers/postgres#429'), client: 'deno-postgres' },
  { title: 'postgres.js on Deno through npm (no deno.land/x/postgres frame)', text: 'PostgresError: password authentication failed for user "app"\n    at ErrorResponse (file:///app/node_modules/.deno/postgres@3.4.4/node_modules/postgres/src/connection.js:790:26)', client: 'postgres-js' },
  { title: "tokio-postgres' Error Debug print inside an app's PostgresError wrapper", text: bySource('palfrey/wait-for-db#50'), client: 'tokio-postgres' },
  { title: "tokio-postgres' Display of a server FATAL", text: bySource('joshstevens19/rindexer#116'), client: 'tokio-postgres' },
  { title: "Prisma's engine quoting tokio-postgres' db error (Prisma first)", text: 'Error: Error querying the database: db error: FATAL: sorry, too many clients already', client: 'prisma' },
  { title: "DbGate's plugin over pg (the GUI, not node-postgres)", text: bySource('dbgate/dbgate#712'), client: 'gui' },
  { title: "DBeaver's log with its data source id", text: bySource('dbeaver/dbeaver#8105'), client: 'gui' },
  { title: "Agroal's datasource warning (Quarkus, Keycloak)", text: bySource('keycloak/keycloak#29010'), client: 'jdbc' },
  { title: "Spring's own 'Failed to obtain JDBC Connection' (capital C) stays Spring", text: 'org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection', client: 'spring' },
  { title: "Vaultwarden's DieselCon (Diesel)", text: bySource('dani-garcia/vaultwarden#4803'), client: 'diesel' },
  { title: "Lemmy's db_schema panic (Diesel)", text: bySource('LemmyNet/lemmy#4794'), client: 'diesel' },
  { title: "Doctrine DBAL 2's 'An exception occurred in driver:'", text: bySource('nicolasbonnici/docker-php8-sf5-nginx-pqsql-boilerplate#2'), client: 'php' },
  { title: "PDO's missing-driver line alone", text: bySource('Hywan/Database-to-PlantUML#10'), client: 'php' },
  { title: "Go's database/sql 'could not find driver' inside a sentence is not PDO's line", text: 'panic: could not find driver for scheme "postgres" in the registry', client: null },
  { title: "pgconn's startup write failure (pgx)", text: bySource('jmoiron/sqlx#792'), client: 'pgx' },
  { title: "the Cloud SQL Auth Proxy v2's refresh error", text: bySource('GoogleCloudPlatform/cloud-sql-proxy#2208'), client: 'server-log' },
  { title: "a server log line with a numeric zone and %p-%l", text: '2021-07-27 19:43:52.034 +07 [7616-1] FATAL:  sorry, too many clients already', client: 'server-log' },
  { title: 'pg-native (node-postgres\'s libpq binding)', text: bySource('brianc/node-pg-native#95'), client: 'node-postgres' },
  { title: "Django's technical 500 page title", text: bySource('jazzband/django-ddp#25'), client: 'django' },
  { title: "rake db:create (Rails)", text: bySource('docker/compose#63'), client: 'rails' },
  { title: "Sequelize CLI's banner over pg's getaddrinfo", text: bySource('sequelize/sequelize#11014'), client: 'sequelize' },
  { title: "Sequelize's path on Windows with a capital S", text: bySource('sequelize/sequelize#2949'), client: 'sequelize' },
  { title: "Npgsql's InvariantSeverity in an app's logged exception data (Prowlarr)", text: bySource('Prowlarr/Prowlarr#2380'), client: 'npgsql' },
  { title: "Home Assistant's recorder over psycopg2's missing module (SQLAlchemy)", text: bySource('home-assistant/core#33619'), client: 'sqlalchemy' },
  { title: "Airflow's package path over psycopg2 (SQLAlchemy)", text: bySource('apache/airflow#19271'), client: 'sqlalchemy' },
  { title: "an app folder named airflow outside site-packages is not Airflow", text: 'File "/home/me/airflow-dags/load.py", line 3, in <module>\n    conn = psycopg2.connect(dsn)\npsycopg2.OperationalError: connection to server at "db" (10.0.0.2), port 5432 failed: Connection refused', client: 'psycopg2' },
  { title: "NocoDB's PGClient box over Node's ECONNREFUSED (Knex)", text: bySource('nocodb/nocodb#3529'), client: 'knex' },
  { title: "NocoDB's source tree over pg-protocol frames (Knex)", text: bySource('nocodb/nocodb#5549'), client: 'knex' },
  { title: "Flyway's package name (JDBC)", text: bySource('open-metadata/OpenMetadata#20037'), client: 'jdbc' },
  { title: "Moodle's own unit and error page (PHP)", text: bySource('NixOS/nixpkgs#63634'), client: 'php' },
  // Batch 27.
  { title: "Knex's CLI reading its knexfile, over pg-protocol frames (Knex)", text: bySource('Infisical/infisical#1511'), client: 'knex' },
  { title: "psycopg 3's 'connection failed: ' prefix in the exception's repr", text: bySource('psycopg/psycopg#1188'), client: 'psycopg3' },
  { title: "Go's net.OpError on an open connection (lib/pq under database/sql)", text: bySource('goharbor/harbor#14943'), client: 'lib-pq' },
  { title: "pgx quoting the same Go read error stays pgx", text: 'failed to connect to `host=db user=app database=app`: failed to receive message (read tcp 10.0.0.3:51234->10.0.0.4:5432: read: connection reset by peer)', client: 'pgx' },
  { title: "NixOS's journald PostgreSQL log with its '[%p] ' prefix", text: bySource('NixOS/nixpkgs#243647'), client: 'server-log' },
  // Batch 28.
  { title: "pgconn's 'write failed: ' around Go's write error (pgx, not lib/pq)", text: bySource('openfga/openfga#176'), client: 'pgx' },
  { title: "the Cloud SQL Auth Proxy's lower-case 'refresh error' over Go's dial (a proxy log)", text: bySource('GoogleCloudPlatform/cloud-sql-proxy#2450'), client: 'server-log' },
  { title: 'a csvlog line (Greenplum/Cloudberry coordinator)', text: bySource('apache/cloudberry#1572'), client: 'server-log' },
  { title: "Laravel's source path in a stack frame (PHP)", text: bySource('laravel/sail#819'), client: 'php' },
  { title: "Debezium's package, its PostgreSQL connector runs on pgjdbc (JDBC)", text: bySource('aiven/devportal#1426'), client: 'jdbc' },
  { title: "Node's multi-address connect failure (AggregateError from internalConnectMultiple)", text: bySource('knaadh/nestjs-drizzle#20'), client: 'node-postgres' },
  { title: "Python's 'getaddrinfo failed' (a gaierror) is not Node's getaddrinfo", text: bySource('SciPhi-AI/R2R#2051'), client: null },
  { title: "Node's getaddrinfo with its code stays Node's", text: 'Error: getaddrinfo ENOTFOUND db\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)', client: 'node-postgres' },
  { title: 'a timestamp followed by a comma and quoted words that is not a csvlog line', text: '2024-01-01 10:00:00 UTC,"upload failed","retrying" in 5s', client: null },
  // Issue #13 client round: every disagreement with the label sorted (docs/clients.md); each new mark fires on a real text
  // and must not fire on its near miss.
  { title: "TypeORM CLI's 'Error during migration generation:'", text: bySource('typeorm/typeorm#5503'), client: 'typeorm' },
  { title: "an app's own 'Error during migration:' is not TypeORM's CLI", text: 'Error during migration: relation "users" does not exist', client: null },
  { title: "TypeORM's ConnectionNotFoundError", text: bySource('typeorm/typeorm#1816'), client: 'typeorm' },
  { title: "a Java ConnectionNotFoundException is not TypeORM's class", text: 'javax.microedition.io.ConnectionNotFoundException: connection not found', client: null },
  { title: "Sequelize's 'Please install pg package manually'", text: bySource('cockroachdb/sequelize-cockroachdb#148'), client: 'sequelize' },
  { title: 'installing an extension manually is not Sequelize', text: 'ERROR:  extension "pg_trgm" is not available. Please install the pg_trgm extension manually', client: null },
  { title: 'pg-hstore, which only Sequelize requires', text: bySource('miguelcobain/hapi-boilerplate#1'), client: 'sequelize' },
  { title: 'the hstore type missing on the server is not pg-hstore', text: 'ERROR:  type "hstore" does not exist', client: null },
  { title: "Sequelize's query log line 'Executing: <sql>'", text: bySource('sequelize/sequelize#571'), client: 'sequelize' },
  { title: "an app's 'Executing query:' line is not Sequelize's log", text: 'Executing query: SELECT 1\nError: connect ECONNREFUSED 127.0.0.1:5432', client: 'node-postgres' },
  { title: "Knex's CLI 'Using environment: production'", text: bySource('knex/knex#5342'), client: 'knex' },
  { title: "Sequelize CLI's quoted 'Using environment \"development\".' is not Knex", text: 'Loaded configuration file "config/config.json".\nUsing environment "development".\nERROR: connect ECONNREFUSED 127.0.0.1:5432', client: 'node-postgres' },
  { title: "Knex's query-error format '<sql> - <server message>'", text: bySource('bookshelf/bookshelf#940'), client: 'knex' },
  { title: "Knex's query-error format with JSON-escaped quotes (MikroORM over Knex)", text: bySource('exogee-technology/graphweaver#1195'), client: 'knex' },
  { title: "a select ending in ' - retrying' is not Knex's format", text: 'select from queue failed - retrying in 5s', client: null },
  { title: "deno-postgres's 'Unknown response for startup: '", text: bySource('eveningkid/denodb#169'), client: 'deno-postgres' },
  { title: "lib/pq's lower-case 'unknown response for startup' stays lib/pq", text: "pq: unknown response for startup: 'N'", client: 'lib-pq' },
  { title: "deno-postgres's ConnectionParamsError", text: bySource('denodrivers/postgres#121'), client: 'deno-postgres' },
  { title: 'postgres.js on Deno, naming only Deno, is not deno-postgres', text: bySource('denoland/deno#28510'), client: null },
  { title: "Django's CursorWrapper line over psycopg2", text: bySource('CSSS/csss-site#650'), client: 'django' },
  { title: "an app's own cur.execute(sql, params) stays psycopg2", text: '  File "app.py", line 9, in run\n    cur.execute(sql, params)\npsycopg2.errors.UndefinedTable: relation "t" does not exist', client: 'psycopg2' },
  { title: "django-environ's path (Django)", text: bySource('joke2k/django-environ#117'), client: 'django' },
  { title: "django-braces' path (Django)", text: bySource('ThetaTau/CMT#736'), client: 'django' },
  { title: 'environs (not django-environ) stays with the driver', text: '  File "/usr/lib/python3/site-packages/environs/__init__.py", line 10, in <module>\npsycopg2.OperationalError: could not connect to server', client: 'psycopg2' },
  { title: "the pg gem's ConnectionBad without its namespace (Rails)", text: bySource('judge0/judge0#146'), client: 'rails' },
  { title: 'a ConnectionBadState is not the pg gem', text: 'error: ConnectionBadState while reconnecting', client: null },
  { title: "Npgsql's '<SqlState>: <message>'", text: bySource('npgsql/efcore.pg#1429'), client: 'npgsql' },
  { title: "Npgsql's '28000: SSL connection is required' through an app", text: bySource('d4software/QueryTree#132'), client: 'npgsql' },
  { title: "Dart's 'PostgreSQLSeverity.fatal 28P01:' is not Npgsql's", text: bySource('serverpod/serverpod#119'), client: null },
  { title: "golang-migrate's 'ERROR 42P01:' is not Npgsql's", text: 'ERROR 42P01: table "user_info" does not exist', client: null },
  { title: 'a five-digit port before a colon is not a SQLSTATE', text: 'dial tcp 10.0.0.1:54321: connect: connection refused', client: 'lib-pq' },
  { title: ".NET's transport error under Npgsql", text: bySource('JasperFx/marten#446'), client: 'npgsql' },
  { title: ".NET's EndOfStreamException under Npgsql", text: bySource('npgsql/npgsql#906'), client: 'npgsql' },
  { title: ".NET's SocketException under Npgsql", text: bySource('npgsql/npgsql#1548'), client: 'npgsql' },
  { title: "Java's java.net.SocketException stays JDBC's", text: 'java.net.SocketException: Connection reset\n\tat java.net.SocketInputStream.read(SocketInputStream.java:210)', client: 'jdbc' },
  { title: "Java's EOFException is not .NET's", text: 'java.io.EOFException: Unable to read additional data from server', client: null },
  { title: "Diesel's infer_schema! macro", text: bySource('diesel-rs/diesel#237'), client: 'diesel' },
  { title: 'infer_schema without the macro bang is not Diesel', text: 'warning: infer_schema is deprecated, use a schema file', client: null },
  { title: "sqlx's Error::Io Debug print (Quickwit)", text: bySource('quickwit-oss/quickwit#1839'), client: 'sqlx' },
  { title: "tokio-postgres's Error Debug around the same io error stays tokio-postgres", text: 'Error { kind: Io, cause: Some(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }) }', client: 'tokio-postgres' },
  { title: "tokio-postgres's 'error performing TLS handshake'", text: bySource('grafbase/grafbase#1794'), client: 'tokio-postgres' },
  { title: "Go's TLS handshake error is not tokio-postgres's", text: 'remote error: tls: handshake failure', client: null },
  { title: "bb8's pool timeout (bb8-postgres over tokio-postgres)", text: bySource('maplibre/martin#496'), client: 'tokio-postgres' },
  { title: 'the pool name alone is not bb8\'s timeout', text: 'bb8 pool error: connection refused', client: null },
  { title: "database/sql's 'driver: bad connection' (lib/pq)", text: bySource('lib/pq#27'), client: 'lib-pq' },
  { title: "a 'bad connection string' is not database/sql's ErrBadConn", text: 'error: bad connection string', client: null },
  { title: "pg-connection-string's frame (node-postgres)", text: bySource('brianc/node-postgres#3376'), client: 'node-postgres' },
  { title: "pg's DatabaseError as JSON with its length field", text: bySource('testdrivenio/openfass-node-restful-api#1'), client: 'node-postgres' },
  { title: "a JSON error named 'error' without DatabaseError's length is not pg's", text: '{"name": "error", "message": "timeout"}', client: null },
  { title: "psql's 'Attempting reset: Failed.'", text: bySource('pramsey/pgsql-http#32'), client: 'libpq' },
  { title: "pg_restore's 'error returned by PQputCopyData:'", text: bySource('heroku/legacy-cli#1997'), client: 'libpq' },
  { title: "psql's prefix retyped without its space", text: bySource('RADAR-base/RADAR-Docker#207'), client: 'libpq' },
  { title: "a host named mypsql is not psql's prefix", text: 'connect to mypsql:5432 failed', client: null },
  { title: 'server log LOG lines', text: bySource('anchore/anchore-engine#955'), client: 'server-log' },
  { title: "the server log's 'at character N'", text: bySource('pantsel/konga#592'), client: 'server-log' },
  { title: "a client's LINE/caret position is not the server log's", text: 'ERROR:  syntax error at or near "FROM"\nLINE 1: SELEC * FROM t\n        ^', client: null },
  { title: "a '%t ' prefix without a pid and a STATEMENT line", text: bySource('zabbix-tools/libzbxpgsql#2'), client: 'server-log' },
  { title: "psql's NOTICE from a script is not the server log", text: 'psql:init.sql:3: NOTICE:  relation "t" already exists, skipping', client: 'libpq' },
  { title: "CloudNativePG's jsonlog record (error_severity)", text: bySource('trueforge-org/truecharts#17048'), client: 'server-log' },
  { title: "Heroku Postgres' sql_error_code log line", text: bySource('KlubJagiellonski/pola-backend#4804'), client: 'server-log' },
  { title: "pgBadger's prefix user=,db=,app=,client=", text: bySource('pgEdge/pgedge-docker#26'), client: 'server-log' },
  { title: 'a csvlog line with an empty pid', text: bySource('darold/pgbadger#257'), client: 'server-log' },
  { title: "Drizzle's NodePgPreparedQuery over pg", text: bySource('vm0-ai/vm0#35118'), client: 'drizzle' },
  { title: "Drizzle's PgDialect.migrate over pg-pool", text: bySource('lobehub/lobehub#3000'), client: 'drizzle' },
  { title: "pg-pool's own frame stays node-postgres", text: 'Error: Connection terminated unexpectedly\n    at PgPool.connect (/app/node_modules/pg-pool/index.js:45:11)', client: 'node-postgres' },
  { title: 'Alembic (SQLAlchemy) over psycopg2', text: bySource('travisluong/nfp-boilerplate#2'), client: 'sqlalchemy' },
  { title: "SQLAlchemy's DBAPI wrapper indented", text: bySource('seethroughlab/familiar#281'), client: 'sqlalchemy' },
  { title: "SQLAlchemy's DBAPI wrapper inside a repr", text: bySource('LinOTP/LinOTP#223'), client: 'sqlalchemy' },
  { title: "psycopg2's own exception after a parenthesis is not SQLAlchemy's wrapper", text: "raise OperationalError('connection failed')\npsycopg2.OperationalError: connection failed", client: 'psycopg2' },
  { title: "psycopg 3's pre-release package names (psycopg3_c, psycopg3_binary)", text: bySource('psycopg/psycopg#59'), client: 'psycopg3' },
  { title: "psycopg2's missing module is not psycopg 3", text: 'ImportError: No module named psycopg2', client: 'psycopg2' },
  { title: "psycopg2's 'invalid dsn: '", text: bySource('dalibo/temboard-agent#534'), client: 'psycopg2' },
  { title: "Go's 'invalid DSN:' is not psycopg2's", text: 'invalid DSN: missing "=" after "host"', client: null },
  { title: 'gorm.Open (GORM v2 on pgx)', text: bySource('eddycjy/blog#8'), client: 'pgx' },
  { title: "GORM's record-not-found is not a connection through pgx", text: 'gorm: record not found', client: null },
  { title: 'PgBouncer as an image path', text: bySource('bitnami/containers#25394'), client: 'pgbouncer' },
  { title: "PgBouncer named in a sentence over lib/pq's error is not PgBouncer's text", text: bySource('lib/pq#475'), client: null },
  { title: "PgBouncer named in a sentence over tokio-postgres' error", text: bySource('rust-postgres/rust-postgres#959'), client: null },
  // Batch 30: marks that named the wrong client.
  { title: "Sequel's adapter path over the PG:: error it raises (ruby-pg, not Rails)", text: bySource('jeremyevans/sequel#2228'), client: 'ruby-pg' },
  { title: 'a bare PG:: error without Sequel stays Rails', text: "PG::ConnectionBad: PQsocket() can't get socket descriptor\n  from app/models/user.rb:12:in `find'", client: 'rails' },
  { title: "a C module's 'in pg_connect():' is not PHP's warning", text: bySource('zabbix-tools/libzbxpgsql#27'), client: null },
  { title: "PHP's 'pg_connect(): Unable to connect'", text: 'PHP Warning:  pg_connect(): Unable to connect to PostgreSQL server: could not connect to server: Connection refused', client: 'php' },
  { title: "PHP's older 'pg_query() expects parameter'", text: 'Warning: pg_query() expects parameter 1 to be resource, boolean given in /var/www/index.php on line 12', client: 'php' },
  { title: "PgBouncer's own 'pgbouncer cannot connect to server'", text: 'ERROR:  pgbouncer cannot connect to server', client: 'pgbouncer' },
  // Batch 32: marks each client prints, and the near miss each must not take.
  { title: "Pgpool-II's log prefix before the getaddrinfo it quotes", text: bySource('bitnami/charts#3306'), client: 'server-log' },
  { title: "Pgpool-II 4.2+'s prefix with the process name", text: bySource('bitnami/charts#21345'), client: 'server-log' },
  { title: "Node's getaddrinfo without Pgpool-II's prefix stays node-postgres", text: 'Error: getaddrinfo ENOTFOUND db\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)', client: 'node-postgres' },
  { title: "PgBouncer's 'server login has been failing'", text: bySource('pgbouncer/pgbouncer#1094'), client: 'pgbouncer' },
  { title: "PgBouncer's refusal relayed by psycopg2 stays psycopg2", text: 'psycopg2.OperationalError: server login has been failing, try again later (server_login_retry)', client: 'psycopg2' },
  { title: "HikariCP's 'Failed to initialize pool: '", text: bySource('appsmithorg/appsmith#12982'), client: 'jdbc' },
  { title: "a Go app's own 'failed to initialize pool:' over pgconn stays pgx", text: 'failed to initialize pool: failed to connect to `host=db user=app database=app`: dial error (dial tcp 10.0.0.5:5432: connect: connection refused)', client: 'pgx' },
  { title: "sqlx's driver crate as a log target (sqlx_postgres::options::pgpass)", text: bySource('LukeMathWalker/zero-to-production#269'), client: 'sqlx' },
  { title: "n8n's own package (its TypeORM database) in a frame", text: bySource('sarveshpro/n8n-heroku#20'), client: 'typeorm' },
  { title: "pg bundled under n8n's package (its Postgres node) stays node-postgres", text: 'error: password authentication failed for user "app"\n    at /usr/local/lib/node_modules/n8n/node_modules/pg-pool/index.js:45:11', client: 'node-postgres' },
];

for (const { title, text, client } of LAYERS) {
  test(`client detection: ${title} is ${client}`, () => {
    assert.equal(detectClient(text), client);
  });
}

// Two marks hold no literal for the prefilter and are tried only at their pin (client.ts): Npgsql's
// "<SqlState>: <message>" at each ': ', a server log's timestamp before a pid at each ':'. Every other mark
// has anchors, so no mark runs over every text.
test('client detection: only the two pinned marks are tried without anchors', () => {
  assert.equal(CLIENT_MARKER_ANCHORS.filter((anchors) => anchors === null).length, 2);
});

const PINNED: { text: string; client: ClientId | null }[] = [
  { text: '28P01: password authentication failed for user "app"', client: 'npgsql' },
  { text: 'x 53300: sorry, too many clients already', client: 'npgsql' },
  { text: "Npgsql said '08006: SSL error'", client: 'npgsql' },
  { text: '(53300: sorry, too many clients already', client: 'npgsql' },
  { text: 'ERROR 28P01: password authentication failed', client: null },
  { text: 'PostgreSQLSeverity.fatal 28P01: password authentication failed', client: null },
  { text: 'a53300: sorry, too many clients already', client: null },
  { text: '53300: Sorry, too many clients already', client: null },
  { text: '10:00:00 UTC [1] FATAL: x', client: 'server-log' },
  { text: '2024-05-01 10:00:00.123 +02:00 [123-1] FATAL: x', client: 'server-log' },
  { text: '2024-05-01 10:00:00.123 UTC FATAL: x', client: null },
  { text: '1:00:00 UTC [1] FATAL: x', client: null },
  { text: '10:00:00Z [1] FATAL: x', client: null },
];

for (const { text, client } of PINNED) {
  test(`client detection at a pin: ${JSON.stringify(text)} is ${client}`, () => {
    assert.equal(detectClient(text), client);
  });
}
