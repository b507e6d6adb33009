// The probe as the service, the CLI and the chat use it: one target (from
// the configuration, never from a request), a time budget per run and a cap
// on runs at once, so a hung target never ties up more than that.
import { errors } from '../errors.ts';
import type { Logger } from 'pino';
import type { PoolConfig } from '../config.ts';
import { runDoctor, runSanity, type DoctorReport, type SanityReport } from './doctor.ts';
import type { ProbeRunOptions } from './run.ts';
import { resolveTarget, type TargetSource } from './target.ts';
import type { CheckResult } from './types.ts';

export interface ProbeSettings {
  /** DATABASE_URL, or the embedded demo database's URL with source 'embedded'. */
  url: string;
  source: TargetSource;
  allowWrites: boolean;
  expectedTables: readonly string[];
  timeoutMs: number;
  pool: PoolConfig;
  maxConcurrentRuns?: number;
  sampleIntervalMs?: number;
}

// The catalogue's PGT_ERR_PROBE_BUSY (429), mapped to HTTP by src/http like every PgtError.
export class ProbeBusyError extends errors.PGT_ERR_PROBE_BUSY {
  override readonly name = 'ProbeBusyError';
  constructor({ running }: { running: number }) {
    super({ message: `${running} probe run(s) are already running, the most allowed at once; try again when they finish` });
  }
}

export interface RunRequest {
  signal?: AbortSignal;
  onCheck?: (result: CheckResult) => void;
}

export interface Probe {
  /** A run's whole budget (PROBE_TIMEOUT_MS). */
  readonly timeoutMs: number;
  doctor(request?: RunRequest): Promise<DoctorReport>;
  sanity(request?: RunRequest): Promise<SanityReport>;
  /** True when a new run would be refused. */
  isBusy(): boolean;
  running(): number;
  /** Runs `work` with a run's options, counted against the cap (used by verify). */
  withRun<T>(work: (options: ProbeRunOptions) => Promise<T>, request?: RunRequest): Promise<T>;
}

export const DEFAULT_MAX_CONCURRENT_RUNS = 2;

export function createProbe(settings: ProbeSettings, { logger }: { logger: Logger }): Probe {
  const max = settings.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS;
  let running = 0;
  const log = logger.child({ component: 'probe' });

  async function withRun<T>(work: (options: ProbeRunOptions) => Promise<T>, request: RunRequest = {}): Promise<T> {
    if (running >= max) throw new ProbeBusyError({ running });
    running++;
    try {
      return await work({
        target: resolveTarget({ url: settings.url, source: settings.source }),
        logger: log,
        pool: settings.pool,
        allowWrites: settings.allowWrites,
        expectedTables: settings.expectedTables,
        timeoutMs: settings.timeoutMs,
        sampleIntervalMs: settings.sampleIntervalMs,
        signal: request.signal,
        onCheck: request.onCheck,
      });
    } finally {
      running--;
    }
  }

  return {
    timeoutMs: settings.timeoutMs,
    doctor: (request) => withRun(runDoctor, request),
    sanity: (request) => withRun(runSanity, request),
    withRun,
    isBusy: () => running >= max,
    running: () => running,
  };
}
