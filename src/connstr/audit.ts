// The connection-string audit: the body of `pgtriage parse --json` and
// `POST /api/parse`. libpq's verdict on the input exactly as pasted (ok,
// error or keyword map), the parts and what they control, node-postgres's
// reading, and findings with fixes, all redacted. Never throws.
import { explainParts, type PartExplanation } from './explain.ts';
import { RULES } from './findings/registry.ts';
import { holdsLiveSecret } from './findings/secret_exposed.ts';
import type { AuditContext, Finding } from './findings/types.ts';
import { intendedPasswordTexts, readIntendedUri } from './intended-uri.ts';
import { DEFAULT_LIBPQ_MAJOR, isSecretKeyword, keywordSince } from './libpq-options.ts';
import { readNeonHost } from './neon.ts';
import { parseConninfo, type LibpqForm, type LibpqParse } from './parse.ts';
import { buildParts, safeLibpqMap, type ConnstrParts } from './parts.ts';
import { compareReaders, type ReadersReport } from './readers.ts';
import { REDACTED, redactFragments, redactText, secretsByPattern, withPieces } from './redact.ts';
import { unwrap, type InputForm } from './unwrap.ts';
import { validateLaterLikeLibpq, validateLikeLibpq } from './validate.ts';

export type { Finding, Severity } from './findings/types.ts';
export type { ConnstrParts, HostPart } from './parts.ts';
export type { PartExplanation } from './explain.ts';
export type { ReadersReport } from './readers.ts';
export type { InputForm } from './unwrap.ts';

/** Longer input is refused rather than parsed (no real string comes close). */
export const MAX_INPUT_LENGTH = 100_000;

export interface ConnstrError {
  readonly code: string;
  /** libpq's own reason, with any secret it quoted replaced by <redacted>. */
  readonly message: string;
}

export interface LibpqReading {
  readonly form: LibpqForm;
  readonly ok: boolean;
  readonly error?: ConnstrError;
  /** Keyword -> value as libpq produces it; password values are "<redacted>". */
  readonly libpq?: Readonly<Record<string, string>>;
  readonly parts?: ConnstrParts;
}

export interface ConnstrReport {
  /** libpq's verdict on the input exactly as given (PQconninfoParse). */
  readonly ok: boolean;
  readonly error?: ConnstrError;
  readonly libpq?: Readonly<Record<string, string>>;
  readonly parts?: ConnstrParts;
  /** What the paste is: uri, keyword_value, env_line, quoted, jdbc, sqlalchemy, shell_command, other_scheme, empty. */
  readonly form: InputForm;
  /** The string the user most likely meant, when it differs from the input (unwrapped, trimmed). */
  readonly meant?: LibpqReading & { readonly text: string };
  /** driver, user, password, host, database, parameters: value, what it controls, what breaks. */
  readonly explain?: readonly PartExplanation[];
  readonly findings: readonly Finding[];
  /** Errors libpq raises on the values when asked to connect, before any query (sslmode=bogus, port=abc, connect_timeout=10s ...). */
  readonly connectCheck: { readonly ok: boolean; readonly errors: readonly string[] };
  readonly readers: ReadersReport;
  /** The libpq major version whose keywords were accepted, and the oldest the string needs. */
  readonly libpqVersion: { readonly assumed: number; readonly minimum: number };
  /** The input with every secret replaced by <redacted>. */
  readonly redacted: string;
  /** A password that is not a placeholder was pasted (then a `secret_exposed` finding says to rotate it). */
  readonly secretExposed: boolean;
}

export interface AuditOptions {
  /** Accept the keywords of this libpq major version (default 17). */
  readonly libpqMajor?: number;
}

const SEVERITY_ORDER = { error: 0, warn: 1, info: 2 } as const;

function fragmentsOf(parse: LibpqParse): readonly string[] {
  return parse.ok ? parse.secretFragments : parse.error.secretFragments;
}

