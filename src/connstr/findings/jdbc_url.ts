import { readIntendedUri } from '../intended-uri.ts';
import type { FindingRule } from './types.ts';

// Only pgjdbc reads jdbc:postgresql://, and it takes user and password as
// parameters, not userinfo (https://jdbc.postgresql.org/documentation/use/).
export const rule: FindingRule = {
  meta: { id: 'jdbc_url', severity: 'info', description: 'A JDBC URL, which only pgjdbc reads.' },
  check(ctx) {
    const u = ctx.unwrapped;
    if (!u.steps.includes('jdbc')) return [];
    const userinfo = readIntendedUri(u.meant)?.user !== '' && /^postgresql:\/\/[^/?]*@/.test(u.meant);
    return [
      {
        severity: userinfo ? 'warn' : 'info',
        message: `A JDBC URL: only pgjdbc reads jdbc:postgresql://; libpq and node-postgres need the same URL without "jdbc:" (user and password may stay as ?user=&password= parameters).${userinfo ? ' pgjdbc does not take user:password@ in the URL: pass user and password as parameters or properties.' : ''}`,
        fix: `For libpq / node-postgres: ${ctx.safeMeant}`,
      },
    ];
  },
};
