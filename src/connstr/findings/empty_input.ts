import type { FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'empty_input', severity: 'error', description: 'The string is empty.' },
  check(ctx) {
    if (ctx.unwrapped.form !== 'empty') return [];
    return [{ severity: 'error', message: 'The string is empty: libpq then uses only defaults (PGHOST, PGUSER ..., else a local Unix socket and the operating-system user), which is rarely what an app meant.', fix: 'Check that DATABASE_URL is set and loaded before the client starts (dotenv, platform env settings).' }];
  },
};
