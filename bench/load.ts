// Load benchmark: node --import tsx bench/load.ts [seconds-per-run] [rounds]
// The real service on a PostgreSQL cluster of its own, driven by autocannon on
// loopback, against a bare Express route measured in the same run (timings
// belong here as ratios, never in test assertions). Bounded: fixed duration
// and connections per scenario.
//
// The service and the bare route run in a child process (bench/load-servers.ts)
// and autocannon here, so the load generator's own work never counts against
// either. Two ratios per scenario: throughput (req/s against bare's), and CPU
// (bare's server CPU per request against the scenario's), which other work on a
// shared machine moves far less than throughput.
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../test/support/cluster.ts';

// Short rounds, many of them: on a shared machine the load drifts within seconds,
// and a ratio is only as good as the bare run beside it.
const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 16;
const CONVERSATIONS = 300;
const ERROR_TEXT = 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)';

interface Figures {
  requestsPerSecond: number;
  /** The servers' process CPU time per request answered. */
  cpuMicrosPerRequest: number;
  /** The store's PostgreSQL processes' CPU time per request answered (Linux /proc), NaN where unreadable. */
  storeCpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const cluster = await startCluster();
const servers = fork(fileURLToPath(new URL('./load-servers.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, STORE_URL: cluster.url() },
});
const urls = await nextMessage<{ service: string; bare: string }>(servers);

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`bench/load-servers.ts exited (${code}) before it answered`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });
}

async function serverUsage(): Promise<{ cpuMicros: number; rssBytes: number }> {
  const answer = nextMessage<{ cpuMicros: number; rssBytes: number }>(servers);
  servers.send('usage');
  return answer;
}

// The postmaster (first line of postmaster.pid) and its children: backends, WAL writer, checkpointer...
const CLOCK_TICKS_PER_SECOND = 100;
const postmaster = readFileSync(join(cluster.dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
function storeCpuMicros(): number {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (pid === postmaster || fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended while being read.
      }
    }
    return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

async function drive(options: autocannon.Options): Promise<Figures> {
  const [before, storeBefore] = [await serverUsage(), storeCpuMicros()];
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const [after, storeAfter] = [await serverUsage(), storeCpuMicros()];
  const answered = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.average,
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / answered,
    storeCpuMicrosPerRequest: (storeAfter - storeBefore) / answered,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

try {
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ text: ERROR_TEXT });
  // One owner with many conversations, so none reaches its message cap during the run.
  const created = await fetch(`${urls.service}/api/conversations`, { method: 'POST' });
  const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const ids = [(await created.json()).id as string];
  while (ids.length < CONVERSATIONS) {
    ids.push((await (await fetch(`${urls.service}/api/conversations`, { method: 'POST', headers: { cookie } })).json()).id);
  }
  let next = 0;

  const scenarios: Record<string, (duration?: number) => Promise<Figures>> = {
    bare: (duration = SECONDS) => drive({ url: `${urls.bare}/bare`, method: 'POST', headers: json, body, duration }),
    triage: (duration = SECONDS) => drive({ url: `${urls.service}/api/triage`, method: 'POST', headers: json, body, duration }),
    messages: (duration = SECONDS) =>
      drive({
        url: urls.service,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, path: `/api/conversations/${ids[next++ % ids.length]}/messages`, headers: { ...json, cookie }, body }),
          },
        ],
      }),
  };
  // A second of each to warm up; then ROUNDS rounds of bare, triage, messages, each
  // scenario's ratios taken against the bare run of its own round, and the median
  // ratio reported: on a shared machine the load drifts within seconds.
  for (const name of ['bare', 'triage', 'messages']) await scenarios[name]!(1);
  const sessions = async () => Number((await cluster.query<{ s: string }>('select sum(sessions) as s from pg_stat_database', [], 'postgres'))[0]?.s ?? 0);
  type Row = Figures & { ratio: number; cpuRatio: number; p99Ratio: number };
  const rounds: Record<string, Row>[] = [];
  let posts = 0;
  let opened = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const bareRun = await scenarios.bare!();
    const row: (typeof rounds)[number] = { bare: { ...bareRun, ratio: 1, cpuRatio: 1, p99Ratio: 1 } };
    for (const name of ['triage', 'messages']) {
      const before = await sessions();
      const figures = await scenarios[name]!();
      if (name === 'messages') {
        opened += (await sessions()) - before;
        posts += figures.requestsPerSecond * SECONDS;
      }
      row[name] = {
        ...figures,
        ratio: figures.requestsPerSecond / bareRun.requestsPerSecond,
        cpuRatio: bareRun.cpuMicrosPerRequest / figures.cpuMicrosPerRequest,
        p99Ratio: figures.p99Ms / Math.max(1, bareRun.p99Ms),
      };
    }
    rounds.push(row);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const of = (name: string, field: keyof Row) => median(rounds.map((round) => round[name]![field]));
  const rows = ['bare', 'triage', 'messages'].map((name) => ({
    scenario: name,
    'req/s': Math.round(of(name, 'requestsPerSecond')),
    'x bare': Number(of(name, 'ratio').toFixed(3)),
    'x bare (each round)': rounds.map((round) => round[name]!.ratio.toFixed(2)).join(' '),
    'CPU µs/req': Math.round(of(name, 'cpuMicrosPerRequest')),
    'x bare by CPU': Number(of(name, 'cpuRatio').toFixed(3)),
    'store CPU µs/req': Math.round(of(name, 'storeCpuMicrosPerRequest')),
    'p99 ms': of(name, 'p99Ms'),
    'p99 x bare': Number(of(name, 'p99Ratio').toFixed(2)),
    'non-2xx/errors': rounds.reduce((sum, round) => sum + round[name]!.errors, 0),
  }));
  console.log(`load: ${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections, loopback; medians of the rounds`);
  console.table(rows);
  // Load-independent: a store connection opened per post means the pool churns.
  console.log(`store sessions opened during the message runs: ${opened} for ${Math.round(posts)} posts`);
  console.log(`goals: triage >= 0.5x, messages >= 0.25x, p99 <= 10x bare; the servers' RSS after: ${Math.round((await serverUsage()).rssBytes / 2 ** 20)} MiB`);
} finally {
  const exited = new Promise((resolve) => servers.once('exit', resolve));
  servers.send('stop');
  await exited;
  await cluster.stop();
}
