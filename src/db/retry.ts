// Transient-failure retry (the lesson's "retry decorator"), for work that is
// safe to repeat: opening a connection, or a caller's explicitly idempotent
// operation. A statement that may have reached the server is never retried here
// unless the caller says it is idempotent.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Total tries including the first; 1 turns retry off. */
  readonly maxAttempts: number;
  /** The first backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** No single wait exceeds this. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  // Neon: waking a suspended compute takes "from 500 ms to a few seconds"
  // (neon.tech/docs/introduction/scale-to-zero); four tries span about that.
  maxDelayMs: 3_000,
});

// Node system errors seen when the server is restarting, unreachable for a
// moment, or a proxy drops the socket (nodejs.org/api/errors.html "Common
// system errors"; EAI_AGAIN is getaddrinfo's "temporary failure", man 3 getaddrinfo).
const RETRYABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

// SQLSTATEs from the PostgreSQL manual, Appendix A "PostgreSQL Error Codes":
// 57P01 admin_shutdown (also what Neon sends when it suspends a compute,
// neon.tech/docs/connect/connection-errors), 57P02 crash_shutdown,
// 57P03 cannot_connect_now ("the database system is starting up / shutting
// down / in recovery"). 53300 too_many_connections is left out on purpose: a
// retry storm makes it worse; it is a sizing problem.
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

// Wordings without a code, each from the client or proxy that prints it.
const RETRYABLE_MESSAGES: readonly RegExp[] = [
  // node-postgres lib/client.js, socket closed with no server error message.
  /^Connection terminated unexpectedly$/,
  // pg-pool index.js, a new client that did not connect within connectionTimeoutMillis.
  /^Connection terminated due to connection timeout$/,
  // Neon proxy while a suspended compute wakes (neon.tech/docs/connect/connection-errors).
  /Couldn't connect to compute node/i,
];

// The store cannot serve now, though nothing is wrong with the request: every
// retryable connect failure above, and what a live connection meets when the
// server goes away, refuses, or stops answering in time.
// SQLSTATEs (PostgreSQL manual, Appendix A): class 08 connection_exception
// (08000, 08001 unable to establish, 08003 connection does not exist, 08004
// rejected establishment, 08006 connection failure); 53300 too_many_connections;
// 57014 query_canceled, which statement_timeout raises.
const UNAVAILABLE_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '53300', '57014']);
const UNAVAILABLE_MESSAGES: readonly RegExp[] = [
  // node-postgres lib/client.js: a query on a connection that ended, that
  // failed, or whose query_timeout ran out.
  /^Connection terminated$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Query read timeout$/,
  // pg-pool index.js, the wait in its queue ran out.
  /^timeout exceeded when trying to connect$/,
];

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  /** TypeORM's QueryFailedError keeps the driver's error here. */
  driverError?: unknown;
}

/** True when opening a connection failed in a way that a later try may not. */
export function isRetryableConnectError(error: unknown): boolean {
  return someInChain(error, (code, message) =>
    (code !== undefined && (RETRYABLE_ERRNOS.has(code) || RETRYABLE_SQLSTATES.has(code))) ||
    (message !== undefined && RETRYABLE_MESSAGES.some((pattern) => pattern.test(message))));
}

/** True when the store is down, refusing, frozen or too slow: the caller should answer "unavailable", not "bug". */
export function isStoreUnavailable(error: unknown): boolean {
  return isRetryableConnectError(error) || someInChain(error, (code, message) =>
    (code !== undefined && UNAVAILABLE_SQLSTATES.has(code)) ||
    (message !== undefined && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))));
}

// pg-pool wraps the socket error in `cause`, TypeORM in `driverError`; look a few levels down.
function someInChain(error: unknown, test: (code: string | undefined, message: string | undefined) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const { code, message, cause, driverError } = current as ErrorShape;
    if (test(typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : undefined)) return true;
    current = cause ?? driverError;
  }
  return false;
}

/**
 * The wait before try `attempt + 1` (attempt counts from 1): "full jitter",
 * uniform in [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))), which spreads
 * clients that failed together (AWS Architecture Blog, "Exponential Backoff
 * and Jitter", 2015).
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceilingMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceilingMs);
}

export interface RetryHooks {
  /** Whether this failure may be retried; connect-time failures by default. */
  isRetryable?: (error: unknown) => boolean;
  /** Told before each wait, e.g. to count and log the retry. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  random?: () => number;
  /** performance.now() after which no further try starts: the caller's overall budget. */
  deadlineAt?: number;
}

/**
 * Runs `operation` until it succeeds, fails in a non-retryable way, or
 * `policy.maxAttempts` tries are spent; the last error is thrown as it was.
 * Only pass work that is safe to run twice.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const isRetryable = hooks.isRetryable ?? isRetryableConnectError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const delayMs = backoffDelayMs(attempt, policy, hooks.random);
      if (hooks.deadlineAt !== undefined && performance.now() + delayMs >= hooks.deadlineAt) throw error;
      hooks.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
