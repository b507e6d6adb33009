// What a logger needs to never write a secret: every string of a log record
// and every argument of a log call passes through the one redactor. Plain
// functions (no logger import): src/server.ts plugs them into pino's
// `formatters.log` and `hooks.logMethod`.
import { redactDeep, redactLiveSecrets } from './redact.ts';

/** A log record's fields, secrets redacted; an Error keeps its name, code and (redacted) message and stack. */
export function redactLogRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = value instanceof Error ? plainError(value) : redactDeep(value);
  return out;
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
