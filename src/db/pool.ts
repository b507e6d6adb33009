// A node-postgres pool that survives the cloud: pre-ping on checkout, recycle
// by age, idle connections closed before the server's or proxy's idle limit,
// bounded waits, TCP keepalive, connect-time retry and an error listener on
// every client. It subclasses pg.Pool (pg-pool 3.x) so that it is used exactly
// like one, including by TypeORM, and pg-pool's own query() goes through the
// overridden connect().
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type pino from 'pino';
import { errors } from '../errors.ts';
import { DEFAULT_RETRY_POLICY, retry, type RetryPolicy } from './retry.ts';

export interface PoolSettings {
  /** Names the pool in errors, logs, metrics and pg_stat_activity.application_name. */
  readonly name: string;
  readonly connectionString: string;
  /** Connections kept for reuse (SQLAlchemy pool_size). */
  readonly poolSize: number;
  /** Extra connections opened under load, closed once idle (SQLAlchemy max_overflow). */
  readonly maxOverflow: number;
  /**
   * How long an overflow connection may sit idle before it is closed; 0 closes
   * it on release, as SQLAlchemy does. HikariCP's idleTimeout likewise closes
   * only connections above minimumIdle (and allows no less than 10 s).
   */
  readonly overflowIdleMs: number;
  /** Check a connection with one round trip before handing it out (SQLAlchemy pool_pre_ping). */
  readonly prePing: boolean;
  /** A connection used this recently is handed out unchecked (HikariCP: 500 ms). */
  readonly prePingBypassMs: number;
  /** A pre-ping that takes longer counts as a dead connection. */
  readonly prePingTimeoutMs: number;
  /** Connections older than this are closed and replaced (SQLAlchemy pool_recycle); 0 turns it off. */
  readonly maxLifetimeSeconds: number;
  /** Idle connections are closed after this; keep it below the server's or proxy's idle limit. */
  readonly idleTimeoutMs: number;
  /**
   * The longest a checkout takes in all: waiting for a free slot, opening a
   * connection, pre-pings and connect retries together (SQLAlchemy
   * pool_timeout, made a total); never infinite.
   */
  readonly connectionTimeoutMs: number;
  /**
   * Every query on a pooled connection fails after this (node-postgres
   * `query_timeout`, measured by the client, so it holds through PgBouncer and
   * against a frozen server); the connection is then discarded.
   */
  readonly queryTimeoutMs: number;
  readonly keepAlive: boolean;
  /** Idle time before the first TCP keepalive probe (Linux waits 7200 s by default). */
  readonly keepAliveInitialDelayMs: number;
  /** Tries to open a connection, the first included; 1 turns retry off. */
  readonly retryMaxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
}

export const DEFAULT_POOL_SETTINGS: Readonly<Omit<PoolSettings, 'name' | 'connectionString'>> = Object.freeze({
  // The lesson's free-tier starting point: pool 3, overflow 5.
  poolSize: 3,
  maxOverflow: 5,
  // Closing overflow on release reopens (TCP, TLS, SCRAM, a new backend) on
  // every burst: under 16 steady writers that was one new session per two posts.
  overflowIdleMs: 10_000,
  prePing: true,
  prePingBypassMs: 500,
  prePingTimeoutMs: 5_000,
  maxLifetimeSeconds: 3_600,
  // Neon suspends an idle compute after 300 s by default
  // (neon.tech/docs/introduction/scale-to-zero); close idle connections first.
  idleTimeoutMs: 240_000,
  connectionTimeoutMs: 10_000,
  queryTimeoutMs: 5_000,
  keepAlive: true,
  keepAliveInitialDelayMs: 30_000,
  retryMaxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
  retryBaseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
  retryMaxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
});

export interface PoolDeps {
  readonly logger: pino.Logger;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  /** Connections handed out, by connect() or query(). */
  readonly checkouts: number;
  readonly prePings: number;
  /** Pre-pings that found a dead connection, which was then replaced. */
  readonly prePingFailures: number;
  /** Connections closed because they reached maxLifetimeSeconds. */
  readonly recycles: number;
  /** Connect attempts repeated after a transient failure. */
  readonly retries: number;
  /** Checkouts that gave up waiting for a free connection. */
  readonly exhaustions: number;
}

