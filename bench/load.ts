// Load benchmark: node --import tsx bench/load.ts [seconds-per-run]
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

const SECONDS = Number(process.argv[2] ?? 8);
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
  // A second of each to warm up, then bare measured first and last so drift on the shared machine shows.
  for (const name of ['bare', 'triage', 'messages']) await scenarios[name]!(1);
  const results: Record<string, Figures> = {};
  for (const name of ['bare', 'triage', 'messages']) results[name] = await scenarios[name]!();
  const bareAgain = await scenarios.bare!();
  const base = {
    requestsPerSecond: (results.bare!.requestsPerSecond + bareAgain.requestsPerSecond) / 2,
    p99Ms: Math.max(1, (results.bare!.p99Ms + bareAgain.p99Ms) / 2),
  };
  const rows = Object.entries({ ...results, 'bare (again)': bareAgain }).map(([name, figures]) => ({
    scenario: name,
    'req/s': Math.round(figures.requestsPerSecond),
    'x bare': Number((figures.requestsPerSecond / base.requestsPerSecond).toFixed(3)),
    'p50 ms': figures.p50Ms,
    'p99 ms': figures.p99Ms,
    'p99 x bare': Number((figures.p99Ms / base.p99Ms).toFixed(2)),
    'non-2xx/errors': figures.errors,
  }));
  console.log(`load: ${SECONDS} s per scenario, ${CONNECTIONS} connections, loopback`);
  console.table(rows);
  console.log(`goals: triage >= 0.5x, messages >= 0.25x, p99 <= 10x bare; RSS after: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  bareServer.close();
  await service.close();
  await cluster.stop();
}
