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
interface Node { kind: 'seq' | 'alt' | 'lit' | 'set' | 'any' | 'group' | 'look'; items?: Node[]; alts?: Node[]; ch?: string; chars?: string[]; min?: number; max?: number; child?: Node }

const MIN_ANCHOR = 3;
/** A class of at most this many ASCII characters (`[#>]`, `[1-6]`) is read as those characters. */
const MAX_CLASS = 8;
/** A run of literals and such classes is kept as at most this many strings (one per choice). */
const MAX_RUN_STRINGS = 16;

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
 * ASCII only, so lower-casing a member is all the case folding it needs.
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
      // Runs of single literal characters and short classes (each exactly once) join into strings, one per
      // choice of the classes' characters; the best candidate is the run or required sub-node with the
      // longest shortest literal.
      let best: Lits = null;
      const consider = (lits: Lits): void => {
        if (lits === null || lits.length === 0) return;
        if (best === null || shortest(lits) > shortest(best) || (shortest(lits) === shortest(best) && lits.length < best.length)) best = lits;
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
      return best;
    }
  }
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

/**
 * Which anchors occur in a text, in one pass: an Aho-Corasick automaton over
 * every anchor runs over the lower-cased text, one table step per character,
 * so its cost is linear whatever the text (an alternation of hundreds of
 * literals in a backtracking regex tries many of them at each position).
 * Each state knows every anchor that ends there, the ones inside longer ones
 * included, so an anchor inside or overlapping another is never missed.
 */
const NONE = 0xffff;
/** In the case-folding table: not looked at yet, and a character whose lower case is several. */
const UNKNOWN = 0xffff;
const MULTI = 0xfffe;

export class LiteralPrefilter {
  private readonly anchors: readonly string[];
  /** Char code -> symbol; 0 for every character no anchor contains. */
  private readonly alphabet = new Uint16Array(0x10000);
  /** Char code -> the symbol of its lower case (UNKNOWN until first met, MULTI: see fold). */
  private readonly folded = new Uint16Array(0x10000).fill(UNKNOWN);
  /** Anchors hold a sigma or a surrogate: the text is lower-cased whole (see scan). */
  private readonly lowerWhole: boolean;
  /** Symbols per state, the "other" symbol 0 included. */
  private readonly width: number;
  /** Next state for state * width + symbol: the trie's edges, and failure links followed once a row is built. */
  private readonly next: Uint16Array;
  /** Failure link of each state: the longest proper suffix of its path that is a trie state. */
  private readonly fail: Int32Array;
  /** 1 once a state's row in `next` is complete. */
  private readonly built: Uint8Array;
  /** The anchor ids ending at each state (empty for most states). */
  private readonly ending: readonly (readonly number[])[];
  /** 1 where ending[state] is not empty: the scan's loop reads one byte per character. */
  private readonly ends: Uint8Array;
  /** For each anchor id, the anchor sets (by index) that it satisfies. */
  private readonly setsOf: readonly (readonly number[])[];
  /** Indexes of the sets that require nothing (always tried). */
  private readonly always: readonly number[];
  private readonly setCount: number;

