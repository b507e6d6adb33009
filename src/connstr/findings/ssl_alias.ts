import type { FindingRule } from './types.ts';

// libpq: URI ssl=true becomes sslmode=require (conninfo_uri_parse_params,
// "improved JDBC compatibility"); requiressl=1 becomes require and any other
// requiressl value prefer (conninfo_storeval).
export const rule: FindingRule = {
  meta: { id: 'ssl_alias', severity: 'info', description: 'ssl=true or requiressl translated to sslmode.' },
  check(ctx) {
    const ok = ctx.ok;
    if (ok === undefined) return [];
    const out = [];
    if (ok.assignments.includes('ssl')) out.push({ severity: 'info' as const, message: 'ssl=true is read by libpq as sslmode=require (encrypt, no certificate check) and by node-postgres as TLS with full verification.', fix: 'Say sslmode=require or sslmode=verify-full explicitly.' });
    if (ok.assignments.includes('requiressl')) out.push({ severity: 'info' as const, message: `requiressl is deprecated; libpq reads it as sslmode=${ok.options.sslmode ?? 'prefer'} (1... -> require, anything else -> prefer).`, fix: 'Use sslmode=require.' });
    return out;
  },
};
