// What every match of a provider key's regex starts with, read from its source,
// so a text without any of them needs no pass of that regex (src/secrets/find.ts).

const META = new Set([...'\\^$.|?*+()[]{}']);
const QUANTIFIER = new Set([...'?*+{']);

/**
 * The literals one of which every match of `pattern` holds: for each top-level
 * alternative (or each alternative of a leading non-capturing group), the run
 * of plain characters it starts with, after an optional `\b`. Null when an
 * alternative starts with anything else, or the pattern ignores case: the
 * regex then always runs.
 */
export function leadingLiterals(pattern: RegExp): string[] | null {
  if (pattern.flags.includes('i')) return null;
  const literals: string[] = [];
  for (const alternative of topLevel(pattern.source)) {
    let rest = alternative.startsWith('\\b') ? alternative.slice(2) : alternative;
    let starts: string[];
    if (rest.startsWith('(?:')) {
      const close = matchingParen(rest, 0);
      if (close < 0) return null;
      starts = topLevel(rest.slice(3, close)).map((inner) => literalRun(inner.startsWith('\\b') ? inner.slice(2) : inner));
      rest = '';
    } else {
      starts = [literalRun(rest)];
    }
    if (starts.some((start) => start === '')) return null;
    literals.push(...starts);
  }
  return literals.length === 0 ? null : literals;
}

/** The plain characters `source` starts with (escaped punctuation unescaped), minus one a quantifier makes optional. */
function literalRun(source: string): string {
  let run = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1];
      // Only escaped punctuation is a literal character; \d, \w, \b... are not.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      run += next;
      i += 2;
    } else if (META.has(char)) {
      break;
    } else {
      run += char;
      i += 1;
    }
  }
  if (run !== '' && QUANTIFIER.has(source[i] ?? '')) run = run.slice(0, -1);
  return run;
}

/** The alternatives of `source` split at its top-level `|`. */
function topLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/** The index of the `)` that closes the `(` at `open`, or -1. */
function matchingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}
