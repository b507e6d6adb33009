// Everything the audit shows passes through here. Two layers: the exact
// secret texts the parser found (the password as written and as decoded,
// pieces of a password that spilled into other parts), then patterns for
// credentials in any text (URI userinfo, `password=` in a query, in a
// keyword/value string, in a JDBC/ADO.NET string, in an env line).

export const REDACTED = '<redacted>';

export function redactFragments(text: string, fragments: readonly string[], options: { keepPieces?: boolean } = {}): string {
  let out = text;
  const unique = [...new Set(fragments)].filter((f) => f !== '' && f !== REDACTED);
  // In free text a piece of a longer secret goes with it: replacing a
  // one-letter password cut short at an '@' everywhere would garble it all.
  const ordered = unique
    .filter((f) => options.keepPieces === true || !unique.some((g) => g.length > f.length && g.includes(f)))
    .sort((a, b) => b.length - a.length);
  for (const fragment of ordered) out = out.split(fragment).join(REDACTED);
  return out;
}

// scheme://user:PASSWORD@ ; the password runs to the LAST '@' of the token,
// which also covers an unencoded '@' (or '/', '?') inside it.
const URI_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"'`]*:)([^\s"'`]*)@/gi;
const QUERY_SECRET = /([?&;]\s*(?:ssl)?password\s*=)([^&;\s"'`]*)/gi;
const KEYWORD_SECRET = /(^|[\s"'`])((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|"[^"]*"?|[^\s'"`]+)/gi;
const ENV_SECRET = /(\b[A-Z0-9_]*PASSWORD[A-Z0-9_]*\s*=\s*)('[^']*'?|"[^"]*"?|\S+)/g;

export function redactCredentialPatterns(text: string): string {
  return text
    .replace(URI_USERINFO, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}@`)
    .replace(QUERY_SECRET, (_m, head: string, secret: string) => `${head}${secret === '' ? '' : REDACTED}`)
    .replace(KEYWORD_SECRET, (m, lead: string, head: string, secret: string) =>
      secret.startsWith(REDACTED) || secret === "''" ? m : `${lead}${head}${REDACTED}`,
    )
    .replace(ENV_SECRET, (m, head: string, secret: string) => (secret.startsWith(REDACTED) ? m : `${head}${REDACTED}`));
}

export function redactText(text: string, fragments: readonly string[] = []): string {
  return redactCredentialPatterns(redactFragments(text, fragments));
}
