import type { FindingRule } from './types.ts';

// Copying from a console, a terminal or a YAML file brings along spaces,
// newlines (echo, heredocs, CRLF files) and invisible characters (no-break
// space, zero-width space, byte-order mark) that libpq keeps inside values.
const INVISIBLE = /[\u00a0\u200b-\u200d\u2060\ufeff]/;

export const rule: FindingRule = {
  meta: { id: 'whitespace', severity: 'error', description: 'Whitespace, newlines or invisible characters around or inside the string.' },
  check(ctx) {
    const out = [];
    const meant = ctx.unwrapped.meant;
    if (ctx.unwrapped.steps.includes('surrounding_whitespace')) {
      const harmless = ctx.literal.form === 'keyword_value' && ctx.unwrapped.form === 'keyword_value';
      out.push({
        severity: harmless ? ('info' as const) : ('error' as const),
        message: harmless
          ? 'Leading or trailing whitespace: harmless in a keyword/value string.'
          : 'Leading or trailing whitespace or a newline: libpq does not trim it. A leading space turns a URI into a broken keyword/value string; a trailing newline or space becomes part of the last value (the database name or, e.g., sslmode=require\\n, which libpq then refuses).',
        fix: 'Trim the value where it is set (.env files, secrets managers, `echo -n` instead of `echo`, no CRLF line endings).',
      });
    }
    if (ctx.meant.form === 'uri' && /\s/.test(meant)) {
      out.push({
        severity: 'error' as const,
        message: 'Whitespace inside the URI: libpq keeps it in the value it falls into (host, user, database or a parameter), and URL parsers reject or re-encode it.',
        fix: 'Remove line breaks from the string; encode a space that belongs to a value as %20.',
      });
    }
    if (INVISIBLE.test(ctx.unwrapped.meant) || INVISIBLE.test(meant)) {
      out.push({
        severity: 'error' as const,
        message: 'An invisible character (no-break space, zero-width space or byte-order mark) is in the string; libpq treats it as part of a value, so the host or database name no longer matches.',
        fix: 'Retype the string or strip non-ASCII whitespace (a BOM often comes from files saved by Windows editors).',
      });
    }
    return out;
  },
};
