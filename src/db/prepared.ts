// Named (prepared) statements for the store's hot statements: PostgreSQL parses
// and plans a named statement once per connection instead of on every call. A
// message post's two statements spent more than half of the store's CPU per
// post in parsing and planning (docs/pool.md, "Prepared statements").
//
// A transaction-mode pooler without protocol-level prepared statements
// (PgBouncer before 1.21, or its max_prepared_statements = 0) hands the next
// statement to another server connection, which answers 26000 "prepared
// statement ... does not exist" or 42P05 "prepared statement ... already
// exists". Both come from Parse or Bind, before the statement ran, so it is
// sent again unnamed, which is safe, and this process names no statement again.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type pino from 'pino';

const NOT_PREPARED = new Set(['26000', '42P05']);

export interface PreparedStatements {
  /** Runs `text` as a named statement while the server keeps them, unnamed after. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>>;
  /** False once a pooler lost a named statement. */
  readonly named: boolean;
}

export function preparedStatements(pool: Pick<pg.Pool, 'query'>, logger: Pick<pino.Logger, 'warn'>): PreparedStatements {
  let named = true;
  // One name per text: node-postgres refuses a name reused for another text on a connection.
  const names = new Map<string, string>();
  const nameOf = (name: string, text: string) => {
    let full = names.get(text);
    if (full === undefined) names.set(text, (full = `pgtriage_${name}_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`));
    return full;
  };
  return {
    get named() {
      return named;
    },
    async query<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) {
      if (!named) return pool.query<R>(text, values);
      try {
        return await pool.query<R>({ name: nameOf(name, text), text, values });
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (!NOT_PREPARED.has(code)) throw error;
        if (named) {
          named = false;
          logger.warn({ event: 'store_prepared_statements_off', code }, 'the store lost a prepared statement (a transaction-mode pooler without prepared statement support): statements are no longer prepared');
        }
        return pool.query<R>(text, values);
      }
    },
  };
}
