import type { FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'nul_byte', severity: 'error', description: 'A NUL byte ends the string for libpq.' },
  check(ctx) {
    if (ctx.literal.truncatedAtNul === undefined) return [];
    return [{ severity: 'error', message: 'The string contains a NUL character; C libraries (libpq) stop reading there, so everything after it is ignored.', fix: 'Remove the NUL (often from UTF-16 files or copy-paste from binary output).' }];
  },
};
