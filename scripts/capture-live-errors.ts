// Regenerates test/fixtures/live-errors.jsonl: runs the live-error tests (real
// clusters, real clients) with PGTRIAGE_CAPTURE_FILE set, so every error they
// assert is recorded as one line {id, family, client, text, code, produced_by},
// then checks ids are unique and no password is in the corpus, and writes it
// sorted by id. Usage: node --import tsx scripts/capture-live-errors.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { redactSecrets } from '../src/secrets/redact.ts';
import type { LiveErrorRecord } from '../test/support/live-error-expect.ts';

const root = resolve(import.meta.dirname, '..');
const output = join(root, 'test', 'fixtures', 'live-errors.jsonl');
const testFiles = ['test/integration/triage/live-errors.test.ts'];
// The random passwords test/support/cluster.ts and the tests generate.
const TEST_PASSWORD = /\b(?:pw|app)-[a-z0-9]{6,}\b/g;

const folder = mkdtempSync(join(tmpdir(), 'pgtriage-capture-'));
try {
  const captureFile = join(folder, 'captured.jsonl');
  writeFileSync(captureFile, '');
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), ...testFiles], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PGTRIAGE_CAPTURE_FILE: captureFile },
  });
  if (run.status !== 0) {
    console.error('capture-live-errors: the live-error tests failed; the corpus was not written');
    process.exit(run.status ?? 1);
  }
  const records = readFileSync(captureFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LiveErrorRecord)
    .map((record) => ({ ...record, text: redactSecrets(record.text.replace(TEST_PASSWORD, '<redacted>')).text }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id)) throw new Error(`capture-live-errors: duplicate id ${record.id}`);
    seen.add(record.id);
  }
  const lines = records.map((record) =>
    JSON.stringify({
      id: record.id,
      family: record.family,
      client: record.client,
      text: record.text,
      code: record.code,
      produced_by: record.produced_by,
    }),
  );
  writeFileSync(output, `${lines.join('\n')}\n`);
  console.log(`capture-live-errors: ${records.length} errors written to ${output}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
