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

/**
 * The text as a file or an HTTP body arrives: one flat string. A text built by
 * repeat(), slice() or + is a tree of pieces in V8, which a charCodeAt scan
 * reads about 1.45x slower than a flat one: the baseline would be slowed and
 * every ratio flattered, except for inputs built by replace(), which are flat.
 */
export function asReceived(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
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

export const CPU_ROUNDS = 7;
/** CPU time per round and measured function, in microseconds. */
const ROUND_CPU_US = 25_000;

/**
 * CPU microseconds per call of `run` over at least one call and about
 * ROUND_CPU_US: the time this process ran, not the time it waited for a
 * core, so other work on the machine does not count.
 */
function timeOnce(run: () => unknown): number {
  let calls = 0;
  // Calls run in batches that double while short, so reading the clock costs nothing next to a 0.3 µs scan.
  let batch = 1;
  const start = process.cpuUsage();
  for (;;) {
    for (let i = 0; i < batch; i++) run();
    calls += batch;
    const { user, system } = process.cpuUsage(start);
    if (user + system >= ROUND_CPU_US) return (user + system) / calls;
    if (user + system < ROUND_CPU_US / 8) batch *= 2;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Each function's CPU time per call (µs) and its ratio to the first's (the
 * baseline), as medians over CPU_ROUNDS rounds in which they run in turn: a
 * busy machine slows a round, not one side of a ratio.
 */
export function cpuRatios(runs: (() => unknown)[]): { us: number[]; ratio: number[] } {
  for (const run of runs) for (let i = 0; i < 3; i++) run();
  const perRound = runs.map(() => [] as number[]);
  const ratioPerRound = runs.map(() => [] as number[]);
  for (let round = 0; round < CPU_ROUNDS; round++) {
    const us = runs.map(timeOnce);
    us.forEach((value, i) => {
      perRound[i]!.push(value);
      ratioPerRound[i]!.push(value / us[0]!);
    });
  }
  return { us: perRound.map(median), ratio: ratioPerRound.map(median) };
}
