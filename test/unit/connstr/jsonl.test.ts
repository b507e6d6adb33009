import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditJsonlLine } from '../../../src/connstr/jsonl.ts';

test('answers a line with the same id and the audit', () => {
  const out = JSON.parse(auditJsonlLine(JSON.stringify({ id: 7, text: 'postgresql://u:s3cr3t-FAKE@h/db' })));
  assert.equal(out.id, 7);
  assert.equal(out.ok, true);
  assert.equal(out.libpq.password, '<redacted>');
});

test('answers a broken line without echoing it', () => {
  const out = auditJsonlLine('{"id": 1, "text": "postgresql://u:s3cr3t-FAKE@h/db"');
  assert.deepEqual(JSON.parse(out), { id: null, ok: false, error: { code: 'invalid_jsonl', message: 'the line is not JSON' } });
});

test('answers a line without text with its id', () => {
  assert.deepEqual(JSON.parse(auditJsonlLine('{"id": "a", "input": "x"}')), { id: 'a', ok: false, error: { code: 'invalid_jsonl', message: 'expected an object with a string "text"' } });
});
