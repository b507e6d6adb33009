// A second fresh connection right after the first: a Neon compute waking from
// scale-to-zero makes the first connect far slower than the next
// (neon.tech/docs/introduction/scale-to-zero, "cold start"); a steady gap
// between them points at the network or the server instead.
import { performance } from 'node:perf_hooks';
import type { CheckOutcome, ProbeCheck } from '../types.ts';
import { connectAndWatch } from './startup_auth.ts';

/** The first connect must be this many times slower, and by at least COLD_START_MIN_GAP_MS. */
const COLD_START_FACTOR = 3;
const COLD_START_MIN_GAP_MS = 500;

export const coldStart: ProbeCheck = {
  id: 'cold_start',
  dependsOn: ['startup_auth'],
  async run({ session, signal, timeoutMs }): Promise<CheckOutcome> {
    const startedAt = performance.now();
    const { error } = await connectAndWatch(session.clientConfig({ timeoutMs }), signal);
    if (error) throw error;
    const secondMs = Math.round(performance.now() - startedAt);
    const firstMs = session.firstConnectMs ?? secondMs;
    session.timings.secondConnection = secondMs;
    const observed = { firstConnectMs: firstMs, secondConnectMs: secondMs };
    if (firstMs > secondMs * COLD_START_FACTOR && firstMs - secondMs >= COLD_START_MIN_GAP_MS) {
      return {
        status: 'warn',
        observed,
        message: `the first connect took ${firstMs} ms, the next ${secondMs} ms: a cold start (a Neon compute waking from suspend). Give the first connect a timeout of at least ${Math.ceil(firstMs / 1000) + 5} s, or keep the compute awake`,
      };
    }
    return { status: 'pass', observed };
  },
};
