// The project stands on its own: code, tests and docs cite files in this
// repository or public sources, never design notes kept outside it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUTSIDE = /\b(?:STYLE|DESIGN)\.md\b|\bshared\/(?:examples|tools|triage-families)|triage-families\.md/;

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true })
    .map((entry) => join(path, String(entry)))
    .filter((file) => statSync(file).isFile() && !file.includes('node_modules'));
}

test('no file cites design notes that are not in the repository', () => {
  const roots = ['src', 'test', 'docs', 'scripts', 'bench', 'prompts', 'README.md', '.env.example'].map((name) => join(ROOT, name));
  const citing = roots
    .filter((root) => existsSync(root))
    .flatMap(files)
    .filter((file) => !file.endsWith('stands-alone.test.ts') && !/\.(?:jsonl|png|ico)$/.test(file))
    .filter((file) => OUTSIDE.test(readFileSync(file, 'utf8')))
    .map((file) => file.slice(ROOT.length + 1));
  assert.deepEqual(citing, []);
});
