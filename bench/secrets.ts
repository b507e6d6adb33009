// Redaction time per paste (src/secrets redactSecrets: view, every scanner,
// placeholder rules, the redacted copy) as a ratio to a plain linear scan
// (counting newlines with charCodeAt) of the same text in the same run, for
// realistic 4 KiB and 64 KiB pastes; and adversarial inputs (long runs of
// ':', '@', '=', quotes, URL and key prefixes) as a ratio to the realistic
// paste of the same size: a bounded ratio means linear time.
// Prints figures; asserts nothing. Run: node --import tsx bench/secrets.ts
import { redactSecrets } from '../src/secrets/redact.ts';
import { fill, linearScan, measure } from './harness.ts';

const KIB = 1024;

const LOG_LINE = '2024-05-01T10:00:00.123Z INFO  [api] GET /v1/orders 200 12ms {"requestId":"8445ce73-d550-485d-88a6-21fbbbf9a2c0"}\n';
const SECRETS = [
  'DATABASE_URL=postgresql://app:Fk93kdjfJDKs9x@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require\n',
  JSON.stringify({ level: 50, msg: 'failed: password="Fk93kdjfJDKs9x" host=db \u001b[31merror\u001b[0m' }) + '\n',
  'STRIPE_SECRET_KEY=sk_live_51FAKEabcdefghij0123456789ABCDEFGHIJ\n',
];
/** A realistic paste: a log with a few secret-bearing lines in it. */
function realistic(size: number): string {
  return fill(LOG_LINE + LOG_LINE + LOG_LINE + SECRETS.join(''), size);
}

const ADVERSARIAL: { name: string; unit: string }[] = [
  { name: "':' runs", unit: ':' },
  { name: "'@' runs", unit: '@' },
  { name: "'=' runs", unit: '=' },
  { name: 'double quotes', unit: '"' },
  { name: 'single quotes', unit: "'" },
  { name: 'scheme://user: without @', unit: 'a://u:' },
  { name: 'scheme://u:p@ repeated', unit: 'a://u:p@' },
  { name: 'password= repeated', unit: 'password=' },
  { name: 'password=" unterminated', unit: 'password="' },
  { name: 'key prefixes without a key', unit: 'sk-sk_live_AKIAghp_eyJ.' },
  { name: 'BEGIN PRIVATE KEY without END', unit: '-----BEGIN PRIVATE KEY-----' },
  { name: 'pgpass-like fields', unit: 'h:1:d:u:' },
  { name: 'backslash escapes and ANSI', unit: '\\\\\\"\\u001b[\u001b[0;1;2;3;' },
];

let sink = 0;
console.log(`redaction time per paste (node ${process.version})`);
console.log(['input'.padEnd(44), 'chars'.padStart(7), 'redact µs'.padStart(11), 'scan µs'.padStart(9), 'vs scan'.padStart(8), 'vs realistic'.padStart(13)].join(' '));
for (const size of [4 * KIB, 64 * KIB]) {
  const normal = realistic(size);
  const normalNs = measure(() => (sink += redactSecrets(normal).findings.length));
  const scanNs = measure(() => (sink += linearScan(normal)));
  const row = (name: string, text: string, ns: number, scan: number) =>
    console.log([name.padEnd(44), String(text.length).padStart(7), (ns / 1000).toFixed(1).padStart(11), (scan / 1000).toFixed(1).padStart(9), (ns / scan).toFixed(0).padStart(8), (ns / normalNs).toFixed(2).padStart(13)].join(' '));
  row(`realistic ${size / KIB} KiB log with secrets`, normal, normalNs, scanNs);
  for (const { name, unit } of ADVERSARIAL) {
    const text = fill(unit, size);
    const ns = measure(() => (sink += redactSecrets(text).findings.length));
    row(`adversarial ${size / KIB} KiB ${name}`, text, ns, measure(() => (sink += linearScan(text))));
  }
}
if (sink === Number.MIN_VALUE) console.log(sink);
