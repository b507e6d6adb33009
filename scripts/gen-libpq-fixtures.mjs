// Regenerates test/fixtures/libpq/ from the machine's real libpq through the
// oracle (scripts/libpq_oracle.py, needs python3 and libpq.so.5).
// Tests read only the committed files, never the oracle. Secrets never reach
// the expectation files: a password value becomes "<redacted>" plus its
// sha256, and an error message that quotes one is stored redacted plus the
// sha256 of libpq's exact text, so the test still checks every byte.
// Usage: node --import tsx scripts/gen-libpq-fixtures.mjs [path/to/libpq_oracle.py]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSecretKeyword } from '../src/connstr/libpq-options.ts';
import { parseConninfo } from '../src/connstr/parse.ts';
import { REDACTED, redactFragments, redactText } from '../src/connstr/redact.ts';
import { fixtureCases } from './libpq-fixture-cases.mjs';

const oracle = process.argv[2] ?? join(import.meta.dirname, 'libpq_oracle.py');
const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'libpq');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function run(args, input) {
  const res = spawnSync('python3', [oracle, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`oracle failed: ${res.stderr}`);
  return res.stdout;
}

const jsonl = (text) => text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

function fragmentsFor(input) {
  const mine = parseConninfo(input, { libpqMajor: 15 });
  return mine.ok ? mine.secretFragments : mine.error.secretFragments;
}

function spilledFor(input) {
  const mine = parseConninfo(input, { libpqMajor: 15 });
  return mine.ok ? mine.spilledSecrets : {};
}

function redactMessage(message, fragments) {
  const safe = redactText(message, fragments);
  return safe === message ? { error: message } : { error: safe, error_sha256: sha256(message) };
}

function sanitiseParse(rec, input) {
  if (!rec.ok) {
    const { error, ...rest } = rec;
    return { ...rest, ...redactMessage(error, fragmentsFor(input)) };
  }
  const parsed = { ...rec.parsed };
  const secretSha = {};
  const nonUtf8 = rec.non_utf8_hex ? { ...rec.non_utf8_hex } : undefined;
  const fragments = fragmentsFor(input);
  const spilled = spilledFor(input);
  for (const key of Object.keys(parsed)) {
    const safe = isSecretKeyword(key) ? REDACTED : redactFragments(redactText(parsed[key], fragments), spilled[key] ?? [], { keepPieces: true });
    if (safe === parsed[key]) continue;
    secretSha[key] = sha256(parsed[key]);
    parsed[key] = safe;
    if (nonUtf8) delete nonUtf8[key];
  }
  const out = { ...rec, parsed };
  if (Object.keys(secretSha).length > 0) out.secret_sha256 = secretSha;
  if (nonUtf8) {
    if (Object.keys(nonUtf8).length > 0) out.non_utf8_hex = nonUtf8;
    else delete out.non_utf8_hex;
  }
  return out;
}

function sanitiseConnectCheck(rec, input) {
  const fragments = fragmentsFor(input);
  const out = { id: rec.id, parse_ok: rec.parse_ok };
  if (rec.skipped) out.skipped = rec.skipped;
  if (rec.pre_network_ok !== undefined) {
    out.pre_network_ok = rec.pre_network_ok;
    out.pre_network_errors = rec.pre_network_errors.map((e) => redactText(e, fragments));
  }
  return out;
}

const version = run(['--version']).trim();
const cases = fixtureCases();
const inputs = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
const byId = new Map(cases.map((c) => [c.id, c.input]));
const header = (kind) => JSON.stringify({ header: true, kind, libpq: version, tool: 'libpq_oracle.py', count: cases.length });

const parse = jsonl(run([], inputs)).map((r) => JSON.stringify(sanitiseParse(r, byId.get(r.id))));
const check = jsonl(run(['--connect-check'], inputs)).map((r) => JSON.stringify(sanitiseConnectCheck(r, byId.get(r.id))));

mkdirSync(dir, { recursive: true });
for (const old of readdirSync(dir)) if (/^libpq-.*\.jsonl$/.test(old)) rmSync(join(dir, old));
writeFileSync(join(dir, 'inputs.jsonl'), inputs);
writeFileSync(join(dir, `libpq-${version}.parse.jsonl`), [header('parse'), ...parse].join('\n') + '\n');
writeFileSync(join(dir, `libpq-${version}.connect-check.jsonl`), [header('connect-check'), ...check].join('\n') + '\n');
console.log(`libpq ${version}: ${cases.length} fixtures written to ${dir}`);
