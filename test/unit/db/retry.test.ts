import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelayMs, isRetryableConnectError, isStoreUnavailable, retry, type RetryPolicy } from '../../../src/db/retry.ts';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isRetryableConnectError', () => {
  const retryable: Array<[string, unknown]> = [
    ['refused while the server restarts (node errno)', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset by a proxy (node errno)', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a temporary DNS failure', withCode('EAI_AGAIN', 'getaddrinfo EAI_AGAIN db.example')],
    ['admin_shutdown 57P01, also Neon suspending a compute', withCode('57P01', 'terminating connection due to administrator command')],
    ['cannot_connect_now 57P03', withCode('57P03', 'the database system is starting up')],
    ['node-postgres socket closed without a server message', new Error('Connection terminated unexpectedly')],
    ['pg-pool connect timeout, with the socket error as cause', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['Neon proxy while a compute wakes', new Error("Couldn't connect to compute node")],
    ['a retryable errno found under cause', new Error('wrapped', { cause: withCode('ECONNREFUSED') })],
  ];
  for (const [name, error] of retryable) {
    test(`retries ${name}`, () => assert.equal(isRetryableConnectError(error), true));
  }

  const permanent: Array<[string, unknown]> = [
    ['a wrong password 28P01', withCode('28P01', 'password authentication failed for user "app"')],
    ['a missing database 3D000', withCode('3D000', 'database "nope" does not exist')],
    ['too many connections 53300 (a sizing problem, not a blip)', withCode('53300', 'sorry, too many clients already')],
    ['an unknown host', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid')],
    ['a full pool (pg-pool queue timeout)', new Error('timeout exceeded when trying to connect')],
    ['a syntax error', withCode('42601', 'syntax error at or near "selec"')],
    ['a non-error value', 'ECONNRESET'],
    ['undefined', undefined],
  ];
  for (const [name, error] of permanent) {
    test(`does not retry ${name}`, () => assert.equal(isRetryableConnectError(error), false));
  }
});

describe('isStoreUnavailable', () => {
  const unavailable: Array<[string, unknown]> = [
    ['every retryable connect failure, e.g. a reset', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a broken pipe', withCode('EPIPE', 'write EPIPE')],
    ['crash_shutdown 57P02', withCode('57P02', 'terminating connection because of crash of another server process')],
    ['connection_failure 08006', withCode('08006', 'connection failure')],
    ['unable to establish 08001', withCode('08001', 'could not connect')],
    ['too many connections 53300', withCode('53300', 'sorry, too many clients already')],
    ['statement_timeout 57014', withCode('57014', 'canceling statement due to statement timeout')],
    ['node-postgres query_timeout', new Error('Query read timeout')],
    ['a query on a connection that failed', new Error('Client has encountered a connection error and is not queryable')],
    ['TypeORM QueryFailedError keeping the driver error', Object.assign(new Error('x'), { driverError: withCode('57P01') })],
  ];
  for (const [name, error] of unavailable) {
    test(`names ${name} as the store being unavailable`, () => assert.equal(isStoreUnavailable(error), true));
  }
  const bugs: Array<[string, unknown]> = [
    ['a missing table 42P01', withCode('42P01', 'relation "messages" does not exist')],
    ['a unique violation 23505', withCode('23505', 'duplicate key value violates unique constraint')],
    ['untranslatable character 22P05', withCode('22P05', 'unsupported Unicode escape sequence')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ];
  for (const [name, error] of bugs) {
    test(`does not call ${name} an outage`, () => assert.equal(isStoreUnavailable(error), false));
  }
});

describe('backoffDelayMs', () => {
  const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };

  test('the ceiling doubles per attempt from the base delay', () => {
    const justBelowOne = () => 0.999999;
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, policy, justBelowOne)), [99, 199, 399, 799]);
  });

  test('no wait exceeds maxDelayMs, however many attempts', () => {
    assert.equal(backoffDelayMs(5, policy, () => 0.999999), 999);
    assert.equal(backoffDelayMs(60, policy, () => 0.999999), 999);
  });

  test('full jitter: a wait can be anything from zero up to the ceiling', () => {
    assert.equal(backoffDelayMs(3, policy, () => 0), 0);
    assert.equal(backoffDelayMs(3, policy, () => 0.5), 200);
  });
});

describe('retry', () => {
  const fast: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  test('repeats a retryable failure until the operation succeeds', async () => {
    const seen: number[] = [];
    const result = await retry(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw withCode('ECONNREFUSED');
      return 'ok';
    }, fast);
    assert.equal(result, 'ok');
    assert.deepEqual(seen, [1, 2, 3]);
  });

  test('gives up after maxAttempts and throws the last error as it was', async () => {
    let calls = 0;
    const last = withCode('57P03', 'the database system is starting up');
    await assert.rejects(retry(async () => {
      calls++;
      throw last;
    }, fast), (error) => error === last);
    assert.equal(calls, 3);
  });

  test('throws a permanent failure at once', async () => {
    let calls = 0;
    await assert.rejects(retry(async () => {
      calls++;
      throw withCode('28P01');
    }, fast), { code: '28P01' });
    assert.equal(calls, 1);
  });

  test('tells onRetry about each retry with its attempt and wait', async () => {
    const told: Array<{ attempt: number; delayMs: number }> = [];
    await assert.rejects(retry(async () => {
      throw withCode('ECONNRESET');
    }, { maxAttempts: 3, baseDelayMs: 4, maxDelayMs: 100 }, {
      random: () => 0.5,
      onRetry: ({ attempt, delayMs }) => told.push({ attempt, delayMs }),
    }));
    assert.deepEqual(told, [{ attempt: 1, delayMs: 2 }, { attempt: 2, delayMs: 4 }]);
  });

  test('a caller may widen what is retryable for work it knows is idempotent', async () => {
    let calls = 0;
    const result = await retry(async () => {
      if (++calls === 1) throw withCode('40001', 'could not serialize access');
      return calls;
    }, fast, { isRetryable: (error) => (error as { code?: string }).code === '40001' });
    assert.equal(result, 2);
  });
});
