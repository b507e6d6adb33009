// Classify time per input (triage(): redaction included), as a ratio to a
// plain linear scan (counting newlines with charCodeAt) of the same text, for
// realistic texts of 200 B, 4 KiB and 64 KiB and for adversarial ones (anchor
// words by the hundred, near matches, wrapper chains, long lines, junk, hard
// wraps). Also as ratios to the same scan: redactSecrets alone (the part of
// classify that src/secrets owns) and classify with the literal prefilter off
// (every pattern tried). Adversarial inputs are also shown as a ratio to the
// realistic text of the same size class. Every ratio is the median of rounds
// in which the scan and the measured calls run in turn, so load from elsewhere
// on the machine slows both sides of a ratio alike. Figures and their history:
// docs/triage-speed.md.
// Prints figures; asserts nothing. Run: node --import tsx bench/classify.ts
import { redactSecrets } from '../src/secrets/redact.ts';
import { triage } from '../src/triage/classify.ts';
import { asReceived, CPU_ROUNDS, cpuRatios, fill, linearScan } from './harness.ts';

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

const CAUSED_BY = 'Caused by: java.net.SocketException: x\n';
const INNER_ARROW = ' ---> System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it.';

/** Each input has a size class: an adversarial input is compared with the realistic text of its class. */
const inputs: { name: string; size: '200 B' | '4 KiB' | '64 KiB' | '1 MiB'; texts: string[] }[] = [
  // Redaction keeps its answers for short texts (src/secrets/redact.ts); 600 texts that differ in the
  // endpoint id, taken in turn, measure what `triage --jsonl` pays for a fresh line.
  {
    name: 'realistic 200 B (Prisma P1001)',
    size: '200 B',
    texts: Array.from({ length: 600 }, (_, i) =>
      fill(`Error: P1001: Can't reach database server at \`ep-cool-darkness-${100000 + i}.us-east-2.aws.neon.tech\`:\`5432\`\nPlease make sure your database server is running at \`ep-cool-darkness-${100000 + i}.us-east-2.aws.neon.tech\`:\`5432\`.`, 200),
    ),
  },
  { name: 'realistic 4 KiB (pg trace in a JSON log)', size: '4 KiB', texts: [(fill(LOG_LINE, 4 * KIB - 600) + JSON.stringify({ level: 50, msg: TRACE })).slice(0, 4 * KIB)] },
  { name: 'realistic 64 KiB (log, traceback last)', size: '64 KiB', texts: [fill(LOG_LINE, 64 * KIB - PY_TAIL.length) + PY_TAIL] },
  // Anchor words of many families, never a whole wording: every prefilter anchor hits, no pattern matches.
  { name: 'adversarial 4 KiB many near-matches', size: '4 KiB', texts: [fill(NEAR_MATCHES, 4 * KIB)] },
  { name: 'adversarial 4 KiB Caused by chain', size: '4 KiB', texts: [fill(CAUSED_BY, 4 * KIB)] },
  { name: 'adversarial 4 KiB hard-wrapped near-matches', size: '4 KiB', texts: [fill(NEAR_MATCHES, 4 * KIB).replace(/[^\n]{80}/g, '$&\n')] },
  { name: 'adversarial 64 KiB near-miss phrase', size: '64 KiB', texts: [fill('password authentication fai ', 64 * KIB)] },
  { name: 'adversarial 64 KiB unterminated quotes', size: '64 KiB', texts: [fill('role "aaaaaaaaaaaaaaaaaaaaaaaa', 64 * KIB)] },
  { name: 'adversarial 64 KiB pg_hba without suffix', size: '64 KiB', texts: [fill('no pg_hba.conf entry for host "10.0.0.1", user "a", ', 64 * KIB)] },
  { name: 'adversarial 64 KiB escapes and ANSI', size: '64 KiB', texts: [fill('\\\\\\"\\u001b[\u001b[0;1;2;3;', 64 * KIB)] },
  { name: 'adversarial 64 KiB whitespace runs', size: '64 KiB', texts: [fill('password \t \t \t \t \t ', 64 * KIB)] },
  // Structure before words (src/triage/inner-error.ts): wrapper markers by the thousand, and JSON message values never closed.
  { name: 'adversarial 64 KiB Caused by chain', size: '64 KiB', texts: [fill(CAUSED_BY, 64 * KIB)] },
  { name: 'adversarial 64 KiB ---> inner exceptions', size: '64 KiB', texts: [fill(INNER_ARROW, 64 * KIB)] },
  { name: 'adversarial 64 KiB unclosed JSON messages', size: '64 KiB', texts: ['{"code":"28P01",' + fill('"message":"password authentication ', 64 * KIB - 16)] },
  { name: 'adversarial 64 KiB binary junk', size: '64 KiB', texts: [junk(64 * KIB)] },
  { name: 'adversarial 64 KiB one character', size: '64 KiB', texts: [fill('a', 64 * KIB)] },
  { name: 'adversarial 64 KiB many near-matches', size: '64 KiB', texts: [fill(NEAR_MATCHES, 64 * KIB)] },
  // A console hard-wraps at 80 columns: the classifier also reads the text unwrapped (classify.ts).
  { name: 'adversarial 64 KiB hard-wrapped near-matches', size: '64 KiB', texts: [fill(NEAR_MATCHES, 64 * KIB).replace(/[^\n]{80}/g, '$&\n')] },
  { name: 'adversarial 1 MiB single line', size: '1 MiB', texts: [fill('a', 1024 * KIB) + ' FATAL:  sorry, too many clients already'] },
];
for (const input of inputs) input.texts = input.texts.map(asReceived);

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
const rows = inputs.map(({ name, size, texts }) => {
  let next = 0;
  const text = (): string => texts[next++ % texts.length]!;
  const { us, ratio } = cpuRatios([
    () => (sink += linearScan(text())),
    () => (sink += triage(text()).confidence),
    () => (sink += redactSecrets(text()).text.length),
    () => (sink += triage(text(), { prefilter: false }).confidence),
  ]);
  return { name, size, chars: texts[0]!.length, family: triage(texts[0]!).family, scanUs: us[0]!, classifyUs: us[1]!, ratio: ratio[1]!, redact: ratio[2]!, without: ratio[3]! };
});
const realistic = new Map(rows.filter((row) => row.name.startsWith('realistic')).map((row) => [row.size, row.ratio]));

