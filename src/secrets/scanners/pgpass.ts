// A .pgpass line, hostname:port:database:username:password, where '\:' and
// '\\' escape (https://www.postgresql.org/docs/current/libpq-pgpass.html);
// libpq reads the rest of the line after the fourth unescaped ':' as the
// password (fe-connect.c, passwordFromFile). Timestamps, MAC and IPv6
// addresses share the shape but hold no letter in the database and user
// fields; JSON log fields (`"time":"..."`) hold quotes, which these fields never do.
import type { Span } from './types.ts';

const PGPASS_LINE =
  /(?<![^\s"'`])((?:[A-Za-z0-9.*_-]|\\:){1,253}):(\d{1,5}|\*):((?:[^:\s\\"']|\\.){1,63}):((?:[^:\s\\"']|\\.){1,63}):((?:[^\s\\"']|\\.)(?:[^\s\\]|\\.){0,511})/g;

export function scanPgpassLines(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PGPASS_LINE)) {
    const [whole, host, , database, user, password] = m as unknown as [string, string, string, string, string, string];
    if (!/[A-Za-z.*]|\\:/.test(host) || !/[A-Za-z*]/.test(database) || !/[A-Za-z*]/.test(user)) continue;
    const start = (m.index ?? 0) + whole.length - password.length;
    spans.push({ kind: 'pgpass_password', start, end: start + password.length });
  }
  return spans;
}
