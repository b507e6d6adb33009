import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '../../src/errors.ts';
import { MAX_TEXT_CHARS, MessageBody, parseBody, storableText, TextBody, TextRecord } from '../../src/schemas.ts';

function refusal(run: () => unknown): { code: string; statusCode: number; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; statusCode: number; message: string };
  }
  assert.fail('expected a refusal');
}

test('a text body reads the text; a wrong shape is the caller\'s code with the field named', () => {
  assert.deepEqual(parseBody(TextBody, { text: 'ECONNREFUSED' }, 'PGT_ERR_BAD_REQUEST'), { text: 'ECONNREFUSED' });
  for (const [body, message] of [[{}, /"text" must be a string/], [{ text: '  ' }, /must not be empty/], [{ text: 42 }, /must be a string/], [null, /JSON object/], [[1], /JSON object/]] as const) {
    const error = refusal(() => parseBody(TextBody, body, 'PGT_ERR_BAD_REQUEST'));
    assert.equal(error.code, 'PGT_ERR_BAD_REQUEST');
    assert.match(error.message, message);
  }
});

test('text over the limit is 413 PGT_ERR_TOO_LARGE, on every body that carries text', () => {
  const long = 'x'.repeat(MAX_TEXT_CHARS + 1);
  for (const [schema, code] of [[TextBody, 'PGT_ERR_BAD_REQUEST'], [TextRecord, 'PGT_ERR_BAD_REQUEST'], [MessageBody, 'PGT_ERR_BAD_MESSAGE']] as const) {
    const error = refusal(() => parseBody(schema, { text: long }, code));
    assert.ok(error instanceof errors.PGT_ERR_TOO_LARGE);
    assert.equal(error.statusCode, 413);
  }
  assert.equal(parseBody(TextBody, { text: 'x'.repeat(MAX_TEXT_CHARS) }, 'PGT_ERR_BAD_REQUEST').text.length, MAX_TEXT_CHARS);
});

test('NUL and lone surrogates, which PostgreSQL cannot store, become U+FFFD; pairs are kept', () => {
  assert.equal(storableText('a\u0000b'), 'a\uFFFDb');
  assert.equal(storableText('x\ud83d'), 'x\uFFFD');
  assert.equal(storableText('\ude00y'), '\uFFFDy');
  assert.equal(storableText('ok \ud83d\ude00'), 'ok \ud83d\ude00');
  assert.deepEqual(parseBody(MessageBody, { text: 'ECONNREFUSED \u0000' }, 'PGT_ERR_BAD_MESSAGE'), { text: 'ECONNREFUSED \uFFFD' });
});

test('a message is exactly one of text, answer and switch', () => {
  assert.deepEqual(parseBody(MessageBody, { answer: { stepId: 's', answer: 'ruled_out' } }, 'PGT_ERR_BAD_MESSAGE'), { answer: { stepId: 's', answer: 'ruled_out' } });
  assert.deepEqual(parseBody(MessageBody, { switch: 'decline' }, 'PGT_ERR_BAD_MESSAGE'), { switch: 'decline' });
  for (const body of [{}, { text: 'a', switch: 'accept' }, { switch: 'maybe' }, { answer: { stepId: 's', answer: 'maybe' } }, { answer: 'x' }]) {
    assert.equal(refusal(() => parseBody(MessageBody, body, 'PGT_ERR_BAD_MESSAGE')).code, 'PGT_ERR_BAD_MESSAGE', JSON.stringify(body));
  }
});

test('a JSONL record keeps its id beside the text', () => {
  assert.deepEqual(parseBody(TextRecord, { id: 7, text: 'x' }, 'PGT_ERR_BAD_REQUEST'), { id: 7, text: 'x' });
});

test('a checklist message reads the three pastes (unstorable characters replaced); a tick reads its item and a boolean', () => {
  assert.deepEqual(parseBody(MessageBody, { checklist: { description: 'Next.js \u0000on Neon', env: 'DATABASE_URL=' } }, 'PGT_ERR_BAD_MESSAGE'), {
    checklist: { description: 'Next.js \uFFFDon Neon', env: 'DATABASE_URL=' },
  });
  assert.deepEqual(parseBody(MessageBody, { tick: { itemId: 'DATABASE_URL:rotated', done: false } }, 'PGT_ERR_BAD_MESSAGE'), { tick: { itemId: 'DATABASE_URL:rotated', done: false } });
  for (const [body, message] of [
    [{ checklist: {} }, /needs a "description"/],
    [{ checklist: { description: '   ', gitignore: '.env' } }, /needs a "description"/],
    [{ checklist: { description: 3 } }, /"checklist.description" must be a string/],
    [{ checklist: 'FastAPI' }, /"checklist" must be/],
    [{ tick: { itemId: '', done: true } }, /must not be empty/],
    [{ tick: { itemId: 'a', done: 1 } }, /"tick.done" must be true or false/],
    [{ tick: { done: true } }, /"tick.itemId" must be a string/],
  ] as const) {
    const error = refusal(() => parseBody(MessageBody, body, 'PGT_ERR_BAD_MESSAGE'));
    assert.equal(error.code, 'PGT_ERR_BAD_MESSAGE', JSON.stringify(body));
    assert.match(error.message, message);
  }
  assert.equal(refusal(() => parseBody(MessageBody, { checklist: { env: 'x'.repeat(MAX_TEXT_CHARS + 1) } }, 'PGT_ERR_BAD_MESSAGE')).statusCode, 413);
});
