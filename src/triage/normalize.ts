// Prepares a pasted (already redacted) text for the patterns: the view of
// src/text/view.ts strips ANSI colours, undoes the escaping of JSON log wrappers
// (`\n`, `\"`, `\u001b[31m`) and HTML entities and drops carriage returns; this
// module then handles lines (log collectors' prefixes, soft and hard wraps), and
// keeps a map from every character of the result back to its offset in the
// input, so evidence spans point into the redacted text the user sees.
//
// Bounded window: only the first HEAD_CHARS and the last TAIL_CHARS of a text
// are analysed. The error a developer pastes sits at the top (the message)
// or at the bottom (the last line of a log or a traceback); a 1 MB log is
// classified in the time of 80 KiB, and every text up to 80 KiB whole.
import { seeThrough, type TextView } from '../text/view.ts';

// Spans map back with the view's own mapping (one implementation of the escapes).
export { toInputSpan } from '../text/view.ts';

export const HEAD_CHARS = 64 * 1024;
export const TAIL_CHARS = 16 * 1024;

/** offsets[i] is the input offset of text[i]; offsets[text.length] is the end of the window. */
export type Normalized = TextView;

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
  /** windowViews(input), when the caller reads the same input more than once (as pasted and unwrapped). */
  windows?: readonly WindowView[];
}

/**
 * Where the unwrapped reading (hardWrapAt) differs from the reading as pasted,
 * which is the same text elsewhere: each dropped break, seen through a window
 * of the unwrapped text around it (up to two characters before, the next
 * line's prefix, which the unwrapped reading keeps and the other drops, and
 * two characters after). `exact` is false when a line beside a join is empty
 * or very short, or the window is cut by a window's end: the soft-wrap rule
 * may then read on past it differently, so the windows may not hold every
 * difference.
 */
export interface Joins {
  windows: JoinWindow[];
  exact: boolean;
}

export interface JoinWindow {
  text: string;
  /** Where the break was dropped, as an offset into `text`. */
  at: number;
  /** Length of the kept prefix after `at`. */
  prefix: number;
}

/** One analysed window of the input and its view. */
export interface WindowView {
  from: number;
  view: TextView;
}

/** The view of the whole input when it is analysed whole (one window), else undefined. */
export function wholeView(input: string): TextView | undefined {
  return input.length <= HEAD_CHARS + TAIL_CHARS ? seeThrough(input) : undefined;
}

/**
 * The view of each analysed window (the first HEAD_CHARS and the last
 * TAIL_CHARS, or the whole text); `whole`: wholeView(input), when the caller
 * already has it.
 */
export function windowViews(input: string, whole?: TextView): WindowView[] {
  if (input.length <= HEAD_CHARS + TAIL_CHARS) return [{ from: 0, view: whole ?? seeThrough(input) }];
  // Colours, JSON/shell escapes and HTML entities: the one implementation in src/text/view.ts.
  return [
    { from: 0, view: seeThrough(input, 0, HEAD_CHARS) },
    { from: input.length - TAIL_CHARS, view: seeThrough(input, input.length - TAIL_CHARS, input.length) },
  ];
}

/** The joins of normalize(input, { hardWrapAt }), found without building that reading. */
export function unwrapJoins(input: string, hardWrapAt: number, windows: readonly WindowView[] = windowViews(input)): Joins {
  const joins: Joins = { windows: [], exact: true };
  for (const { from, view } of windows) readLines(view, input, from, hardWrapAt, joins);
  return joins;
}

