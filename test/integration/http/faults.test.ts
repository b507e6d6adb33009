// Faults of the store under a running service, against real PostgreSQL
// (issue #12): frozen, stopped, restarted under load, a backend killed
// mid-transaction, an exhausted pool, two instances taking turns, and a
// shutdown with requests in flight. Nothing acknowledged is lost, nothing is
// stored twice, every request gets an answer within its bound.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { cookieClient, serviceForTests, startServiceOn } from '../../support/service.ts';

const TOO_MANY = 'FATAL: sorry, too many clients already';
// Small bounds so the faults show quickly: a checkout in 1.5 s, a statement in 1 s, any answer in 4 s.
const TIGHT = { POOL_CONNECT_TIMEOUT_MS: '1500', POOL_QUERY_TIMEOUT_MS: '1000', POOL_RETRY_ATTEMPTS: '2', REQUEST_TIMEOUT_MS: '4000' };
const ANSWER_BOUND_MS = 4000 + 1500;

let cluster: TestCluster;
before(async () => {
  cluster = await startCluster();
});
after(async () => {
  await cluster?.stop();
});

async function storedTexts(id: string): Promise<string[]> {
  const rows = await cluster.query<{ text: string }>("select body->>'text' as text from messages where conversation_id = $1 and role = 'user' order by seq", [id], 'postgres');
  return rows.map((row) => row.text);
}

async function userTypes(id: string): Promise<string[]> {
  const rows = await cluster.query<{ type: string }>("select body->>'type' as type from messages where conversation_id = $1 and role = 'user' order by seq", [id], 'postgres');
  return rows.map((row) => row.type);
}

/** The seqs, checked to run 1..n with no gap or repeat. */
async function contiguousSeqs(id: string): Promise<number[]> {
  const all = await seqs(id);
  assert.deepEqual(all, Array.from({ length: all.length }, (_, index) => index + 1));
  return all;
}

async function seqs(id: string): Promise<number[]> {
  return (await cluster.query<{ seq: number }>('select seq from messages where conversation_id = $1 order by seq', [id], 'postgres')).map((row) => row.seq);
}

/** The postmaster of the test cluster and every backend it forked (our own processes). */
function clusterProcesses(): number[] {
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

async function frozen<T>(run: () => Promise<T>): Promise<T> {
  const pids = clusterProcesses();
  // A backend may exit between listing and signalling (ESRCH): skip it, and
  // resume every stopped one whatever happens, or the rest of the file hangs.
  try {
    for (const pid of pids) signal(pid, 'SIGSTOP');
    return await run();
  } finally {
    for (const pid of pids) signal(pid, 'SIGCONT');
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Holds a lock on the conversation's row from outside the service, so its next write waits. */
async function lockConversation(id: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: cluster.url() });
  holder.on('error', () => {});
  await holder.connect();
  await holder.query('begin');
  await holder.query('select id from conversations where id = $1 for update', [id]);
  return holder;
}

async function waitForBlockedStoreBackend(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await cluster.query<{ pid: number }>("select pid from pg_stat_activity where application_name = 'pgtriage-store' and wait_event_type = 'Lock'", [], 'postgres');
    if (row) return row.pid;
    await sleep(25);
  }
  throw new Error('no store backend waited on the lock');
}

function withKey(key: string) {
  return { 'idempotency-key': key };
}

describe('idempotency', () => {
  const running = serviceForTests(() => cluster);

  test('a retry with the same Idempotency-Key gets the first answer and stores nothing twice, on either instance', async () => {
    const other = await startServiceOn(cluster);
    try {
      const client = cookieClient(running.service.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      const first = await client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY }, withKey('k-1'));
      const again = await client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY }, withKey('k-1'));
      const elsewhere = await cookieClient(other.url).request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY }, { ...withKey('k-1'), cookie: client.cookie });
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      for (const replay of [again, elsewhere]) {
        assert.equal(replay.status, 200);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(replay.json, first.json);
      }
      assert.deepEqual(await storedTexts(id), [TOO_MANY]);
      const reused = await client.request('POST', `/api/conversations/${id}/messages`, { text: 'ECONNREFUSED' }, withKey('k-1'));
      assert.equal(reused.status, 422);
      assert.equal(reused.json.code, 'PGT_ERR_IDEMPOTENCY_KEY_REUSED');
      assert.equal((await client.request('POST', `/api/conversations/${id}/messages`, { text: 'x' }, withKey('bad key'))).status, 400);
    } finally {
      await other.close();
    }
  });

  test('two posts with the same key at once store one exchange and answer both alike', async () => {
    const client = cookieClient(running.service.url);
    const { json: { id } } = await client.request('POST', '/api/conversations');
    const answers = await Promise.all(Array.from({ length: 4 }, () => client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY }, withKey('twin'))));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200, 200]);
    for (const answer of answers) assert.deepEqual(answer.json, answers[0]?.json);
    assert.deepEqual(await userTypes(id), ['user_text']);
    await contiguousSeqs(id);
  });
});

