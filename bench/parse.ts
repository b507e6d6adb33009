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

const ROUNDS = 20;
for (const [, fn] of candidates) perStringMicros(fn, 3); // warm-up
const results = candidates.map(([name, fn]) => [name, Math.min(perStringMicros(fn, ROUNDS), perStringMicros(fn, ROUNDS))] as const);
const baseline = results[0]?.[1] ?? 1;
console.log(`${inputs.length} fixture strings x ${ROUNDS} rounds, best of 2, Node ${process.version}`);
for (const [name, micros] of results) {
  console.log(`${name.padEnd(38)} ${micros.toFixed(2).padStart(8)} us/string   x${(micros / baseline).toFixed(2)} of new URL()`);
}
