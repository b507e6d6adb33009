// Required literals of a regular expression: a set of strings such that every
// match of the expression contains at least one of them (as written in the
// source: a caller with a case-insensitive regex compares them folded), or null
// when no such set can be read off the source. Conservative: a construct it
// does not understand yields null, never a wrong set, so a regex is only ever
// skipped when it cannot match. Read by the classifier's literal prefilter
// (src/triage/anchors.ts) and by the provider-key scanner (src/secrets/find.ts).
//
// Grammar handled: literals and escapes, character classes, groups
// ((?:...), (...), (?<name>...)), lookarounds (ignored: they add no
// required text), alternation, quantifiers (?, *, +, {m}, {m,}, {m,n}, lazy
// forms), anchors and \b.

type Lits = string[] | null; // null: no requirement known
interface Node { kind: 'seq' | 'alt' | 'lit' | 'set' | 'any' | 'group' | 'look'; items?: Node[]; alts?: Node[]; ch?: string; chars?: string[]; min?: number; max?: number; child?: Node }

/** A class of at most this many ASCII characters (`[#>]`, `[1-6]`) is read as those characters. */
const MAX_CLASS = 8;
/** A run of literals and such classes is kept as at most this many strings (one per choice). */
const MAX_RUN_STRINGS = 16;

export function literalsRequiredBy(regex: RegExp): string[] | null {
  try {
    return literalsOf(parseAlt(regex.source, { i: 0 }));
  } catch {
    return null;
  }
}

/**
 * Stronger than one set: for each top-level alternative of the regex, every
 * set its top-level sequence requires (a match of that alternative contains a
 * literal of each set: `password\s+authentication\s+failed` requires
 * "password", "authentication" and "failed"), or null when the source is not
 * understood. An alternative that requires nothing has no sets.
 */
export function literalSetsRequiredBy(regex: RegExp): string[][][] | null {
  try {
    const root = parseAlt(regex.source, { i: 0 });
    return (root.kind === 'alt' ? root.alts! : [root]).map(seqCandidates);
  } catch {
    return null;
  }
}

/**
 * A regex's top-level alternatives, each a regex with the same flags, read by
 * the same parser as its literals; the regex itself when the source is not
 * understood (a backreference among others: its numbers would shift).
 */
export function topLevelAlternatives(regex: RegExp): RegExp[] {
  const { source, flags } = regex;
  const pos = { i: 0 };
  const parts: string[] = [];
  try {
    for (let from = 0; ; from = ++pos.i) {
      parseSeq(source, pos);
      parts.push(source.slice(from, pos.i));
      if (source[pos.i] !== '|') break;
    }
  } catch {
    return [regex];
  }
  if (pos.i !== source.length) return [regex];
  return parts.map((part) => new RegExp(part, flags));
}

function parseAlt(src: string, pos: { i: number }): Node {
  const alts: Node[] = [parseSeq(src, pos)];
  while (src[pos.i] === '|') {
    pos.i++;
    alts.push(parseSeq(src, pos));
  }
  return alts.length === 1 ? alts[0]! : { kind: 'alt', alts };
}

function parseSeq(src: string, pos: { i: number }): Node {
  const items: Node[] = [];
  while (pos.i < src.length && src[pos.i] !== '|' && src[pos.i] !== ')') {
    let atom = parseAtom(src, pos);
    const q = parseQuantifier(src, pos);
    if (q) atom = { ...atom, min: q.min, max: q.max };
    items.push(atom);
  }
  return { kind: 'seq', items };
}

function parseQuantifier(src: string, pos: { i: number }): { min: number; max: number } | null {
  const c = src[pos.i];
  let q: { min: number; max: number } | null = null;
  if (c === '?') { q = { min: 0, max: 1 }; pos.i++; }
  else if (c === '*') { q = { min: 0, max: Infinity }; pos.i++; }
  else if (c === '+') { q = { min: 1, max: Infinity }; pos.i++; }
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos.i));
    if (m) {
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
      pos.i += m[0].length;
    }
  }
  if (q && src[pos.i] === '?') pos.i++; // lazy
  return q;
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B']);

