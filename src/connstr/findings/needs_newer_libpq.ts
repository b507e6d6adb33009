import { keywordSince } from '../libpq-options.ts';
import { parameterKeys } from '../parameter-keys.ts';
import type { FindingRule } from './types.ts';

// Added in libpq 14 (sslsni, sslcrldir), 16 (require_auth, load_balance_hosts,
// sslcertmode, gssdelegation), 17 (sslnegotiation), 18 (protocol versions,
// OAuth, sslkeylogfile). An older libpq rejects the whole string.
export const rule: FindingRule = {
  meta: { id: 'needs_newer_libpq', severity: 'warn', description: 'A parameter that older libpq versions reject.' },
  check(ctx) {
    const out = [];
    for (const key of new Set(parameterKeys(ctx.unwrapped.meant, ctx.meant.form))) {
      const since = keywordSince(key);
      if (since === undefined || since < 14) continue;
      const supported = since <= ctx.libpqMajor;
      out.push({
        severity: supported ? ('warn' as const) : ('error' as const),
        message: `${key} needs libpq ${since} or newer${supported ? '' : ` (this audit assumes libpq ${ctx.libpqMajor}, which rejects it)`}; an older libpq fails with ${ctx.meant.form === 'uri' ? `invalid URI query parameter: "${key}"` : `invalid connection option "${key}"`}.`,
        fix: 'Check the libpq your client links (psql --version, psycopg.pq.version(), pg_config --version); upgrade it or drop the parameter.',
      });
    }
    return out;
  },
};