export function normalize(input: string, options: NormalizeOptions = {}): Normalized {
  const hardWrapAt = options.hardWrapAt ?? 0;
  const windows = options.windows ?? windowViews(input);
  // A whole text is one window: its reading is the answer as it is, offsets and all.
  if (windows.length === 1 && windows[0]!.from === 0) return readLines(windows[0]!.view, input, 0, hardWrapAt);
  const out: string[] = [];
  const parts: Int32Array[] = [];
  let length = 0;
  for (const { from, view } of windows) {
    const lines = readLines(view, input, from, hardWrapAt);
    if (from > 0) {
      out.push('\n');
      parts.push(Int32Array.of(from));
      length++;
    }
    out.push(lines.text);
    parts.push(lines.offsets.subarray(0, lines.text.length));
    length += lines.text.length;
  }
  const offsets = new Int32Array(length + 1);
  let at = 0;
  for (const part of parts) {
    offsets.set(part, at);
    at += part.length;
  }
  offsets[length] = input.length;
  return { text: out.join(''), offsets };
}

/**
 * The line handling on a view of the input: a log collector's prefix is
 * dropped at every line start, a break after a blank joins the two lines (a
 * soft wrap), and, when hardWrapAt is set, a real break right after a line of
 * exactly that many input characters is dropped without a separator.
 */
function readLines(view: TextView, input: string, from: number, hardWrapAt: number, joins?: Joins): Normalized {
  const text = view.text;
  // Most texts (a stack trace, a log) need no line change: the view is the answer as it is (and no join).
  if (!changesLines(view, input, from, hardWrapAt)) return view;
  // With `joins`, only the joins are recorded: nothing is built.
  const dry = joins !== undefined;
  const offsets = new Int32Array(dry ? 0 : text.length + 1);
  const out: string[] = [];
  let n = 0;
  let last = -1;
  let beforeLast = -1;
  const copyRun = (a: number, b: number): void => {
    if (b <= a) return;
    if (!dry) {
      out.push(text.slice(a, b));
      offsets.set(view.offsets.subarray(a, b), n);
    }
    n += b - a;
    beforeLast = b - a >= 2 ? text.charCodeAt(b - 2) : last;
    last = text.charCodeAt(b - 1);
  };
  let rawLineStart = from;
  const ahead: Ahead = { bar: -1, stream: -1 };
  let i = skipLinePrefix(text, 0, ahead);
  while (i < text.length) {
    // The line's end by a character loop: node 20's optimised indexOf('\n', i) here cost as much as a
    // search of the whole text per line (a 64 KiB log hard-wrapped at 80 columns: 25-80 ms instead of 3).
    let j = i;
    while (j < text.length && text.charCodeAt(j) !== NEWLINE) j++;
    const lineOut = n;
    copyRun(i, j);
    if (j >= text.length) break;
    const raw = view.offsets[j] ?? 0;
    // A real line break (not an escaped `\n`) ends a line of the input; its length decides a hard wrap.
    if (input.charCodeAt(raw) === NEWLINE) {
      const lineLength = raw - rawLineStart - (input.charCodeAt(raw - 1) === 0x0d ? 1 : 0);
      rawLineStart = raw + 1;
      if (hardWrapAt > 0 && lineLength === hardWrapAt) {
        i = j + 1;
        if (joins !== undefined) {
          const prefix = skipLinePrefix(text, i, ahead) - i;
          const after = text.slice(i, i + prefix + 2);
          const before = String.fromCharCode(...[beforeLast, last].filter((code) => code >= 0));
          joins.windows.push({ text: before + after, at: before.length, prefix });
          if (n === lineOut || before.length < 2 || after.length < prefix + 2 || after.includes('\n')) joins.exact = false;
        }
        continue;
      }
    }
    // A line that ends in a blank was wrapped by a terminal or a web page
    // mid-message ("relation \"x\" \ndoes not exist"): the blank already
    // separates the words, so the break is dropped and it reads as one line.
    if (!(j > 0 && (last === 0x20 || last === 0x09))) {
      if (!dry) {
        out.push('\n');
        offsets[n] = raw;
      }
      n++;
      beforeLast = last;
      last = NEWLINE;
    }
    i = skipLinePrefix(text, j + 1, ahead);
  }
  if (dry) return view;
  offsets[n] = view.offsets[text.length] ?? 0;
  return { text: out.join(''), offsets: offsets.subarray(0, n + 1) };
}

