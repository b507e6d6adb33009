// The literal prefilter's reading of a pattern (classify.ts): required literals of a regular expression: a set of strings such that every
// match of the expression contains at least one of them (compared lower-case),
// or null when no such set can be read off the source. Conservative: a
// construct it does not understand yields null, never a wrong set, so a
// pattern is only ever skipped when it cannot match.
//
// Grammar handled: literals and escapes, character classes, groups
// ((?:...), (...), (?<name>...)), lookarounds (ignored: they add no
// required text), alternation, quantifiers (?, *, +, {m}, {m,}, {m,n}, lazy
// forms), anchors and \b.

type Lits = string[] | null; // null: no requirement known
interface Node { kind: 'seq' | 'alt' | 'lit' | 'any' | 'group' | 'look'; items?: Node[]; alts?: Node[]; ch?: string; min?: number; max?: number; child?: Node }

const MIN_ANCHOR = 3;

export function requiredLiterals(regex: RegExp): string[] | null {
  let parsed: Node;
  try {
    parsed = parseAlt(regex.source, { i: 0 });
  } catch {
    return null;
  }
  const lits = literalsOf(parsed);
  if (lits === null || lits.length === 0 || lits.some((l) => l.length < MIN_ANCHOR)) return null;
  return [...new Set(lits.map((l) => l.toLowerCase()))];
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
    // Skip the class; it stands for one character we do not pin down.
    pos.i++;
    if (src[pos.i] === '^') pos.i++;
    if (src[pos.i] === ']') pos.i++;
    while (pos.i < src.length && src[pos.i] !== ']') pos.i += src[pos.i] === '\\' ? 2 : 1;
    pos.i++;
    return { kind: 'any' };
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

/** Literal alternatives that every match of the node contains, or null. */
function literalsOf(node: Node): Lits {
  // Optional parts require nothing; a part repeated at least once requires what it requires once.
  if ((node.min ?? 1) === 0) return null;
  return literalsOfOnce(node);
}

function literalsOfOnce(node: Node): Lits {
  switch (node.kind) {
    case 'lit': return [node.ch!];
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
      // Runs of single literal characters (each exactly once) join into strings;
      // the best candidate is the run or required sub-node with the longest shortest literal.
      let best: Lits = null;
      const consider = (lits: Lits): void => {
        if (lits === null || lits.length === 0) return;
        if (best === null || shortest(lits) > shortest(best) || (shortest(lits) === shortest(best) && lits.length < best.length)) best = lits;
      };
      let run = '';
      for (const item of node.items!) {
        const once = (item.min ?? 1) === 1 && (item.max ?? 1) === 1;
        if (item.kind === 'lit' && once) { run += item.ch; continue; }
        if (item.kind === 'look') { continue; }
        if (run) consider([run]);
        run = '';
        // A literal character repeated (x+, x{2,}) ends the run; it stands alone as a one-character candidate.
        if (item.kind === 'lit' && (item.min ?? 1) >= 1) { run = item.ch!; consider([run]); run = ''; continue; }
        consider(literalsOf(item));
      }
      if (run) consider([run]);
      return best;
    }
  }
}

function shortest(lits: string[]): number {
  return lits.reduce((m, l) => Math.min(m, l.length), Infinity);
}

/**
 * Which anchors occur in a text, in one pass: a single alternation of every
 * anchor (longest first) runs over the lower-cased text. Each hit also marks
 * the anchors it contains, and the scan resumes one character past each hit's
 * start, so an anchor inside or overlapping another is never missed.
 */
export class LiteralPrefilter {
  private readonly scan: RegExp;
  private readonly contained: Map<string, readonly string[]>;

  constructor(anchorSets: readonly (readonly string[] | null)[]) {
    const anchors = [...new Set(anchorSets.flatMap((set) => set ?? []))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.scan = new RegExp(anchors.map((anchor) => anchor.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') || '(?!)', 'g');
    this.contained = new Map(anchors.map((anchor) => [anchor, anchors.filter((other) => anchor.includes(other))]));
  }

  present(text: string): Set<string> {
    const present = new Set<string>();
    const lower = text.toLowerCase();
    this.scan.lastIndex = 0;
    for (let found = this.scan.exec(lower); found !== null; found = this.scan.exec(lower)) {
      if (!present.has(found[0])) for (const inner of this.contained.get(found[0]) ?? [found[0]]) present.add(inner);
      this.scan.lastIndex = found.index + 1;
    }
    return present;
  }

  static mayMatch(anchors: readonly string[] | null, present: ReadonlySet<string>): boolean {
    return anchors === null || anchors.some((anchor) => present.has(anchor));
  }
}
