// Secret-bearing pastes through every way in (the chat, /api/triage,
// /api/parse, /api/checklist, a malformed JSON body), then every way out is
// searched for each secret: the responses, the conversation read back, the
// service's log output, /metrics, and a dump of every table of the store
// (real embedded PostgreSQL) with the server's own log. Each must hold 0.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FAKE } from '../../support/fake-secrets.ts';
import { cookieClient, serviceOnOwnCluster } from '../../support/service.ts';

const PW = FAKE.password(101);
const NPG = FAKE.neonPassword(102);
const PGPASS = FAKE.password(103);
const AWS_SECRET = FAKE.awsSecret(104);
const STRIPE = FAKE.stripeLive(105);
const OPENAI = FAKE.openai(106);
const KEY = FAKE.privateKey(107);
const KEY_BODY = KEY.split('\n')[1] as string;
const SQL_PW = FAKE.password(108);
const SECRETS = [PW, NPG, PGPASS, AWS_SECRET, STRIPE, OPENAI, KEY_BODY, SQL_PW, FAKE.awsKeyId(109)];

const PASTES = [
  `psql "postgresql://neondb_owner:${NPG}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb"\npsql: error: FATAL:  password authentication failed for user "neondb_owner"`,
  `my .pgpass: db.example.com:5432:app:app:${PGPASS}\nand I still get fe_sendauth: no password supplied`,
  `AWS_ACCESS_KEY_ID=${FAKE.awsKeyId(109)}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nError: connect ECONNREFUSED 127.0.0.1:5432`,
  `STRIPE_SECRET_KEY=${STRIPE}\nOPENAI_API_KEY=${OPENAI}\nDATABASE_URL=postgresql://app:${PW}@db.example.com/app`,
  `${KEY}\nError: self-signed certificate in certificate chain`,
  `\u001b[36mpostgresql://app:${PW}@db.example.com:5432/app\u001b[0m\nError: getaddrinfo ENOTFOUND db.example.com`,
  JSON.stringify({ level: 50, msg: `ALTER ROLE app WITH PASSWORD '${SQL_PW}'`, err: 'permission denied to alter role' }),
];

const running = serviceOnOwnCluster();

function leaked(where: string, text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret}`);
}

test('no pasted secret comes back from any response, the conversation, the logs, the metrics or the store', async () => {
  const client = cookieClient(running.service.url);
  const found: string[] = [];
  const { json: { id } } = await client.request('POST', '/api/conversations');
  for (const text of PASTES) {
    const chat = await client.request('POST', `/api/conversations/${id}/messages`, { text });
    assert.equal(chat.status, 200, chat.text);
    assert.ok(chat.json.replies.some((reply: { type: string }) => reply.type === 'secret_warning'), `no rotation warning for: ${text.slice(0, 60)}`);
    found.push(...leaked('chat reply', chat.text));
    for (const path of ['/api/triage', '/api/parse']) {
      const answer = await client.request('POST', path, { text });
      assert.equal(answer.status, 200, answer.text);
      found.push(...leaked(path, answer.text));
    }
    const checklist = await client.request('POST', '/api/checklist', { description: 'FastAPI on Neon', env: text });
    assert.equal(checklist.status, 200, checklist.text);
    found.push(...leaked('/api/checklist', checklist.text));
    const triage = await client.request('POST', '/api/triage', { text });
    assert.equal(triage.json.secretExposed, true, `triage missed a secret in: ${text.slice(0, 60)}`);
  }
  // A malformed body that quotes a secret: a coded 400 that does not echo it.
  const broken = await client.request('POST', '/api/triage', `{"text": "postgresql://app:${PW}@db/app`);
  assert.equal(broken.status, 400);
  assert.equal(broken.json.code, 'PGT_ERR_BAD_JSON');
  found.push(...leaked('malformed body answer', broken.text));

  const read = await client.request('GET', `/api/conversations/${id}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.messages.filter((m: { type: string }) => m.type === 'user_text').length, PASTES.length);
  found.push(...leaked('conversation read back', read.text));

  const metrics = await client.request('GET', '/metrics');
  found.push(...leaked('metrics', metrics.text));
  found.push(...leaked('service log', running.service.logs.join('')));

  const tables = await running.cluster.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  assert.ok(tables.some((t) => t.table_name === 'messages'), JSON.stringify(tables));
  for (const { table_name: table } of tables) {
    const rows = await running.cluster.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, '""')}" t`);
    found.push(...leaked(`store table ${table}`, rows.map((r) => r.row).join('\n')));
  }
  found.push(...leaked('PostgreSQL server log', running.cluster.logs.join('')));
  assert.deepEqual(found, []);
});
