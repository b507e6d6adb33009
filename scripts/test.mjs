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

// Browser tests need Debian's chromium; install it when missing and allowed
// (root), never a browser build downloaded by a test tool.
if (files.some((file) => file.includes('e2e')) && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() !== 0) {
    console.error('browser tests need /usr/bin/chromium: run `sudo apt-get install -y chromium`');
    process.exit(1);
  }
  const apt = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  if (apt.status !== 0) process.exit(apt.status ?? 1);
}

// The live-error tests drive Debian's psql (real libpq wording) and PgBouncer
// (a real transaction-mode pooler); install them when missing and allowed
// (root), like chromium above.
const LIVE_ERROR_PACKAGES = [
  ['/usr/bin/psql', 'postgresql-client'],
  ['/usr/sbin/pgbouncer', 'pgbouncer'],
];
const missingPackages = LIVE_ERROR_PACKAGES.filter(([binary]) => !existsSync(binary)).map(([, name]) => name);
if (files.some((file) => file.includes('integration')) && missingPackages.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`integration tests need ${missingPackages.join(' and ')}: run \`sudo apt-get install -y ${missingPackages.join(' ')}\``);
    process.exit(1);
  }
  const apt = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missingPackages.join(' ')}`], { stdio: 'inherit' });
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