/** No connection became free within connectionTimeoutMs: the catalogue's PGT_ERR_POOL_EXHAUSTED (503). */
export class PoolExhaustedError extends errors.PGT_ERR_POOL_EXHAUSTED {
  override readonly name = 'PoolExhaustedError';
  readonly pool: string;
  readonly waitedMs: number;
  readonly max: number;

  constructor({ pool, waitedMs, max, cause }: { pool: string; waitedMs: number; max: number; cause: unknown }) {
    super({ details: { pool, waitedMs, max }, cause });
    this.pool = pool;
    this.waitedMs = waitedMs;
    this.max = max;
  }
}

/** A checkout that did not finish within connectionTimeoutMs while the pool was not full: the server is slow, frozen or away. */
export class CheckoutTimeoutError extends Error {
  override readonly name = 'CheckoutTimeoutError';
  // Node's errno for a wait that ran out, so callers that classify errnos see an outage.
  readonly code = 'ETIMEDOUT';
  readonly pool: string;
  readonly waitedMs: number;
  constructor({ pool, waitedMs }: { pool: string; waitedMs: number }) {
    super(`pool "${pool}": no connection within ${waitedMs} ms (checkout, pre-pings and connect retries together)`);
    this.pool = pool;
    this.waitedMs = waitedMs;
  }
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: any) => void) => void; // as @types/pg declares it

// pg-pool index.js words its queue timeout this way and gives it no code.
const QUEUE_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

export class ResilientPool extends pg.Pool {
  readonly settings: Readonly<PoolSettings>;
  readonly logger: pino.Logger;
  readonly #retryPolicy: RetryPolicy;
  readonly #releasedAt = new WeakMap<pg.PoolClient, number>();
  readonly #checkedOut = new WeakSet<pg.PoolClient>();
  /** Clients a query timed out on: the server may still be running it, so they are not reused. */
  readonly #timedOut = new WeakSet<pg.PoolClient>();
  /** Clients whose connection failed (an 'error' event): their removal is no recycle. */
  readonly #lost = new WeakSet<pg.PoolClient>();
  /** Clients pg-pool released by itself: an idle client at the end of its lifetime. */
  readonly #releasedByPool = new WeakSet<pg.PoolClient>();
  #inOwnRelease = false;
  #checkouts = 0;
  /** Connections handed out and not yet released. */
  #inUse = 0;
  /** Released overflow connections waiting out overflowIdleMs: they no longer count toward poolSize. */
  readonly #idleOverflow = new Set<pg.PoolClient>();
  #prePings = 0;
  #prePingFailures = 0;
  #recycles = 0;
  #retries = 0;
  #exhaustions = 0;

  constructor(settings: PoolSettings, deps: PoolDeps) {
    assertPoolSettings(settings);
    super({
      connectionString: settings.connectionString,
      application_name: `pgtriage-${settings.name}`,
      // node-postgres has only `max`; overflow connections are closed once idle (release, below).
      max: settings.poolSize + settings.maxOverflow,
      // pg-pool never idle-closes the first `min` clients; 0 keeps every idle
      // connection under idleTimeoutMs, hence under the server's idle limit.
      min: 0,
      idleTimeoutMillis: settings.idleTimeoutMs,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      query_timeout: settings.queryTimeoutMs,
      maxLifetimeSeconds: settings.maxLifetimeSeconds,
      keepAlive: settings.keepAlive,
      keepAliveInitialDelayMillis: settings.keepAliveInitialDelayMs,
    });
    // The connection string holds the password: keep it out of JSON and logs
    // of the pool, as pg-pool does for `password`.
    Object.defineProperty(this.options, 'connectionString', { enumerable: false });
    this.settings = Object.freeze(Object.defineProperty({ ...settings }, 'connectionString', { enumerable: false }));
    this.logger = deps.logger.child({ pool: settings.name });
    this.#retryPolicy = {
      maxAttempts: settings.retryMaxAttempts,
      baseDelayMs: settings.retryBaseDelayMs,
      maxDelayMs: settings.retryMaxDelayMs,
    };
    this.#watch();
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const checkout = this.#checkout();
    if (!callback) return checkout;
    checkout.then(
      (client) => callback(undefined, client, client.release),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }

  stats(): PoolStats {
    return {
      total: this.totalCount,
      idle: this.idleCount,
      waiting: this.waitingCount,
      checkouts: this.#checkouts,
      prePings: this.#prePings,
      prePingFailures: this.#prePingFailures,
      recycles: this.#recycles,
      retries: this.#retries,
      exhaustions: this.#exhaustions,
    };
  }

