// The literal prefilter (classify.ts): which patterns can match a text at all,
// from the literals each requires (src/text/required-literals.ts), compared lower-case.
import { literalSetsRequiredBy, literalsRequiredBy } from '../text/required-literals.ts';

const MIN_ANCHOR = 3;

/** A pattern's anchors: the required literals lower-cased, or null when there are none of MIN_ANCHOR characters or more. */
export function requiredLiterals(regex: RegExp): string[] | null {
  const lits = literalsRequiredBy(regex);
  if (lits === null || lits.length === 0 || lits.some((l) => l.length < MIN_ANCHOR)) return null;
  return [...new Set(lits.map((l) => l.toLowerCase()))];
}

/**
 * What a pattern needs to occur before it can match: for each alternative,
 * anchor sets one anchor of each of which must occur (some alternative must
 * have all of its sets). Null: always tried. Stronger than one anchor set: a
 * text of anchor words that never form a wording ("password authentication"
 * without "failed") lets few patterns through.
 */
export type Requirement = readonly (readonly (readonly string[])[])[];

export function requirementOf(regex: RegExp): Requirement | null {
  const alternatives = literalSetsRequiredBy(regex);
  if (alternatives === null) return null;
  const requirement = alternatives.map((sets) => sets.filter((lits) => lits.every((l) => l.length >= MIN_ANCHOR)).map((lits) => [...new Set(lits.map((l) => l.toLowerCase()))]));
  return requirement.some((sets) => sets.length === 0) ? null : requirement;
}

/**
 * Requirements over the anchor sets a LiteralPrefilter answers for: `sets`
 * is every set of every requirement (null for a requirement of none), and
 * met() reads the prefilter's answer for them into one answer per requirement.
 */
export class Requirements {
  readonly sets: (readonly string[] | null)[] = [];
  /** The alternative each set belongs to; each alternative's number of sets and its requirement. */
  private readonly alternativeOf: Int32Array;
  private readonly needed: Int32Array;
  private readonly requirementOf: Int32Array;
  private readonly count: number;

  constructor(requirements: readonly (Requirement | null)[]) {
    const alternativeOf: number[] = [];
    const needed: number[] = [];
    const requirementOf: number[] = [];
    requirements.forEach((requirement, index) => {
      for (const sets of requirement ?? [[null]]) {
        for (const set of sets) {
          this.sets.push(set);
          alternativeOf.push(needed.length);
        }
        needed.push(sets.length);
        requirementOf.push(index);
      }
    });
    this.alternativeOf = Int32Array.from(alternativeOf);
    this.needed = Int32Array.from(needed);
    this.requirementOf = Int32Array.from(requirementOf);
    this.count = requirements.length;
  }

  /** For each requirement, 1 when every set of one of its alternatives has an anchor present (`present`: one entry per set). */
  met(present: Uint8Array): Uint8Array {
    const { alternativeOf, needed, requirementOf } = this;
    const met = new Uint8Array(this.count);
    // Each present set counts once for its alternative; an alternative with all of its sets met meets its requirement.
    const have = new Int32Array(needed.length);
    for (let set = 0; set < present.length; set++) {
      if (present[set] === 0) continue;
      const alternative = alternativeOf[set]!;
      if (++have[alternative]! === needed[alternative]) met[requirementOf[alternative]!] = 1;
    }
    return met;
  }
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
    // The common step (a character folded before, a row with its edge) runs in advance(), a
    // plain function the engine optimises whole; anything else stops it and is taken here.
    const { folded, next, ending, ends, width } = this;
    const cursor = new Int32Array(1);
    let state = 0;
    for (let i = advance(text, 0, 0, folded, next, ends, ending, width, found, cursor); i < text.length; i = advance(text, i, state, folded, next, ends, ending, width, found, cursor)) {
      state = cursor[0]!;
      const code = text.charCodeAt(i++);
      let symbol = folded[code]!;
      if (symbol === UNKNOWN) symbol = this.fold(code);
      if (symbol === MULTI) {
        const lower = String.fromCharCode(code).toLowerCase();
        for (let k = 0; k < lower.length; k++) state = this.step(state, this.alphabet[lower.charCodeAt(k)]!, found);
      } else {
        state = this.step(state, symbol, found);
      }
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
 * Steps the automaton from `state` over text[from..] while each character's
 * folded symbol is known and its state's row holds the edge; marks the anchors
 * that end on the way. Returns where it stopped (the text's end, or a
 * character the caller must take), with the state there in cursor[0].
 */
function advance(
  text: string,
  from: number,
  state: number,
  folded: Uint16Array,
  next: Uint16Array,
  ends: Uint8Array,
  ending: readonly (readonly number[])[],
  width: number,
  found: Uint8Array,
  cursor: Int32Array,
): number {
  let i = from;
  for (; i < text.length; i++) {
    const symbol = folded[text.charCodeAt(i)]!;
    if (symbol >= MULTI) break;
    const to = next[state * width + symbol]!;
    if (to === NONE) break;
    state = to;
    if (ends[state] !== 0) for (const id of ending[state]!) found[id] = 1;
  }
  cursor[0] = state;
  return i;
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
