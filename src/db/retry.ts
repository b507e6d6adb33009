// Transient-failure retry (the lesson's "retry decorator"), for work that is
// safe to repeat: opening a connection, or a caller's explicitly idempotent
// operation. A statement that may have reached the server is never retried here
// unless the caller says it is idempotent.
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

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** True when opening a connection failed in a way that a later try may not. */
export function isRetryableConnectError(error: unknown): boolean {
  // pg-pool wraps the socket error in `cause`; look a few levels down.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const { code, message, cause } = current as ErrorShape;
    if (typeof code === 'string' && (RETRYABLE_ERRNOS.has(code) || RETRYABLE_SQLSTATES.has(code))) return true;
    if (typeof message === 'string' && RETRYABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = cause;
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
      hooks.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
