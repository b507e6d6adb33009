// Time to the deterministic answer (POST a pasted error, read the replies)
// with a model configured that never answers, against the same request with
// no model, interleaved in one run on one store. Goal: a ratio of 1.0 within
// noise: the answer never waits for the model.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startCluster } from '../test/support/cluster.ts';
import { cookieClient, startTestService, type TestService } from '../test/support/service.ts';

const ROUNDS = 40;
const WARMUP = 5;
const ERROR = 'error: password authentication failed for user "neondb_owner"';

const cluster = await startCluster();
// The model server runs in its own process, as a remote one would: its work
// does not land on the service's event loop. It answers nothing, ever.
const FAKE = "import('./test/support/openai-server.ts').then(async ({ startFakeOpenAI }) => { const fake = await startFakeOpenAI(() => ({ kind: 'hang' })); console.log(fake.url); process.on('SIGTERM', () => { console.error(fake.requests.length); fake.close().then(() => process.exit(0)); }); })";
const fakeProcess = spawn(process.execPath, ['--import', 'tsx', '-e', FAKE], { stdio: ['ignore', 'pipe', 'pipe'] });
const [fakeUrlLine] = (await once(fakeProcess.stdout, 'data')) as [Buffer];
const fake = { url: String(fakeUrlLine).trim() };
const base = { STORE_URL: cluster.url(), DATABASE_URL: cluster.url(), LOG_LEVEL: 'warn' };
const model = { ...base, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-bench-fake-key-00000000' };
// The default deadline (15 s): the first 8 calls hang through the run, later ones are over the in-flight limit (offline at once).
const hanging = await startTestService(model);
// A 1 s deadline: every request starts a call that hangs, and their time-outs (offline phrasing stored) land during the run.
const timingOut = await startTestService({ ...model, OPENAI_TIMEOUT_MS: '1000' });
const none = await startTestService(base);
const services = { none, hanging, timingOut };

async function answerMs(service: TestService): Promise<number> {
  const client = cookieClient(service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const started = performance.now();
  const posted = await client.request('POST', `/api/conversations/${id}/messages`, { text: ERROR });
  const ms = performance.now() - started;
  if (posted.json?.replies?.[0]?.family !== 'auth_failed') throw new Error(`unexpected answer: ${posted.text.slice(0, 200)}`);
  return ms;
}

const times = { none: [] as number[], hanging: [] as number[], timingOut: [] as number[] };
const names = Object.keys(services) as (keyof typeof services)[];
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // Rotate which goes first so drift in the machine's load falls on all.
  const order = names.map((_, i) => names[(i + round) % names.length] as keyof typeof services);
  for (const which of order) {
    const ms = await answerMs(services[which]);
    if (round >= WARMUP) times[which].push(ms);
  }
}
for (const service of Object.values(services)) await service.close();
let modelRequests = '';
fakeProcess.stderr.on('data', (chunk) => (modelRequests += chunk));
fakeProcess.kill('SIGTERM');
await once(fakeProcess, 'exit');
await cluster.stop();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const row = (name: string, values: number[]) =>
  console.log(`${name.padEnd(40)} median ${quantile(values, 0.5).toFixed(1).padStart(6)} ms  p90 ${quantile(values, 0.9).toFixed(1).padStart(6)} ms`);
console.log(`time to the deterministic answer, ${ROUNDS} requests each, interleaved (after ${WARMUP} warm-up rounds)`);
row('no model (baseline)', times.none);
row('model never answering, 15 s deadline', times.hanging);
row('model never answering, 1 s deadline', times.timingOut);
for (const which of ['hanging', 'timingOut'] as const) {
  console.log(`ratio ${which} / none: median ${(quantile(times[which], 0.5) / quantile(times.none, 0.5)).toFixed(2)}x, p90 ${(quantile(times[which], 0.9) / quantile(times.none, 0.9)).toFixed(2)}x`);
}
console.log(`model requests made and left hanging: ${modelRequests.trim()} (the 15 s service holds at most 8 at once; the 1 s one makes one per request)`);
