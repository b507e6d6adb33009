// A .pgpass line, hostname:port:database:username:password, where '\:' and
// '\\' escape (https://www.postgresql.org/docs/current/libpq-pgpass.html);
// libpq reads the rest of the line after the fourth unescaped ':' as the
// password (fe-connect.c, passwordFromFile). Timestamps, MAC and IPv6
// addresses share the shape but hold no letter in the database and user
// fields; JSON log fields (`"time":"..."`) hold quotes, which these fields never do.
import type { Span } from './types.ts';

// In the database and user fields a backslash escapes only ':' or '\', as the
// docs tell users to write them: `\"` there is a JSON-escaped log (`\"level\":\"error\"`), not a .pgpass line.
const PGPASS_LINE =
  /(?<![^\s"'`])((?:[A-Za-z0-9.*_-]|\\:){1,253}):(\d{1,5}|\*):((?:[^:\s\\"']|\\[:\\]){1,63}):((?:[^:\s\\"']|\\[:\\]){1,63}):((?:[^\s\\"']|\\.)(?:[^\s\\]|\\.){0,511})/g;

export function scanPgpassLines(text: string): Span[] {
  const spans: Span[] = [];
  // A line holds at least four ':' and no whitespace but an escaped one, and
  // starts a token: the regex runs only on such tokens, not at every token of a log.
  for (const token of tokensWithFourColons(text)) {
    for (const m of text.slice(token.start, token.end).matchAll(PGPASS_LINE)) {
      const [whole, host, , database, user, password] = m as unknown as [string, string, string, string, string, string];
      if (!/[A-Za-z.*]|\\:/.test(host) || !/[A-Za-z*]/.test(database) || !/[A-Za-z*]/.test(user)) continue;
      const start = token.start + (m.index ?? 0) + whole.length - password.length;
      spans.push({ kind: 'pgpass_password', start, end: start + password.length });
    }
  }
  return spans;
}

/**
 * Tokens (runs without whitespace but an escaped one) holding four ':' or more.
 * FOUR_COLONS finds four ':' with only token characters between them (a native
 * search); the token around them is then walked out. A log of `key:value`
 * tokens costs one regex pass, not a walk over every character.
 */
function* tokensWithFourColons(text: string): Generator<{ start: number; end: number }> {
  FOUR_COLONS.lastIndex = 0;
  for (let found = FOUR_COLONS.exec(text); found !== null; found = FOUR_COLONS.exec(text)) {
    let start = found.index;
    while (start > 0 && !endsToken(text, start - 1)) start--;
    const end = tokenEnd(text, found.index);
    yield { start, end };
    FOUR_COLONS.lastIndex = end + 1;
  }
}

// A token character other than ':': not whitespace, or whitespace (not a line end) that a backslash escapes (endsToken).
const FOUR_COLONS = /:(?:(?:[^\s:]|(?<=\\)[^\S\n\r\u2028\u2029])*:){3}/g;
const WHITESPACE = /\s/g;

/** The first offset at or after `from` that ends a token, or the text's length. */
function tokenEnd(text: string, from: number): number {
  WHITESPACE.lastIndex = from;
  for (let found = WHITESPACE.exec(text); found !== null; found = WHITESPACE.exec(text)) {
    if (endsToken(text, found.index)) return found.index;
  }
  return text.length;
}

/** Whitespace ends a token, unless a backslash escapes it (the regex's `\\.` takes any character but a line end). */
function endsToken(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return isSpace(code) && (i === 0 || text.charCodeAt(i - 1) !== 0x5c || isLineEnd(code));
}

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** What `\s` matches in a JavaScript regex. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
