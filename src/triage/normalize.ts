// Prepares a pasted (already redacted) text for the patterns: strips ANSI
// colours, undoes the escaping of JSON log wrappers (`\n`, `\"`, `\u001b[31m`)
// and HTML entities, drops carriage returns, joins soft-wrapped lines, and keeps a map from every
// character of the result back to its offset in the input, so evidence spans
// point into the redacted text the user sees.
//
// Bounded window: only the first HEAD_CHARS and the last TAIL_CHARS of a text
// are analysed. The error a developer pastes sits at the top (the message)
// or at the bottom (the last line of a log or a traceback); a 1 MB log is
// classified in the time of 80 KiB, and every text up to 80 KiB whole.
import { BACKSLASH, ENTITIES, ESC, escapedEsc, skipAnsi, skipCsi } from '../text/view.ts';

// Spans map back with the view's own mapping (one implementation of the escapes).
export { toInputSpan } from '../text/view.ts';

export const HEAD_CHARS = 64 * 1024;
export const TAIL_CHARS = 16 * 1024;

export interface Normalized {
  text: string;
  /** offsets[i] is the input offset of text[i]; offsets[text.length] is the end of the window. */
  offsets: Int32Array;
}

const NEWLINE = 0x0a;
/**
 * What a log collector or a forum puts before every line of someone else's
 * text: a docker-compose or process-manager column (`api-1  | `,
 * `Backend Server | `, concurrently's `[api] `), a Kubernetes/CRI
 * timestamp and stream (`2024-05-01T10:00:00.123Z stderr F `), a Markdown
 * quote (`> `). Dropped at every line start so a message wrapped over two
 * lines, or frames that belong together, still read as one. Bounded: tried
 * once per line, at most ~100 characters.
 */
const LINE_PREFIX =
  /(?:[A-Za-z0-9][\w.-]{0,40}(?: [\w.-]{1,20}){0,2} {1,16}\| ?|\[[\w.:-]{1,30}\] |\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d) (?:stdout|stderr) [FP] |> ?(?:> ?){0,3})/y;

export interface NormalizeOptions {
  /**
   * A console that hard-wraps at a fixed width breaks words, not only lines
   * ("could not transl\nate host name"). When set, a break right after a line
   * of exactly this many characters is dropped without a separator.
   */
  hardWrapAt?: number;
}

