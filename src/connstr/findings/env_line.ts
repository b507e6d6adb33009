import type { FindingRule } from './types.ts';

// The paste is a .env line holding the connection string, not the string itself.
export const rule: FindingRule = {
  meta: { id: 'env_line', severity: 'info', description: 'A .env line (NAME=value) instead of the bare connection string.' },
  check(ctx) {
    const u = ctx.unwrapped;
    if (!u.steps.includes('env_line')) return [];
    return [
      {
        severity: 'info',
        message: `This is a .env line: ${u.variable} holds the connection string. libpq given the whole line ${ctx.literal.ok ? 'misreads it' : 'rejects it'}; the audit below is of the value.`,
        fix: `Set ${u.variable} to the bare value (no quotes, no spaces around =) and load it with dotenv / your platform's secret store: ${ctx.safeMeant}`,
      },
    ];
  },
};
