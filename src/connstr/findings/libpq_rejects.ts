import type { FindingRule } from './types.ts';

// One fix per libpq parse error code (fe-connect.c wording in parse-uri.ts
// and parse-keyword-value.ts).
const FIXES: Record<string, string> = {
  invalid_option: 'Remove the keyword or spell it as libpq does (lower case: host, port, dbname, user, password, sslmode ...); see non_libpq_parameter for keywords of other tools.',
  uri_invalid_parameter: 'Remove the parameter: libpq accepts only its own keywords in the query (see non_libpq_parameter for what each tool needs instead).',
  missing_equals: 'A keyword/value string needs keyword=value pairs separated by spaces; a URI must start exactly with postgresql:// or postgres:// (lower case, no leading space or quote). Quote values with spaces: password=\'a b\'.',
  unterminated_quote: "Close the single quote; write a literal quote or backslash inside it as \\' or \\\\.",
  invalid_percent_encoding: "A '%' must start a %XX escape: write a literal '%' as %25.",
  forbidden_percent_nul: '%00 cannot appear in any value: remove it.',
  ipv6_unterminated: 'Close the IPv6 address with ]: postgresql://[2001:db8::1]:5432/db.',
  ipv6_empty: 'Put an address between the brackets or drop them.',
  unexpected_character: 'After ] only :port, /dbname, ?params or a comma may follow.',
  uri_missing_separator: 'Every query parameter needs key=value; an unencoded & inside a value (often the password) splits it: percent-encode & as %26.',
  uri_extra_separator: 'A value may not contain a raw =: percent-encode it as %3D (options=-c%20search_path%3Dapp).',
};

export const rule: FindingRule = {
  meta: { id: 'libpq_rejects', severity: 'error', description: 'libpq cannot parse the string at all.' },
  check(ctx) {
    if (ctx.meant.ok) return [];
    const err = ctx.meant.error;
    return [
      {
        severity: 'error',
        message: `libpq rejects the string: ${ctx.safe(err.rawMessage)}`,
        fix: FIXES[err.code] ?? 'Fix the string as the message says.',
      },
    ];
  },
};
