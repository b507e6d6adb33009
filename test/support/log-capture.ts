// A pino logger whose lines the test can read back, to assert what was logged
// (and that no secret was).
import type pino from 'pino';
import { createLogger } from '../../src/logger.ts';

export interface CapturedLogs {
  readonly logger: pino.Logger;
  /** Every line so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Every line so far, raw, for searching for a secret. */
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  // The service's own logger, so what is captured is what the service would write.
  const logger = createLogger({ logLevel: 'debug' }, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => chunks.join(''),
  };
}
