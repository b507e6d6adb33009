// Structure before words (src/triage/inner-error.ts): the innermost error,
// its SQLSTATE, severity, errno and driver code are read off the wrappers'
// shape, and the classifier lets the innermost error decide. Proven three
// ways: the facts read off real wrapper shapes; every known single-line
// regression text wrapped in real wrapper shapes whose own words name another
// family keeps its family with no pattern for the wrapper; and near misses
// where the wrapped error is unrelated, which must not be forced into a family.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triage } from '../../../src/triage/classify.ts';
import { innerError, structuredSqlstates } from '../../../src/triage/inner-error.ts';
import { normalize } from '../../../src/triage/normalize.ts';
import type { FamilyId } from '../../../src/triage/types.ts';
import { readFixture, regressionFixtures } from '../../support/family-tester.ts';

const facts = (text: string) => innerError(normalize(text).text);

test('the innermost message and its facts are read off each wrapper shape', () => {
  const cases: { shape: string; source: string; text: string; message: string; sqlstate?: string; severity?: string; errno?: string; driverCode?: string }[] = [
    {
      shape: '.NET inner exception',
      source: 'npgsql/npgsql#4716 (outer "Unable to connect to a suitable host. Check inner exception for more details."), npgsql/npgsql#5249 (inner)',
      text: 'Npgsql.NpgsqlException (0x80004005): Unable to connect to a suitable host. Check inner exception for more details.\n ---> Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "mediastore"\n   at Npgsql.Internal.NpgsqlConnector.<ReadMessage>g__ReadMessageLong|0()',
      message: 'Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "mediastore"',
      sqlstate: '28P01',
    },
    {
      shape: 'Java Caused by',
      source: 'apache/shardingsphere#13016 (HikariCP pool initialization around pgjdbc)',
      text: 'com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool: FATAL: sorry, too many clients already\n\tat com.zaxxer.hikari.pool.HikariPool.throwPoolInitializationException(HikariPool.java:576)\nCaused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:514)',
      message: 'org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
      severity: 'FATAL',
    },
    {
      shape: 'Python exception chain',
      source: 'django/django django/db/utils.py DatabaseErrorWrapper (raise ... from exc_value); psycopg2 message from jabrell/pyeutl#1',
      text: 'Traceback (most recent call last):\n  File "/app/django/db/backends/base/base.py", line 289, in ensure_connection\n    self.connect()\npsycopg2.OperationalError: FATAL:  password authentication failed for user "eutlAdmin"\n\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "/app/manage.py", line 22, in <module>\n    main()\ndjango.db.utils.OperationalError: FATAL:  password authentication failed for user "eutlAdmin"',
      message: 'FATAL:  password authentication failed for user "eutlAdmin"',
      severity: 'FATAL',
    },
    {
      shape: 'SQLAlchemy driver prefix',
      source: 'openstate/open-raadsinformatie#198',
      text: '(psycopg2.OperationalError) FATAL: sorry, too many clients already (Background on this error at: http://sqlalche.me/e/e3q8)',
      message: 'FATAL: sorry, too many clients already',
      severity: 'FATAL',
      driverCode: 'e3q8',
    },
    {
      shape: "Elixir connect failure logged before the caller's DBConnection error",
      source: 'flynn/flynn#3531; elixir-ecto/db_connection lib/db_connection/connection.ex ("failed to connect: " + the reason\'s banner)',
      text: '14:30:03.227 [error] Postgrex.Protocol (#PID<0.210.0>) failed to connect: ** (Postgrex.Error) ssl not available\n** (DBConnection.ConnectionError) connection not available because of disconnection\n(db_connection) lib/db_connection.ex:718: DBConnection.checkout/2',
      message: 'ssl not available',
    },
    {
      shape: 'Elixir raised exception with a condition name',
      source: 'gigalixir docs via find_string ("failed to connect: ** (Postgrex.Error) FATAL 53300 (too_many_connections)")',
      text: '[error] Postgrex.Protocol (#PID<0.317.0>) failed to connect: ** (Postgrex.Error) FATAL 53300 (too_many_connections) too many connections for role "zdohngdcffzazj"',
      message: 'FATAL 53300 (too_many_connections) too many connections for role "zdohngdcffzazj"',
      sqlstate: '53300',
      severity: 'FATAL',
    },
    {
      shape: 'PHP PDO in a Laravel QueryException',
      source: 'laravel/framework#47319 (SQLSTATE[08006] [7] with the Laravel tail)',
      text: 'SQLSTATE[08006] [7] FATAL:  password authentication failed for user "forge" (Connection: pgsql, SQL: select * from "users")',
      message: 'FATAL:  password authentication failed for user "forge"',
      sqlstate: '08006',
      driverCode: '7',
    },
    {
      shape: 'JSON error body in a message',
      source: 'neondatabase/neon proxy/src/serverless/sql_over_http.rs (error body: message, code, severity); neondatabase/neon#9532',
      text: 'NeonDbError: Server error (HTTP status 400): {"message":"password authentication failed for user \'neondb_owner\'","code":"28P01","severity":"FATAL"}',
      message: "password authentication failed for user 'neondb_owner'",
      sqlstate: '28P01',
      severity: 'FATAL',
    },
    {
      shape: 'Rust anyhow numbered causes',
      source: 'dtolnay/anyhow Debug format ("Caused by:" then "    0: ..."); std::io::Error "(os error 111)"',
      text: 'Error: failed to connect\n\nCaused by:\n    0: error communicating with database: Connection refused (os error 111)\n    1: Connection refused (os error 111)',
      message: 'Connection refused (os error 111)',
      errno: 'ECONNREFUSED',
    },
    {
      shape: 'Clojure #error map',
      source: 'akvo/akvo-lumen#3167',
      text: '#error {\n :cause FATAL: remaining connection slots are reserved for non-replication superuser connections\n :via\n [{:type com.zaxxer.hikari.pool.HikariPool$PoolInitializationException\n   :message Failed to initialize pool: FATAL: remaining connection slots are reserved for non-replication superuser connections}]}',
      message: 'FATAL: remaining connection slots are reserved for non-replication superuser connections',
      severity: 'FATAL',
    },
  ];
  for (const c of cases) {
    const found = facts(c.text);
    assert.equal(found.message?.value, c.message, c.shape);
    if (c.sqlstate) assert.ok(found.sqlstates.some((s) => s.value === c.sqlstate), `${c.shape}: sqlstate ${c.sqlstate}`);
    if (c.severity) assert.equal(found.severity?.value, c.severity, `${c.shape}: severity`);
    if (c.errno) assert.equal(found.errno?.value, c.errno, `${c.shape}: errno`);
    if (c.driverCode) assert.equal(found.driverCode?.value, c.driverCode, `${c.shape}: driver code`);
  }
});

