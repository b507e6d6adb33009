// scheme://user:PASSWORD@host: the password inside any URL's userinfo
// (postgres, postgresql+asyncpg, jdbc:postgresql, mysql, mongodb+srv, redis,
// rediss, amqp(s), smtp, https ...; RFC 3986 section 3.2.1).
//
// Where the password ends depends on the reader: libpq stops at the FIRST '@'
// before the first '/' (postgres/postgres src/interfaces/libpq/fe-connect.c,
// conninfo_uri_parse_options: "Look ahead for possible user credentials
// designator"), while WHATWG URL (node-postgres, pg-connection-string) and
// Python's urlsplit take the LAST '@' of the authority. A raw '@', '/', '?'
// or '#' in a password is common in pastes, so the span runs from the first
// ':' after the user to the last '@' of the token that is not inside a query
// value (`?application_name=me@corp`): every reader's password is inside it.
import type { Span } from './types.ts';

/** A scheme is a letter then letters, digits, '+', '.' or '-' (RFC 3986 section 3.1); we read up to 31 characters. */
const MAX_SCHEME = 31;
/** A URL in prose ends at whitespace or a quote. */
const MAX_TOKEN = 2048;

function isTokenEnd(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x22 || code === 0x27 || code === 0x60;
}

export function scanUriPasswords(text: string): Span[] {
  const spans: Span[] = [];
  // The next '@' and the next token end at or after a position: positions
  // only grow, so a cached answer still holds while it lies ahead (linear on
  // long runs of ':' or '//' with no '@').
  let atPos = -1;
  let endPos = -1;
  const nextAt = (from: number): number => {
    if (atPos < from) {
      atPos = text.indexOf('@', from);
      if (atPos === -1) atPos = text.length;
    }
    return atPos;
  };
  const nextEnd = (from: number): number => {
    if (endPos < from) {
      endPos = from;
      while (endPos < text.length && !isTokenEnd(text.charCodeAt(endPos))) endPos++;
    }
    return endPos;
  };
  for (let from = 0, scheme = schemeAt(text, 0); scheme !== null; scheme = schemeAt(text, from)) {
    const authStart = scheme.end;
    from = authStart;
    const cap = Math.min(text.length, authStart + MAX_TOKEN);
    // The user part: up to the first of : / ? # @ (RFC 3986 userinfo never holds '/').
    let i = authStart;
    while (i < cap && !isTokenEnd(text.charCodeAt(i)) && !':/?#@'.includes(text[i] as string)) i++;
    if (text[i] !== ':') continue;
    const end = Math.min(cap, nextEnd(i));
    const firstAt = nextAt(i);
    if (firstAt >= end) continue;
    const lastAt = userinfoEnd(text, i + 1, firstAt, end);
    const start = i + 1;
    // http://host:8080/path@x is a port and a path, not a password.
    if (lastAt <= start || /^\d{1,5}\//.test(text.slice(start, Math.min(lastAt, start + 7)))) continue;
    spans.push({ kind: 'url_password', start, end: lastAt });
    from = lastAt + 1;
  }
  return spans;
}

// Found from each '://' backwards rather than by a regex tried at every
// letter: a scheme regex costs up to 31 steps per letter of prose, and was the
// largest single cost of redaction (docs/triage-speed.md). Same matches: the
// leftmost start of the run of scheme characters before '://' that is a letter.
function schemeAt(text: string, from: number): { start: number; end: number } | null {
  for (let sep = text.indexOf('://', from); sep !== -1; sep = text.indexOf('://', sep + 1)) {
    const earliest = Math.max(from, sep - MAX_SCHEME);
    let start = sep;
    while (start > earliest && isSchemeChar(text.charCodeAt(start - 1))) start--;
    while (start < sep && !isLetter(text.charCodeAt(start))) start++;
    if (start < sep) return { start, end: sep + 3 };
  }
  return null;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isSchemeChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2e || code === 0x2d;
}

/** The last '@' in [firstAt, end) not inside a `name=value` query segment. */
function userinfoEnd(text: string, passwordStart: number, firstAt: number, end: number): number {
  for (let at = text.lastIndexOf('@', end - 1); at > firstAt; at = text.lastIndexOf('@', at - 1)) {
    let k = at - 1;
    while (k >= passwordStart && text[k] !== '?' && text[k] !== '&' && text[k] !== '=' && text[k] !== '@') k--;
    if (k < passwordStart || text[k] !== '=') return at;
  }
  return firstAt;
}
