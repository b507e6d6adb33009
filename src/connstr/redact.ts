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

// scheme://user:PASSWORD@ ; the password runs to the LAST '@' of the token,
// which also covers an unencoded '@' (or '/', '?') inside it.
const URI_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'`]*:)([^\s"'`]*)@/gi;
// scheme://user:secret cut off before its '@' (libpq's keyword/value reader
// stops at '=' or a space): a non-numeric "port" at the end of a token.
const URI_CUT_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'`[]*:)(?!\d+(?:["'`\s/?]|$))([^\s"'`@/?]+)(?=["'`\s]|$)/gi;
// A query password runs to the next '&' (spaces, quotes and '=' included:
// libpq keeps them) and over any following '&' segments without '=', which
// can only be the rest of a password holding '&'. An unquoted keyword/value
// password also takes the bare words after it up to the next keyword=.
const QUERY_SECRET = /([?&]\s*(?:ssl)?password\s*=)([^&\n]*(?:&[^&=\n]*(?=&|\n|$))*)/gi;
// JDBC / ADO.NET style `;Password=...;`.
const SEMICOLON_SECRET = /(;\s*(?:ssl)?password\s*=)([^;\n]*)/gi;
const KEYWORD_SECRET_START = /(^|[\s"'`])(?:ssl)?password\s*=\s*/gi;
const NEXT_KEYWORD = /^([a-z_]+)[ \t]*=/;
const ENV_SECRET = /(\b[A-Z0-9_]*PASSWORD[A-Z0-9_]*\s*=\s*)('[^']*'?|"[^"]*"?|\S+)/g;

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

/** The secret texts the patterns find, so they can be cut out of derived text too. */
export function secretsByPattern(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(QUERY_SECRET)) found.push(m[2] as string);
  for (const m of text.replace(QUERY_SECRET, '$1').matchAll(URI_USERINFO)) found.push(m[2] as string);
  for (const m of text.matchAll(URI_CUT_USERINFO)) found.push(m[2] as string);
  for (const m of text.matchAll(SEMICOLON_SECRET)) found.push(m[2] as string);
  for (const [start, end] of keywordValueSecretSpans(text)) found.push(text.slice(start, end));
  for (const m of text.matchAll(ENV_SECRET)) found.push(m[2] as string);
  return found.filter((f) => f !== '' && f !== "''" && f !== REDACTED);
}

function redactCredentialPatterns(text: string): string {
  let out = text;
  for (const [start, end] of keywordValueSecretSpans(text).reverse()) {
    if (out.slice(start, end) !== REDACTED) out = `${out.slice(0, start)}${REDACTED}${out.slice(end)}`;
  }
  // Query passwords first: a URI userinfo match must not run into ?password=p@ss.
  return out
    .replace(QUERY_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
    .replace(URI_USERINFO, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}@`)
    .replace(URI_CUT_USERINFO, (m, head: string, secret: string) => (secret === REDACTED ? m : `${head}${REDACTED}`))
    .replace(SEMICOLON_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
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