test('a text with no wrapper has no innermost message, and the facts still read', () => {
  const found = facts("Error: connect ECONNREFUSED 10.0.0.7:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.0.0.7',\n  port: 5432\n}");
  assert.equal(found.message, null);
  assert.deepEqual(found.wrappers, []);
  assert.equal(found.errno?.value, 'ECONNREFUSED');
  assert.equal(found.syscall?.value, 'connect');
});

test('SQLSTATEs are read from labelled fields and condition names, never from ports, line numbers or client codes', () => {
  const codes = (text: string) => structuredSqlstates(text).map((found) => found.value);
  // node-postgres (brianc/node-postgres#1511), Flyway (lymengg/spring-boilerplate#65), pgx, tokio-postgres, Druid (it4alla/scalog#43).
  assert.deepEqual(codes("severity: 'FATAL',\n  code: '28P01',"), ['28P01']);
  assert.deepEqual(codes('SQL State  : 28P01\nError Code : 0'), ['28P01']);
  assert.deepEqual(codes('FATAL: sorry, too many clients already (SQLSTATE 53300)'), ['53300']);
  assert.deepEqual(codes('Error { kind: Db, cause: Some(DbError { severity: "FATAL", code: SqlState(E53300) }) }'), ['53300']);
  assert.deepEqual(codes('create connection SQLException, url: jdbc:postgresql://ip:port/db, errorCode 0, state 53300'), ['53300']);
  // Condition names: asyncpg, psycopg, Postgrex.
  assert.deepEqual(codes('asyncpg.exceptions.InvalidCatalogNameError: database "x" does not exist'), ['3D000']);
  assert.deepEqual(codes('psycopg.errors.InsufficientPrivilege: permission denied for schema public'), ['42501']);
  assert.deepEqual(codes('** (Postgrex.Error) FATAL (invalid_password): password authentication failed for user "postgres"'), ['28P01']);
  // Not codes: Prisma's P1001, a port, a Windows socket error, a line number, an unknown snake name.
  assert.deepEqual(codes("code: 'P1001'"), []);
  assert.deepEqual(codes('port: 54321, code: 10061'), []);
  assert.deepEqual(codes('at Connection.parseE (connection.js:54600:11) (some_other_thing)'), []);
});

