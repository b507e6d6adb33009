// Runs checks in order inside one time budget: a check whose dependency
// failed or was skipped is skipped with the reason; a writing check is
// skipped unless writes are allowed; every failure gets the family triage
// gives its real error text; teardown (drop what was created, close every
// connection) runs whatever happened.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { PoolConfig } from '../config.ts';
import { triage } from '../triage/classify.ts';
import { rawErrorTextOf } from './error-text.ts';
import { ProbeAbortedError, ProbeSession } from './session.ts';
import type { ProbeTarget } from './target.ts';
import type { CheckOutcome, CheckResult, ProbeCheck } from './types.ts';

export interface ProbeRunOptions {
  target: ProbeTarget;
  logger: Logger;
  pool: PoolConfig;
  allowWrites: boolean;
  expectedTables: readonly string[];
  /** The whole run's budget, teardown included (PROBE_TIMEOUT_MS). */
  timeoutMs: number;
  sampleIntervalMs?: number;
  /** The caller gives up (an HTTP client that went away). */
  signal?: AbortSignal;
  /** Called as each check finishes, for streaming. */
  onCheck?: (result: CheckResult) => void;
}

export interface SequenceStep {
  check: ProbeCheck;
  /** Overrides the check's own dependencies (the sanity sequence has its own order). */
  dependsOn?: readonly string[];
}

/** Part of the budget kept for teardown when the run may have written. */
const TEARDOWN_RESERVE_MS = 2_000;
const DEFAULT_SAMPLE_INTERVAL_MS = 1_000;

export interface SequenceRun {
  results: CheckResult[];
  session: ProbeSession;
  cleanup: { dropped: string | null; error?: string };
  totalMs: number;
}

export async function runSequence(steps: readonly SequenceStep[], options: ProbeRunOptions): Promise<SequenceRun> {
  const startedAt = performance.now();
  const session = new ProbeSession({
    target: options.target,
    logger: options.logger,
    pool: options.pool,
    allowWrites: options.allowWrites,
    expectedTables: options.expectedTables,
    sampleIntervalMs: options.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS,
  });
  const reserveMs = options.allowWrites ? Math.min(TEARDOWN_RESERVE_MS, options.timeoutMs / 4) : Math.min(500, options.timeoutMs / 10);
  const checksBudgetMs = options.timeoutMs - reserveMs;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ProbeAbortedError({ timeoutMs: options.timeoutMs })), checksBudgetMs);
  const onCallerAbort = () => deadline.abort(new ProbeAbortedError());
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const results: CheckResult[] = [];
  try {
    results.push(...(await runSteps(steps, session, options, deadline.signal, startedAt + checksBudgetMs)));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
  const remaining = options.timeoutMs - (performance.now() - startedAt);
  const cleanup = await session.close({ timeoutMs: Math.max(reserveMs, remaining) });
  return { results, session, cleanup, totalMs: Math.round(performance.now() - startedAt) };
}

/** The steps on an existing session (the sanity sequence's health check runs the layers this way). */
export async function runSteps(steps: readonly SequenceStep[], session: ProbeSession, options: Pick<ProbeRunOptions, 'logger' | 'allowWrites' | 'target' | 'onCheck' | 'timeoutMs'>, signal: AbortSignal, deadlineAt: number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const byId = new Map<string, CheckResult>();
  for (const { check, dependsOn = check.dependsOn } of steps) {
    const startedAt = performance.now();
    const blocker = dependsOn.map((id) => byId.get(id)).find((dep) => dep !== undefined && (dep.status === 'fail' || dep.status === 'skip'));
    let outcome: CheckOutcome;
    if (blocker) {
      outcome = { status: 'skip', observed: {}, message: `skipped: ${blocker.id} ${blocker.status === 'fail' ? 'failed' : 'was skipped'}` };
    } else if (check.writes && !options.allowWrites) {
      outcome = { status: 'skip', observed: {}, message: 'skipped: PROBE_ALLOW_WRITES is not true, so nothing is written' };
    } else if (signal.aborted) {
      outcome = { status: 'skip', observed: {}, message: `skipped: the probe's time budget of ${options.timeoutMs} ms ran out` };
    } else {
      outcome = await runOne(check, { session, signal, log: options.logger, target: options.target, timeoutMs: Math.max(1, Math.floor(deadlineAt - performance.now())) });
    }
    const result = resultOf(check.id, outcome, performance.now() - startedAt, options.target);
    results.push(result);
    byId.set(check.id, result);
    options.onCheck?.(result);
  }
  return results;
}

async function runOne(check: ProbeCheck, context: Parameters<ProbeCheck['run']>[0]): Promise<CheckOutcome> {
  try {
    return await check.run(context);
  } catch (error) {
    // A check cut short by the run's budget failed for the budget, whatever its own abort path says.
    const budget = context.signal.aborted && context.signal.reason instanceof ProbeAbortedError && /^timeout expired/.test(context.signal.reason.message) ? context.signal.reason.message : null;
    const ownText = rawErrorTextOf(error);
    const errorText = budget !== null && !/timeout expired/.test(ownText) ? budget : ownText;
    const observed = ((error as { observed?: Record<string, unknown> } | null)?.observed) ?? {};
    return { status: 'fail', observed, message: errorText, errorText };
  }
}

// The family is read from the text as the client printed it; what is shown
// and kept has the target's secrets cut out.
function resultOf(id: string, outcome: CheckOutcome, durationMs: number, target: ProbeTarget): CheckResult {
  const result: CheckResult = { id, status: outcome.status, durationMs: Math.round(durationMs * 10) / 10, observed: outcome.observed };
  if (outcome.status === 'fail' || outcome.status === 'warn') {
    const family = outcome.errorText !== undefined ? triage(outcome.errorText).family : outcome.family;
    if (family !== undefined) result.family = family;
    else if (outcome.status === 'fail') result.family = 'unknown';
    if (outcome.errorText !== undefined && outcome.errorText !== outcome.message) result.observed = { ...result.observed, error: target.redact(outcome.errorText) };
  }
  if (outcome.message !== undefined) result.message = target.redact(outcome.message);
  return result;
}
