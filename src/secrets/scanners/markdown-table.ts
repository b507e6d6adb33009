// Markdown tables (GitHub Flavored Markdown's table extension,
// https://github.github.com/gfm/#tables-extension-), the way settings are
// pasted from a README, a wiki or an issue: a secret named in one cell and
// given in the next (`| DB_PASSWORD | x |`), or a column whose header names a
// secret (`| user | password |` over `| app | x |`). The settings scanner
// reads `name: value` and `name = value`; a pipe between the two is neither.
// A cell holding words (a docs table's description) is not a value.
import type { SecretKind } from '../kinds.ts';
import { isSecretValue, secretKindOfName } from './settings.ts';
import type { Span } from './types.ts';

// At least one pipe: a bare `---` is a rule or a YAML document marker.
const DELIMITER_ROW = /^(?=.*\|)\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?$/;
const MAX_CELLS = 64;
const VALUE_HEADER = /^(?:value|values|default|default value|example|setting)$/i;

interface Cell {
  start: number;
  end: number;
  text: string;
}

export function scanMarkdownTables(text: string): Span[] {
  if (!text.includes('|')) return [];
  const spans: Span[] = [];
  const rows = rowsOf(text);
  let secretColumns: Map<number, SecretKind> | null = null;
  let valueColumns: Set<number> | null = null;
  for (const [at, row] of rows.entries()) {
    if (row === null) {
      secretColumns = null;
      valueColumns = null;
      continue;
    }
    if (row === 'delimiter') continue;
    const cells = cellsOf(text, row.start, row.line);
    if (rows[at + 1] === 'delimiter') {
      // A header: a cell naming a secret marks its column, and holds no value itself.
      secretColumns = new Map();
      valueColumns = new Set();
      for (const [index, cell] of cells.entries()) {
        const kind = secretKindOfName(bare(cell.text));
        if (kind !== null) secretColumns.set(index, kind);
        if (VALUE_HEADER.test(bare(cell.text))) valueColumns.add(index);
      }
      continue;
    }
    for (const [index, cell] of cells.entries()) {
      const columnKind = secretColumns?.get(index);
      if (columnKind !== undefined) {
        pushValue(spans, cell, columnKind);
        continue;
      }
      // `| name | value |`: a key-value table, with or without a header; a
      // dictionary word counts in a two-column row or under a header such as `Value`.
      const next = cells[index + 1];
      const kind = secretKindOfName(bare(cell.text));
      if (kind !== null && next !== undefined) pushValue(spans, next, kind, cells.length === 2 || (valueColumns?.has(index + 1) ?? false));
    }
  }
  return spans;
}

/** Each line as a table row, a delimiter row, or null (not part of a table). */
function rowsOf(text: string): Array<{ start: number; line: string } | 'delimiter' | null> {
  const rows: Array<{ start: number; line: string } | 'delimiter' | null> = [];
  const lines = text.split('\n');
  let start = 0;
  for (const [at, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (DELIMITER_ROW.test(trimmed)) rows.push('delimiter');
    else if (trimmed.startsWith('|')) rows.push({ start, line });
    else {
      // A header after other text on its line (a log prefix, a sentence, a
      // JSON string's start): the table begins at its first pipe.
      const pipe = line.indexOf('|');
      const next = (lines[at + 1] ?? '').replace(/\r$/, '').trim();
      rows.push(pipe !== -1 && DELIMITER_ROW.test(next) ? { start: start + pipe, line: line.slice(pipe) } : null);
    }
    start += raw.length + 1;
  }
  return rows;
}

/**
 * `plainWord`: a one-word cell is a value even if it is a dictionary word, as
 * on a line of its own; elsewhere it is read as prose (`| placeholder_password | error |`
 * in a table of findings is a severity, not a password).
 */
function pushValue(spans: Span[], cell: Cell, kind: SecretKind, plainWord = true): void {
  const value = unwrapped(cell);
  if (value === null) return;
  // Words with spaces are a description (`| password | The role's password |`).
  // `(none)`, `[empty]`: a note about the value, not one.
  if (/\s/.test(value.raw) || /^[([{].*[)\]}]$/.test(value.raw) || !isSecretValue(value.raw, kind, '', value.quoted, plainWord, ':')) return;
  spans.push({ kind, start: value.start, end: value.end });
}

/** The cells of a row, split at pipes that are not escaped (`\|`) or inside a code span. */
function cellsOf(source: string, lineStart: number, line: string): Cell[] {
  const cells: Cell[] = [];
  let cellStart = line.indexOf('|') + 1;
  let inCode = false;
  for (let i = cellStart; i < line.length && cells.length < MAX_CELLS; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) {
      cells.push(trimCell(source, lineStart + cellStart, lineStart + i));
      cellStart = i + 1;
    }
  }
  // A row may end without its closing pipe.
  if (cellStart < line.length && line.slice(cellStart).trim() !== '') cells.push(trimCell(source, lineStart + cellStart, lineStart + line.length));
  return cells;
}

function trimCell(source: string, start: number, end: number): Cell {
  while (start < end && /\s/.test(source[start] as string)) start++;
  while (end > start && /\s/.test(source[end - 1] as string)) end--;
  return { start, end, text: source.slice(start, end) };
}

/** A cell's text without the Markdown or quotes around it: `x`, **x**, "x". */
function unwrapped(cell: Cell): { start: number; end: number; raw: string; quoted: boolean } | null {
  let quoted = false;
  const source = cell.text;
  let offset = 0;
  let length = source.length;
  for (;;) {
    const open = source[offset];
    const close = source[offset + length - 1];
    if (length >= 2 && open === close && open !== undefined && '`"\'*_'.includes(open)) {
      quoted ||= open !== '*' && open !== '_';
      offset++;
      length -= 2;
    } else break;
  }
  if (length <= 0) return null;
  const start = cell.start + offset;
  return { start, end: start + length, raw: source.slice(offset, offset + length), quoted };
}

/** A name cell: an identifier, or a label of at most two words (`DB password`); a phrase (`reset the password`) names no setting. */
function bare(cell: string): string {
  const name = cell.replace(/^[`"'*_]+|[`"'*_]+$/g, '');
  return /^[A-Za-z_$][\w.$-]*(?: [A-Za-z][\w-]*)?$/.test(name) ? name : '';
}
