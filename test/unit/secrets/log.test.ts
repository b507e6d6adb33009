// The service's logger writes no secret, whatever a caller hands it: an error
// whose message or stack quotes a connection string, a field holding a paste,
// a format argument, a JSON.parse error that quotes its input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAKE } from '../../support/fake-secrets.ts';
import { captureLogs } from '../../support/log-capture.ts';

const PW = FAKE.password(201);
const KEY = FAKE.stripeLive(202);

test('error messages, stacks, fields and format arguments are logged without the secret', () => {
  const logs = captureLogs();
  const error = Object.assign(new Error(`connect failed for postgresql://app:${PW}@db/app`), { code: 'ECONNREFUSED' });
  logs.logger.error({ err: error, detail: { paste: `STRIPE_SECRET_KEY=${KEY}` } }, 'request failed');
  logs.logger.warn('retrying %s', `postgresql://app:${PW}@db/app`);
  logs.logger.error(error);
  const written = logs.text();
  assert.ok(!written.includes(PW), written);
  assert.ok(!written.includes(KEY), written);
  assert.match(written, /ECONNREFUSED/);
  assert.match(written, /<redacted>/);
});

test("body-parser's parse error, which carries the raw body, is logged without the secret", () => {
  const logs = captureLogs();
  const raw = `{"text": "postgresql://app:${PW}@db/app`;
  let parseError: unknown;
  try {
    JSON.parse(raw);
  } catch (error) {
    // What express.json() passes on: the SyntaxError plus the body it read (body-parser lib/types/json.js).
    parseError = Object.assign(error as Error, { body: raw, type: 'entity.parse.failed', status: 400 });
  }
  logs.logger.error({ err: parseError, body: (parseError as { body: string }).body }, 'bad body');
  logs.logger.error(parseError);
  assert.ok(!logs.text().includes(PW), logs.text());
  assert.match(logs.text(), /entity\.parse\.failed|SyntaxError/);
});

test('a template in a log line stays readable: only live secrets are cut', () => {
  const logs = captureLogs();
  logs.logger.info('set DATABASE_URL=postgresql://user:<password>@host/db');
  assert.match(logs.text(), /user:<password>@host/);
});

test('fields named for a secret or a paste are masked whole, at the top of a record and one level down; other fields stay', () => {
  const logs = captureLogs();
  logs.logger.info(
    {
      text: 'ECONNREFUSED, as pasted',
      password: 'hunter2',
      request: { connectionString: 'host=db user=app', headers: 'kept', method: 'POST' },
      headers: { authorization: 'Bearer abc', host: 'localhost' },
      deeper: { one: { text: 'two levels down is read by the redactor, not masked' } },
      status: 200,
    },
    'request',
  );
  const [line] = logs.lines();
  assert.equal(line!.text, '<redacted>');
  assert.equal(line!.password, '<redacted>');
  assert.deepEqual(line!.request, { connectionString: '<redacted>', headers: 'kept', method: 'POST' });
  assert.deepEqual(line!.headers, { authorization: '<redacted>', host: 'localhost' });
  assert.deepEqual(line!.deeper, { one: { text: 'two levels down is read by the redactor, not masked' } });
  assert.equal(line!.status, 200);
  assert.equal(line!.msg, 'request');
});
