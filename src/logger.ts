// The service's pino logger. No secret reaches a log line: known secret
// fields are censored by path, and every other string of every record and
// every log call goes through src/secrets.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import { redactLogArguments, redactLogRecord } from './secrets/log.ts';

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'pgtriage' },
      // Fields named for a secret or a paste are masked whole; every other
      // string of every record (an error message quoting a paste, a driver
      // error quoting a connection string) goes through src/secrets.
      formatters: { log: redactLogRecord },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactLogArguments(args) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
