import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactDeep, redactSecrets } from '../../../src/secrets/redact.ts';

const LIVE = 'npg_Zx81qTfake';

const redacted: { title: string; text: string; secret: string }[] = [
  { title: 'a Neon URL password', text: `postgresql://neondb_owner:${LIVE}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require`, secret: LIVE },
  { title: 'a raw @ inside a URL password (libpq reads to the last @)', text: `postgres://app:p@ss${LIVE}@db.example.com:5432/app`, secret: `p@ss${LIVE}` },
  { title: 'a URL inside an error sentence', text: `Error: connect to postgres://u:${LIVE}@10.0.0.1/db failed`, secret: LIVE },
  { title: 'a keyword/value password', text: `host=db.example.com user=app password=${LIVE} dbname=app`, secret: LIVE },
  { title: 'a quoted keyword/value password with spaces', text: `host=db password='${LIVE} x' dbname=app`, secret: `${LIVE} x` },
  { title: 'a JDBC password parameter', text: `jdbc:postgresql://db:5432/app?user=app&password=${LIVE}&ssl=true`, secret: LIVE },
  { title: 'a JDBC password holding an unencoded &', text: `jdbc:postgresql://db/app?user=app&password=${LIVE}&x9&ssl=true`, secret: `${LIVE}&x9` },
  { title: 'a .env line', text: `PGPASSWORD=${LIVE}`, secret: LIVE },
  { title: 'a compose file setting', text: `  POSTGRES_PASSWORD: ${LIVE}`, secret: LIVE },
  { title: 'a JSON config', text: `{"host":"db","password":"${LIVE}","port":5432}`, secret: LIVE },
  { title: 'an OpenAI key', text: 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123', secret: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123' },
  {
    title: 'a password in the Rust Debug form Prisma engines print (prisma/orm#6480)',
    text: 'connection=Connection(Postgres(PostgresUrl { url: Url { scheme: "postgres", username: "postgres", password: Some("pAHBliveSecret7"), host: Some(Domain("db.example.supabase.co")), port: Some(6543) } }))',
    secret: 'pAHBliveSecret7',
  },
  { title: 'a Neon role password pasted on its own', text: 'my password is npg_Zx81qTliveSecret, is that right?', secret: 'npg_Zx81qTliveSecret' },
  { title: 'a Neon API key', text: 'curl -H "Authorization: Bearer napi_abcdefghijklmnopqrstuvwxyz0123456789"', secret: 'napi_abcdefghijklmnopqrstuvwxyz0123456789' },
];

for (const { title, text, secret } of redacted) {
  test(`redacts ${title} and flags it exposed`, () => {
    const result = redactSecrets(text);
    assert.ok(!result.text.includes(secret), result.text);
    assert.ok(result.text.includes('<redacted>'));
    assert.equal(result.secretExposed, true);
  });
}

test('keeps the rest of a connection string readable', () => {
  const result = redactSecrets(`postgresql://neondb_owner:${LIVE}@ep-x.neon.tech/neondb?sslmode=require`);
  assert.equal(result.text, 'postgresql://neondb_owner:<redacted>@ep-x.neon.tech/neondb?sslmode=require');
});

const untouched = [
  'FATAL:  password authentication failed for user "postgres"',
  'error: SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string',
  'postgresql://neondb_owner@ep-x.neon.tech/neondb',
  'connection to server at "localhost" (::1), port 5432 failed: Connection refused',
  'Error: P1000: Authentication failed against database server at `localhost`',
];
for (const text of untouched) {
  test(`leaves an error without a secret as it is: ${text.slice(0, 50)}`, () => {
    const result = redactSecrets(text);
    assert.equal(result.text, text);
    assert.equal(result.secretExposed, false);
  });
}

for (const placeholder of ['[YOUR-PASSWORD]', '****', '<password>', '${DB_PASSWORD}']) {
  test(`hides the placeholder ${placeholder} but does not call it exposed`, () => {
    const result = redactSecrets(`postgresql://user:${placeholder}@db.example.com/app`);
    assert.equal(result.secretExposed, false);
    assert.equal(result.findings.length, 1);
  });
}

// redactDeep is the last net over every answer: it must never skip a value that
// can still change, and it hands back clean values as they are instead of copying.
test('redactDeep: a clean value comes back as the same object; one with a live secret as a redacted copy', () => {
  const clean = { family: 'cannot_connect', steps: [{ id: 'verify_host', title: 'Check the host' }], at: new Date(0) };
  assert.equal(redactDeep(clean), clean);
  const dirty = { replies: [{ text: 'ok' }, { text: `postgres://app:${LIVE}@db.example.com/app` }] };
  const safe = redactDeep(dirty);
  assert.notEqual(safe, dirty);
  assert.equal(safe.replies[0], dirty.replies[0]);
  assert.doesNotMatch(JSON.stringify(safe), new RegExp(LIVE));
  assert.match(dirty.replies[1]!.text, new RegExp(LIVE), 'the input is left as it was');
});

test('redactDeep: a value that can still change is read again on every call', () => {
  const open = { steps: [{ fix: 'nothing here' }] };
  assert.equal(redactDeep(open), open);
  open.steps[0]!.fix = `PGPASSWORD=${LIVE}`;
  assert.doesNotMatch(JSON.stringify(redactDeep(open)), new RegExp(LIVE));
  // Frozen at the top only: its inner objects can still change.
  const shallow = Object.freeze({ steps: [{ fix: 'nothing here' }] });
  assert.equal(redactDeep(shallow), shallow);
  shallow.steps[0]!.fix = `PGPASSWORD=${LIVE}`;
  assert.doesNotMatch(JSON.stringify(redactDeep(shallow)), new RegExp(LIVE));
});

test('redactDeep: a deeply frozen value holding a live secret is redacted on every call, not remembered as clean', () => {
  const frozen = Object.freeze({ steps: Object.freeze([Object.freeze({ fix: `PGPASSWORD=${LIVE}` })]) });
  for (let call = 0; call < 2; call++) assert.doesNotMatch(JSON.stringify(redactDeep({ runbook: frozen })), new RegExp(LIVE));
});
