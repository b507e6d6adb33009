// A pasted text as a reader sees it, with a map back to what was pasted.
// Terminal colours (ANSI CSI/OSC, raw or spelt `\u001b[31m` inside JSON),
// JSON/shell string escapes (`\"`, `\n`, `\t`) and the HTML entities a forum
// adds hide words from patterns; a view drops or decodes them and keeps, for
// every character it shows, the offset of the input it came from, so a span
// found on the view lands on exactly what the user pasted.
// Used by src/secrets (the whole text) and src/triage/normalize.ts (each
// window of it, then its own line handling on the view): one implementation
// of the escapes, one scanner loop.

export interface TextView {
  text: string;
  /** offsets[i] is the input offset of text[i]; offsets[text.length] is the end of what was read. */
  offsets: Int32Array;
}

const ESC = 0x1b;
const BACKSLASH = 0x5c;
// A CSI sequence ends at its first byte in @..~ ; colour codes are a few bytes.
const MAX_CSI = 32;
const MAX_OSC = 256;
const ENTITIES: readonly [string, string][] = [
  ['&quot;', '"'],
  ['&#34;', '"'],
  ['&#39;', "'"],
  ['&apos;', "'"],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&amp;', '&'],
];
// Literal spellings of ESC inside JSON or escaped log text.
const ESCAPED_ESC = ['\\u001b[', '\\u001B[', '\\x1b[', '\\x1B[', '\\033[', '\\e['];

/** Skips an escape sequence whose ESC byte sat just before `i`. */
function skipAnsi(input: string, i: number, to: number): number {
  if (input[i] === '[') return skipCsi(input, i + 1, to);
  if (input[i] === ']') {
    // OSC (hyperlinks, titles): ends at BEL or ESC \.
    const limit = Math.min(to, i + MAX_OSC);
    for (let j = i + 1; j < limit; j++) {
      const c = input.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === ESC && input[j + 1] === '\\') return j + 2;
    }
    return i + 1;
  }
  return Math.min(to, i + 1);
}

function skipCsi(input: string, i: number, to: number): number {
  const limit = Math.min(to, i + MAX_CSI);
  for (let j = i; j < limit; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
  }
  return i;
}

/** The length of a spelt-out ESC (`\u001b[`) at `i`, or 0. */
function escapedEsc(input: string, i: number, to: number): number {
  for (const spelling of ESCAPED_ESC) {
    if (i + spelling.length <= to && input.startsWith(spelling, i)) return spelling.length;
  }
  return 0;
}

/** Maps a span of a view back to the input it came from. */
export function toInputSpan(view: TextView, input: string, start: number, end: number): { start: number; end: number } {
  const { offsets } = view;
  const inputStart = offsets[start] ?? 0;
  if (end <= start) return { start: inputStart, end: inputStart };
  let inputEnd = (offsets[end - 1] ?? inputStart) + 1;
  // The last character may stand for an escape (`\"`, `&quot;`): take all of it.
  const next = offsets[end] ?? input.length;
  if (input[inputEnd - 1] === '\\' || input[inputEnd - 1] === '&') inputEnd = next;
  return { start: inputStart, end: inputEnd };
}

const JSON_SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '/': '/', '`': '`' };

/**
 * The input (or input[from, to)) with colours dropped and escapes decoded, one
 * pass. A run of backslashes (JSON escaped once or twice) before n, t, r, a
 * quote or '/' reads as that character; `\uXXXX` as its code unit; `\\` alone
 * as one backslash. Carriage returns are dropped. Offsets are into `input`.
 */