  constructor(anchorSets: readonly (readonly string[] | null)[]) {
    this.anchors = [...new Set(anchorSets.flatMap((set) => set ?? []))];
    const idOf = new Map(this.anchors.map((anchor, id) => [anchor, id]));
    this.setCount = anchorSets.length;
    this.always = anchorSets.flatMap((set, index) => (set === null ? [index] : []));
    const setsOf: number[][] = this.anchors.map(() => []);
    anchorSets.forEach((set, index) => {
      for (const anchor of new Set(set ?? [])) setsOf[idOf.get(anchor)!]!.push(index);
    });
    this.setsOf = setsOf;

    let symbols = 1;
    for (const anchor of this.anchors) {
      for (let i = 0; i < anchor.length; i++) if (this.alphabet[anchor.charCodeAt(i)] === 0) this.alphabet[anchor.charCodeAt(i)] = symbols++;
    }
    this.width = symbols;
    if (symbols >= MULTI) throw new Error(`${symbols} prefilter symbols do not fit the folding table`);
    this.lowerWhole = this.anchors.some((anchor) => /[\u03c2\u03c3\ud800-\udfff]/.test(anchor));
    const { alphabet, width } = this;
    // The trie in the transition table itself (NONE: no edge yet); states are numbered as they are made.
    const size = this.anchors.reduce((sum, anchor) => sum + anchor.length, 1);
    if (size >= NONE) throw new Error(`${size} prefilter states do not fit 16 bits`);
    const next = new Uint16Array(size * width).fill(NONE);
    const ending: number[][] = [[]];
    this.anchors.forEach((anchor, id) => {
      let state = 0;
      for (let i = 0; i < anchor.length; i++) {
        const at = state * width + alphabet[anchor.charCodeAt(i)]!;
        if (next[at] === NONE) {
          next[at] = ending.length;
          ending.push([]);
        }
        state = next[at]!;
      }
      ending[state]!.push(id);
    });
    // Failure links breadth first over the trie's own edges; a state ends every anchor its failure state ends.
    const fail = new Int32Array(ending.length);
    const queue = new Int32Array(ending.length);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      if (state !== 0) ending[state]!.push(...ending[fail[state]!]!);
      for (let symbol = 0; symbol < width; symbol++) {
        const child = next[state * width + symbol]!;
        if (child === NONE) continue;
        let back = fail[state]!;
        while (state !== 0 && back !== 0 && next[back * width + symbol] === NONE) back = fail[back]!;
        const target = next[back * width + symbol]!;
        fail[child] = state !== 0 && target !== NONE ? target : 0;
        queue[tail++] = child;
      }
    }
    this.next = next;
    this.fail = fail;
    this.built = new Uint8Array(ending.length);
    this.ending = ending.map((ids) => [...new Set(ids)]);
    this.ends = Uint8Array.from(this.ending, (ids) => (ids.length > 0 ? 1 : 0));
  }

  /**
   * Completes a state's row on first use (a missing edge takes its failure
   * state's transition), so construction stays cheap and a scan only pays
   * for the states a text reaches.
   */
  private build(state: number): void {
    const { next, width } = this;
    const row = state * width;
    const fallback = this.fail[state]!;
    if (state !== 0 && this.built[fallback] === 0) this.build(fallback);
    for (let symbol = 0; symbol < width; symbol++) {
      if (next[row + symbol] === NONE) next[row + symbol] = state === 0 ? 0 : next[fallback * width + symbol]!;
    }
    this.built[state] = 1;
  }

  /**
   * The symbol of a character's lower case, worked out on first sight
   * (String.prototype.toLowerCase per character); MULTI when the lower case
   * is more than one character (U+0130 becomes "i\u0307").
   */
  private fold(code: number): number {
    const lower = lowerCaseCode(code);
    const symbol = lower < 0 ? MULTI : this.alphabet[lower]!;
    this.folded[code] = symbol;
    return symbol;
  }

  private step(state: number, symbol: number, found: Uint8Array): number {
    if (this.built[state] === 0) this.build(state);
    const next = this.next[state * this.width + symbol]!;
    if (this.ends[next] === 1) for (const id of this.ending[next]!) found[id] = 1;
    return next;
  }

  /**
   * The ids of the anchors that occur in the lower-cased text. Case is folded
   * one character at a time rather than by lower-casing the whole text: the
   * same characters (toLowerCase's one context rule, a final sigma, and
   * surrogate pairs only matter to anchors holding them; such anchors
   * lower-case the text first), without a copy of a text full of rare
   * characters, which toLowerCase converts slowly.
   */
  private scan(text: string): Uint8Array {
    const found = new Uint8Array(this.anchors.length);
    if (this.lowerWhole) {
      const lower = text.toLowerCase();
      let state = 0;
      for (let i = 0; i < lower.length; i++) state = this.step(state, this.alphabet[lower.charCodeAt(i)]!, found);
      return found;
    }
    const { folded, next, ending, ends, built, width } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let symbol = folded[code]!;
      if (symbol >= MULTI) {
        if (symbol === UNKNOWN) symbol = this.fold(code);
        if (symbol === MULTI) {
          const lower = String.fromCharCode(code).toLowerCase();
          for (let k = 0; k < lower.length; k++) state = this.step(state, this.alphabet[lower.charCodeAt(k)]!, found);
          continue;
        }
      }
      if (built[state] === 0) this.build(state);
      state = next[state * width + symbol]!;
      if (ends[state] === 0) continue;
      for (const id of ending[state]!) found[id] = 1;
    }
    return found;
  }

  present(text: string): Set<string> {
    const found = this.scan(text);
    return new Set(this.anchors.filter((_, id) => found[id] === 1));
  }

  /** For each anchor set given to the constructor, in order: 1 when one of its anchors occurs (or it requires none). */
  candidates(text: string): Uint8Array {
    const found = this.scan(text);
    const mayMatch = new Uint8Array(this.setCount);
    for (const index of this.always) mayMatch[index] = 1;
    for (let id = 0; id < found.length; id++) {
      if (found[id] === 0) continue;
      for (const index of this.setsOf[id]!) mayMatch[index] = 1;
    }
    return mayMatch;
  }

  static mayMatch(anchors: readonly string[] | null, present: ReadonlySet<string>): boolean {
    return anchors === null || anchors.some((anchor) => present.has(anchor));
  }
}

/**
 * The char code of a character's lower case (String.prototype.toLowerCase), or
 * -1 when its lower case is more than one character (U+0130 becomes "i\u0307").
 */
export function lowerCaseCode(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1;
}
