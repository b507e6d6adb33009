// libpq's conninfo_uri_decode (fe-connect.c) works on bytes: %XX becomes one
// byte (either hex case), a '%' not followed by two hex digits is an error and
// %00 is forbidden. A decoded value need not be valid UTF-8 (%FF): such bytes
// are rendered `\xff`, the way the libpq oracle (Python, backslashreplace)
// prints them, and their exact bytes are kept as hex.

export type DecodeResult =
  | { ok: true; value: string; nonUtf8Hex?: string }
  | { ok: false; reason: 'invalid_token' | 'forbidden_nul' };

const encoder = new TextEncoder();

function hexValue(ch: string | undefined): number {
  if (ch === undefined) return -1;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function percentDecode(text: string): DecodeResult {
  if (!text.includes('%')) return { ok: true, value: text };
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('%', i);
    const literalEnd = at === -1 ? text.length : at;
    if (literalEnd > i) for (const b of encoder.encode(text.slice(i, literalEnd))) bytes.push(b);
    if (at === -1) break;
    const hi = hexValue(text[at + 1]);
    const lo = hi < 0 ? -1 : hexValue(text[at + 2]);
    if (hi < 0 || lo < 0) return { ok: false, reason: 'invalid_token' };
    const byte = (hi << 4) | lo;
    if (byte === 0) return { ok: false, reason: 'forbidden_nul' };
    bytes.push(byte);
    i = at + 3;
  }
  return renderBytes(Uint8Array.from(bytes));
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i] as number;
  const inRange = (k: number, lo: number, hi: number) => {
    const v = b[i + k];
    return v !== undefined && v >= lo && v <= hi;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  if (b0 === 0xe0) return inRange(1, 0xa0, 0xbf) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef)
    return inRange(1, 0x80, 0xbf) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  if (b0 === 0xed) return inRange(1, 0x80, 0x9f) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  if (b0 === 0xf0) return inRange(1, 0x90, 0xbf) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3)
    return inRange(1, 0x80, 0xbf) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  if (b0 === 0xf4) return inRange(1, 0x80, 0x8f) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  return 0;
}

const decoder = new TextDecoder('utf-8');

/** Bytes as text; every byte outside a well-formed sequence becomes `\xNN`. */
function renderBytes(bytes: Uint8Array): { ok: true; value: string; nonUtf8Hex?: string } {
  let out = '';
  let valid = true;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      valid = false;
      out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += decoder.decode(bytes.subarray(i, i + len));
      i += len;
    }
  }
  if (valid) return { ok: true, value: out };
  return { ok: true, value: out, nonUtf8Hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
}

/** The UTF-8 byte offset of a string index (libpq reports byte positions). */
export function byteOffset(text: string, index: number): number {
  return encoder.encode(text.slice(0, index)).length;
}

/** How C's `%c` prints the character at `index`: one byte, raw if ASCII. */
export function firstByteAsPrinted(text: string, index: number): string {
  const ch = String.fromCodePoint(text.codePointAt(index) ?? 0xfffd);
  const first = encoder.encode(ch)[0] as number;
  return first < 0x80 ? ch : `\\x${first.toString(16)}`;
}
