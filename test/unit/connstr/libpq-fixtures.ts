// Reads the committed libpq oracle fixtures (test/fixtures/libpq/); the
// oracle itself is never needed at test time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'libpq');

export interface FixtureInput {
  id: string;
  input: string;
}

export interface ParseExpectation {
  id: string;
  ok: boolean;
  parsed?: Record<string, string>;
  secret_sha256?: Record<string, string>;
  non_utf8_hex?: Record<string, string>;
  error?: string;
  error_sha256?: string;
  truncated_at_nul?: number;
}

export interface ConnectCheckExpectation {
  id: string;
  parse_ok: boolean;
  pre_network_ok?: boolean;
  pre_network_errors?: string[];
  skipped?: string;
}

interface Header {
  header: true;
  kind: string;
  libpq: string;
  count: number;
}

function readJsonl<T>(file: string): { header: Header; records: T[] } {
  const lines = readFileSync(join(DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const [first, ...rest] = lines.map((l) => JSON.parse(l) as unknown);
  return { header: first as Header, records: rest as T[] };
}

function fileOf(kind: 'parse' | 'connect-check'): string {
  const match = readdirSync(DIR).find((f) => f.startsWith('libpq-') && f.endsWith(`.${kind}.jsonl`));
  if (match === undefined) throw new Error(`no ${kind} fixture in ${DIR}`);
  return match;
}

export function loadLibpqFixtures() {
  const inputs = readFileSync(join(DIR, 'inputs.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FixtureInput);
  const parse = readJsonl<ParseExpectation>(fileOf('parse'));
  const check = readJsonl<ConnectCheckExpectation>(fileOf('connect-check'));
  const major = Number.parseInt(parse.header.libpq, 10);
  return {
    version: parse.header.libpq,
    major,
    inputs,
    parseById: new Map(parse.records.map((r) => [r.id, r])),
    checkById: new Map(check.records.map((r) => [r.id, r])),
  };
}
