// One catalogue of the errors the HTTP API answers with (the README's table):
// a stable code, a status and the fix. Bodies are {error, code, message, statusCode}.

export const HTTP_ERRORS = {
  PGT_ERR_BAD_JSON: { statusCode: 400, message: 'the request body is not valid JSON', fix: 'send Content-Type: application/json with a JSON object' },
  PGT_ERR_BAD_REQUEST: { statusCode: 400, message: 'the request is missing what it needs', fix: 'send {"text": "..."} with a non-empty string' },
  PGT_ERR_BAD_MESSAGE: { statusCode: 400, message: 'the message is not one the chat understands', fix: 'send {"text": "..."}, {"answer": {...}}, {"switch": "accept"|"decline"} or {"verify": {"stepId": "..."}}' },
  PGT_ERR_TOO_LARGE: { statusCode: 413, message: 'the request body is too large', fix: 'paste the error and the lines around it, not the whole log' },
  PGT_ERR_UNAUTHORIZED: { statusCode: 401, message: 'a bearer token is required', fix: 'send Authorization: Bearer <PGTRIAGE_TOKEN>' },
  PGT_ERR_CONVERSATION_NOT_FOUND: { statusCode: 404, message: 'no such conversation', fix: 'start one with POST /api/conversations' },
  PGT_ERR_ANSWER_OUT_OF_TURN: { statusCode: 409, message: 'that answer does not fit where the runbook stands', fix: 'GET the conversation to see the current check and its answers' },
  PGT_ERR_NOT_FOUND: { statusCode: 404, message: 'no such route', fix: 'see the README for the API' },
  PGT_ERR_PROBE_BUSY: { statusCode: 429, message: 'the most probe runs allowed at once are already running', fix: 'wait a few seconds for them to finish (each is bounded by PROBE_TIMEOUT_MS), then try again' },
  PGT_ERR_STORE_UNAVAILABLE: { statusCode: 503, message: 'the conversation store is not reachable', fix: 'check STORE_URL and that the database is up; nothing was recorded' },
  PGT_ERR_INTERNAL: { statusCode: 500, message: 'an unexpected error; it was logged', fix: 'try again; if it persists, report it with the time' },
} as const satisfies Record<string, { statusCode: number; message: string; fix: string }>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown>;
  constructor({ code, message, details = {}, cause }: { code: HttpErrorCode; message?: string; details?: Record<string, unknown>; cause?: unknown }) {
    super(message ?? HTTP_ERRORS[code].message, { cause });
    this.code = code;
    this.statusCode = HTTP_ERRORS[code].statusCode;
    this.details = details;
  }
}

export function errorBody(error: HttpError): Record<string, unknown> {
  return {
    error: statusText(error.statusCode),
    code: error.code,
    message: error.message,
    statusCode: error.statusCode,
    fix: HTTP_ERRORS[error.code].fix,
    ...error.details,
  };
}

function statusText(status: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' } as Record<number, string>)[status] ?? 'Error';
}
