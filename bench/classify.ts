// Classify time per input, as a ratio to a plain linear scan (counting
// newlines with charCodeAt) of the same text measured in the same run, for
// realistic texts of 200 B, 4 KiB and 64 KiB and for adversarial ones, with the
// literal prefilter (what runs) and without it (every pattern tried, the
// "before"), both measured in this run. Adversarial inputs are also shown as a
// ratio to the realistic text of the same size.
// Prints figures; asserts nothing. Run: node --import tsx bench/classify.ts
import { triage } from '../src/triage/classify.ts';
import { fill, linearScan, measure } from './harness.ts';

const KIB = 1024;

const TRACE = `Error: Connection terminated unexpectedly
    at Connection.<anonymous> (/usr/src/app/node_modules/pg/lib/client.js:132:73)
    at Object.onceWrapper (node:events:632:26)
    at Connection.emit (node:events:517:28)
    at Socket.<anonymous> (/usr/src/app/node_modules/pg/lib/connection.js:63:12)
    at Socket.emit (node:events:517:28)
    at TCP.<anonymous> (node:net:350:12)
`;
const LOG_LINE = '2024-05-01T10:00:00.123Z INFO  [api] GET /v1/orders 200 12ms {"requestId":"8445ce73-d550-485d-88a6-21fbbbf9a2c0"}\n';
const PY_TAIL = `Traceback (most recent call last):
  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 1910, in _execute_context
    self.dialect.do_execute(
  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/default.py", line 736, in do_execute
    cursor.execute(statement, parameters)
psycopg2.OperationalError: SSL SYSCALL error: EOF detected
`;

const NEAR_MATCHES =
  'password authentication relation "x" database "y" role "z" connection refuse terminated timeout expire certificate self-signe too many pg_hba.conf ECONNRE SQLSTATE 28P0 ';

const inputs: { name: string; text: string }[] = [
  {
    name: 'realistic 200 B (Prisma P1001)',
    text: fill("Error: P1001: Can't reach database server at `ep-cool-darkness-123456.us-east-2.aws.neon.tech`:`5432`\nPlease make sure your database server is running at `ep-cool-darkness-123456.us-east-2.aws.neon.tech`:`5432`.", 200),
  },
  { name: 'realistic 4 KiB (pg trace in a JSON log)', text: (fill(LOG_LINE, 4 * KIB - 600) + JSON.stringify({ level: 50, msg: TRACE })).slice(0, 4 * KIB) },
  { name: 'realistic 64 KiB (log, traceback last)', text: fill(LOG_LINE, 64 * KIB - PY_TAIL.length) + PY_TAIL },
  { name: 'adversarial 64 KiB near-miss phrase', text: fill('password authentication fai ', 64 * KIB) },
  { name: 'adversarial 64 KiB unterminated quotes', text: fill('role "aaaaaaaaaaaaaaaaaaaaaaaa', 64 * KIB) },
  { name: 'adversarial 64 KiB pg_hba without suffix', text: fill('no pg_hba.conf entry for host "10.0.0.1", user "a", ', 64 * KIB) },
  { name: 'adversarial 64 KiB escapes and ANSI', text: fill('\\\\\\"\\u001b[\u001b[0;1;2;3;', 64 * KIB) },
  { name: 'adversarial 64 KiB whitespace runs', text: fill('password \t \t \t \t \t ', 64 * KIB) },
  // Structure before words (src/triage/inner-error.ts): wrapper markers by the thousand, and JSON message values never closed.
  { name: 'adversarial 64 KiB Caused by chain', text: fill('Caused by: java.net.SocketException: x\n', 64 * KIB) },
  { name: 'adversarial 64 KiB unclosed JSON messages', text: '{"code":"28P01",' + fill('"message":"password authentication ', 64 * KIB - 16) },
  { name: 'adversarial 1 MiB single line', text: fill('a', 1024 * KIB) + ' FATAL:  sorry, too many clients already' },
  { name: 'adversarial 64 KiB binary junk', text: junk(64 * KIB) },
  { name: 'adversarial 64 KiB one character', text: fill('a', 64 * KIB) },
  // Anchor words of many families, never a whole wording: every prefilter anchor hits, no pattern matches.
  { name: 'adversarial 4 KiB many near-matches', text: fill(NEAR_MATCHES, 4 * KIB) },
  { name: 'adversarial 64 KiB many near-matches', text: fill(NEAR_MATCHES, 64 * KIB) },
];

function junk(size: number): string {
  let seed = 0x2545f491;
  let out = '';
  for (let i = 0; i < size; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    out += String.fromCharCode((seed >>> 0) % 0x10000);
  }
  return out;
}

let sink = 0;
const rows = inputs.map(({ name, text }) => {
  const classifyNs = measure(() => (sink += triage(text).confidence));
  const withoutNs = measure(() => (sink += triage(text, { prefilter: false }).confidence));
  const scanNs = measure(() => (sink += linearScan(text)));
  return { name, bytes: text.length, family: triage(text).family, classifyNs, classifyUs: classifyNs / 1000, scanUs: scanNs / 1000, ratio: classifyNs / scanNs, before: withoutNs / scanNs };
});
const realistic = new Map(rows.filter((row) => row.name.startsWith('realistic')).map((row) => [row.bytes, row.classifyNs]));

console.log(`classify time per input vs a linear newline scan of the same text (node ${process.version})`);
console.log(
  ['input'.padEnd(42), 'chars'.padStart(8), 'family'.padEnd(21), 'classify µs'.padStart(12), 'scan µs'.padStart(10), 'ratio'.padStart(8), 'before'.padStart(8), 'vs real'.padStart(8)].join(' '),
);
for (const row of rows) {
  const sameSize = realistic.get(row.bytes);
  console.log(
    [
      row.name.padEnd(42),
      String(row.bytes).padStart(8),
      row.family.padEnd(21),
      row.classifyUs.toFixed(1).padStart(12),
      row.scanUs.toFixed(1).padStart(10),
      row.ratio.toFixed(1).padStart(8),
      row.before.toFixed(1).padStart(8),
      (sameSize && !row.name.startsWith('realistic') ? (row.classifyNs / sameSize).toFixed(2) : '').padStart(8),
    ].join(' '),
  );
}
console.log('ratio: with the literal prefilter; before: every pattern tried (prefilter off), same run; vs real: adversarial time / realistic time of the same size');
if (sink === Number.MIN_VALUE) console.log(sink);