/** The input with the intended password's span cut out, then patterns and fragments. */
function redactInput(text: string, safe: (t: string) => string): string {
  // The URI may sit inside a wrapper (a .env line, quotes, a leading space).
  const at = text.search(/[a-z][a-z0-9+.-]{0,30}:\/\//i);
  const range = at === -1 ? undefined : readIntendedUri(text.slice(at))?.passwordRange;
  const cut = range !== undefined && range[1] > range[0] ? `${text.slice(0, at + range[0])}${REDACTED}${text.slice(at + range[1])}` : text;
  return safe(cut);
}

function reading(parse: LibpqParse, text: string, safe: (t: string) => string): LibpqReading {
  if (!parse.ok) return { form: parse.form, ok: false, error: { code: parse.error.code, message: safe(parse.error.rawMessage) } };
  // Every value passes the redactor too: a dbname that swallowed the next
  // line of a JSON log (`app\nspring.datasource.password=...`) holds a secret
  // the parser never saw as one.
  return {
    form: parse.form,
    ok: true,
    libpq: safeStrings(safeLibpqMap(parse.options, parse.spilledSecrets), safe),
    parts: safeStrings(buildParts(text, parse.options, parse.form, parse.spilledSecrets), safe),
  };
}

function safeStrings<T>(value: T, safe: (t: string) => string): T {
  if (typeof value === 'string') return (value === REDACTED ? value : safe(value)) as T;
  if (Array.isArray(value)) return value.map((item) => safeStrings(item, safe)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, safeStrings(item, safe)])) as T;
}

const SCHEME_WORDS = ['postgresql', 'postgres', 'jdbc', 'localhost'];

function visibleTexts(...parses: LibpqParse[]): string[] {
  const out = [...SCHEME_WORDS];
  for (const p of parses) {
    if (!p.ok) continue;
    // Values holding a piece of a cut password are not ordinary text.
    const shown = safeLibpqMap(p.options, p.spilledSecrets);
    for (const key of ['user', 'dbname', 'host', 'application_name']) {
      const value = shown[key];
      if (value?.includes(REDACTED) === true) continue;
      if (value !== undefined && value !== '') out.push(...value.split(/[,.]/), value);
    }
  }
  return out.filter((v) => v.length > 0);
}

function wholeSecrets(literal: LibpqParse, meant: LibpqParse, meantText: string, input: string): string[] {
  const out: string[] = [...intendedPasswordTexts(meantText), ...secretsByPattern(input), ...secretsByPattern(meantText)];
  for (const p of [literal, meant]) {
    if (!p.ok) out.push(...p.error.secretFragments);
    else for (const [key, value] of Object.entries(p.options)) if (isSecretKeyword(key) && value !== '') out.push(value);
  }
  return out.filter((w) => w !== '' && w !== REDACTED);
}

function minimumLibpq(parse: LibpqParse): number {
  if (!parse.ok) return 9;
  return Math.max(9, ...parse.assignments.map((k) => keywordSince(k) ?? 9));
}

