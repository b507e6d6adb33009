// What libpq's PQconninfoParse makes of a string: the URI form when it starts
// with `postgresql://` or `postgres://` (case-sensitive, no leading space),
// else the keyword/value form. No defaults, environment or service file, so
// the result holds only what the string itself sets. A C string ends at the
// first NUL, so libpq never sees anything after one.
import { ConninfoParseError, OptionStore, type RawParseError } from './conninfo-store.ts';
import { DEFAULT_LIBPQ_MAJOR } from './libpq-options.ts';
import { parseKeywordValue } from './parse-keyword-value.ts';
import { intendedPasswordTexts, readIntendedUri } from './intended-uri.ts';
import { parseUri, uriPrefixLength } from './parse-uri.ts';
import { percentDecode } from './percent-decode.ts';

export type LibpqForm = 'uri' | 'keyword_value';

export interface ParseOptions {
  /** The libpq major version whose keywords are accepted (default 17). */
  readonly libpqMajor?: number;
}

interface ParseCommon {
  readonly form: LibpqForm;
  /** Index of the NUL that ended the string for libpq, when there was one. */
  readonly truncatedAtNul?: number;
}

export interface LibpqParseOk extends ParseCommon {
  readonly ok: true;
  /** Keyword -> value in libpq's order; holds the real password: never show it. */
  readonly options: Readonly<Record<string, string>>;
  /** Exact bytes (hex) of values that are not valid UTF-8, as the oracle records them. */
  readonly nonUtf8Hex: Readonly<Record<string, string>>;
  /** Keywords as written, in order, repeats included (e.g. `requiressl`). */
  readonly assignments: readonly string[];
  /** Secret texts to cut out of anything shown (see redact.ts). */
  readonly secretFragments: readonly string[];
  /**
   * Pieces of a password that libpq cut short and put into another value
   * (`p@ss@h` gives host `ss@h`): cut out of those values, however short.
   */
  readonly spilledSecrets: Readonly<Record<string, readonly string[]>>;
}

export interface LibpqParseFailure extends ParseCommon {
  readonly ok: false;
  readonly error: RawParseError;
}

export type LibpqParse = LibpqParseOk | LibpqParseFailure;

export function parseConninfo(input: string, options: ParseOptions = {}): LibpqParse {
  const nul = input.indexOf('\0');
  const text = nul === -1 ? input : input.slice(0, nul);
  const common = nul === -1 ? {} : { truncatedAtNul: nul };
  const form: LibpqForm = uriPrefixLength(text) > 0 ? 'uri' : 'keyword_value';
  const store = new OptionStore(options.libpqMajor ?? DEFAULT_LIBPQ_MAJOR);
  // libpq may cut a password holding '@', '/' or '?' short: the pieces it
  // puts elsewhere (host, port, dbname) are still the user's secret.
  const intended = form === 'uri' ? intendedPasswordTexts(text) : [];
  try {
    if (form === 'uri') parseUri(text, store);
    else parseKeywordValue(text, store);
  } catch (err) {
    if (err instanceof ConninfoParseError) {
      const error = { ...err.detail, secretFragments: [...new Set([...err.detail.secretFragments, ...store.secrets, ...intended])] };
      return { ok: false, form, error, ...common };
    }
    throw err;
  }
  return {
    ok: true,
    form,
    options: store.toRecord(),
    nonUtf8Hex: { ...store.nonUtf8Hex },
    assignments: [...store.assignments],
    secretFragments: [...new Set([...store.secrets, ...intended])],
    spilledSecrets: spilledPieces(text, store.sourceSpans),
    ...common,
  };
}

function spilledPieces(text: string, spans: ReadonlyArray<readonly [string, number, number]>): Record<string, string[]> {
  const range = readIntendedUri(text)?.passwordRange;
  const pieces: Record<string, string[]> = {};
  if (range === undefined) return pieces;
  const [ps, pe] = range;
  for (const [keyword, start, end] of spans) {
    const from = Math.max(start, ps);
    const to = Math.min(end, pe);
    if (from >= to) continue;
    // libpq decodes the value, so look for the piece as written and as decoded.
    const raw = text.slice(from, to);
    const decoded = percentDecode(raw);
    (pieces[keyword] ??= []).push(...(decoded.ok && decoded.value !== raw ? [decoded.value, raw] : [raw]));
  }
  return pieces;
}
