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
 * Tokens (runs without whitespace but an escaped one) holding four ':' or more,
 * found from each ':'. The token's end is the next whitespace that ends it
 * (a regex search), its fourth ':' an indexOf; its start is walked back to only
 * for a token that has four: a log of `key:value` tokens costs a few native
 * searches per token, not a walk over every character. (A regex for four ':'
 * between token characters needs a lookbehind for the escaped blank, and
 * V8 then tries it at every position: slower than this.)
 */
function* tokensWithFourColons(text: string): Generator<{ start: number; end: number }> {
  let from = 0;
  // A line break, or a blank without a backslash before it, ends a token: a
  // ':' whose fourth ':' lies past the next one starts no token of four, and
  // neither does any other ':' of its token, so the token's end (a regex
  // search) is looked for only when it is nearer (a log's timestamps and
  // `key:value` pairs cost a few indexOf).
  let newline = -1;
  let blank = -1;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', from)) {
    if (newline < colon) newline = nextOf(text, '\n', colon);
    if (blank < colon) blank = nextOf(text, ' ', colon);
    const bound = blank < newline && text.charCodeAt(blank - 1) !== 0x5c ? blank : newline;
    let near = colon;
    for (let colons = 1; colons < 4 && near !== -1 && near < bound; colons++) near = text.indexOf(':', near + 1);
    // Fewer than four ':' left: no token ahead holds four.
    if (near === -1) return;
    if (near > bound) {
      from = colon + 1;
      continue;
    }
    // `near` is this ':' 's fourth, and the token ends at or before `bound`.
    const end = tokenEnd(text, colon);
    if (near < end) {
      let start = colon;
      while (start > from && !endsToken(text, start - 1)) start--;
      yield { start, end };
    }
    from = end + 1;
  }
}

/** The next `needle` at or after `from`, or the text's length. */
function nextOf(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at === -1 ? text.length : at;
}

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
