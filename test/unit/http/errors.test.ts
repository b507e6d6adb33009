// The README's error table and the catalogue in code stay in step (as fastify
// keeps its error codes and docs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errorBody, HTTP_ERRORS, HttpError, type HttpErrorCode } from '../../../src/http/errors.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('every error code is documented in the README with its status, and nothing more', () => {
  const documented = [...README.matchAll(/^\| `(PGT_ERR_\w+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]);
  const catalogued = Object.entries(HTTP_ERRORS).map(([code, { statusCode }]) => [code, statusCode]);
  assert.deepEqual(documented.sort(), catalogued.sort());
});

test('an error body has the contract fields first and the fix', () => {
  for (const code of Object.keys(HTTP_ERRORS) as HttpErrorCode[]) {
    const body = errorBody(new HttpError({ code }));
    assert.deepEqual(Object.keys(body).slice(0, 5), ['error', 'code', 'message', 'statusCode', 'fix']);
    assert.equal(body.code, code);
    assert.equal(body.statusCode, HTTP_ERRORS[code].statusCode);
  }
});