/** Whether readLines would drop a prefix or a break anywhere in the view (the same rules, nothing copied). */
function changesLines(view: TextView, input: string, from: number, hardWrapAt: number): boolean {
  const text = view.text;
  const ahead: Ahead = { bar: -1, stream: -1 };
  let rawLineStart = from;
  let i = 0;
  for (;;) {
    if (skipLinePrefix(text, i, ahead) !== i) return true;
    const j = text.indexOf('\n', i);
    if (j === -1) return false;
    const before = j > 0 ? text.charCodeAt(j - 1) : -1;
    if (before === 0x20 || before === 0x09) return true;
    const raw = view.offsets[j] ?? 0;
    if (input.charCodeAt(raw) === NEWLINE) {
      const lineLength = raw - rawLineStart - (input.charCodeAt(raw - 1) === 0x0d ? 1 : 0);
      if (hardWrapAt > 0 && lineLength === hardWrapAt) return true;
      rawLineStart = raw + 1;
    }
    i = j + 1;
  }
}

// LINE_PREFIX's column form (`api-1  | `) holds its bar at most this far after
// the line start (1 + 40 name characters, two words of 1 + 20, 16 blanks); the
// Kubernetes form starts with a digit and holds ` std` (` stdout `, ` stderr `)
// at most STREAM_REACH after it (a timestamp of 19, a fraction of 10, a zone of
// 6); the others start with '[' or '>'. A line that can hold none of them is
// not tried: most lines of most texts.
const COLUMN_BAR_REACH = 99;
const STREAM_REACH = 35;

/** The next '|' and ` std` at or after an earlier line start of the same text (-1 at first; lines are read in order). */
interface Ahead {
  bar: number;
  stream: number;
}

function nextFrom(text: string, needle: string, i: number): number {
  const at = text.indexOf(needle, i);
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

/** Skips a log collector's or a quote's prefix at a line start of the view. */
function skipLinePrefix(text: string, i: number, ahead: Ahead): number {
  const first = text.charCodeAt(i);
  if (first !== 0x5b && first !== 0x3e) {
    if (ahead.bar < i) ahead.bar = nextFrom(text, '|', i);
    const digit = first >= 0x30 && first <= 0x39;
    if (digit && ahead.stream < i) ahead.stream = nextFrom(text, ' std', i);
    if (ahead.bar > i + COLUMN_BAR_REACH && !(digit && ahead.stream <= i + STREAM_REACH)) return i;
  }
  LINE_PREFIX.lastIndex = i;
  const found = LINE_PREFIX.exec(text);
  if (found === null) return i;
  let j = i + found[0].length;
  // `web_1 |\x1b[0m message`: the view dropped the colour, so the column's blank follows the bar.
  if (found[0].endsWith('|') && text[j] === ' ') j++;
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
  // Line ends found with indexOf, not a character loop: the engine's search skips a line in one go.
  for (let lineStart = 0; ; ) {
    const newline = input.indexOf('\n', lineStart);
    const followed = newline !== -1 && newline < end ? 1 : 0;
    const i = followed === 1 ? newline : end;
    const length = i - lineStart - (i > lineStart && input.charCodeAt(i - 1) === 0x0d ? 1 : 0);
    if (length > longest) {
      longest = length;
      wrapped = followed;
    } else if (length === longest) {
      wrapped += followed;
    }
    if (followed === 0) break;
    lineStart = i + 1;
  }
  return longest >= MIN_WRAP_WIDTH && wrapped >= MIN_WRAPPED_LINES ? longest : 0;
}

const MIN_WRAP_WIDTH = 60;
/** One line cut at the longest length and followed by more is enough: a wrapped message is often short. */
const MIN_WRAPPED_LINES = 1;
