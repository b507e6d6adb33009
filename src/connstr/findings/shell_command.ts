import type { FindingRule } from './types.ts';

// The paste is a command line (psql, pg_dump ...) around the connection string.
export const rule: FindingRule = {
  meta: { id: 'shell_command', severity: 'info', description: 'A command line whose argument is the connection string.' },
  check(ctx) {
    const u = ctx.unwrapped;
    if (!u.steps.includes('shell_command')) return [];
    return [{ severity: 'info', message: `A ${u.command} command line; the audit is of its connection-string argument.`, fix: `Quote the string in the shell (single quotes keep $ and & literal): ${u.command} '${ctx.safeMeant}'` }];
  },
};
