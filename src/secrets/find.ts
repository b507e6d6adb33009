// Finds every secret a user can paste by accident. Normalise, then find, then
// map back: scanners run on a view of the text with terminal colours dropped
// and JSON/string escapes decoded (src/text/view.ts), so `\u001b[36m` before a
// URL or `\"password\":\"x\"` inside a JSON log hides nothing, and each span
// is mapped back onto exactly what was pasted. The raw text is scanned too
// (a view can merge what a raw reading keeps apart); the union is kept.
// Every scanner is linear in the text (bounded quantifiers, resumable scans).
import { changedLines } from '../text/changed-lines.ts';
import { literalsRequiredBy } from '../text/required-literals.ts';
import { seeThrough, toInputSpan, type TextView } from '../text/view.ts';
import type { SecretFinding, SecretKind } from './kinds.ts';
import { isPlaceholder } from './placeholder.ts';
import { KEY_SHAPES, looksRandom } from './provider-keys.ts';
import { scanAuthHeaders } from './scanners/auth-header.ts';
import { scanMarkdownTables } from './scanners/markdown-table.ts';
import { scanPgpassLines } from './scanners/pgpass.ts';
import { scanPrivateKeys } from './scanners/pem.ts';
import { scanSettings } from './scanners/settings.ts';
import { scanSqlPasswords } from './scanners/sql.ts';
import type { Scanner, Span } from './scanners/types.ts';
import { scanUriPasswords } from './scanners/uri.ts';

export type { SecretFinding, SecretKind } from './kinds.ts';

const HIDING = /[\u001b\\\r&]/;
const SCANNERS: readonly Scanner[] = [scanPrivateKeys, scanUriPasswords, scanSettings, scanSqlPasswords, scanAuthHeaders, scanPgpassLines, scanMarkdownTables, scanProviderKeys];
// Scanners whose spans in a line depend on that line alone (and on the lines a
// backslash before a break continues it into): no span, lookaround or value
// crosses a line break. The others read across lines (a PEM block, a Markdown
// table under its header, SQL's `PASSWORD` and its literal on the next line).
const BY_LINE: ReadonlySet<Scanner> = new Set([scanUriPasswords, scanSettings, scanAuthHeaders, scanPgpassLines, scanProviderKeys]);

/** `given`: seeThrough(text), when the caller already has it (the classifier reads the same view). */
export function findSecrets(text: string, given?: TextView): SecretFinding[] {
  if (typeof text !== 'string' || text === '') return [];
  const spans = SCANNERS.flatMap((scan) => scan(text));
  // Only colours, escapes, carriage returns and entities make a view differ.
  const view = given ?? (HIDING.test(text) ? seeThrough(text) : null);
  if (view !== null && view.text !== text) {
    // A line of the view that is a line of the text holds what the text's scan
    // found there: the line scanners read only the changed lines (a JSON log
    // line's escaped trace, not the plain log around it).
    const changed = changedLines(view, text);
    for (const scan of SCANNERS) {
      const found = BY_LINE.has(scan) ? scanRuns(scan, view.text, changed) : scan(view.text);
      for (const span of found) spans.push({ ...span, ...toInputSpan(view, text, span.start, span.end) });
    }
  }
  return merge(spans.map((span) => toFinding(text, span)));
}

/** A scanner's spans in runs of whole lines of `text` ([start, end) pairs), as offsets into `text`. */
function scanRuns(scan: Scanner, text: string, runs: readonly number[]): Span[] {
  if (runs.length === 2 && runs[0] === 0 && runs[1] === text.length) return scan(text);
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    const from = runs[i]!;
    for (const span of scan(text.slice(from, runs[i + 1]!))) spans.push({ kind: span.kind, start: span.start + from, end: span.end + from });
  }
  return spans;
}

// Each shape's regex is tried only where a literal every match of it holds
// occurs: a String.includes costs far less than a regex pass, and most texts
// hold none. The literals are cut to their first LITERAL_PREFIX characters (a
// prefix of a required literal is required too): `sk_live_`, `sk_test_` and
// `sk_prod_` are one search for `sk_`. (A case-insensitive shape would need
// folded literals: it always runs.)
const LITERAL_PREFIX = 3;
export const SHAPE_LITERALS: readonly (readonly string[] | null)[] = KEY_SHAPES.map((shape) => {
  const literals = shape.pattern.flags.includes('i') ? null : literalsRequiredBy(shape.pattern);
  return literals === null ? null : [...new Set(literals.map((literal) => literal.slice(0, LITERAL_PREFIX)))];
});

