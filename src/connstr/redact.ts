// Everything the audit shows passes through here. Two layers: the exact
// secret texts the parser found (the password as written and as decoded,
// pieces of a password that spilled into other parts), then patterns for
// credentials in any text (URI userinfo, `password=` in a query, in a
// keyword/value string, in a JDBC/ADO.NET string, in an env line).

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
// A query password runs to the next '&' (spaces, quotes and '=' included:
// libpq keeps them) and over any following '&' segments without '=', which
// can only be the rest of a password holding '&'. An unquoted keyword/value
// password also takes the bare words after it up to the next keyword=.
const QUERY_SECRET = /([?&]\s*(?:ssl)?password\s*=)([^&\n]*(?:&[^&=\n]*(?=&|\n|$))*)/gi;
// JDBC / ADO.NET style `;Password=...;`.
const SEMICOLON_SECRET = /(;\s*(?:ssl)?password\s*=)([^;\n]*)/gi;
const KEYWORD_SECRET = /(^|[\s"'`])((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|"[^"]*"?|[^\s]+(?:[ \t]+[^\s=]+(?=\s|$))*)/gi;
const ENV_SECRET = /(\b[A-Z0-9_]*PASSWORD[A-Z0-9_]*\s*=\s*)('[^']*'?|"[^"]*"?|\S+)/g;

/** The secret texts the patterns find, so they can be cut out of derived text too. */
export function secretsByPattern(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URI_USERINFO)) found.push(m[2] as string);
  for (const m of text.matchAll(QUERY_SECRET)) found.push(m[2] as string);
  for (const m of text.matchAll(SEMICOLON_SECRET)) found.push(m[2] as string);
  for (const m of text.matchAll(KEYWORD_SECRET)) found.push(m[3] as string);
  for (const m of text.matchAll(ENV_SECRET)) found.push(m[2] as string);
  return found.filter((f) => f !== '' && f !== "''" && f !== REDACTED);
}

export function redactCredentialPatterns(text: string): string {
  return text
    .replace(URI_USERINFO, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}@`)
    .replace(QUERY_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
    .replace(SEMICOLON_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
    .replace(KEYWORD_SECRET, (m, lead: string, head: string, secret: string) =>
      secret.startsWith(REDACTED) || secret === "''" ? m : `${lead}${head}${REDACTED}`,
    )
    .replace(ENV_SECRET, (m, head: string, secret: string) => (secret.startsWith(REDACTED) ? m : `${head}${REDACTED}`));
}

/**
 * Secrets plus their pieces of three or more characters between reserved
 * characters: each reader (libpq, URL parsers, the keyword/value tokenizer)
 * cuts a password holding '@', '?', '&', a quote or a space at a different
 * place and may show a piece as a host, port, database or parameter name.
 */
export function withPieces(fragments: readonly string[]): string[] {
  const pieces = fragments.flatMap((f) => f.split(/[@:/?#&=,;\s'"\\[\]%+$]+/)).filter((p) => p.length >= 3);
  return [...new Set([...fragments, ...pieces])];
}

export function redactText(text: string, fragments: readonly string[] = []): string {
  return redactFragments(redactCredentialPatterns(text), fragments);
}
