// What the checks of one probe run share: observations a later layer needs
// (addresses, the TLS decision), the TypeORM DataSource on pgtriage's
// resilient pool (the stack users run), the probe's own schema name, and the
// teardown that leaves nothing open.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource, EntitySchema } from 'typeorm';
import type { PoolConfig } from '../config.ts';
import { createDataSource } from '../db/data-source.ts';
import type { ResilientPool } from '../db/pool.ts';
import { nodePostgresConfig, nodePostgresUrl, type ProbeTarget, type TargetSettings, type TlsDecision } from './target.ts';

/** application_name of every probe connection, so pg_stat_activity tells them apart. */
export const PROBE_APPLICATION_NAME = 'pgtriage-probe';
/** The probe writes only in schemas with this prefix, one per run, and drops it at the end. */
export const PROBE_SCHEMA_PREFIX = 'pgtriage_probe_';
export const PROBE_TABLE = 'probe_row';

export interface ProbeRow {
  id: number;
  token: string;
  createdAt: Date;
}

export interface ProbeSessionOptions {
  target: ProbeTarget;
  logger: Logger;
  pool: PoolConfig;
  allowWrites: boolean;
  expectedTables: readonly string[];
  /** Time between the two pg_stat_activity samples of the slots check. */
  sampleIntervalMs: number;
}

export class ProbeAbortedError extends Error {
  override readonly name = 'ProbeAbortedError';
  constructor({ timeoutMs, cause }: { timeoutMs?: number; cause?: unknown } = {}) {
    super(timeoutMs === undefined ? 'the probe run was cancelled' : `timeout expired: the probe's time budget of ${timeoutMs} ms ran out`, { cause });
  }
}

export class ProbeSession {
  readonly options: ProbeSessionOptions;
  readonly runId = randomBytes(4).toString('hex');
  readonly schemaName = `${PROBE_SCHEMA_PREFIX}${this.runId}`;
  readonly entity: EntitySchema<ProbeRow>;
  readonly timings: Record<string, number> = {};
  addresses: { address: string; family: 4 | 6 }[] = [];
  /** The address the TCP layer reached; later layers dial it again. */
  connectedAddress: string | null = null;
  tls: TlsDecision | null = null;
  /** Time of the first full connect (startup_auth), for the cold-start comparison. */
  firstConnectMs: number | null = null;
  facts: { maxConnections: number; usableSlots: number } | null = null;
  /** Set once schema_create committed: from then on, teardown drops the schema. */
  schemaCreated = false;
  savedRow: { id: number; token: string } | null = null;
  #dataSource: { dataSource: DataSource; pool: () => ResilientPool | undefined } | null = null;
  #initialising: Promise<DataSource> | null = null;
  readonly #clients = new Set<pg.Client>();

  constructor(options: ProbeSessionOptions) {
    this.options = options;
    this.entity = new EntitySchema<ProbeRow>({
      name: 'PgtriageProbeRow',
      tableName: PROBE_TABLE,
      schema: this.schemaName,
      columns: {
        id: { type: Number, primary: true, generated: 'increment' },
        token: { type: String },
        createdAt: { type: 'timestamptz', createDate: true, name: 'created_at' },
      },
    });
  }

  get settings(): TargetSettings {
    const settings = this.options.target.settings;
    if (settings === null) throw new Error('the target did not parse; the configuration check says why');
    return settings;
  }

  get tlsDecision(): TlsDecision {
    return this.tls ?? { encrypt: false, verifyChain: false, verifyHost: false };
  }

  /** node-postgres settings for a connection of the probe's own (never the pool's). */
  clientConfig({ timeoutMs, applicationName = PROBE_APPLICATION_NAME }: { timeoutMs: number; applicationName?: string }): pg.ClientConfig {
    // libpq's connect_timeout, when the string sets one, bounds each connect as it would for psql.
    const connectTimeoutMs = this.settings.connectTimeoutSeconds ? Math.min(timeoutMs, this.settings.connectTimeoutSeconds * 1000) : timeoutMs;
    return nodePostgresConfig(this.settings, this.tlsDecision, { applicationName, connectionTimeoutMillis: Math.max(1, Math.round(connectTimeoutMs)) });
  }