export function normalize(input: string, options: NormalizeOptions = {}): Normalized {
  const hardWrapAt = options.hardWrapAt ?? 0;
  const ranges: [number, number][] =
    input.length <= HEAD_CHARS + TAIL_CHARS
      ? [[0, input.length]]
      : [
          [0, HEAD_CHARS],
          [input.length - TAIL_CHARS, input.length],
        ];
  const capacity = ranges.reduce((sum, [from, to]) => sum + to - from, 0) + ranges.length;
  const offsets = new Int32Array(capacity + 1);
  const out: string[] = [];
  let n = 0;
  const emit = (char: string, at: number): void => {
    out.push(char);
    offsets[n++] = at;
  };
  // Plain characters are copied a run at a time; only these five need a look.
  const copyRun = (from: number, to: number): void => {
    if (to <= from) return;
    out.push(input.slice(from, to));
    for (let k = from; k < to; k++) offsets[n++] = k;
  };

  // The last character emitted (ANSI codes and carriage returns are never emitted).
  const lastEmitted = (): number => {
    const last = out[out.length - 1];
    return last === undefined ? -1 : last.charCodeAt(last.length - 1);
  };

  for (const [from, to] of ranges) {
    if (from > 0) emit('\n', from);
    let lineStart = from;
    let i = skipLinePrefix(input, from, to);
    while (i < to) {
      let j = i;
      while (j < to && !isSpecial(input.charCodeAt(j))) j++;
      copyRun(i, j);
      i = j;
      if (i >= to) break;
      const code = input.charCodeAt(i);
      if (code === ESC) {
        i = skipAnsi(input, i + 1, to);
        continue;
      }
      if (code === 0x0d) {
        i++;
        continue;
      }
      if (code === NEWLINE) {
        const lineLength = i - lineStart - (input.charCodeAt(i - 1) === 0x0d ? 1 : 0);
        lineStart = i + 1;
        if (hardWrapAt > 0 && lineLength === hardWrapAt) {
          i++;
          continue;
        }
        // A line that ends in a blank was wrapped by a terminal or a web page
        // mid-message ("relation \"x\" \ndoes not exist"): the blank already
        // separates the words, so the break is dropped and it reads as one line.
        // The blank is looked for in what was emitted, so a colour reset or a
        // carriage return between it and the break does not hide it.
        const before = lastEmitted();
        if (!(i > from && (before === 0x20 || before === 0x09))) emit('\n', i);
        i = skipLinePrefix(input, i + 1, to);
        continue;
      }
      if (code === BACKSLASH) {
        const escaped = escapedEsc(input, i, to);
        if (escaped > 0) {
          i = skipCsi(input, i + escaped, to);
          continue;
        }
        // A run of backslashes (JSON escaped once or twice) before n, t, r or a quote.
        let k = i;
        while (k < to && input.charCodeAt(k) === BACKSLASH) k++;
        const next = input[k];
        if (next === 'n') {
          // An escaped line break (JSON log lines) is a line break like any other.
          const before = lastEmitted();
          if (!(before === 0x20 || before === 0x09)) emit('\n', i);
          i = skipLinePrefix(input, k + 1, to);
          continue;
        }
        if (next === 't' || next === '"' || next === "'") {
          emit(next === 't' ? '\t' : next, i);
          i = k + 1;
          continue;
        }
        if (next === 'r') {
          i = k + 1;
          continue;
        }
        copyRun(i, k);
        i = k;
        continue;
      }
      // '&': an HTML entity, or a plain ampersand.
      const entity = ENTITIES.find(([name]) => i + name.length <= to && input.startsWith(name, i));
      if (entity) {
        emit(entity[1], i);
        i += entity[0].length;
        continue;
      }
      emit('&', i);
      i++;
    }
  }
  offsets[n] = ranges[ranges.length - 1]?.[1] ?? 0;
  return { text: out.join(''), offsets: offsets.subarray(0, n + 1) };
}

function isSpecial(code: number): boolean {
  return code === ESC || code === BACKSLASH || code === 0x0d || code === NEWLINE || code === 0x26;
}

/** Skips a log collector's or a quote's prefix at a line start (colour codes around it included). */
function skipLinePrefix(input: string, i: number, to: number): number {
  let j = i;
  for (let codes = 0; codes < 2 && j < to && input.charCodeAt(j) === ESC; codes++) j = skipAnsi(input, j + 1, to);
  LINE_PREFIX.lastIndex = j;
  const found = LINE_PREFIX.exec(input);
  if (found === null || j + found[0].length > to) return i;
  j += found[0].length;
  const coloured = j < to && input.charCodeAt(j) === ESC;
  for (let codes = 0; codes < 2 && j < to && input.charCodeAt(j) === ESC; codes++) j = skipAnsi(input, j + 1, to);
  // `web_1 |\x1b[0m message`: the blank after the column comes after its colour reset.
  if (coloured && found[0].endsWith('|') && input[j] === ' ') j++;
  return j;
}

/**
 * The width a console may have hard-wrapped the text at: the longest line, when
 * it has MIN_WRAP_WIDTH characters or more and another line follows it. The
 * classifier reads the text unwrapped at that width as well and keeps that
 * reading only when it recognises something clearly stronger.
 */
export function hardWrapWidth(input: string): number {
  const end = Math.min(input.length, HEAD_CHARS);
  let longest = 0;
  let wrapped = 0;
  let lineStart = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && input.charCodeAt(i) !== NEWLINE) continue;
    const length = i - lineStart - (i > lineStart && input.charCodeAt(i - 1) === 0x0d ? 1 : 0);
    const followed = i < end ? 1 : 0;
    if (length > longest) {
      longest = length;
      wrapped = followed;
    } else if (length === longest) {
      wrapped += followed;
    }
    lineStart = i + 1;
  }
  return longest >= MIN_WRAP_WIDTH && wrapped >= MIN_WRAPPED_LINES ? longest : 0;
}

const MIN_WRAP_WIDTH = 60;
/** One line cut at the longest length and followed by more is enough: a wrapped message is often short. */
const MIN_WRAPPED_LINES = 1;
