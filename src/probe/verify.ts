// "Verify" in the chat: run the probe checks that observe one runbook check
// (read-only, against the configured target only) and map what they saw to a
// verdict. The evidence passes through src/secrets before anyone keeps it.
import { redactSecrets } from '../secrets/redact.ts';
import { checksUpTo } from './registry.ts';
import { liveCheckFor, type Verdict } from './runbook-map.ts';
import { runSequence } from './run.ts';
import type { Probe } from './service.ts';

export interface VerifyOutcome {
  verdict: Verdict;
  evidence: string;
  /** The probe check that decided, with its status and time. */
  probe: { check: string; status: string; durationMs: number; family?: string };
}

/** Null when no probe decides this check: it stays a manual check. */
export async function verifyStep(probe: Probe, { family, stepId, signal }: { family: string; stepId: string; signal?: AbortSignal }): Promise<VerifyOutcome | null> {
  const live = liveCheckFor(family, stepId);
  if (live === undefined) return null;
  return probe.withRun(async (options) => {
    const run = await runSequence(checksUpTo(live.probeCheck).map((check) => ({ check })), { ...options, allowWrites: false });
    const results = Object.fromEntries(run.results.map((result) => [result.id, result]));
    const decision = live.decide(results);
    const decisive = results[live.probeCheck];
    return {
      verdict: decision.verdict,
      evidence: redactSecrets(options.target.redact(decision.evidence)).text,
      probe: {
        check: live.probeCheck,
        status: decisive?.status ?? 'skip',
        durationMs: run.totalMs,
        ...(decisive?.family ? { family: decisive.family } : {}),
      },
    };
  }, { signal });
}