  /** A plain pg.Client, ended by teardown if the check does not end it first. */
  async connectClient({ timeoutMs, signal, applicationName }: { timeoutMs: number; signal: AbortSignal; applicationName?: string }): Promise<pg.Client> {
    const client = new pg.Client(this.clientConfig({ timeoutMs, applicationName }));
    client.on('error', () => {});
    this.#clients.add(client);
    await abortable(client.connect(), signal, () => destroyClient(client));
    return client;
  }

  async endClient(client: pg.Client): Promise<void> {
    this.#clients.delete(client);
    await client.end().catch(() => destroyClient(client));
  }

  /** The TypeORM DataSource over pgtriage's resilient pool, opened on first use. */
  dataSource({ timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal }): Promise<DataSource> {
    if (this.#initialising === null) {
      const pool = this.options.pool;
      this.#dataSource = createDataSource({
        pool: {
          ...pool,
          name: 'probe',
          connectionString: nodePostgresUrl(this.settings, this.tlsDecision),
          // Enough for a query and a second connection at once; nothing more on the user's server.
          poolSize: 2,
          maxOverflow: 1,
          connectionTimeoutMs: Math.max(1, Math.min(pool.connectionTimeoutMs, Math.round(timeoutMs))),
          // A failed connect is already explained by the layers below; one try keeps the run inside its budget.
          retryMaxAttempts: 1,
        },
        entities: [this.entity],
        migrations: [],
        logger: this.options.logger,
      });
      const { dataSource } = this.#dataSource;
      this.#initialising = dataSource.initialize();
      // A failed first connect is reported by the check that asked; later callers see the same failure.
      this.#initialising.catch(() => {});
    }
    return abortable(this.#initialising, signal, () => this.#destroyPoolSockets());
  }

  /** The resilient pool under the DataSource, once it exists. */
  pool(): ResilientPool | undefined {
    return this.#dataSource?.pool();
  }

  /** Runs `work` and, when the signal fires first, cuts the pool's sockets so nothing hangs. */
  guard<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    return abortable(work, signal, () => this.#destroyPoolSockets());
  }

  /** Drops what the run created (even after a failed step), then closes every connection. */
  async close({ timeoutMs }: { timeoutMs: number }): Promise<{ dropped: string | null; error?: string }> {
    let result: { dropped: string | null; error?: string } = { dropped: null };
    if (this.schemaCreated) result = await this.#dropSchema(timeoutMs);
    for (const client of this.#clients) await this.endClient(client);
    const opened = this.#dataSource;
    if (opened !== null && this.#initialising !== null) {
      const initialised = await this.#initialising.then(() => true, () => false);
      if (initialised) {
        const ending = opened.dataSource.destroy();
        const timer = setTimeout(() => this.#destroyPoolSockets(), timeoutMs);
        await ending.catch(() => {});
        clearTimeout(timer);
      }
    }
    return result;
  }

  // A fresh connection of its own: the pool may be what broke.
  async #dropSchema(timeoutMs: number): Promise<{ dropped: string | null; error?: string }> {
    const signal = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
    let client: pg.Client | null = null;
    try {
      client = await this.connectClient({ timeoutMs, signal });
      const open = client;
      await abortable(
        (async () => {
          await open.query('BEGIN');
          await open.query(`DROP SCHEMA ${pg.escapeIdentifier(this.schemaName)} CASCADE`);
          await open.query('COMMIT');
        })(),
        signal,
        () => destroyClient(open),
      );
      this.schemaCreated = false;
      return { dropped: this.schemaName };
    } catch (error) {
      return { dropped: null, error: this.options.target.redact((error as Error).message) };
    } finally {
      if (client !== null) await this.endClient(client);
    }
  }

  #destroyPoolSockets(): void {
    const pool = this.pool() as unknown as { _clients?: pg.Client[] } | undefined;
    for (const client of pool?._clients ?? []) destroyClient(client);
  }
}

export function destroyClient(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/** The promise, or a ProbeAbortedError as soon as the signal fires (after `onAbort` cut the I/O). */
export function abortable<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => void = () => {}): Promise<T> {
  if (signal.aborted) {
    onAbort();
    work.catch(() => {});
    return Promise.reject(asAbortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      work.catch(() => {});
      reject(asAbortError(signal));
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

function asAbortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  if (reason instanceof ProbeAbortedError) return reason;
  return new ProbeAbortedError({ cause: reason });
}
