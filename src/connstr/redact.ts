// Everything the audit shows passes through here. Two layers: the exact
// secret texts the parser found (the password as written and as decoded,
// pieces of a password that spilled into other parts), then patterns for
// credentials in any text (URI userinfo, `password=` in a query, in a
// keyword/value string, in a JDBC/ADO.NET string, in an env line).

import { isKnownKeyword } from './libpq-options.ts';

export const REDACTED = '<redacted>';

export function redactFragments(text: string, fragments: readonly string[], options: { keepPieces?: boolean } = {}): string {
  let out = text;
  const unique = [...new Set(fragments)].filter((f) => f !== '' && f !== REDACTED);
  // In free text a one- or two-letter piece of a longer secret goes with it:
  // replacing a password "p" cut short at an '@' everywhere would garble it all.
  const ordered = unique
    .filter((f) => options.keepPieces === true || f.length >= 3 || !unique.some((g) => g.length > f.length && g.includes(f)))
    .sort((a, b) => b.length - a.length);
  for (const fragment of ordered) out = out.split(fragment).join(REDACTED);
  return out;
}

// Scheme names are short: a bounded run keeps every pattern here linear in
// the length of the text (no backtracking over long runs of letters).
const SCHEME_START = /[a-z][a-z0-9+.-]{0,30}:\/\//gi;
const TOKEN_END = /[\s"'`]/;
// scheme://user:secret cut off before its '@' (libpq's keyword/value reader
// stops at '=' or a space): a non-numeric "port" at the end of a token.
const URI_CUT_USERINFO = /([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@"'`[]*:)(?!\d+(?:["'`\s/?]|$))([^\s"'`@/?]+)(?=["'`\s]|$)/gi;
// A query password runs to the next '&' (spaces, quotes and '=' included:
// libpq keeps them) and over any following '&' segments without '=', which
// can only be the rest of a password holding '&'. An unquoted keyword/value
// password also takes the bare words after it up to the next keyword=.
const QUERY_SECRET = /([?&]\s*(?:ssl)?password\s*=)([^&\n]*(?:&[^&=\n]*(?=&|\n|$))*)/gi;
// JDBC / ADO.NET style `;Password=...;`.
const SEMICOLON_SECRET = /(;\s*(?:ssl)?password\s*=)([^;\n]*)/gi;
const KEYWORD_SECRET_START = /(^|[\s"'`])(?:ssl)?password\s*=\s*/gi;
const NEXT_KEYWORD = /^([a-z_]+)[ \t]*=/;
const ENV_SECRET = /(\b[A-Z0-9_]{0,40}PASSWORD[A-Z0-9_]{0,40}[ \t]{0,10}=[ \t]{0,10})('[^']*'?|"[^"]*"?|\S+)/g;

/**
 * Where keyword/value passwords sit: a quoted value to its closing quote, an
 * unquoted one to the next whitespace and on over any following words until
 * one that starts a known libpq keyword= (a password holding spaces).
 */
function keywordValueSecretSpans(text: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  for (const m of text.matchAll(KEYWORD_SECRET_START)) {
    const start = (m.index ?? 0) + m[0].length;
    let end = start;
    if (text[start] === "'" || text[start] === '"') {
      const quote = text[start];
      end = start + 1;
      while (end < text.length && text[end] !== quote) end += text[end] === '\\' ? 2 : 1;
      end = Math.min(text.length, end + 1);
    } else {
      for (;;) {
        while (end < text.length && !/\s/.test(text[end] as string)) end++;
        let next = end;
        while (next < text.length && /[ \t]/.test(text[next] as string)) next++;
        if (next === end || next >= text.length || text[next] === '\n') break;
        const keyword = NEXT_KEYWORD.exec(text.slice(next));
        if (keyword !== null && isKnownKeyword(keyword[1] as string, 99)) break;
        end = next;
      }
    }
    const value = text.slice(start, end);
    if (end > start && value !== "''" && value !== '""') spans.push([start, end]);
  }
  return spans;
}

/**
 * scheme://user:PASSWORD@ : the password runs from the first ':' after the
 * user to the LAST '@' of the token, which also covers an unencoded '@' (or
 * '/', '?') inside it. Scanned by hand, token by token, so that text without
 * any '@' costs one pass.
 */
function uriPasswordSpans(text: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  SCHEME_START.lastIndex = 0;
  for (let m = SCHEME_START.exec(text); m !== null; m = SCHEME_START.exec(text)) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && !TOKEN_END.test(text[end] as string)) end++;
    let i = start;
    while (i < end && !':/?#@'.includes(text[i] as string)) i++;
    const lastAt = text.lastIndexOf('@', end - 1);
    if (text[i] === ':' && lastAt > i) spans.push([i + 1, lastAt]);
    SCHEME_START.lastIndex = Math.max(end, start);
  }
  return spans;
}

/** Replaces each [start, end) span (in order, not overlapping) in one pass. */
function cutSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of spans) {
    if (start < from || end <= start || text.slice(start, end) === REDACTED) continue;
    parts.push(text.slice(from, start), REDACTED);
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The secret texts the patterns find, so they can be cut out of derived text too. */
export function secretsByPattern(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(QUERY_SECRET)) found.push(m[2] as string);
  const withoutQuery = text.replace(QUERY_SECRET, '$1');
  for (const [start, end] of uriPasswordSpans(withoutQuery)) found.push(withoutQuery.slice(start, end));
  for (const m of text.matchAll(URI_CUT_USERINFO)) found.push(m[2] as string);
  for (const m of text.matchAll(SEMICOLON_SECRET)) found.push(m[2] as string);
  for (const [start, end] of keywordValueSecretSpans(text)) found.push(text.slice(start, end));
  for (const m of text.matchAll(ENV_SECRET)) found.push(m[2] as string);
  return found.filter((f) => f !== '' && f !== "''" && f !== REDACTED);
}

function redactCredentialPatterns(text: string): string {
  const kv = cutSpans(text, keywordValueSecretSpans(text));
  // Query passwords first: a URI userinfo span must not run into ?password=p@ss.
  const query = kv
    .replace(QUERY_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
    .replace(SEMICOLON_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`);
  return cutSpans(query, uriPasswordSpans(query))
    .replace(URI_CUT_USERINFO, (m, head: string, secret: string) => (secret === REDACTED ? m : `${head}${REDACTED}`))
    .replace(ENV_SECRET, (m, head: string, secret: string) => (secret.startsWith(REDACTED) ? m : `${head}${REDACTED}`));
}

/**
 * Secrets plus their pieces of three or more characters between reserved
 * characters: each reader (libpq, URL parsers, the keyword/value tokenizer)
 * cuts a password holding '@', '?', '&', a quote or a space at a different
 * place and may show a piece as a host, port, database or parameter name.
 */
export function withPieces(fragments: readonly string[], minLength = 3): string[] {
  const pieces = fragments.flatMap((f) => f.split(/[@:/?#&=,;\s'"\\[\]%+$]+/)).filter((p) => p.length >= minLength);
  return [...new Set([...fragments, ...pieces])];
}

export function redactText(text: string, fragments: readonly string[] = []): string {
  return redactFragments(redactCredentialPatterns(text), fragments);
}
