import type { FindingRule } from './types.ts';

// The details live in report.readers (readers.ts); this finding makes them
// visible in the list.
const WEIGHTY = new Set(['node_postgres_rejects', 'keyword_value_unsupported', 'user_differs', 'password_differs', 'host_differs', 'port_differs', 'database_differs', 'multi_host_unsupported', 'tls_default', 'query_lost', 'sslrootcert_system']);

export const rule: FindingRule = {
  meta: { id: 'node_postgres_differs', severity: 'warn', description: 'node-postgres reads the string differently from libpq.' },
  check(ctx) {
    const diffs = ctx.readers.differences;
    if (diffs.length === 0) return [];
    return [
      {
        severity: diffs.some((d) => WEIGHTY.has(d.id)) ? 'warn' : 'info',
        message: `node-postgres (pg-connection-string) reads this string differently from libpq: ${diffs.map((d) => d.message).join(' ')}`,
        fix: 'Make the string mean the same to both: percent-encode credentials, state sslmode explicitly (verify-full, or uselibpqcompat=true for libpq meanings) and keep libpq-only or pg-only parameters out of shared strings.',
      },
    ];
  },
};