function audit(input: string, options: AuditOptions): ConnstrReport {
  const libpqMajor = options.libpqMajor ?? DEFAULT_LIBPQ_MAJOR;
  const unwrapped = unwrap(input);
  const literal = parseConninfo(input, { libpqMajor });
  const meantDiffers = unwrapped.meant !== input;
  const meant = meantDiffers ? parseConninfo(unwrapped.meant, { libpqMajor }) : literal;
  // A secret that is also ordinary visible text (postgres:postgres@, a
  // password equal to the host name) is cut only where it sits as a secret
  // (the password field, the userinfo span); replacing it everywhere would
  // garble the scheme, user and database without hiding anything new.
  const visible = visibleTexts(literal, meant);
  const fragments = withPieces([
    ...fragmentsOf(literal),
    ...fragmentsOf(meant),
    ...intendedPasswordTexts(unwrapped.meant),
    ...secretsByPattern(input),
    ...secretsByPattern(unwrapped.meant),
  ]).filter((f) => !visible.some((v) => v.includes(f)));
  const spilled = [literal, meant].flatMap((p) => (p.ok ? Object.values(p.spilledSecrets).flat() : [])).filter((p) => p.length >= 3);
  // Whole secrets (never pieces): a quoted or standalone value that is part
  // of one is secret however short it is.
  const wholes = wholeSecrets(literal, meant, unwrapped.meant, input);
  const isSecretPiece = (v: string) => v !== '' && v !== REDACTED && wholes.some((w) => w.includes(v));
  // Pieces of two letters are cut where they stand alone next to a quote, a
  // reserved character or the end of the text ("QQ", QQ@host, :QQ), not
  // inside longer words nor as a word between spaces, so that wording
  // survives a password like "in@on"; longer pieces are cut everywhere.
  const shortPieces = withPieces(wholes, 2).filter((p) => p.length < 3 && !visible.some((v) => v.includes(p)));
  const cutShort = (text: string) => {
    let out = text;
    for (const piece of shortPieces) {
      out = out.replace(new RegExp(piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), (m, at: number, whole: string) => {
        const before = whole[at - 1];
        const after = whole[at + m.length];
        const standalone = (c: string | undefined) => c === undefined || !/[A-Za-z0-9]/.test(c);
        const marked = (c: string | undefined) => c === undefined || !/[A-Za-z0-9\s(]/.test(c);
        // A word between spaces next to a cut secret is the rest of it ("<redacted> QQ <redacted>": a password with spaces read as a port).
        const besideCut = (before === ' ' && whole.endsWith(REDACTED, at - 1)) || (after === ' ' && whole.startsWith(REDACTED, at + m.length + 1));
        return standalone(before) && standalone(after) && (marked(before) || marked(after) || besideCut) ? REDACTED : m;
      });
    }
    return out;
  };
  const safe = (text: string) => cutShort(redactFragments(redactText(text, fragments), spilled, { keepPieces: true }));
  const safeValue = (v: string) => (isSecretPiece(v) ? REDACTED : safe(v));

  const literalReading = reading(literal, input, safe);
  const meantReading = meantDiffers ? reading(meant, unwrapped.meant, safe) : literalReading;
  const ok = meant.ok ? meant : undefined;
  const firstHost = ok?.options.host?.split(',')[0];
  // Value checks follow libpq on the string as pasted when libpq can parse
  // it (a trailing newline in sslmode=require is then refused), else on the
  // string meant.
  const checked = literal.ok ? literal : ok;
  const rejections = checked !== undefined ? [...validateLikeLibpq(checked.options, libpqMajor), ...validateLaterLikeLibpq(checked.options)] : [];
  const safeMeant = redactInput(unwrapped.meant, safe);
  const readers: ReadersReport = unwrapped.form === 'empty' ? { nodePostgres: { ok: false, error: 'empty input' }, differences: [] } : compareReaders(unwrapped.meant, meant, { text: safe, value: safeValue });
  const intended = readIntendedUri(unwrapped.meant)?.password;
  const ctx: AuditContext = {
    libpqMajor,
    unwrapped,
    literal,
    meant,
    ok,
    parts: meantReading.parts,
    readers,
    neon: firstHost !== undefined ? readNeonHost(firstHost) : undefined,
    rejections,
    safeMeant,
    safe,
    intendedPassword: meant.form === 'uri' && intended !== undefined && intended !== '' ? intended : undefined,
    patternSecrets: secretsByPattern(input),
  };
  const findings = RULES.flatMap((rule) => rule.check(ctx).map((report) => ({ id: rule.meta.id, ...report })))
    .map((f) => ({ ...f, message: safe(f.message), ...(f.fix !== undefined ? { fix: safe(f.fix) } : {}) }))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const explainFrom = meantReading.parts;

  return {
    ok: literalReading.ok,
    ...(literalReading.error !== undefined ? { error: literalReading.error } : {}),
    ...(literalReading.libpq !== undefined ? { libpq: literalReading.libpq, parts: literalReading.parts } : {}),
    form: unwrapped.form,
    ...(meantDiffers ? { meant: { text: safeMeant, ...meantReading } } : {}),
    ...(explainFrom !== undefined ? { explain: explainParts(unwrapped, explainFrom).map((e) => ({ ...e, value: safe(e.value) })) } : {}),
    findings,
    connectCheck: { ok: checked !== undefined && rejections.length === 0, errors: rejections.map(safe) },
    readers,
    libpqVersion: { assumed: libpqMajor, minimum: minimumLibpq(meant) },
    redacted: redactInput(input, safe),
    secretExposed: holdsLiveSecret(ctx),
  };
}

export function auditConnectionString(input: string, options: AuditOptions = {}): ConnstrReport {
  const text = typeof input === 'string' ? input : '';
  if (text.length > MAX_INPUT_LENGTH) return refusal(text, 'input_too_long', `the input is ${text.length} characters long; the audit reads at most ${MAX_INPUT_LENGTH}`);
  try {
    return audit(text, options);
  } catch {
    // A bug must not become a stack trace that quotes the input.
    return refusal(text, 'internal_error', 'the audit failed on this input');
  }
}

function refusal(text: string, code: string, message: string): ConnstrReport {
  let redacted: string;
  try {
    redacted = text.length > MAX_INPUT_LENGTH ? REDACTED : redactText(text);
  } catch {
    redacted = REDACTED;
  }
  return {
    ok: false,
    error: { code, message },
    form: 'keyword_value',
    findings: [],
    connectCheck: { ok: false, errors: [] },
    readers: { nodePostgres: { ok: false, error: 'not read' }, differences: [] },
    libpqVersion: { assumed: DEFAULT_LIBPQ_MAJOR, minimum: 9 },
    redacted,
    secretExposed: false,
  };
}
