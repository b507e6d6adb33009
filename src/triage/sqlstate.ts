// Builds the pattern for one SQLSTATE as clients print it: `code: '28P01'`
// (node-postgres), `(SQLSTATE 28P01)` (pgx), `SQLSTATE[08006]` (PHP PDO),
// `SqlState(E3D000)` (tokio-postgres inside Prisma and the Neon proxy),
// `SQL State: 53300` / `SQLState: 53300` (JDBC, Hibernate), `pgcode`
// (psycopg2), `FATAL:  53300:` (psql with VERBOSITY verbose). Codes with a
// letter are distinctive alone; all-digit codes need one of those labels
// so that a port or a line number never reads as a code.
import type { FamilyId } from './types.ts';
import type { FamilyPattern, PatternClient } from './family.ts';

const ERRCODES = 'PostgreSQL src/backend/utils/errcodes.txt (13-17)';
const PRINTED_BY: readonly PatternClient[] = ['node-postgres', 'pgx', 'jdbc', 'psycopg2', 'asyncpg', 'prisma', 'neon-proxy', 'libpq', 'server-log'];
const LABEL = String.raw`(?:\bcode|\bsqlstate|\bsql_state|\bsql state|\bpgcode|\bSqlState\(E|\bFATAL:|\bERROR:)["'\s:=(\[]{0,5}`;

export function sqlstate(
  code: string,
  weight: number,
  condition: string,
  alternatives?: readonly { family: FamilyId; weight: number }[],
): FamilyPattern {
  const pattern = /[A-Z]/.test(code)
    ? // The literal comes first so the engine can skip ahead to it; the lookbehind then checks its left edge.
      new RegExp(String.raw`${code}(?<=(?:^|[^A-Za-z0-9]|SqlState\(E)${code})(?![A-Za-z0-9])`)
    : new RegExp(String.raw`${LABEL}${code}(?![A-Za-z0-9])`, 'i');
  return {
    id: `sqlstate-${code}`,
    kind: 'sqlstate',
    pattern,
    weight,
    clients: PRINTED_BY,
    source: `${ERRCODES}: ${code} ${condition}`,
    ...(alternatives ? { alternatives } : {}),
  };
}
