// Time to the deterministic answer (POST a pasted error, read the replies)
// with a model configured that never answers, against the same request with
// no model, interleaved in one run on one store. Goal: a ratio of 1.0 within
// noise: the answer never waits for the model.
import { startCluster } from '../test/support/cluster.ts';
import { startFakeOpenAI } from '../test/support/openai-server.ts';
import { cookieClient, startTestService, type TestService } from '../test/support/service.ts';

const ROUNDS = 40;
const WARMUP = 5;
const ERROR = 'error: password authentication failed for user "neondb_owner"';

const cluster = await startCluster();
const fake = await startFakeOpenAI(() => ({ kind: 'hang' }));
const base = { STORE_URL: cluster.url(), DATABASE_URL: cluster.url(), LOG_LEVEL: 'warn' };
// A short deadline keeps the calls in flight under the phraser's limit (8), so every request starts a model call that hangs.
const hanging = await startTestService({ ...base, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-bench-fake-key-00000000', OPENAI_TIMEOUT_MS: '1000' });
const none = await startTestService(base);

async function answerMs(service: TestService): Promise<number> {
  const client = cookieClient(service.url);
  const { json: { id } } = await client.request('POST', '/api/conversations');
  const started = performance.now();
  const posted = await client.request('POST', `/api/conversations/${id}/messages`, { text: ERROR });
  const ms = performance.now() - started;
  if (posted.json?.replies?.[0]?.family !== 'auth_failed') throw new Error(`unexpected answer: ${posted.text.slice(0, 200)}`);
  return ms;
}

const times = { hanging: [] as number[], none: [] as number[] };
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // Alternate which goes first so drift in the machine's load falls on both.
  const order = round % 2 === 0 ? (['hanging', 'none'] as const) : (['none', 'hanging'] as const);
  for (const which of order) {
    const ms = await answerMs(which === 'hanging' ? hanging : none);
    if (round >= WARMUP) times[which].push(ms);
  }
}
const modelRequests = fake.requests.length;

await hanging.close();
await none.close();
await fake.close();
await cluster.stop();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const row = (name: string, values: number[]) =>
  console.log(`${name.padEnd(40)} median ${quantile(values, 0.5).toFixed(1).padStart(6)} ms  p90 ${quantile(values, 0.9).toFixed(1).padStart(6)} ms`);
console.log(`time to the deterministic answer, ${ROUNDS} requests each, interleaved (after ${WARMUP} warm-up rounds)`);
row('no model (baseline)', times.none);
row('model configured, never answering', times.hanging);
console.log(`ratio hanging / none: median ${(quantile(times.hanging, 0.5) / quantile(times.none, 0.5)).toFixed(2)}x, p90 ${(quantile(times.hanging, 0.9) / quantile(times.none, 0.9)).toFixed(2)}x`);
console.log(`model requests made and left hanging: ${modelRequests} of ${WARMUP + ROUNDS} (the rest were over the in-flight limit: offline at once)`);
