// libpq's conninfo_storeval (fe-connect.c): the one place every parsed
// keyword goes through, in both string forms. Last value wins; `requiressl`
// is translated to sslmode (1... -> require, anything else -> prefer); an
// unknown keyword is an error (the URI form words it differently).
import { isKnownKeyword, isSecretKeyword, keywordOrder } from './libpq-options.ts';
import { percentDecode } from './percent-decode.ts';

export type ParseErrorCode =
  | 'invalid_option'
  | 'missing_equals'
  | 'unterminated_quote'
  | 'invalid_percent_encoding'
  | 'forbidden_percent_nul'
  | 'ipv6_unterminated'
  | 'ipv6_empty'
  | 'unexpected_character'
  | 'uri_missing_separator'
  | 'uri_extra_separator'
  | 'uri_invalid_parameter';

/**
 * A parse failure exactly as libpq words it. `rawMessage` may quote the
 * password (libpq does): it never leaves the connstr module unredacted.
 */
export interface RawParseError {
  readonly code: ParseErrorCode;
  readonly rawMessage: string;
  /** Text that belongs to a secret and must be cut out of anything shown. */
  readonly secretFragments: readonly string[];
}

export class ConninfoParseError extends Error {
  override readonly name = 'ConninfoParseError';
  readonly detail: RawParseError;
  constructor(detail: RawParseError) {
    super(detail.code);
    this.detail = detail;
  }
}

export function fail(code: ParseErrorCode, rawMessage: string, secretFragments: readonly string[] = []): never {
  throw new ConninfoParseError({ code, rawMessage, secretFragments });
}

export class OptionStore {
  private readonly values = new Map<string, string>();
  readonly nonUtf8Hex: Record<string, string> = {};
  /** Keywords in the order the string set them, repeats included. */
  readonly assignments: string[] = [];
  /** Secret values as written and as decoded: cut out of anything shown. */
  readonly secrets: string[] = [];
  /** Where each host, port and dbname piece of a URI came from: [keyword, start, end). */
  readonly sourceSpans: Array<readonly [string, number, number]> = [];

  constructor(private readonly libpqMajor: number) {}

  /** Returns false for an unknown keyword (the caller words the error). */
  store(
    keyword: string,
    value: string,
    uriDecode: boolean,
    secretFragments: () => readonly string[],
    writtenAs: string = keyword,
  ): boolean {
    let key = keyword;
    let val = value;
    if (key === 'requiressl') {
      key = 'sslmode';
      val = val.startsWith('1') ? 'require' : 'prefer';
    }
    if (!isKnownKeyword(key, this.libpqMajor)) return false;
    if (uriDecode) {
      const decoded = percentDecode(val);
      if (!decoded.ok) {
        const code = decoded.reason === 'invalid_token' ? 'invalid_percent_encoding' : 'forbidden_percent_nul';
        fail(code, decodeErrorMessage(decoded.reason, val), secretFragments());
      }
      val = decoded.value;
      if (decoded.nonUtf8Hex !== undefined) this.nonUtf8Hex[key] = decoded.nonUtf8Hex;
      else delete this.nonUtf8Hex[key];
    } else {
      delete this.nonUtf8Hex[key];
    }
    if (isSecretKeyword(key) && value !== '') this.secrets.push(value, val);
    this.values.set(key, val);
    this.assignments.push(writtenAs);
    return true;
  }

  /** The options in libpq's own order, as PQconninfoParse reports them. */
  toRecord(): Record<string, string> {
    const keys = [...this.values.keys()].sort((a, b) => keywordOrder(a) - keywordOrder(b));
    const out: Record<string, string> = {};
    for (const k of keys) out[k] = this.values.get(k) as string;
    return out;
  }
}

export function decodeErrorMessage(reason: 'invalid_token' | 'forbidden_nul', text: string): string {
  return reason === 'invalid_token'
    ? `invalid percent-encoded token: "${text}"`
    : `forbidden value %00 in percent-encoded value: "${text}"`;
}
