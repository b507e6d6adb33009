// Per-client write limits (express-rate-limit) counted in the store, so every
// instance on one STORE_URL shares the count. @acpr/rate-limit-postgresql was
// tried and not used: it opens a pool of its own outside pgtriage's timeouts,
// starts its migrations without awaiting them (an unhandled rejection when the
// database is down at start) and console.error()s every failure.
import { ipKeyGenerator, MemoryStore, rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { errors } from '../errors.ts';

export interface HitCounter {
  /** Adds `hits` (1 by default) to `key`'s count in a fixed window of `windowMs`. */
  countHit(key: string, windowMs: number, hits?: number): Promise<{ hits: number; resetAt: Date }>;
  uncountHit(key: string): Promise<void>;
  resetHits(key: string): Promise<void>;
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
export class SharedHitStore implements Store {
  readonly #counter: HitCounter;
  readonly #logger: Pick<Logger, 'warn'>;
  readonly #local = new MemoryStore();
  readonly #known = new Map<string, Known>();
  readonly #unsent = new Map<string, number>();
  #windowMs = WINDOW_MS;
  #limit = Number.POSITIVE_INFINITY;
  #bypassUntil = 0;
  #flushing: NodeJS.Timeout | undefined;

  constructor(counter: HitCounter, logger: Pick<Logger, 'warn'>) {
    this.#counter = counter;
    this.#logger = logger;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
    this.#limit = typeof options.limit === 'number' ? options.limit : Number.POSITIVE_INFINITY;
    this.#local.init(options);
    this.#flushing = setInterval(() => void this.#flush(), FLUSH_MS);
    this.#flushing.unref();
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (Date.now() < this.#bypassUntil) return this.#local.increment(key);
    const known = this.#known.get(key);
    const unsent = (this.#unsent.get(key) ?? 0) + 1;
    if (known !== undefined && known.resetAt.getTime() > Date.now() && known.hits + unsent < this.#limit / 2) {
      this.#unsent.set(key, unsent);
      return { totalHits: known.hits + unsent, resetTime: known.resetAt };
    }
    this.#unsent.delete(key);
    try {
      const { hits, resetAt } = await withDeadline(this.#counter.countHit(key, this.#windowMs, unsent), STORE_DEADLINE_MS);
      this.#known.set(key, { hits, resetAt });
      return { totalHits: hits, resetTime: resetAt };
    } catch {
      this.#bypassUntil = Date.now() + BYPASS_MS;
      // Limits are per instance until then: say so, since they no longer add up across instances.
      this.#logger.warn({ event: 'rate_limit_store_slow', storeDeadlineMs: STORE_DEADLINE_MS, bypassMs: BYPASS_MS }, 'the rate-limit store did not answer in time: this instance counts on its own for a while');
      return this.#local.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await Promise.all([this.#counter.uncountHit(key).catch(() => {}), this.#local.decrement(key)]);
  }

  async resetKey(key: string): Promise<void> {
    this.#known.delete(key);
    this.#unsent.delete(key);
    await Promise.all([this.#counter.resetHits(key).catch(() => {}), this.#local.resetKey(key)]);
  }

  shutdown(): void {
    clearInterval(this.#flushing);
    this.#local.shutdown();
  }

  async #flush(): Promise<void> {
    const now = Date.now();
    for (const [key, known] of this.#known) if (known.resetAt.getTime() <= now && !this.#unsent.has(key)) this.#known.delete(key);
    const batch = [...this.#unsent];
    this.#unsent.clear();
    await Promise.all(batch.map(async ([key, hits]) => {
      try {
        const { hits: total, resetAt } = await withDeadline(this.#counter.countHit(key, this.#windowMs, hits), STORE_DEADLINE_MS);
        this.#known.set(key, { hits: total, resetAt });
      } catch {
        // The store is away: those hits stay counted here (the memory fallback) only.
      }
    }));
  }
}

/** 429 PGT_ERR_RATE_LIMITED with Retry-After once a client passes its writes for the minute. */
export function writeLimit({ writesPerMinute, counter, logger }: WriteLimitSettings): RequestHandler | null {
  if (writesPerMinute === 0) return null;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: writesPerMinute,
    // `RateLimit: limit=120, remaining=119, reset=60` and `RateLimit-Policy` on every write.
    // Not draft-8: its header carries a SHA-256 of the client's key, hashed on every request.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // `trust proxy` is off: the peer address is the client (IPv6 by its /56, as the library advises).
    keyGenerator: (req: Request) => `writes:${ipKeyGenerator(req.socket.remoteAddress ?? 'unknown')}`,
    skip: (req: Request) => req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS',
    store: new SharedHitStore(counter, logger),
    handler: (_req, _res, next) => next(new errors.PGT_ERR_RATE_LIMITED({ details: { limitPerMinute: writesPerMinute } })),
  });
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