// Real wrapper shapes whose own words name a family (HikariCP's and DBConnection's
// pool timeout, Laravel's 08006) or nothing (EF Core's transient failure).
const WRAPPERS: Record<string, { source: string; wrap: (inner: string) => string }> = {
  'EF Core retrying strategy (.NET --->)': {
    source: 'dotnet/efcore CoreStrings.TransientExceptionDetected; npgsql/efcore.pg NpgsqlRetryingExecutionStrategy',
    wrap: (t) => `System.InvalidOperationException: An exception has been raised that is likely due to a transient failure. Consider enabling transient error resiliency by adding 'EnableRetryOnFailure' to the 'UseNpgsql' call.\n ---> ${t}\n   at Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)\n   --- End of inner exception stack trace ---`,
  },
  'Spring + HikariCP timeout with the last connection failure as cause (Java Caused by)': {
    source: 'brettwooldridge/HikariCP HikariPool.createTimeoutException (cause = lastConnectionFailure); spring-projects/spring-framework DataSourceUtils',
    wrap: (t) => `org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.\n\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:83)\nCaused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n\t... 12 common frames omitted\nCaused by: ${t}\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:354)\n\t... 1 common frames omitted`,
  },
  'Django re-raising the driver error (Python chain)': {
    source: 'django/django django/db/utils.py DatabaseErrorWrapper.__exit__ (raise dj_exc_value.with_traceback(traceback) from exc_value)',
    wrap: (t) => `Traceback (most recent call last):\n  File "/app/django/db/backends/base/base.py", line 289, in ensure_connection\n    self.connect()\npsycopg2.OperationalError: ${t}\n\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "/app/manage.py", line 22, in <module>\n    main()\ndjango.db.utils.OperationalError: ${t}`,
  },
  'SQLAlchemy driver prefix': {
    source: 'sqlalchemy/sqlalchemy lib/sqlalchemy/exc.py StatementError.__str__ ("(driver.Class) message" and the Background link); openstate/open-raadsinformatie#198',
    wrap: (t) => `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) ${t}\n\n(Background on this error at: https://sqlalche.me/e/20/e3q8)`,
  },
  'Ecto pool queue timeout then the Postgrex connect failure': {
    source: 'elixir-ecto/db_connection DBConnection.ConnectionError "connection not available and request was dropped from queue after"; Postgrex.Protocol "failed to connect: ** (Postgrex.Error)" (gigalixir docs, find_string)',
    wrap: (t) => `** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 2000ms. This means requests are coming in and your connection pool cannot serve them fast enough.\n[error] Postgrex.Protocol (#PID<0.449.0>) failed to connect: ** (Postgrex.Error) ${t}`,
  },
  'Laravel QueryException over PHP PDO': {
    source: 'laravel/framework Illuminate/Database/QueryException.php; laravel/framework#47319',
    wrap: (t) => `Illuminate\\Database\\QueryException: SQLSTATE[08006] [7] ${t} (Connection: pgsql, SQL: select * from "sessions" where "id" = ? limit 1)`,
  },
  'a JSON error body (Neon SQL over HTTP)': {
    source: 'neondatabase/neon proxy/src/serverless/sql_over_http.rs; neondatabase/serverless NeonDbError',
    wrap: (t) => `NeonDbError: Server error (HTTP status 500): {"message":${JSON.stringify(t)},"code":"XX000"}`,
  },
  'Rust anyhow causes': {
    source: 'dtolnay/anyhow Debug format; launchbadge/sqlx "error returned from database: "',
    wrap: (t) => `Error: failed to run migrations\n\nCaused by:\n    0: error returned from database: ${t}\n    1: ${t}`,
  },
  'Clojure #error map around HikariCP': {
    source: 'akvo/akvo-lumen#3167',
    wrap: (t) => `#error {\n :cause ${t}\n :via\n [{:type com.zaxxer.hikari.pool.HikariPool$PoolInitializationException\n   :message Failed to initialize pool: ${t}}]}`,
  },
};

interface Row {
  id: string;
  family: FamilyId;
  accept?: FamilyId[];
  text: string;
}

// One-line texts of a known error (a row whose label accepts `unknown` is prose, not an error).
const known = regressionFixtures()
  .flatMap((name) => readFixture<Row>(name))
  .filter((row) => !row.text.includes('\n') && row.text.length <= 300 && row.family !== 'unknown' && !(row.accept ?? []).includes('unknown'));

