// The servers bench/load.ts drives, in a process of their own so that the
// load generator never shares their event loop and their CPU time can be read
// apart: the real service on the store at STORE_URL, and a bare Express route.
// Asked 'usage', it answers this process's CPU time in microseconds and its
// RSS; asked 'stop', it closes both and exits.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { createLogger, startService } from '../src/server.ts';

const storeUrl = process.env.STORE_URL;
if (storeUrl === undefined || process.send === undefined) throw new Error('bench/load-servers.ts is started by bench/load.ts');

const config = loadConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  STORE_URL: storeUrl,
  DATABASE_URL: storeUrl,
  LOG_LEVEL: 'info',
  // The limiter runs (and counts in the store) but never refuses the benchmark's one client.
  RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
});
// The request log is written by the service's own logger (its redaction hooks
// included), as in production, to a destination that costs no disk.
const service = await startService({ config, logger: createLogger(config, pino.destination('/dev/null')) });

const bare = express();
bare.post('/bare', express.json(), (req, res) => {
  res.json({ text: (req.body as { text?: string }).text?.length ?? 0 });
});
const bareServer = bare.listen(0, '127.0.0.1');
await new Promise((resolve) => bareServer.once('listening', resolve));

process.on('message', async (message: string) => {
  if (message === 'usage') {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system, rssBytes: process.memoryUsage().rss });
  } else if (message === 'stop') {
    bareServer.close();
    await service.close();
    process.exit(0);
  }
});
process.send({ service: service.url, bare: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}` });
