// The one place an error becomes an HTTP answer (src/errors.ts holds the
// catalogue): a PgtError by its own status, anything else a 500 that says
// nothing of its cause. Bodies are {error, code, message, statusCode, fix}.
import { STATUS_CODES } from 'node:http';
import { errors, PgtError } from '../errors.ts';

export function toPgtError(error: unknown): PgtError {
  return error instanceof PgtError ? error : new errors.PGT_ERR_INTERNAL({ cause: error });
}

export function errorBody(error: PgtError): Record<string, unknown> {
  return {
    error: STATUS_CODES[error.statusCode] ?? 'Error',
    code: error.code,
    message: error.message,
    statusCode: error.statusCode,
    fix: error.fix,
    ...error.details,
  };
}