function scanProviderKeys(text: string): Span[] {
  const spans: Span[] = [];
  // Shapes share literals (`sk-`): each is searched for once per text.
  const occurs = new Map<string, boolean>();
  const found = (literal: string) => {
    let yes = occurs.get(literal);
    if (yes === undefined) occurs.set(literal, (yes = text.includes(literal)));
    return yes;
  };
  for (const [index, shape] of KEY_SHAPES.entries()) {
    const literals = SHAPE_LITERALS[index]!;
    if (literals !== null && !literals.some(found)) continue;
    shape.pattern.lastIndex = 0;
    for (const m of text.matchAll(shape.pattern)) {
      const secret = m[1] ?? m[0];
      if (shape.mustLookRandom === true && !looksRandom(secret)) continue;
      const start = (m.index ?? 0) + m[0].length - secret.length;
      spans.push({ kind: shape.kind, start, end: start + secret.length });
      if (shape.kind === 'aws_access_key_id') {
        const paired = awsSecretAfter(text, start + secret.length);
        if (paired !== null) spans.push(paired);
      }
    }
  }
  return spans;
}

// The 40-character secret access key printed next to its key id (the
// credentials CSV, `aws configure list`, a pasted pair); gitleaks rule
// aws-access-token plus https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html.
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_PAIR_WINDOW = 200;

function awsSecretAfter(text: string, from: number): Span | null {
  const newline = text.indexOf('\n', from);
  const window = text.slice(from, Math.min(from + AWS_PAIR_WINDOW, newline === -1 ? text.length : newline));
  for (const m of window.matchAll(AWS_SECRET)) {
    if (!looksRandom(m[0])) continue;
    const start = from + (m.index ?? 0);
    return { kind: 'aws_secret_access_key', start, end: start + 40 };
  }
  return null;
}

// Neon's workaround for clients without SNI puts the endpoint id in the
// password: `endpoint=<endpoint-id>;<password>`
// (https://neon.tech/docs/connect/connection-errors#the-endpoint-id-is-not-specified).
// The id is not secret and helps triage; only what follows ';' is hidden.
const NEON_ENDPOINT_PREFIX = /^endpoint(?:=|%3D)[A-Za-z0-9-]{1,80}(?:;|%3B)/i;

function toFinding(text: string, span: Span): SecretFinding {
  let { start } = span;
  if (span.kind === 'url_password' || span.kind === 'password_setting') {
    const prefix = NEON_ENDPOINT_PREFIX.exec(text.slice(start, span.end));
    if (prefix !== null && start + prefix[0].length < span.end) start += prefix[0].length;
  }
  return { kind: span.kind, start, end: span.end, placeholder: isPlaceholder(text.slice(start, span.end)) };
}

const GENERIC = new Set<SecretKind>(['password_setting', 'secret_setting', 'bearer_token', 'basic_auth']);

/** Overlapping spans become one; it is live if any part of it is. */
function merge(findings: SecretFinding[]): SecretFinding[] {
  const sorted = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretFinding[] = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && finding.start < last.end) {
      if (finding.end > last.end) last.end = finding.end;
      if (!finding.placeholder && last.placeholder) {
        last.placeholder = false;
        last.kind = finding.kind;
      } else if (GENERIC.has(last.kind) && !GENERIC.has(finding.kind) && finding.placeholder === last.placeholder) {
        // `OPENAI_API_KEY=sk-...`: the key's own shape names it better than its label.
        last.kind = finding.kind;
      }
      continue;
    }
    merged.push({ ...finding });
  }
  return merged;
}

/** The value of each finding, for callers that cut derived text (the audit's libpq map). */
export function secretValues(text: string, findings: readonly SecretFinding[] = findSecrets(text)): string[] {
  return findings.map((finding) => text.slice(finding.start, finding.end));
}

