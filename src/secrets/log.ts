// What a logger needs to never write a secret: every string of a log record
// and every argument of a log call passes through the one redactor. Plain
// functions (no logger import): src/server.ts plugs them into pino's
// `formatters.log` and `hooks.logMethod`.
import { redactDeep, redactLiveSecrets } from './redact.ts';

// Belt and braces: nothing should ever log these, but if it does they are
// masked whole, at the top of a record or one level down (`{ headers:
// { authorization } }`). Done here rather than by pino's own `redact` paths,
// which cost more than the rest of a request's log line (docs/load.md).
const MASKED_FIELDS = new Set(['password', 'connectionString', 'text', 'authorization']);
const MASK = '<redacted>';

/** A log record's fields, secrets redacted; an Error keeps its name, code and (redacted) message and stack. */
export function redactLogRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = MASKED_FIELDS.has(key) ? MASK : value instanceof Error ? plainError(value) : redactDeep(maskFields(value));
  }
  return out;
}

function maskFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Error) return value;
  let masked: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) if (MASKED_FIELDS.has(key)) (masked ??= { ...(value as Record<string, unknown>) })[key] = MASK;
  return masked ?? value;
}

/** The arguments of a log call (`logger.info(obj, 'message %s', arg)`), secrets redacted. */
export function redactLogArguments(args: unknown[]): unknown[] {
  return args.map((arg) => (typeof arg === 'string' ? redactLiveSecrets(arg) : arg instanceof Error ? plainError(arg) : arg));
}

function plainError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: redactLiveSecrets(String(error.message)),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack !== undefined ? { stack: redactLiveSecrets(error.stack) } : {}),
  };
}