function parseAtom(src: string, pos: { i: number }): Node {
  const c = src[pos.i]!;
  if (c === '(') {
    pos.i++;
    let look = false;
    if (src.startsWith('?:', pos.i)) pos.i += 2;
    else if (src.startsWith('?=', pos.i) || src.startsWith('?!', pos.i)) { pos.i += 2; look = true; }
    else if (src.startsWith('?<=', pos.i) || src.startsWith('?<!', pos.i)) { pos.i += 3; look = true; }
    else if (src.startsWith('?<', pos.i)) { const end = src.indexOf('>', pos.i); pos.i = end + 1; }
    const child = parseAlt(src, pos);
    if (src[pos.i] !== ')') throw new Error('unbalanced');
    pos.i++;
    return look ? { kind: 'look' } : { kind: 'group', child };
  }
  if (c === '[') {
    // Skip the class; a few plain characters are read as those characters, any other class stands for one we do not pin down.
    pos.i++;
    const body = pos.i;
    if (src[pos.i] === '^') pos.i++;
    if (src[pos.i] === ']') pos.i++;
    while (pos.i < src.length && src[pos.i] !== ']') pos.i += src[pos.i] === '\\' ? 2 : 1;
    const chars = classMembers(src.slice(body, pos.i));
    pos.i++;
    return chars === null ? { kind: 'any' } : { kind: 'set', chars };
  }
  if (c === '\\') {
    const n = src[pos.i + 1]!;
    pos.i += 2;
    if (CLASS_ESCAPES.has(n)) return n === 'b' || n === 'B' ? { kind: 'look' } : { kind: 'any' };
    if (n === 'u' || n === 'x' || n === 'c' || n === 'p' || n === 'P' || n === 'k' || /[0-9]/.test(n)) throw new Error('escape not handled');
    if (n === 'n' || n === 't' || n === 'r' || n === 'f' || n === 'v') return { kind: 'lit', ch: { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' }[n]! };
    return { kind: 'lit', ch: n };
  }
  if (c === '^' || c === '$') { pos.i++; return { kind: 'look' }; }
  if (c === '.') { pos.i++; return { kind: 'any' }; }
  pos.i++;
  return { kind: 'lit', ch: c };
}

/**
 * The characters of a class body (between `[` and `]`) when it is a short list
 * of printable ASCII characters and ranges of them; null for anything else (a
 * negation, a class escape such as \\d, a non-ASCII character, a long range).
 * ASCII only, so lower-casing a member is all the case folding a caller needs.
 */
function classMembers(body: string): string[] | null {
  if (body === '' || body[0] === '^' || body[0] === ']') return null;
  const members = new Set<string>();
  const read = (at: number): { ch: string; next: number } | null => {
    const c = body[at];
    if (c === undefined) return null;
    if (c !== '\\') return { ch: c, next: at + 1 };
    const e = body[at + 1];
    if (e === undefined) return null;
    if (e === 'n' || e === 't' || e === 'r') return { ch: { n: '\n', t: '\t', r: '\r' }[e], next: at + 2 };
    return /[A-Za-z0-9]/.test(e) ? null : { ch: e, next: at + 2 };
  };
  for (let at = 0; at < body.length; ) {
    const first = read(at);
    if (first === null) return null;
    at = first.next;
    let last = first.ch;
    if (body[at] === '-' && at + 1 < body.length) {
      const end = read(at + 1);
      if (end === null) return null;
      at = end.next;
      last = end.ch;
    }
    const from = first.ch.charCodeAt(0);
    const to = last.charCodeAt(0);
    if (to < from || to - from >= MAX_CLASS) return null;
    for (let code = from; code <= to; code++) members.add(String.fromCharCode(code));
    if (members.size > MAX_CLASS) return null;
  }
  const chars = [...members];
  return chars.every((ch) => (ch >= ' ' && ch <= '~') || ch === '\n' || ch === '\t' || ch === '\r') ? chars : null;
}

/** Literal alternatives that every match of the node contains, or null. */
function literalsOf(node: Node): Lits {
  // Optional parts require nothing; a part repeated at least once requires what it requires once.
  if ((node.min ?? 1) === 0) return null;
  return literalsOfOnce(node);
}

function literalsOfOnce(node: Node): Lits {
  switch (node.kind) {
    case 'lit': return [node.ch!];
    case 'set': return node.chars!;
    case 'any':
    case 'look': return null;
    case 'group': return literalsOf(node.child!);
    case 'alt': {
      const out: string[] = [];
      for (const alt of node.alts!) {
        const lits = literalsOf(alt);
        if (lits === null) return null;
        out.push(...lits);
      }
      return out;
    }
    case 'seq': {
      // The best candidate is the run or required sub-node with the longest shortest literal.
      let best: Lits = null;
      for (const lits of seqCandidates(node)) {
        if (best === null || shortest(lits) > shortest(best) || (shortest(lits) === shortest(best) && lits.length < best.length)) best = lits;
      }
      return best;
    }
  }
}

/**
 * Every literal set a sequence requires: runs of single literal characters and
 * short classes (each exactly once) join into strings, one per choice of the
 * classes' characters; each such run and each required sub-node is a set.
 */
function seqCandidates(node: Node): string[][] {
  const candidates: string[][] = [];
  const consider = (lits: Lits): void => {
    if (lits !== null && lits.length > 0) candidates.push(lits);
  };
  let run: string[] = [];
  const endRun = (): void => {
    consider(run);
    run = [];
  };
  for (const item of node.items!) {
    const chars = item.kind === 'lit' ? [item.ch!] : item.kind === 'set' ? item.chars! : null;
    if (item.kind === 'look') { continue; }
    // A literal, a short class or a group of a few fixed strings (`(?:验证|认证)`), matched once, extends the run.
    const exact = exactStrings(item);
    if (exact !== null) {
      // Past MAX_RUN_STRINGS choices the run so far is a candidate, and a new one starts here.
      if (run.length * exact.length > MAX_RUN_STRINGS) endRun();
      run = run.length === 0 ? [...exact] : run.flatMap((prefix) => exact.map((more) => prefix + more));
      continue;
    }
    endRun();
    // A literal character or class repeated (x+, x{2,}) ends the run; it stands alone as a one-character candidate.
    if (chars !== null && (item.min ?? 1) >= 1) { consider(chars); continue; }
    consider(literalsOf(item));
  }
  endRun();
  return candidates;
}

/**
 * The strings a node matches when it is matched once and matches only a few
 * fixed strings (a literal, a short class, a group of such alternatives and
 * sequences; a lookaround adds no text); else null.
 */
function exactStrings(node: Node): string[] | null {
  if ((node.min ?? 1) !== 1 || (node.max ?? 1) !== 1) return null;
  let strings: string[] | null;
  switch (node.kind) {
    case 'lit': return [node.ch!];
    case 'set': return node.chars!;
    case 'look': return [''];
    case 'group': return exactStrings(node.child!);
    case 'alt': {
      strings = [];
      for (const alt of node.alts!) {
        const more = exactStrings(alt);
        if (more === null) return null;
        strings.push(...more);
      }
      break;
    }
    case 'seq': {
      strings = [''];
      for (const item of node.items!) {
        const more = exactStrings(item);
        if (more === null || strings.length * more.length > MAX_RUN_STRINGS) return null;
        strings = strings.flatMap((prefix) => more.map((next) => prefix + next));
      }
      break;
    }
    default: return null;
  }
  const unique = [...new Set(strings)];
  return unique.length <= MAX_RUN_STRINGS ? unique : null;
}

function shortest(lits: string[]): number {
  return lits.reduce((m, l) => Math.min(m, l.length), Infinity);
}
