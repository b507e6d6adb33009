// Parse time per connection string over the committed libpq fixtures, as a
// ratio to baselines measured in the same run: WHATWG `new URL()` (what URL
// based drivers do) and pg-connection-string (what node-postgres does).
// Figures only; nothing here asserts on time. Run: node --import tsx bench/parse.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as pgParse } from 'pg-connection-string';
import { auditConnectionString } from '../src/connstr/audit.ts';
import { parseConninfo } from '../src/connstr/parse.ts';
import { longPastes } from '../test/support/long-pastes.ts';

const inputs = readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'libpq', 'inputs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { input: string }).input);

const sink: unknown[] = [];
const candidates: Array<[string, (s: string) => unknown]> = [
  ['new URL() (baseline)', (s) => { try { return new URL(s); } catch { return null; } }],
  ['pg-connection-string parse', (s) => { try { return pgParse(s); } catch { return null; } }],
  ['parseConninfo (libpq rules)', (s) => parseConninfo(s)],
  ['auditConnectionString (full report)', (s) => auditConnectionString(s)],
];

// pg-connection-string warns once per process about sslmode aliases; keep the output clean.
process.emitWarning = (() => undefined) as typeof process.emitWarning;

function perStringMicros(fn: (s: string) => unknown, rounds: number): number {
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of inputs) sink.push(fn(s));
  sink.length = 0;
  return ((performance.now() - start) * 1000) / (rounds * inputs.length);
}

// Candidates are interleaved in each trial and each ratio is taken within
// its trial, so load on a shared machine shifts numerator and denominator
// alike; the median over trials is printed.
const ROUNDS = 5;
const TRIALS = 9;
for (const [, fn] of candidates) perStringMicros(fn, 2); // warm-up
const perTrial = Array.from({ length: TRIALS }, () => candidates.map(([, fn]) => perStringMicros(fn, ROUNDS)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(`${inputs.length} fixture strings, ${TRIALS} trials x ${ROUNDS} rounds, medians, Node ${process.version}`);
candidates.forEach(([name], i) => {
  const micros = median(perTrial.map((t) => t[i] as number));
  const ratio = median(perTrial.map((t) => (t[i] as number) / (t[0] as number)));
  console.log(`${name.padEnd(38)} ${micros.toFixed(2).padStart(8)} us/string   x${ratio.toFixed(2)} of new URL()`);
});

// Long adversarial pastes (the audit reads up to 100,000 characters): time
// per paste, to catch a pattern that backtracks over the whole text.
for (const [name, text] of longPastes(99_000)) {
  const start = performance.now();
  auditConnectionString(text);
  console.log(`long paste, ${name.padEnd(28)} ${text.length} chars: ${(performance.now() - start).toFixed(0)} ms`);
}
