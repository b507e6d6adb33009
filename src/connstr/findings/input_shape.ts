import type { Finding, FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'input_shape', severity: 'error', description: 'Empty input, or a NUL byte that ends the string for libpq.' },
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.unwrapped.form === 'empty') {
      out.push({ id: 'empty_input', severity: 'error', message: 'The string is empty: libpq then uses only defaults (PGHOST, PGUSER ..., else a local Unix socket and the operating-system user), which is rarely what an app meant.', fix: 'Check that DATABASE_URL is set and loaded before the client starts (dotenv, platform env settings).' });
    }
    if (ctx.literal.truncatedAtNul !== undefined) {
      out.push({ id: 'nul_byte', severity: 'error', message: 'The string contains a NUL character; C libraries (libpq) stop reading there, so everything after it is ignored.', fix: 'Remove the NUL (often from UTF-16 files or copy-paste from binary output).' });
    }
    return out;
  },
};
