import type { FindingRule } from './types.ts';

// dotenv and shells strip surrounding quotes; Docker --env-file, Kubernetes
// env values, systemd Environment= and most CI secret stores do not.
export const rule: FindingRule = {
  meta: { id: 'quotes', severity: 'warn', description: 'Quotes around the string or inside credentials.' },
  check(ctx) {
    const out = [];
    if (ctx.unwrapped.steps.includes('quotes')) {
      out.push({
        // In a .env line the quotes are dotenv syntax; elsewhere they reach libpq.
        severity: ctx.unwrapped.form === 'env_line' ? ('info' as const) : ctx.literal.ok ? ('warn' as const) : ('error' as const),
        message: 'The string is wrapped in quotes. dotenv and shells remove them, but Docker --env-file, Kubernetes env values and many secret stores keep them, and then libpq sees a string that starts with a quote (not a URI).',
        fix: `Store the bare value: ${ctx.safeMeant}`,
      });
    }
    const o = ctx.ok?.options;
    const quoted = (v: string | undefined) => v !== undefined && /^(["']).*\1$/s.test(v) && v.length >= 2;
    if (o !== undefined && ctx.meant.form === 'uri' && (quoted(o.password) || quoted(o.user) || quoted(o.dbname))) {
      out.push({
        severity: 'error' as const,
        message: 'A user, password or database name inside the URI is wrapped in quotes; in a URI quotes are literal characters, so they become part of the value.',
        fix: 'Remove the quotes and percent-encode any special characters instead.',
      });
    }
    return out;
  },
};
