import type { Report, FindingRule } from './types.ts';

// libpq recognises a URI only by the exact lower-case prefixes postgresql://
// and postgres:// (uri_prefix_length in libpq's fe-connect.c).
export const rule: FindingRule = {
  meta: { id: 'scheme_unrecognised', severity: 'error', description: 'A URI prefix libpq does not recognise.' },
  check(ctx) {
    const u = ctx.unwrapped;
    const out: Report[] = [];
    if (u.steps.includes('scheme_case')) {
      out.push({ severity: 'error', message: 'libpq recognises only postgresql:// and postgres:// in lower case; any other spelling is read as a keyword/value string and fails.', fix: `Write the scheme in lower case: ${ctx.safeMeant}` });
    }
    if (u.foreignScheme !== undefined) {
      out.push({ severity: 'error', message: `"${ctx.safe(u.foreignScheme)}" is not a PostgreSQL URI prefix: libpq needs exactly postgresql:// or postgres:// (two slashes), otherwise it reads a keyword/value string.`, fix: 'Start the string with postgresql://' });
    }
    return out;
  },
};
