// Where a view (view.ts) differs from the text it was read from, line by line.
// A JSON log line with an escaped stack trace, or a few coloured lines in a
// long log, changes a small part of the text; a reader whose answer for a line
// depends on that line alone (src/secrets's line scanners) need only read the
// changed lines of the view: every other line of the view is a line of the
// text, already read there.
import type { TextView } from './view.ts';

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

/**
 * The view's lines that are not, boundaries included, a line of `input`, as
 * [start, end) runs of view offsets (a run starts at a line start and ends
 * after a line break or at the view's end). A line continued by a backslash
 * before its break (`"a\` then a break) belongs with the next, and the other
 * way: a reader may read on across that break, so such lines go together.
 * `view` must be seeThrough(input) of the whole input.
 */
export function changedLines(view: TextView, input: string): number[] {
  const { text } = view;
  const runs: number[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    if (!copiedLine(view, input, start, end)) {
      if (runs.length > 0 && runs[runs.length - 1] === start) runs[runs.length - 1] = end;
      else runs.push(start, end);
    }
    start = end;
  }
  return joinContinued(text, runs);
}

/**
 * Whether view line [start, end) is an input line as it is, break included.
 * seeThrough never writes more characters than it reads (a colour is dropped,
 * `\n` or `&amp;` becomes one character, a \xNN run fewer), so characters that
 * read exactly as many input characters as they show read each one as it is:
 * one subtraction tells. A break is the input's own when the input holds one
 * where it maps (a decoded `\n` maps to its backslash).
 */
function copiedLine(view: TextView, input: string, start: number, end: number): boolean {
  const { text, offsets } = view;
  const from = offsets[start]!;
  const last = end - 1;
  if (text.charCodeAt(last) === NEWLINE) {
    if (offsets[last]! - from !== last - start || input.charCodeAt(offsets[last]!) !== NEWLINE) return false;
  } else if (offsets[end]! - from !== end - start) {
    // The last line: nothing dropped after it either (offsets[end] is the input's end).
    return false;
  }
  if (start === 0) return from === 0;
  // The break before it is one of the input (not a decoded `\n`), right before it.
  return offsets[start - 1] === from - 1 && input.charCodeAt(from - 1) === NEWLINE;
}

/** Runs widened over line breaks a backslash continues, on both sides, and merged where they then meet. */
function joinContinued(text: string, runs: number[]): number[] {
  const joined: number[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    let start = runs[i]!;
    let end = runs[i + 1]!;
    while (start >= 2 && text.charCodeAt(start - 2) === BACKSLASH) start = text.lastIndexOf('\n', start - 2) + 1;
    while (end < text.length && end >= 2 && text.charCodeAt(end - 1) === NEWLINE && text.charCodeAt(end - 2) === BACKSLASH) {
      const newline = text.indexOf('\n', end);
      end = newline === -1 ? text.length : newline + 1;
    }
    while (joined.length > 0 && joined[joined.length - 1]! >= start) {
      end = Math.max(end, joined.pop()!);
      start = Math.min(start, joined.pop()!);
    }
    joined.push(start, end);
  }
  return joined;
}
