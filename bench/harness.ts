// What the benchmarks share: inputs of a given size, the linear-scan baseline
// and the timers. Every figure a bench prints is a ratio to a baseline timed
// in the same run, with these same timers.
import { performance } from 'node:perf_hooks';

const WARMUP_CALLS = 5;
const BUDGET_NS = 200_000_000n;

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The baseline for text work: one pass over the text, counting newlines with charCodeAt. */
export function linearScan(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

/** Mean nanoseconds per call over enough calls to last about 200 ms. */
export function measure(run: () => unknown): number {
  for (let i = 0; i < WARMUP_CALLS; i++) run();
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BUDGET_NS) {
    run();
    calls++;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / calls;
}

/**
 * Mean ms per call for each operation, the best of `rounds` rounds of
 * `callsPerRound` calls, after `warmupCalls` calls of each. Rounds interleave
 * the operations so that load from elsewhere on the machine hits them alike.
 */
export async function bestMeanMs(
  operations: ReadonlyArray<() => Promise<unknown>>,
  { rounds, callsPerRound, warmupCalls }: { rounds: number; callsPerRound: number; warmupCalls: number },
): Promise<number[]> {
  for (const operation of operations) {
    for (let i = 0; i < warmupCalls; i++) await operation();
  }
  const best = operations.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    for (const [index, operation] of operations.entries()) {
      const startedAt = performance.now();
      for (let i = 0; i < callsPerRound; i++) await operation();
      best[index] = Math.min(best[index]!, (performance.now() - startedAt) / callsPerRound);
    }
  }
  return best;
}