test('enough one-line known errors to wrap', () => {
  assert.ok(known.length >= 100, `only ${known.length}`);
});

for (const [shape, { wrap }] of Object.entries(WRAPPERS)) {
  test(`a known error keeps its family inside ${shape}`, () => {
    const changed: string[] = [];
    for (const row of known) {
      const got = triage(wrap(row.text)).family;
      if (got !== row.family && !(row.accept ?? []).includes(got)) changed.push(`${row.id}: ${row.family} → ${got}`);
    }
    assert.deepEqual(changed, []);
  });
}

test('the innermost error decides over the wrapper, with the evidence from the innermost message', () => {
  // HikariCP's own words are a pool timeout; the cause it carries is the server's answer.
  const cause = 'org.postgresql.util.PSQLException: FATAL: remaining connection slots are reserved for non-replication superuser connections';
  const text = WRAPPERS['Spring + HikariCP timeout with the last connection failure as cause (Java Caused by)']!.wrap(cause);
  const result = triage(text);
  assert.equal(result.family, 'too_many_connections');
  assert.ok(result.evidence[0]!.start >= text.indexOf(cause), JSON.stringify(result.evidence[0]));
});

test('a SQLSTATE in a shape no pattern spells decides through the code its family owns', () => {
  // Druid's log line carries only the code (it4alla/scalog#43, message cut).
  const result = triage('ERROR c.a.d.p.DruidDataSource - create connection SQLException, url: jdbc:postgresql://ip:port/middleground, errorCode 0, state 53300');
  assert.equal(result.family, 'too_many_connections');
  assert.equal(result.evidence[0]?.rule, 'too_many_connections/sqlstate-53300');
  assert.equal(result.evidence[0]?.text, '53300');
});

// Near misses: the wrapper's shape alone must not name a family.
const UNRELATED: { title: string; source: string; text: string }[] = [
  {
    title: 'Hibernate grammar error around a missing column',
    source: 'hibernate/hibernate-orm SQLGrammarException "could not extract ResultSet"; PostgreSQL 42703',
    text: 'org.hibernate.exception.SQLGrammarException: could not extract ResultSet\n\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:103)\nCaused by: org.postgresql.util.PSQLException: ERROR: column u.emial does not exist\n\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2553)',
  },
  {
    title: 'EF Core save failure around a unique violation',
    source: 'dotnet/efcore DbUpdateException "An error occurred while saving the entity changes. See the inner exception for details."',
    text: 'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.\n ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value violates unique constraint "PK_users"',
  },
  {
    title: 'EF Core transient-failure wrapper around a null reference',
    source: 'dotnet/efcore CoreStrings.TransientExceptionDetected',
    text: 'System.InvalidOperationException: An exception has been raised that is likely due to a transient failure. ---> System.NullReferenceException: Object reference not set to an instance of an object.',
  },
  {
    title: 'SQLAlchemy around psycopg2 UndefinedColumn (a column, not a relation)',
    source: 'sqlalchemy ProgrammingError with psycopg2.errors.UndefinedColumn',
    text: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedColumn) column "emial" does not exist',
  },
  {
    title: 'a Neon JSON error body holding a syntax error',
    source: 'neondatabase/neon sql_over_http error body',
    text: 'NeonDbError: Server error (HTTP status 400): {"message":"syntax error at or near \\"SELEC\\"","code":"42601"}',
  },
  {
    title: 'a node-postgres error whose code no family owns',
    source: 'brianc/node-postgres DatabaseError fields; PostgreSQL 42703 undefined_column',
    text: "{ length: 120, severity: 'ERROR', code: '42703', file: 'parse_relation.c' }",
  },
  {
    title: 'Laravel PDO around a duplicate table',
    source: 'laravel/framework QueryException; PostgreSQL 42P07',
    text: 'SQLSTATE[42P07]: Duplicate table: 7 ERROR:  relation "users" already exists (Connection: pgsql, SQL: create table "users")',
  },
  {
    title: 'Ecto around an undefined column, by condition name',
    source: 'Postgrex.Error format "ERROR 42703 (undefined_column)"',
    text: '** (Postgrex.Error) ERROR 42703 (undefined_column) column "emial" does not exist',
  },
];

for (const nearMiss of UNRELATED) {
  test(`near miss: ${nearMiss.title} is not forced into a family`, () => {
    assert.equal(triage(nearMiss.text).family, 'unknown');
  });
}
