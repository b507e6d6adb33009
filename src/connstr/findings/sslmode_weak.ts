import type { FindingRule } from './types.ts';

// libpq-ssl docs, table "SSL Mode Descriptions": disable/allow/prefer give
// no protection against an active attacker; Neon refuses non-TLS connections.
export const rule: FindingRule = {
  meta: { id: 'sslmode_weak', severity: 'warn', description: 'sslmode allows plaintext.' },
  check(ctx) {
    const mode = ctx.ok?.options.sslmode;
    if (mode !== 'disable' && mode !== 'allow' && mode !== 'prefer') return [];
    const fromRequiressl = ctx.ok?.assignments.includes('requiressl') === true && mode === 'prefer';
    return [
      {
        severity: mode === 'disable' && ctx.neon !== undefined ? 'error' : 'warn',
        message:
          mode === 'disable'
            ? `sslmode=disable sends everything, password exchange included, in plaintext${ctx.neon !== undefined ? '; Neon refuses non-TLS connections, so this cannot connect' : ''}.`
            : `sslmode=${mode}${fromRequiressl ? ' (from requiressl=0)' : ''} may connect without TLS and never verifies the server, so it does not protect against interception.`,
        fix: 'Use sslmode=require (encrypt) or sslmode=verify-full (encrypt and verify the server certificate and host name).',
      },
    ];
  },
};
