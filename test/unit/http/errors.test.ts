// The README's error table and the catalogue in code stay in step (as fastify
// keeps its error codes and docs), and each code is a class the HTTP layer
// maps by instanceof.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CATALOGUE, errors, PgtError, type ErrorCode } from '../../../src/errors.ts';
import { errorBody, toPgtError } from '../../../src/http/errors.ts';
import { PoolExhaustedError } from '../../../src/db/pool.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const CODES = Object.keys(CATALOGUE) as ErrorCode[];

test('every error code is documented in the README with its status, and nothing more', () => {
  const documented = [...README.matchAll(/^\| `(PGT_ERR_\w+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]);
  const catalogued = Object.entries(CATALOGUE).map(([code, { statusCode }]) => [code, statusCode]);
  assert.deepEqual(documented.sort(), catalogued.sort());
});

test('each code is its own class, distinct from every other code', () => {
  for (const code of CODES) {
    const error = new errors[code]();
    assert.ok(error instanceof PgtError);
    assert.ok(error instanceof errors[code]);
    assert.equal(error.code, code);
    assert.equal(error.constructor.name, code);
    for (const other of CODES.filter((each) => each !== code)) assert.ok(!(error instanceof errors[other]), `${code} is not ${other}`);
  }
});

test('an error body has the contract fields first and the fix', () => {
  for (const code of CODES) {
    const body = errorBody(new errors[code]());
    assert.deepEqual(Object.keys(body).slice(0, 5), ['error', 'code', 'message', 'statusCode', 'fix']);
    assert.equal(body.code, code);
    assert.equal(body.statusCode, CATALOGUE[code].statusCode);
    assert.equal(body.fix, CATALOGUE[code].fix);
    assert.notEqual(body.error, 'Error', `${code} has a standard reason phrase`);
  }
});

test('the message template is filled from the details, which travel in the body', () => {
  const exhausted = new PoolExhaustedError({ pool: 'store', waitedMs: 120, max: 8, cause: new Error('timeout exceeded when trying to connect') });
  assert.ok(exhausted instanceof errors.PGT_ERR_POOL_EXHAUSTED);
  const body = errorBody(toPgtError(exhausted));
  assert.equal(body.statusCode, 503);
  assert.equal(body.message, 'pool "store" exhausted: no connection became free after waiting 120 ms (all 8 in use)');
  assert.equal(body.waitedMs, 120);
});

test('anything that is not a catalogue error is a 500 that says nothing of its cause', () => {
  const body = errorBody(toPgtError(Object.assign(new Error('relation "x" does not exist at secret-host'), { code: '42P01' })));
  assert.equal(body.code, 'PGT_ERR_INTERNAL');
  assert.equal(body.statusCode, 500);
  assert.doesNotMatch(JSON.stringify(body), /secret-host|42P01/);
});
