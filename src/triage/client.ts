// Names the client stack a pasted text came from, by the marks each stack
// leaves in its messages and stack traces. The layer that owns the pool comes
// first (SQLAlchemy over psycopg2, TypeORM over pg), because that is where a
// runbook's client-specific fix applies.
import type { ClientId } from './types.ts';

const MARKERS: readonly { client: ClientId; pattern: RegExp }[] = [
  // Prisma: P-codes, engine and client names (prisma.io/docs/orm/reference/error-reference).
  { client: 'prisma', pattern: /\bPrisma|\bprisma[:.\s/]|\bP(?:10\d\d|20\d\d|30\d\d)\b|migration_engine|sql_migration_connector|Error querying the database: db error/ },
  { client: 'typeorm', pattern: /typeorm|QueryFailedError|DriverPackageNotInstalledError/i },
  { client: 'drizzle', pattern: /drizzle/i },
  { client: 'sqlalchemy', pattern: /sqlalchemy|sqlalche\.me/i },
  { client: 'django', pattern: /\bdjango\b/i },
  { client: 'ruby-pg', pattern: /\bPG::[A-Z]|ActiveRecord::|\bactiverecord\b/ },
  { client: 'neon-serverless', pattern: /@neondatabase\/serverless|NeonDbError/ },
  // postgres.js: PostgresError class and its upper-case connection error codes.
  { client: 'postgres-js', pattern: /\bPostgresError\b|node_modules\/postgres\/|\b(?:CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)\b/ },
  { client: 'asyncpg', pattern: /asyncpg/ },
  { client: 'psycopg3', pattern: /\bpsycopg\.|psycopg_pool|\bpsycopg\b(?!2)/ },
  { client: 'psycopg2', pattern: /psycopg2/ },
  { client: 'jdbc', pattern: /org\.postgresql|PSQLException|HikariPool|com\.zaxxer|java\.(?:net|sql)\./ },
  { client: 'pgx', pattern: /\bpgx\b|pgconn|pgxpool|jackc\/pgx|\(SQLSTATE [0-9A-Z]{5}\)/ },
  { client: 'lib-pq', pattern: /\bpq: |lib\/pq/ },
  { client: 'node-postgres', pattern: /node_modules[\\/]pg(?:-pool|-protocol)?[\\/]|\bpg-pool\b|\bpg-protocol\b|TCPConnectWrap|\bconnect ECONNREFUSED\b|getaddrinfo/ },
  { client: 'pgbouncer', pattern: /pgbouncer/i },
  { client: 'libpq', pattern: /\b(?:psql|pg_dump|pg_restore|pg_isready|createdb): |PQconsumeInput|fe_sendauth/ },
  // A server log line: `2024-01-01 10:00:00.000 UTC [123] FATAL:`.
  { client: 'server-log', pattern: /\d\d:\d\d:\d\d(?:\.\d{1,6})? [A-Z]{2,5} \[\d{1,9}\]/ },
];

export function detectClient(text: string): ClientId | null {
  for (const { client, pattern } of MARKERS) {
    if (pattern.test(text)) return client;
  }
  return null;
}
