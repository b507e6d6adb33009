// The shapes every family module, the classifier, the runbook walker and the
// interfaces (CLI, HTTP, chat) share. Family ids are the contract of
// docs/families.md.

export const FAMILY_IDS = [
  'auth_failed',
  'cannot_connect',
  'connect_timeout',
  'database_missing',
  'driver_missing',
  'env_missing',
  'neon_endpoint',
  'permission_denied',
  'pool_timeout',
  'pooler_incompatible',
  'role_missing',
  'schema_missing',
  'ssl_required',
  'ssl_unsupported',
  'ssl_verify_failed',
  'stale_connection',
  'too_many_connections',
  'unknown',
  'url_malformed',
] as const;

export type FamilyId = (typeof FAMILY_IDS)[number];

/**
 * The client stacks triage can name (`client` in `triage --json`, and the key
 * of a runbook step's client variants). An id names the layer that owns the
 * connection or the pool, because that is where a fix applies: `sqlalchemy`
 * over psycopg2, `rails` over ruby-pg, `spring` over HikariCP and pgjdbc.
 * Documented in docs/clients.md; keep the two in step.
 */
export const CLIENT_IDS = [
  // Node.js and other JavaScript runtimes
  'node-postgres',
  'typeorm',
  'prisma',
  'drizzle',
  'sequelize',
  'knex',
  'kysely',
  'mikro-orm',
  'postgres-js',
  'neon-serverless',
  'vercel-postgres',
  'bun-sql',
  'deno-postgres',
  // Python
  'psycopg2',
  'psycopg3',
  'sqlalchemy',
  'asyncpg',
  'django',
  // Ruby
  'ruby-pg',
  'rails',
  // JVM
  'jdbc',
  'spring',
  'r2dbc',
  // Go
  'pgx',
  'lib-pq',
  // Rust
  'sqlx',
  'tokio-postgres',
  'diesel',
  // .NET (Npgsql, EF Core)
  'npgsql',
  // Elixir (Postgrex, Ecto)
  'postgrex',
  // PHP (PDO pgsql, the pgsql extension, Laravel, Doctrine)
  'php',
  // libpq's own tools (psql, pg_dump, createdb ...) and GUI clients
  'libpq',
  'gui',
  // Not a client: a pooler's or the server's own log line
  'pgbouncer',
  'server-log',
] as const;

/** The client stack a text came from, when the text says so. */
export type ClientId = (typeof CLIENT_IDS)[number];

export function isClientId(value: string): value is ClientId {
  return (CLIENT_IDS as readonly string[]).includes(value);
}

/** Where a client's way of doing a check or a fix differs from the general one. */
export interface ClientVariant {
  verify?: string;
  fix?: string;
}

/** One check of a runbook: what to do, how to see the answer, and the fix. */
export interface RunbookStep {
  /** snake_case, unique within its family; the lesson's first checks are contract ids. */
  id: string;
  title: string;
  /** What to do, in one or two sentences. */
  action: string;
  /** The command to run or the place to look. */
  verify: string;
  /** What "confirmed" (this is the cause) looks like. */
  confirmed: string;
  /** What "ruled out" (not the cause) looks like. */
  ruledOut: string;
  /** The fix when confirmed. */
  fix: string;
  /** Source of the step (provider or driver docs), for the next reader. */
  source?: string;
  clientVariants?: Partial<Record<ClientId, ClientVariant>>;
}

export interface Runbook {
  family: FamilyId;
  steps: RunbookStep[];
  /** What to collect and send when every check is ruled out. */
  collectNext: string[];
}

export type EvidenceKind = 'sqlstate' | 'errno' | 'client-code' | 'wording';

/** A span of the (redacted) text that decided, or supported, the family. */
export interface Evidence {
  text: string;
  start: number;
  end: number;
  kind: EvidenceKind;
  /** The pattern that matched, e.g. `auth_failed/sqlstate-28P01`. */
  rule: string;
}

export interface Alternative {
  family: FamilyId;
  confidence: number;
}

export interface TriageResult {
  family: FamilyId;
  /** 0..1, calibrated: 1 only when a structured code decides alone. */
  confidence: number;
  evidence: Evidence[];
  alternatives: Alternative[];
  /** The text held a live secret (a password, an API key): rotate it. */
  secretExposed: boolean;
  /** When secretExposed: what was found and how to rotate it, to show the user. */
  secretNotice?: string;
  client: ClientId | null;
  runbook: Runbook;
  /** The input with every secret replaced; the only form of it anything keeps. */
  redactedText: string;
}
