// None of the families, said honestly. Its patterns are errors a user pastes
// that are known NOT to be connection problems (query bugs, constraint
// violations, statement timeouts): they win over a weak look-alike elsewhere.
import { runbook } from '../runbooks/unknown.ts';
import type { FamilyModule } from '../family.ts';
import { sqlstate } from '../sqlstate.ts';

export const family: FamilyModule = {
  meta: {
    id: 'unknown',
    title: 'Not a known connection error',
    summary: 'The text matches no family: the runbook asks for the exact error text.',
  },
  patterns: [
    sqlstate('57014', 0.9, 'query_canceled (statement timeout, not a connect timeout)'),
    sqlstate('40P01', 0.9, 'deadlock_detected'),
    sqlstate('23505', 0.9, 'unique_violation'),
    sqlstate('42601', 0.85, 'syntax_error'),
    {
      id: 'query-error',
      kind: 'wording',
      pattern: /canceling statement due to (?:statement timeout|lock timeout|user request)|deadlock detected|duplicate key value violates unique constraint|violates (?:foreign key|not-null|check) constraint|syntax error at or near|current transaction is aborted|could not serialize access/i,
      weight: 0.9,
      clients: ['any'],
      source: 'PostgreSQL statement-level errors (57014, 40P01, 23xxx, 42601, 25P02, 40001): a query problem, not a connection one',
    },
    {
      id: 'query-shape-error',
      kind: 'wording',
      pattern: /bind message supplies \d{1,5} parameters?, but prepared statement "[^"\n]{0,64}" requires \d{1,5}|column "[^"\n]{1,128}" (?:of relation "[^"\n]{1,256}" )?does not exist|(?:type|function|operator|extension) "?[^"\n]{1,128}"? does not exist|(?:relation|database|role|schema) "[^"\n]{1,128}" already exists|invalid input syntax for|value too long for type|cached plan must not change result type/i,
      weight: 0.85,
      clients: ['any'],
      source: 'PostgreSQL 08P01 bind mismatch, 42703, 42704/42883 (type or function missing: an extension not installed), 42P07/42P04/42710 (already exists), 22P02, 22001, 0A000: query or schema-drift bugs (payloadcms/payload#5263)',
    },
    {
      id: 'pg-query-read-timeout',
      kind: 'wording',
      pattern: /Query read timeout/,
      weight: 0.85,
      clients: ['node-postgres'],
      source: 'brianc/node-postgres client.js query_timeout: a query timeout, not a connect timeout',
    },
    {
      // Application lifecycle bugs: the client or pool was used after it was ended.
      id: 'client-lifecycle-error',
      kind: 'wording',
      pattern: /another operation is in progress|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|Client has already been connected/,
      weight: 0.8,
      clients: ['asyncpg', 'node-postgres'],
      source: 'asyncpg InterfaceError "cannot perform operation: another operation is in progress"; node-postgres client.js / pg-pool index.js',
    },
  ],
  runbook,
};
