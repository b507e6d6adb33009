// `pgtriage doctor` and `POST /api/doctor` (contract): every check, or the
// lesson's five-step deployment sanity sequence, as JSON.
import { performance } from 'node:perf_hooks';
import { schema } from './checks/schema.ts';
import { schemaCreate } from './checks/schema_create.ts';
import { restartReread } from './checks/restart_reread.ts';
import { roundTrip } from './checks/round_trip.ts';
import { checksUpTo, DOCTOR_CHECKS } from './registry.ts';
import { runSequence, runSteps, type ProbeRunOptions } from './run.ts';
import { PROBE_TABLE } from './session.ts';
import { publicTarget, type PublicTarget } from './target.ts';
import type { CheckResult, ProbeCheck } from './types.ts';

export interface DoctorReport {
  ok: boolean;
  target: PublicTarget;
  checks: CheckResult[];
  /** Milliseconds per phase, in waterfall order; null when the phase did not run. */
  timings: Record<string, number | null>;
  /** What teardown dropped (the probe's own schema), when the run wrote. */
  cleanup: { dropped: string | null; error?: string };
}

export interface SanityReport {
  ok: boolean;
  target: PublicTarget;
  steps: CheckResult[];
  cleanup: { dropped: string | null; error?: string };
}

const WATERFALL = ['dns', 'tcp', 'tls', 'auth', 'firstQuery'] as const;

export async function runDoctor(options: ProbeRunOptions): Promise<DoctorReport> {
  const run = await runSequence(DOCTOR_CHECKS.map((check) => ({ check })), options);
  const t = run.session.timings;
  const timings: Record<string, number | null> = Object.fromEntries(WATERFALL.map((phase) => [phase, t[phase] ?? null]));
  Object.assign(timings, {
    freshConnection: t.freshConnection ?? null,
    secondConnection: t.secondConnection ?? null,
    pooledQuery: t.pooledQuery ?? null,
    total: run.totalMs,
  });
  return { ok: run.results.every((r) => r.status !== 'fail'), target: publicTarget(options.target), checks: run.results, timings, cleanup: run.cleanup };
}

// The sanity sequence's own two steps; the other three are the doctor's checks.
const healthCheck: ProbeCheck = {
  id: 'health_check',
  dependsOn: [],
  async run(context) {
    const layers = await runSteps(
      checksUpTo('select_1').map((check) => ({ check })),
      context.session,
      { logger: context.log, allowWrites: false, target: context.target, timeoutMs: context.timeoutMs },
      context.signal,
      performance.now() + context.timeoutMs,
    );
    const failed = layers.find((layer) => layer.status === 'fail');
    const observed = { layers: Object.fromEntries(layers.map((layer) => [layer.id, layer.status])), serverVersion: layers.find((l) => l.id === 'startup_auth')?.observed.serverVersion ?? null };
    if (failed) {
      return { status: 'fail', observed: { ...observed, failedAt: failed.id, ...failed.observed }, message: `${failed.id}: ${failed.message ?? 'failed'}`, family: failed.family };
    }
    return { status: 'pass', observed };
  },
};

const tablesExist: ProbeCheck = {
  id: 'tables_exist',
  dependsOn: [],
  async run(context) {
    const outcome = await schema.run(context);
    if (!context.session.schemaCreated) return outcome;
    const dataSource = await context.session.dataSource(context);
    const qualified = `${context.session.schemaName}.${PROBE_TABLE}`;
    const [row] = await context.session.guard(dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [qualified]), context.signal);
    const observed = { ...outcome.observed, probeTable: qualified, probeTablePresent: row.present === true };
    if (!row.present) return { status: 'fail', observed, message: `the table TypeORM created (${qualified}) is not in the catalog`, family: 'schema_missing' };
    return { ...outcome, observed };
  },
};

export async function runSanity(options: ProbeRunOptions): Promise<SanityReport> {
  const run = await runSequence(
    [
      { check: healthCheck },
      { check: schemaCreate, dependsOn: ['health_check'] },
      { check: tablesExist, dependsOn: ['health_check'] },
      { check: roundTrip, dependsOn: ['schema_create'] },
      { check: restartReread, dependsOn: ['round_trip'] },
    ],
    options,
  );
  return { ok: run.results.every((r) => r.status !== 'fail'), target: publicTarget(options.target), steps: run.results, cleanup: run.cleanup };
}
