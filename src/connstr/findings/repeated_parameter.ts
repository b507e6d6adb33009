import type { FindingRule } from './types.ts';

// libpq keeps the last value of a repeated keyword (conninfo_storeval
// overwrites); ssl=true and requiressl write sslmode too. port and dbname
// have their own findings (port_misread, database_misread).
const ALIAS: Readonly<Record<string, string>> = { ssl: 'sslmode', requiressl: 'sslmode' };
const OWN_FINDING = new Set(['port', 'dbname']);

export const rule: FindingRule = {
  meta: { id: 'repeated_parameter', severity: 'warn', description: 'A keyword set more than once: the last one wins.' },
  check(ctx) {
    const ok = ctx.ok;
    if (ok === undefined) return [];
    const counts = new Map<string, number>();
    for (const written of ok.assignments) {
      const key = ALIAS[written] ?? written;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .filter(([key, n]) => n > 1 && !OWN_FINDING.has(key))
      .map(([key]) => ({
        severity: 'warn' as const,
        message: `${key} is set more than once; libpq uses the last value${key === 'password' || key === 'sslpassword' ? '' : `: ${ctx.safe(ok.options[key] ?? '')}`}${key === 'sslmode' ? ' (ssl=true and requiressl count as sslmode)' : ''}.`,
        fix: `Set ${key} once.`,
      }));
  },
};
