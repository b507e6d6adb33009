// Time from `pgtriage serve` to ready on a first run (creates the embedded
// cluster) and a second run (reuses it), and memory at rest, each as a ratio
// to a bare Node HTTP server measured in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.ts';

const READY = /ready on http/;

async function timeToReady(command: string[], env: Record<string, string>): Promise<{ ms: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (READY.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
  return { ms: performance.now() - started, child };
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

// The service and what it started (the embedded PostgreSQL and its backends).
function treeRssKiB(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree.reduce((sum, pid) => sum + (rssKiB(pid) || 0), 0);
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const baselineScript = "require('node:http').createServer((q,s)=>s.end()).listen(0,'127.0.0.1',()=>console.log('ready on http'))";
const baseline = await timeToReady(['-e', baselineScript], {});
await sleep(2000);
const baselineRss = rssKiB(baseline.child.pid as number);
await stop(baseline.child);

const dataDir = mkdtempSync(join(tmpdir(), 'pgtriage-bench-'));
const env = { PGTRIAGE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()), LOG_LEVEL: 'warn' };
const first = await timeToReady(['bin/pgtriage.mjs', 'serve'], env);
await stop(first.child);
const second = await timeToReady(['bin/pgtriage.mjs', 'serve'], env);
await sleep(2000);
const serviceRss = rssKiB(second.child.pid as number);
const treeRss = treeRssKiB(second.child.pid as number);
await stop(second.child);
rmSync(dataDir, { recursive: true, force: true });

const row = (name: string, value: number, unit: string, base: number) =>
  console.log(`${name.padEnd(34)} ${value.toFixed(0).padStart(7)} ${unit}  ratio to bare node ${(value / base).toFixed(1)}x`);
console.log(`bare node http server: ready ${baseline.ms.toFixed(0)} ms, rss ${baselineRss} KiB`);
row('start to ready, first run', first.ms, 'ms', baseline.ms);
row('start to ready, second run', second.ms, 'ms', baseline.ms);
row('node rss at rest (2 s after ready)', serviceRss, 'KiB', baselineRss);
row('with embedded PostgreSQL processes', treeRss, 'KiB', baselineRss);
