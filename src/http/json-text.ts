// An answer's JSON text, the same as JSON.stringify gives, with each clean
// frozen value among the answer's own fields (a runbook: 5.9 KB of a 6.3 KB
// triage answer) encoded once, since it cannot change. Encoding the runbook
// on every triage answer cost a tenth of the request (docs/load.md).
import { isCleanAndFrozen } from '../secrets/redact.ts';

const FROZEN_JSON = new WeakMap<object, string>();

function isSettled(value: unknown): value is object {
  return value !== null && typeof value === 'object' && isCleanAndFrozen(value);
}

export function jsonText(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof (body as { toJSON?: unknown }).toJSON === 'function' || !Object.values(body).some(isSettled)) {
    return JSON.stringify(body) ?? '';
  }
  const fields: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    let text: string | undefined;
    if (isSettled(value)) {
      text = FROZEN_JSON.get(value);
      if (text === undefined) FROZEN_JSON.set(value, (text = JSON.stringify(value)));
    } else {
      text = JSON.stringify(value);
    }
    // JSON.stringify leaves out a field whose value it cannot encode (undefined, a function, a symbol).
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}