console.log(`classify CPU time per input vs a linear newline scan of the same text (node ${process.version}; medians of ${CPU_ROUNDS} interleaved rounds)`);
console.log(
  ['input'.padEnd(46), 'chars'.padStart(8), 'family'.padEnd(21), 'classify µs'.padStart(12), 'scan µs'.padStart(9), 'ratio'.padStart(7), 'redact'.padStart(7), 'no pref'.padStart(8), 'vs real'.padStart(8)].join(' '),
);
for (const row of rows) {
  const sameSize = realistic.get(row.size);
  console.log(
    [
      row.name.padEnd(46),
      String(row.chars).padStart(8),
      row.family.padEnd(21),
      row.classifyUs.toFixed(1).padStart(12),
      row.scanUs.toFixed(1).padStart(9),
      row.ratio.toFixed(1).padStart(7),
      row.redact.toFixed(1).padStart(7),
      row.without.toFixed(1).padStart(8),
      (sameSize !== undefined && !row.name.startsWith('realistic') ? (row.ratio / sameSize).toFixed(2) : '').padStart(8),
    ].join(' '),
  );
}
console.log('ratio: classify (redaction included) / scan; redact: redactSecrets alone / scan, the part classify cannot go below;');
console.log('no pref: every pattern tried (prefilter off) / scan; vs real: ratio / the realistic input\'s ratio of the same size');
if (sink === Number.MIN_VALUE) console.log(sink);
