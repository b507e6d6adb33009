// The store's named statements: prepared once per connection on a real
// PostgreSQL, and, through a real transaction-mode PgBouncer 1.18 (no
// protocol-level prepared statements), dropped for unnamed ones without a
// failed or doubled statement.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { pino } from 'pino';
import { DEFAULT_POOL_SETTINGS } from '../../../src/db/pool.ts';
import { preparedStatements } from '../../../src/db/prepared.ts';
import { openConversationStore } from '../../../src/store/conversation-store.ts';
import { startCluster, type TestCluster } from '../../support/cluster.ts';
import { startPgbouncer, type TestPgbouncer } from '../../support/pgbouncer.ts';

let cluster: TestCluster;
let bouncer: TestPgbouncer;
before(async () => {
  cluster = await startCluster();
  bouncer = await startPgbouncer(cluster, { poolMode: 'transaction', poolSize: 1 });
});
after(async () => {
  await bouncer?.stop();
  await cluster?.stop();
});

function recordingLogger() {
  const warnings: Record<string, unknown>[] = [];
  return { warnings, logger: { warn: (fields: Record<string, unknown>) => void warnings.push(fields) } };
}

const bouncerUrl = () => `postgresql://${cluster.user}@${bouncer.host}:${bouncer.port}/postgres`;

test('on PostgreSQL itself a statement is prepared once on its connection and reused', async () => {
  const pool = new pg.Pool({ connectionString: cluster.url(), max: 1 });
  try {
    const { warnings, logger } = recordingLogger();
    const prepared = preparedStatements(pool, logger);
    for (let call = 1; call <= 3; call++) {
      assert.deepEqual((await prepared.query('add', 'select $1::int + 1 as n', [call])).rows, [{ n: call + 1 }]);
    }
    const { rows } = await pool.query("select name from pg_prepared_statements where name like 'pgtriage_add_%'");
    assert.equal(rows.length, 1, 'one prepared statement on the one connection');
    assert.equal(prepared.named, true);
    assert.deepEqual(warnings, []);
  } finally {
    await pool.end();
  }
});

test('an error that is not about a lost statement is thrown as it is, and statements stay named', async () => {
  const pool = new pg.Pool({ connectionString: cluster.url(), max: 1 });
  try {
    const prepared = preparedStatements(pool, recordingLogger().logger);
    await assert.rejects(prepared.query('divide', 'select 1 / $1::int as n', [0]), { code: '22012' });
    assert.equal(prepared.named, true);
  } finally {
    await pool.end();
  }
});

test('through a transaction-mode PgBouncer 1.18 a lost statement is sent again unnamed, once, and naming stops', async () => {
  // Two clients share PgBouncer's one server connection: the second client's Parse
  // of the same name meets the first client's statement there (42P05).
  const pool = new pg.Pool({ connectionString: bouncerUrl(), max: 2 });
  try {
    const { warnings, logger } = recordingLogger();
    const prepared = preparedStatements(pool, logger);
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => prepared.query('add', 'select $1::int + 1 as n', [index])));
    assert.deepEqual(results.map((result) => result.rows[0]?.n), Array.from({ length: 20 }, (_, index) => index + 1));
    assert.equal(prepared.named, false);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0]?.event, 'store_prepared_statements_off');
    assert.ok(['26000', '42P05'].includes(String(warnings[0]?.code)), String(warnings[0]?.code));
  } finally {
    await pool.end();
  }
});

test('the store through a transaction-mode PgBouncer 1.18: concurrent posts all recorded once, in order', async () => {
  const warnings: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  const store = await openConversationStore({ pool: { ...DEFAULT_POOL_SETTINGS, poolSize: 3, name: 'store', connectionString: bouncerUrl() }, logger });
  try {
    const conversation = await store.createConversation('owner-p');
    const posts = 30;
    await Promise.all(
      Array.from({ length: posts }, async (_, index) => {
        await store.openForPost(conversation.id, 'owner-p', null);
        await store.recordExchange(conversation.id, [{ role: 'user', body: { text: `post ${index}` } }, { role: 'assistant', body: { text: `reply ${index}` } }], { kind: 'keep' });
      }),
    );
    const messages = await store.listMessages(conversation.id);
    assert.equal(messages.length, posts * 2);
    assert.deepEqual(messages.map((message) => message.seq), Array.from({ length: posts * 2 }, (_, index) => index + 1));
    assert.equal(new Set(messages.map((message) => message.body.text)).size, posts * 2, 'no post recorded twice');
    assert.ok(warnings.some((line) => line.event === 'store_prepared_statements_off'), JSON.stringify(warnings));
  } finally {
    await store.close();
  }
});
