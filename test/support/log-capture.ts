// A pino logger whose lines the test can read back, to assert what was logged
// (and that no secret was).
import pino from 'pino';

export interface CapturedLogs {
  readonly logger: pino.Logger;
  /** Every line so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Every line so far, raw, for searching for a secret. */
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => chunks.join(''),
  };
}
