// Everything the audit shows passes through here. Two layers: the exact
// secret texts the parser found (the password as written and as decoded,
// pieces of a password that spilled into other parts), then src/secrets,
// the one finder of credentials in any text.
import { findSecrets } from '../secrets/find.ts';
import { REDACTED, redactSecrets } from '../secrets/redact.ts';

export { REDACTED } from '../secrets/redact.ts';

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

/** The secret texts src/secrets finds, so they can be cut out of derived text too. */
export function secretsByPattern(text: string): string[] {
  return findSecrets(text)
    .map((finding) => text.slice(finding.start, finding.end))
    .filter((f) => f !== '' && f !== REDACTED);
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
  return redactFragments(redactSecrets(text).text, fragments);
}