export function seeThrough(input: string, from = 0, to = input.length): TextView {
  const offsets = new Int32Array(to - from + 1);
  const out: string[] = [];
  let n = 0;
  let i = from;
  let noRunBefore = from;
  while (i < to) {
    SPECIAL.lastIndex = i;
    const special = SPECIAL.exec(input);
    const j = special === null || special.index > to ? to : special.index;
    if (j > i) {
      out.push(input.slice(i, j));
      copyAscending(offsets, n, i, j);
      n += j - i;
    }
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
    let emitted = '';
    let next = i + 1;
    if (code === BACKSLASH) {
      const escaped = escapedEsc(input, i, to);
      if (escaped > 0) {
        i = skipCsi(input, i + escaped, to);
        continue;
      }
      let k = i;
      while (k < to && input.charCodeAt(k) === BACKSLASH) k++;
      const after = input[k] ?? '';
      const simple = JSON_SIMPLE[after];
      if (simple !== undefined) {
        emitted = simple === '\r' ? '' : simple;
        next = k + 1;
      } else if (after === 'u' && /^[0-9a-fA-F]{4}$/.test(input.slice(k + 1, k + 5))) {
        const decoded = String.fromCharCode(parseInt(input.slice(k + 1, k + 5), 16));
        emitted = decoded === '\r' || decoded === '\u001b' ? '' : decoded;
        next = k + 5;
      } else {
        if (after === 'x' && k - i <= 4 && i >= noRunBefore) {
          const run = emitByteEscapes(input, i, k - i, to, out, offsets, n);
          if (run.chars >= 0) {
            n += run.chars;
            i = run.end;
            continue;
          }
          // A run that did not decode is not tried again from inside it (bounded work on \xNN garbage).
          noRunBefore = run.end;
        }
        // `\\` is one backslash, as JSON writes it; an odd one stays.
        for (let b = i; b < k; b += 2) {
          out.push('\\');
          offsets[n++] = b;
        }
        i = k;
        continue;
      }
    } else {
      const entity = ENTITIES.find(([name]) => i + name.length <= to && input.startsWith(name, i));
      emitted = entity !== undefined ? entity[1] : '&';
      next = entity !== undefined ? i + entity[0].length : i + 1;
    }
    if (emitted !== '') {
      out.push(emitted);
      offsets[n++] = i;
    }
    i = next;
  }
  offsets[n] = to;
  return { text: out.join(''), offsets: offsets.subarray(0, n + 1) };
}

// Apache's error log (ap_escape_logitem, httpd server/util.c) and Python's bytes repr write every non-ASCII byte
// as \xNN, so a localized server message reaches the paste as "autentificaci\xc3\xb3n". A run of such escapes,
// each with the same one to four backslashes (as written, or JSON-escaped once or twice), that starts with a UTF-8
// lead byte and is valid UTF-8 reads as its characters; anything else (a lone \x80, a path like C:\xampp) stays.
const MAX_BYTE_RUN = 256;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Where a \xNN run read from `i` ends, and how many UTF-16 units it wrote (-1: it did not decode and wrote nothing). */
interface ByteRun {
  end: number;
  chars: number;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

function hexByte(input: string, at: number): number {
  const high = hexDigit(input.charCodeAt(at));
  const low = hexDigit(input.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/**
 * Decodes the \xNN run at `i` (each escape `slashes` backslashes long) into `out`/`offsets` from `n`, each
 * character mapped to its first byte's escape. Writes nothing (chars -1) when the run is not valid UTF-8 or
 * is ASCII only.
 */
function emitByteEscapes(input: string, i: number, slashes: number, to: number, out: string[], offsets: Int32Array, n: number): ByteRun {
  const width = slashes + 3;
  // A run starts with a UTF-8 lead byte (C2..F4): Apache and Python escape the non-ASCII bytes, not the ASCII ones.
  const lead = hexByte(input, i + slashes + 1);
  if (lead < 0xc2 || lead > 0xf4) return { end: i + 1, chars: -1 };
  const bytes: number[] = [];
  const starts: number[] = [];
  let p = i;
  while (bytes.length < MAX_BYTE_RUN && p + width <= to) {
    let ok = input[p + slashes] === 'x';
    for (let b = 0; b < slashes && ok; b++) ok = input.charCodeAt(p + b) === BACKSLASH;
    const value = ok ? hexByte(input, p + slashes + 1) : -1;
    if (value < 0) break;
    bytes.push(value);
    starts.push(p);
    p += width;
  }
  let text: string;
  try {
    text = UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return { end: p, chars: -1 };
  }
  let byte = 0;
  let chars = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const start = starts[byte] ?? i;
    for (let u = 0; u < ch.length; u++) offsets[n + chars + u] = start;
    out.push(ch);
    chars += ch.length;
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return { end: p, chars };
}

/** ESC, a backslash, a carriage return or '&': where the view may differ from the input. */
const SPECIAL = /[\u001b\\\r&]/g;

// A run the view keeps as it is maps to input offsets i, i+1, ...: copied in
// one go from a shared ascending array rather than written one at a time (the
// per-character loop was most of a view's cost). Capped, so a huge paste does
// not keep a huge array alive; past the cap the loop writes them.
const MAX_ASCENDING = 1 << 17;
let ascending = new Int32Array(0);

function copyAscending(offsets: Int32Array, at: number, from: number, to: number): void {
  if (to > MAX_ASCENDING) {
    for (let k = from; k < to; k++) offsets[at++] = k;
    return;
  }
  if (ascending.length < to) {
    ascending = new Int32Array(Math.min(MAX_ASCENDING, Math.max(to, ascending.length * 2)));
    for (let k = 0; k < ascending.length; k++) ascending[k] = k;
  }
  offsets.set(ascending.subarray(from, to), at);
}
