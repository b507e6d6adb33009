// `pgtriage parse --jsonl`: one JSON line {"id": ..., "text": ...} in, one
// line out with the same id and the audit. A line that is not such an
// object is answered with an error that never echoes it (it may hold a
// password).
import { auditConnectionString, type AuditOptions } from './audit.ts';

export function auditJsonlLine(line: string, options: AuditOptions = {}): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, ok: false, error: { code: 'invalid_jsonl', message: 'the line is not JSON' } });
  }
  if (typeof record !== 'object' || record === null || typeof (record as { text?: unknown }).text !== 'string') {
    const id = typeof record === 'object' && record !== null ? ((record as { id?: unknown }).id ?? null) : null;
    return JSON.stringify({ id, ok: false, error: { code: 'invalid_jsonl', message: 'expected an object with a string "text"' } });
  }
  const { id = null, text } = record as { id?: unknown; text: string };
  return JSON.stringify({ id, ...auditConnectionString(text, options) });
}