describe('store faults', () => {
  test('a frozen store (postmaster and backends stopped): 503 within the bound, triage, parse and the checklist still answer, and it recovers on its own', async () => {
    const service = await startServiceOn(cluster, TIGHT);
    try {
      const client = cookieClient(service.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      assert.equal((await client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY })).status, 200);
      await frozen(async () => {
        const [message, read, health, triage, parse, checklist] = await Promise.all([
          client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } }, { ...withKey('frozen-1') }, AbortSignal.timeout(ANSWER_BOUND_MS)),
          client.request('GET', `/api/conversations/${id}`, undefined, {}, AbortSignal.timeout(ANSWER_BOUND_MS)),
          client.request('GET', '/healthz', undefined, {}, AbortSignal.timeout(ANSWER_BOUND_MS)),
          client.request('POST', '/api/triage', { text: TOO_MANY }, {}, AbortSignal.timeout(ANSWER_BOUND_MS)),
          client.request('POST', '/api/parse', { text: 'postgresql://u@h/db' }, {}, AbortSignal.timeout(ANSWER_BOUND_MS)),
          client.request('POST', '/api/checklist', { description: 'Express on Neon with Stripe' }, {}, AbortSignal.timeout(ANSWER_BOUND_MS)),
        ]);
        for (const answer of [message, read]) {
          assert.equal(answer.status, 503, answer.text);
          assert.ok(['PGT_ERR_STORE_UNAVAILABLE', 'PGT_ERR_POOL_EXHAUSTED', 'PGT_ERR_REQUEST_TIMEOUT'].includes(answer.json.code), answer.text);
        }
        assert.equal(health.status, 503);
        assert.equal(triage.status, 200);
        assert.equal(triage.json.family, 'too_many_connections');
        assert.equal(parse.status, 200);
        assert.equal(checklist.status, 200, checklist.text);
        assert.ok(checklist.json.secrets.some((secret: { name: string }) => secret.name === 'DATABASE_URL'), checklist.text);
      });
      const recovered = await retryUntilAcknowledged(client, `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } }, 'frozen-1');
      assert.equal(recovered.status, 200);
      assert.deepEqual(await userTypes(id), ['user_text', 'user_answer']);
      await contiguousSeqs(id);
    } finally {
      await service.close();
    }
  });

  test('a frozen store never holds up a rate-limited write: the instance counts on its own and logs that it does', async () => {
    // A low limit sends every hit to the store at once (hits are batched only far from the limit).
    const service = await startServiceOn(cluster, { ...TIGHT, RATE_LIMIT_WRITES_PER_MINUTE: '4' });
    try {
      const client = cookieClient(service.url);
      await frozen(async () => {
        const triage = await client.request('POST', '/api/triage', { text: TOO_MANY }, {}, AbortSignal.timeout(ANSWER_BOUND_MS));
        assert.equal(triage.status, 200, triage.text);
      });
      const slow = service.logs.filter((line) => line.includes('"rate_limit_store_slow"'));
      assert.equal(slow.length, 1, service.logs.join(''));
      assert.match(slow[0]!, /"level":40/);
    } finally {
      await service.close();
    }
  });

  test('a stopped store: 503 for conversations, triage, parse and the checklist still answer; back by itself once the store is', async () => {
    const service = await startServiceOn(cluster, TIGHT);
    try {
      const client = cookieClient(service.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      await cluster.restart({
        whileDown: async () => {
          const refused = await client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY }, withKey('down-1'), AbortSignal.timeout(ANSWER_BOUND_MS));
          assert.equal(refused.status, 503);
          assert.equal((await client.request('POST', '/api/triage', { text: TOO_MANY })).status, 200);
          assert.equal((await client.request('POST', '/api/parse', { text: 'host=h dbname=d' })).status, 200);
          assert.equal((await client.request('POST', '/api/checklist', { description: 'Express on Neon' })).status, 200);
        },
      });
      assert.equal((await retryUntilAcknowledged(client, `/api/conversations/${id}/messages`, { text: TOO_MANY }, 'down-1')).status, 200);
      assert.deepEqual(await storedTexts(id), [TOO_MANY]);
    } finally {
      await service.close();
    }
  });

  test('a store restarted under load loses no acknowledged message and stores none twice', async (t) => {
    const service = await startServiceOn(cluster, { ...TIGHT, POOL_SIZE: '4' });
    try {
      const writers = 4;
      const perWriter = 12;
      const conversations = await Promise.all(Array.from({ length: writers }, async () => {
        const client = cookieClient(service.url);
        const { json: { id } } = await client.request('POST', '/api/conversations');
        return { client, id: id as string };
      }));
      let restartedAt = 0;
      let firstAfterRestart = 0;
      const load = Promise.all(conversations.map(async ({ client, id }, writer) => {
        for (let n = 0; n < perWriter; n++) {
          await retryUntilAcknowledged(client, `/api/conversations/${id}/messages`, { text: `ECONNREFUSED writer ${writer} message ${n}` }, `w${writer}-m${n}`);
          if (restartedAt > 0 && firstAfterRestart === 0) firstAfterRestart = performance.now();
          await sleep(20);
        }
      }));
      await sleep(300);
      await cluster.restart({ whileDown: () => sleep(500) });
      restartedAt = performance.now();
      await load;
      t.diagnostic(`first acknowledged message ${Math.round(Math.max(0, firstAfterRestart - restartedAt))} ms after the store was back`);
      for (const [writer, { id }] of conversations.entries()) {
        assert.deepEqual(await storedTexts(id), Array.from({ length: perWriter }, (_, n) => `ECONNREFUSED writer ${writer} message ${n}`));
        await contiguousSeqs(id);
      }
    } finally {
      await service.close();
    }
  });

  test('a backend killed mid-transaction leaves nothing half-written, and the retry goes through once', async () => {
    const service = await startServiceOn(cluster, TIGHT);
    try {
      const client = cookieClient(service.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      await client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY });
      const before = await contiguousSeqs(id);
      const holder = await lockConversation(id);
      try {
        const posting = client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } }, withKey('killed-1'));
        const pid = await waitForBlockedStoreBackend();
        await cluster.query('select pg_terminate_backend($1)', [pid], 'postgres');
        const answer = await posting;
        assert.equal(answer.status, 503, answer.text);
        assert.equal(answer.json.code, 'PGT_ERR_STORE_UNAVAILABLE');
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
      assert.deepEqual(await seqs(id), before);
      const [progress] = await cluster.query<{ answers: unknown[] }>('select answers from runbook_progress where conversation_id = $1', [id], 'postgres');
      assert.deepEqual(progress?.answers, []);
      assert.equal((await client.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } }, withKey('killed-1'))).status, 200);
      assert.deepEqual(await userTypes(id), ['user_text', 'user_answer']);
      await contiguousSeqs(id);
    } finally {
      await service.close();
    }
  });

  test('an exhausted store pool answers 503 PGT_ERR_POOL_EXHAUSTED, not 500', async () => {
    const service = await startServiceOn(cluster, { POOL_SIZE: '1', POOL_MAX_OVERFLOW: '0', POOL_CONNECT_TIMEOUT_MS: '500' });
    try {
      const client = cookieClient(service.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      const holder = await lockConversation(id);
      try {
        const blocked = client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY });
        await waitForBlockedStoreBackend();
        const refused = await client.request('GET', `/api/conversations/${id}`);
        assert.equal(refused.status, 503);
        assert.equal(refused.json.code, 'PGT_ERR_POOL_EXHAUSTED');
        await holder.query('rollback');
        assert.equal((await blocked).status, 200);
      } finally {
        await holder.end();
      }
    } finally {
      await service.close();
    }
  });
});

describe('instances and shutdown', () => {
  test('two instances on one store take turns on one conversation and the sequence holds', async () => {
    const [first, second] = await Promise.all([startServiceOn(cluster), startServiceOn(cluster)]);
    try {
      const client = cookieClient(first.url);
      const { json: { id } } = await client.request('POST', '/api/conversations');
      const turns = [
        { text: TOO_MANY },
        { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } },
        { text: TOO_MANY },
      ];
      const onSecond = cookieClient(second.url);
      for (const [index, body] of turns.entries()) {
        const answer = index % 2 === 0
          ? await client.request('POST', `/api/conversations/${id}/messages`, body)
          : await onSecond.request('POST', `/api/conversations/${id}/messages`, body, { cookie: client.cookie });
        assert.equal(answer.status, 200, answer.text);
      }
      const read = await onSecond.request('GET', `/api/conversations/${id}`, undefined, { cookie: client.cookie });
      assert.deepEqual(read.json.messages.filter((m: { role: string }) => m.role === 'user').map((m: { type: string }) => m.type), ['user_text', 'user_answer', 'user_text']);
      const shown = read.json.messages.map((m: { seq: number }) => m.seq);
      assert.deepEqual(shown, Array.from({ length: shown.length }, (_, index) => index + 1));
      assert.equal(read.json.state.index, 1);
      const interleaved = await Promise.all(Array.from({ length: 6 }, (_, n) =>
        (n % 2 === 0 ? client : onSecond).request('POST', `/api/conversations/${id}/messages`, { text: `ECONNREFUSED ${n}` }, { cookie: client.cookie })));
      assert.ok(interleaved.every((answer) => answer.status === 200));
      await contiguousSeqs(id);
      assert.equal((await userTypes(id)).length, 9);
    } finally {
      await first.close();
      await second.close();
    }
  });

  // Each instance answers a conversation it wrote last from what it wrote (one
  // round trip); here the other instance moves the runbook in between, so
  // that memory is stale and every answer must still come from the store.
  test('an instance whose memory of a conversation is stale answers from the store, with and without Idempotency-Key', async () => {
    const [first, second] = await Promise.all([startServiceOn(cluster), startServiceOn(cluster)]);
    try {
      for (const keyed of [false, true]) {
        const client = cookieClient(first.url);
        const onSecond = cookieClient(second.url);
        const { json: { id } } = await client.request('POST', '/api/conversations');
        let turn = 0;
        const post = (on: typeof client, body: unknown) =>
          on.request('POST', `/api/conversations/${id}/messages`, body, { cookie: client.cookie, ...(keyed ? withKey(`turn-${turn++}`) : {}) });
        const pasted = await post(client, { text: TOO_MANY });
        assert.equal(pasted.json.replies[1].step.id, 'reduce_pool_size');
        assert.equal((await post(onSecond, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } })).json.replies[0].index, 1);
        // The first instance last saw check 1: the same paste must show check 2, where the store stands.
        const again = await post(client, { text: TOO_MANY });
        assert.equal(again.status, 200, again.text);
        assert.equal(again.json.replies.at(-1).index, 1);
        assert.equal((await post(onSecond, { answer: { stepId: 'find_leaked_sessions', answer: 'ruled_out' } })).json.replies[0].index, 2);
        // An answer to check 3 is in turn at the store, though out of turn by the first instance's memory.
        const third = await post(client, { answer: { stepId: 'check_serverless_fanout', answer: 'ruled_out' } });
        assert.equal(third.status, 200, third.text);
        assert.equal(third.json.replies[0].index, 3);
        // An answer out of turn at the store is still refused, and nothing is written for it.
        const late = await post(client, { answer: { stepId: 'reduce_pool_size', answer: 'ruled_out' } });
        assert.equal(late.status, 409);
        assert.equal(late.json.code, 'PGT_ERR_ANSWER_OUT_OF_TURN');
        assert.deepEqual(await userTypes(id), ['user_text', 'user_answer', 'user_text', 'user_answer', 'user_answer']);
        await contiguousSeqs(id);
        if (keyed) {
          // A retry of the third turn's key on the instance that did not answer it gets the same answer.
          const retried = await onSecond.request('POST', `/api/conversations/${id}/messages`, { answer: { stepId: 'check_serverless_fanout', answer: 'ruled_out' } }, { cookie: client.cookie, ...withKey('turn-4') });
          assert.equal(retried.headers.get('idempotent-replayed'), 'true');
          assert.deepEqual(retried.json, third.json);
          assert.equal((await userTypes(id)).length, 5);
        }
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('shutdown drains a request in flight: it is answered and committed before the service stops', async () => {
    const service = await startServiceOn(cluster);
    const client = cookieClient(service.url);
    const { json: { id } } = await client.request('POST', '/api/conversations');
    const holder = await lockConversation(id);
    const inFlight = client.request('POST', `/api/conversations/${id}/messages`, { text: TOO_MANY });
    await waitForBlockedStoreBackend();
    const closing = service.close();
    await sleep(200);
    await assert.rejects(fetch(`${service.url}/healthz`), 'no new connection is accepted while draining');
    await holder.query('rollback');
    await holder.end();
    assert.equal((await inFlight).status, 200);
    await closing;
    assert.deepEqual(await storedTexts(id), [TOO_MANY]);
  });
});

/** What the page does: retry the same message with the same key until it is acknowledged (bounded). */
async function retryUntilAcknowledged(client: ReturnType<typeof cookieClient>, path: string, body: unknown, key: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const answer = await client.request('POST', path, body, withKey(key), AbortSignal.timeout(ANSWER_BOUND_MS));
      if (answer.status === 200) return answer;
      assert.equal(answer.status, 503, answer.text);
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError' && (error as Error).name !== 'TypeError') throw error;
    }
    await sleep(100);
  }
  throw new Error(`not acknowledged after 100 tries: ${key}`);
}
