import { encodeUriComponentStrict, readIntendedUri } from '../intended-uri.ts';
import { REDACTED } from '../redact.ts';
import { isPlaceholderPassword } from './placeholder_password.ts';
import type { FindingRule } from './types.ts';

// RFC 3986 userinfo allows unreserved, %XX and sub-delims; libpq ends the
// user at the first ':' and the password at the first '@' (before any '/'),
// WHATWG URL (node-postgres) at the last '@' and stops at '#', '/', '?'.
const LIBPQ_BREAKERS = /[@/]/;
const OTHER_BREAKERS = /[:?#[\]\s%&=,\\"'<>^`{|}]/;

export const rule: FindingRule = {
  meta: { id: 'percent_encoding_needed', severity: 'error', description: 'Reserved characters in the user or password are not percent-encoded.' },
  check(ctx) {
    if (ctx.meant.form !== 'uri') return [];
    const intended = readIntendedUri(ctx.unwrapped.meant);
    if (intended === undefined) return [];
    const password = intended.password ?? '';
    // A placeholder ([YOUR-PASSWORD]) is replaced, not encoded: placeholder_password says so.
    if (password !== '' && isPlaceholderPassword(password) && !/[@/]/.test(password)) return [];
    const user = intended.user;
    const inPassword = LIBPQ_BREAKERS.test(password) || OTHER_BREAKERS.test(password.replace(/%[0-9a-f]{2}/gi, ''));
    const userNeeds = /[@/:?#[\]\s&=,\\"'<>^`{|}]/.test(user) || /%(?![0-9a-f]{2})/i.test(user);
    if (!inPassword && !userNeeds) return [];
    const libpqMisreads =
      LIBPQ_BREAKERS.test(password) || user.includes('@') || user.includes('/') || (ctx.ok !== undefined && password !== '' && ctx.ok.options.password === undefined);
    const fixed = `${intended.prefix}${encodeUriComponentStrict(safeDecode(user))}${intended.password !== undefined ? `:${REDACTED}` : ''}@${intended.rest}`;
    return [
      {
        severity: libpqMisreads || !ctx.meant.ok ? 'error' : 'warn',
        message: `The ${[userNeeds ? 'user name' : '', inPassword ? 'password' : ''].filter(Boolean).join(' and ')} holds characters that must be percent-encoded in a URI (@ : / ? # [ ] % & = space ...).${libpqMisreads ? ' libpq cuts the credentials at the first @ or /, so it reads a different user, password, host or port than you meant.' : ' libpq happens to read it, but URL-based drivers (node-postgres, Prisma, JDBC) do not.'}`,
        fix: `Percent-encode each part (encodeURIComponent in JS, urllib.parse.quote(p, safe='') in Python: @ -> %40, : -> %3A, / -> %2F, # -> %23, ? -> %3F, % -> %25, space -> %20), then: ${ctx.safe(fixed)} with the encoded password in place of ${REDACTED}.`,
      },
    ];
  },
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
