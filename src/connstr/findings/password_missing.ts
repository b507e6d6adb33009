import type { FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'password_missing', severity: 'info', description: 'The string carries no password.' },
  check(ctx) {
    if (ctx.parts === undefined || ctx.parts.password.present || ctx.intendedPassword !== undefined) return [];
    const cloud = ctx.neon !== undefined;
    return [
      {
        severity: cloud ? 'warn' : 'info',
        message: `No password in the string: libpq then uses PGPASSWORD or ~/.pgpass (passfile), node-postgres PGPASSWORD${cloud ? '; Neon always authenticates with a password, so without one of those the connection fails' : ''}.`,
        fix: 'Keep the password out of pasted text but in the deployed DATABASE_URL (percent-encoded), or set PGPASSWORD / a ~/.pgpass line for this host.',
      },
    ];
  },
};
