// Load benchmark: node --import tsx bench/load.ts [seconds-per-run] [rounds]
// The real service on a PostgreSQL cluster of its own, driven by autocannon on
// loopback, against a bare Express route measured in the same run (timings
// belong here as ratios, never in test assertions). Bounded: fixed duration
// and connections per scenario.
import autocannon from 'autocannon';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { startService } from '../src/server.ts';
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
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function drive(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const cluster = await startCluster();
const config = loadConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  STORE_URL: cluster.url(),
  DATABASE_URL: cluster.url(),
  LOG_LEVEL: 'info',
  // The limiter runs (and counts in the store) but never refuses the benchmark's one client.
  RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
});
const service = await startService({ config, logger: pino({ level: 'info' }, pino.destination('/dev/null')) });

const bare = express();
bare.post('/bare', express.json(), (req, res) => {
  res.json({ text: (req.body as { text?: string }).text?.length ?? 0 });
});
const bareServer = bare.listen(0, '127.0.0.1');
await new Promise((resolve) => bareServer.once('listening', resolve));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;

try {
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ text: ERROR_TEXT });
  // One owner with many conversations, so none reaches its message cap during the run.
  const created = await fetch(`${service.url}/api/conversations`, { method: 'POST' });
  const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const ids = [(await created.json()).id as string];
  while (ids.length < CONVERSATIONS) {
    ids.push((await (await fetch(`${service.url}/api/conversations`, { method: 'POST', headers: { cookie } })).json()).id);
  }
  let next = 0;

  const scenarios: Record<string, (duration?: number) => Promise<Figures>> = {
    bare: (duration = SECONDS) => drive({ url: `${bareUrl}/bare`, method: 'POST', headers: json, body, duration }),
    triage: (duration = SECONDS) => drive({ url: `${service.url}/api/triage`, method: 'POST', headers: json, body, duration }),
    messages: (duration = SECONDS) =>
      drive({
        url: service.url,
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
  // scenario's ratio taken against the bare run of its own round, and the median
  // ratio reported: on a shared machine the load drifts within seconds.
  for (const name of ['bare', 'triage', 'messages']) await scenarios[name]!(1);
  const sessions = async () => Number((await cluster.query<{ s: string }>('select sum(sessions) as s from pg_stat_database', [], 'postgres'))[0]?.s ?? 0);
  const rounds: Record<string, Figures & { ratio: number; p99Ratio: number }>[] = [];
  let posts = 0;
  let opened = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const bareRun = await scenarios.bare!();
    const row: (typeof rounds)[number] = { bare: { ...bareRun, ratio: 1, p99Ratio: 1 } };
    for (const name of ['triage', 'messages']) {
      const before = await sessions();
      const figures = await scenarios[name]!();
      if (name === 'messages') {
        opened += (await sessions()) - before;
        posts += figures.requestsPerSecond * SECONDS;
      }
      row[name] = { ...figures, ratio: figures.requestsPerSecond / bareRun.requestsPerSecond, p99Ratio: figures.p99Ms / Math.max(1, bareRun.p99Ms) };
    }
    rounds.push(row);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rows = ['bare', 'triage', 'messages'].map((name) => ({
    scenario: name,
    'req/s (median)': Math.round(median(rounds.map((round) => round[name]!.requestsPerSecond))),
    'x bare (median)': Number(median(rounds.map((round) => round[name]!.ratio)).toFixed(3)),
    'x bare (each round)': rounds.map((round) => round[name]!.ratio.toFixed(2)).join(' '),
    'p99 ms (median)': median(rounds.map((round) => round[name]!.p99Ms)),
    'p99 x bare (median)': Number(median(rounds.map((round) => round[name]!.p99Ratio)).toFixed(2)),
    'non-2xx/errors': rounds.reduce((sum, round) => sum + round[name]!.errors, 0),
  }));
  console.log(`load: ${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections, loopback`);
  console.table(rows);
  // Load-independent: a store connection opened per post means the pool churns.
  console.log(`store sessions opened during the message runs: ${opened} for ${Math.round(posts)} posts`);
  console.log(`goals: triage >= 0.5x, messages >= 0.25x, p99 <= 10x bare; RSS after: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  bareServer.close();
  await service.close();
  await cluster.stop();
}
