// `npm run bench`: every benchmark in turn, each in its own process so one's
// heap and timers do not colour the next. Each prints ratios measured in its own run.
import { spawnSync } from 'node:child_process';

const BENCHES = ['bench/classify.ts', 'bench/load.ts', 'bench/parse.ts', 'bench/secrets.ts', 'bench/phrasing.ts', 'bench/pool.ts', 'bench/probe.ts', 'bench/startup.ts'];

let failed = 0;
for (const bench of BENCHES) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', bench], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
