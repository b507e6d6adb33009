import { readIntendedUri } from '../intended-uri.ts';
import type { FindingRule } from './types.ts';

export const rule: FindingRule = {
  meta: { id: 'database_misread', severity: 'warn', description: 'libpq reads a different database name than the one written or meant.' },
  check(ctx) {
    const ok = ctx.ok;
    if (ok === undefined) return [];
    const out = [];
    const db = ok.options.dbname;
    if (ok.assignments.filter((k) => k === 'dbname').length > 1) {
      out.push({ severity: 'warn' as const, message: `The database is given more than once; libpq uses the last one: "${ctx.safe(db ?? '')}".`, fix: 'Give the database once (the URI path).' });
    }
    if (db === undefined) {
      if (ctx.parts?.user != null) out.push({ severity: 'info' as const, message: `No database name: libpq and node-postgres open the database named like the user ("${ctx.parts.user}"), which often does not exist (database "..." does not exist).`, fix: 'Add /dbname to the URI (Neon\'s default is neondb).' });
      return out;
    }
    // Judged on the path as written: %2F or %20 there is deliberate.
    const rest = readIntendedUri(ctx.unwrapped.meant)?.rest ?? '';
    const slash = rest.indexOf('/');
    const rawPath = slash === -1 ? '' : rest.slice(slash + 1).split('?')[0] ?? '';
    if (ctx.meant.form === 'uri' && /[/;#\s]/.test(rawPath)) {
      out.push({
        severity: 'error' as const,
        message: `libpq reads the database name as "${ctx.safe(db)}": everything after the first '/' up to '?', including further '/', ';' (a JDBC habit), '#' or whitespace, belongs to the name.`,
        fix: 'Keep only the database name in the path; put options after ? as key=value pairs joined by &.',
      });
    }
    return out;
  },
};
