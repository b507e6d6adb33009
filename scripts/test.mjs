// Runs every test file under test/ with Node's own test runner (Node 20 has no
// glob for --test), after the type check. Usage: node scripts/test.mjs [dir-or-file ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path, { recursive: true })
    .map((entry) => join(path, entry))
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['test']).flatMap(collect);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// System packages the tests drive as real parts, from Debian, never a build a
// test tool downloads: chromium for the page, psql (real libpq wording) and
// PgBouncer (a real transaction-mode pooler) for the live-error tests.
// Installed when missing and allowed (root), in one apt run.
const SYSTEM_PACKAGES = [
  { binary: '/usr/bin/chromium', name: 'chromium', neededBy: 'e2e' },
  { binary: '/usr/bin/psql', name: 'postgresql-client', neededBy: 'integration' },
  { binary: '/usr/sbin/pgbouncer', name: 'pgbouncer', neededBy: 'integration' },
];
const missing = SYSTEM_PACKAGES.filter(({ binary, neededBy }) => files.some((file) => file.includes(neededBy)) && !existsSync(binary)).map(({ name }) => name);
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`the tests need ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\``);
    process.exit(1);
  }
  const apt = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`], { stdio: 'inherit' });
  if (apt.status !== 0) process.exit(apt.status ?? 1);
}

if (roots.length === 0) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
