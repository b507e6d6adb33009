// One catalogue of pgtriage's errors, as fastify keeps its own (fastify
// lib/errors.js, made with @fastify/error's createError): each PGT_ERR_* code
// is a class built from its row (status, message template, fix). The layer
// that knows what went wrong throws it (the chat, the store, the pool, the
// HTTP middleware); src/http maps it to a response by `instanceof PgtError`,
// in one place. README's error table is kept in step by a test.

interface CatalogueRow {
  readonly statusCode: number;
  /** `{name}` is filled from the error's details. */
  readonly message: string;
  readonly fix: string;
}

export const CATALOGUE = {
  PGT_ERR_BAD_JSON: { statusCode: 400, message: 'the request body is not valid JSON', fix: 'send Content-Type: application/json with a JSON object' },
  PGT_ERR_BAD_REQUEST: { statusCode: 400, message: 'the request is missing what it needs', fix: 'send {"text": "..."} with a non-empty string' },
  PGT_ERR_BAD_MESSAGE: {
    statusCode: 400,
    message: 'the message is not one the chat understands',
    fix: 'send {"text": "..."}, {"answer": {...}}, {"switch": "accept"|"decline"}, {"verify": {"stepId": "..."}}, {"checklist": {"description"?, "env"?, "gitignore"?}} or {"tick": {"itemId": "...", "done": true|false}}',
  },
  PGT_ERR_TOO_LARGE: { statusCode: 413, message: 'the request body is too large', fix: 'paste the error and the lines around it, not the whole log' },
  PGT_ERR_UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, message: 'a write must carry JSON', fix: 'send Content-Type: application/json' },
  PGT_ERR_CROSS_SITE: { statusCode: 403, message: 'a write from another site is refused', fix: 'use the page this service serves, or a client that is not a browser on another site' },
  PGT_ERR_HOST_NOT_ALLOWED: { statusCode: 403, message: 'this Host is not one the service answers to', fix: 'open the service by an allowed name, or add the name to PGTRIAGE_ALLOWED_HOSTS' },
  PGT_ERR_RATE_LIMITED: { statusCode: 429, message: 'too many writes from this client; at most {limitPerMinute} a minute', fix: 'wait for the seconds in Retry-After, then try again' },
  PGT_ERR_UNAUTHORIZED: { statusCode: 401, message: 'a bearer token is required', fix: 'send Authorization: Bearer <PGTRIAGE_TOKEN>' },
  PGT_ERR_CONVERSATION_NOT_FOUND: { statusCode: 404, message: 'no such conversation', fix: 'start one with POST /api/conversations' },
  PGT_ERR_ANSWER_OUT_OF_TURN: { statusCode: 409, message: 'that answer does not fit where the runbook stands', fix: 'GET the conversation to see the current check and its answers' },
  PGT_ERR_CONVERSATION_FULL: { statusCode: 409, message: 'this conversation has reached its {maxMessages} messages', fix: 'start a new conversation with POST /api/conversations' },
  PGT_ERR_NO_CHECKLIST: { statusCode: 409, message: 'this conversation has no secret checklist to tick yet', fix: 'send {"checklist": {"description": "...", "env": "..."}} first, then tick its items' },
  PGT_ERR_CHECKLIST_ITEM_NOT_FOUND: { statusCode: 422, message: 'no such item in the current secret checklist', fix: 'GET the conversation: `checklist.ticks` holds the ids of the current checklist\'s items' },
  PGT_ERR_IDEMPOTENCY_KEY_REUSED: { statusCode: 422, message: 'this Idempotency-Key was already used for a different message', fix: 'use a new key for each new message; reuse a key only to retry the same message' },
  PGT_ERR_NOT_FOUND: { statusCode: 404, message: 'no such route', fix: 'see the README for the API' },
  PGT_ERR_PROBE_BUSY: { statusCode: 429, message: 'the most probe runs allowed at once are already running', fix: 'wait a few seconds for them to finish (each is bounded by PROBE_TIMEOUT_MS), then try again' },
  PGT_ERR_STORE_UNAVAILABLE: { statusCode: 503, message: 'the conversation store is not reachable', fix: 'check STORE_URL and that the database is up; nothing was recorded' },
  PGT_ERR_POOL_EXHAUSTED: {
    statusCode: 503,
    message: 'pool "{pool}" exhausted: no connection became free after waiting {waitedMs} ms (all {max} in use)',
    fix: 'try again in a moment; if it persists, release connections sooner or raise POOL_SIZE/POOL_MAX_OVERFLOW',
  },
  PGT_ERR_REQUEST_TIMEOUT: { statusCode: 503, message: 'no answer within {timeoutMs} ms', fix: 'try again with the same Idempotency-Key: a message that did commit is answered, not stored twice' },
  PGT_ERR_INTERNAL: { statusCode: 500, message: 'an unexpected error; it was logged', fix: 'try again; if it persists, report it with the time' },
} as const satisfies Record<string, CatalogueRow>;

export type ErrorCode = keyof typeof CATALOGUE;

export interface PgtErrorOptions {
  /** Replaces the catalogue's message when the thrower knows more. */
  message?: string;
  /** Fill the template and travel with the error (and in the HTTP body). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class PgtError extends Error {
  override readonly name: string = 'PgtError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly fix: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, { message, details = {}, cause }: PgtErrorOptions = {}) {
    const row: CatalogueRow = CATALOGUE[code];
    super(message ?? fill(row.message, details), cause === undefined ? undefined : { cause });
    this.code = code;
    this.statusCode = row.statusCode;
    this.fix = row.fix;
    this.details = Object.freeze({ ...details });
  }
}

export type PgtErrorClass = new (options?: PgtErrorOptions) => PgtError;

function define(code: ErrorCode): PgtErrorClass {
  // A named class per code, so `instanceof errors.PGT_ERR_X` and stack traces say which.
  return { [code]: class extends PgtError {
    constructor(options?: PgtErrorOptions) {
      super(code, options);
    }
  } }[code] as PgtErrorClass;
}

/** `throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND()`; `error instanceof errors.PGT_ERR_X`. */
export const errors = Object.freeze(
  Object.fromEntries((Object.keys(CATALOGUE) as ErrorCode[]).map((code) => [code, define(code)])) as { readonly [C in ErrorCode]: PgtErrorClass },
);

function fill(template: string, details: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in details ? String(details[name]) : whole));
}
