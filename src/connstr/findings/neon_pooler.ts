import type { FindingRule } from './types.ts';

// https://neon.com/docs/connect/connection-pooling: a -pooler host goes
// through PgBouncer in transaction mode; session state does not survive a
// transaction.
export const rule: FindingRule = {
  meta: { id: 'neon_pooler', severity: 'info', description: 'Neon pooled (-pooler) host: PgBouncer transaction mode.' },
  check(ctx) {
    const neon = ctx.neon;
    if (neon === undefined || !neon.pooled) return [];
    return [
      {
        severity: 'info',
        message:
          'The -pooler host goes through PgBouncer in transaction mode: up to 10,000 client connections, right for serverless and per-request apps, but each transaction may run on a different server session, so SET/RESET (search_path), LISTEN/NOTIFY, session advisory locks, WITH HOLD cursors, SQL PREPARE and temporary tables across transactions do not work.',
        fix: `Use the direct host for migrations (prisma migrate, drizzle-kit), pg_dump/pg_restore, logical replication and anything session-scoped: ${ctx.safeMeant.split(neon.pooledHost).join(neon.directHost)}`,
      },
    ];
  },
};
