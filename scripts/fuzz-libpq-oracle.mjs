// Differential fuzzing against the machine's real libpq (a development aid,
// not part of `npm test`): random strings built from libpq's delimiters and
// keywords are parsed by parseConninfo and by libpq_oracle.py, and every
// disagreement is printed. Needs python3, libpq.so.5 and the oracle.
// Usage: node --import tsx scripts/fuzz-libpq-oracle.mjs [seed] [count] [path/to/libpq_oracle.py]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseConninfo } from '../src/connstr/parse.ts';

const seed = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 20000);
const oracle = process.argv[4] ?? join(import.meta.dirname, 'libpq_oracle.py');

function mulberry32(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(seed);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const tokens = ['postgresql://', 'postgres://', 'a', 'h', '1', '5432', '@', ':', '/', '?', '&', '=', ',', '%', '%4', '%41', '%2F', '%2C', '%zz', '%00', '%FF', '%C3', '[', ']', '[::1]', ' ', "'", '\\', '#', '\t', '\n', '\r', '\v', 'é', '€', 'host', 'port', 'dbname', 'user', 'password', 'sslmode', 'ssl', 'true', 'requiressl', 'options', 'require', 'hostaddr', 'require_auth', '"', ';'];
const randomChar = () => {
  const c = 1 + Math.floor(rand() * (rand() < 0.8 ? 127 : 0x2ffff));
  return c >= 0xd800 && c < 0xe000 ? 'x' : String.fromCodePoint(c);
};

const cases = Array.from({ length: count }, (_, id) => {
  let input = rand() < 0.4 ? pick(['postgresql://', 'postgres://']) : '';
  const n = 1 + Math.floor(rand() * 14);
  for (let j = 0; j < n; j++) input += rand() < 0.75 ? pick(tokens) : randomChar();
  return { id, input };
});
const res = spawnSync('python3', [oracle], { input: cases.map((c) => JSON.stringify(c)).join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
if (res.status !== 0) throw new Error(res.stderr);
let bad = 0;
for (const rec of res.stdout.trim().split('\n').map((l) => JSON.parse(l))) {
  const mine = parseConninfo(cases[rec.id].input, { libpqMajor: 15 });
  let why;
  if (mine.ok !== rec.ok) why = `verdict ${mine.ok} vs libpq ${rec.ok}`;
  else if (!mine.ok && mine.error.rawMessage !== rec.error) why = `error ${JSON.stringify(mine.error.rawMessage)} vs ${JSON.stringify(rec.error)}`;
  else if (mine.ok && JSON.stringify(mine.options) !== JSON.stringify(rec.parsed)) why = 'keyword map differs';
  if (why !== undefined && ++bad <= 20) console.log(`${rec.id}: ${why}`);
}
console.log(`seed ${seed}: ${bad} disagreements in ${count} strings`);