  // The whole checkout, retries and pre-pings included, within connectionTimeoutMs.
  async #checkout(): Promise<pg.PoolClient> {
    const startedAt = performance.now();
    const deadlineAt = startedAt + this.settings.connectionTimeoutMs;
    const attempt = { abandoned: false };
    const checkout = this.#checkoutBefore(deadlineAt, attempt);
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.#overdue(Math.round(performance.now() - startedAt))), this.settings.connectionTimeoutMs);
    });
    try {
      return await Promise.race([checkout, overdue]);
    } catch (error) {
      // A checkout that succeeds after the caller gave up goes back to the pool;
      // one that fails later is not counted or logged a second time.
      attempt.abandoned = true;
      checkout.then((client) => client.release(), () => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #overdue(waitedMs: number): Error {
    // Every slot handed out: exhausted. Otherwise a connection is still being opened or pinged: the server is slow or away.
    if (this.#inUse >= this.options.max) return this.#explain(new Error(QUEUE_TIMEOUT_MESSAGE), waitedMs) as Error;
    return new CheckoutTimeoutError({ pool: this.settings.name, waitedMs });
  }

  async #checkoutBefore(deadlineAt: number, attempt: { abandoned: boolean }): Promise<pg.PoolClient> {
    // Each failed pre-ping removes one idle client, so after at most `max` of
    // them the pool opens a fresh connection, which needs no ping.
    const tries = this.settings.poolSize + this.settings.maxOverflow + 1;
    let lastError: unknown;
    for (let tried = 0; tried < tries; tried++) {
      const client = await this.#acquire(deadlineAt, attempt);
      if (!this.#needsPrePing(client)) return this.#handOut(client);
      try {
        this.#prePings++;
        await client.query({ text: 'SELECT 1', query_timeout: this.settings.prePingTimeoutMs } as pg.QueryConfig);
        return this.#handOut(client);
      } catch (error) {
        this.#prePingFailures++;
        this.logger.warn({ error: describeError(error) }, 'pre-ping found a dead connection; replacing it');
        client.release(error as Error);
        lastError = error;
      }
    }
    throw lastError;
  }

  // A fresh connection or an idle one; only connect-time failures are retried.
  #acquire(deadlineAt: number, attempt: { abandoned: boolean }): Promise<pg.PoolClient> {
    return retry(async () => {
      const startedAt = performance.now();
      try {
        return await super.connect();
      } catch (error) {
        throw attempt.abandoned ? error : this.#explain(error, Math.round(performance.now() - startedAt));
      }
    }, this.#retryPolicy, {
      onRetry: ({ attempt, delayMs, error }) => {
        this.#retries++;
        this.logger.warn({ attempt, delayMs, error: describeError(error) }, 'connect failed; retrying');
      },
      deadlineAt,
    });
  }

  #explain(error: unknown, waitedMs: number): unknown {
    if (!(error instanceof Error) || error.message !== QUEUE_TIMEOUT_MESSAGE) return error;
    this.#exhaustions++;
    const exhausted = new PoolExhaustedError({ pool: this.settings.name, waitedMs, max: this.options.max, cause: error });
    this.logger.error(
      { at: new Date().toISOString(), waitedMs, code: exhausted.code, ...this.#utilisation() },
      exhausted.message,
    );
    return exhausted;
  }

  #needsPrePing(client: pg.PoolClient): boolean {
    const releasedAt = this.#releasedAt.get(client);
    // A client never released is fresh from connect(): that was its round trip.
    return this.settings.prePing && releasedAt !== undefined && performance.now() - releasedAt > this.settings.prePingBypassMs;
  }

  #handOut(client: pg.PoolClient): pg.PoolClient {
    this.#idleOverflow.delete(client);
    this.#checkouts++;
    this.#inUse++;
    this.#checkedOut.add(client);
    // pg-pool sets a fresh release function on every checkout.
    const release = client.release;
    client.release = (err?: Error | boolean) => {
      if (this.#checkedOut.delete(client)) this.#inUse--;
      this.#releasedAt.set(client, performance.now());
      // Connections beyond pool_size (SQLAlchemy max_overflow) are closed once
      // returned and idle for overflowIdleMs, unless someone is waiting for one.
      const isOverflow = this.totalCount - this.#idleOverflow.size > this.settings.poolSize && this.waitingCount === 0;
      const closeIt = err || (this.#timedOut.has(client) || (isOverflow && this.settings.overflowIdleMs === 0) ? true : undefined);
      const before = this.totalCount;
      const idleTimeout = this.options.idleTimeoutMillis;
      this.#inOwnRelease = true;
      try {
        // pg-pool arms a released client's idle timer from this option, read during release().
        if (isOverflow) this.options.idleTimeoutMillis = this.settings.overflowIdleMs;
        release(closeIt);
        // Still in the pool (not expired, not lost): it waits out overflowIdleMs.
        if (isOverflow && closeIt === undefined && this.totalCount === before) this.#idleOverflow.add(client);
      } finally {
        this.options.idleTimeoutMillis = idleTimeout;
        this.#inOwnRelease = false;
      }
      // pg-pool closes a released client (synchronously, so totalCount drops)
      // when told to, when it is dead, when the pool ends, or when it outlived
      // maxLifetimeSeconds: the last is the recycle.
      if (closeIt === undefined && !this.#lost.has(client) && !this.ending && this.totalCount < before) this.#recycles++;
    };
    return client;
  }

  // node-postgres leaves a timed-out query running on the server and the
  // client usable; the next statement would queue behind it, so the client is
  // marked and discarded on release.
  #markTimeouts(client: pg.PoolClient): void {
    const query = client.query;
    const timedOut = this.#timedOut;
    client.query = function (this: pg.PoolClient, ...args: unknown[]) {
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === 'Query read timeout') timedOut.add(client);
        });
      }
      return result;
    } as typeof client.query;
  }

  #utilisation(): { total: number; idle: number; waiting: number; max: number } {
    return { total: this.totalCount, idle: this.idleCount, waiting: this.waitingCount, max: this.options.max };
  }

  #watch(): void {
    this.on('connect', (client) => {
      this.#markTimeouts(client);
      // pg-pool listens for errors only while a client is idle; a connection
      // killed while checked out would otherwise throw an unhandled 'error'.
      client.on('error', (error) => {
        this.#lost.add(client);
        if (this.#checkedOut.has(client)) this.logger.warn({ error: describeError(error) }, 'connection lost while checked out');
      });
      this.logger.info(this.#utilisation(), 'pool opened a connection');
    });
    // pg-pool has already removed the client when it emits this.
    this.on('error', (error) => {
      this.logger.warn({ error: describeError(error) }, 'idle connection closed by the server or network');
    });
    // pg-pool checks a client out and releases it (without an error) by
    // itself only to close an idle client whose maxLifetimeSeconds ran out;
    // every other release goes through the release function #handOut wraps,
    // or is a failed pre-ping's release with its error.
    this.on('release', (error, client) => {
      if (!this.#inOwnRelease && !error) this.#releasedByPool.add(client);
    });
    this.on('remove', (client) => {
      this.#idleOverflow.delete(client);
      if (this.#releasedByPool.has(client) && !this.#lost.has(client)) this.#recycles++;
      this.logger.info(this.#utilisation(), 'pool closed a connection');
    });
  }
}

/** Builds a ResilientPool; settings are validated once and frozen. */
export function createPool(settings: PoolSettings, deps: PoolDeps): ResilientPool {
  return new ResilientPool(settings, deps);
}

/** Fields safe to log: never the error object itself, which may carry a client and its config. */
export function describeError(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { code, message: error.message } : { message: error.message };
  }
  return { message: String(error) };
}

function assertPoolSettings(settings: PoolSettings): void {
  const positive = ['poolSize', 'connectionTimeoutMs', 'queryTimeoutMs', 'prePingTimeoutMs', 'retryMaxAttempts', 'retryMaxDelayMs'] as const;
  const nonNegative = ['maxOverflow', 'overflowIdleMs', 'prePingBypassMs', 'maxLifetimeSeconds', 'idleTimeoutMs', 'keepAliveInitialDelayMs', 'retryBaseDelayMs'] as const;
  for (const key of positive) {
    if (!Number.isFinite(settings[key]) || settings[key] <= 0) throw new RangeError(`pool setting ${key} must be a finite number above 0`);
  }
  for (const key of nonNegative) {
    if (!Number.isFinite(settings[key]) || settings[key] < 0) throw new RangeError(`pool setting ${key} must be a finite number of 0 or more`);
  }
  if (!settings.name) throw new RangeError('pool setting name must not be empty');
  if (!settings.connectionString) throw new RangeError(`pool "${settings.name}" needs a connectionString`);
}
