// Per-client write limits counted in the store, so every instance on one
// STORE_URL shares the count. The counting is express-rate-limit's model (a
// fixed window, its IPv6 /56 key generator, its MemoryStore while the store is
// away) and the headers its draft-7 ones; the middleware is this one, which
// answers synchronously when the hit is counted here: express-rate-limit's own
// middleware (four awaits, debug arguments built on every request) cost 7% of
// a whole triage request's CPU (docs/load.md). @acpr/rate-limit-postgresql
// was tried and not used: it opens a pool of its own outside pgtriage's
// timeouts, starts its migrations without awaiting them (an unhandled rejection
// when the database is down at start) and console.error()s every failure.
import { ipKeyGenerator, MemoryStore, type ClientRateLimitInfo } from 'express-rate-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { errors } from '../errors.ts';

export interface HitCounter {
  /** Adds `hits` (1 by default) to `key`'s count in a fixed window of `windowMs`. */
  countHit(key: string, windowMs: number, hits?: number): Promise<{ hits: number; resetAt: Date }>;
}

export interface WriteLimitSettings {
  /** Writes one client may make per window; 0 turns the limit off. */
  readonly writesPerMinute: number;
  readonly counter: HitCounter;
  /** Told when the store is too slow and this instance counts alone for a while. */
  readonly logger: Pick<Logger, 'warn'>;
}

const WINDOW_MS = 60_000;
// A limiter must never make triage wait on a slow or frozen store: past this,
// the instance counts on its own for a while (BYPASS_MS) and tries again.
const STORE_DEADLINE_MS = 250;
const BYPASS_MS = 5_000;
// Far from its limit a client's hits are added up here and sent to the store
// in one statement per key every FLUSH_MS; from half its limit on, every hit
// goes to the store at once, so the limit is exact across instances where it
// matters and costs no round trip per request where it does not.
const FLUSH_MS = 1_000;

interface Known {
  /** The store's count at the last answer, this instance's sent hits included. */
  hits: number;
  resetAt: Date;
}

/** A fixed-window count in the store, with this instance's memory as the fallback while the store is away. */
export class SharedHitStore {
  readonly #counter: HitCounter;
  readonly #logger: Pick<Logger, 'warn'>;
  readonly #local = new MemoryStore();
  readonly #known = new Map<string, Known>();
  readonly #unsent = new Map<string, number>();
  readonly #windowMs: number;
  readonly #limit: number;
  #bypassUntil = 0;

  constructor(counter: HitCounter, logger: Pick<Logger, 'warn'>, { windowMs, limit }: { windowMs: number; limit: number }) {
    this.#counter = counter;
    this.#logger = logger;
    this.#windowMs = windowMs;
    this.#limit = limit;
    this.#local.init({ windowMs } as Parameters<MemoryStore['init']>[0]);
    setInterval(() => void this.#flush(), FLUSH_MS).unref();
  }

  /** The count after this hit: at once when it is added up here, else once the store answered. */
  increment(key: string): ClientRateLimitInfo | Promise<ClientRateLimitInfo> {
    if (Date.now() < this.#bypassUntil) return this.#local.increment(key);
    const known = this.#known.get(key);
    const unsent = (this.#unsent.get(key) ?? 0) + 1;
    if (known !== undefined && known.resetAt.getTime() > Date.now() && known.hits + unsent < this.#limit / 2) {
      this.#unsent.set(key, unsent);
      return { totalHits: known.hits + unsent, resetTime: known.resetAt };
    }
    this.#unsent.delete(key);
    return this.#countInStore(key, unsent);
  }

  /** Adds `hits` to the store's count within the deadline, and keeps what it answered. */
  async #send(key: string, hits: number): Promise<ClientRateLimitInfo> {
    const { hits: total, resetAt } = await withDeadline(this.#counter.countHit(key, this.#windowMs, hits), STORE_DEADLINE_MS);
    this.#known.set(key, { hits: total, resetAt });
    return { totalHits: total, resetTime: resetAt };
  }

  async #countInStore(key: string, hits: number): Promise<ClientRateLimitInfo> {
    try {
      return await this.#send(key, hits);
    } catch {
      this.#bypassUntil = Date.now() + BYPASS_MS;
      // Limits are per instance until then: say so, since they no longer add up across instances.
      this.#logger.warn({ event: 'rate_limit_store_slow', storeDeadlineMs: STORE_DEADLINE_MS, bypassMs: BYPASS_MS }, 'the rate-limit store did not answer in time: this instance counts on its own for a while');
      return this.#local.increment(key);
    }
  }

  async #flush(): Promise<void> {
    const now = Date.now();
    for (const [key, known] of this.#known) if (known.resetAt.getTime() <= now && !this.#unsent.has(key)) this.#known.delete(key);
    const batch = [...this.#unsent];
    this.#unsent.clear();
    await Promise.all(batch.map(async ([key, hits]) => {
      try {
        await this.#send(key, hits);
      } catch {
        // The store is away: those hits stay counted here (the memory fallback) only.
      }
    }));
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes only: 429 PGT_ERR_RATE_LIMITED with Retry-After once a client passes
 * its writes for the minute, and on every write what is left of it
 * (`RateLimit: limit=120, remaining=119, reset=60` and `RateLimit-Policy:
 * 120;w=60`, the IETF draft 7 headers; not draft 8, whose header carries a
 * SHA-256 of the client's key, hashed on every request).
 */
export function writeLimit({ writesPerMinute, counter, logger }: WriteLimitSettings): RequestHandler | null {
  if (writesPerMinute === 0) return null;
  const hits = new SharedHitStore(counter, logger, { windowMs: WINDOW_MS, limit: writesPerMinute });
  const policy = `${writesPerMinute};w=${Math.ceil(WINDOW_MS / 1000)}`;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // `trust proxy` is off: the peer address is the client (IPv6 by its /56, as express-rate-limit advises).
    const counted = hits.increment(`writes:${ipKeyGenerator(req.socket.remoteAddress ?? 'unknown')}`);
    const answer = ({ totalHits, resetTime }: ClientRateLimitInfo) => {
      if (res.headersSent) return next();
      const resetSeconds = resetTime === undefined ? Math.ceil(WINDOW_MS / 1000) : Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000));
      res.setHeader('RateLimit-Policy', policy);
      res.setHeader('RateLimit', `limit=${writesPerMinute}, remaining=${Math.max(writesPerMinute - totalHits, 0)}, reset=${resetSeconds}`);
      if (totalHits <= writesPerMinute) return next();
      res.setHeader('Retry-After', String(resetSeconds));
      next(new errors.PGT_ERR_RATE_LIMITED({ details: { limitPerMinute: writesPerMinute } }));
    };
    if (counted instanceof Promise) counted.then(answer, next);
    else answer(counted);
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
